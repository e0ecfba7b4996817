// The Mixtures part of the main window that feeds the AutoScale panel: optima tables and perturbation runs
// (AutoScale, Kang et al. 2024, arXiv 2407.20177), from File → Open AutoScale Optima, the panel's button or
// a drop; and the routing of experiments tables (data mixing laws) from openFiles.
#include "app/gui/mixtures.h"

#include "app/gui/mainwindow.h"

#include "core/mixing/autoscale.h"
#include "core/mixing/mixmodels.h"
#include "core/mixing/table.h"
#include "core/util/textfile.h"
#include "widgets/mixtureview.h"

#include <QDir>
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

MixKind mixKindOf(const QString& path)
{
    const QFileInfo fi(path);
    if (!fi.isFile() || fi.suffix().compare(QLatin1String("losscast"), Qt::CaseInsensitive) == 0)
        return MixKind::None;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return MixKind::None;
    const QByteArray head = f.read(64 * 1024);
    const std::string_view text(head.constData(), std::size_t(head.size()));
    if (mix::detectAutoScaleFile(text) != mix::AutoScaleFileKind::None)
        return MixKind::AutoScale;
    switch (mix::detectExperimentsFile(text)) {
    case mix::ExperimentsFileKind::Table:
        return MixKind::Table;
    case mix::ExperimentsFileKind::Mixtures:
        return MixKind::Mixtures;
    case mix::ExperimentsFileKind::Losses:
        return MixKind::Losses;
    case mix::ExperimentsFileKind::None:
        break;
    }
    return MixKind::None;
}

/// How alike two file names are: the length of their common prefix plus their common suffix
/// ("data_train_mixture_1m.csv" is closer to "data_train_pile_loss_1m.csv" than to "data_test_…").
int nameLikeness(const QString& a, const QString& b)
{
    const QString x = QFileInfo(a).fileName(), y = QFileInfo(b).fileName();
    int pre = 0, suf = 0;
    const int n = int(std::min(x.size(), y.size()));
    while (pre < n && x[pre] == y[pre])
        ++pre;
    while (suf < n - pre && x[x.size() - 1 - suf] == y[y.size() - 1 - suf])
        ++suf;
    return pre + suf;
}

QStringList MainWindow::openMixtureFiles(const QStringList& paths, QStringList* errors)
{
    QStringList rest, tables, mixtures, losses;
    for (const QString& p : paths) {
        switch (mixKindOf(p)) {
        case MixKind::AutoScale:
            if (QString error; !openAutoScaleFile(p, &error) && errors)
                *errors << error;
            break;
        case MixKind::Table:
            tables << p;
            break;
        case MixKind::Mixtures:
            mixtures << p;
            break;
        case MixKind::Losses:
            losses << p;
            break;
        case MixKind::None:
            rest << p;
            break;
        }
    }
    // RegMix's layout: each mixture file with the loss file whose name is most like its own.
    QList<QStringList> sets;
    for (const QString& t : tables)
        sets << QStringList{t};
    for (const QString& m : mixtures) {
        if (losses.isEmpty()) {
            if (errors)
                *errors << tr("%1: a mixture file without losses: open it together with its loss file (an "
                              "index column, then one <domain>_loss column per validation domain)")
                               .arg(QDir::toNativeSeparators(m));
            continue;
        }
        const auto best =
            std::max_element(losses.begin(), losses.end(), [&](const QString& a, const QString& b) {
                return nameLikeness(m, a) < nameLikeness(m, b);
            });
        sets << QStringList{m, *best};
        losses.erase(best);
    }
    rest << losses; // a loss file alone is left to the run importers (and their message)
    // The view holds one experiment: the last set given wins, as a second File → Open would.
    for (const QStringList& set : sets) {
        QString error;
        if (!openMixtureExperiments(set, &error)) {
            if (errors)
                *errors << error;
            continue;
        }
        ++m_mixtureFitsPending;
        connect(
            this, &MainWindow::mixtureFitFinished, this, [this] { --m_mixtureFitsPending; },
            Qt::SingleShotConnection);
        m_lastDir = QFileInfo(set.first()).absolutePath();
        // Switch to the Mixtures view.
        m_mixtureDock->show();
        m_mixtureDock->raise(); // in front of the CPT tab
        statusBar()->showMessage(tr("Fitting the mixture models on %1…")
                                     .arg(set.size() == 1
                                              ? QFileInfo(set[0]).fileName()
                                              : QFileInfo(set[0]).fileName() + QStringLiteral(" + ") +
                                                    QFileInfo(set[1]).fileName()));
    }
    return rest;
}

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
        m_mixtureDock->raise(); // in front of the CPT tab
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
        m_mixtureDock->raise(); // in front of the CPT tab
        statusBar()->showMessage(
            tr("AutoScale optima: %n row(s) from %1.", nullptr, int(m_autoScaleOptima.rows.size())).arg(name),
            6000);
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
        tr("%1: fitting %n domain(s) and optimising (DDO)…", nullptr, int(runs->domains.size())).arg(name));
    m_mixtureView->showAutoScalePanel();
    m_mixtureDock->show();
    m_mixtureDock->raise(); // in front of the CPT tab
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

