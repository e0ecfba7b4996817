// The Mixtures dock of the main window: File → Open Mixture Experiments fits in the background and shows the
// view; Optimise puts the exact optimum on the sliders. Set LOSSCAST_MIX_SHOT=file.png to save a screenshot.
#include "app/gui/mainwindow.h"
#include "widgets/mixtureview.h"

#include <QtTest>

#include <QDockWidget>
#include <QPushButton>
#include <QSignalSpy>

#include <cmath>

using namespace losscast;

namespace {

QString data(const char* name)
{
    return QFileInfo(QStringLiteral(__FILE__)).absolutePath() + "/../data/mixing/" + name;
}

} // namespace

class TestMainWindowMix : public QObject
{
    Q_OBJECT
private slots:
    void openFitOptimise();
    void badTableIsReported();
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

QTEST_MAIN(TestMainWindowMix)
#include "tst_mainwindow_mix.moc"
