// Tests of core/schedule: rendering of every kind and shape, warmup, phases, text and JSON forms, errors.
#include "core/io/curvecsv.h"
#include "core/schedule/schedule.h"

#include <QtTest>

#include <cmath>
#include <fstream>
#include <numbers>
#include <random>

using namespace losscast::core;

namespace {
constexpr double pi = std::numbers::pi;

Schedule parse(const QString& spec)
{
    Result<Schedule> r = Schedule::fromText(spec.toStdString());
    if (!r)
        qFatal("cannot parse '%s': %s", qPrintable(spec), r.errorText().c_str());
    return *r;
}
} // namespace

class TestSchedule : public QObject
{
    Q_OBJECT

private slots:
    void values_data();
    void values();
    void renderIntoShortAndLong();
    void endsExactlyAtFinal_data();
    void endsExactlyAtFinal();
    void cyclicIsRestartedCosines_data();
    void cyclicIsRestartedCosines();
    void textRoundTrip_data();
    void textRoundTrip();
    void textErrors_data();
    void textErrors();
    void jsonRoundTrip_data() { textRoundTrip_data(); }
    void jsonRoundTrip();
    void jsonErrors_data();
    void jsonErrors();
    void controlPoints();
    void toInputAndPhases();
    void constructorsValidate();
    void simplifyFindsKinks();
    void toPiecewise_data();
    void toPiecewise();
    void fromPerStepOfCurve();
    void keysDescribeEveryKind();
    void mutatedTextNeverCrashes();
    void matchesMplPerStepLr_data();
    void matchesMplPerStepLr();
};

