// The real `losscast` binary as a user runs it from a terminal: --screenshot leaves the terminal clean, and
// --save-session says which files wait for an LR schedule.
#include <QtTest>

#include <QMap>
#include <QProcess>
#include <QTemporaryDir>

class TestGuiRun : public QObject
{
    Q_OBJECT
private slots:
    void screenshotPrintsNoPainterWarnings();
    void saveSessionNamesFilesWaitingForLr();
    void screenshotOfEveryFormatAndOddInput_data();
    void screenshotOfEveryFormatAndOddInput();
    void saveSessionNeverReplacesAnInput();
    void headlessSkipsOutsideFiles();
    void screenshotSettingsArePrivate();
};

namespace {
struct Ran
{
    int code = -1;
    QString err;
};
Ran run(const QStringList& args, const QMap<QString, QString>& extraEnv = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    env.insert("XDG_RUNTIME_DIR", QDir::tempPath());
    env.remove("LOSSCAST_OUTSIDE_FILES"); // as a user runs it
    for (auto it = extraEnv.cbegin(); it != extraEnv.cend(); ++it)
        env.insert(it.key(), it.value());
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(LOSSCAST_GUI), args);
    if (!p.waitForFinished(120000))
        return {};
    return {p.exitCode(), QString::fromLocal8Bit(p.readAllStandardError())};
}
} // namespace

// Hidden plots (the closed CPT and Mixtures docks, tabs not shown) were replotted by QWidget::grab() and each
// printed "QPainter::begin: Paint device returned engine == 0" and "paint buffer returned inactive painter".
void TestGuiRun::screenshotPrintsNoPainterWarnings()
{
    QTemporaryDir dir;
    const QString png = dir.filePath("shot.png");
    const Ran r =
        run({"--screenshot", png, "--law", "none", LOSSCAST_EXAMPLES_DIR "/mpl/25M_cosine_24000.csv"});
    QCOMPARE(r.code, 0);
    QVERIFY(QFileInfo(png).size() > 0);
    for (const char* noise : {"QPainter", "drawToPaintBuffer", "propagateSizeHints"})
        QVERIFY2(!r.err.contains(QLatin1String(noise)), qPrintable(r.err));
}

void TestGuiRun::saveSessionNamesFilesWaitingForLr()
{
    QTemporaryDir dir;
    const QString out = dir.filePath("s.losscast");
    Ran r = run(
        {"--save-session", out, "--law", "none", LOSSCAST_TEST_DATA_DIR "/gui/wandb_export_loss_only.csv"});
    QCOMPARE(r.code, 0);
    QVERIFY(QFile::exists(out));
    QVERIFY2(r.err.contains("wandb_export_loss_only.csv") && r.err.contains("waiting for its LR schedule"),
             qPrintable(r.err));
    // A file with its LR: nothing to say.
    r = run({"--save-session", out, "--law", "none", LOSSCAST_EXAMPLES_DIR "/mpl/25M_cosine_24000.csv"});
    QCOMPARE(r.code, 0);
    QVERIFY2(!r.err.contains("waiting"), qPrintable(r.err));
}

void TestGuiRun::screenshotOfEveryFormatAndOddInput_data()
{
    // `losscast --law mpl|mtl --screenshot OUT FILE` on every format the importers read and on the odd inputs
    // of issue #12 (the MPL fit crashed with SIGSEGV on a curve logged from step 0 and on
    // trainer_state.json).
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("law");
    const QString gui = QStringLiteral(LOSSCAST_TEST_DATA_DIR "/gui/");
    const QString imp = QStringLiteral(LOSSCAST_TEST_DATA_DIR "/import/");
    const QStringList files = {gui + "from_step0_inf.csv",
                               gui + "nan_rows.csv",
                               gui + "one_point.csv",
                               gui + "diverging.csv",
                               gui + "warmup_ramp_from_0.csv",
                               gui + "lr_warmup_ramp.csv",
                               gui + "wandb_export_loss_only.csv",
                               gui + "wandb_chart_rl_cost.csv",
                               gui + "hf_warmup/trainer_state.json",
                               imp + "hf/checkpoint-40/trainer_state.json",
                               imp + "lightning/version_3/metrics.csv",
                               imp + "wandb_api_history.csv",
                               imp + "wandb_chart_bucketed.csv",
                               imp + "wandb_runs_table.csv",
                               imp + "wandb_legacy_run",
                               imp + "wandb_modern_run",
                               imp + "run-baseline_2-tag-train_loss.csv",
                               imp + "run-eval-tag-loss.json",
                               imp + "long_format_runs.csv",
                               imp + "tabs.tsv",
                               imp + "headerless.csv",
                               imp + "european_decimal_comma.csv",
                               imp + "generic_quoted_crlf_bom.csv",
                               imp + "nanogpt.log",
                               imp + "llmc.log",
                               imp + "modded_nanogpt.log",
                               imp + "modded_nanogpt_val_train.log",
                               imp + "megatron_reset.log"};
    // The odd inputs with both laws; the other formats with MPL, the law that crashed (each row starts the
    // binary and fits, so the whole set is kept to a few minutes on a loaded machine).
    for (const QString& f : files)
        for (const char* law : {"mpl", "mtl"})
            if (f.startsWith(gui) || QLatin1String(law) == QLatin1String("mpl"))
                QTest::addRow("%s-%s", qPrintable(QFileInfo(f).fileName()), law) << f << law;
}

