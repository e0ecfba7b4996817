// The Mixtures dock of the main window: File → Open Mixture Experiments fits in the background and shows the
// view; Optimise puts the exact optimum on the sliders; AutoScale optima and perturbation files feed the
// AutoScale panel (the path File → Open AutoScale Optima, the panel's button and drops share). Set
// LOSSCAST_MIX_SHOT=file.png to save a screenshot.
#include "app/gui/language.h"
#include "app/gui/mainwindow.h"
#include "core/mixing/autoscale.h"
#include "core/util/textfile.h"
#include "widgets/mixtureview.h"

#include <QtTest>

#include <QDockWidget>
#include <QDropEvent>
#include <QImage>
#include <QMimeData>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeWidget>

#include <algorithm>
#include <cmath>

using namespace losscast;

namespace {

QString data(const char* name)
{
    return QStringLiteral(LOSSCAST_TEST_DATA_DIR "/mixing/") + name;
}

QString example(const char* name)
{
    return QStringLiteral(LOSSCAST_EXAMPLES_DIR "/mixing/") + name;
}

} // namespace

class TestMainWindowMix : public QObject
{
    Q_OBJECT
private slots:
    void openFitOptimise();
    void badTableIsReported();
    void autoScaleOptimaFeedTheArea();
    void malformedOptimaKeepsPanel();
    void perturbationRunsAddDdoRow();
    void dropsRecogniseAutoScaleFiles();
    void experimentFilesOpenLikeLogs_data();
    void experimentFilesOpenLikeLogs();
    void logsStayRuns();
    void experimentErrorsNameFileLineColumn();
    void screenshots_data();
    void screenshots();
};

void TestMainWindowMix::openFitOptimise()
{
    app::MainWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy done(&w, &app::MainWindow::mixtureFitFinished);
    QString error;
    QVERIFY2(w.openMixtureExperiments({data("tiny_experiments.csv")}, &error), qPrintable(error));
    QVERIFY(done.wait(20000));
    QCOMPARE(done.at(0).at(0).toBool(), true);
    auto* view = w.mixtureView();
    QVERIFY(view);
    QVERIFY(view->isVisible());
    QCOMPARE(view->mixture().size(), std::size_t(3));
    // Optimise: the view receives the exact optimum, no worse than the uniform mixture it started from.
    const double before = view->prediction().overall;
    QPushButton* optimise = nullptr;
    for (auto* b : view->findChildren<QPushButton*>())
        if (b->text().contains("Optimise"))
            optimise = b;
    QVERIFY(optimise);
    optimise->click();
    QVERIFY(view->prediction().overall < before);
    double s = 0;
    for (double r : view->mixture())
        s += r;
    QVERIFY(std::abs(s - 1.0) < 1e-12);
    const QString shot = qEnvironmentVariable("LOSSCAST_MIX_SHOT");
    if (!shot.isEmpty()) {
        QCoreApplication::processEvents(); // the plots replot on the next event-loop pass (queued replot)
        QVERIFY(w.grab().save(shot));
    }
}

void TestMainWindowMix::badTableIsReported()
{
    app::MainWindow w;
    QString error;
    QVERIFY(!w.openMixtureExperiments({data("no_such_file.csv")}, &error));
    QVERIFY2(error.contains("no_such_file.csv"), qPrintable(error));
    QVERIFY(!w.openMixtureExperiments({}, &error));
}

