// Schedule search (core/optimize): the analytic MPL gradient against finite differences, and under the MPL
// fitted on the bundled 25M curves an optimised schedule that beats cosine and WSD of the same length, is
// monotone within its bounds, reads back from its spec, and stops when cancelled.
#include "core/fit/protocol.h"
#include "core/laws/mpl.h"
#include "core/optimize/schedulesearch.h"

#include <QtTest>

#include <cmath>

using namespace losscast::core;
using namespace losscast::core::optimize;

namespace {

std::vector<double> fitted25M()
{
    const auto split = fit::loadMplSplit(std::string(LOSSCAST_EXAMPLES_DIR) + "/mpl", "25M");
    if (!split.ok())
        return {};
    MplLaw law;
    const auto f = fit::fitCurves(law, split->train, law.defaultSettings());
    return f.summary.isUsable() ? f.params : std::vector<double>{};
}

} // namespace

class TestScheduleSearch : public QObject
{
    Q_OBJECT
private slots:
    void gradientMatchesFiniteDifferences();
    void finalLossMatchesTheLaw();
    void beatsCosineAndWsd();
    void stopsWhenCancelled();
    void rejectsBadOptions();
    void timeLimitBelowTheBaselinesIsSaid();
};

void TestScheduleSearch::gradientMatchesFiniteDifferences()
{
    const std::vector<double> p{3.0, 0.5, 0.5, 450.0, 2.0, 0.55, 0.6};
    auto lr = Schedule::wsd(3e-4, 3e-5, 3000, 300, 0.3, DecayShape::Sqrt).render();
    lr[1500] *= 1.05; // a small re-warmup so that both signs of LR change are exercised
    std::vector<double> grad;
    mplFinalLoss(p, lr, 300, &grad);
    for (std::size_t s : {std::size_t(1), std::size_t(299), std::size_t(300), std::size_t(301),
                          std::size_t(1500), std::size_t(2500), std::size_t(2999), std::size_t(3000)}) {
        const double h = 1e-9;
        auto up = lr, down = lr;
        up[s] += h;
        down[s] -= h;
        const double fd = (mplFinalLoss(p, up, 300) - mplFinalLoss(p, down, 300)) / (2 * h);
        QVERIFY2(
            std::abs(fd - grad[s]) <= 1e-5 * std::max(1.0, std::abs(fd)),
            qPrintable(QString("step %1: analytic %2, finite difference %3").arg(s).arg(grad[s]).arg(fd)));
    }
}

void TestScheduleSearch::finalLossMatchesTheLaw()
{
    const std::vector<double> p{3.0, 0.5, 0.5, 450.0, 2.0, 0.55, 0.6};
    const auto s = Schedule::cosine(3e-4, 3e-5, 20000, 2000).toInput();
    MplLaw law;
    const std::vector<std::int64_t> last{20000};
    const auto viaLaw = fit::predict(law, p, s, last, {{"compression", 0.0}});
    QVERIFY(std::abs(mplFinalLoss(p, s.lr, s.warmupSteps) - viaLaw[0]) < 1e-12);
}

