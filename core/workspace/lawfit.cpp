// Fitting a document's runs through fit::forecast() (see lawfit.h).
#include "core/workspace/lawfit.h"

#include "core/fit/fixedlaw.h"

#include <algorithm>
#include <exception>

namespace losscast::core::workspace {

double forecastReach(const std::vector<Curve>& targets, const std::vector<Schedule>& scenarios)
{
    std::vector<Curve> all = targets;
    for (const auto& s : scenarios) {
        Curve c;
        try {
            c.schedule = s.toInput(); // no points: the whole schedule after its warmup counts
        } catch (const std::exception&) {
            continue; // a schedule that cannot be sampled says nothing about the reach
        }
        all.push_back(std::move(c));
    }
    return fit::lowestTargetLr(all);
}

fit::Forecast toForecast(const LawFitOutcome& outcome)
{
    fit::Forecast f;
    f.law = outcome.law;
    f.fit = outcome.fit;
    f.warnings = outcome.warnings;
    f.message = outcome.error;
    f.bandCovariance = outcome.bandCovariance;
    f.bandRelSigma = outcome.bandRelSigma;
    f.bandMethod = outcome.bandMethod;
    f.choice = outcome.choice;
    f.notes = outcome.notes;
    return f;
}

bool differsFromOwnHolding(const CurveLaw& law, const std::vector<bool>& fixed)
{
    if (fixed.empty())
        return false;
    std::vector<bool> held(fixed.size(), false);
    for (const auto& h : law.heldParameters(law.defaultSettings()))
        if (h.index < held.size())
            held[h.index] = true;
    return held != fixed;
}

LawFitOutcome fitLaw(const std::vector<Curve>& train, const LawFitRequest& request)
{
    LawFitOutcome out;
    if (train.empty()) {
        out.error = "no run is ticked for fitting";
        return out;
    }
    try {
        // The user's ticks decide alone when they differ from the law's own holding (MPL's β, γ): unticking a
        // held parameter frees it, even when nothing else is ticked.
        bool userFixed = false;
        if (request.lawId != "auto" && !request.fixed.empty())
            if (auto law = findCurveLaw(request.lawId))
                userFixed = differsFromOwnHolding(*law, request.fixed);
        if (userFixed) {
            // The user's "Fixed" ticks: the free parameters are fitted (with the forecast's settings, e.g.
            // MTL's λ chosen on the validation folds) and reported with the held ones.
            auto law = findCurveLaw(request.lawId);
            if (!law) {
                out.error = "unknown law '" + request.lawId + "'";
                return out;
            }
            if (request.fixed.size() != law->parameters().size() ||
                request.fixedValues.size() != request.fixed.size()) {
                out.error = "the fixed parameters do not match " + request.lawId + "'s parameters";
                return out;
            }
            const FixedParamsLaw reduced(law, request.fixedValues, request.fixed);
            const auto vf =
                fit::fitValidated(reduced, train, fit::forecastSettings(reduced, request.settings),
                                  fit::validationFolds(train), false, request.options, request.control);
            if (vf.fit.summary.isUsable())
                out.warnings = fit::fitWarnings(reduced, vf.fit, train);
            out.fit = reduced.expand(vf.fit);
            out.law = law;
        } else {
            fit::ForecastRequest req;
            req.law = request.lawId;
            if (request.lawId != "auto")
                req.settings[request.lawId] = request.settings;
            req.options = request.options;
            req.control = request.control;
            req.targetLr = request.targetLr;
            // The window draws the fit's own (delta) band; the held-out calibration is the CLI's.
            req.calibrateBand = request.calibrateBand;
            fit::Forecast f = fit::forecast(train, req);
            out.law = f.law;
            out.fit = std::move(f.fit);
            out.warnings = std::move(f.warnings);
            out.notes = std::move(f.notes);
            out.choice = std::move(f.choice);
            out.bandCovariance = std::move(f.bandCovariance);
            out.bandRelSigma = f.bandRelSigma;
            out.bandMethod = std::move(f.bandMethod);
            out.error = std::move(f.message);
            if (out.error.empty() && out.choice && out.choice->chosen < 0)
                out.error = "no law could be fitted";
        }
    } catch (const std::exception& e) {
        out.law = nullptr;
        out.error = e.what();
    }
    if (out.error.empty() && !out.fit.summary.isUsable())
        out.error = out.fit.summary.message.empty() ? "the fit did not converge" : out.fit.summary.message;
    return out;
}

} // namespace losscast::core::workspace
