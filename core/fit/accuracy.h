#pragma once
/// \file
/// \brief The generalisation benchmark: every public curve set run through protocols that mirror users'
/// questions ("what loss will this run reach under that schedule?"), scored on runs the fit never saw.
///
/// Sets (folders under a curves directory, each skipped when absent): `mpl` (Luo et al. 2025's 25M and 100M
/// release), `schaipp` (Schaipp et al. 124M on SlimPajama at peak LR 5e-4 and 1e-3; validation loss with the
/// LR of the training log), `schaipp_owt2` (the openwebtext2 size ladder 60M / 93M / 166M) and `cpt_tiny`
/// (the tiny model's two pre-training runs, general-domain loss up to the switch at step 2000).
///
/// Protocols, where a set's runs allow them:
///  1. mpl-split: fit short constant + cosine + one WSD/step run, predict the other runs (the MPL paper's
///     split on `mpl`; the same shapes at the shortest length elsewhere);
///  2. horizon: fit runs of one length, predict the same schedules 1.5–2× longer;
///  3. cooldown: fit a few cooldown fractions / shapes, predict the others;
///  4. early-stop: fit the first 25 %, 35 %, 50 % of a run (and 36 % of the 72k cosine on `mpl`), predict the
///     rest of it;
///  5. loro: leave one run out of five, predict it from the other four (each fold is a case).
///
/// Points before max(2 × warmup, 5 % of the set's longest run) are dropped outside `mpl` (whose files already
/// start after the warmup): the laws describe the loss after the warmup, not the first few hundred steps.

#include "core/fit/curve.h"

#include <functional>
#include <string>
#include <vector>

namespace losscast::core::fit {

/// \brief One question: fit on `train`, predict every `test` curve from its own schedule.
struct AccuracyCase
{
    std::string set;      ///< e.g. "mpl-25M", "schaipp-124M-lr1e-3"
    std::string protocol; ///< "mpl-split", "horizon", "cooldown", "early-stop", "loro"
    std::string name;     ///< what distinguishes cases of one protocol ("25%", "held out cosine_24000")
    std::vector<Curve> train, test;
};

/// \brief The cases of every set found under `curvesDir` (e.g. ../shared/data/curves). Sets whose folder is
/// missing are skipped and named in `notes`; a file that does not read is named there too and its cases
/// dropped. Deterministic order.
std::vector<AccuracyCase> loadAccuracyCases(const std::string& curvesDir, std::vector<std::string>* notes);

/// \brief A method's answer on one case: the predicted loss and a 95 % band for every test curve.
struct MethodAnswer
{
    bool ok = false;
    std::string message;                    ///< why not ok
    std::string law;                        ///< the law used (auto: the chosen one)
    std::vector<std::vector<double>> loss;  ///< per test curve, at its steps
    std::vector<std::vector<double>> lower; ///< per test curve; empty = no band
    std::vector<std::vector<double>> upper; ///< per test curve; empty = no band
    std::vector<std::string> warningCodes;  ///< degeneracy warnings of the fit
};

using AccuracyMethod =
    std::function<MethodAnswer(const std::vector<Curve>& train, const std::vector<Curve>& test)>;

/// \brief Scores of one method on one case.
struct CaseScore
{
    bool ok = false;
    std::string message;
    std::string law;
    double predE = 0;     ///< mean over test curves of mean |L̂ − L|/L
    double worstE = 0;    ///< mean over test curves of max |L̂ − L|/L
    double coverage = 0;  ///< share of all test points inside the band (NaN without a band)
    double halfWidth = 0; ///< mean over test points of (upper − lower) / 2 / L (NaN without a band)
    double seconds = 0;   ///< wall time of the method (fit, validation and prediction)
    std::vector<std::string> warningCodes;
};

/// \brief Runs `method` on `c` and scores it. Never throws: an exception becomes ok = false with its text.
CaseScore scoreCase(const AccuracyCase& c, const AccuracyMethod& method);

/// \brief Coverage and mean relative half-width of a band over observed points (NaN when the band is empty
/// or sizes differ).
void bandScores(const std::vector<double>& observed, const std::vector<double>& lower,
                const std::vector<double>& upper, std::size_t& inside, std::size_t& counted, double& halfSum);

} // namespace losscast::core::fit
