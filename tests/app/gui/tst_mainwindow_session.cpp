// Drives the main window offscreen through sessions: the bundled example opens without refitting, an edit
// marks the window modified and survives save → reopen, a missing file is named and nothing else is lost, a
// malformed session leaves the open document alone.
#include "app/gui/mainwindow.h"
#include "app/gui/mappingdialog.h"
#include "windowtestsupport.h"

#include "core/session/session.h"
#include "core/util/json.h"
#include "widgets/cptview.h"
#include "widgets/plotpanel.h"
#include "widgets/taskrunner.h"

#include <QAbstractButton>
#include <QDockWidget>
#include <QMessageBox>
#include <QSlider>
#include <QTreeWidget>
#include <QUndoStack>
#include <QtTest>

#include <cmath>

using losscast::app::MainWindow;
namespace core = losscast::core;

class TestMainWindowSession : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void opensExampleWithoutRefitting();
    void editSaveAndReopen();
    void missingFileIsNamedAndNothingIsLost();
    void changedFileIsReported();
    void malformedSessionLeavesDocumentUntouched();
    void sessionOpensThroughOpenFilesAndRecoveryCopy();
    void unsavedChangesAskSaveDiscardCancel();
    void columnMappingIsSavedAndReapplied();
    void offersToRestoreACrashedRecoveryCopy();
    void cptViewIsSavedAndRestored();
    void metricTicksAreSavedAndRestored();
    void undoToCleanRemovesRecoveryCopy();
    void mixtureInputsSurviveTheRecoveryCopy();
    void twoMissingFilesOfTheSameNameStayApart();
    void savingDoesNotRehashUnchangedFiles();
    void outsideFilesAreReadOnlyWithConsent();

private:
    /// A copy of the example session with the 25M curves in <tmp>/<name>/{session,mpl}; returns the session.
    QString copyExample(const QString& name, const QString& skip = {})
    {
        const QString root = m_tmp.filePath(name);
        QDir().mkpath(root + "/session");
        QDir().mkpath(root + "/mpl");
        const QDir mpl(QStringLiteral(LOSSCAST_EXAMPLES_DIR "/mpl"));
        for (const QString& f : mpl.entryList({"25M_*.csv"}, QDir::Files))
            if (f != skip)
                QFile::copy(mpl.filePath(f), root + "/mpl/" + f);
        const QString session = root + "/session/example.losscast";
        QFile::copy(QStringLiteral(LOSSCAST_EXAMPLES_DIR "/session/example.losscast"), session);
        return session;
    }
    /// Answers the next modal message box with `button` (polls until the box is shown by exec()).
    static void answerNextMessageBox(QMessageBox::StandardButton button)
    {
        auto* timer = new QTimer;
        QObject::connect(timer, &QTimer::timeout, timer, [timer, button] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                timer->stop();
                timer->deleteLater();
                if (QAbstractButton* b = box->button(button))
                    b->click();
            }
        });
        timer->start(10);
    }
    static QStringList runsTreeTexts(MainWindow& w)
    {
        QStringList out;
        auto* tree = w.findChild<QTreeWidget*>(QStringLiteral("runsTree"));
        for (QTreeWidgetItemIterator it(tree); *it; ++it)
            out << (*it)->text(0);
        return out;
    }
    QTemporaryDir m_tmp;
};

void TestMainWindowSession::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    QVERIFY(m_tmp.isValid());
    QVERIFY(QFile::exists(QStringLiteral(LOSSCAST_EXAMPLES_DIR "/session/example.losscast")));
}

void TestMainWindowSession::opensExampleWithoutRefitting()
{
    const QString path = copyExample("open");
    const auto saved = core::readSession(path.toStdString());
    QVERIFY2(saved.ok(), saved.errorText().c_str());
    QVERIFY(saved->fit.has_value());

    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QSignalSpy started(w.taskRunner(), &losscast::widgets::TaskRunner::started);
    QSignalSpy fitted(&w, &MainWindow::fitFinished);
    QString error;
    QVERIFY2(w.openSession(path, &error), qPrintable(error));
    QCOMPARE(started.count(), 0); // no refit: the saved fit is shown as it is
    QCOMPARE(fitted.count(), 0);
    QVERIFY(!w.taskRunner()->isRunning());
    QVERIFY(w.sessionProblems().isEmpty());

    QCOMPARE(int(w.runs().size()), 9);
    QCOMPARE(w.lawId(), QStringLiteral("mpl"));
    QVERIFY(w.hasFit());
    QCOMPARE(w.fitResult()->fit.law, std::string("mpl"));
    QCOMPARE(w.fitResult()->fit.params, saved->fit->fit.params);
    QCOMPARE(w.fitResult()->fit.covariance, saved->fit->fit.covariance);
    QCOMPARE(w.fitResult()->trainIds.size(), 3);
    QCOMPARE(w.document().scores().size(), 9u); // fit quality is shown for every run
    for (const auto& s : w.document().scores())
        QVERIFY2(s.metrics.predE < 0.01, "the restored fit must describe the restored runs");
    int train = 0;
    for (const auto& r : w.runs())
        train += r.train ? 1 : 0;
    QCOMPARE(train, 3);

    QCOMPARE(int(w.scenarioState().scenarios.size()), 2);
    QCOMPARE(w.scenarioState().scenarios[0].name, QString::fromStdString(saved->scenarios[0].name));
    QVERIFY(w.scenarioState().scenarios[1].schedule == saved->scenarios[1].schedule);
    QCOMPARE(w.scenarioState().current, saved->currentScenario);
    QCOMPARE(w.scenarioState().baseline, saved->baselineScenario);
    QCOMPARE(int(w.scenarioPredictions().size()), 2);
    for (const auto& p : w.scenarioPredictions())
        QVERIFY(std::isfinite(p.finalLoss));

    QVERIFY(!w.isDocumentModified());
    QVERIFY(!w.isWindowModified());
    QVERIFY2(w.windowTitle().startsWith("example[*]"), qPrintable(w.windowTitle()));
    QCOMPARE(w.sessionPath(), QFileInfo(path).absoluteFilePath());
}