void TestSchedule::values_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<int>("total"); // N: the rendering has N + 1 values
    QTest::addColumn<int>("step");
    QTest::addColumn<double>("expected");

    const QString cos = "cosine:peak=3e-4,final=3e-5,steps=24000,warmup=2160";
    QTest::newRow("cosine-warmup-start") << cos << 24000 << 0 << 0.0;
    QTest::newRow("cosine-warmup-mid") << cos << 24000 << 1080 << 1.5e-4;
    QTest::newRow("cosine-peak") << cos << 24000 << 2160 << 3e-4;
    QTest::newRow("cosine-after-peak")
        << cos << 24000 << 2161 << 3e-5 + 2.7e-4 * 0.5 * (1 + std::cos(pi / 21840));
    QTest::newRow("cosine-mid") << cos << 24000 << 13080 << 1.65e-4;
    QTest::newRow("cosine-quarter") << cos << 24000 << 7620 << 3e-5 + 2.7e-4 * 0.5 * (1 + std::cos(pi / 4));
    QTest::newRow("cosine-end") << cos << 24000 << 24000 << 3e-5;
    QTest::newRow("cosine-final-default-0") << "cosine:peak=1,steps=10" << 10 << 5 << 0.5;

    QTest::newRow("constant") << "constant:peak=1e-3,steps=100" << 100 << 0 << 1e-3;
    QTest::newRow("constant-end") << "constant:peak=1e-3,steps=100" << 100 << 100 << 1e-3;
    QTest::newRow("constant-warmup") << "constant:peak=1e-3,steps=100,warmup=10" << 100 << 5 << 5e-4;
    QTest::newRow("constant-warmup-start")
        << "constant:peak=1e-3,steps=100,warmup=10,warmup_start=1e-4" << 100 << 5 << 5.5e-4;

    QTest::newRow("linear") << "linear:peak=1,final=0,steps=10" << 10 << 3 << 0.7;
    QTest::newRow("linear-warmup") << "linear:peak=1,steps=10,warmup=2" << 10 << 6 << 0.5;
    QTest::newRow("linear-warmup-ramp") << "linear:peak=1,steps=10,warmup=2" << 10 << 1 << 0.5;

    QTest::newRow("exponential-mid") << "exponential:peak=1,final=0.01,steps=100" << 100 << 50 << 0.1;
    QTest::newRow("exponential-quarter")
        << "exponential:peak=1,final=0.01,steps=100" << 100 << 25 << std::pow(10.0, -0.5);
    QTest::newRow("exponential-end") << "exponential:peak=1,final=0.01,steps=100" << 100 << 100 << 0.01;

    const QString wsd = "wsd:peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay_steps=4000,shape=";
    QTest::newRow("wsd-stable") << wsd + "linear" << 24000 << 20000 << 3e-4;
    QTest::newRow("wsd-linear-first") << wsd + "linear" << 24000 << 20001 << 3e-4 - 2.7e-4 / 4000;
    QTest::newRow("wsd-linear-mid") << wsd + "linear" << 24000 << 22000 << 1.65e-4;
    QTest::newRow("wsd-linear-end") << wsd + "linear" << 24000 << 24000 << 3e-5;
    QTest::newRow("wsd-cosine-mid") << wsd + "cosine" << 24000 << 22000 << 1.65e-4;
    QTest::newRow("wsd-cosine-quarter")
        << wsd + "cosine" << 24000 << 21000 << 3e-5 + 2.7e-4 * 0.5 * (1 + std::cos(pi / 4));
    QTest::newRow("wsd-cosine-end") << wsd + "cosine" << 24000 << 24000 << 3e-5;
    QTest::newRow("wsd-exp-mid") << wsd + "exp" << 24000 << 22000 << 3e-4 * std::sqrt(0.1);
    QTest::newRow("wsd-exp-end") << wsd + "exp" << 24000 << 24000 << 3e-5;
    QTest::newRow("wsd-sqrt-quarter") << wsd + "sqrt" << 24000 << 21000 << 1.65e-4;
    QTest::newRow("wsd-sqrt-3quarters")
        << wsd + "sqrt" << 24000 << 23000 << 3e-5 + 2.7e-4 * (1 - std::sqrt(0.75));
    QTest::newRow("wsd-warmup") << wsd + "sqrt" << 24000 << 1080 << 1.5e-4;
    QTest::newRow("wsd-fraction") << "wsd:peak=1,final=0,steps=100,decay=0.2" << 100 << 90 << 0.5;
    QTest::newRow("wsd-fraction-stable") << "wsd:peak=1,final=0,steps=100,decay=0.2" << 100 << 80 << 1.0;
    QTest::newRow("wsd-default-decay") << "wsd:peak=1,steps=100" << 100 << 90 << 0.5;

    const QString ms = "multistep:peak=3e-4,steps=16000,warmup=2160,at=8000,factor=0.3";
    QTest::newRow("multistep-before") << ms << 16000 << 7999 << 3e-4;
    QTest::newRow("multistep-at") << ms << 16000 << 8000 << 9e-5;
    QTest::newRow("multistep-end") << ms << 16000 << 16000 << 9e-5;
    QTest::newRow("multistep-fractions") << "multistep:peak=1,steps=100,at=0.5;0.75" << 100 << 49 << 1.0;
    QTest::newRow("multistep-fractions-1") << "multistep:peak=1,steps=100,at=0.5;0.75" << 100 << 50 << 0.1;
    QTest::newRow("multistep-fractions-2") << "multistep:peak=1,steps=100,at=0.5;0.75" << 100 << 75 << 0.01;
    QTest::newRow("multistep-factors")
        << "multistep:peak=1,steps=30,at=10;20,factor=0.5;0.2" << 30 << 15 << 0.5;
    QTest::newRow("multistep-factors-2")
        << "multistep:peak=1,steps=30,at=10;20,factor=0.5;0.2" << 30 << 20 << 0.1;
    QTest::newRow("multistep-drop-in-warmup")
        << "multistep:peak=1,steps=30,warmup=10,at=5,factor=0.5" << 30 << 10 << 0.5;

    QTest::newRow("invsqrt-peak") << "invsqrt:peak=1,steps=1000,warmup=100" << 1000 << 100 << 1.0;
    QTest::newRow("invsqrt-fairseq") << "invsqrt:peak=1,steps=1000,warmup=100" << 1000 << 400 << 0.5;
    QTest::newRow("invsqrt-timescale") << "invsqrt:peak=1,steps=100,timescale=10" << 100 << 30 << 0.5;

    const QString cyc = "cyclic:peak=1,final=0,steps=100,period=20";
    QTest::newRow("cyclic-start") << cyc << 100 << 0 << 1.0;
    QTest::newRow("cyclic-mid") << cyc << 100 << 10 << 0.5;
    // A cycle ends at its bottom; the restart is the next update (each cycle is laid out like a phase).
    QTest::newRow("cyclic-cycle-end") << cyc << 100 << 20 << 0.0;
    QTest::newRow("cyclic-restart") << cyc << 100 << 21 << 0.5 + 0.5 * std::cos(pi / 20);
    QTest::newRow("cyclic-last") << cyc << 100 << 100 << 0.0;
    QTest::newRow("cyclic-second") << cyc << 100 << 25 << 0.5 + 0.5 * std::cos(pi / 4);
    QTest::newRow("cyclic-late") << cyc << 100 << 90 << 0.5;
    QTest::newRow("cyclic-mult") << "cyclic:peak=1,steps=100,period=10,mult=2" << 100 << 20 << 0.5;
    QTest::newRow("cyclic-mult-end") << "cyclic:peak=1,steps=100,period=10,mult=2" << 100 << 30 << 0.0;
    QTest::newRow("cyclic-mult-restart")
        << "cyclic:peak=1,steps=100,period=10,mult=2" << 100 << 31 << 0.5 + 0.5 * std::cos(pi / 40);
    QTest::newRow("cyclic-gamma") << "cyclic:peak=1,steps=100,period=10,mult=2,gamma=0.5" << 100 << 50
                                  << 0.125;
    QTest::newRow("cyclic-gamma-equal")
        << "cyclic:peak=1,final=0.1,steps=100,period=10,gamma=0.5" << 100 << 35 << 0.1 + (0.125 - 0.1) * 0.5;
    QTest::newRow("cyclic-warmup") << "cyclic:peak=1,steps=100,period=10,warmup=10" << 100 << 15 << 0.5;

    const QString pw = "piecewise:points=0@0;2000@3e-4;24000@3e-5";
    QTest::newRow("piecewise-ramp") << pw << 24000 << 1000 << 1.5e-4;
    QTest::newRow("piecewise-point") << pw << 24000 << 2000 << 3e-4;
    QTest::newRow("piecewise-mid") << pw << 24000 << 13000 << 1.65e-4;
    QTest::newRow("piecewise-end") << pw << 24000 << 24000 << 3e-5;
    QTest::newRow("piecewise-hold-after") << "piecewise:points=0@1;10@0,steps=20" << 20 << 15 << 0.0;
    QTest::newRow("piecewise-hold-before") << "piecewise:points=5@1;10@0" << 10 << 2 << 1.0;
    QTest::newRow("piecewise-fractional-steps") << "piecewise:points=0@0;2.5@1" << 3 << 1 << 0.4;

    const QString lg = "logged:points=2160@3e-4;2288@2.9e-4,warmup=2160";
    QTest::newRow("logged-warmup") << lg << 2288 << 1080 << 1.5e-4;
    QTest::newRow("logged-interp") << lg << 2288 << 2224 << 2.95e-4;
    QTest::newRow("logged-hold") << "logged:points=100@1;200@0.5,warmup=50" << 200 << 75 << 1.0;

    const QString two =
        "cosine:peak=1,final=0.1,steps=100 + constant:peak=0.5,steps=50,warmup=10,warmup_start=0.1";
    QTest::newRow("phases-first-end") << two << 150 << 100 << 0.1;
    QTest::newRow("phases-rewarmup") << two << 150 << 101 << 0.14;
    QTest::newRow("phases-second-peak") << two << 150 << 110 << 0.5;
    QTest::newRow("phases-end") << two << 150 << 150 << 0.5;
    QTest::newRow("phases-three")
        << "constant:peak=1,steps=10 + constant:peak=2,steps=10 + linear:peak=3,steps=10" << 30 << 25 << 1.5;
}

void TestSchedule::values()
{
    QFETCH(QString, spec);
    QFETCH(int, total);
    QFETCH(int, step);
    QFETCH(double, expected);
    const Schedule s = parse(spec);
    QCOMPARE(s.totalSteps(), std::int64_t(total));
    const std::vector<double> lr = s.render();
    QCOMPARE(lr.size(), std::size_t(total) + 1);
    const double tol = 1e-12 * std::max(1.0, std::fabs(expected));
    QVERIFY2(
        std::fabs(lr[static_cast<std::size_t>(step)] - expected) <= tol,
        qPrintable(QStringLiteral("render: %1 vs %2").arg(lr[step], 0, 'g', 17).arg(expected, 0, 'g', 17)));
    QVERIFY2(
        std::fabs(s.lrAt(step) - expected) <= tol,
        qPrintable(QStringLiteral("lrAt: %1 vs %2").arg(s.lrAt(step), 0, 'g', 17).arg(expected, 0, 'g', 17)));
    for (double v : lr)
        QVERIFY(std::isfinite(v) && v >= 0);
}

