// The Model dock's words on a fit (see fitfindings.h).
#include "app/gui/fitfindings.h"

#include <QStringList>

namespace losscast::app {

namespace {

QString lawName(const std::string& id)
{
    return QString::fromStdString(id).toUpper();
}

} // namespace

QString FitFindings::choice(const FitResult& fit)
{
    if (!fit.choice || fit.choice->chosen < 0 ||
        std::size_t(fit.choice->chosen) >= fit.choice->candidates.size())
        return {};
    const auto& c = *fit.choice;
    const QString chosen = lawName(c.candidates[std::size_t(c.chosen)].law);
    QStringList scores;
    for (const auto& cand : c.candidates)
        scores << (cand.usable
                       ? QStringLiteral("%1 %2").arg(lawName(cand.law)).arg(cand.validation.predE, 0, 'f', 4)
                       : tr("%1 not usable").arg(lawName(cand.law)));
    switch (c.rule) {
    case core::fit::ModelChoice::Rule::TrainingCost:
        return tr("Auto chose %1 by training cost: the runs are too short to hold points out for validation.")
            .arg(chosen);
    case core::fit::ModelChoice::Rule::AnnealsBeyond: {
        const QString folds = c.foldsChoice >= 0 && std::size_t(c.foldsChoice) < c.candidates.size()
                                  ? lawName(c.candidates[std::size_t(c.foldsChoice)].law)
                                  : tr("none");
        return tr("Auto chose %1: the hold-out runs or scenarios anneal the LR further than any fitted run, "
                  "which no validation fold can test; there MPL, its loss-drop shape held at the paper's "
                  "means, "
                  "forecasts better (the folds alone would choose %2; held-out PredE %3).")
            .arg(chosen, folds, scores.join(QStringLiteral(" · ")));
    }
    case core::fit::ModelChoice::Rule::HeldOut:
        break;
    }
    return tr("Auto chose %1: the lowest mean held-out PredE over %n validation fold(s) (%2).", "",
              int(c.folds))
        .arg(chosen, scores.join(QStringLiteral(" · ")));
}

QStringList FitFindings::warnings(const FitResult& fit)
{
    QStringList out;
    for (const auto& w : fit.warnings) {
        if (w.code == core::fit::kWarnParamAtBound && !w.parameter.empty())
            out << tr("%1 rests on a bound of its range (%2): the runs do not pin it down, so forecasts that "
                      "depend on it are guesses. Add runs with other schedules (a cooldown, a longer run) or "
                      "fix "
                      "it in the table.")
                       .arg(QString::fromStdString(w.parameter))
                       .arg(w.value, 0, 'g', 4);
        else if (w.code == core::fit::kWarnDropSaturated && w.value > 0.0)
            out << tr("The loss-drop term has saturated (C = %1): C and β are not identified, so forecasts "
                      "of "
                      "other cooldowns are unreliable. Add a run with another cooldown shape or length.")
                       .arg(w.value, 0, 'g', 4);
        else if (w.code == core::fit::kWarnSingularCovariance)
            out << tr(
                "The fit's covariance is singular: some parameter combinations are not determined by the "
                "runs, so standard errors and the prediction band are missing.");
        else
            out << QString::fromStdString(w.message);
    }
    return out;
}

QString FitFindings::html(const FitResult& fit)
{
    QStringList parts;
    if (const QString c = choice(fit); !c.isEmpty())
        parts << c.toHtmlEscaped();
    if (!fit.notes.empty())
        parts << QStringLiteral("<span style='color:gray'>%1</span>")
                     .arg(tr("The best fit's loss-drop term had saturated; a fit of near-equal cost with C "
                             "bounded below saturation was kept.")
                              .toHtmlEscaped());
    for (const QString& w : warnings(fit))
        parts << QStringLiteral("<span style='color:#b9770e'>⚠ %1</span>").arg(w.toHtmlEscaped());
    return parts.join(QStringLiteral("<br>"));
}

} // namespace losscast::app
