// Sessions of the main window: the document (runs, fit, scenarios, view) saved as a .losscast file
// (core/session), the File menu's session actions, the modified state in the title, and the recovery copy.
#include "app/gui/session.h"
#include "app/gui/following.h"

#include "app/gui/mainwindow.h"
#include "app/gui/scaling.h"

#include "core/export/fitfile.h"
#include "core/export/sha256.h"
#include "core/session/session.h"
#include "widgets/cptview.h"
#include "widgets/parametertable.h"
#include "widgets/plotpanel.h"
#include "widgets/scalingview.h"
#include "widgets/taskrunner.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLabel>
#include <QLockFile>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>

#include <cmath>

namespace losscast::app {

namespace {

constexpr int kMissingFileRole = Qt::UserRole + 7; ///< on a "missing file" row of the Runs tree: its index
const char* const kSessionFilter = QT_TRANSLATE_NOOP("MainWindow", "LossCast sessions (*.losscast)");

QString fromStd(const std::string& s)
{
    return QString::fromStdString(s);
}

QString recoveryDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

} // namespace

QString exampleSessionPath()
{
    const QString app = QCoreApplication::applicationDirPath();
    const QString rel = QStringLiteral("examples/session/example.losscast");
    for (const QString& c : {app + "/../share/losscast/" + rel, app + "/../Resources/" + rel, app + "/" + rel,
                             QStringLiteral(LOSSCAST_EXAMPLES_DIR "/session/example.losscast")})
        if (QFileInfo::exists(c))
            return QFileInfo(c).absoluteFilePath();
    return {};
}

QString displayName(const QString& path)
{
    return path.isEmpty() ? QObject::tr("Untitled") : QFileInfo(path).completeBaseName();
}

void MainWindow::setupSessions()
{
    // File menu: the session actions go first; Ctrl+O stays "Open runs".
    QMenu* file = menuBar()->actions().isEmpty() ? nullptr : menuBar()->actions().first()->menu();
    if (file) {
        QAction* first = file->actions().isEmpty() ? nullptr : file->actions().first();
        auto add = [&](const QString& text, const QKeySequence& key, const QString& name, auto slot) {
            auto* a = new QAction(text, this);
            a->setShortcut(key);
            a->setObjectName(name);
            connect(a, &QAction::triggered, this, slot);
            file->insertAction(first, a);
            return a;
        };
        add(tr("&New Session"), QKeySequence::New, "actionNewSession", [this] {
            if (maybeSaveSession())
                newSession();
        });
        add(tr("Open &Session…"), QKeySequence(tr("Ctrl+Shift+O")), "actionOpenSession", [this] {
            const QString path = QFileDialog::getOpenFileName(this, tr("Open session"), m_lastDir,
                                                              tr(kSessionFilter) + tr(";;All files (*)"));
            if (!path.isEmpty())
                openSessionInteractive(path);
        });
        QAction* save = add(tr("Sa&ve Session"), QKeySequence::Save, "actionSaveSession",
                            [this] { saveSessionInteractive(false); });
        save->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
        add(tr("Save Session &As…"), QKeySequence(tr("Ctrl+Shift+S")), "actionSaveSessionAs",
            [this] { saveSessionInteractive(true); });
        add(tr("&Locate Missing Files…"), QKeySequence(), "actionLocateMissing", [this] {
            for (int i = missingFileCount() - 1; i >= 0; --i) {
                const QString abs = fromStd(m_missingFiles[std::size_t(i)].absolutePath);
                const QString path = QFileDialog::getOpenFileName(
                    this, tr("Locate %1").arg(QFileInfo(abs).fileName()), m_lastDir, tr("All files (*)"));
                QString error;
                if (!path.isEmpty() && !locateMissingFile(i, path, &error))
                    QMessageBox::warning(this, tr("Locate file"), error);
            }
        });
        file->insertSeparator(first);
    }
    if (QMenu* help = menuBar()->actions().isEmpty() ? nullptr : menuBar()->actions().last()->menu()) {
        QAction* example = help->addAction(tr("Open &Example Session"), this, [this] {
            const QString path = exampleSessionPath();
            if (path.isEmpty())
                m_statusLabel->setText(tr("The example session is not installed."));
            else
                openSessionInteractive(path);
        });
        example->setObjectName("actionExampleSession");
        example->setStatusTip(tr("The bundled 25M runs with the MPL fit and two schedule scenarios"));
    }
    QSettings settings;
    m_recentSessions = settings.value("files/recentSessions").toStringList();
    updateRecentMenu();

    // What changes the document without being an undo step.
    connect(m_undo, &QUndoStack::cleanChanged, this, [this] { updateTitle(); });
    connect(m_runsTree, &QTreeWidget::itemChanged, this, [this] {
        if (!m_refreshingTree)
            markModified();
    });
    connect(m_runsTree, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
        const QVariant v = item->data(0, kMissingFileRole);
        if (!v.isValid() || v.toInt() < 0 || v.toInt() >= missingFileCount())
            return;
        const QString abs = fromStd(m_missingFiles[std::size_t(v.toInt())].absolutePath);
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Locate %1").arg(QFileInfo(abs).fileName()), m_lastDir, tr("All files (*)"));
        QString error;
        if (!path.isEmpty() && !locateMissingFile(v.toInt(), path, &error))
            QMessageBox::warning(this, tr("Locate file"), error);
    });
    connect(m_lawCombo, &QComboBox::currentIndexChanged, this, [this] { markModified(); });
    connect(m_warmup, &QSpinBox::valueChanged, this, [this] { markModified(); });
    for (QAction* a : {m_logX, m_logY, m_residuals, m_tokensX})
        connect(a, &QAction::toggled, this, [this] { markModified(); });
    connect(m_params, &widgets::ParameterTable::fixedToggled, this, [this] { markModified(); });
    connect(this, &MainWindow::fitFinished, this, [this](bool ok) {
        if (ok)
            markModified();
    });
    connect(this, &MainWindow::runsChanged, this, [this] { markModified(); });
    connect(this, &MainWindow::mixtureFitFinished, this, [this] { markModified(); });
    // The CPT view: its edits are undo steps; other fits and λ1 are changes without one.
    connect(m_cptView, &widgets::CptView::scenarioChanged, this, [this] { m_cptTouched = true; });
    connect(m_cptView, &widgets::CptView::fitsChanged, this, [this] {
        m_cptTouched = true;
        markModified();
    });
    connect(m_cptView, &widgets::CptView::lambda1Changed, this, [this] {
        m_cptTouched = true;
        markModified();
    });
    connect(m_cptDock->toggleViewAction(), &QAction::triggered, this, [this] { m_cptTouched = true; });
    // Undoing back to the saved state: nothing to recover any more.
    connect(m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) {
        if (clean && !isDocumentModified())
            QFile::remove(recoveryPath());
    });
    m_savedSmoothing = m_plot->smoothing();

    m_autosave = new QTimer(this);
    m_autosave->setInterval(60'000);
    connect(m_autosave, &QTimer::timeout, this, [this] {
        if (isDocumentModified())
            writeRecoveryCopy();
    });
    m_autosave->start();
    m_dirtyExtra = false;
    updateTitle();
}