void TestSchedule::renderIntoShortAndLong()
{
    const Schedule s = parse("cosine:peak=3e-4,final=3e-5,steps=100000,warmup=2000");
    const std::vector<double> full = s.render();
    std::vector<double> shorter(500);
    s.renderInto(shorter);
    QVERIFY(std::equal(shorter.begin(), shorter.end(), full.begin()));
    std::vector<double> longer(full.size() + 10, -1.0);
    s.renderInto(longer);
    QVERIFY(std::equal(full.begin(), full.end(), longer.begin()));
    for (std::size_t i = full.size(); i < longer.size(); ++i)
        QCOMPARE(longer[i], full.back());
    // The recurrence used for speed stays within rounding of the direct formula over 100000 steps.
    double worst = 0.0;
    for (std::size_t i = 2000; i < full.size(); ++i) {
        const double direct =
            3e-5 + 2.7e-4 * 0.5 * (1 + std::cos(pi * static_cast<double>(i - 2000) / 98000.0));
        worst = std::max(worst, std::fabs(full[i] - direct));
    }
    QVERIFY2(worst < 1e-16, std::to_string(worst).c_str());
    // lrAt clamps.
    QCOMPARE(s.lrAt(-5), full.front());
    QCOMPARE(s.lrAt(1'000'000), full.back());
    // An empty schedule renders zeros.
    std::vector<double> z(3, 1.0);
    Schedule().renderInto(z);
    QCOMPARE(z, (std::vector<double>{0, 0, 0}));
    QCOMPARE(Schedule().render().size(), std::size_t(1));
}

void TestSchedule::endsExactlyAtFinal_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<int>("step");
    QTest::addColumn<double>("final");
    QTest::newRow("cosine") << "cosine:peak=3e-4,final=3e-5,steps=1000000,warmup=2000" << 1000000 << 3e-5;
    QTest::newRow("linear") << "linear:peak=3e-4,final=3e-5,steps=777" << 777 << 3e-5;
    QTest::newRow("exponential") << "exponential:peak=3e-4,final=3e-5,steps=99999" << 99999 << 3e-5;
    QTest::newRow("wsd-cosine") << "wsd:peak=3e-4,final=3e-5,steps=24000,decay=0.3,shape=cosine" << 24000
                                << 3e-5;
    QTest::newRow("wsd-exp") << "wsd:peak=3e-4,final=3e-5,steps=24000,decay=0.3,shape=exp" << 24000 << 3e-5;
    QTest::newRow("wsd-sqrt") << "wsd:peak=3e-4,final=3e-5,steps=24000,decay=0.3,shape=sqrt" << 24000 << 3e-5;
    QTest::newRow("phase-boundary") << "cosine:peak=3e-4,final=3e-5,steps=20000 + constant:peak=1e-4,steps=10"
                                    << 20000 << 3e-5;
    // Cosine with restarts: a whole number of periods after the warmup ends at the bottom of the last cycle.
    QTest::newRow("cyclic") << "cyclic:peak=3e-4,final=3e-5,steps=24000,period=4000" << 24000 << 3e-5;
    QTest::newRow("cyclic-warmup") << "cyclic:peak=3e-4,final=3e-5,steps=24100,period=4000,warmup=100"
                                   << 24100 << 3e-5;
    QTest::newRow("cyclic-cycle-end")
        << "cyclic:peak=3e-4,final=3e-5,steps=24000,period=4000" << 8000 << 3e-5;
    QTest::newRow("cyclic-gamma") << "cyclic:peak=1,final=0.1,steps=999,period=333,gamma=0.5" << 999 << 0.1;
    QTest::newRow("cyclic-mult") << "cyclic:peak=1,final=0.1,steps=70,period=10,mult=2" << 70 << 0.1;
    QTest::newRow("cyclic-period-1") << "cyclic:peak=1,final=0.1,steps=5,period=1" << 5 << 0.1;
}

void TestSchedule::endsExactlyAtFinal()
{
    QFETCH(QString, spec);
    QFETCH(int, step);
    QFETCH(double, final);
    const Schedule s = parse(spec);
    QCOMPARE(s.render()[static_cast<std::size_t>(step)], final);
    QCOMPARE(s.lrAt(step), final);
}

void TestSchedule::cyclicIsRestartedCosines_data()
{
    QTest::addColumn<QString>("cyclic");
    QTest::addColumn<QString>("cosines");
    QTest::newRow("equal") << "cyclic:peak=1,final=0.1,steps=60,period=20"
                           << "cosine:peak=1,final=0.1,steps=20 + cosine:peak=1,final=0.1,steps=20 + "
                              "cosine:peak=1,final=0.1,steps=20";
    QTest::newRow("gamma-mult") << "cyclic:peak=1,final=0.1,steps=70,period=10,mult=2,gamma=0.5"
                                << "cosine:peak=1,final=0.1,steps=10 + cosine:peak=0.5,final=0.1,steps=20 + "
                                   "cosine:peak=0.25,final=0.1,steps=40";
    QTest::newRow("warmup") << "cyclic:peak=1,final=0,steps=45,period=20,warmup=5"
                            << "cosine:peak=1,final=0,steps=25,warmup=5 + cosine:peak=1,final=0,steps=20";
}

void TestSchedule::cyclicIsRestartedCosines()
{
    // A cyclic schedule is its cycles as cosine phases played one after the other (each cycle's local step 0
    // is the previous one's bottom), so the per-step LR matches the concatenation step for step.
    QFETCH(QString, cyclic);
    QFETCH(QString, cosines);
    const std::vector<double> a = parse(cyclic).render();
    const std::vector<double> b = parse(cosines).render();
    QCOMPARE(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i)
        QVERIFY2(std::fabs(a[i] - b[i]) <= 1e-12,
                 qPrintable(
                     QStringLiteral("step %1: %2 vs %3").arg(i).arg(a[i], 0, 'g', 17).arg(b[i], 0, 'g', 17)));
    // lrAt agrees with render (it renders one step of the phase).
    const Schedule s = parse(cyclic);
    for (std::size_t i = 0; i < a.size(); ++i)
        QVERIFY(std::fabs(s.lrAt(static_cast<std::int64_t>(i)) - a[i]) <= 1e-14);
}

