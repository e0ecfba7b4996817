// The Mixtures part of the main window that feeds the AutoScale panel: optima tables and perturbation runs
// (AutoScale, Kang et al. 2024, arXiv 2407.20177), from File → Open AutoScale Optima, the panel's button or
// a drop.
#include "app/gui/mainwindow.h"

#include "core/mixing/autoscale.h"
#include "core/util/textfile.h"
#include "widgets/mixtureview.h"

#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QInputDialog>
#include <QMessageBox>
#include <QRegularExpression>
#include <QStatusBar>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>

namespace losscast::app {

namespace {

namespace mix = core::mixing;

/// "ddo_gpt2large_1.2B_perturbation_ppl.csv" → 1.2: the token count the runs were trained on, in B as the
/// repository's optima are.
double totalFromFileName(const QString& path)
{
    static const QRegularExpression re(QStringLiteral("(\\d+(?:\\.\\d+)?)\\s*B(?![a-zA-Z])"));
    const auto m = re.match(QFileInfo(path).fileName());
    return m.hasMatch() ? m.captured(1).toDouble() : 0.0;
}

/// The result of the background DDO: the optimum as an optima row, or why there is none.
struct DdoOutcome
{
    mix::ScaleOptimum row;
    std::vector<std::string> domains; ///< of row.tokens
    QString error;
};

} // namespace

bool MainWindow::isAutoScaleFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray head = f.read(8192); // the header is all detection needs
    return mix::detectAutoScaleFile(std::string_view(head.constData(), std::size_t(head.size()))) !=
           mix::AutoScaleFileKind::None;
}

void MainWindow::openAutoScaleDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open AutoScale optima (label, total tokens, one column per domain) or perturbation runs"),
        m_lastDir, tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    double total = 0.0;
    if (const auto text = core::readTextFile(path.toStdString(), 8192);
        text && mix::detectAutoScaleFile(*text) == mix::AutoScaleFileKind::Perturbations) {
        bool ok = false;
        const double guess = totalFromFileName(path);
        total = QInputDialog::getDouble(this, tr("AutoScale DDO"),
                                        tr("Total training tokens of these perturbation runs (in the unit of "
                                           "your optima, e.g. B):"),
                                        guess > 0.0 ? guess : 1.0, 1e-9, 1e15, 4, &ok);
        if (!ok)
            return;
    }
    QString error;
    if (!openAutoScaleFile(path, &error, total))
        QMessageBox::warning(this, tr("AutoScale"), error);
}

