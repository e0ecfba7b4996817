// File → Export of the main window (plot, parameters as JSON and CSV, predicted curves) and the file dialogs
// in front of them. The CSV text is core's (core::formatCsv), written atomically here.
#include "app/gui/exports.h"

#include "app/gui/mainwindow.h"
#include "core/export/fitfile.h"
#include "core/io/curvecsv.h"
#include "core/util/atomicfile.h"
#include "core/util/json.h"
#include "widgets/plotpanel.h"

#include <QDir>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStatusBar>

#include <cmath>

namespace losscast::app {

namespace {

bool writeText(const QString& path, const QByteArray& bytes, QString* error, const QStringList& inputs)
{
    // Atomic through QSaveFile (a unique temporary in the same folder, renamed on commit); never over an
    // input.
    for (const QString& in : inputs)
        if (core::sameFile(path.toStdString(), in.toStdString())) {
            if (error)
                *error =
                    QObject::tr("%1: refusing to write over an input file: choose another name").arg(path);
            return false;
        }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        if (error)
            *error = QObject::tr("%1: cannot write (%2)").arg(path, f.errorString());
        return false;
    }
    return true;
}

} // namespace

std::string csvNumber(double v, int significantDigits)
{
    return std::isfinite(v) ? QString::number(v, 'g', significantDigits).toStdString() : std::string();
}

std::vector<std::string> parameterCsvHeader()
{
    return {"kind", "name", "value", "stderr"};
}

std::vector<std::vector<std::string>> parameterCsvRows(const core::fit::CurveFit& f,
                                                       const std::vector<core::ParamInfo>& infos)
{
    std::vector<std::vector<std::string>> rows;
    rows.push_back({"law", f.law, "", ""});
    for (std::size_t i = 0; i < f.params.size(); ++i) {
        const std::string name = i < f.names.size() ? f.names[i] : i < infos.size() ? infos[i].name : "";
        rows.push_back({"parameter", name, csvNumber(f.params[i], 17),
                        i < f.stderrs.size() ? csvNumber(f.stderrs[i], 17) : std::string()});
    }
    for (const auto& [k, v] : f.settings)
        rows.push_back({"setting", k, csvNumber(v, 17), ""});
    return rows;
}

std::vector<std::string> predictionCsvHeader()
{
    return {"series", "kind", "step", "lr", "measured", "predicted", "lower", "upper"};
}

bool MainWindow::exportPlot(const QString& path, int width, int height, QString* error)
{
    return m_plot->exportTo(path, width, height, error);
}

bool MainWindow::exportParametersJson(const QString& path, QString* error)
{
    if (!m_fit) {
        if (error)
            *error = tr("There is no fit to export yet.");
        return false;
    }
    using core::JsonValue;
    // The one fit-file form (core/export/fitfile.h): what `losscast-cli fit` writes and `predict` reads.
    std::vector<core::Curve> trainCurves;
    for (const Run& r : m_runs)
        if (m_fit->trainIds.contains(r.id)) {
            trainCurves.push_back(r.curve);
            trainCurves.back().source = r.file.toStdString();
        }
    JsonValue root = core::toJson(core::makeFitFile(*m_fit->law, m_fit->fit, trainCurves));
    if (const auto& scores = m_doc.scores(); !scores.empty()) {
        JsonValue quality = JsonValue::array();
        for (const auto& s : scores) {
            JsonValue q = JsonValue::object();
            for (const Run& r : m_runs)
                if (r.docId == s.runId)
                    q.set("file", JsonValue(r.file.toStdString()));
            q.set("set", JsonValue(std::string(s.train ? "train" : "test")));
            q.set("points", JsonValue(double(s.metrics.points)));
            q.set("r2", JsonValue(s.metrics.r2));
            q.set("mae", JsonValue(s.metrics.mae));
            q.set("rmse", JsonValue(s.metrics.rmse));
            q.set("pred_e", JsonValue(s.metrics.predE));
            q.set("worst_e", JsonValue(s.metrics.worstE));
            quality.push(q);
        }
        root.set("quality", quality);
    }
    const std::string text = core::writeJson(root) + "\n";
    return writeText(path, QByteArray::fromStdString(text), error, inputFiles());
}