void TestSchedule::textRoundTrip_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("constant") << "constant:steps=100,peak=1e-3"
                              << "constant:peak=1e-3,steps=100";
    QTest::newRow("constant-warmup")
        << "constant : peak = 3e-4 , steps = 2.4e4 , warmup = 100 , warmup_start = 1e-5"
        << "constant:peak=3e-4,steps=24000,warmup=100,warmup_start=1e-5";
    QTest::newRow("cosine") << "cosine:peak=3e-4,final=3e-5,steps=100000,warmup=2000"
                            << "cosine:peak=3e-4,final=3e-5,steps=100000,warmup=2000";
    QTest::newRow("cosine-final-0") << "cosine:peak=3e-4,final=0,steps=10"
                                    << "cosine:peak=3e-4,steps=10";
    QTest::newRow("linear") << "linear:peak=1e+0,final=1E-1,steps=10"
                            << "linear:peak=1,final=0.1,steps=10";
    QTest::newRow("exponential") << "exponential:peak=1,final=0.01,steps=100"
                                 << "exponential:peak=1,final=0.01,steps=100";
    QTest::newRow("wsd") << "wsd:peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay=0.2,shape=linear"
                         << "wsd:peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay=0.2,shape=linear";
    QTest::newRow("wsd-defaults") << "wsd:peak=1,steps=10"
                                  << "wsd:peak=1,steps=10,decay=0.2,shape=linear";
    QTest::newRow("wsd-decay-steps")
        << "wsd:peak=3e-4,final=3e-5,steps=24000,decay_steps=4000,shape=exponential"
        << "wsd:peak=3e-4,final=3e-5,steps=24000,decay_steps=4000,shape=exp";
    QTest::newRow("wsd-cosine") << "wsd:peak=1,steps=10,decay=0.5,shape=cosine"
                                << "wsd:peak=1,steps=10,decay=0.5,shape=cosine";
    QTest::newRow("wsd-sqrt") << "wsd:peak=1,steps=10,shape=1-sqrt"
                              << "wsd:peak=1,steps=10,decay=0.2,shape=sqrt";
    QTest::newRow("multistep") << "multistep:peak=3e-4,steps=16000,warmup=2160,at=8000,factor=0.3"
                               << "multistep:peak=3e-4,steps=16000,at=8000,factor=0.3,warmup=2160";
    QTest::newRow("multistep-lists") << "multistep:peak=1,steps=100,at=0.5;0.75,factor=0.5;0.2"
                                     << "multistep:peak=1,steps=100,at=0.5;0.75,factor=0.5;0.2";
    QTest::newRow("multistep-default-factor") << "multistep:peak=1,steps=100,at=50"
                                              << "multistep:peak=1,steps=100,at=50,factor=0.1";
    QTest::newRow("invsqrt") << "invsqrt:peak=1e-3,steps=1000,warmup=100"
                             << "invsqrt:peak=1e-3,steps=1000,warmup=100";
    QTest::newRow("invsqrt-timescale") << "invsqrt:peak=1e-3,steps=1000,timescale=50"
                                       << "invsqrt:peak=1e-3,steps=1000,timescale=50";
    QTest::newRow("cyclic") << "cyclic:peak=1,final=0.1,steps=100,period=20,mult=2,gamma=0.5,warmup=5"
                            << "cyclic:peak=1,final=0.1,steps=100,period=20,mult=2,gamma=0.5,warmup=5";
    QTest::newRow("piecewise") << "piecewise:points=0@0;2000@3e-4;24000@3e-5"
                               << "piecewise:points=0@0;2000@3e-4;24000@3e-5";
    QTest::newRow("piecewise-steps") << "piecewise:points=0@1;10@0,steps=20"
                                     << "piecewise:points=0@1;10@0,steps=20";
    QTest::newRow("logged") << "logged:points=2160@3e-4;2288@2.9e-4,warmup=2160"
                            << "logged:points=2160@3e-4;2288@2.9e-4,warmup=2160";
    QTest::newRow("phases")
        << "cosine:peak=3e-4,final=3e-5,steps=20000,warmup=2000+constant:peak=1e-4,steps=5000,"
           "warmup=500,warmup_start=3e-5"
        << "cosine:peak=3e-4,final=3e-5,steps=20000,warmup=2000 + "
           "constant:peak=1e-4,steps=5000,warmup=500,warmup_start=3e-5";
    QTest::newRow("signed-values") << "constant:peak=+1,steps=10,warmup=2,warmup_start=+0.5"
                                   << "constant:peak=1,steps=10,warmup=2,warmup_start=0.5";
    QTest::newRow("phases-exponent-plus") << "constant:peak=1e+0,steps=1e+1 + linear:peak=2E+0,steps=5"
                                          << "constant:peak=1,steps=10 + linear:peak=2,steps=5";
}

void TestSchedule::textRoundTrip()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    const Schedule s = parse(input);
    QCOMPARE(QString::fromStdString(s.toText()), canonical);
    const Result<Schedule> again = Schedule::fromText(s.toText());
    QVERIFY2(again.ok(), again.errorText().c_str());
    QVERIFY(*again == s);
    QCOMPARE(again->render(), s.render());
}

