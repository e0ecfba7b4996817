// The Scaling part of the main window: View → Scaling (widgets/scalingview), its table from a file or from
// the opened runs, File → Export of its plot and fit, and its part of the session.
#include "app/gui/scaling.h"

#include "app/gui/guitext.h"
#include "app/gui/mainwindow.h"
#include "app/gui/sizecurve.h"
#include "core/session/session.h"
#include "core/util/atomicfile.h"
#include "widgets/scalingview.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>
#include <QScrollArea>
#include <QStatusBar>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <limits>

namespace losscast::app {

double modelSizeFromName(const QString& name)
{
    // A number followed by M or B (K, T) that is not part of a longer word: "25M_cosine", "pythia-1.4b".
    static const QRegularExpression re(
        QStringLiteral("(?<![A-Za-z0-9.])(\\d+(?:\\.\\d+)?)\\s*([KkMmBbTt])(?![A-Za-z])"));
    auto m = re.match(QFileInfo(name).fileName());
    if (!m.hasMatch()) // the folder may say it: runs/pythia-1.4b/log.csv
        m = re.match(name);
    if (!m.hasMatch())
        return std::numeric_limits<double>::quiet_NaN();
    const QChar u = m.captured(2).at(0).toUpper();
    const double scale = u == 'K' ? 1e3 : u == 'M' ? 1e6 : u == 'B' ? 1e9 : 1e12;
    return m.captured(1).toDouble() * scale;
}

void MainWindow::buildScalingDock()
{
    m_scalingDock = new QDockWidget(tr("Scaling"), this);
    m_scalingDock->setObjectName(QStringLiteral("scalingDock"));
    m_scalingView = new widgets::ScalingView(m_scalingDock);
    // In a scroll area like the other wide views: its minimum height must not grow the window past the
    // screen.
    auto* area = new QScrollArea;
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setWidget(m_scalingView);
    m_scalingDock->setWidget(area);
    addDockWidget(Qt::BottomDockWidgetArea, m_scalingDock);
    m_scalingDock->hide();
    m_viewMenu->addAction(m_scalingDock->toggleViewAction());
    connect(m_scalingDock->toggleViewAction(), &QAction::triggered, m_scalingDock, [this](bool on) {
        if (on)
            m_scalingDock->raise();
        m_scalingTouched = true;
    });
    connect(m_scalingView, &widgets::ScalingView::openTableRequested, this,
            &MainWindow::openScalingTableDialog);
    connect(m_scalingView, &widgets::ScalingView::fromRunsRequested, this, [this] {
        QString error;
        if (!scalingTableFromRuns(&error))
            m_statusLabel->setText(error);
    });
    connect(m_scalingView, &widgets::ScalingView::exportPlotRequested, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export scaling plot"), m_lastDir + QStringLiteral("/losscast-scaling.png"),
            tr("PNG image (*.png);;SVG drawing (*.svg);;PDF (*.pdf)"));
        QString error;
        if (path.isEmpty())
            return;
        if (!m_scalingView->exportPlot(path, 1400, 900, &error))
            QMessageBox::warning(this, tr("Export scaling plot"), error);
        else
            statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    });
    connect(m_scalingView, &widgets::ScalingView::exportFitRequested, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export scaling fit"),
                                         m_lastDir + QStringLiteral("/chinchilla.json"), tr("JSON (*.json)"));
        QString error;
        if (path.isEmpty())
            return;
        if (!exportScalingFit(path, &error))
            QMessageBox::warning(this, tr("Export scaling fit"), error);
        else
            statusBar()->showMessage(tr("Saved %1 (readable by losscast-cli scale optimal --fit)").arg(path),
                                     5000);
    });
    connect(m_scalingView, &widgets::ScalingView::changed, this, [this] {
        m_scalingTouched = true;
        markModified();
    });
    setupSizeCurve(); // sizecurve.cpp
    connect(m_scalingView, &widgets::ScalingView::fitFinished, this, [this](bool ok) {
        if (ok)
            statusBar()->showMessage(tr("Scaling law L(N, D) fitted: see the Scaling view."), 6000);
    });
}

void MainWindow::showScalingDock()
{
    m_scalingDock->show();
    m_scalingDock->raise();
    // A scroll area asks for little height: give the plot room when the window has it (the other docks keep
    // at least half of the window).
    // After the layout has settled (a session opened before the window is shown has no sizes yet).
    QTimer::singleShot(0, this, [this] {
        const int want = std::min(560, height() / 2);
        if (m_scalingDock->isVisible() && m_scalingDock->height() < want)
            resizeDocks({m_scalingDock}, {want}, Qt::Vertical);
    });
}

void MainWindow::openScalingTableDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open a runs table (one row per run: N, D or FLOPs, final loss)"), m_lastDir,
        tr("CSV files (*.csv *.tsv);;All files (*)"));
    if (path.isEmpty())
        return;
    m_lastDir = QFileInfo(path).absolutePath();
    openScalingTable(path);
}

bool MainWindow::openScalingTable(const QString& path)
{
    showScalingDock();
    m_scalingTouched = true;
    return m_scalingView->openTable(path);
}

