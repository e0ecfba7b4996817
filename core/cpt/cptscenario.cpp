#include "core/cpt/cptscenario.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace losscast::core::cpt {

namespace {
constexpr double kPi = 3.14159265358979323846;
}

std::string toString(DecayShape shape)
{
    switch (shape) {
    case DecayShape::Constant:
        return "constant";
    case DecayShape::Cosine:
        return "cosine";
    case DecayShape::Linear:
        return "linear";
    case DecayShape::Wsd:
        return "wsd";
    }
    return "cosine";
}

std::optional<DecayShape> decayShapeFromString(const std::string& s)
{
    for (auto d : {DecayShape::Constant, DecayShape::Cosine, DecayShape::Linear, DecayShape::Wsd})
        if (toString(d) == s)
            return d;
    return std::nullopt;
}

double Phase::lrAt(std::int64_t i) const
{
    if (warmupSteps > 0 && i <= warmupSteps)
        return warmupStart +
               (peakLr - warmupStart) * static_cast<double>(i) / static_cast<double>(warmupSteps);
    const double fin = finalFraction * peakLr;
    const std::int64_t len = std::max<std::int64_t>(steps - warmupSteps, 1);
    const double u = static_cast<double>(i - warmupSteps) / static_cast<double>(len);
    switch (shape) {
    case DecayShape::Constant:
        return peakLr;
    case DecayShape::Cosine:
        return fin + (peakLr - fin) * 0.5 * (1.0 + std::cos(kPi * u));
    case DecayShape::Linear:
        return peakLr + (fin - peakLr) * u;
    case DecayShape::Wsd: {
        const auto d = std::max<std::int64_t>(1, std::llround(decayFraction * static_cast<double>(len)));
        const std::int64_t begin = steps - d;
        if (i <= begin)
            return peakLr;
        return peakLr + (fin - peakLr) * static_cast<double>(i - begin) / static_cast<double>(d);
    }
    }
    return peakLr;
}

double CptScenario::lossPotential() const
{
    if (!ptLr.empty()) {
        const double peak = *std::max_element(ptLr.begin(), ptLr.end());
        return peak > 0.0 ? ptLr.back() / peak : 1.0;
    }
    return pt.shape == DecayShape::Constant ? 1.0 : pt.finalFraction;
}

std::string CptScenario::validate() const
{
    for (const Phase* p : {&pt, &cpt}) {
        const char* which = p == &pt ? "PT" : "CPT";
        if (p->steps < 1 || p->steps > 50'000'000)
            return std::string(which) + " steps must be in 1..50000000";
        if (p->warmupSteps < 0 || p->warmupSteps > p->steps)
            return std::string(which) + " warmup steps must be in 0..steps";
        if (!(p->peakLr >= 0.0) || !std::isfinite(p->peakLr) || !(p->warmupStart >= 0.0) ||
            !std::isfinite(p->warmupStart))
            return std::string(which) + " learning rates must be finite and >= 0";
        if (!(p->finalFraction >= 0.0 && p->finalFraction <= 1.0))
            return std::string(which) + " final LR fraction must be in [0, 1]";
        if (!(p->decayFraction > 0.0 && p->decayFraction <= 1.0))
            return std::string(which) + " decay fraction must be in (0, 1]";
    }
    if (!ptLr.empty()) {
        if (static_cast<std::int64_t>(ptLr.size()) != pt.steps)
            return "imported PT schedule has " + std::to_string(ptLr.size()) + " LRs for " +
                   std::to_string(pt.steps) + " PT steps";
        for (std::size_t i = 0; i < ptLr.size(); ++i)
            if (!(ptLr[i] >= 0.0) || !std::isfinite(ptLr[i]))
                return "imported PT schedule: LR of step " + std::to_string(i + 1) +
                       " must be finite and >= 0";
        if (!(*std::max_element(ptLr.begin(), ptLr.end()) > 0.0))
            return "imported PT schedule: every LR is 0";
    }
    if (!(pt.peakLr > 0.0))
        return "PT peak LR must be > 0";
    if (!(replay >= 0.0 && replay <= 1.0))
        return "replay ratio must be in [0, 1]";
    return {};
}