void TestMainWindowMix::autoScaleOptimaFeedTheArea()
{
    app::MainWindow w;
    w.resize(1400, 900);
    QSignalSpy loaded(&w, &app::MainWindow::autoScaleLoaded);
    QString error;
    // The same call the menu, the panel's button and a drop make.
    QVERIFY2(w.openAutoScaleFile(example("autoscale_optima_B.csv"), &error), qPrintable(error));
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(loaded.at(0).at(0).toBool(), true);
    auto* view = w.mixtureView();
    const auto& table = w.autoScaleOptima();
    QCOMPARE(table.domains.size(), std::size_t(7));
    // The widest measured baseline is the default: the repository's own 0.3B and 1.2B.
    const auto bases = view->autoScaleBases();
    QCOMPARE(table.rows[bases.first].label, std::string("DDO_opt@0.3B"));
    QCOMPARE(table.rows[bases.second].label, std::string("DDO_opt@1.2B"));
    const auto area = view->autoScaleArea();
    QCOMPARE(area.names.size(), std::size_t(7));
    QCOMPARE(area.names.front(), QString("common_crawl"));
    QVERIFY(area.totals.size() >= 50);
    QVERIFY(std::abs(area.totals.front() - 0.3) < 1e-12);
    QVERIFY(std::abs(area.totals.back() - 412.44002730550164) < 1e-6);
    // The area's edges are cumulative shares: increasing across domains, the last one 1.
    for (std::size_t k = 0; k < area.totals.size(); ++k) {
        for (std::size_t j = 1; j < 7; ++j)
            QVERIFY(area.upper[j][k] >= area.upper[j - 1][k]);
        QVERIFY(std::abs(area.upper[6][k] - 1.0) < 1e-12);
    }
    // At 0.3B the area is the 0.3B optimum of the file (its total column says 0.3, its cells sum to
    // 0.29999999957).
    const auto& r03 = table.rows[bases.first];
    double acc = 0.0;
    for (std::size_t j = 0; j < 7; ++j) {
        acc += r03.tokens[j] / r03.total;
        QVERIFY2(std::abs(area.upper[j][0] - acc) < 1e-6, qPrintable(area.names[j]));
    }
    // At the repository's predicted scales the slider shows the repository's predicted weights.
    for (const auto& row : table.rows) {
        if (row.label.find("AutoScale_pred") != 0)
            continue;
        view->setAutoScaleTotal(row.total);
        const auto weights = view->autoScaleWeights();
        QCOMPARE(weights.size(), std::size_t(7));
        for (std::size_t j = 0; j < 7; ++j)
            QVERIFY2(std::abs(weights[j] - row.tokens[j] / row.total) < 1e-6, row.label.c_str());
    }
    QVERIFY(view->autoScaleStatus().contains("autoscale_optima_B.csv"));
}

void TestMainWindowMix::malformedOptimaKeepsPanel()
{
    app::MainWindow w;
    QString error;
    QVERIFY2(w.openAutoScaleFile(data("optima_small.csv"), &error), qPrintable(error));
    auto* view = w.mixtureView();
    const auto before = view->autoScaleArea();
    QCOMPARE(before.names.size(), std::size_t(3));
    QSignalSpy loaded(&w, &app::MainWindow::autoScaleLoaded);
    QVERIFY(!w.openAutoScaleFile(data("bad_optima.csv"), &error));
    QCOMPARE(loaded.count(), 0);
    // The message names the file, the line and the column, in the return value and in the panel.
    for (const QString& text : {error, view->autoScaleStatus()})
        QVERIFY2(text.contains("bad_optima.csv:5") && text.contains("column 5 (books)") &&
                     text.contains("lots"),
                 qPrintable(text));
    // The previous optima stay drawn and usable.
    const auto after = view->autoScaleArea();
    QCOMPARE(after.names, before.names);
    QCOMPARE(after.totals, before.totals);
    QCOMPARE(after.upper, before.upper);
    QCOMPARE(w.autoScaleOptima().rows.size(), std::size_t(2));
    view->setAutoScaleTotal(16.5); // AutoScale's N3 = N2²/N1 = (8, 2.25, 6.25)
    QVERIFY(std::abs(view->autoScaleWeights()[0] - 8.0 / 16.5) < 1e-9);
    // Malformed perturbation runs: the same, before anything runs in the background.
    QVERIFY(!w.openAutoScaleFile(data("bad_perturbation.csv"), &error, 1.0));
    QVERIFY2(error.contains("bad_perturbation.csv:4") && error.contains("column 2 (data_multiplier)"),
             qPrintable(error));
    QCOMPARE(loaded.count(), 0);
    QCOMPARE(view->autoScaleArea().upper, before.upper);
    // Not an AutoScale file at all, and a missing file.
    QVERIFY(!w.openAutoScaleFile(data("tiny_experiments.csv"), &error));
    QVERIFY2(error.contains("tiny_experiments.csv") && error.contains("not an AutoScale file"),
             qPrintable(error));
    QVERIFY(!w.openAutoScaleFile(data("no_such_optima.csv"), &error));
    QVERIFY2(error.contains("no_such_optima.csv"), qPrintable(error));
    QCOMPARE(view->autoScaleArea().upper, before.upper);
}