void TestSchedule::textErrors_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("message");
    const QString kinds =
        "constant, cosine, linear, wsd, multistep, invsqrt, exponential, cyclic, piecewise, logged";

    QTest::newRow("empty")
        << "  "
        << "empty schedule; expected e.g. 'cosine:peak=3e-4,final=3e-5,steps=24000,warmup=2000'";
    QTest::newRow("unknown-kind") << "cosin:peak=1,steps=10"
                                  << "unknown schedule kind 'cosin' (known: " + kinds + ")";
    QTest::newRow("no-colon") << "cosine"
                              << "cosine: missing required key 'peak'";
    QTest::newRow("missing-steps") << "cosine:peak=1"
                                   << "cosine: missing required key 'steps'";
    QTest::newRow("missing-final-exp") << "exponential:peak=1,steps=10"
                                       << "exponential: missing required key 'final'";
    QTest::newRow("missing-at") << "multistep:peak=1,steps=10"
                                << "multistep: missing required key 'at'";
    QTest::newRow("missing-period") << "cyclic:peak=1,steps=10"
                                    << "cyclic: missing required key 'period'";
    QTest::newRow("missing-points") << "piecewise:steps=10"
                                    << "piecewise: missing required key 'points'";
    QTest::newRow("unknown-key")
        << "cosine:peak=1,steps=10,foo=2"
        << "cosine: unknown key 'foo' (known: peak, final, steps, warmup, warmup_start)";
    QTest::newRow("key-of-other-kind")
        << "constant:peak=1,steps=10,decay=0.2"
        << "constant: unknown key 'decay' (known: peak, steps, warmup, warmup_start)";
    QTest::newRow("twice") << "cosine:peak=1,peak=2,steps=10"
                           << "cosine: 'peak' given twice";
    QTest::newRow("no-equals") << "cosine:peak=1,steps"
                               << "cosine: expected key=value, got 'steps'";
    QTest::newRow("not-number") << "cosine:peak=abc,steps=10"
                                << "cosine: 'peak' must be a number, got 'abc'";
    QTest::newRow("empty-value") << "cosine:peak=,steps=10"
                                 << "cosine: 'peak' must be a number, got ''";
    QTest::newRow("nan") << "cosine:peak=nan,steps=10"
                         << "cosine: 'peak' must be a number, got 'nan'";
    QTest::newRow("steps-fraction") << "cosine:peak=1,steps=10.5"
                                    << "cosine: 'steps' must be an integer, got '10.5'";
    QTest::newRow("steps-zero") << "cosine:peak=1,steps=0"
                                << "cosine: 'steps' must be an integer in [1, 50000000], got 0";
    QTest::newRow("steps-huge") << "cosine:peak=1,steps=1e9"
                                << "cosine: 'steps' must be an integer in [1, 50000000], got 1000000000";
    QTest::newRow("peak-zero") << "constant:peak=0,steps=10"
                               << "constant: 'peak' must be a finite number > 0, got 0";
    QTest::newRow("peak-negative") << "cosine:peak=-1e-3,steps=10"
                                   << "cosine: 'peak' must be a finite number > 0, got -1e-3";
    QTest::newRow("final-negative") << "cosine:peak=1,final=-1,steps=10"
                                    << "cosine: 'final' must be a finite number >= 0, got -1";
    QTest::newRow("warmup-too-long") << "cosine:peak=1,steps=10,warmup=11"
                                     << "cosine: 'warmup' must be an integer in [0, steps = 10], got 11";
    QTest::newRow("warmup-start-negative") << "cosine:peak=1,steps=10,warmup=2,warmup_start=-1"
                                           << "cosine: 'warmup_start' must be a finite number >= 0, got -1";
    QTest::newRow("wsd-decay-big") << "wsd:peak=3e-4,steps=100,decay=1.5"
                                   << "wsd: 'decay' must be in (0, 1], got 1.5";
    QTest::newRow("wsd-decay-zero") << "wsd:peak=3e-4,steps=100,decay=0"
                                    << "wsd: 'decay' must be in (0, 1], got 0";
    QTest::newRow("wsd-decay-steps-zero") << "wsd:peak=3e-4,steps=100,decay_steps=0"
                                          << "wsd: 'decay_steps' must be >= 1, got '0'";
    QTest::newRow("wsd-decay-steps-big")
        << "wsd:peak=3e-4,steps=100,decay_steps=101"
        << "wsd: 'decay_steps' must be an integer in [1, steps = 100], got 101";
    QTest::newRow("wsd-both") << "wsd:peak=3e-4,steps=100,decay=0.2,decay_steps=20"
                              << "wsd: give either 'decay' (a fraction) or 'decay_steps', not both";
    QTest::newRow("wsd-shape") << "wsd:peak=3e-4,steps=100,shape=square"
                               << "wsd: 'shape' must be one of linear, cosine, exp, sqrt, got 'square'";
    QTest::newRow("wsd-exp-final-0") << "wsd:peak=3e-4,steps=100,shape=exp"
                                     << "wsd: 'final' must be > 0 for shape=exp, got 0";
    QTest::newRow("wsd-overlap") << "wsd:peak=3e-4,steps=100,warmup=90,decay=0.2"
                                 << "wsd: warmup (90) + decay (20 steps) exceed 'steps' (100)";
    QTest::newRow("exp-final-0") << "exponential:peak=1,final=0,steps=10"
                                 << "exponential: 'final' must be > 0 for an exponential decay, got 0";
    QTest::newRow("multistep-mixed") << "multistep:peak=1,steps=100,at=0.5;80"
                                     << "multistep: 'at' mixes fractions (< 1) and steps (>= 1)";
    QTest::newRow("multistep-descending")
        << "multistep:peak=1,steps=100,at=80;50"
        << "multistep: 'at' milestones must be strictly ascending (as steps), got 50";
    QTest::newRow("multistep-beyond")
        << "multistep:peak=1,steps=100,at=150"
        << "multistep: 'at' milestones must be integer steps in [1, steps = 100], got 150";
    QTest::newRow("multistep-not-integer")
        << "multistep:peak=1,steps=100,at=50.5"
        << "multistep: 'at' milestones must be integer steps in [1, steps = 100], got 50.5";
    QTest::newRow("multistep-negative")
        << "multistep:peak=1,steps=100,at=-5"
        << "multistep: 'at' milestones must be steps >= 1 or fractions in (0, 1), got -5";
    QTest::newRow("multistep-list-junk")
        << "multistep:peak=1,steps=100,at=50;x"
        << "multistep: 'at' must be numbers separated by ';', got 'x' in '50;x'";
    QTest::newRow("multistep-factor-count")
        << "multistep:peak=1,steps=100,at=10;20;30,factor=0.5;0.5"
        << "multistep: 'factor' needs one value or one per milestone (3), got 2";
    QTest::newRow("multistep-factor-zero") << "multistep:peak=1,steps=100,at=10,factor=0"
                                           << "multistep: 'factor' values must be finite and > 0, got 0";
    QTest::newRow("invsqrt-timescale")
        << "invsqrt:peak=1,steps=100,timescale=-1"
        << "invsqrt: 'timescale' must be a finite number >= 0 (0 = the warmup), got -1";
    QTest::newRow("cyclic-period") << "cyclic:peak=1,steps=100,period=0"
                                   << "cyclic: 'period' must be an integer in [1, steps = 100], got 0";
    QTest::newRow("cyclic-mult") << "cyclic:peak=1,steps=100,period=10,mult=0.5"
                                 << "cyclic: 'mult' must be in [1, 1000], got 0.5";
    QTest::newRow("cyclic-gamma") << "cyclic:peak=1,steps=100,period=10,gamma=2"
                                  << "cyclic: 'gamma' must be in (0, 1], got 2";
    QTest::newRow("points-syntax")
        << "piecewise:points=0@0;2000"
        << "piecewise: 'points' must be step@lr pairs separated by ';', got '2000'";
    QTest::newRow("points-order") << "piecewise:points=0@0;2000@1;1000@2"
                                  << "piecewise: point 3 (1000@2): steps must be strictly ascending";
    QTest::newRow("points-negative-lr") << "logged:points=0@0;10@-1"
                                        << "logged: point 2 (10@-1): LR must be finite and >= 0";
    QTest::newRow("points-negative-step") << "piecewise:points=-1@0;10@1"
                                          << "piecewise: point 1 (-1@0): step must be in [0, 50000000]";
    QTest::newRow("points-single-at-zero")
        << "piecewise:points=0@1"
        << "piecewise: the last point must be at a step >= 1 (or give 'steps')";
    QTest::newRow("phase-error") << "cosine:peak=1,steps=10 + wsd:peak=1,steps=10,decay=2"
                                 << "phase 2: wsd: 'decay' must be in (0, 1], got 2";
    QTest::newRow("phase-empty") << "cosine:peak=1,steps=10 +"
                                 << "phase 2: empty phase (check the '+' signs)";
    QTest::newRow("phase-unknown") << "cosine:peak=1,steps=10 + warm:peak=1"
                                   << "phase 2: unknown schedule kind 'warm' (known: " + kinds + ")";
    QTest::newRow("total-too-long") << "constant:peak=1,steps=30000000 + constant:peak=1,steps=30000000"
                                    << "the phases have more than 50000000 steps in total";
}