std::string CptScenario::setPtLr(std::span<const double> lr, std::int64_t warmupSteps)
{
    if (lr.size() < 2)
        return "the PT schedule needs the LR of at least one step after step 0";
    if (lr.size() - 1 > 50'000'000u)
        return std::to_string(lr.size() - 1) + " PT steps; at most 50,000,000";
    CptScenario s = *this;
    s.ptLr.assign(lr.begin() + 1, lr.end());
    s.pt.steps = static_cast<std::int64_t>(s.ptLr.size());
    s.pt.warmupSteps = std::clamp<std::int64_t>(warmupSteps, 0, s.pt.steps);
    s.pt.warmupStart = std::isfinite(lr[0]) && lr[0] >= 0.0 ? lr[0] : 0.0;
    double peak = 0.0;
    for (double v : s.ptLr)
        if (std::isfinite(v))
            peak = std::max(peak, v);
    s.pt.peakLr = peak;
    if (auto why = s.validate(); !why.empty())
        return why;
    *this = std::move(s);
    return {};
}

std::vector<double> CptScenario::ptSchedule() const
{
    if (ptLr.empty())
        return {};
    std::vector<double> lr;
    lr.reserve(ptLr.size() + 1);
    lr.push_back(pt.warmupStart);
    lr.insert(lr.end(), ptLr.begin(), ptLr.end());
    return lr;
}

ScheduleInput CptScenario::schedule() const
{
    if (const auto why = validate(); !why.empty())
        throw std::invalid_argument("cpt scenario: " + why);
    ScheduleInput s;
    s.warmupSteps = pt.warmupSteps;
    s.lr.resize(static_cast<std::size_t>(totalSteps()) + 1);
    s.lr[0] = pt.warmupStart;
    for (std::int64_t i = 1; i <= pt.steps; ++i)
        s.lr[static_cast<std::size_t>(i)] = ptLr.empty() ? pt.lrAt(i) : ptLr[static_cast<std::size_t>(i - 1)];
    for (std::int64_t i = 1; i <= cpt.steps; ++i)
        s.lr[static_cast<std::size_t>(pt.steps + i)] = cpt.lrAt(i);
    return s;
}

std::vector<std::int64_t> CptScenario::sampleSteps(int points) const
{
    const std::int64_t total = totalSteps();
    std::vector<std::int64_t> steps;
    points = std::max(points, 2);
    for (int k = 1; k <= points; ++k)
        steps.push_back(std::max<std::int64_t>(1, total * k / points));
    steps.push_back(switchStep());
    std::sort(steps.begin(), steps.end());
    steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
    return steps;
}

ScenarioPrediction predictScenario(const CptFit& general, const CptFit& domain, const CptScenario& scenario,
                                   const std::vector<std::int64_t>& steps)
{
    const ScheduleInput sch = scenario.schedule();
    ScenarioPrediction p;
    p.steps = steps;
    const auto S = scenario.switchStep();
    // One pass of areas per fit (the two fits may use different λ): evaluate both parts from the same
    // features.
    for (const CptFit* fit : {&general, &domain}) {
        const CptLaw law(fit->law);
        const CptFeatures f = phaseAreas(sch, S, steps, fit->law.lambda, fit->law.warmupAsPeak,
                                         scenario.replay, scenario.modelSizeMillions);
        std::vector<double> full(steps.size()), hidden(steps.size());
        law.evaluate(f, fit->params, full, nullptr, CptPart::Full);
        law.evaluate(f, fit->params, hidden, nullptr, CptPart::HiddenPt);
        if (fit == &general) {
            p.general = std::move(full);
            p.generalHidden = std::move(hidden);
        } else {
            p.domain = std::move(full);
            p.domainHidden = std::move(hidden);
        }
    }
    return p;
}

