#include "app/gui/benchmark.h"
#include "app/gui/benchstats.h"

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

/// The window both benchmarks measure: 1500 × 940, MPL, the bundled 25M set.
bool openBundledSet(MainWindow& w, const char* benchmark, std::FILE* out)
{
    const QString examples = QStringLiteral(LOSSCAST_EXAMPLES_DIR "/mpl/25M_cosine_24000.csv");
    w.resize(1500, 940);
    w.show();
    w.setLaw(QStringLiteral("mpl"));
    if (w.openExampleSet(examples) > 0)
        return true;
    std::fprintf(out, "%s: cannot open %s\n", benchmark, qPrintable(examples));
    return false;
}

} // namespace

int runDragBenchmark(std::FILE* out)
{
    MainWindow w;
    if (!openBundledSet(w, "benchmark-drag", out))
        return 1;
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

int runFitBenchmark(std::FILE* out)
{
    MainWindow w;
    if (!openBundledSet(w, "benchmark-fit", out))
        return 1;
    w.cancelFit(); // opening the bundled set may start a fit of its own; measure one we start below
    QCoreApplication::processEvents();

    // A 1 ms timer on the GUI thread: the gap between consecutive ticks is how long the event loop was busy.
    QElapsedTimer clock;
    clock.start();
    std::vector<double> ticks;
    ticks.reserve(200'000);
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setInterval(1);
    QObject::connect(&timer, &QTimer::timeout, [&] { ticks.push_back(double(clock.nsecsElapsed()) / 1e6); });

    QEventLoop loop;
    bool ok = false, done = false;
    double doneAt = 0.0, startedAt = 0.0;
    QObject::connect(&w, &MainWindow::fitFinished, &loop, [&](bool r) {
        ok = r;
        done = true;
        doneAt = double(clock.nsecsElapsed()) / 1e6;
        // Keep ticking a little: the result's handling and the replot it queues belong to the measurement.
        QTimer::singleShot(300, &loop, &QEventLoop::quit);
    });
    timer.start();
    ticks.push_back(double(clock.nsecsElapsed()) / 1e6);
    startedAt = ticks.back();
    if (!w.startFit()) {
        std::fprintf(out, "benchmark-fit: the fit did not start\n");
        return 1;
    }
    QTimer::singleShot(300'000, &loop, &QEventLoop::quit); // never hang
    loop.exec();
    timer.stop();
    if (!done || !ok) {
        std::fprintf(out, "benchmark-fit: the MPL fit %s\n", done ? "failed" : "did not finish in 300 s");
        return 1;
    }
    std::vector<double> gaps;
    double resultGap = 0.0;
    for (std::size_t i = 1; i < ticks.size(); ++i) {
        gaps.push_back(ticks[i] - ticks[i - 1]);
        if (ticks[i - 1] <= doneAt && doneAt <= ticks[i])
            resultGap = ticks[i] - ticks[i - 1];
    }
    const auto worst = std::max_element(gaps.begin(), gaps.end());
    std::fprintf(out,
                 "benchmark-fit: MPL on the bundled 25M set, %zu train runs; 1 ms GUI-thread timer from Fit "
                 "until 300 ms after the result was shown\n"
                 "  fit wall time (start -> result shown): %.0f ms; ticks: %zu\n"
                 "  event-loop gap: max %.1f ms   p99 %.2f ms   median %.2f ms\n"
                 "  the gap that contains the result's handling (model table, scenario predictions, plots): "
                 "%.1f ms\n"
                 "  the largest gap began %.0f ms after Fit\n",
                 std::size_t(w.fitResult() ? w.fitResult()->trainIds.size() : 0), doneAt - startedAt,
                 ticks.size(), worst == gaps.end() ? 0.0 : *worst, percentile(gaps, 0.99),
                 percentile(gaps, 0.5), resultGap,
                 worst == gaps.end() ? 0.0 : ticks[std::size_t(worst - gaps.begin())] - startedAt);
    return 0;
}

} // namespace losscast::app