void TestMainWindowSession::editSaveAndReopen()
{
    const QString path = copyExample("edit");
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QString error;
    QVERIFY2(w.openSession(path, &error), qPrintable(error));
    QVERIFY(!w.isWindowModified());

    // An undoable edit: drag the decay start of the WSD scenario.
    const int cur = w.scenarioState().current;
    const auto before = w.scenarioState().scenarios[std::size_t(cur)].schedule;
    losscast::test::dragControlPoint(w, 1, QPointF(-60, 15));
    QVERIFY(!(w.scenarioState().scenarios[std::size_t(cur)].schedule == before));
    QVERIFY(w.isWindowModified());
    w.undoStack()->undo();
    QVERIFY(!w.isWindowModified()); // back at the saved state
    w.undoStack()->redo();
    QVERIFY(w.isWindowModified());
    // A parameter edit and a change that is not an undo step (hold a training run out).
    const double a = w.fitResult()->fit.params[1];
    w.setParameterValue(1, a * 1.1);
    w.setRunTrain(2, false);
    const auto edited = w.scenarioState();
    const auto params = w.fitResult()->fit.params;
    const auto points = w.currentControlPoints();

    const QString out = m_tmp.filePath("edit/saved/edited.losscast");
    QDir().mkpath(QFileInfo(out).absolutePath());
    QVERIFY2(w.saveSession(out, &error), qPrintable(error));
    QVERIFY(!w.isWindowModified());
    QVERIFY2(w.windowTitle().startsWith("edited[*]"), qPrintable(w.windowTitle()));
    // Relative paths from the new place; the dragged scenario as control points; the fit as fitted.
    const auto saved = core::readSession(out.toStdString());
    QVERIFY2(saved.ok(), saved.errorText().c_str());
    QCOMPARE(saved->files.front().path, std::string("../mpl/25M_constant_24000.csv"));
    QCOMPARE(saved->fit->fit.params[1], a);
    QCOMPARE(saved->editedValues, params);

    MainWindow again;
    again.resize(1400, 900);
    again.show();
    QVERIFY2(again.openSession(out, &error), qPrintable(error));
    QVERIFY(again.sessionProblems().isEmpty());
    QCOMPARE(int(again.scenarioState().scenarios.size()), int(edited.scenarios.size()));
    for (std::size_t i = 0; i < edited.scenarios.size(); ++i) {
        QCOMPARE(again.scenarioState().scenarios[i].name, edited.scenarios[i].name);
        QCOMPARE(again.scenarioState().scenarios[i].color, edited.scenarios[i].color);
        QVERIFY(again.scenarioState().scenarios[i].schedule == edited.scenarios[i].schedule);
    }
    QCOMPARE(again.scenarioState().current, edited.current);
    QCOMPARE(again.currentControlPoints(), points);
    QCOMPARE(again.fitResult()->fit.params, params);
    QCOMPARE(again.fitResult()->trainIds.size(), 3); // the fit was made on three runs, still
    QCOMPARE(int(again.runs().size()), 9);
    for (std::size_t i = 0; i < w.runs().size(); ++i) {
        QCOMPARE(again.runs()[i].train, w.runs()[i].train);
        QCOMPARE(again.runs()[i].color, w.runs()[i].color);
    }
    QVERIFY(!again.isDocumentModified());
    // Saving the reopened session again writes the same document.
    const QString out2 = m_tmp.filePath("edit/saved/again.losscast");
    QVERIFY(again.saveSession(out2, &error));
    QFile f1(out), f2(out2);
    QVERIFY(f1.open(QIODevice::ReadOnly) && f2.open(QIODevice::ReadOnly));
    QCOMPARE(f2.readAll(), f1.readAll());
}