bool MainWindow::scalingTableFromRuns(QString* error)
{
    if (m_runs.empty()) {
        if (error)
            *error =
                tr("Open some runs first: one row per run (its final loss and tokens) goes into the table.");
        return false;
    }
    const double perStep = m_scalingView->tokensPerStep();
    std::vector<widgets::ScalingRow> rows;
    for (const Run& r : m_runs) {
        widgets::ScalingRow row;
        row.name = fromStd(r.curve.name);
        row.n = modelSizeFromName(row.name);
        if (!std::isfinite(row.n))
            row.n = modelSizeFromName(r.file);
        if (!r.curve.steps.empty()) {
            const double last = double(r.curve.steps.back());
            row.loss = r.curve.loss.back();
            if (!r.tokens.empty())
                row.d = r.tokensAt(last);
            else if (perStep > 0)
                row.d = last * perStep;
        }
        rows.push_back(row);
    }
    showScalingDock();
    m_scalingTouched = true;
    m_scalingView->setRows(rows,
                           tr("Built from the opened runs: final loss of each; D from its tokens, else last "
                              "step × tokens per step; N from its name, else type it in."));
    return true;
}

bool MainWindow::exportScalingFit(const QString& path, QString* error)
{
    const std::string text = m_scalingView->fitJsonText();
    if (text.empty()) {
        if (error)
            *error = tr("No scaling fit to export yet.");
        return false;
    }
    std::vector<std::string> inputs;
    for (const QString& f : inputFiles())
        inputs.push_back(f.toStdString());
    if (!m_scalingView->tablePath().isEmpty())
        inputs.push_back(m_scalingView->tablePath().toStdString());
    const auto written = core::writeFileAtomically(path.toStdString(), text, inputs);
    if (!written) {
        if (error)
            *error = fromStd(written.errorText());
        return false;
    }
    return true;
}

std::optional<core::SessionScaling> MainWindow::scalingSession(const QString& sessionDir) const
{
    if (!m_scalingTouched && m_scalingDock->isHidden() && !m_sizeFit)
        return std::nullopt;
    core::SessionScaling s;
    s.open = !m_scalingDock->isHidden();
    const QString table = m_scalingView->tablePath();
    if (!table.isEmpty()) {
        s.table = (sessionDir.isEmpty() ? table : QDir(sessionDir).relativeFilePath(table)).toStdString();
        s.absoluteTable = table.toStdString();
    }
    const auto c = m_scalingView->columns();
    s.nColumn = c.n;
    s.dColumn = c.d;
    s.flopsColumn = c.flops;
    s.lossColumn = c.loss;
    if (table.isEmpty() || m_scalingView->rowsEdited())
        for (const auto& r : m_scalingView->rows())
            s.rows.push_back({r.name.toStdString(), std::isfinite(r.n) ? r.n : 0.0,
                              std::isfinite(r.d) ? r.d : 0.0, std::isfinite(r.loss) ? r.loss : 0.0});
    const auto st = m_scalingView->settings();
    s.huberDelta = st.huberDelta;
    s.bootstrap = st.bootstrap;
    s.level = st.level;
    s.flops = m_scalingView->budget();
    if (m_sizeFit) {
        s.sizeLaw = m_sizeFit->law->id();
        s.curveSize = m_scalingView->curveSize();
        s.curveShown = m_scalingView->curveShown();
    }
    return s;
}

void MainWindow::restoreScaling(const std::optional<core::SessionScaling>& saved, const QString& dir,
                                bool allowOutside, const QStringList& outside)
{
    m_scalingTouched = saved.has_value();
    if (!saved) {
        m_scalingDock->hide();
        return;
    }
    const core::SessionScaling& s = *saved;
    m_scalingView->setColumns({s.nColumn, s.dColumn, s.flopsColumn, s.lossColumn});
    m_scalingView->setSettings({s.huberDelta, s.bootstrap, s.level});
    if (s.flops > 0)
        m_scalingView->setBudget(s.flops);
    QString table;
    if (!s.table.empty() || !s.absoluteTable.empty()) {
        table = QDir(dir).absoluteFilePath(fromStd(s.table));
        if ((s.table.empty() || !QFileInfo(table).isFile()) && QFileInfo(fromStd(s.absoluteTable)).isFile())
            table = fromStd(s.absoluteTable);
        if (!allowOutside && outside.contains(QDir::toNativeSeparators(QDir::cleanPath(table)))) {
            m_sessionProblems << tr("%1 is outside the session's folder and was not read").arg(table);
            table.clear();
        }
    }
    std::vector<widgets::ScalingRow> rows;
    for (const auto& r : s.rows) {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        rows.push_back(
            {fromStd(r.name), r.n > 0 ? r.n : nan, r.d > 0 ? r.d : nan, r.loss > 0 ? r.loss : nan});
    }
    if (!rows.empty()) {
        // Rows saved with the session: built from runs, or typed into.
        m_scalingView->restoreRows(rows, table, !table.isEmpty());
        m_scalingView->startFit();
    } else if (!table.isEmpty()) {
        if (!QFileInfo(table).isFile())
            m_sessionProblems << tr("Scaling runs table %1 was not found").arg(table);
        else if (!m_scalingView->openTable(table))
            m_sessionProblems << tr("Scaling runs table: %1").arg(m_scalingView->errorText());
    }
    if (!s.sizeLaw.empty()) {
        // The size-aware curve law is fitted again on the session's runs (in the background).
        m_scalingView->setSizeLaw(fromStd(s.sizeLaw));
        m_scalingView->setCurveShown(s.curveShown);
        if (s.curveSize > 0)
            m_scalingView->setCurveSize(s.curveSize);
        QString why;
        if (!fitSizeAwareCurves(fromStd(s.sizeLaw), &why))
            m_sessionProblems << tr("Curve at a model size: %1").arg(why);
    }
    if (s.open)
        showScalingDock();
    else
        m_scalingDock->hide();
}

} // namespace losscast::app