bool MainWindow::openAutoScaleFile(const QString& path, QString* error, double ddoTotal)
{
    auto fail = [&](const QString& message) {
        m_mixtureView->setAutoScaleStatus(message, true);
        m_mixtureDock->show();
        if (error)
            *error = message;
        return false;
    };
    const std::string file = path.toStdString();
    const QString name = QFileInfo(path).fileName();
    const auto text = core::readTextFile(file, std::uint64_t(64) << 20); // optima tables are tiny
    if (!text)
        return fail(QString::fromStdString(text.errorText()));
    const auto kind = mix::detectAutoScaleFile(*text);
    if (kind == mix::AutoScaleFileKind::None)
        return fail(
            tr("%1: not an AutoScale file: expected optima (a label column source/label/scale/name, a "
               "total* column, one token column per domain) or perturbation runs (perturbed_domain, a "
               "*multiplier* column and perplexities or losses)")
                .arg(path));
    m_lastDir = QFileInfo(path).absolutePath();
    if (kind == mix::AutoScaleFileKind::Optima) {
        auto table = mix::parseOptima(*text, file);
        if (!table)
            return fail(QString::fromStdString(table.errorText()));
        m_autoScaleOptima = std::move(*table);
        m_autoScaleSource = name;
        m_mixtureView->setAutoScaleOptima(m_autoScaleOptima, m_autoScaleSource);
        m_mixtureView->showAutoScalePanel();
        m_mixtureDock->show();
        statusBar()->showMessage(
            tr("AutoScale optima: %1 rows from %2.").arg(m_autoScaleOptima.rows.size()).arg(name), 6000);
        emit autoScaleLoaded(true);
        return true;
    }
    // Perturbation runs: fit the per-domain curves and optimise at one scale, off the GUI thread.
    auto runs = mix::parsePerturbations(*text, file);
    if (!runs)
        return fail(QString::fromStdString(runs.errorText()));
    const double total = ddoTotal > 0.0 ? ddoTotal : std::max(totalFromFileName(path), 0.0);
    const double used = total > 0.0 ? total : 1.0;
    m_mixtureView->setAutoScaleStatus(
        tr("%1: fitting %2 domains and optimising (DDO)…").arg(name).arg(runs->domains.size()));
    m_mixtureView->showAutoScalePanel();
    m_mixtureDock->show();
    auto* watcher = new QFutureWatcher<DdoOutcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, name, used] {
        const DdoOutcome out = watcher->result();
        watcher->deleteLater();
        if (!out.error.isEmpty()) {
            m_mixtureView->setAutoScaleStatus(out.error, true);
            emit autoScaleLoaded(false);
            return;
        }
        // Add the optimum as a row of the current table when the domains are the same (in any order);
        // else it starts a new table.
        auto& t = m_autoScaleOptima;
        mix::ScaleOptimum row = out.row;
        bool same = !t.rows.empty() && t.domains.size() == out.domains.size();
        for (std::size_t j = 0; j < t.domains.size() && same; ++j) {
            const auto it = std::find(out.domains.begin(), out.domains.end(), t.domains[j]);
            same = it != out.domains.end();
            if (same)
                row.tokens[j] = out.row.tokens[std::size_t(it - out.domains.begin())];
        }
        if (same) {
            m_autoScaleSource += QStringLiteral(" + ") + name;
        } else {
            t = {};
            t.domains = out.domains;
            row = out.row;
            m_autoScaleSource = name;
        }
        // A second DDO at the same total replaces the first.
        const auto dup = std::find_if(t.rows.begin(), t.rows.end(),
                                      [&](const mix::ScaleOptimum& r) { return r.label == row.label; });
        if (dup != t.rows.end())
            *dup = row;
        else
            t.rows.push_back(row);
        std::stable_sort(
            t.rows.begin(), t.rows.end(),
            [](const mix::ScaleOptimum& a, const mix::ScaleOptimum& b) { return a.total < b.total; });
        m_mixtureView->setAutoScaleOptima(t, m_autoScaleSource);
        statusBar()->showMessage(tr("AutoScale: DDO optimum at %1 tokens from %2 added.").arg(used).arg(name),
                                 6000);
        emit autoScaleLoaded(true);
    });
    const auto p = std::make_shared<const mix::Perturbations>(std::move(*runs));
    watcher->setFuture(QtConcurrent::run([p, used, name]() {
        DdoOutcome out;
        const auto fits = mix::fitPerturbations(*p);
        for (const auto& f : fits)
            if (!f.summary.isUsable()) {
                out.error = QObject::tr("%1: domain '%2': %3")
                                .arg(name, QString::fromStdString(f.domain),
                                     QString::fromStdString(f.summary.briefReport()));
                return out;
            }
        // The repository's perturbation range (0.2× to 3×) bounds the multipliers.
        const auto ddo = mix::optimizeDdo(fits, used, 0.2, 3.0);
        if (!ddo.converged) {
            out.error =
                QObject::tr("%1: DDO did not converge: %2").arg(name, QString::fromStdString(ddo.message));
            return out;
        }
        out.row.total = used;
        out.row.tokens = ddo.tokens;
        out.row.label =
            "DDO@" + QString::number(used, 'g', 4).toStdString() + " (" + name.toStdString() + ")";
        out.domains = p->domains;
        return out;
    }));
    return true;
}

} // namespace losscast::app