void TestMainWindowMix::perturbationRunsAddDdoRow()
{
    app::MainWindow w;
    QString error;
    QVERIFY2(w.openAutoScaleFile(example("autoscale_optima_B.csv"), &error), qPrintable(error));
    QSignalSpy loaded(&w, &app::MainWindow::autoScaleLoaded);
    QVERIFY2(w.openAutoScaleFile(example("autoscale_perturbation_1.2B.csv"), &error, 1.2), qPrintable(error));
    QVERIFY(loaded.wait(20000));
    QCOMPARE(loaded.at(0).at(0).toBool(), true);
    const auto& table = w.autoScaleOptima();
    QCOMPARE(table.rows.size(), std::size_t(9));
    const auto it = std::find_if(table.rows.begin(), table.rows.end(),
                                 [](const auto& r) { return r.label.rfind("DDO@1.2 ", 0) == 0; });
    QVERIFY(it != table.rows.end());
    // The row is the core DDO of the same runs, in the table's domain order.
    const auto text = core::readTextFile(example("autoscale_perturbation_1.2B.csv").toStdString());
    const auto runs = core::mixing::parsePerturbations(*text, "p.csv");
    QVERIFY(runs.ok());
    const auto ddo = core::mixing::optimizeDdo(core::mixing::fitPerturbations(*runs), 1.2);
    double sum = 0.0;
    for (std::size_t j = 0; j < table.domains.size(); ++j) {
        const auto k = std::size_t(std::find(runs->domains.begin(), runs->domains.end(), table.domains[j]) -
                                   runs->domains.begin());
        QVERIFY(std::abs(it->tokens[j] - ddo.tokens[k]) < 1e-12);
        sum += it->tokens[j];
    }
    QVERIFY(std::abs(sum - 1.2) < 1e-9);
    QVERIFY(w.mixtureView()->autoScaleStatus().contains("autoscale_perturbation_1.2B.csv"));
}

void TestMainWindowMix::dropsRecogniseAutoScaleFiles()
{
    QVERIFY(app::MainWindow::isAutoScaleFile(example("autoscale_optima_B.csv")));
    QVERIFY(app::MainWindow::isAutoScaleFile(example("autoscale_perturbation_1.2B.csv")));
    QVERIFY(app::MainWindow::isAutoScaleFile(data("optima_small.csv")));
    QVERIFY(!app::MainWindow::isAutoScaleFile(data("tiny_experiments.csv")));
    QVERIFY(
        !app::MainWindow::isAutoScaleFile(QStringLiteral(LOSSCAST_EXAMPLES_DIR "/mpl/25M_cosine_24000.csv")));
    QVERIFY(!app::MainWindow::isAutoScaleFile(data("no_such_file.csv")));
    // A drop of an optima file goes to the AutoScale panel, not to the runs. (QApplication routes drops to
    // the target of a drag in progress, so the handler is called directly.)
    struct DropWindow : app::MainWindow
    {
        using app::MainWindow::dropEvent;
    } w;
    QSignalSpy loaded(&w, &app::MainWindow::autoScaleLoaded);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(data("optima_small.csv"))});
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    w.dropEvent(&drop);
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(w.autoScaleOptima().rows.size(), std::size_t(2));
    QVERIFY(w.runs().empty());
}