void TestMainWindowSession::missingFileIsNamedAndNothingIsLost()
{
    const QString missing = QStringLiteral("25M_cosine_72000.csv");
    const QString path = copyExample("missing", missing);
    MainWindow w;
    w.show();
    QString error;
    QVERIFY2(w.openSession(path, &error), qPrintable(error));
    QCOMPARE(int(w.runs().size()), 8);
    QCOMPARE(w.missingFileCount(), 1);
    QCOMPARE(w.sessionProblems().size(), 1);
    QVERIFY2(w.sessionProblems().first().startsWith(missing + " is missing"),
             qPrintable(w.sessionProblems().first()));
    const QStringList tree = runsTreeTexts(w);
    QVERIFY2(tree.filter(missing + " is missing").size() == 1, qPrintable(tree.join('\n')));
    // Scenarios and the fit are all there.
    QCOMPARE(int(w.scenarioState().scenarios.size()), 2);
    QVERIFY(w.hasFit());
    QCOMPARE(w.fitResult()->trainIds.size(), 3);

    // Saved again, the session still lists the missing file with its run settings.
    const QString out = m_tmp.filePath("missing/session/resaved.losscast");
    QVERIFY2(w.saveSession(out, &error), qPrintable(error));
    const auto saved = core::readSession(out.toStdString());
    QVERIFY2(saved.ok(), saved.errorText().c_str());
    QCOMPARE(int(saved->files.size()), 9);
    bool listed = false;
    for (const auto& f : saved->files)
        listed = listed || (QString::fromStdString(f.path).endsWith(missing) && f.runs.size() == 1 &&
                            !f.runs.front().train && !f.sha256.empty());
    QVERIFY(listed);

    // Located elsewhere: the run comes back with the session's settings.
    const QString found = m_tmp.filePath("missing/elsewhere/") + missing;
    QDir().mkpath(QFileInfo(found).absolutePath());
    QVERIFY(QFile::copy(QStringLiteral(LOSSCAST_EXAMPLES_DIR "/mpl/") + missing, found));
    QVERIFY2(w.locateMissingFile(0, found, &error), qPrintable(error));
    QCOMPARE(int(w.runs().size()), 9);
    QCOMPARE(w.missingFileCount(), 0);
    QVERIFY(w.sessionProblems().isEmpty());
    QVERIFY(!w.runs().back().train);
    QVERIFY(w.isDocumentModified());
}

void TestMainWindowSession::changedFileIsReported()
{
    const QString path = copyExample("changed");
    QFile f(m_tmp.filePath("changed/mpl/25M_wsdcon_3.csv"));
    QVERIFY(f.open(QIODevice::Append));
    f.write("\n");
    f.close();
    MainWindow w;
    QString error;
    QVERIFY2(w.openSession(path, &error), qPrintable(error));
    QCOMPARE(int(w.runs().size()), 9); // still opened, as it is now
    QCOMPARE(w.sessionProblems().size(), 1);
    QVERIFY2(w.sessionProblems().first().startsWith("25M_wsdcon_3.csv changed since the session was saved"),
             qPrintable(w.sessionProblems().first()));
    QVERIFY(w.hasFit());
}

