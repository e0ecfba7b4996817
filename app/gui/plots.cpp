// The main window's plots: measured runs, their fitted or predicted curves, residuals, the other series a
// run shows, and the LR of every run, turned into PlotPanel series (scenarios are added in scenarios.cpp).
#include "app/gui/plots.h"

#include "app/gui/mainwindow.h"
#include "widgets/plotpanel.h"
#include "widgets/scenarioeditor.h"
#include "widgets/seriesmath.h"

#include <QAction>

namespace losscast::app {

widgets::PlotSeries lrSeriesOf(const Run& r, bool tokensX)
{
    widgets::PlotSeries l;
    l.id = r.id;
    l.name = QString::fromStdString(r.curve.name);
    l.color = r.color;
    const auto& lrv = r.curve.schedule.lr;
    std::vector<double> lrSteps(lrv.size());
    for (std::size_t i = 0; i < lrv.size(); ++i)
        lrSteps[i] = double(i);
    widgets::decimateMinMax(lrSteps, lrv, 2000, l.x, l.y); // once here, not on every drag
    if (tokensX)
        for (double& x : l.x)
            x = r.tokensAt(x);
    l.inLegend = false; // same colours as the loss legend
    return l;
}

void MainWindow::refreshPlots()
{
    QVector<widgets::PlotSeries> loss, lr, resid, extras;
    bool anyTokens = false;
    for (const Run& r : m_runs)
        anyTokens = anyTokens || !r.tokens.empty();
    if (m_tokensX)
        m_tokensX->setEnabled(anyTokens || m_tokensX->isChecked());
    const bool tokensX = m_tokensX && m_tokensX->isChecked();
    for (const Run& r : m_runs) {
        if (!r.visible || (tokensX && r.tokens.empty())) // without tokens a run has no place on that axis
            continue;
        widgets::PlotSeries s;
        s.id = r.id;
        s.name = QString::fromStdString(r.curve.name);
        s.color = r.color;
        s.role = widgets::PlotSeries::Role::Measured;
        s.x.assign(r.curve.steps.begin(), r.curve.steps.end());
        if (tokensX)
            for (double& x : s.x)
                x = r.tokensAt(x);
        s.y = r.curve.loss;
        if (!r.shownMetrics.isEmpty())
            s.name = tr("%1 · %2").arg(s.name, r.fitMetric); // beside other series, say which one this is
        loss.push_back(s);
        for (const RunMetric& m : r.metrics) {
            // Other ticked series of the run: same colour, dotted, named "run · series" in the legend.
            if (!r.shownMetrics.contains(m.name) || m.steps.empty())
                continue;
            widgets::PlotSeries extra;
            extra.id = r.id + QStringLiteral(":metric:") + m.name;
            extra.name = tr("%1 · %2").arg(QString::fromStdString(r.curve.name), m.name);
            extra.color = r.color;
            extra.role = widgets::PlotSeries::Role::Measured;
            extra.style = Qt::DotLine;
            extra.x = m.steps;
            if (tokensX)
                for (double& x : extra.x)
                    x = r.tokensAt(x);
            extra.y = m.values;
            extras.push_back(std::move(extra));
        }

        widgets::PlotSeries l = lrSeriesOf(r, tokensX);
        l.name = s.name;
        lr.push_back(std::move(l));

        if (m_fit) {
            widgets::PlotSeries f = s;
            f.id = r.id + QStringLiteral(":fit");
            const bool train = m_fit->trainIds.contains(r.id);
            f.name = tr("%1 (%2 %3)")
                         .arg(s.name, QString::fromStdString(m_fit->fit.law).toUpper(),
                              train ? tr("fit") : tr("prediction"));
            f.role = widgets::PlotSeries::Role::Fitted;
            f.y = fittedCurve(r);
            f.color = r.color.darker(135);
            f.inLegend = false;
            if (f.y.size() == f.x.size() && f.y.size() == s.y.size()) {
                widgets::PlotSeries res = s; // residual: measured − fitted at every measured step
                res.id = r.id + QStringLiteral(":residual");
                res.name = tr("%1 residual").arg(s.name);
                res.inLegend = false;
                for (std::size_t i = 0; i < res.y.size(); ++i)
                    res.y[i] = s.y[i] - f.y[i];
                resid.push_back(std::move(res));
                loss.push_back(std::move(f));
            }
        }
    }
    // Runs waiting for their LR: their measured loss is drawn already; the LR plot and the Scenarios dock say
    // what is missing.
    if (!tokensX)
        for (auto it = m_needsLr.cbegin(); it != m_needsLr.cend(); ++it)
            loss += m_needsLrLoss.value(it.key());
    const bool waitingForLr = m_runs.empty() && !m_needsLr.isEmpty();
    m_plot->setLrHint(waitingForLr
                          ? tr("No LR logged:\ndouble-click the run in the Runs dock\nto give its schedule")
                          : QString());
    if (m_scenarioEditor)
        m_scenarioEditor->setEmptyHint(
            waitingForLr
                ? tr("<b>Give the learning rate first.</b> The open runs log no LR: double-click one in the "
                     "Runs dock to give the schedule it was trained with; scenarios start from it.")
                : tr("<b>Open a run to start</b> (File → Open, or drop a log on the window). "
                     "Scenarios are \"what if\" schedules: once a law is fitted to your runs, each "
                     "one shows its predicted loss."));
    loss += extras;
    if (m_fit && !loss.isEmpty()) {
        // One legend entry explains the dashed lines instead of one per run.
        widgets::PlotSeries key;
        key.id = QStringLiteral(":fitkey");
        key.name = tr("dashed: %1 fit (train) / prediction (held out)")
                       .arg(QString::fromStdString(m_fit->fit.law).toUpper());
        key.color = palette().color(QPalette::WindowText);
        key.role = widgets::PlotSeries::Role::Fitted;
        loss.push_back(std::move(key));
    }
    if (!tokensX)
        appendFollowSeries(loss, lr); // following.cpp: live and pinned forecasts of followed runs
    m_runLossSeries = loss;
    m_runLrSeries = lr;
    m_plot->setResidualSeries(resid);
    updatePlotSeries();
}

} // namespace losscast::app
