#include "core/fit/modelselect.h"

#include <chrono>
#include <limits>

namespace losscast::core::fit {

ModelChoice chooseCurveLaw(const std::vector<Curve>& train,
                           const std::vector<std::shared_ptr<const CurveLaw>>& laws, const Options& options,
                           const Control& control)
{
    using Clock = std::chrono::steady_clock;
    ModelChoice out;
    const bool validate = train.size() >= 2;
    out.criterion = validate ? "leave-one-curve-out mean PredE"
                             : "training cost (one training curve: nothing to hold out)";
    const std::size_t fitsPerLaw = 1 + (validate ? train.size() : 0);
    const double totalFits = double(fitsPerLaw * laws.size());
    std::size_t done = 0;
    auto cancelled = [&] { return control.isCancelled && control.isCancelled(); };

    for (const auto& lawPtr : laws) {
        const CurveLaw& law = *lawPtr;
        const auto t0 = Clock::now();
        LawCandidate c;
        c.law = law.id();
        auto sub = [&](const std::string& what) {
            Control s;
            s.isCancelled = control.isCancelled;
            if (control.progress) {
                const double base = double(done);
                s.progress = [&, base, what](double f, const std::string&) {
                    control.progress((base + f) / totalFits, law.id() + ": " + what);
                };
            }
            return s;
        };
        if (cancelled()) {
            c.message = "cancelled";
            out.candidates.push_back(std::move(c));
            continue;
        }
        const LawSettings settings = law.defaultSettings();
        c.fit = fitCurves(law, train, settings, options, sub("fit on all curves"));
        ++done;
        c.usable = c.fit.summary.isUsable();
        if (!c.usable)
            c.message = "fit on all training curves: " + c.fit.summary.message;
        for (std::size_t k = 0; validate && c.usable && k < train.size(); ++k) {
            if (cancelled()) {
                c.usable = false;
                c.message = "cancelled";
                break;
            }
            std::vector<Curve> rest;
            for (std::size_t j = 0; j < train.size(); ++j)
                if (j != k)
                    rest.push_back(train[j]);
            const CurveFit f = fitCurves(law, rest, settings, options, sub("holding out " + train[k].name));
            ++done;
            if (!f.summary.isUsable()) {
                c.usable = false;
                c.message = "fit without '" + train[k].name + "': " + f.summary.message;
                break;
            }
            try {
                const auto pred = predict(law, f.params, train[k].schedule, train[k].steps, f.settings);
                c.folds.push_back(computeMetrics(pred, train[k].loss));
                c.heldOut.push_back(train[k].name);
            } catch (const std::exception& e) {
                c.usable = false;
                c.message = "predicting '" + train[k].name + "': " + e.what();
                break;
            }
        }
        if (c.usable && !c.folds.empty())
            c.validation = average(c.folds);
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
    return out;
}

} // namespace losscast::core::fit