/// The window with its drop handler callable (QApplication routes real drops to a drag in progress).
struct DropWindow : app::MainWindow
{
    using app::MainWindow::dropEvent;
    void drop(const QStringList& paths)
    {
        QMimeData mime;
        QList<QUrl> urls;
        for (const QString& p : paths)
            urls << QUrl::fromLocalFile(p);
        mime.setUrls(urls);
        QDropEvent event(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        dropEvent(&event);
    }
};

/// The "failed to open" lines beside the runs.
QStringList openErrors(const app::MainWindow& w)
{
    QStringList out;
    const auto* tree = w.findChild<QTreeWidget*>(QStringLiteral("runsTree"));
    for (int i = 0; tree && i < tree->topLevelItemCount(); ++i)
        for (int c = 0; tree->topLevelItem(i)->text(0).contains("failed to open") &&
                        c < tree->topLevelItem(i)->childCount();
             ++c)
            out << tree->topLevelItem(i)->child(c)->text(0);
    return out;
}

// issue #7: an experiments table, or RegMix's mixture + loss files, given to `losscast FILE...` (openFiles),
// File → Open (openFiles) or dropped, open in the Mixtures view fitted, not as runs.
void TestMainWindowMix::experimentFilesOpenLikeLogs_data()
{
    QTest::addColumn<QStringList>("paths");
    QTest::addColumn<bool>("drop");
    QTest::addColumn<int>("domains");
    QTest::addColumn<int>("targets");
    const QStringList table{example("regmix_3groups_1m.csv")};
    const QStringList pair{data("tiny_loss.csv"), data("tiny_mix.csv")}; // loss file first: paired by kind
    QTest::newRow("table, command line") << table << false << 3 << 4;
    QTest::newRow("table, drop") << table << true << 3 << 4;
    QTest::newRow("pair, command line") << pair << false << 3 << 2;
    QTest::newRow("pair, drop") << pair << true << 3 << 2;
    const QString regmix = QStringLiteral(LOSSCAST_SHARED_DIR "/data/mixing/regmix/");
    if (QFileInfo::exists(regmix + "data_train_mixture_1m.csv")) {
        QTest::newRow("regmix 1M pair")
            << QStringList{regmix + "data_train_mixture_1m.csv", regmix + "data_train_pile_loss_1m.csv"}
            << false << 17 << 13;
    }
}

void TestMainWindowMix::experimentFilesOpenLikeLogs()
{
    QFETCH(QStringList, paths);
    QFETCH(bool, drop);
    QFETCH(int, domains);
    QFETCH(int, targets);
    DropWindow w;
    w.resize(1400, 900);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy done(&w, &app::MainWindow::mixtureFitFinished);
    if (drop)
        w.drop(paths);
    else
        QCOMPARE(w.openFiles(paths), 0); // no runs
    QVERIFY2(openErrors(w).isEmpty(), qPrintable(openErrors(w).join('\n')));
    QVERIFY(w.mixtureFitPending());
    QVERIFY(done.wait(240000)); // generous for the sanitizer build on a loaded machine
    QVERIFY(done.at(0).at(0).toBool());
    QVERIFY(!w.mixtureFitPending());
    QVERIFY(w.runs().empty());
    auto* view = w.mixtureView();
    QVERIFY(view->isVisible());
    QCOMPARE(int(view->mixture().size()), domains);
    QCOMPARE(int(view->prediction().loss.size()), targets);
}

// Training logs given with the same call stay runs, and leave the Mixtures view alone.
void TestMainWindowMix::logsStayRuns()
{
    app::MainWindow w;
    const QString mpl = QStringLiteral(LOSSCAST_EXAMPLES_DIR "/mpl/");
    QCOMPARE(w.openFiles(
                 {mpl + "25M_cosine_24000.csv", mpl + "100M_wsd_20000_24000.csv", data("optima_small.csv")}),
             2);
    QCOMPARE(int(w.runs().size()), 2);
    QVERIFY(!w.mixtureFitPending());
    QCOMPARE(w.autoScaleOptima().rows.size(), std::size_t(2)); // AutoScale optima also open by their header
    QVERIFY(openErrors(w).isEmpty());
}

// A bad cell deep in a table that looks like experiments is reported naming file, line and column; a mixture
// file without its losses says what is missing.
void TestMainWindowMix::experimentErrorsNameFileLineColumn()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString bad = dir.filePath("bad_experiments.csv");
    {
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("run,train_a,train_b,a_loss\n");
        for (int i = 0; i < 6; ++i)
            f.write(QByteArray::number(i) + ",0.5,0.5,3.0\n");
        f.write("6,0.5,0.5,abc\n"); // line 8
    }
    DropWindow w;
    w.drop({bad, data("tiny_mix.csv")});
    QVERIFY(!w.mixtureFitPending());
    QVERIFY(w.runs().empty());
    const QStringList errors = openErrors(w);
    QCOMPARE(errors.size(), 2);
    const QString table = errors.filter("bad_experiments.csv").value(0);
    QVERIFY2(table.contains("bad_experiments.csv:8") && table.contains("a_loss"), qPrintable(table));
    const QString lonely = errors.filter("tiny_mix.csv").value(0);
    QVERIFY2(lonely.contains("loss file"), qPrintable(lonely));
}

