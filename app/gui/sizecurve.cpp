// The Scaling view's "curve at a model size" in the main window (see sizecurve.h).
#include "app/gui/sizecurve.h"

#include "app/gui/guitext.h"
#include "app/gui/mainwindow.h"
#include "app/gui/scaling.h"
#include "core/fit/uncertainty.h"
#include "core/workspace/scenario.h"
#include "widgets/scalingview.h"
#include "widgets/taskrunner.h"

#include <QSet>

#include <cmath>

namespace losscast::app {

void MainWindow::setupSizeCurve()
{
    qRegisterMetaType<std::shared_ptr<const SizeCurveFit>>();
    m_sizeRunner = new widgets::TaskRunner(this);
    connect(m_scalingView, &widgets::ScalingView::sizeFitRequested, this, [this](const QString& id) {
        QString error;
        if (!fitSizeAwareCurves(id, &error))
            m_scalingView->setSizeStatus(error, true);
    });
    connect(m_scalingView, &widgets::ScalingView::curveSizeChanged, this, [this] { updatePlotSeries(); });
    connect(m_sizeRunner, &widgets::TaskRunner::finished, this, [this](quint64, const QVariant& v) {
        const auto out = v.value<std::shared_ptr<const SizeCurveFit>>();
        if (!out || !out->error.isEmpty() || !out->fit.fit.summary.isUsable()) {
            m_scalingView->setSizeStatus(
                out ? (out->error.isEmpty() ? fromStd(out->fit.fit.summary.briefReport()) : out->error)
                    : tr("The size-aware fit failed."),
                true);
            emit sizeCurveFitFinished(false);
            return;
        }
        m_sizeFit = out;
        QStringList sizes;
        for (double s : out->fit.sizes)
            sizes << widgets::humanCount(s * 1e6);
        QString text = tr("%1 fitted on sizes %2 in %3 s.")
                           .arg(fromStd(out->law->id()).toUpper(), sizes.join(QStringLiteral(", ")))
                           .arg(out->fit.fit.summary.seconds, 0, 'f', 2);
        for (const auto& w : out->fit.warnings)
            text += QStringLiteral("\n⚠ ") + fromStd(w.message);
        m_scalingView->setSizeStatus(text);
        m_scalingView->setSizeRange(out->fit.sizes.front(), out->fit.sizes.back()); // redraws
        updatePlotSeries();
        emit sizeCurveFitFinished(true);
    });
    connect(m_sizeRunner, &widgets::TaskRunner::cancelled, this, [this](quint64) {
        m_scalingView->setSizeStatus(tr("Size-aware fit cancelled."), true);
        emit sizeCurveFitFinished(false);
    });
}

bool MainWindow::fitSizeAwareCurves(const QString& lawId, QString* error)
{
    auto law = std::dynamic_pointer_cast<const core::SizeAwareLaw>(core::findCurveLaw(lawId.toStdString()));
    if (!law) {
        if (error)
            *error = tr("%1 is not a size-aware curve law.").arg(lawId);
        return false;
    }
    // N of each run: the Scaling table's row of the same name, else the run's or its file's name.
    QMap<QString, double> tableN;
    for (const auto& r : m_scalingView->rows())
        if (std::isfinite(r.n) && r.n > 0)
            tableN[r.name] = r.n;
    std::vector<core::Curve> curves;
    QStringList unknown;
    QSet<double> sizes;
    for (const Run& r : m_runs) {
        if (!r.train)
            continue;
        const QString name = fromStd(r.curve.name);
        double n = tableN.value(name, std::nan(""));
        if (!std::isfinite(n))
            n = modelSizeFromName(name);
        if (!std::isfinite(n))
            n = modelSizeFromName(r.file);
        if (!std::isfinite(n)) {
            unknown << name;
            continue;
        }
        core::Curve c = r.curve;
        c.schedule.modelSize = n / 1e6; // the size laws' unit: millions of parameters
        sizes.insert(c.schedule.modelSize);
        curves.push_back(std::move(c));
    }
    if (sizes.size() < 2) {
        if (error)
            *error =
                tr("A size-aware law needs runs of two or more model sizes (found %1). Give each run's N in "
                   "the table (From Opened Runs, then type it) or name the runs by size (25M_…).%2")
                    .arg(sizes.size())
                    .arg(unknown.isEmpty()
                             ? QString()
                             : tr(" Without N: %1.").arg(unknown.mid(0, 5).join(QStringLiteral(", "))));
        return false;
    }
    m_scalingView->setSizeStatus(tr("Fitting %1 on the opened runs…").arg(lawId.toUpper()));
    auto shared = std::make_shared<const std::vector<core::Curve>>(std::move(curves));
    m_sizeRunner->start(
        tr("Fitting %1").arg(lawId.toUpper()), [law, shared](const core::fit::Control& control) {
            auto out = std::make_shared<SizeCurveFit>();
            out->law = law;
            try {
                out->fit = core::scaling::fitSizeLaw(*law, *shared, law->defaultSettings(), {}, control);
                if (out->fit.fit.summary.isUsable())
                    out->covariance = core::fit::inflatedCovariance(*law, out->fit.fit, *shared);
            } catch (const std::exception& e) {
                out->error = QString::fromStdString(e.what());
            }
            return QVariant::fromValue(std::shared_ptr<const SizeCurveFit>(std::move(out)));
        });
    return true;
}

bool MainWindow::sizeCurveFitPending() const
{
    return m_sizeRunner && m_sizeRunner->isRunning();
}

void MainWindow::appendSizeCurve(QVector<widgets::PlotSeries>& loss) const
{
    const int cur = m_scenarios.current;
    const double size = m_scalingView->curveSize();
    if (!m_sizeFit || !m_scalingView->curveShown() || !(size > 0) || cur < 0 ||
        cur >= int(m_scenarios.scenarios.size()))
        return;
    const Scenario& sc = m_scenarios.scenarios[std::size_t(cur)];
    core::ScheduleInput input = sc.schedule.toInput();
    input.modelSize = size;
    const auto steps = core::workspace::predictionSteps(std::max<std::int64_t>(1, input.warmupSteps),
                                                        sc.schedule.totalSteps(), m_dragging);
    if (steps.empty())
        return;
    const auto& f = m_sizeFit->fit.fit;
    widgets::PlotSeries ps;
    ps.id = QStringLiteral("sizecurve");
    ps.name = tr("%1 at N = %2 (%3 prediction)")
                  .arg(sc.name, widgets::humanCount(size * 1e6), fromStd(m_sizeFit->law->id()).toUpper());
    ps.color = sc.color.darker(170);
    ps.role = widgets::PlotSeries::Role::Predicted;
    ps.style = Qt::DashDotLine;
    ps.emphasised = true;
    try {
        if (m_dragging) {
            ps.y = core::fit::predict(*m_sizeFit->law, f.params, input, steps, f.settings); // live: no band
        } else {
            const auto b = core::scaling::sizeBand(*m_sizeFit->law, f.params, m_sizeFit->covariance,
                                                   f.settings, input, steps);
            ps.y = b.loss;
            const bool finite =
                std::all_of(b.lower.begin(), b.lower.end(), [](double v) { return std::isfinite(v); }) &&
                std::all_of(b.upper.begin(), b.upper.end(), [](double v) { return std::isfinite(v); });
            if (finite && b.lower.size() == b.loss.size()) {
                ps.lower = b.lower;
                ps.upper = b.upper;
            }
        }
    } catch (const std::exception&) {
        return; // a schedule the law rejects draws nothing
    }
    const core::TokenMap& axis = tokenAxis();
    for (std::int64_t s : steps)
        ps.x.push_back(axis.tokensAt(double(s)));
    loss.push_back(std::move(ps));
}

} // namespace losscast::app
