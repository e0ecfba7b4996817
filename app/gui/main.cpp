// losscast: the window. `losscast FILE...` opens files; `losscast --screenshot OUT.png [FILE...]` renders the
// window (after fitting when a law is available) to a PNG and exits; `losscast --benchmark-drag` replays
// synthetic control-point drags offscreen and prints the mouse-move → replot latency.
#include "app/gui/benchmark.h"
#include "app/gui/benchmark_follow.h"
#include "app/gui/benchmark_mix.h"
#include "app/gui/fileopenevents.h"
#include "app/gui/language.h"
#include "app/gui/mainwindow.h"
#include "widgets/scalingview.h"
#include "widgets/taskrunner.h"

#include "core/version.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QDialog>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>

#include <cstdio>
#include <string_view>

using losscast::app::MainWindow;

namespace {

/// The bundled examples are opened as a whole set (MPL protocol split), so the first view is meaningful.
bool isBundledExample(const QString& path)
{
    const QFileInfo fi(path);
    return fi.dir().dirName() == QLatin1String("mpl") && fi.dir().exists(QStringLiteral("LICENSE")) &&
           fi.fileName().contains('_');
}

/// The offscreen platform plugin (QT_QPA_PLATFORM=offscreen, as --screenshot is run on servers and in CI)
/// says "This plugin does not support propagateSizeHints()" whenever the window's minimum size changes: a
/// missing feature of that plugin, not a problem of the user's. Only that message is dropped; everything else
/// passes.
QtMessageHandler g_previousHandler = nullptr;
void dropOffscreenNoise(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (type == QtWarningMsg && message == QLatin1String("This plugin does not support propagateSizeHints()"))
        return;
    g_previousHandler(type, context, message);
}

} // namespace

