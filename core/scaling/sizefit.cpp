#include "core/scaling/sizefit.h"

#include <Eigen/Dense>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>

namespace losscast::core::scaling {

namespace {

std::string sizeText(double n)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%gM", n);
    return buf;
}

std::string numText(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

double setting(const LawSettings& s, const char* key, double fallback)
{
    const auto it = s.find(key);
    return it == s.end() ? fallback : it->second;
}

fit::CurveFit failed(const CurveLaw& law, const LawSettings& settings, const std::string& why)
{
    fit::CurveFit f;
    f.law = law.id();
    for (const auto& pi : law.parameters())
        f.names.push_back(pi.name);
    f.settings = settings;
    f.summary.status = fit::Status::Failed;
    f.summary.message = why;
    return f;
}

} // namespace

std::vector<double> distinctSizes(const std::vector<Curve>& curves)
{
    std::vector<double> sizes;
    for (const auto& c : curves)
        sizes.push_back(c.schedule.modelSize);
    std::sort(sizes.begin(), sizes.end());
    sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
    return sizes;
}

std::vector<FitWarning> flatDirections(const CurveLaw& law, std::span<const double> params,
                                       const LawSettings& settings, const std::vector<Curve>& curves,
                                       const std::vector<bool>& skip)
{
    const auto info = law.parameters();
    const std::size_t p = info.size();
    std::vector<std::size_t> cols;
    for (std::size_t j = 0; j < p; ++j)
        if (j >= skip.size() || !skip[j])
            cols.push_back(j);
    std::vector<FitWarning> out;
    if (cols.empty() || params.size() != p)
        return out;
    // Rows: ∂ log ŷ / ∂θ over every point (the log-Huber objective's Gauss–Newton matrix up to weights).
    std::vector<double> rows;
    std::size_t n = 0;
    try {
        for (const auto& c : curves) {
            const auto f = law.prepare(c.schedule, c.steps, settings);
            std::vector<double> y(f->size()), jac(f->size() * p);
            law.evaluate(*f, params, y, jac.data());
            for (std::size_t i = 0; i < y.size(); ++i) {
                if (!(y[i] > 0.0))
                    return out;
                for (std::size_t j : cols)
                    rows.push_back(jac[i * p + j] / y[i]);
                ++n;
            }
        }
    } catch (const std::exception&) {
        return out;
    }
    const auto m = static_cast<Eigen::Index>(cols.size());
    Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> J(
        rows.data(), static_cast<Eigen::Index>(n), m);
    Eigen::VectorXd norms = J.colwise().norm().transpose();
    Eigen::MatrixXd Js = J;
    for (Eigen::Index j = 0; j < m; ++j) {
        if (!(norms(j) > 0.0)) {
            out.push_back({"flat_direction", "the training curves do not depend on " + info[cols[j]].name +
                                                 " at all: it is not identified"});
            norms(j) = 1.0;
        }
        Js.col(j) /= norms(j);
    }
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(Js.transpose() * Js);
    if (eig.info() != Eigen::Success)
        return out;
    const double largest = eig.eigenvalues().maxCoeff();
    for (Eigen::Index k = 0; k < m; ++k) {
        const double lambda = eig.eigenvalues()(k);
        if (!(lambda < 1e-9 * largest))
            continue;
        const Eigen::VectorXd v = eig.eigenvectors().col(k);
        std::string names;
        for (Eigen::Index j = 0; j < m; ++j)
            if (std::abs(v(j)) > 0.2)
                names += (names.empty() ? "" : ", ") + info[cols[static_cast<std::size_t>(j)]].name;
        out.push_back(
            {"flat_direction", "the training cost is flat along a combination of " + names +
                                   " (scaled curvature " + numText(lambda / largest) +
                                   " of the largest): the data do not tell these parameters apart"});
    }
    return out;
}

SizeFit fitSizeLaw(const SizeAwareLaw& law, const std::vector<Curve>& curves, LawSettings settings,
                   const fit::Options& options, const fit::Control& control)
{
    SizeFit out;
    for (const auto& [k, v] : law.defaultSettings())
        settings.emplace(k, v);
    out.sizes = distinctSizes(curves);
    for (double n : out.sizes)
        if (!(n > 0.0) || !std::isfinite(n)) {
            out.fit = failed(law, settings,
                             "every curve needs a model size > 0 (FILE@size=N, N in millions of parameters)");
            return out;
        }
    if (out.sizes.size() < 2) {
        out.fit =
            failed(law, settings,
                   "a size-aware law needs curves of at least two model sizes (all curves are " +
                       (out.sizes.empty() ? std::string("without a size") : sizeText(out.sizes.front())) +
                       "): one size says nothing about how the loss changes with N");
        return out;
    }
    const double prior = setting(settings, "size_exponent_prior", kSizeExponentPrior);
    const double lo = setting(settings, "size_exponent_min", kSizeExponentMin);
    const double hi = setting(settings, "size_exponent_max", kSizeExponentMax);
    const std::string exponentName = law.parameters()[law.termExponentIndex()].name;
    if (out.sizes.size() == 2) {
        settings["size_exponent_held"] = 1.0;
        settings["size_n1"] = out.sizes[0];
        settings["size_n2"] = out.sizes[1];
        out.exponentHeld = true;
        out.warnings.push_back(
            {"size_exponent_unidentified",
             "two model sizes (" + sizeText(out.sizes[0]) + ", " + sizeText(out.sizes[1]) +
                 ") do not identify the size exponent " + exponentName +
                 ": every value gives the same training "
                 "cost, while predictions for other sizes move with it. " +
                 exponentName + " is held at the prior " + numText(prior) +
                 " (Hoffmann et al. 2022: 0.34, Besiroglu et al. 2024: 0.35) and the band covers " +
                 exponentName + " in [" + numText(lo) + ", " + numText(hi) +
                 "]; give a third size to fit it"});
    } else {
        out.exponentHeld = setting(settings, "size_exponent_held", 0.0) >= 0.5;
        settings["size_n1"] = 0.0;
        settings["size_n2"] = 0.0;
    }
    settings["size_min"] = out.sizes.front();
    settings["size_max"] = out.sizes.back();
    out.fit = fit::fitCurves(law, curves, settings, options, control);
    if (!out.fit.summary.isUsable())
        return out;

    // Flat directions over the parameters the law's base does not hold by its own settings (MPL's shape
    // parameters), the size exponent included even when held: that is where two sizes are flat.
    std::vector<bool> skip(out.fit.params.size(), false);
    LawSettings unheldExponent = out.fit.settings;
    unheldExponent["size_exponent_held"] = 0.0;
    for (const auto& h : law.heldParameters(unheldExponent))
        if (h.index < skip.size())
            skip[h.index] = true;
    for (auto& w : flatDirections(law, out.fit.params, out.fit.settings, curves, skip))
        out.warnings.push_back(std::move(w));

    if (!out.exponentHeld) {
        const double se = out.fit.stderrs.size() > law.termExponentIndex()
                              ? out.fit.stderrs[law.termExponentIndex()]
                              : std::numeric_limits<double>::quiet_NaN();
        if (!(se <= 0.5 * (hi - lo)))
            out.warnings.push_back(
                {"size_exponent_weak", "the size exponent " + exponentName + " = " +
                                           numText(out.fit.params[law.termExponentIndex()]) +
                                           " is weakly determined by these sizes (standard error " +
                                           numText(se) +
                                           "); predictions far outside the fitted sizes are uncertain"});
    }
    return out;
}

fit::PredictionBand sizeBand(const SizeAwareLaw& law, std::span<const double> params,
                             std::span<const double> covariance, const LawSettings& settings,
                             const ScheduleInput& schedule, std::span<const std::int64_t> steps, double level)
{
    fit::PredictionBand b = fit::deltaBand(law, params, covariance, schedule, steps, settings, level);
    // Model error: c · L̂ · d, with d the log-distance from the nearest end of the training sizes in units of
    // their log-span (1 = one more ladder step of the same ratio).
    const double c = setting(settings, "extrapolation_error", 0.0);
    const double nMin = setting(settings, "size_min", 0.0), nMax = setting(settings, "size_max", 0.0);
    const double n = schedule.modelSize;
    double d = 0.0;
    if (c > 0.0 && nMin > 0.0 && nMax > nMin && n > 0.0) {
        d = std::min(std::abs(std::log(n / nMin)), std::abs(std::log(n / nMax))) / std::log(nMax / nMin);
        if (d > 0.0)
            b.method += "+extrapolation";
    }
    // The prior range of a held size exponent, along the flat direction of a two-size fit.
    double down = 0.0, up = 0.0;
    if (setting(settings, "size_exponent_held", 0.0) >= 0.5) {
        const double lo = setting(settings, "size_exponent_min", kSizeExponentMin);
        const double hi = setting(settings, "size_exponent_max", kSizeExponentMax);
        constexpr int kGrid = 31;
        for (int i = 0; i < kGrid; ++i) {
            const double beta = lo + (hi - lo) * i / (kGrid - 1);
            const double s = law.flatShift(params, settings, n, beta);
            if (std::isfinite(s)) {
                down = std::min(down, s);
                up = std::max(up, s);
            }
        }
        b.method += "+prior-range";
    }
    // Both describe how wrong the size dependence may be; the larger of the two is added to the delta band
    // (adding both would count the size exponent's share twice).
    for (std::size_t i = 0; i < b.loss.size(); ++i) {
        const double model = c * b.loss[i] * d;
        const double l = std::isfinite(b.lower[i]) ? b.lower[i] : b.loss[i]; // no covariance: the rest alone
        const double u = std::isfinite(b.upper[i]) ? b.upper[i] : b.loss[i];
        b.lower[i] = l - std::max(model, -down);
        b.upper[i] = u + std::max(model, up);
    }
    return b;
}

BandCheck checkBand(const fit::PredictionBand& band, std::span<const double> observed)
{
    BandCheck c;
    const std::size_t n = std::min(observed.size(), band.loss.size());
    if (n == 0)
        return c;
    std::size_t inside = 0;
    double width = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        if (observed[i] >= band.lower[i] && observed[i] <= band.upper[i])
            ++inside;
        width += (band.upper[i] - band.lower[i]) / (2.0 * observed[i]);
    }
    c.coverage = static_cast<double>(inside) / static_cast<double>(n);
    c.relHalfWidth = width / static_cast<double>(n);
    return c;
}

