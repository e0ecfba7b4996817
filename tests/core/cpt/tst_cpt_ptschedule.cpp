// The PT schedule a CPT fit goes with (taken from a run) is carried in the fit file compactly — a schedule
// spec when one reproduces it, else the steps where the LR changes — and reads back to the same predictions;
// malformed "pt_schedule" members are reported with their JSON path.
#include "core/cpt/cptjson.h"
#include "core/cpt/cptscenario.h"
#include "core/schedule/schedule.h"

#include <QtTest>

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

using namespace losscast;
using namespace losscast::core::cpt;
using losscast::core::JsonValue;
using losscast::core::writeJson;

namespace {

} // namespace

class TestCptPtSchedule : public QObject
{
    Q_OBJECT
private slots:
    void ptScheduleRoundTrip_data();
    void ptScheduleRoundTrip();
    void ptScheduleErrors_data();
    void ptScheduleErrors();
};

void TestCptPtSchedule::ptScheduleRoundTrip_data()
{
    // The LRs of PT steps 0..N and the compact form expected in the file.
    QTest::addColumn<std::vector<double>>("lr");
    QTest::addColumn<int>("warmup");
    QTest::addColumn<QString>("form");
    auto render = [](const char* spec) { return core::Schedule::fromText(spec)->render(); };
    QTest::newRow("cosine") << render("cosine:peak=3e-4,final=3e-5,steps=20000,warmup=500") << 500 << "spec";
    QTest::newRow("wsd-linear") << render("wsd:peak=3e-4,final=0,steps=20000,warmup=500,decay=0.2") << 500
                                << "spec";
    QTest::newRow("logged") << render("logged:points=0@0;100@1e-3;1500@1e-3;2000@1e-4,warmup=100") << 100
                            << "spec";
    // A long run's LR logged every 50 steps and interpolated between log lines (as the importers build a
    // Curve's schedule): 20,000 kinks, still a spec.
    {
        std::vector<double> logged(1'000'001);
        const double pi = std::acos(-1.0);
        auto sample = [&](std::size_t s) { return 3e-5 + 1.35e-4 * (1 + std::cos(pi * double(s) / 1e6)); };
        for (std::size_t s = 0; s < logged.size(); ++s) {
            const std::size_t a = s / 50 * 50, b = std::min<std::size_t>(a + 50, 1'000'000);
            logged[s] =
                b == a ? sample(a) : sample(a) + (sample(b) - sample(a)) * double(s - a) / double(b - a);
        }
        QTest::newRow("long-log") << logged << 0 << "spec";
    }
    // A noisy logged LR (every step its own value): no schedule reproduces it, so steps and LRs are written.
    std::vector<double> noisy(3001);
    std::mt19937_64 rng(5);
    for (std::size_t i = 0; i < noisy.size(); ++i)
        noisy[i] = 1e-4 * (1.0 + double(rng() % 1000) / 997.0);
    QTest::newRow("noisy") << noisy << 0 << "lr_runs";
    // A staircase written as runs: 3 pairs for 5000 steps.
    std::vector<double> stairs(5001, 3e-4);
    std::fill(stairs.begin() + 2000, stairs.end(), 1e-4);
    std::fill(stairs.begin() + 4000, stairs.end(), 3e-5);
    stairs[0] = 0.0;
    QTest::newRow("stairs") << stairs << 0 << "";
}