void TestMainWindowSession::malformedSessionLeavesDocumentUntouched()
{
    const QString path = copyExample("malformed");
    MainWindow w;
    QString error;
    QVERIFY2(w.openSession(path, &error), qPrintable(error));
    const auto scenarios = w.scenarioState();
    const auto params = w.fitResult()->fit.params;

    // The example with a control point whose LR is text.
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    auto json = *core::parseJson(f.readAll().toStdString());
    core::JsonValue pts = core::JsonValue::array();
    for (auto [step, lr] : {std::pair<int, core::JsonValue>{0, 0.0}, {100, "3e-4"}}) {
        core::JsonValue p = core::JsonValue::object();
        p.set("step", step);
        p.set("lr", lr);
        pts.push(p);
    }
    core::JsonValue sc = core::JsonValue::object();
    sc.set("name", "bad");
    sc.set("points", pts);
    json.find("scenarios")->asArray()[1] = sc;
    const QString bad = m_tmp.filePath("malformed/session/bad.losscast");
    QFile out(bad);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QByteArray::fromStdString(core::writeJson(json)));
    out.close();

    error.clear();
    QVERIFY(!w.openSession(bad, &error));
    QVERIFY2(error.contains("bad.losscast") &&
                 error.contains("scenarios[1].points[1].lr: error: expected a number"),
             qPrintable(error));
    QCOMPARE(int(w.runs().size()), 9);
    QCOMPARE(w.sessionPath(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(int(w.scenarioState().scenarios.size()), int(scenarios.scenarios.size()));
    QVERIFY(w.scenarioState().scenarios[1].schedule == scenarios.scenarios[1].schedule);
    QCOMPARE(w.fitResult()->fit.params, params);

    // Not a session at all, and a newer version: refused with a message, document unchanged.
    QVERIFY(!w.openSession(QStringLiteral(LOSSCAST_EXAMPLES_DIR "/mpl/25M_cosine_24000.csv"), &error));
    QVERIFY2(error.contains("25M_cosine_24000.csv"), qPrintable(error));
    out.setFileName(bad);
    QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
    out.write(R"({"format":"losscast-session","version":7})");
    out.close();
    QVERIFY(!w.openSession(bad, &error));
    QVERIFY2(error.contains("version 7") && error.contains("newer LossCast"), qPrintable(error));
    QCOMPARE(int(w.runs().size()), 9);
}

void TestMainWindowSession::sessionOpensThroughOpenFilesAndRecoveryCopy()
{
    const QString path = copyExample("dropped");
    MainWindow w;
    // What a drop or `losscast x.losscast` does.
    QCOMPARE(w.openFiles({path}), 9);
    QCOMPARE(w.sessionPath(), QFileInfo(path).absoluteFilePath());
    QVERIFY(!w.isDocumentModified());

    // The recovery copy is a session of the modified document.
    w.setRunTrain(0, false);
    QVERIFY(w.isDocumentModified());
    QString error;
    QVERIFY2(w.writeRecoveryCopy(&error), qPrintable(error));
    QVERIFY(QFile::exists(w.recoveryPath()));
    MainWindow restored;
    QVERIFY2(restored.openSession(w.recoveryPath(), &error), qPrintable(error));
    QCOMPARE(int(restored.runs().size()), 9);
    QVERIFY(!restored.runs().front().train);
    QVERIFY(restored.sessionProblems().isEmpty());
    // A clean save removes it.
    QVERIFY(w.saveSession(path, &error));
    QVERIFY(!QFile::exists(w.recoveryPath()));
}

void TestMainWindowSession::unsavedChangesAskSaveDiscardCancel()
{
    const QString path = copyExample("prompt");
    MainWindow w;
    w.show();
    QString error;
    QVERIFY2(w.openSession(path, &error), qPrintable(error));
    QVERIFY(w.close()); // unmodified: closes without asking
    w.show();
    w.setRunTrain(0, false);
    QVERIFY(w.isWindowModified());
    answerNextMessageBox(QMessageBox::Cancel);
    QVERIFY(!w.close()); // Cancel keeps the window and the changes
    QVERIFY(w.isVisible());
    QVERIFY(!w.runs().front().train);
    // New Session → Save: written to the session's file, then the document is empty.
    auto* newSession = w.findChild<QAction*>(QStringLiteral("actionNewSession"));
    QVERIFY(newSession);
    answerNextMessageBox(QMessageBox::Save);
    newSession->trigger();
    QVERIFY(w.runs().empty());
    QVERIFY(w.sessionPath().isEmpty());
    const auto saved = core::readSession(path.toStdString());
    QVERIFY2(saved.ok(), saved.errorText().c_str());
    QVERIFY(!saved->files.front().runs.front().train);
    // Discard: the edit is dropped, the file stays as saved.
    QVERIFY(w.openSession(path, &error));
    w.setRunTrain(0, true);
    answerNextMessageBox(QMessageBox::Discard);
    QVERIFY(w.close());
    QVERIFY(!core::readSession(path.toStdString())->files.front().runs.front().train);
}

void TestMainWindowSession::offersToRestoreACrashedRecoveryCopy()
{
    const QString path = copyExample("crash");
    QString error;
    QString copy;
    {
        MainWindow crashed;
        QVERIFY(crashed.openSession(path, &error));
        crashed.setRunTrain(1, true);
        QVERIFY(crashed.writeRecoveryCopy(&error));
        // As if that LossCast had died: its copy under another process id, no lock held.
        copy = QFileInfo(crashed.recoveryPath()).absolutePath() + "/recovery-999999999.losscast";
        QFile::remove(copy);
        QVERIFY(QFile::rename(crashed.recoveryPath(), copy));
    }
    MainWindow w;
    w.show();
    answerNextMessageBox(QMessageBox::Yes);
    w.offerRecovery();
    QCOMPARE(int(w.runs().size()), 9);
    QVERIFY(w.runs()[1].train); // the unsaved change is back
    QVERIFY(w.isDocumentModified());
    QCOMPARE(w.sessionPath(), QFileInfo(path).absoluteFilePath()); // Save goes to the original file
    QVERIFY(!QFile::exists(copy));
    // The recovered work is in this window's own copy before the old one went.
    QVERIFY(QFile::exists(w.recoveryPath()));
    QVERIFY(core::readSession(w.recoveryPath().toStdString())->files.at(1).runs.front().train);
    // Each window has its own copy (process ids repeat in PID namespaces, and within one process).
    MainWindow other;
    QVERIFY(other.recoveryPath() != w.recoveryPath());
    answerNextMessageBox(QMessageBox::Discard);
    QVERIFY(w.close());
}

void TestMainWindowSession::columnMappingIsSavedAndReapplied()
{
    const QString source = QStringLiteral(LOSSCAST_TEST_DATA_DIR "/import/nanogpt.log");
    QVERIFY2(QFile::exists(source), "tests/data/import/nanogpt.log is a tracked fixture and must be there");
    QDir().mkpath(m_tmp.filePath("mapping"));
    const QString log = m_tmp.filePath("mapping/nanogpt.log");
    QVERIFY(QFile::copy(source, log));
    const QString spec = QStringLiteral("cosine:peak=1e-3,final=1e-4,steps=100,warmup=5");
    MainWindow w;
    QString error;
    QVERIFY2(w.importWithMapping(log, "train_loss", "", spec, &error) > 0, qPrintable(error));
    const QString path = m_tmp.filePath("mapping/log.losscast");
    QVERIFY2(w.saveSession(path, &error), qPrintable(error));
    const auto saved = core::readSession(path.toStdString());
    QVERIFY2(saved.ok(), saved.errorText().c_str());
    QCOMPARE(saved->files.front().path, std::string("nanogpt.log"));
    QCOMPARE(saved->files.front().mapping.loss, std::string("train_loss"));
    QCOMPARE(saved->files.front().mapping.schedule, spec.toStdString());

    // Reopened, the log is read with the same choice: no mapping dialog, the same LR for every step.
    MainWindow again;
    QVERIFY2(again.openSession(path, &error), qPrintable(error));
    QVERIFY(again.sessionProblems().isEmpty());
    QCOMPARE(int(again.runs().size()), 1);
    QVERIFY(again.findChild<losscast::app::MappingDialog*>() == nullptr);
    QCOMPARE(again.runs().front().curve.schedule.lr, w.runs().front().curve.schedule.lr);
    QCOMPARE(again.runs().front().curve.loss, w.runs().front().curve.loss);
}

void TestMainWindowSession::mixtureInputsSurviveTheRecoveryCopy()
{
    // The recovery copy lives in the app's data folder, far from the inputs: a path stored only relative to
    // the session's folder (or, unsaved, to the working directory) would not find them when restoring.
    const QString path = copyExample("mixrecover");
    const QString input = m_tmp.filePath("mixrecover/mix/regmix_3groups_1m.csv");
    QDir().mkpath(QFileInfo(input).absolutePath());
    QVERIFY(QFile::copy(QStringLiteral(LOSSCAST_EXAMPLES_DIR "/mixing/regmix_3groups_1m.csv"), input));
    QString error;
    MainWindow w;
    QVERIFY2(w.openSession(path, &error), qPrintable(error));
    QSignalSpy fitted(&w, &MainWindow::mixtureFitFinished);
    QVERIFY2(w.openMixtureExperiments({input}, &error), qPrintable(error));
    QVERIFY(fitted.wait(120'000));
    QVERIFY2(w.writeRecoveryCopy(&error), qPrintable(error));
    const auto copy = core::readSession(w.recoveryPath().toStdString());
    QVERIFY2(copy.ok(), copy.errorText().c_str());
    QCOMPARE(copy->mixtureAbsoluteInputs.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(copy->mixtureAbsoluteInputs.front()),
             QFileInfo(input).absoluteFilePath());

    MainWindow restored;
    QSignalSpy restoredFit(&restored, &MainWindow::mixtureFitFinished);
    QVERIFY2(restored.openSession(w.recoveryPath(), &error), qPrintable(error));
    QVERIFY2(restored.sessionProblems().isEmpty(), qPrintable(restored.sessionProblems().join("; ")));
    QVERIFY(restoredFit.count() > 0 || restoredFit.wait(120'000));
    QVERIFY(restoredFit.front().front().toBool());
    QFile::remove(w.recoveryPath());
}

void TestMainWindowSession::twoMissingFilesOfTheSameNameStayApart()
{
    // Two runs each logged a metrics.csv, in runA/ and runB/; both are missing when the session opens.
    const QString root = m_tmp.filePath("samename");
    QDir().mkpath(root);
    auto example = core::readSession(LOSSCAST_EXAMPLES_DIR "/session/example.losscast");
    QVERIFY(example.ok());
    core::Session s;
    for (const char* run : {"runA", "runB"}) {
        core::SessionFile f = example->files.front();
        f.path = std::string(run) + "/metrics.csv";
        f.absolutePath = (root + "/gone/" + run + "/metrics.csv").toStdString();
        s.files.push_back(f);
    }
    const QString path = root + "/two.losscast";
    QCOMPARE(core::saveSessionFile(s, path.toStdString()), std::string());
    MainWindow w;
    QString error;
    QVERIFY2(w.openSession(path, &error), qPrintable(error));
    QCOMPARE(w.missingFileCount(), 2);
    QCOMPARE(w.sessionProblems().size(), 2);
    // Each problem row locates its own file.
    auto* tree = w.findChild<QTreeWidget*>(QStringLiteral("runsTree"));
    QStringList rows;
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        if (const QVariant v = (*it)->data(0, Qt::UserRole + 7); v.isValid())
            rows << QString::number(v.toInt()) + ":" + (*it)->text(0);
    QCOMPARE(rows.size(), 2);
    QVERIFY2(rows[0].startsWith("0:") && rows[0].contains("runA"), qPrintable(rows.join('\n')));
    QVERIFY2(rows[1].startsWith("1:") && rows[1].contains("runB"), qPrintable(rows.join('\n')));
    // Locating runB's file removes its message only.
    const QString found = root + "/found/metrics.csv";
    QDir().mkpath(QFileInfo(found).absolutePath());
    QVERIFY(QFile::copy(QStringLiteral(LOSSCAST_EXAMPLES_DIR "/session/") +
                            QString::fromStdString(example->files.front().path),
                        found));
    QVERIFY2(w.locateMissingFile(1, found, &error), qPrintable(error));
    QCOMPARE(w.missingFileCount(), 1);
    QCOMPARE(w.sessionProblems().size(), 1);
    QVERIFY2(w.sessionProblems().front().contains("runA"), qPrintable(w.sessionProblems().front()));
}

void TestMainWindowSession::savingDoesNotRehashUnchangedFiles()
{
    // The hash of a file is kept while its size and modification time stay: rewritten with other bytes of
    // the same size and its old time put back, the saved hash is still the cached one (not reread); grown,
    // it is hashed again.
    const QString path = copyExample("hashcache");
    MainWindow w;
    QString error;
    QVERIFY2(w.openSession(path, &error), qPrintable(error));
    const QString out = m_tmp.filePath("hashcache/session/out.losscast");
    QVERIFY2(w.saveSession(out, &error), qPrintable(error));
    const auto first = core::readSession(out.toStdString());
    QVERIFY(first.ok());
    const QString data = QDir(m_tmp.filePath("hashcache/session"))
                             .absoluteFilePath(QString::fromStdString(first->files.front().path));
    const std::string oldHash = first->files.front().sha256;
    QCOMPARE(oldHash.size(), std::size_t(64));
    const QDateTime when = QFileInfo(data).lastModified();
    QByteArray bytes;
    {
        QFile f(data);
        QVERIFY(f.open(QIODevice::ReadOnly));
        bytes = f.readAll();
    }
    bytes[bytes.size() - 2] = bytes[bytes.size() - 2] == '1' ? '2' : '1';
    {
        QFile f(data);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(f.write(bytes), bytes.size());
        f.close();
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(when, QFileDevice::FileModificationTime));
    }
    QVERIFY2(w.saveSession(out, &error), qPrintable(error));
    QCOMPARE(core::readSession(out.toStdString())->files.front().sha256, oldHash);
    {
        QFile f(data);
        QVERIFY(f.open(QIODevice::Append));
        f.write("\n");
    }
    QVERIFY2(w.saveSession(out, &error), qPrintable(error));
    const std::string newHash = core::readSession(out.toStdString())->files.front().sha256;
    QCOMPARE(newHash.size(), std::size_t(64));
    QVERIFY(newHash != oldHash);
}

QTEST_MAIN(TestMainWindowSession)
#include "tst_mainwindow_session.moc"

void TestMainWindowSession::cptViewIsSavedAndRestored()
{
    using losscast::widgets::CptView;
    const QString path = copyExample("cpt");
    MainWindow w;
    QString error;
    QVERIFY2(w.openSession(path, &error), qPrintable(error));
    auto* view = w.findChild<CptView*>();
    auto* dock = w.findChild<QDockWidget*>("cptDock");
    QVERIFY(view && dock);
    QVERIFY(dock->isHidden());
    dock->show();
    // Every input of the view: a PT schedule taken from a run, a dragged CPT point, the replay ratio, the
    // trade-off weight and other fits than the preset.
    QVERIFY2(view->setPtSchedule(w.runs().front().curve.schedule, "25M_constant_24000.csv", &error),
             qPrintable(error));
    view->moveControlPoint(0, double(view->scenario().switchStep()) + 900, 6e-4);
    view->replaySlider()->setValue(35);
    view->setLambda1(0.8);
    auto fits = view->fits();
    fits.general->params[0] += 0.05;
    fits.domain->params[0] -= 0.04;
    view->setFits(*fits.general, *fits.domain, "Fit: mine.json");
    QVERIFY(w.isDocumentModified());
    const auto scenario = view->scenario();
    QVERIFY(!scenario.ptLr.empty());
    QCOMPARE(scenario.replay, 0.35);
    const auto prediction = view->prediction();

    const QString out = m_tmp.filePath("cpt/session/cpt.losscast");
    QVERIFY2(w.saveSession(out, &error), qPrintable(error));
    MainWindow again;
    QVERIFY2(again.openSession(out, &error), qPrintable(error));
    auto* view2 = again.findChild<CptView*>();
    QVERIFY(!again.findChild<QDockWidget*>("cptDock")->isHidden()); // open, as it was
    const auto s2 = view2->scenario();
    QCOMPARE(s2.replay, 0.35);
    QCOMPARE(s2.cpt.warmupSteps, scenario.cpt.warmupSteps);
    QCOMPARE(s2.cpt.peakLr, scenario.cpt.peakLr);
    QCOMPARE(s2.cpt.steps, scenario.cpt.steps);
    QVERIFY(s2.cpt.shape == scenario.cpt.shape);
    QCOMPARE(s2.pt.steps, scenario.pt.steps);
    QCOMPARE(s2.pt.warmupSteps, scenario.pt.warmupSteps);
    QCOMPARE(s2.ptLr.size(), scenario.ptLr.size());
    for (std::size_t i = 0; i < s2.ptLr.size(); ++i)
        QVERIFY(std::abs(s2.ptLr[i] - scenario.ptLr[i]) <= 1e-12 * scenario.pt.peakLr);
    QCOMPARE(view2->state().ptSource, QStringLiteral("25M_constant_24000.csv"));
    QCOMPARE(view2->lambda1(), 0.8);
    QCOMPARE(view2->fitLabel(), QStringLiteral("Fit: mine.json"));
    QCOMPARE(view2->fits().general->params, fits.general->params);
    QCOMPARE(view2->fits().domain->params, fits.domain->params);
    // The same curves on screen.
    QCOMPARE(view2->prediction().steps, prediction.steps);
    for (std::size_t k = 0; k < prediction.steps.size(); ++k) {
        QVERIFY(std::abs(view2->prediction().general[k] - prediction.general[k]) < 1e-9);
        QVERIFY(std::abs(view2->prediction().domain[k] - prediction.domain[k]) < 1e-9);
    }
    QVERIFY(!again.isDocumentModified());
    // Undo in the restored window has nothing of the old window's edits.
    QVERIFY(!again.undoStack()->canUndo());

    // A session without a CPT view closes it and puts it back to its start.
    QVERIFY2(again.openSession(path, &error), qPrintable(error));
    QVERIFY(again.findChild<QDockWidget*>("cptDock")->isHidden());
    QVERIFY(view2->scenario().ptLr.empty());
    QCOMPARE(view2->scenario().replay, 0.0);
    QVERIFY2(view2->fitLabel().startsWith("Paper preset"), qPrintable(view2->fitLabel()));
    QCOMPARE(view2->lambda1(), 0.5);
    QVERIFY(!again.isDocumentModified());
    const QString plain = m_tmp.filePath("cpt/session/plain.losscast");
    QVERIFY(again.saveSession(plain, &error));
    QVERIFY(!core::readSession(plain.toStdString())->cpt.has_value()); // untouched: not saved

    // Malformed CPT members are refused with their JSON path.
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray text = f.readAll();
    f.close();
    text.replace("\"replay\": 0.35", "\"replay\": \"lots\"");
    const QString bad = m_tmp.filePath("cpt/session/bad.losscast");
    QFile b(bad);
    QVERIFY(b.open(QIODevice::WriteOnly));
    b.write(text);
    b.close();
    QVERIFY(!again.openSession(bad, &error));
    QVERIFY2(error.contains("cpt.scenario.replay"), qPrintable(error));
}

void TestMainWindowSession::metricTicksAreSavedAndRestored()
{
    // A W&B history with train/loss (fitted), eval/loss and train/lr.
    const QString src = QStringLiteral(LOSSCAST_TEST_DATA_DIR "/import/wandb_api_history.csv");
    QDir().mkpath(m_tmp.filePath("metrics"));
    const QString file = m_tmp.filePath("metrics/history.csv");
    QVERIFY(QFile::copy(src, file));
    MainWindow w;
    QCOMPARE(w.openFiles({file}), 1);
    QVERIFY(w.runs().front().shownMetrics.isEmpty());
    QVERIFY(w.setRunMetricShown(0, "eval/loss", true));
    QString error;
    const QString out = m_tmp.filePath("metrics/ticks.losscast");
    QVERIFY2(w.saveSession(out, &error), qPrintable(error));
    {
        const auto saved = core::readSession(out.toStdString());
        QVERIFY2(saved.ok(), saved.errorText().c_str());
        const auto& run = saved->files.front().runs.front();
        QCOMPARE(run.shownMetrics, std::vector<std::string>{"eval/loss"});
        QCOMPARE(run.fitMetric, std::string("train/loss"));
    }
    MainWindow again;
    QVERIFY2(again.openSession(out, &error), qPrintable(error));
    QCOMPARE(again.runs().front().shownMetrics, QStringList{"eval/loss"});
    auto* tree = again.findChild<QTreeWidget*>("runsTree");
    const auto evalRows = tree->findItems("eval/loss", Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(evalRows.size(), 1);
    QCOMPARE(evalRows.first()->checkState(0), Qt::Checked);

    // Fit on eval/loss, with train/loss unticked: the choice and the tick both come back.
    QVERIFY(!again.isDocumentModified());
    QVERIFY2(again.setFitMetric(0, "eval/loss", &error), qPrintable(error));
    QVERIFY(again.isDocumentModified()); // "Fit on This Series" is an edit that a close must not lose
    QVERIFY(again.setRunMetricShown(0, "train/loss", false));
    QVERIFY(again.saveSession(out, &error));
    {
        const auto saved = core::readSession(out.toStdString());
        const auto& run = saved->files.front().runs.front();
        QCOMPARE(run.fitMetric, std::string("eval/loss"));
        QCOMPARE(run.hiddenMetrics, std::vector<std::string>{"train/loss"});
        QVERIFY(run.shownMetrics.empty());
    }
    MainWindow third;
    QVERIFY2(third.openSession(out, &error), qPrintable(error));
    QCOMPARE(third.runs().front().fitMetric, QStringLiteral("eval/loss"));
    QVERIFY(third.runs().front().shownMetrics.isEmpty());
    QCOMPARE(third.runs().front().curve.loss, again.runs().front().curve.loss);
    QVERIFY(third.sessionProblems().isEmpty());
    const auto trainRows = third.findChild<QTreeWidget*>("runsTree")
                               ->findItems("train/loss", Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(trainRows.size(), 1);
    QCOMPARE(trainRows.first()->checkState(0), Qt::Unchecked);
}

void TestMainWindowSession::undoToCleanRemovesRecoveryCopy()
{
    const QString path = copyExample("undo-recovery");
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QString error;
    QVERIFY2(w.openSession(path, &error), qPrintable(error));
    losscast::test::dragControlPoint(w, 1, QPointF(-60, 15));
    QVERIFY(w.isDocumentModified());
    QVERIFY2(w.writeRecoveryCopy(&error), qPrintable(error)); // what the autosave timer does
    QVERIFY(QFile::exists(w.recoveryPath()));
    w.undoStack()->undo();
    QVERIFY(!w.isDocumentModified());
    QVERIFY(!QFile::exists(w.recoveryPath())); // nothing to recover: the file on disk is the document
    // Redo makes it modified again; the next autosave writes a copy, and undo removes it again.
    w.undoStack()->redo();
    QVERIFY(w.isDocumentModified());
    QVERIFY(w.writeRecoveryCopy(&error));
    w.undoStack()->undo();
    QVERIFY(!QFile::exists(w.recoveryPath()));
    // A change that is not an undo step keeps the copy: the document still differs from the file.
    w.setRunTrain(0, false);
    w.undoStack()->redo();
    QVERIFY(w.writeRecoveryCopy(&error));
    w.undoStack()->undo();
    QVERIFY(w.isDocumentModified());
    QVERIFY(QFile::exists(w.recoveryPath()));
}

// Issue #13: a session from someone else read /etc/shadow and ../../../../etc/passwd without asking. Files
// outside the session's folder are read only after one question per session; declined, none is read (not
// even hashed) and each is named. Exports never replace an input.
void TestMainWindowSession::outsideFilesAreReadOnlyWithConsent()
{
    const QString session = copyExample("outside"); // the runs are in ../mpl, beside the session's folder
    int asked = 0;
    QStringList shown;
    {
        MainWindow w;
        w.setOutsideFiles(MainWindow::OutsideFiles::Ask);
        w.setOutsideFilesQuestion([&](const QStringList& files) {
            ++asked;
            shown = files;
            return false;
        });
        QString error;
        QVERIFY2(w.openSession(session, &error), qPrintable(error));
        QCOMPARE(asked, 1);
        QVERIFY(shown.size() >= 3);
        for (const QString& f : shown)
            QVERIFY2(f.contains("/outside/mpl/25M_"), qPrintable(f));
        QVERIFY(w.runs().empty());
        QCOMPARE(w.skippedOutsideFiles(), shown);
        QVERIFY2(w.sessionProblems().join('\n').contains("outside the session's folder"),
                 qPrintable(w.sessionProblems().join('\n')));
    }
    {
        MainWindow w;
        w.setOutsideFiles(MainWindow::OutsideFiles::Ask);
        w.setOutsideFilesQuestion([&](const QStringList&) {
            ++asked;
            return true;
        });
        QString error;
        QVERIFY2(w.openSession(session, &error), qPrintable(error));
        QCOMPARE(asked, 2);
        QVERIFY(!w.runs().empty());
        QVERIFY(w.skippedOutsideFiles().isEmpty());
        // An export over one of the opened files is refused and the file stays as it was.
        const QString input = w.runs().front().file;
        QFile f(input);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray before = f.readAll();
        f.close();
        QVERIFY(!w.exportParametersCsv(input, &error));
        QVERIFY2(error.contains("input"), qPrintable(error));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
    }
    {
        MainWindow w; // Skip (headless without --allow-outside-files): nothing asked, nothing read
        w.setOutsideFiles(MainWindow::OutsideFiles::Skip);
        w.setOutsideFilesQuestion([&](const QStringList&) {
            ++asked;
            return true;
        });
        QString error;
        QVERIFY2(w.openSession(session, &error), qPrintable(error));
        QCOMPARE(asked, 2);
        QVERIFY(w.runs().empty());
    }
}