void TestGuiRun::screenshotOfEveryFormatAndOddInput()
{
    QFETCH(QString, file);
    QFETCH(QString, law);
    QTemporaryDir dir;
    const QString png = dir.filePath("shot.png");
    const Ran r = run({"--fresh", "--law", law, "--screenshot", png, file});
    QVERIFY2(r.code == 0, qPrintable(QStringLiteral("exit %1: %2").arg(r.code).arg(r.err)));
    QVERIFY(QFileInfo(png).size() > 0);
}

// Issue #13 case 2: `losscast --save-session data.csv data.csv` replaced the CSV with session JSON.
void TestGuiRun::saveSessionNeverReplacesAnInput()
{
    QTemporaryDir dir;
    const QString csv = dir.filePath("data.csv");
    QVERIFY(QFile::copy(LOSSCAST_EXAMPLES_DIR "/mpl/25M_cosine_24000.csv", csv));
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray before = f.readAll();
    f.close();
    const Ran r = run({"--save-session", csv, "--law", "none", csv});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("input") && r.err.contains("data.csv"), qPrintable(r.err));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"data.csv"});
}

// Headless runs cannot ask: a session's files outside its folder are skipped with a message, unless
// --allow-outside-files.
void TestGuiRun::headlessSkipsOutsideFiles()
{
    QTemporaryDir dir;
    QDir(dir.path()).mkpath("s");
    QDir(dir.path()).mkpath("elsewhere");
    const QString csv = dir.filePath("elsewhere/run.csv");
    QVERIFY(QFile::copy(LOSSCAST_EXAMPLES_DIR "/mpl/25M_cosine_24000.csv", csv));
    const QString session = dir.filePath("s/a.losscast");
    QCOMPARE(run({"--save-session", session, "--law", "none", csv}).code, 0);
    const QString again = dir.filePath("s/b.losscast");
    Ran r = run({"--save-session", again, "--law", "none", session});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains("run.csv") && r.err.contains("outside the session's folder, not read"),
             qPrintable(r.err));
    r = run({"--save-session", again, "--law", "none", "--allow-outside-files", session});
    QCOMPARE(r.code, 0);
    QVERIFY2(!r.err.contains("outside"), qPrintable(r.err));
}

// --screenshot kept its settings in a fixed, shared /tmp/losscast-fresh.
void TestGuiRun::screenshotSettingsArePrivate()
{
    QTemporaryDir tmp;
    const QString png = tmp.filePath("shot.png");
    const Ran r =
        run({"--screenshot", png, "--law", "none", LOSSCAST_EXAMPLES_DIR "/mpl/25M_cosine_24000.csv"},
            {{"TMPDIR", tmp.path()}});
    QCOMPARE(r.code, 0);
    // The private folder is gone with the process; nothing fixed is left for another user to plant or read.
    const QStringList left =
        QDir(tmp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    QVERIFY2(left.contains("shot.png"), qPrintable(left.join(' ')));
    for (const QString& e : left)
        QVERIFY2(!e.startsWith("losscast"), qPrintable(left.join(' ')));
}

QTEST_MAIN(TestGuiRun)
#include "tst_gui_run.moc"