void TestSchedule::textErrors()
{
    QFETCH(QString, input);
    QFETCH(QString, message);
    const Result<Schedule> r = Schedule::fromText(input.toStdString());
    QVERIFY(!r.ok());
    QCOMPARE(r.diagnostics.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(r.diagnostics[0].message), message);
}

void TestSchedule::jsonRoundTrip()
{
    QFETCH(QString, input);
    const Schedule s = parse(input);
    const JsonValue j = s.toJson();
    const Result<Schedule> back = Schedule::fromJson(j);
    QVERIFY2(back.ok(), back.errorText().c_str());
    QVERIFY(*back == s);
    // Through text JSON, pretty, as a session file would store it.
    const Result<JsonValue> reread = parseJson(writeJson(j, {.pretty = true}));
    QVERIFY(reread.ok());
    const Result<Schedule> back2 = Schedule::fromJson(*reread);
    QVERIFY2(back2.ok(), back2.errorText().c_str());
    QVERIFY(*back2 == s);
    QCOMPARE(QString::fromStdString(back2->toText()), QString::fromStdString(s.toText()));
}

void TestSchedule::jsonErrors_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("error"); // Diagnostic::toString()
    QTest::newRow("not-object")
        << "[1]"
        << "error: expected a schedule object with \"phases\" (or a single phase with \"kind\")";
    QTest::newRow("phases-empty") << R"({"phases": []})"
                                  << "phases: error: 'phases' must be a non-empty array of phase objects";
    QTest::newRow("phase-not-object") << R"({"phases": [3]})"
                                      << "phases[0]: error: a phase must be an object";
    QTest::newRow("kind-missing")
        << R"({"phases": [{"peak": 1}]})"
        << "phases[0]: error: missing \"kind\" (one of constant, cosine, linear, wsd, "
           "multistep, invsqrt, exponential, cyclic, piecewise, logged)";
    QTest::newRow("kind-unknown")
        << R"({"phases": [{"kind": "x"}]})"
        << "phases[0]: error: unknown schedule kind 'x' (known: constant, cosine, linear, "
           "wsd, multistep, invsqrt, exponential, cyclic, piecewise, logged)";
    QTest::newRow("bad-type")
        << R"({"phases": [{"kind": "cosine", "peak": {"a": 1}, "steps": 10}]})"
        << "phases[0]: error: cosine: 'peak' must be a number, a string, a list of numbers or "
           "of [step, lr] pairs";
    QTest::newRow("bad-point")
        << R"({"phases": [{"kind": "piecewise", "points": [[0, 1, 2]]}]})"
        << "phases[0]: error: piecewise: 'points' must be a number, a string, a list of "
           "numbers or of [step, lr] pairs";
    QTest::newRow("value-invalid") << R"({"phases": [{"kind": "cosine", "peak": 1, "steps": 10}, )"
                                      R"({"kind": "wsd", "peak": 1, "steps": 10, "decay": 1.5}]})"
                                   << "phases[1]: error: wsd: 'decay' must be in (0, 1], got 1.5";
    QTest::newRow("string-number") << R"({"kind": "cosine", "peak": "abc", "steps": 10})"
                                   << "error: cosine: 'peak' must be a number, got 'abc'";
    QTest::newRow("missing-key") << R"({"kind": "cosine", "peak": 1})"
                                 << "error: cosine: missing required key 'steps'";
}

void TestSchedule::jsonErrors()
{
    QFETCH(QString, json);
    QFETCH(QString, error);
    const Result<JsonValue> j = parseJson(json.toStdString());
    QVERIFY2(j.ok(), j.errorText().c_str());
    const Result<Schedule> r = Schedule::fromJson(*j);
    QVERIFY(!r.ok());
    QCOMPARE(QString::fromStdString(r.errorText()), error);
}

void TestSchedule::controlPoints()
{
    Schedule s = parse("piecewise:points=0@0;2000@3e-4;24000@3e-5");
    std::vector<LrPoint> pts = s.controlPoints();
    QCOMPARE(pts.size(), std::size_t(3));
    QCOMPARE(pts[1], (LrPoint{2000, 3e-4}));
    pts[1] = {1000, 2e-4};
    QCOMPARE(QString::fromStdString(s.setControlPoints(0, pts)), QString());
    QCOMPARE(s.lrAt(1000), 2e-4);
    QCOMPARE(s.totalSteps(), std::int64_t(24000));
    // Dragging the last point further out lengthens the phase.
    pts.push_back({30000, 1e-5});
    QCOMPARE(QString::fromStdString(s.setControlPoints(0, pts)), QString());
    QCOMPARE(s.totalSteps(), std::int64_t(30000));
    // Invalid points are refused and the schedule is unchanged.
    const Schedule before = s;
    std::vector<LrPoint> bad = pts;
    bad[2].step = 500;
    QCOMPARE(QString::fromStdString(s.setControlPoints(0, bad)),
             QStringLiteral("piecewise: point 3 (500@3e-5): steps must be strictly ascending"));
    QVERIFY(s == before);
    QCOMPARE(QString::fromStdString(s.setControlPoints(3, pts)),
             QStringLiteral("no phase 4 (the schedule has 1)"));
    Schedule c = parse("cosine:peak=1,steps=10");
    QVERIFY(c.controlPoints().empty());
    QCOMPARE(QString::fromStdString(c.setControlPoints(0, pts)),
             QStringLiteral("cosine: has no control points (only piecewise and logged do)"));
}

