// The real `losscast` binary as a user runs it from a terminal: --screenshot leaves the terminal clean, and
// --save-session says which files wait for an LR schedule.
#include <QtTest>

#include <QProcess>
#include <QTemporaryDir>

class TestGuiRun : public QObject
{
    Q_OBJECT
private slots:
    void screenshotPrintsNoPainterWarnings();
    void saveSessionNamesFilesWaitingForLr();
};

namespace {
struct Ran
{
    int code = -1;
    QString err;
};
Ran run(const QStringList& args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    env.insert("XDG_RUNTIME_DIR", QDir::tempPath());
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

QTEST_MAIN(TestGuiRun)
#include "tst_gui_run.moc"