GeneralTurn generalTurn(const CptFit& general, const CptScenario& scenario)
{
    // Coarse scan (≤ 1000 points) to locate the peak and the return to the switch value, then every step in
    // the two coarse intervals around each: the same answer as a scan of every step for curves that do not
    // wiggle within one coarse interval (the law is smooth in t), at a fraction of the cost (the view calls
    // this per frame).
    const auto S = scenario.switchStep();
    const std::int64_t n = scenario.cpt.steps;
    const ScheduleInput sch = scenario.schedule();
    auto eval = [&](const std::vector<std::int64_t>& steps) {
        return predictCpt(general, sch, S, steps, scenario.replay, scenario.modelSizeMillions);
    };
    const std::int64_t stride = std::max<std::int64_t>(1, n / 1000);
    std::vector<std::int64_t> coarse;
    for (std::int64_t t = S; t <= S + n; t += stride)
        coarse.push_back(t);
    if (coarse.back() != S + n)
        coarse.push_back(S + n);
    const auto yc = eval(coarse);
    auto refine = [&](std::size_t k) {
        std::vector<std::int64_t> fine;
        const std::int64_t from = coarse[k == 0 ? 0 : k - 1], to = coarse[std::min(k + 1, coarse.size() - 1)];
        for (std::int64_t t = std::max<std::int64_t>(from, S); t <= to; ++t)
            fine.push_back(t);
        return std::pair{fine, eval(fine)};
    };
    GeneralTurn g;
    g.lossAtSwitch = yc[0];
    std::size_t peak = 0;
    for (std::size_t k = 1; k < yc.size(); ++k)
        if (yc[k] > yc[peak])
            peak = k;
    {
        const auto [fs, fy] = refine(peak);
        std::size_t best = 0;
        for (std::size_t k = 1; k < fy.size(); ++k)
            if (fy[k] > fy[best])
                best = k;
        g.peakStep = fs[best];
        g.peakLoss = std::max(fy[best], yc[peak]);
        if (fy[best] < yc[peak]) // the coarse point itself is the highest
            g.peakStep = coarse[peak];
    }
    g.turningLength = g.peakStep - S;
    for (std::size_t k = std::max<std::size_t>(peak, 1); k < yc.size(); ++k)
        if (yc[k] <= g.lossAtSwitch) {
            const auto [fs, fy] = refine(k);
            for (std::size_t j = 0; j < fs.size(); ++j)
                if (fs[j] > g.peakStep && fy[j] <= g.lossAtSwitch) {
                    g.criticalStep = fs[j];
                    break;
                }
            if (!g.criticalStep)
                g.criticalStep = coarse[k];
            break;
        }
    return g;
}

std::optional<OodFit> fitOod(const std::vector<double>& general, const std::vector<double>& domain,
                             const std::vector<double>& ood, bool withIntercept)
{
    const std::size_t n = ood.size();
    const int p = withIntercept ? 3 : 2;
    if (general.size() != n || domain.size() != n || n < static_cast<std::size_t>(p))
        return std::nullopt;
    Eigen::MatrixXd X(static_cast<Eigen::Index>(n), p);
    Eigen::VectorXd y(static_cast<Eigen::Index>(n));
    for (std::size_t i = 0; i < n; ++i) {
        const auto r = static_cast<Eigen::Index>(i);
        X(r, 0) = general[i];
        X(r, 1) = domain[i];
        if (withIntercept)
            X(r, 2) = 1.0;
        y(r) = ood[i];
    }
    if (!X.allFinite() || !y.allFinite())
        return std::nullopt;
    const auto qr = X.colPivHouseholderQr();
    if (qr.rank() < p)
        return std::nullopt;
    const Eigen::VectorXd w = qr.solve(y);
    OodFit f;
    f.wGeneral = w(0);
    f.wDomain = w(1);
    f.intercept = withIntercept ? w(2) : 0.0;
    f.points = n;
    const Eigen::VectorXd res = y - X * w;
    f.maxAbsError = res.cwiseAbs().maxCoeff();
    const double mean = y.mean();
    const double ssTot = (y.array() - mean).square().sum();
    f.r2 = ssTot > 0.0 ? 1.0 - res.squaredNorm() / ssTot : std::numeric_limits<double>::quiet_NaN();
    return f;
}

} // namespace losscast::core::cpt