void TestSchedule::toInputAndPhases()
{
    const Schedule s = parse("cosine:peak=3e-4,final=3e-5,steps=20000,warmup=2000 + "
                             "cosine:peak=1e-4,final=1e-5,steps=5000,warmup=500,warmup_start=3e-5");
    const ScheduleInput in = s.toInput();
    QCOMPARE(in.lr.size(), std::size_t(25001));
    QCOMPARE(in.warmupSteps, std::int64_t(2000));
    QCOMPARE(in.lr, s.render());
    QCOMPARE(s.phaseStarts(), (std::vector<std::int64_t>{0, 20000}));
    QVERIFY(std::fabs(s.maxLr() - 3e-4) < 1e-18);
    QVERIFY(std::fabs(in.lr[20000] - 3e-5) < 1e-18);
    QVERIFY(std::fabs(in.lr[20500] - 1e-4) < 1e-18);
    QVERIFY(std::fabs(in.lr[25000] - 1e-5) < 1e-18);
}

void TestSchedule::constructorsValidate()
{
    QCOMPARE(Schedule::cosine(3e-4, 3e-5, 24000, 2160),
             parse("cosine:peak=3e-4,final=3e-5,steps=24000,warmup=2160"));
    QCOMPARE(Schedule::wsd(3e-4, 3e-5, 24000, 2160, 0.2, DecayShape::Sqrt).toText(),
             std::string("wsd:peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay=0.2,shape=sqrt"));
    QCOMPARE(Schedule::constant(1, 10).toText(), std::string("constant:peak=1,steps=10"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Schedule::cosine(-1, 0, 10));
    SchedulePhase bad;
    bad.kind = ScheduleKind::Wsd;
    bad.peak = 1;
    bad.steps = 10;
    bad.decay = 2;
    const Result<Schedule> r = Schedule::create({bad});
    QVERIFY(!r.ok());
    QCOMPARE(QString::fromStdString(r.errorText()),
             QStringLiteral("error: wsd: 'decay' must be in (0, 1], got 2"));
    const Result<Schedule> logged = Schedule::logged({{2160, 3e-4}, {2288, 2.9e-4}}, 2160);
    QVERIFY(logged.ok());
    QCOMPARE(logged->toText(), std::string("logged:points=2160@3e-4;2288@2.9e-4,warmup=2160"));
    QVERIFY(!Schedule::logged({}, 0).ok());
}

void TestSchedule::simplifyFindsKinks()
{
    const std::vector<double> lr =
        parse("wsd:peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay_steps=4000,shape=linear").render();
    const std::vector<LrPoint> pts = simplifyLr(lr, 1e-9);
    QCOMPARE(pts.size(), std::size_t(4));
    QCOMPARE(pts[0], (LrPoint{0, 0}));
    QCOMPARE(pts[1].step, 2160.0);
    QCOMPARE(pts[2].step, 20000.0);
    QCOMPARE(pts[3].step, 24000.0);
    // The cap wins over the tolerance.
    const std::vector<double> cos = parse("cosine:peak=1,steps=10000").render();
    QCOMPARE(simplifyLr(cos, 0.0, 5).size(), std::size_t(5));
    QCOMPARE(simplifyLr(cos, 0.0, 0).size(), std::size_t(2)); // at least the two ends
    QCOMPARE(simplifyLr(std::vector<double>{}).size(), std::size_t(0));
    QCOMPARE(simplifyLr(std::vector<double>{0.5}), (std::vector<LrPoint>{{0, 0.5}}));
}

void TestSchedule::toPiecewise_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<double>("tolerance");
    QTest::addColumn<int>("maxPoints"); // expected upper bound on the points used
    QTest::newRow("cosine") << "cosine:peak=3e-4,final=3e-5,steps=24000,warmup=2160" << 1e-3 << 40;
    QTest::newRow("cosine-fine") << "cosine:peak=3e-4,final=3e-5,steps=24000,warmup=2160" << 1e-5 << 256;
    QTest::newRow("wsd-sqrt") << "wsd:peak=3e-4,final=3e-5,steps=24000,warmup=2160,shape=sqrt" << 1e-3 << 60;
    QTest::newRow("multistep") << "multistep:peak=3e-4,steps=16000,warmup=2160,at=8000,factor=0.3" << 1e-9
                               << 5;
    QTest::newRow("cpt") << "cosine:peak=3e-4,final=3e-5,steps=20000,warmup=2000 + "
                            "constant:peak=1e-4,steps=5000,warmup=500,warmup_start=3e-5"
                         << 1e-3 << 60;
    QTest::newRow("warmup-start") << "linear:peak=1,final=0.5,steps=100,warmup=10,warmup_start=0.2" << 1e-9
                                  << 4;
}

void TestSchedule::toPiecewise()
{
    QFETCH(QString, spec);
    QFETCH(double, tolerance);
    QFETCH(int, maxPoints);
    const Schedule s = parse(spec);
    const Schedule p = s.toPiecewise(tolerance);
    QCOMPARE(p.phases().size(), std::size_t(1));
    QVERIFY(p.phases()[0].kind == ScheduleKind::Piecewise);
    QCOMPARE(p.totalSteps(), s.totalSteps());
    QCOMPARE(p.warmupSteps(), s.warmupSteps());
    QVERIFY2(p.controlPoints().size() <= std::size_t(maxPoints),
             std::to_string(p.controlPoints().size()).c_str());
    const std::vector<double> a = s.render();
    const std::vector<double> b = p.render();
    QCOMPARE(a.size(), b.size());
    double worst = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i)
        worst = std::max(worst, std::fabs(a[i] - b[i]));
    QVERIFY2(worst <= tolerance * s.maxLr() * (1 + 1e-9) + 1e-18, std::to_string(worst).c_str());
    // It is an ordinary schedule: its text form round-trips.
    const Result<Schedule> back = Schedule::fromText(p.toText());
    QVERIFY2(back.ok(), back.errorText().c_str());
    QVERIFY(*back == p);
}

void TestSchedule::fromPerStepOfCurve()
{
    const Result<Curve> curve =
        readCurveCsv(std::string(LOSSCAST_EXAMPLES_DIR) + "/mpl/25M_wsd_20000_24000.csv", 2160);
    QVERIFY2(curve.ok(), curve.errorText().c_str());
    const std::vector<double>& lr = curve->schedule.lr;
    const Result<Schedule> s = Schedule::fromPerStep(lr, 2160);
    QVERIFY2(s.ok(), s.errorText().c_str());
    QVERIFY(s->phases()[0].kind == ScheduleKind::Logged);
    const ScheduleInput in = s->toInput();
    QCOMPARE(in.warmupSteps, std::int64_t(2160));
    QCOMPARE(in.lr.size(), lr.size());
    double worst = 0.0;
    for (std::size_t i = 0; i < lr.size(); ++i)
        worst = std::max(worst, std::fabs(in.lr[i] - lr[i]));
    QVERIFY2(worst <= 1e-3 * 3e-4 * (1 + 1e-9), std::to_string(worst).c_str());
    QVERIFY(s->controlPoints().size() < 100);
    QVERIFY(!Schedule::fromPerStep(lr, 0, ScheduleKind::Cosine).ok());
}

