#include "core/fit/modelselect.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>

namespace losscast::core::fit {

namespace {

/// The points of `c` at steps ≤ cut (schedule cut there too) or > cut (whole schedule).
Curve part(const Curve& c, std::int64_t cut, bool head)
{
    Curve out;
    out.name = c.name;
    out.source = c.source;
    out.schedule = c.schedule;
    if (head)
        out.schedule.lr.resize(std::min(out.schedule.lr.size(), static_cast<std::size_t>(cut) + 1));
    for (std::size_t i = 0; i < c.steps.size(); ++i)
        if ((c.steps[i] <= cut) == head) {
            out.steps.push_back(c.steps[i]);
            out.loss.push_back(c.loss[i]);
        }
    return out;
}

} // namespace

std::vector<ValidationFold> validationFolds(const std::vector<Curve>& train)
{
    std::vector<ValidationFold> folds;
    if (train.size() >= 2)
        for (std::size_t k = 0; k < train.size(); ++k) {
            ValidationFold f;
            f.name = "leave out " + train[k].name;
            for (std::size_t j = 0; j < train.size(); ++j)
                if (j != k)
                    f.train.push_back(train[j]);
            f.test.push_back(train[k]);
            folds.push_back(std::move(f));
        }
    ValidationFold h;
    h.name = "horizon: first 60 % of each run";
    for (const auto& c : train) {
        if (c.steps.empty())
            return folds;
        const auto cut = static_cast<std::int64_t>(kHorizonFoldShare * double(c.steps.back()));
        Curve head = part(c, cut, true), tail = part(c, cut, false);
        if (head.steps.size() < 8 || tail.steps.size() < 3)
            return folds;
        h.train.push_back(std::move(head));
        h.test.push_back(std::move(tail));
    }
    if (!h.train.empty())
        folds.push_back(std::move(h));
    return folds;
}

std::string validationCriterion(const std::vector<ValidationFold>& folds)
{
    std::size_t loro = 0, horizon = 0;
    for (const auto& f : folds)
        (f.name.rfind("leave out", 0) == 0 ? loro : horizon) += 1;
    std::string s = "mean held-out PredE over " + std::to_string(folds.size()) + " fold" +
                    (folds.size() == 1 ? "" : "s") + " (";
    if (loro)
        s += std::to_string(loro) + " leave-one-run-out";
    if (horizon)
        s += std::string(loro ? ", " : "") + std::to_string(horizon) +
             " horizon: fit the first 60 % of each run";
    return s + ")";
}

CrossValidation crossValidate(const CurveLaw& law, const LawSettings& settings,
                              const std::vector<ValidationFold>& folds, const Options& options,
                              const Control& control)
{
    CrossValidation cv;
    double sq = 0.0;
    for (std::size_t k = 0; k < folds.size(); ++k) {
        if (control.isCancelled && control.isCancelled()) {
            cv.message = "cancelled";
            return cv;
        }
        Control sub;
        sub.isCancelled = control.isCancelled;
        if (control.progress)
            sub.progress = [&, k](double f, const std::string&) {
                control.progress((double(k) + f) / double(folds.size()), folds[k].name);
            };
        const CurveFit f = fitCurves(law, folds[k].train, settings, options, sub);
        if (!f.summary.isUsable()) {
            cv.message = folds[k].name + ": " + f.summary.message;
            return cv;
        }
        std::vector<Metrics> per;
        double foldSq = 0.0;
        std::size_t foldPoints = 0;
        try {
            for (const auto& t : folds[k].test) {
                const auto pred = predict(law, f.params, t.schedule, t.steps, f.settings);
                per.push_back(computeMetrics(pred, t.loss));
                for (std::size_t i = 0; i < pred.size(); ++i) {
                    const double e = pred[i] / t.loss[i] - 1.0;
                    sq += e * e;
                    foldSq += e * e;
                }
                cv.points += pred.size();
                foldPoints += pred.size();
            }
        } catch (const std::exception& e) {
            cv.message = folds[k].name + ": " + e.what();
            return cv;
        }
        cv.folds.push_back(average(per));
        cv.foldRms.push_back(foldPoints ? std::sqrt(foldSq / double(foldPoints)) : 0.0);
        cv.heldOut.push_back(folds[k].name);
    }
    cv.ok = true;
    if (!cv.folds.empty())
        cv.mean = average(cv.folds);
    cv.relRms = cv.points ? std::sqrt(sq / double(cv.points)) : 0.0;
    return cv;
}

ValidatedFit fitValidated(const CurveLaw& law, const std::vector<Curve>& train, const LawSettings& settings,
                          const std::vector<ValidationFold>& folds, bool validate, const Options& options,
                          const Control& control)
{
    ValidatedFit out;
    const auto grid = law.settingsGrid(settings);
    out.gridPoints = grid.size();
    if (grid.size() <= 1 || folds.empty()) {
        out.fit = fitCurves(law, train, settings, options, control);
        if (validate && !folds.empty() && out.fit.summary.isUsable())
            out.validation = crossValidate(law, out.fit.settings, folds, options, control);
        return out;
    }
    double best = std::numeric_limits<double>::infinity();
    std::size_t chosen = 0;
    for (std::size_t g = 0; g < grid.size(); ++g) {
        Control sub;
        sub.isCancelled = control.isCancelled;
        if (control.progress)
            sub.progress = [&, g](double f, const std::string& what) {
                control.progress((double(g) + f) / double(grid.size() + 1), what);
            };
        CrossValidation cv = crossValidate(law, grid[g], folds, options, sub);
        if (cv.ok && cv.mean.predE < best) { // ties: the first point
            best = cv.mean.predE;
            chosen = g;
            out.validation = std::move(cv);
        }
    }
    out.fit = fitCurves(law, train, grid[chosen], options, control);
    return out;
}

LawSettings forecastDefaults(const CurveLaw& law)
{
    LawSettings s = law.defaultSettings();
    if (law.id() == "mtl")
        s["lambda_grid"] = 1.0;
    return s;
}

LawSettings forecastSettings(const CurveLaw& law, const LawSettings& overrides)
{
    LawSettings s = forecastDefaults(law);
    for (const auto& [k, v] : overrides)
        s[k] = v;
    if (law.id() == "mtl" && overrides.count("lambda") && !overrides.count("lambda_grid"))
        s["lambda_grid"] = 0.0;
    return s;
}

double lowestTargetLr(const std::vector<Curve>& targets)
{
    double lowest = std::numeric_limits<double>::quiet_NaN();
    auto take = [&](double lr) {
        if (std::isfinite(lr) && !(lr >= lowest))
            lowest = lr;
    };
    for (const auto& c : targets) {
        const auto& lr = c.schedule.lr;
        if (!c.steps.empty()) {
            for (const auto s : c.steps)
                if (s >= 0 && static_cast<std::size_t>(s) < lr.size())
                    take(lr[static_cast<std::size_t>(s)]);
        } else {
            for (std::size_t i = static_cast<std::size_t>(std::max<std::int64_t>(c.schedule.warmupSteps, 1));
                 i < lr.size(); ++i)
                take(lr[i]);
        }
    }
    return lowest;
}

namespace {

/// The training runs' peak LR and their lowest LR at a fitted point after each run first reaches its peak
/// (so a warmup logged from step 0 does not count as annealing); lowest is +inf without such a point.
void trainingLrRange(const std::vector<Curve>& train, double& peak, double& lowest)
{
    peak = 0.0;
    lowest = std::numeric_limits<double>::infinity();
    for (const auto& c : train) {
        const auto& lr = c.schedule.lr;
        std::size_t top = 0;
        for (std::size_t i = 0; i < lr.size(); ++i)
            if (std::isfinite(lr[i]) && lr[i] > lr[top])
                top = i;
        if (!lr.empty() && std::isfinite(lr[top]))
            peak = std::max(peak, lr[top]);
        for (const auto s : c.steps)
            if (s >= 0 && static_cast<std::size_t>(s) >= top && static_cast<std::size_t>(s) < lr.size())
                lowest = std::min(lowest, lr[static_cast<std::size_t>(s)]);
    }
}

} // namespace

bool trainingAnnealed(const std::vector<Curve>& train)
{
    double peak = 0.0, lowest = 0.0;
    trainingLrRange(train, peak, lowest);
    return peak > 0.0 && lowest <= (1.0 - kSeenAnneal) * peak;
}

bool annealsBeyondTraining(const std::vector<Curve>& train, double targetLr, std::string* why)
{
    if (!std::isfinite(targetLr))
        return false;
    double peak = 0.0, lowest = 0.0;
    trainingLrRange(train, peak, lowest);
    if (!(peak > 0.0) || !std::isfinite(lowest))
        return false;
    const bool further = lowest - targetLr > kUnseenAnneal * peak;
    if (trainingAnnealed(train) && further && why) {
        char b[160];
        std::snprintf(b, sizeof b,
                      "the forecast anneals the LR to %.3g of its peak, the training runs only to %.3g",
                      targetLr / peak, lowest / peak);
        *why = b;
    }
    return trainingAnnealed(train) && further;
}

double CrossValidation::medianFoldRms() const
{
    if (foldRms.empty())
        return 0.0;
    std::vector<double> v = foldRms;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

ModelChoice chooseCurveLaw(const std::vector<Curve>& train,
                           const std::vector<std::shared_ptr<const CurveLaw>>& laws, const Options& options,
                           const Control& control, const std::map<std::string, LawSettings>& settings,
                           double targetLr)
{
    using Clock = std::chrono::steady_clock;
    ModelChoice out;
    const auto folds = validationFolds(train);
    const bool validate = !folds.empty();
    out.criterion = validate ? validationCriterion(folds) : "training cost (too few points to hold any out)";
    out.rule = validate ? ModelChoice::Rule::HeldOut : ModelChoice::Rule::TrainingCost;
    out.folds = folds.size();
    const double totalFits = double((1 + folds.size()) * laws.size());
    std::size_t done = 0;
    auto cancelled = [&] { return control.isCancelled && control.isCancelled(); };

    for (const auto& lawPtr : laws) {
        const CurveLaw& law = *lawPtr;
        const auto t0 = Clock::now();
        LawCandidate c;
        c.law = law.id();
        if (cancelled()) {
            c.message = "cancelled";
            out.candidates.push_back(std::move(c));
            continue;
        }
        const auto it = settings.find(law.id());
        const LawSettings s = forecastSettings(law, it != settings.end() ? it->second : LawSettings{});
        Control sub;
        sub.isCancelled = control.isCancelled;
        const double base = double(done);
        if (control.progress)
            sub.progress = [&, base](double f, const std::string& what) {
                control.progress((base + f * double(1 + folds.size())) / totalFits, law.id() + ": " + what);
            };
        const ValidatedFit vf = fitValidated(law, train, s, folds, validate, options, sub);
        done += 1 + folds.size();
        c.fit = vf.fit;
        c.usable = c.fit.summary.isUsable();
        if (!c.usable)
            c.message = "fit on all training curves: " + c.fit.summary.message;
        if (validate && c.usable) {
            const CrossValidation& cv = vf.validation;
            c.usable = cv.ok;
            c.message = cv.ok ? "" : cv.message;
            c.folds = cv.folds;
            c.heldOut = cv.heldOut;
            c.validation = cv.mean;
            c.relRms = cv.relRms;
            c.medianFoldRms = cv.medianFoldRms();
        }
        c.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
        out.candidates.push_back(std::move(c));
    }

    double best = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < out.candidates.size(); ++i) {
        const auto& c = out.candidates[i];
        if (!c.usable)
            continue;
        const double score = validate ? c.validation.predE : c.fit.summary.finalCost;
        if (score < best) { // ties: the earlier law (menu order)
            best = score;
            out.chosen = static_cast<int>(i);
        }
    }
    // A forecast past the training runs' annealing: no fold can test it; MPL (file comment).
    std::string why;
    if (annealsBeyondTraining(train, targetLr, &why))
        for (std::size_t i = 0; i < out.candidates.size(); ++i)
            if (out.candidates[i].law == "mpl" && out.candidates[i].usable) {
                const bool agree = out.chosen == static_cast<int>(i);
                out.criterion = "MPL (loss-drop shape held at the paper's means): " + why +
                                ", which no held-out fold can test (" + out.criterion +
                                (agree ? " agrees)"
                                       : " would choose " +
                                             out.candidates[std::size_t(std::max(out.chosen, 0))].law + ")");
                out.foldsChoice = out.chosen;
                out.chosen = static_cast<int>(i);
                out.rule = ModelChoice::Rule::AnnealsBeyond;
                break;
            }
    return out;
}

} // namespace losscast::core::fit