int main(int argc, char** argv)
{
    // The benchmark runs without a display (and must not depend on one); --help, --version and --screenshot
    // work without one too.
    const bool haveDisplay = qEnvironmentVariableIsSet("DISPLAY") ||
                             qEnvironmentVariableIsSet("WAYLAND_DISPLAY") ||
                             qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
    for (int i = 1; i < argc; ++i) {
        const std::string_view a(argv[i]);
        if (a == "--benchmark-drag" || a == "--benchmark-fit" || a == "--benchmark-mix" ||
            a == "--benchmark-follow" ||
            (!haveDisplay &&
             (a == "--help" || a == "-h" || a == "--version" || a == "-v" || a == "--screenshot")))
            qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    // --language CODE, and runs that must not depend on the user's remembered state (--screenshot, --fresh,
    // --save-session) decide the translation, which has to be installed before the parser translates --help.
    QString languageArg;
    bool ignoreRememberedLanguage = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a(argv[i]);
        if (a == "--language" && i + 1 < argc)
            languageArg = QString::fromLocal8Bit(argv[i + 1]);
        else if (a.starts_with("--language="))
            languageArg = QString::fromLocal8Bit(argv[i] + std::string_view("--language=").size());
        else if (a == "--screenshot" || a == "--fresh" || a == "--save-session")
            ignoreRememberedLanguage = true;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("LossCast"));
    QApplication::setOrganizationName(QStringLiteral("LossCast"));
    QApplication::setApplicationVersion(QString::fromStdString(losscast::core::version()));
    // The desktop entry (packaging/linux): Wayland compositors match the window to its name and icon by it.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.losscast.LossCast"));
    QIcon icon;
    for (int s : {16, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/hicolor-%1.png").arg(s), QSize(s, s));
    QApplication::setWindowIcon(icon);
    losscast::app::installTranslations(app, languageArg, !ignoreRememberedLanguage);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QObject::tr("Fit scaling laws to training runs and predict other schedules."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption screenshot("screenshot", QObject::tr("Render the window to OUT.png and exit."),
                                  "OUT.png");
    QCommandLineOption size("size", QObject::tr("Window size for --screenshot (default 1500x940)."), "WxH",
                            "1500x940");
    QCommandLineOption theme("theme", QObject::tr("light, dark or system."), "THEME");
    QCommandLineOption law(
        "law", QObject::tr("Law to fit (mtl, mpl); 'none' to skip fitting in --screenshot."), "ID");
    QCommandLineOption noExampleSet("single",
                                    QObject::tr("Open a bundled example file alone, not its whole set."));
    QCommandLineOption benchmark(
        "benchmark-drag",
        QObject::tr("Replay synthetic control-point drags offscreen; print median and p95."));
    QCommandLineOption benchmarkFit(
        "benchmark-fit",
        QObject::tr("Fit MPL offscreen while timing the event loop; print max and p99 gap."));
    QCommandLineOption benchmarkMix(
        "benchmark-mix",
        QObject::tr("Move the Mixtures view's sliders offscreen; print median and p95 per panel."));
    QCommandLineOption benchmarkFollow(
        "benchmark-follow",
        QObject::tr("Follow a growing 100k-point log offscreen; print append-to-forecast times and the event "
                    "loop's largest gap."));
    QCommandLineOption follow(
        "follow", QObject::tr("Follow the files opened: draw the lines the training job appends and forecast "
                              "the final loss (Forecast dock)."));
    QCommandLineOption plan("schedule",
                            QObject::tr("With --follow: the run's planned schedule, e.g. "
                                        "cosine:peak=3e-4,final=3e-5,steps=72000,warmup=2160."),
                            "SPEC");
    QCommandLineOption fresh("fresh", QObject::tr("Ignore remembered window state."));
    QCommandLineOption language(
        "language",
        QObject::tr("Interface language: en, de or zh_CN (default: the one chosen in View → Language, "
                    "else the system's)."),
        "CODE");
    QCommandLineOption optimise(
        "optimise", QObject::tr("With --screenshot: after the fit, also optimise the current scenario."));
    QCommandLineOption expandRuns("expand-runs",
                                  QObject::tr("With --screenshot: expand every run to show its series."));
    QCommandLineOption tokensX("x-tokens",
                               QObject::tr("Plot against tokens (runs that log a tokens series)."));
    QCommandLineOption residuals("residuals", QObject::tr("Show the fit residuals under the loss plot."));
    QCommandLineOption saveSession(
        "save-session",
        QObject::tr("Open the files, fit (unless --law none), save the session to OUT.losscast and exit."),
        "OUT.losscast");
    QCommandLineOption allowOutside(
        "allow-outside-files",
        QObject::tr("With --screenshot or --save-session: read the files a session names outside its folder "
                    "(skipped otherwise; the window asks)."));
    parser.addOption(allowOutside);
    parser.addOptions({saveSession, screenshot, size, theme, law, noExampleSet, benchmark, benchmarkFit,
                       benchmarkMix, benchmarkFollow, follow, plan, fresh, language, optimise, residuals,
                       expandRuns, tokensX});
    parser.addPositionalArgument(
        "FILE", QObject::tr("Run files (CSV, W&B, TensorBoard, logs) to open, or one .losscast session."),
        "[FILE...]");
    parser.process(app);

    if (parser.isSet(benchmark))
        return losscast::app::runDragBenchmark(stdout);
    if (parser.isSet(benchmarkFit))
        return losscast::app::runFitBenchmark(stdout);
    if (parser.isSet(benchmarkMix))
        return losscast::app::runMixBenchmark(stdout);
    if (parser.isSet(benchmarkFollow))
        return losscast::app::runFollowBenchmark(stdout);

    if (parser.isSet(screenshot) || parser.isSet(fresh) || parser.isSet(saveSession)) {
        // Screenshots must not depend on what a user's earlier session left behind.
        QSettings::setDefaultFormat(QSettings::IniFormat);
        // A private folder per run (not a fixed, shared /tmp/losscast-fresh another user could plant or
        // read).
        static QTemporaryDir settingsDir(QDir::tempPath() + QStringLiteral("/losscast-settings-XXXXXX"));
        if (!settingsDir.isValid()) {
            std::fprintf(stderr, "losscast: cannot create a private settings folder in %s\n",
                         qPrintable(QDir::tempPath()));
            return 1;
        }
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
        QSettings().clear();
    }

    if (QGuiApplication::platformName() == QLatin1String("offscreen"))
        g_previousHandler = qInstallMessageHandler(dropOffscreenNoise);

    MainWindow window;
    if (parser.isSet(theme)) {
        const QString t = parser.value(theme);
        window.setTheme(t == "dark"    ? MainWindow::Theme::Dark
                        : t == "light" ? MainWindow::Theme::Light
                                       : MainWindow::Theme::System);
    }
    if (parser.isSet(law) && parser.value(law) != "none")
        window.setLaw(parser.value(law));
    if (parser.isSet(residuals))
        if (auto* a = window.findChild<QAction*>(QStringLiteral("actionResiduals")))
            a->setChecked(true);

    const QStringList files = parser.positionalArguments();
    const bool example = files.size() == 1 && isBundledExample(files.first()) && !parser.isSet(noExampleSet);
    // A session brings its own fit (not refitted), law, scenarios and view.
    const bool session =
        files.size() == 1 && files.first().endsWith(QLatin1String(".losscast"), Qt::CaseInsensitive);
    if (session) {
        // Nobody is there to ask when headless: outside files are skipped unless the command line allows
        // them. The bundled example session reads the bundled runs beside its folder.
        const QFileInfo fi(files.first());
        const bool bundled = fi.dir().dirName() == QLatin1String("session") &&
                             QFileInfo::exists(fi.dir().filePath(QStringLiteral("../mpl/LICENSE")));
        if (parser.isSet(allowOutside) || bundled)
            window.setOutsideFiles(MainWindow::OutsideFiles::Allow);
        else if ((parser.isSet(screenshot) || parser.isSet(saveSession)) &&
                 qEnvironmentVariableIsEmpty("LOSSCAST_OUTSIDE_FILES"))
            window.setOutsideFiles(MainWindow::OutsideFiles::Skip);
        QString error;
        if (!window.openSession(files.first(), &error)) {
            std::fprintf(stderr, "losscast: %s\n", qPrintable(error));
            if (parser.isSet(screenshot))
                return 1;
        }
        for (const QString& f : window.skippedOutsideFiles())
            std::fprintf(stderr,
                         "losscast: %s: outside the session's folder, not read (--allow-outside-files reads "
                         "it)\n",
                         qPrintable(f));
    } else if (example)
        window.openExampleSet(files.first());
    else if (!files.isEmpty())
        window.openFiles(files);
    if (parser.isSet(follow) && !session)
        for (const QString& f : files) {
            const QString abs = QFileInfo(f).absoluteFilePath();
            QString error;
            // A log without an LR: the planned schedule is its LR (instead of the question the window asks).
            if (parser.isSet(plan) && window.filesWaitingForLr().contains(abs)) {
                if (window.importWithMapping(abs, {}, {}, parser.value(plan), &error) > 0) {
                    for (QDialog* d : window.findChildren<QDialog*>())
                        if (d->isVisible())
                            d->reject();
                } else {
                    std::fprintf(stderr, "losscast: %s: %s\n", qPrintable(abs), qPrintable(error));
                }
            }
            if (!window.setFollowing(abs, true, {}, &error))
                std::fprintf(stderr, "losscast: %s\n", qPrintable(error));
            else if (parser.isSet(plan) && !window.setPlannedSchedule(abs, parser.value(plan), &error))
                std::fprintf(stderr, "losscast: --schedule: %s\n", qPrintable(error));
        }

    if (parser.isSet(tokensX))
        if (auto* a = window.findChild<QAction*>(QStringLiteral("actionTokensX")); a && a->isEnabled())
            a->setChecked(true);

    if (parser.isSet(saveSession)) {
        // How resources/examples/session/example.losscast is made (see its README).
        const QString out = parser.value(saveSession);
        // Kept in the session, but without an LR nothing is fitted or predicted for them: say so.
        for (const QString& f : window.filesWaitingForLr())
            std::fprintf(
                stderr,
                "losscast: %s: no learning rate logged; saved as waiting for its LR schedule (open the "
                "session and double-click the run to give it)\n",
                qPrintable(QDir::toNativeSeparators(f)));
        int status = 0;
        auto save = [&window, out, &status] {
            QString error;
            if (!window.saveSession(out, &error)) {
                std::fprintf(stderr, "losscast: %s\n", qPrintable(error));
                status = 1;
            }
            QApplication::exit(status);
        };
        if (parser.value(law) != "none" && !window.runs().empty() && window.startFit()) {
            QObject::connect(&window, &MainWindow::fitFinished, &window, [save, &status](bool ok) {
                if (!ok) {
                    std::fprintf(stderr, "losscast: the fit failed; session not saved\n");
                    status = 1;
                    QApplication::exit(1);
                    return;
                }
                save();
            });
            app.exec();
        } else {
            save();
        }
        return status;
    }

    if (parser.isSet(screenshot)) {
        const QString out = parser.value(screenshot);
        const QStringList wh = parser.value(size).split('x');
        window.resize(wh.value(0).toInt() > 0 ? wh.value(0).toInt() : 1500,
                      wh.value(1).toInt() > 0 ? wh.value(1).toInt() : 940);
        window.show();
        int status = 0;
        const bool expand = parser.isSet(expandRuns);
        auto shoot = [&window, out, &status, expand] {
            if (expand)
                if (auto* tree = window.findChild<QTreeWidget*>(QStringLiteral("runsTree")))
                    tree->expandAll();
            // Let the queued replots and layouts settle first.
            QTimer::singleShot(300, &window, [&window, out, &status] {
                if (!window.grab().save(out)) {
                    std::fprintf(stderr, "losscast: %s: cannot write the screenshot\n", qPrintable(out));
                    status = 1;
                }
                QApplication::exit(status);
            });
        };
        const bool fitting = !session && !parser.isSet(follow) && parser.value(law) != "none" &&
                             !window.runs().empty() && window.startFit();
        const bool optimising = parser.isSet(optimise);
        if (fitting && optimising) {
            QObject::connect(&window, &MainWindow::fitFinished, &window, [&window, shoot](bool ok) {
                if (!ok || !window.optimiseScenario(window.scenarioState().current))
                    shoot();
            });
            QObject::connect(window.optimiseRunner(), &losscast::widgets::TaskRunner::finished, &window,
                             [shoot](quint64, const QVariant&) { shoot(); });
            QObject::connect(window.optimiseRunner(), &losscast::widgets::TaskRunner::cancelled, &window,
                             [shoot](quint64) { shoot(); });
        } else if (fitting)
            QObject::connect(&window, &MainWindow::fitFinished, &window, [shoot](bool) { shoot(); });
        else if (window.liveForecastPending()) { // a followed run: shoot its forecast (at most 120 s later)
            QObject::connect(&window, &MainWindow::liveForecastFinished, &window, [&window, shoot] {
                if (!window.liveForecastPending())
                    shoot();
            });
            QTimer::singleShot(120'000, &window, shoot);
        } else if (window.mixtureFitPending()) // mixture experiments: shoot the fitted Mixtures view
            QObject::connect(&window, &MainWindow::mixtureFitFinished, &window, [&window, shoot](bool) {
                if (!window.mixtureFitPending())
                    shoot();
            });
        else if (window.scalingView()->isFitting() || window.sizeCurveFitPending()) {
            // A session with a Scaling table or a curve at a model size: shoot once both fits have ended.
            auto whenDone = [&window, shoot] {
                if (!window.scalingView()->isFitting() && !window.sizeCurveFitPending())
                    shoot();
            };
            QObject::connect(window.scalingView(), &losscast::widgets::ScalingView::fitFinished, &window,
                             [whenDone](bool) { QTimer::singleShot(0, whenDone); });
            QObject::connect(&window, &MainWindow::sizeCurveFitFinished, &window,
                             [whenDone](bool) { QTimer::singleShot(0, whenDone); });
        } else
            shoot();
        app.exec();
        return status;
    }

    // macOS: Finder opens sessions and logs through FileOpen events, not the command line.
    auto* fileOpen = new losscast::app::FileOpenEvents(&window);
    app.installEventFilter(fileOpen);
    window.show();
    window.offerRecovery(); // after a crash: the autosaved copy of what was open
    if (example && parser.value(law) != "none")
        window.startFit(); // the bundled example opens fitted: a first look needs no clicks (0.2 s, in
                           // background)
    return app.exec();
}