void TestMainWindowMix::screenshots_data()
{
    QTest::addColumn<QString>("theme");
    QTest::newRow("light") << "light";
    QTest::newRow("dark") << "dark";
}

// The README's screenshots of the Mixtures dock with the bundled RegMix 3-group table and AutoScale optima:
// LOSSCAST_MIX_SHOTS=DIR writes DIR/mixtures-<panel>[-dark].png; without it they go to a temporary folder.
// Either way every image must be a real rendering (window-sized, many colours), not a blank grab.
void TestMainWindowMix::screenshots()
{
    QTemporaryDir tmp;
    QString dir = qEnvironmentVariable("LOSSCAST_MIX_SHOTS");
    if (dir.isEmpty()) {
        QVERIFY(tmp.isValid());
        dir = tmp.path();
    }
    auto rendered = [](const QString& file) {
        const QImage image(file);
        if (image.isNull() || image.width() < 200 || image.height() < 150)
            return false;
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        return colours.size() >= 8; // text, axes, curves and bars: a blank or flat grab has one or two
    };
    QFETCH(QString, theme);
    const QString suffix = theme == "dark" ? "-dark" : "";
    // As the app starts: English plural forms ("5 runs", not "5 run(s)") in the README's pictures.
    app::installTranslations(*QCoreApplication::instance(), "en", false);
    app::MainWindow w;
    w.setTheme(app::MainWindow::Theme::Light); // dark is switched to after loading: the view must follow
    w.resize(1500, 1000);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy done(&w, &app::MainWindow::mixtureFitFinished);
    QString error;
    // LOSSCAST_MIX_FILES="a.csv;b.csv" renders other experiments (e.g. RegMix's 17-domain pair) the same way.
    const QStringList files = qEnvironmentVariable("LOSSCAST_MIX_FILES").split(';', Qt::SkipEmptyParts);
    QVERIFY2(w.openMixtureExperiments(files.isEmpty() ? QStringList{example("regmix_3groups_1m.csv")} : files,
                                      &error),
             qPrintable(error));
    QVERIFY(done.wait(60000));
    QVERIFY(done.at(0).at(0).toBool());
    QVERIFY2(w.openAutoScaleFile(example("autoscale_optima_B.csv"), &error), qPrintable(error));
    if (theme == "dark")
        w.setTheme(app::MainWindow::Theme::Dark);
    auto* view = w.mixtureView();
    QDockWidget* dock = nullptr; // the view scrolls inside its dock (a scroll area between them)
    for (QWidget* p = view->parentWidget(); p && !dock; p = p->parentWidget())
        dock = qobject_cast<QDockWidget*>(p);
    QVERIFY(dock);
    w.resizeDocks({dock}, {560}, Qt::Vertical);
    if (files.isEmpty())
        view->setMixture({0.5, 0.2, 0.3});
    view->setAutoScaleTotal(5.0);
    auto* tabs = view->findChild<QTabWidget*>();
    QVERIFY(tabs);
    const char* names[] = {"loss", "ternary", "fit", "autoscale"};
    for (int t = 0; t < tabs->count() && t < 4; ++t) {
        tabs->setCurrentIndex(t);
        QTest::qWait(50); // layouts and the queued replots (screenshots only)
        const QString file = dir + "/mixtures-" + names[t] + suffix + ".png";
        QVERIFY(dock->grab().save(file));
        QVERIFY2(rendered(file), qPrintable(file + " is not a rendering"));
    }
    tabs->setCurrentIndex(1);
    QTest::qWait(50);
    const QString window = dir + "/mixtures-window" + suffix + ".png";
    QVERIFY(w.grab().save(window));
    QVERIFY2(rendered(window), qPrintable(window + " is not a rendering"));
}

QTEST_MAIN(TestMainWindowMix)
#include "tst_mainwindow_mix.moc"