void TestScheduleSearch::beatsCosineAndWsd()
{
    const auto params = fitted25M();
    QVERIFY(!params.empty());
    MplLaw law;
    ScheduleSearchOptions o;
    o.totalSteps = 24000;
    o.warmupSteps = 2160;
    o.peak = 3e-4;
    o.finalMin = 3e-5;
    o.finalMax = 3e-5;
    const auto r = searchSchedule(law, params, law.defaultSettings(), o);
    QVERIFY2(r.ok(), r.errorText().c_str());
    qInfo("optimized %.5f (start %.5f) vs cosine %.5f, wsd %.5f, wsd-sqrt %.5f; %d iterations, %.2f s, %s",
          r->optimized.finalLoss, r->start.finalLoss, r->baselines[0].finalLoss, r->baselines[1].finalLoss,
          r->baselines[2].finalLoss, r->iterations, r->seconds, r->status.c_str());
    for (const auto& b : r->baselines)
        QVERIFY2(r->optimized.finalLoss < b.finalLoss - 1e-4, b.name.c_str());
    QVERIFY(r->optimized.finalLoss <= r->start.finalLoss);

    // A valid schedule: the spec reads back to the same schedule, monotone after the warmup, within bounds.
    const auto parsed = Schedule::fromText(r->optimized.spec);
    QVERIFY2(parsed.ok(), parsed.errorText().c_str());
    QCOMPARE(parsed->totalSteps(), o.totalSteps);
    QCOMPARE(parsed->warmupSteps(), o.warmupSteps);
    const auto lr = parsed->render();
    for (std::int64_t s = o.warmupSteps + 1; s <= o.totalSteps; ++s) {
        QVERIFY(lr[s] <= lr[s - 1] * (1 + 1e-12));
        QVERIFY(lr[s] >= o.finalMin * (1 - 1e-12) && lr[s] <= o.peak * (1 + 1e-12));
    }
    QVERIFY(std::abs(lr.back() - 3e-5) < 1e-12);
    const std::vector<std::int64_t> last{o.totalSteps};
    const auto again = fit::predict(law, params, parsed->toInput(), last, law.defaultSettings());
    QVERIFY(std::abs(again[0] - r->optimized.finalLoss) < 1e-9);
}

void TestScheduleSearch::stopsWhenCancelled()
{
    const std::vector<double> p{3.0, 0.5, 0.5, 450.0, 2.0, 0.55, 0.6};
    MplLaw law;
    ScheduleSearchOptions o;
    o.totalSteps = 20000;
    o.warmupSteps = 1000;
    o.peak = 3e-4;
    o.finalMin = 1e-5;
    o.finalMax = 1e-4;
    int polls = 0;
    fit::Control c;
    c.isCancelled = [&polls] { return ++polls > 30; };
    const auto r = searchSchedule(law, p, {}, o, c);
    QVERIFY2(r.ok(), r.errorText().c_str());
    QCOMPARE(r->status, std::string("cancelled"));
    QVERIFY(Schedule::fromText(r->optimized.spec).ok());
    QVERIFY(std::isfinite(r->optimized.finalLoss));
}

void TestScheduleSearch::rejectsBadOptions()
{
    MplLaw law;
    const std::vector<double> p{3.0, 0.5, 0.5, 450.0, 2.0, 0.55, 0.6};
    ScheduleSearchOptions o;
    o.totalSteps = 1000;
    o.warmupSteps = 100;
    o.peak = 3e-4;
    o.finalMin = 4e-4; // above the peak
    o.finalMax = 4e-4;
    QVERIFY(!searchSchedule(law, p, {}, o).ok());
    o.finalMin = o.finalMax = 1e-5;
    o.warmupSteps = 1000;
    QVERIFY(!searchSchedule(law, p, {}, o).ok());
    o.warmupSteps = 100;
    QVERIFY(!searchSchedule(law, std::vector<double>{1.0, 2.0}, {}, o).ok());
}

// A limit shorter than evaluating the baselines is reported as such (review: a 50M-step search with a 1 s
// limit ran for seconds and then claimed the law was "not finite on any WSD schedule").
void TestScheduleSearch::timeLimitBelowTheBaselinesIsSaid()
{
    MplLaw law;
    const std::vector<double> p{3.0, 0.5, 0.5, 450.0, 2.0, 0.55, 0.6};
    ScheduleSearchOptions o;
    o.totalSteps = 200000;
    o.warmupSteps = 1000;
    o.peak = 3e-4;
    o.finalMin = o.finalMax = 3e-5;
    o.timeLimitSeconds = 1e-6;
    const auto r = searchSchedule(law, p, {}, o);
    QVERIFY(!r.ok());
    QVERIFY2(r.errorText().find("beyond the time limit") != std::string::npos, r.errorText().c_str());
}

QTEST_GUILESS_MAIN(TestScheduleSearch)
#include "tst_schedulesearch.moc"