SizeLawChoice chooseSizeLaw(const std::vector<Curve>& curves,
                            const std::vector<std::shared_ptr<const CurveLaw>>& laws,
                            const fit::Options& options, const fit::Control& control)
{
    using Clock = std::chrono::steady_clock;
    SizeLawChoice out;
    const auto sizes = distinctSizes(curves);
    const bool bySize = sizes.size() >= 3;
    out.criterion = bySize ? "leave-one-size-out mean PredE"
                           : "leave-one-curve-out mean PredE (two sizes: a fold with one size would identify "
                             "nothing about N)";
    auto cancelled = [&] { return control.isCancelled && control.isCancelled(); };
    for (const auto& lawPtr : laws) {
        const auto t0 = Clock::now();
        SizeLawCandidate c;
        c.law = lawPtr->id();
        const auto* law = dynamic_cast<const SizeAwareLaw*>(lawPtr.get());
        if (!law) {
            c.message = "not a size-aware law";
            out.candidates.push_back(std::move(c));
            continue;
        }
        c.fit = fitSizeLaw(*law, curves, law->defaultSettings(), options, control);
        c.usable = c.fit.fit.summary.isUsable();
        if (!c.usable)
            c.message = c.fit.fit.summary.message;
        // Folds: (held-out label, training curves, held-out curves).
        std::vector<std::pair<std::string, std::pair<std::vector<Curve>, std::vector<Curve>>>> folds;
        if (bySize) {
            for (double n : sizes) {
                std::vector<Curve> train, test;
                for (const auto& cv : curves)
                    (cv.schedule.modelSize == n ? test : train).push_back(cv);
                folds.push_back({"size=" + numText(n), {std::move(train), std::move(test)}});
            }
        } else {
            for (std::size_t k = 0; k < curves.size(); ++k) {
                std::vector<Curve> train;
                for (std::size_t j = 0; j < curves.size(); ++j)
                    if (j != k)
                        train.push_back(curves[j]);
                if (distinctSizes(train).size() < 2)
                    continue;
                folds.push_back({curves[k].name, {std::move(train), {curves[k]}}});
            }
        }
        std::vector<fit::Metrics> foldMetrics;
        for (const auto& [label, split] : folds) {
            if (!c.usable)
                break;
            if (cancelled()) {
                c.usable = false;
                c.message = "cancelled";
                break;
            }
            const SizeFit f = fitSizeLaw(*law, split.first, law->defaultSettings(), options, control);
            if (!f.fit.summary.isUsable()) {
                c.usable = false;
                c.message = "fold " + label + ": " + f.fit.summary.message;
                break;
            }
            std::vector<fit::Metrics> perCurve;
            for (const auto& t : split.second) {
                const auto pred = fit::predict(*law, f.fit.params, t.schedule, t.steps, f.fit.settings);
                perCurve.push_back(fit::computeMetrics(pred, t.loss));
            }
            c.heldOut.push_back(label);
            c.folds.push_back(fit::average(perCurve));
        }
        if (c.usable && c.folds.empty()) {
            c.usable = false;
            c.message = "no fold to validate on";
        }
        if (c.usable)
            c.validation = fit::average(c.folds);
        c.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
        out.candidates.push_back(std::move(c));
    }
    for (std::size_t i = 0; i < out.candidates.size(); ++i) {
        const auto& c = out.candidates[i];
        if (!c.usable || !std::isfinite(c.validation.predE))
            continue;
        if (out.chosen < 0 ||
            c.validation.predE < out.candidates[static_cast<std::size_t>(out.chosen)].validation.predE)
            out.chosen = static_cast<int>(i);
    }
    return out;
}

} // namespace losscast::core::scaling