void TestSchedule::keysDescribeEveryKind()
{
    for (ScheduleKind kind : scheduleKinds()) {
        const std::string name = toString(kind);
        QCOMPARE(scheduleKindFromName(name), std::optional<ScheduleKind>(kind));
        const std::vector<ScheduleKeyInfo> keys = scheduleKeys(kind);
        QVERIFY(!keys.empty());
        for (const ScheduleKeyInfo& k : keys)
            QVERIFY2(!k.description.empty(), k.name.c_str());
        // The listed keys are the ones the parser accepts: an unknown-key error lists exactly them.
        const Result<Schedule> r = Schedule::fromText(name + ":nokey=1");
        QVERIFY(!r.ok());
        std::string list;
        for (const ScheduleKeyInfo& k : keys)
            list += (list.empty() ? "" : ", ") + k.name;
        QCOMPARE(QString::fromStdString(r.diagnostics[0].message),
                 QString::fromStdString(name + ": unknown key 'nokey' (known: " + list + ")"));
    }
    QVERIFY(!scheduleKindFromName("Cosine").has_value());
    const auto wsdKeys = scheduleKeys(ScheduleKind::Wsd);
    QCOMPARE(wsdKeys.front().name, std::string("peak"));
    QVERIFY(wsdKeys.front().required);
}

void TestSchedule::mutatedTextNeverCrashes()
{
    // Random edits of valid specs: each result is a valid schedule (renders finite LRs) or one error message.
    const std::vector<std::string> bases = {
        "cosine:peak=3e-4,final=3e-5,steps=2400,warmup=216",
        "wsd:peak=3e-4,final=3e-5,steps=2400,warmup=216,decay=0.2,shape=exp",
        "multistep:peak=1,steps=300,at=0.5;0.75,factor=0.5;0.2",
        "cyclic:peak=1,final=0.1,steps=1000,period=20,mult=2,gamma=0.5,warmup=5",
        "piecewise:points=0@0;200@3e-4;2400@3e-5 + invsqrt:peak=1e-3,steps=100,timescale=5",
        "logged:points=216@3e-4;288@2.9e-4,warmup=216 + exponential:peak=1,final=0.01,steps=100"};
    const std::string alphabet = "0123456789.e+-@;,:=abcdfgiklmnoprstuwx ";
    std::mt19937 rng(11);
    int valid = 0, invalid = 0;
    for (int i = 0; i < 4000; ++i) {
        std::string s = bases[static_cast<std::size_t>(i) % bases.size()];
        const int edits = 1 + static_cast<int>(rng() % 3);
        for (int k = 0; k < edits; ++k) {
            const std::size_t at = rng() % s.size();
            const char c = alphabet[rng() % alphabet.size()];
            switch (rng() % 3) {
            case 0:
                s[at] = c;
                break;
            case 1:
                s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), c);
                break;
            default:
                s.erase(at, 1 + rng() % 3);
                break;
            }
            if (s.empty())
                s = "x";
        }
        const Result<Schedule> r = Schedule::fromText(s);
        if (!r.ok()) {
            ++invalid;
            QCOMPARE(r.diagnostics.size(), std::size_t(1));
            QVERIFY(!r.diagnostics[0].message.empty());
            continue;
        }
        ++valid;
        if (r->totalSteps() > 5'000'000)
            continue; // valid but large: rendering would only take time
        for (double v : r->render())
            QVERIFY2(std::isfinite(v) && v >= 0, s.c_str());
        const Result<Schedule> again = Schedule::fromText(r->toText());
        QVERIFY2(again.ok() && *again == *r, s.c_str());
    }
    QVERIFY(valid > 100);
    QVERIFY(invalid > 100);
}

void TestSchedule::matchesMplPerStepLr_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("spec");
    QTest::newRow("cosine_24000") << "cosine_24000"
                                  << "cosine:peak=3e-4,final=3e-5,steps=24000,warmup=2160";
    QTest::newRow("cosine_72000") << "cosine_72000"
                                  << "cosine:peak=3e-4,final=3e-5,steps=72000,warmup=2160";
    QTest::newRow("constant_24000") << "constant_24000"
                                    << "constant:peak=3e-4,steps=24000,warmup=2160";
    QTest::newRow("wsd_20000_24000")
        << "wsd_20000_24000"
        << "wsd:peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay_steps=4000,shape=exp";
    QTest::newRow("wsdld_20000_24000")
        << "wsdld_20000_24000"
        << "wsd:peak=3e-4,final=3e-5,steps=24000,warmup=2160,decay_steps=4000,shape=linear";
    QTest::newRow("wsdcon_9") << "wsdcon_9"
                              << "multistep:peak=3e-4,steps=16000,warmup=2160,at=8000,factor=0.3";
}

void TestSchedule::matchesMplPerStepLr()
{
    QFETCH(QString, file);
    QFETCH(QString, spec);
    const std::string shared = qEnvironmentVariable("LOSSCAST_SHARED_DIR", LOSSCAST_SHARED_DIR).toStdString();
    const std::string path =
        shared + "/data/curves/mpl/lr_per_step/" + file.toStdString() + ".lr_per_step.csv";
    if (!QFileInfo::exists(QString::fromStdString(path)))
        QSKIP("the shared per-step LR files are not present (../shared)");
    const std::vector<double> lr = parse(spec).render();
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    std::size_t compared = 0;
    double worst = 0.0;
    while (std::getline(in, line)) {
        const auto comma = line.find(',');
        const long step = std::stol(line.substr(0, comma));
        // The shared files ramp as peak·s/2159; LossCast's warmup reaches the peak at step 2160.
        if (step < 2160)
            continue;
        QVERIFY(step < static_cast<long>(lr.size()));
        worst = std::max(worst,
                         std::fabs(lr[static_cast<std::size_t>(step)] - std::stod(line.substr(comma + 1))));
        ++compared;
    }
    QCOMPARE(compared + 2160 + 1, lr.size());               // the files stop at step N − 1
    QVERIFY2(worst < 1e-12, std::to_string(worst).c_str()); // the files have 10 significant digits
}

QTEST_GUILESS_MAIN(TestSchedule)
#include "tst_schedule.moc"
