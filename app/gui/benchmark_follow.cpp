// `losscast --benchmark-follow`: the window follows a 100k-point log while lines are appended; prints the
// time from an append to the drawn points and to the updated forecast, and the event loop's largest gap.
#include "app/gui/benchmark_follow.h"

#include "app/gui/benchstats.h"
#include "app/gui/following.h"
#include "app/gui/mainwindow.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTemporaryDir>
#include <QTimer>

#include <cmath>

namespace losscast::app {

namespace {

constexpr int kPoints = 100'000;  ///< points in the log when following starts
constexpr int kPlanned = 120'000; ///< the planned schedule's last step
constexpr int kAppendLines = 200; ///< lines per append
constexpr int kAppends = 30;      ///< appends, one every kAppendEveryMs
constexpr int kAppendEveryMs = 150;

} // namespace

double followBenchmarkLr(int step)
{
    const double peak = 3e-4, final = 3e-5;
    const int warmup = 1000;
    if (step < warmup)
        return peak * step / warmup;
    const double t = double(step - warmup) / double(kPlanned - warmup);
    return final + 0.5 * (peak - final) * (1 + std::cos(M_PI * t));
}

/// A smooth loss falling with the LR area, with ±0.3 % deterministic noise.
QByteArray followBenchmarkRows(int from, int to, double& area)
{
    QByteArray out;
    for (int s = from; s < to; ++s) {
        area += followBenchmarkLr(s);
        const double noise = 0.003 * std::sin(12.9898 * s + 78.233 * std::sin(0.001 * s));
        const double loss = (2.9 + 4.0 * std::pow(1 + area / 3e-3, -0.35)) * (1 + noise);
        out += QByteArray::number(s) + ',' + QByteArray::number(followBenchmarkLr(s), 'g', 10) + ',' +
               QByteArray::number(loss, 'g', 8) + '\n';
    }
    return out;
}

int runFollowBenchmark(std::FILE* out)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("follow-100k.csv"));
    double area = 0.0;
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)) {
            std::fprintf(out, "benchmark-follow: cannot write %s\n", qPrintable(path));
            return 1;
        }
        f.write("step,lr,loss\n" + followBenchmarkRows(1, kPoints + 1, area));
    }
    MainWindow w;
    w.resize(1400, 880);
    w.show();
    w.setLaw(QStringLiteral("mpl"));
    w.setFollowPollInterval(250);
    if (w.openFiles({path}) != 1 || !w.setFollowing(path, true)) {
        std::fprintf(out, "benchmark-follow: could not follow %s\n", qPrintable(path));
        return 1;
    }
    w.setPlannedSchedule(path,
                         QStringLiteral("cosine:peak=3e-4,final=3e-5,steps=%1,warmup=1000").arg(kPlanned));

    QElapsedTimer clock;
    clock.start();
    auto now = [&] { return double(clock.nsecsElapsed()) / 1e6; };
    QEventLoop loop;
    // The first forecast of the whole 100k-point log.
    double firstAt = -1;
    auto first = QObject::connect(&w, &MainWindow::liveForecastFinished, &loop, [&](const QString&, bool) {
        firstAt = now();
        loop.quit();
    });
    QTimer::singleShot(300'000, &loop, &QEventLoop::quit);
    loop.exec();
    QObject::disconnect(first);
    if (firstAt < 0 || !w.followEntry(path)->live || !w.followEntry(path)->live->ok) {
        std::fprintf(out, "benchmark-follow: no forecast of the 100k-point log\n");
        return 1;
    }
    const double firstFit = w.followEntry(path)->live->seconds;

    // A 1 ms GUI-thread timer: the gap between ticks is how long the event loop was busy.
    // Its thread CPU time too: a gap on a loaded machine may be time the thread waited for a core.
    std::vector<double> ticks, cpuTicks;
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setInterval(1);
    QObject::connect(&timer, &QTimer::timeout, [&] {
        ticks.push_back(now());
        cpuTicks.push_back(threadCpuMs());
    });
    std::vector<double> appendAt, toDrawn, toForecast;
    std::vector<int> appendedPoints;
    int next = kPoints + 1, appends = 0;
    QTimer appender;
    appender.setInterval(kAppendEveryMs);
    QObject::connect(&appender, &QTimer::timeout, [&] {
        if (appends == kAppends) {
            appender.stop();
            QTimer::singleShot(20'000, &loop, &QEventLoop::quit); // the last refit
            return;
        }
        QFile f(path);
        if (f.open(QIODevice::Append))
            f.write(followBenchmarkRows(next, next + kAppendLines, area));
        next += kAppendLines;
        appendAt.push_back(now());
        appendedPoints.push_back(next - 1);
        ++appends;
    });
    std::size_t drawnIdx = 0, forecastIdx = 0;
    QObject::connect(&w, &MainWindow::followUpdated, &loop, [&](const QString&) {
        const std::size_t points = w.runs().front().curve.steps.size();
        for (; drawnIdx < appendAt.size() && std::size_t(appendedPoints[drawnIdx]) <= points; ++drawnIdx)
            toDrawn.push_back(now() - appendAt[drawnIdx]);
    });
    QObject::connect(&w, &MainWindow::liveForecastFinished, &loop, [&](const QString&, bool) {
        const auto& live = w.followEntry(path)->live;
        const std::size_t points = live ? live->points : 0;
        for (; forecastIdx < appendAt.size() && std::size_t(appendedPoints[forecastIdx]) <= points;
             ++forecastIdx)
            toForecast.push_back(now() - appendAt[forecastIdx]);
        if (appends == kAppends && forecastIdx == appendAt.size())
            QTimer::singleShot(300, &loop, &QEventLoop::quit);
    });
    timer.start();
    appender.start();
    loop.exec();
    timer.stop();
    std::vector<double> gaps, cpuGaps;
    for (std::size_t i = 1; i < ticks.size(); ++i) {
        gaps.push_back(ticks[i] - ticks[i - 1]);
        cpuGaps.push_back(cpuTicks[i] - cpuTicks[i - 1]);
    }
    const auto& live = *w.followEntry(path)->live;
    std::fprintf(
        out,
        "benchmark-follow: the window follows a %d-point step,lr,loss log (MPL, cosine planned to "
        "step %d); %d appends of %d lines every %d ms; polling every 250 ms\n"
        "  first forecast of the whole log: %.2f s (fit and band on the worker)\n"
        "  append -> points drawn: median %.0f ms   max %.0f ms   (%zu appends)\n"
        "  append -> updated forecast: median %.0f ms   max %.0f ms   (%zu appends; a refit starts "
        "after %zu new points, the newest waits for the running one; the last appends below that "
        "wait for more)\n"
        "  last forecast: %zu points, fit %.2f s, final loss %.4f [%.4f, %.4f] at step %lld\n"
        "  event-loop gap while following: max %.1f ms   p99 %.2f ms   median %.2f ms (%zu ticks)\n"
        "  GUI-thread CPU time in one gap: max %.1f ms   p99 %.2f ms (what an unloaded machine "
        "approaches)\n",
        kPoints, kPlanned, kAppends, kAppendLines, kAppendEveryMs, firstFit, percentile(toDrawn, 0.5),
        toDrawn.empty() ? 0.0 : *std::max_element(toDrawn.begin(), toDrawn.end()), toDrawn.size(),
        percentile(toForecast, 0.5),
        toForecast.empty() ? 0.0 : *std::max_element(toForecast.begin(), toForecast.end()), toForecast.size(),
        std::max(kFollowMinNewPoints, std::size_t(kPoints * kFollowNewPointsFraction)), live.points,
        live.seconds, live.finalLoss, live.lower, live.upper, (long long)live.finalStep,
        gaps.empty() ? 0.0 : *std::max_element(gaps.begin(), gaps.end()), percentile(gaps, 0.99),
        percentile(gaps, 0.5), ticks.size(),
        cpuGaps.empty() ? 0.0 : *std::max_element(cpuGaps.begin(), cpuGaps.end()), percentile(cpuGaps, 0.99));
    // The last appends may stay below the refit threshold: they wait for more points.
    return toForecast.empty() || toDrawn.size() != appendAt.size() ? 1 : 0;
}

} // namespace losscast::app