bool MainWindow::isDocumentModified() const
{
    return m_dirtyExtra || !m_undo->isClean() || m_plot->smoothing() != m_savedSmoothing;
}

void MainWindow::markModified()
{
    if (m_restoringSession)
        return;
    m_dirtyExtra = true;
    updateTitle();
}

void MainWindow::updateTitle()
{
    setWindowTitle(tr("%1[*] — LossCast").arg(displayName(m_sessionPath)));
    setWindowModified(isDocumentModified());
}

bool MainWindow::maybeSaveSession()
{
    updateTitle(); // smoothing has no signal: read it now
    if (!isDocumentModified() || (m_runs.empty() && m_scenarios.scenarios.empty() && m_missingFiles.empty()))
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved changes"),
        tr("The session \"%1\" has unsaved changes. Save them?").arg(displayName(m_sessionPath)),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Discard)
        return true;
    return saveSessionInteractive(false);
}

bool MainWindow::saveSessionInteractive(bool askForPath)
{
    QString path = m_sessionPath;
    if (askForPath || path.isEmpty()) {
        const QString start = path.isEmpty() ? m_lastDir + QStringLiteral("/untitled.losscast") : path;
        path = QFileDialog::getSaveFileName(this, tr("Save session"), start, tr(kSessionFilter));
        if (path.isEmpty())
            return false;
        if (QFileInfo(path).suffix().isEmpty())
            path += QStringLiteral(".losscast");
    }
    QString error;
    if (!saveSession(path, &error)) {
        QMessageBox::warning(this, tr("Save session"), error);
        return false;
    }
    statusBar()->showMessage(tr("Session saved to %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

void MainWindow::openSessionInteractive(const QString& path)
{
    if (!maybeSaveSession())
        return;
    QString error;
    if (!openSession(path, &error)) {
        // Window-modal without blocking: --screenshot and scripted opens go on.
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Open session"),
                                    tr("Could not open the session; the current document is unchanged."),
                                    QMessageBox::Ok, this);
        box->setInformativeText(error);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        m_statusLabel->setText(error);
        return;
    }
    if (missingFileCount() > 0 && isVisible()) {
        auto* box = new QMessageBox(
            QMessageBox::Warning, tr("Missing files"),
            tr("%n file(s) of this session could not be found. Everything else (scenarios, parameters, the "
               "saved fit) is open; the missing runs come back once you locate their files.",
               "", missingFileCount()),
            QMessageBox::NoButton, this);
        box->setDetailedText(m_sessionProblems.join('\n'));
        QPushButton* locate = box->addButton(tr("Locate…"), QMessageBox::AcceptRole);
        box->addButton(tr("Later"), QMessageBox::RejectRole);
        box->setAttribute(Qt::WA_DeleteOnClose);
        connect(box, &QMessageBox::buttonClicked, this, [this, locate](QAbstractButton* b) {
            if (b == locate)
                if (auto* a = findChild<QAction*>(QStringLiteral("actionLocateMissing")))
                    QTimer::singleShot(0, a, &QAction::trigger);
        });
        box->open();
    }
}

void MainWindow::resetDocument()
{
    m_runner->cancel();
    m_optRunner->cancel();
    m_fitPending.reset();
    m_fit.reset();
    m_doc.clear();                       // and so the window's views of its runs
    m_doc.setLaw(lawId().toStdString()); // the fields stay as they are
    m_doc.setWarmup(m_warmup->value());
    m_runs.clear();
    m_scenarios = {};
    m_predictions.clear();
    m_missingFiles.clear();
    m_missingProblemRow.clear();
    m_needsLr.clear();
    m_needsLrLoss.clear();
    m_needsLrRuns.clear();
    m_sessionProblems.clear();
    m_mappings.clear();
    m_mixtureInputs.clear();
    clearFollows();
    m_undo->clear();
    // The CPT view back to its start: the paper's fits, the default scenario.
    m_cptView->restoreState({core::cpt::CptScenario{}, QString()});
    m_cptView->usePaperPreset();
    m_cptView->setLambda1(0.5);
    m_cptTouched = false;
    m_scalingView->clear();
    m_scalingTouched = false;
    m_sizeRunner->cancel();
    m_sizeFit.reset();
}

void MainWindow::newSession()
{
    resetDocument();
    m_sessionPath.clear();
    m_warmup->setValue(-1); // auto, as in a new window
    refreshRunsTree();
    refreshModel();
    refreshScenarioViews();
    refreshPlots();
    m_plot->resetView(); // the old runs' axis ranges do not carry over
    m_fitSummary->setText(tr("No fit yet."));
    m_undo->setClean();
    m_dirtyExtra = false;
    m_savedSmoothing = m_plot->smoothing();
    QFile::remove(recoveryPath());
    updateTitle();
    m_statusLabel->setText(tr("New session. Open runs with File → Open or drop them on the window."));
}

int MainWindow::loadSessionFile(const core::SessionFile& file, const QString& path, FitResult* fit,
                                QString* error)
{
    const std::size_t before = m_runs.size();
    const QStringList recent = m_recent; // a session's files are not "recently opened" by the user
    if (!file.mapping.empty()) {
        importWithMapping(path, fromStd(file.mapping.loss), fromStd(file.mapping.lr),
                          fromStd(file.mapping.schedule), error);
    } else {
        openFiles({path});
        if (m_runs.size() == before && error)
            *error = tr("%1: no run could be read from it").arg(QFileInfo(path).fileName());
    }
    m_recent = recent;
    updateRecentMenu();
    // Match the saved runs by name (the file's order when names repeat or changed).
    std::vector<bool> used(file.runs.size(), false);
    for (std::size_t i = before; i < m_runs.size(); ++i) {
        Run& r = m_runs[i];
        std::size_t k = file.runs.size();
        for (std::size_t j = 0; j < file.runs.size() && k == file.runs.size(); ++j)
            if (!used[j] && file.runs[j].name == r.curve.name)
                k = j;
        if (k == file.runs.size() && i - before < file.runs.size() && !used[i - before])
            k = i - before;
        if (k == file.runs.size())
            continue;
        used[k] = true;
        const core::SessionRun& s = file.runs[k];
        if (!s.fitMetric.empty() && fromStd(s.fitMetric) != r.fitMetric) {
            QString why;
            if (!setFitMetric(int(i), fromStd(s.fitMetric), &why))
                m_sessionProblems << tr("%1: %2").arg(fromStd(s.name), why);
        }
        setRunVisible(r, s.visible);
        m_doc.setTrain(r.docId, s.train);
        r.shownMetrics.clear();
        for (const std::string& m : s.shownMetrics)
            for (const RunMetric& rm : r.metrics)
                if (rm.lossLike && rm.name == fromStd(m) && rm.name != r.fitMetric)
                    r.shownMetrics << rm.name;
        if (!s.color.empty())
            r.color = QColor(fromStd(s.color));
        if (s.inFit && fit) {
            fit->trainIds << r.id;
            fit->trainFiles << r.file;
        }
    }
    return int(m_runs.size() - before);
}

MainWindow::OutsideFiles MainWindow::defaultOutsideFiles()
{
    const QByteArray v = qgetenv("LOSSCAST_OUTSIDE_FILES").toLower();
    return v == "allow" ? OutsideFiles::Allow : v == "skip" ? OutsideFiles::Skip : OutsideFiles::Ask;
}

bool MainWindow::allowOutsideFiles(const QString& sessionPath, const QStringList& files)
{
    if (files.isEmpty() || m_outsideFiles == OutsideFiles::Allow)
        return true;
    // The window's own recovery copy lives in its data folder, far from the files: it is not someone else's.
    if (QFileInfo(sessionPath).absolutePath() == QFileInfo(recoveryPath()).absolutePath())
        return true;
    if (m_outsideFiles == OutsideFiles::Skip)
        return false;
    if (m_askOutside)
        return m_askOutside(files);
    // Offscreen nobody can answer a message box: skip rather than wait forever.
    if (QGuiApplication::platformName() == QLatin1String("offscreen")) {
        qWarning("losscast: offscreen, so not asking: %lld file(s) outside the session's folder not read",
                 static_cast<long long>(files.size()));
        return false;
    }
    QStringList shown = files.mid(0, 12);
    if (files.size() > shown.size())
        shown << tr("… and %1 more").arg(files.size() - shown.size());
    QMessageBox box(
        QMessageBox::Warning, tr("Read files outside the session's folder?"),
        tr("The session %1 reads these files, which lie outside its folder:\n\n%2\n\nRead them only "
           "if you trust the session. Otherwise it opens without them.")
            .arg(QFileInfo(sessionPath).fileName(), shown.join('\n')),
        QMessageBox::NoButton, this);
    QPushButton* read = box.addButton(tr("Read Them"), QMessageBox::AcceptRole);
    box.addButton(tr("Open Without Them"), QMessageBox::RejectRole);
    box.exec();
    return box.clickedButton() == read;
}

bool MainWindow::openSession(const QString& path, QString* error)
{
    const QString abs = QFileInfo(path).absoluteFilePath();
    const auto read = core::readSession(abs.toStdString());
    if (!read.ok()) {
        if (error)
            *error = fromStd(read.errorText());
        return false;
    }
    const core::Session& s = *read;
    // The fit must name a law this build has (parseSession checked it): build it before touching anything.
    std::unique_ptr<FitResult> fit;
    if (s.fit) {
        fit = std::make_unique<FitResult>();
        fit->fit = s.fit->fit;
        fit->warnings = s.fit->warnings; // as saved: the Model dock shows them again
        fit->law = core::findCurveLaw(s.fit->fit.law);
        if (!fit->law) {
            if (error)
                *error = tr("%1: fit.law: law \"%2\" is not available").arg(abs, fromStd(s.fit->fit.law));
            return false;
        }
        fit->fittedParams = fit->fit.params; // as fitted; edits (below) differ from these
        if (s.editedValues.size() == fit->fit.params.size())
            fit->fit.params = s.editedValues;
    }

    // Files outside the session's folder tree are read (or even hashed) only after the user agrees: asked
    // once per session, before anything of the current document changes.
    const QString dir = QFileInfo(abs).absolutePath();
    QStringList outside;
    for (const auto& f : core::filesOutsideTree(s, dir.toStdString()))
        outside << QDir::toNativeSeparators(fromStd(f));
    const bool allowOutside = allowOutsideFiles(abs, outside);

    m_restoringSession = true;
    resetDocument();
    m_skippedOutside = allowOutside ? QStringList() : outside;
    m_sessionPath = abs;
    m_warmup->setValue(int(std::clamp<std::int64_t>(s.warmup, -1, m_warmup->maximum())));
    setLaw(fromStd(s.law));

    for (const core::SessionFile& f : s.files) {
        const auto where = core::resolveSessionFile(f, dir.toStdString(), allowOutside);
        if (where.status == core::ResolvedFile::Status::Missing) {
            m_missingFiles.push_back(f);
            if (f.absolutePath.empty()) // where it was expected, relative to this session
                m_missingFiles.back().absolutePath = where.path;
            m_missingProblemRow.push_back(int(m_sessionProblems.size()));
            m_sessionProblems << fromStd(where.message);
            continue;
        }
        if (where.status == core::ResolvedFile::Status::Ok && !f.sha256.empty()) {
            // Just checked against the stored hash: autosave need not read the file again.
            const QFileInfo fi(fromStd(where.path));
            m_hashCache[fi.absoluteFilePath()] = {fi.size(), fi.lastModified().toMSecsSinceEpoch(), f.sha256};
        }
        if (where.status == core::ResolvedFile::Status::Changed)
            m_sessionProblems
                << fromStd(where.message) +
                       tr(" — its runs are shown as they are now; the saved fit was made on the "
                          "old data (Fit again to update it)");
        QString why;
        if (loadSessionFile(f, fromStd(where.path), fit.get(), &why) == 0 &&
            !m_needsLr.contains(QFileInfo(fromStd(where.path)).absoluteFilePath())) {
            m_missingFiles.push_back(f); // unreadable now: kept like a missing file
            m_missingFiles.back().absolutePath = where.path;
            m_missingProblemRow.push_back(int(m_sessionProblems.size()));
            m_sessionProblems << (why.isEmpty() ? tr("%1 could not be read").arg(fromStd(where.path)) : why);
        }
    }

    // The saved fit is shown as it is, not refitted: the document predicts its curves of the runs when they
    // are first drawn or scored.
    m_fit = std::move(fit);
    handFitToDocument();
    if (m_fit) {
        std::vector<bool> fixed;
        for (std::size_t i = 0; i < m_fit->fit.names.size(); ++i)
            fixed.push_back(std::find(s.fixedParams.begin(), s.fixedParams.end(), m_fit->fit.names[i]) !=
                            s.fixedParams.end());
        m_doc.setFixed(std::move(fixed), m_fit->fit.params);
    }

    m_scenarios = {};
    for (const auto& sc : s.scenarios)
        m_scenarios.scenarios.push_back({fromStd(sc.name), QColor(fromStd(sc.color)), sc.schedule});
    for (std::size_t i = 0; i < m_scenarios.scenarios.size(); ++i)
        if (!m_scenarios.scenarios[i].color.isValid())
            m_scenarios.scenarios[i].color = QColor::fromHsv(int(i * 67 % 360), 200, 200);
    m_scenarios.current = s.currentScenario;
    m_scenarios.baseline = s.baselineScenario;
    commitScenarios(); // the document clamps the current and baseline ones to the scenarios there are

    m_logX->setChecked(s.view.logX);
    m_logY->setChecked(s.view.logY);
    m_residuals->setChecked(s.view.residuals);
    m_plot->setSmoothing(s.view.ema);
    refreshPlots(); // enables the tokens axis when a run logs tokens
    m_tokensX->setChecked(s.view.tokensX && m_tokensX->isEnabled());

    refreshRunsTree();
    refreshModel();
    if (!m_fit)
        m_fitSummary->setText(tr("No fit yet."));
    predictScenarios();
    refreshScenarioViews();
    refreshPlots();
    m_plot->resetView();
    if (!s.mixtureInputs.empty()) {
        QStringList inputs;
        // Relative to the session first (the pair may have moved together), then where it was when saved
        // (a recovery copy lives in the app's data folder, far from the inputs).
        for (std::size_t i = 0; i < s.mixtureInputs.size(); ++i) {
            QString p = QDir(dir).absoluteFilePath(fromStd(s.mixtureInputs[i]));
            if (!QFileInfo(p).isFile() && i < s.mixtureAbsoluteInputs.size() &&
                QFileInfo(fromStd(s.mixtureAbsoluteInputs[i])).isFile())
                p = fromStd(s.mixtureAbsoluteInputs[i]);
            if (!allowOutside && outside.contains(QDir::toNativeSeparators(QDir::cleanPath(p)))) {
                m_sessionProblems << tr("%1 is outside the session's folder and was not read").arg(p);
                continue;
            }
            inputs << p;
        }
        QString why;
        if (!inputs.isEmpty() && !openMixtureExperiments(inputs, &why))
            m_sessionProblems << tr("Mixture experiments: %1").arg(why);
    }
    if (s.cpt) {
        const core::SessionCpt& c = *s.cpt;
        if (c.fits && c.fits->general && c.fits->domain)
            m_cptView->setFits(*c.fits->general, *c.fits->domain,
                               c.fitLabel.empty() ? tr("Fit saved with the session") : fromStd(c.fitLabel));
        m_cptView->restoreState({c.scenario, fromStd(c.ptSource)});
        m_cptView->setLambda1(c.lambda1);
        m_cptTouched = true;
    }
    followSessionFiles(s, dir, allowOutside);    // following.cpp: followed files are followed again
    m_cptDock->setVisible(s.cpt && s.cpt->open); // a session that never used the CPT view keeps it closed
    restoreScaling(s.scaling, dir, allowOutside, outside); // scaling.cpp
    refreshRunsTree();                                     // with the problems listed
    m_restoringSession = false;

    m_undo->setClean();
    m_dirtyExtra = false;
    m_savedSmoothing = m_plot->smoothing();
    updateTitle();
    addRecentSession(abs);
    m_lastDir = dir;
    if (!m_sessionProblems.isEmpty())
        m_statusLabel->setText(
            tr("Session %1 opened with %n problem(s): %2", "", int(m_sessionProblems.size()))
                .arg(displayName(abs), m_sessionProblems.first()));
    else
        m_statusLabel->setText(
            tr("Session %1 opened: %n run(s)%2.", "", int(m_runs.size()))
                .arg(displayName(abs))
                .arg(m_fit ? tr(", saved %1 fit shown (not refitted)").arg(fromStd(m_fit->fit.law).toUpper())
                           : QString()));
    return true;
}

std::string MainWindow::fileSha256(const QString& path) const
{
    const QFileInfo fi(path);
    if (!fi.isFile())
        return {};
    const qint64 mtime = fi.lastModified().toMSecsSinceEpoch();
    HashEntry& e = m_hashCache[fi.absoluteFilePath()];
    if (e.size != fi.size() || e.mtimeMs != mtime || e.sha256.empty())
        e = {fi.size(), mtime, core::sha256File(fi.absoluteFilePath().toStdString()).value_or("")};
    return e.sha256;
}

QStringList MainWindow::inputFiles() const
{
    QStringList files = m_needsLr.keys() + m_mixtureInputs;
    if (!m_scalingView->tablePath().isEmpty())
        files << m_scalingView->tablePath();
    for (const Run& r : m_runs)
        if (!files.contains(r.file))
            files << r.file;
    if (!m_sessionPath.isEmpty())
        files << m_sessionPath;
    return files;
}

core::Session MainWindow::toSession(const QString& sessionDir) const
{
    // The document's part (core::workspace::Workspace::toSession): the files with their runs' flags in run
    // order, law, warmup, fixed parameters, the fit as fitted with its edits, the scenarios.
    const std::string dir = sessionDir.toStdString();
    core::Session s = m_doc.toSession(dir, false);
    // What the window adds: the hashes it keeps, the user's mapping, following, and per run its colour and
    // series; then the files whose runs wait for an LR and the files that are still missing.
    QStringList order;
    for (const Run& r : m_runs)
        if (!order.contains(r.file))
            order << r.file;
    Q_ASSERT(order.size() == qsizetype(s.files.size())); // the same runs, grouped the same way
    for (qsizetype i = 0; i < order.size() && std::size_t(i) < s.files.size(); ++i) {
        const QString& file = order[i];
        core::SessionFile& f = s.files[std::size_t(i)];
        f.sha256 = fileSha256(file);
        if (const auto it = m_mappings.find(file); it != m_mappings.end())
            f.mapping = it->second;
        if (const FollowEntry* e = followEntry(file)) {
            f.follow.on = !e->follower.isNull();
            f.follow.run = e->run.toStdString();
            f.follow.schedule = e->schedule.toStdString();
            f.follow.target = e->target;
            f.follow.pin = e->pin;
            if (f.follow.on) { // it grows: a size or hash would call it "changed" on every reopening
                f.sha256.clear();
                f.size = 0;
            }
        }
        std::size_t k = 0;
        for (const Run& r : m_runs) {
            if (r.file != file || k >= f.runs.size())
                continue;
            core::SessionRun& sr = f.runs[k++];
            sr.color = r.color.name().toStdString();
            if (r.source) // a file with several series: which one the fit uses and which are drawn
                sr.fitMetric = r.fitMetric.toStdString();
            for (const RunMetric& m : r.metrics) // the fitted series' tick is `visible`
                if (m.lossLike && m.name != r.fitMetric)
                    (r.shownMetrics.contains(m.name) ? sr.shownMetrics : sr.hiddenMetrics)
                        .push_back(m.name.toStdString());
        }
    }
    // Files whose runs wait for a learning rate are kept too (no runs yet): opening the session asks again.
    for (auto it = m_needsLr.cbegin(); it != m_needsLr.cend(); ++it) {
        if (order.contains(it.key()))
            continue;
        core::SessionFile f = core::describeSessionFile(it.key().toStdString(), dir, false);
        f.sha256 = fileSha256(it.key());
        if (const auto m = m_mappings.find(it.key()); m != m_mappings.end())
            f.mapping = m->second;
        s.files.push_back(std::move(f));
    }
    for (core::SessionFile f : m_missingFiles) {
        // Still missing: keep everything the session knew, with its path relative to the new place.
        const auto rel = core::describeSessionFile(f.absolutePath, dir);
        f.path = rel.path;
        s.files.push_back(std::move(f));
    }
    for (std::size_t i = 0; i < s.scenarios.size() && i < m_scenarios.scenarios.size(); ++i)
        s.scenarios[i].color = m_scenarios.scenarios[i].color.name().toStdString();
    s.view.logX = m_logX->isChecked();
    s.view.logY = m_logY->isChecked();
    s.view.residuals = m_residuals->isChecked();
    s.view.ema = m_plot->smoothing();
    s.view.tokensX = m_tokensX->isChecked();
    s.view.tokensPerStep = s.view.tokensX ? xScale() : 0.0;
    for (const QString& p : m_mixtureInputs) {
        // Relative only to a saved session's folder (an unsaved one has none: the path stays absolute).
        s.mixtureInputs.push_back(
            (sessionDir.isEmpty() ? QFileInfo(p).absoluteFilePath() : QDir(sessionDir).relativeFilePath(p))
                .toStdString());
        s.mixtureAbsoluteInputs.push_back(QFileInfo(p).absoluteFilePath().toStdString());
    }
    if (m_cptTouched || !m_cptDock->isHidden()) {
        core::SessionCpt c;
        c.open = !m_cptDock->isHidden();
        c.fits = m_cptView->fits();
        c.fitLabel = m_cptView->fitLabel().toStdString();
        const widgets::CptView::State st = m_cptView->state();
        c.scenario = st.scenario;
        c.ptSource = st.ptSource.toStdString();
        c.lambda1 = m_cptView->lambda1();
        s.cpt = std::move(c);
    }
    s.scaling = scalingSession(sessionDir); // scaling.cpp
    return s;
}

bool MainWindow::saveSession(const QString& path, QString* error)
{
    const QString abs = QFileInfo(path).absoluteFilePath();
    const std::string why =
        core::saveSessionFile(toSession(QFileInfo(abs).absolutePath()), abs.toStdString());
    if (!why.empty()) {
        if (error)
            *error = fromStd(why);
        return false;
    }
    m_sessionPath = abs;
    m_lastDir = QFileInfo(abs).absolutePath();
    m_undo->setClean();
    m_dirtyExtra = false;
    m_savedSmoothing = m_plot->smoothing();
    QFile::remove(recoveryPath());
    addRecentSession(abs);
    updateTitle();
    return true;
}

void MainWindow::addSessionProblemItems()
{
    if (m_sessionProblems.isEmpty())
        return;
    auto* item = new QTreeWidgetItem(
        m_runsTree, {tr("%n session file(s) need attention", "", int(m_sessionProblems.size()))});
    item->setIcon(0, style()->standardIcon(QStyle::SP_MessageBoxWarning));
    for (int row = 0; row < int(m_sessionProblems.size()); ++row) {
        const QString& p = m_sessionProblems[row];
        auto* child = new QTreeWidgetItem(item, {p});
        child->setToolTip(0, p);
        // Matched by the row each missing file recorded, not by name: two missing metrics.csv in different
        // folders are different rows.
        for (std::size_t i = 0; i < m_missingFiles.size(); ++i) {
            if (m_missingProblemRow[i] == row) {
                child->setData(0, kMissingFileRole, int(i));
                child->setToolTip(0, p + tr("\nDouble-click to locate the file."));
                child->setIcon(0, style()->standardIcon(QStyle::SP_DialogOpenButton));
            }
        }
    }
    item->setExpanded(true);
}

bool MainWindow::locateMissingFile(int index, const QString& path, QString* error)
{
    if (index < 0 || index >= missingFileCount()) {
        if (error)
            *error = tr("No missing file %1.").arg(index);
        return false;
    }
    core::SessionFile f = m_missingFiles[std::size_t(index)];
    const QString oldName = QFileInfo(fromStd(f.absolutePath)).fileName();
    QString why;
    if (loadSessionFile(f, QFileInfo(path).absoluteFilePath(), m_fit.get(), &why) == 0) {
        if (error)
            *error = why.isEmpty() ? tr("%1: no run could be read from it").arg(path) : why;
        return false;
    }
    if (m_fit) // the saved fit was made on the runs it names: they are train runs of the document's fit
        handFitToDocument();
    const int row = m_missingProblemRow[std::size_t(index)];
    m_missingFiles.erase(m_missingFiles.begin() + index);
    m_missingProblemRow.erase(m_missingProblemRow.begin() + index);
    if (row >= 0 && row < int(m_sessionProblems.size())) {
        m_sessionProblems.removeAt(row);
        for (int& r : m_missingProblemRow)
            r -= r > row ? 1 : 0;
    }
    if (m_fit)
        refreshModel();
    refreshRunsTree();
    refreshPlots();
    markModified();
    m_statusLabel->setText(tr("%1 located at %2.").arg(oldName, QDir::toNativeSeparators(path)));
    return true;
}

void MainWindow::addRecentSession(const QString& path)
{
    m_recentSessions.removeAll(path);
    m_recentSessions.prepend(path);
    while (m_recentSessions.size() > 8)
        m_recentSessions.removeLast();
    QSettings().setValue("files/recentSessions", m_recentSessions);
    updateRecentMenu();
}

void MainWindow::addRecentSessionActions(QMenu* menu)
{
    for (const QString& p : m_recentSessions)
        menu->addAction(style()->standardIcon(QStyle::SP_FileIcon), QFileInfo(p).fileName(), this,
                        [this, p] { openSessionInteractive(p); })
            ->setToolTip(p);
    if (!m_recentSessions.isEmpty())
        menu->addSeparator();
}

QString MainWindow::recoveryPath() const
{
    return recoveryDir() + QStringLiteral("/recovery-%1.losscast").arg(m_recoveryId);
}

bool MainWindow::writeRecoveryCopy(QString* error)
{
    QDir().mkpath(recoveryDir());
    if (!m_recoveryLock) {
        // Held while this window lives: a recovery copy whose lock is free belongs to a LossCast that died.
        m_recoveryLock = new QLockFile(recoveryPath() + QStringLiteral(".lock"));
        m_recoveryLock->setStaleLockTime(0);
        if (!m_recoveryLock->tryLock(0)) {
            // Without the lock another LossCast could take this copy for a crashed one: write nothing.
            if (error)
                *error = tr("%1: cannot lock the recovery copy").arg(recoveryPath());
            delete m_recoveryLock;
            m_recoveryLock = nullptr;
            return false;
        }
        // Released (and its file removed) when the window goes.
        connect(this, &QObject::destroyed, [lock = m_recoveryLock] { delete lock; });
    }
    const QString dir = m_sessionPath.isEmpty() ? QString() : QFileInfo(m_sessionPath).absolutePath();
    core::JsonValue json = core::sessionToJson(toSession(dir));
    json.set("recovery_of", m_sessionPath.toStdString()); // ignored by readers; tells where to save
    core::JsonWriteOptions o;
    o.pretty = true;
    QSaveFile f(recoveryPath()); // atomic: a crash while writing leaves the previous copy whole
    const QByteArray bytes = QByteArray::fromStdString(core::writeJson(json, o) + "\n");
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        if (error)
            *error = tr("%1: cannot write (%2)").arg(recoveryPath(), f.errorString());
        return false;
    }
    return true;
}

void MainWindow::offerRecovery()
{
    const QDir dir(recoveryDir());
    const QString own = QFileInfo(recoveryPath()).fileName();
    for (const QFileInfo& fi : dir.entryInfoList({"recovery-*.losscast"}, QDir::Files, QDir::Time)) {
        if (fi.fileName() == own)
            continue;
        QLockFile lock(fi.absoluteFilePath() + QStringLiteral(".lock"));
        lock.setStaleLockTime(0);
        if (!lock.tryLock(0))
            continue; // its LossCast is still running
        QString original;
        if (QFile f(fi.absoluteFilePath()); f.open(QIODevice::ReadOnly))
            if (auto j = core::parseJson(f.readAll().toStdString()); j.ok())
                original = fromStd(j->string("recovery_of"));
        const auto answer = QMessageBox::question(
            this, tr("Recover session"),
            tr("LossCast did not close cleanly. A recovery copy of %1 from %2 exists. Restore it?")
                .arg(original.isEmpty() ? tr("an unsaved session") : QFileInfo(original).fileName(),
                     QLocale().toString(fi.lastModified(), QLocale::ShortFormat)),
            QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel, QMessageBox::Yes);
        if (answer == QMessageBox::Cancel)
            return; // ask again next time
        if (answer == QMessageBox::Yes) {
            QString error;
            if (!openSession(fi.absoluteFilePath(), &error)) {
                QMessageBox::warning(this, tr("Recover session"), error);
                return;
            }
            // The document is the recovered one, unsaved, under its original name.
            m_sessionPath = original;
            m_recentSessions.removeAll(fi.absoluteFilePath());
            QSettings().setValue("files/recentSessions", m_recentSessions);
            updateRecentMenu();
            m_dirtyExtra = true;
            updateTitle();
            // This window's own copy first: a crash between the two steps must not lose the recovered work.
            QString why;
            if (!writeRecoveryCopy(&why)) {
                QMessageBox::warning(this, tr("Recover session"), why);
                return; // the old copy stays, offered again next time
            }
        }
        QFile::remove(fi.absoluteFilePath());
        lock.unlock();
        QFile::remove(fi.absoluteFilePath() + QStringLiteral(".lock"));
        return;
    }
}

} // namespace losscast::app