bool MainWindow::openMixtureExperiments(const QStringList& paths, QString* error)
{
    namespace mix = core::mixing;
    if (paths.isEmpty() || paths.size() > 2) {
        if (error)
            *error = tr("Choose one experiments CSV, or a mixture CSV and a loss CSV.");
        return false;
    }
    auto read = paths.size() == 1 ? mix::readExperiments(paths[0].toStdString())
                                  : mix::readExperimentPair(paths[0].toStdString(), paths[1].toStdString());
    if (!read) {
        if (error)
            *error = QString::fromStdString(read.errorText());
        return false;
    }
    auto table = std::make_shared<const mix::Experiments>(std::move(*read));
    m_mixtureInputs.clear();
    for (const QString& p : paths)
        m_mixtureInputs << QFileInfo(p).absoluteFilePath(); // saved with the session
    auto* watcher = new QFutureWatcher<mix::MixtureModels>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, table] {
        const mix::MixtureModels models = watcher->result();
        watcher->deleteLater();
        const bool ok = models.usable();
        if (ok) {
            m_mixtureView->setModels(models);
            m_mixtureView->setExperiments(table->mixtures, table->losses);
            m_mixtureDock->show();
            m_mixtureDock->raise(); // in front of the CPT tab
            statusBar()->showMessage(
                tr("Mixture models fitted on %n run(s) in %1 s; using the %2.", nullptr, int(table->rows()))
                    .arg(models.seconds, 0, 'f', 2)
                    .arg(models.chosen == mix::MixtureModelKind::Implicit
                             ? tr("implicit model (Gaussian process)")
                             : tr("mixing law")),
                6000);
        } else {
            statusBar()->showMessage(tr("The mixture-model fit gave no usable model."), 6000);
        }
        emit mixtureFitFinished(ok);
    });
    // Both models and the choice by 5-fold cross-validation (mix eval --model auto).
    watcher->setFuture(QtConcurrent::run([table] { return mix::fitMixtureModels(*table); }));
    return true;
}

void MainWindow::optimiseMixture(const std::vector<double>& caps)
{
    namespace mix = core::mixing;
    const auto& models = m_mixtureView->models();
    const auto kind = m_mixtureView->model();
    if (!models.has(kind))
        return;
    if (kind == mix::MixtureModelKind::Law) {
        // The law is convex and closed-form: the exact optimum takes well under a millisecond (bench_mix).
        const auto opt = mix::optimizeMixture(*models.law, caps);
        if (opt.converged)
            m_mixtureView->setMixture(opt.mixture);
        else
            statusBar()->showMessage(QString::fromStdString(opt.message), 6000);
        return;
    }
    // The implicit model: RegMix's search predicts 20,000 mixtures, off the GUI thread; the latest request
    // wins.
    const int generation = ++m_mixtureOptimiseGeneration;
    auto fit = std::make_shared<const mix::ImplicitFit>(*models.implicit);
    auto* watcher = new QFutureWatcher<mix::MixtureOptimum>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        const mix::MixtureOptimum opt = watcher->result();
        watcher->deleteLater();
        if (generation != m_mixtureOptimiseGeneration)
            return;
        if (opt.converged) {
            m_mixtureView->setMixture(opt.mixture);
            statusBar()->showMessage(tr("Implicit model: %1").arg(QString::fromStdString(opt.message)), 6000);
        } else {
            statusBar()->showMessage(QString::fromStdString(opt.message), 6000);
        }
    });
    statusBar()->showMessage(tr("Searching the mixtures within the caps…"));
    watcher->setFuture(QtConcurrent::run([fit, caps] { return mix::optimizeImplicit(*fit, caps); }));
}

} // namespace losscast::app