bool MainWindow::exportParametersCsv(const QString& path, QString* error)
{
    if (!m_fit) {
        if (error)
            *error = tr("There is no fit to export yet.");
        return false;
    }
    const std::string text =
        core::formatCsv(parameterCsvHeader(), parameterCsvRows(m_fit->fit, m_fit->law->parameters()));
    return writeText(path, QByteArray::fromStdString(text), error, inputFiles());
}

bool MainWindow::exportPredictionsCsv(const QString& path, QString* error)
{
    if (!m_fit) {
        if (error)
            *error = tr("There is no fit to export yet.");
        return false;
    }
    // Long format, one row per point: measured runs with the fitted/predicted loss, then every scenario with
    // its predicted loss and 95 % band.
    auto num = [](double v) { return csvNumber(v, 10); };
    std::vector<std::vector<std::string>> rows;
    for (const Run& r : m_runs) {
        const auto model = fittedCurve(r);
        const bool train = m_fit->trainIds.contains(r.id);
        for (std::size_t i = 0; i < r.curve.steps.size() && i < model.size(); ++i) {
            const auto step = r.curve.steps[i];
            const double lr = std::size_t(step) < r.curve.schedule.lr.size()
                                  ? r.curve.schedule.lr[std::size_t(step)]
                                  : std::nan("");
            rows.push_back({r.curve.name, train ? "train" : "test", std::to_string(step), num(lr),
                            num(r.curve.loss[i]), num(model[i]), "", ""});
        }
    }
    for (std::size_t k = 0; k < m_scenarios.scenarios.size() && k < m_predictions.size(); ++k) {
        const Scenario& sc = m_scenarios.scenarios[k];
        const ScenarioPrediction& p = m_predictions[k];
        for (std::size_t i = 0; i < p.steps.size() && i < p.loss.size(); ++i) {
            const bool band = i < p.lower.size() && i < p.upper.size();
            rows.push_back({sc.name.toStdString(), "scenario", std::to_string(qint64(p.steps[i])),
                            num(sc.schedule.lrAt(std::int64_t(p.steps[i]))), "", num(p.loss[i]),
                            band ? num(p.lower[i]) : "", band ? num(p.upper[i]) : ""});
        }
    }
    const std::string text = core::formatCsv(predictionCsvHeader(), rows);
    return writeText(path, QByteArray::fromStdString(text), error, inputFiles());
}

void MainWindow::openDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Open runs"), m_lastDir,
        tr("Training logs (*.csv *.tsv *.txt *.log *.json *.jsonl);;All files (*)"));
    if (!files.isEmpty())
        openFiles(files);
}

void MainWindow::exportPlotDialog()
{
    QString selected;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export plot"), m_lastDir + "/losscast-plot.png",
                                     tr("PNG image (*.png);;SVG drawing (*.svg);;PDF (*.pdf)"), &selected);
    if (path.isEmpty())
        return;
    bool ok = false;
    const QString size = QInputDialog::getText(this, tr("Export size"), tr("Width × height in pixels:"),
                                               QLineEdit::Normal, QStringLiteral("1600x1000"), &ok);
    if (!ok)
        return;
    const QStringList wh = size.split(QRegularExpression("[x×* ]+"), Qt::SkipEmptyParts);
    const int w = wh.value(0).toInt(), h = wh.value(1).toInt();
    QString error;
    if (!exportPlot(path, w, h, &error))
        QMessageBox::warning(this, tr("Export plot"), error);
    else
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

void MainWindow::exportParametersDialog()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export parameters"), m_lastDir + "/losscast-params.json", tr("JSON (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportParametersJson(path, &error))
        QMessageBox::warning(this, tr("Export parameters"), error);
    else
        statusBar()->showMessage(tr("Saved %1 (readable by losscast-cli predict --params)").arg(path), 5000);
}

void MainWindow::exportParametersCsvDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export parameters"),
                                                      m_lastDir + "/losscast-params.csv", tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportParametersCsv(path, &error))
        QMessageBox::warning(this, tr("Export parameters"), error);
    else
        m_statusLabel->setText(tr("Parameters written to %1").arg(QDir::toNativeSeparators(path)));
}

void MainWindow::exportPredictionsDialog()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export predicted curves"), m_lastDir + "/losscast-predictions.csv", tr("CSV (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportPredictionsCsv(path, &error))
        QMessageBox::warning(this, tr("Export predicted curves"), error);
    else
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

} // namespace losscast::app