void TestCptPtSchedule::ptScheduleRoundTrip()
{
    // The PT schedule taken from a run goes into the fit file and comes back close enough that predictions
    // over it are the same: `cpt predict` with the file reproduces the view's prediction.
    QFETCH(std::vector<double>, lr);
    QFETCH(int, warmup);
    QFETCH(QString, form);
    const auto [g, d] = paperPreset106M();
    CptFitPair pair{g, d};
    pair.ptSchedule = lr;
    pair.ptWarmupSteps = warmup;
    QElapsedTimer timer;
    timer.start();
    const JsonValue v = toJson(pair);
    const double ms = timer.nsecsElapsed() / 1e6;
    const JsonValue* pt = v.find("pt_schedule");
    QVERIFY(pt);
    if (!form.isEmpty())
        QVERIFY2(pt->find(form.toStdString()), writeJson(*pt).substr(0, 300).c_str());
    const std::string text = writeJson(v);
    std::printf("%s: %zu PT steps -> pt_schedule of %zu bytes in %.1f ms\n", QTest::currentDataTag(),
                lr.size() - 1, writeJson(*pt).size(), ms);
    if (form != "lr_runs") // compact: not one number per step
        QVERIFY(writeJson(*pt).size() < (lr.size() > 100000 ? 40 * lr.size() / 50 : 2000));
    const auto back = parseCptFitFile(text, "pt.json");
    QVERIFY2(back.ok(), back.errorText().c_str());
    QCOMPARE(back->ptWarmupSteps, std::int64_t(warmup));
    QCOMPARE(back->ptSchedule.size(), lr.size());
    double top = 0.0;
    for (double x : lr)
        top = std::max(top, x);
    for (std::size_t i = 0; i < lr.size(); ++i)
        QVERIFY2(std::abs(back->ptSchedule[i] - lr[i]) <= 1e-12 * top, qPrintable(QString::number(i)));

    CptScenario a, b;
    QVERIFY(a.setPtLr(lr, warmup).empty());
    QVERIFY(b.setPtLr(back->ptSchedule, back->ptWarmupSteps).empty());
    const auto steps = a.sampleSteps(64);
    const auto pa = predictScenario(g, d, a, steps);
    const auto pb = predictScenario(*back->general, *back->domain, b, steps);
    for (std::size_t k = 0; k < steps.size(); ++k) {
        QVERIFY(std::abs(pa.general[k] - pb.general[k]) <= 1e-9);
        QVERIFY(std::abs(pa.domain[k] - pb.domain[k]) <= 1e-9);
    }
}

void TestCptPtSchedule::ptScheduleErrors_data()
{
    QTest::addColumn<QString>("pt");
    QTest::addColumn<QString>("message");
    QTest::newRow("no-steps") << R"({"lr_runs":[[0,1e-4]]})"
                              << "pt_schedule.steps";
    QTest::newRow("no-lr") << R"({"steps":10})"
                           << "\"spec\" or a non-empty \"lr_runs\"";
    QTest::newRow("not-from-0") << R"({"steps":10,"lr_runs":[[1,1e-4]]})"
                                << "pt_schedule.lr_runs[0]";
    QTest::newRow("descending") << R"({"steps":10,"lr_runs":[[0,1e-4],[5,1e-4],[3,1e-5]]})"
                                << "pt_schedule.lr_runs[2]";
    QTest::newRow("past-end") << R"({"steps":10,"lr_runs":[[0,1e-4],[11,1e-4]]})"
                              << "pt_schedule.lr_runs[1]";
    QTest::newRow("negative-lr") << R"({"steps":10,"lr_runs":[[0,-1e-4]]})"
                                 << "finite and >= 0";
    QTest::newRow("spec-length") << R"({"steps":10,"spec":"constant:peak=1e-4,steps=20"})"
                                 << "has 20 steps";
    QTest::newRow("spec-bad") << R"({"steps":10,"spec":"constant:steps=10"})"
                              << "pt_schedule.spec";
    QTest::newRow("huge") << R"({"steps":1e12,"lr_runs":[[0,1e-4]]})"
                          << "pt_schedule.steps";
}

void TestCptPtSchedule::ptScheduleErrors()
{
    QFETCH(QString, pt);
    QFETCH(QString, message);
    const std::string text = R"({"law":"cpt","general":{"params":{"L0":3,"A":1,"alpha":0.5,"B":0.1,"E":1,)"
                             R"("beta":0.2,"C1":0.1,"C2":0.1}},"pt_schedule":)" +
                             pt.toStdString() + "}";
    const auto r = parseCptFitFile(text, "f.json");
    QVERIFY(!r.ok());
    QVERIFY2(r.errorText().find(message.toStdString()) != std::string::npos, r.errorText().c_str());
    QVERIFY2(r.errorText().find("f.json") != std::string::npos, r.errorText().c_str());
}

QTEST_GUILESS_MAIN(TestCptPtSchedule)
#include "tst_cpt_ptschedule.moc"
