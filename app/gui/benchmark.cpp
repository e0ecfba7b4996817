#include "app/gui/benchmark.h"

#include "app/gui/mainwindow.h"
#include "widgets/plotpanel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMouseEvent>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <vector>

namespace losscast::app {

namespace {

/// CPU time of this thread: unlike wall time it does not grow when other processes load the machine.
double threadCpuMs()
{
#if defined(CLOCK_THREAD_CPUTIME_ID)
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
#else
    return std::nan("");
#endif
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return std::nan("");
    std::sort(v.begin(), v.end());
    const std::size_t i =
        std::min(v.size() - 1, std::size_t(std::ceil(p * double(v.size()))) - (p > 0 ? 1 : 0));
    return v[i];
}

} // namespace

int runDragBenchmark(std::FILE* out)
{
    const QString examples = QStringLiteral(LOSSCAST_EXAMPLES_DIR "/mpl/25M_cosine_24000.csv");
    MainWindow w;
    w.resize(1500, 940);
    w.show();
    w.setLaw(QStringLiteral("mpl"));
    if (w.openExampleSet(examples) == 0) {
        std::fprintf(out, "benchmark-drag: cannot open %s\n", qPrintable(examples));
        return 1;
    }
    {
        QEventLoop loop;
        bool ok = false;
        QObject::connect(&w, &MainWindow::fitFinished, &loop, [&](bool r) {
            ok = r;
            loop.quit();
        });
        if (!w.startFit())
            return 1;
        loop.exec();
        if (!ok) {
            std::fprintf(out, "benchmark-drag: the MPL fit failed\n");
            return 1;
        }
    }
    const std::int64_t steps = 100'000;
    w.addScenario(QStringLiteral("WSD 100k"), core::Schedule::wsd(3e-4, 3e-5, steps, 2000, 0.2));
    widgets::PlotPanel* panel = w.plotPanel();
    panel->resetView();
    panel->replotNow();
    QCoreApplication::processEvents(); // settle layouts before measuring (benchmark only)

    const QVector<QPointF> points = w.currentControlPoints();
    if (points.size() < 3) {
        std::fprintf(out, "benchmark-drag: expected WSD control points, got %lld\n",
                     (long long)points.size());
        return 1;
    }
    const int index = 1; // the start of the decay: moving it reshapes most of the curve
    QWidget* target = reinterpret_cast<QWidget*>(panel->customPlot());
    const QPointF start = panel->lrToPixel(points[index]);
    auto send = [&](QEvent::Type type, QPointF pos, Qt::MouseButton button, Qt::MouseButtons buttons) {
        QMouseEvent e(type, pos, target->mapToGlobal(pos), button, buttons, Qt::NoModifier);
        QApplication::sendEvent(target, &e);
    };

    const int moves = 200;
    std::vector<double> ms, cpu;
    ms.reserve(moves);
    send(QEvent::MouseButtonPress, start, Qt::LeftButton, Qt::LeftButton);
    for (int k = 1; k <= moves; ++k) {
        // Back and forth along the stable phase and up and down in LR, as a hand would.
        const QPointF pos = start + QPointF(-120.0 * std::sin(k * 0.05), 25.0 * std::sin(k * 0.13));
        QElapsedTimer t;
        t.start();
        const double c0 = threadCpuMs();
        send(QEvent::MouseMove, pos, Qt::NoButton, Qt::LeftButton);
        panel->replotNow();
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
        cpu.push_back(threadCpuMs() - c0);
    }
    send(QEvent::MouseButtonRelease, start, Qt::LeftButton, Qt::NoButton);

    // The prediction alone (what the frame budget is mostly spent on besides drawing).
    std::vector<double> predictMs;
    for (int k = 0; k < 50; ++k) {
        QElapsedTimer t;
        t.start();
        w.applyScenarioState(w.scenarioState());
        predictMs.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    const auto& pred = w.scenarioPredictions();
    std::fprintf(
        out,
        "benchmark-drag: MPL, %lld-step schedule, %zu scenarios, %d mouse moves (mouse move -> finished "
        "replot)\n"
        "  wall time: median %.2f ms   p95 %.2f ms   max %.2f ms\n"
        "  GUI-thread CPU time: median %.2f ms   p95 %.2f ms (what an unloaded machine approaches)\n"
        "  undo/redo re-apply of the scenarios (cached predictions + redraw): median %.2f ms\n"
        "  predicted points per scenario: %zu; undo steps recorded: %d\n",
        (long long)steps, pred.size(), moves, percentile(ms, 0.5), percentile(ms, 0.95),
        *std::max_element(ms.begin(), ms.end()), percentile(cpu, 0.5), percentile(cpu, 0.95),
        percentile(predictMs, 0.5), pred.empty() ? std::size_t(0) : pred.back().steps.size(),
        w.undoStack()->count());
    return 0;
}

} // namespace losscast::app
