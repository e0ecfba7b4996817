// Choosing a curve law by leave-one-curve-out validation (core/fit/modelselect.h): on curves made by the MPL
// it picks the MPL; on the bundled real 25M curves it reports every registered law with one fold per curve.
#include "core/fit/modelselect.h"
#include "core/fit/protocol.h"
#include "core/laws/mpl.h"

#include <QtTest>

#include <cmath>
#include <numbers>

using namespace losscast::core;
using namespace losscast::core::fit;

namespace {

Curve mplCurve(const std::string& name, std::int64_t total, int kind)
{
    const std::vector<double> truth{3.0, 0.5, 0.5, 450.0, 2.0, 0.55, 0.6};
    Curve c;
    c.name = name;
    c.schedule.warmupSteps = 2000;
    c.schedule.lr.resize(static_cast<std::size_t>(total) + 1);
    for (std::int64_t s = 0; s <= total; ++s) {
        const double x = double(s - 2000) / double(total - 2000);
        double lr = s < 2000    ? 3e-4 * double(s) / 2000.0
                    : kind == 0 ? 3e-4
                    : kind == 1 ? 3e-5 + 1.35e-4 * (1 + std::cos(std::numbers::pi * x))
                                : (x < 0.7 ? 3e-4 : 3e-4 - 2.7e-4 * std::sqrt((x - 0.7) / 0.3));
        c.schedule.lr[static_cast<std::size_t>(s)] = lr;
    }
    for (std::int64_t s = 2100; s <= total; s += 100)
        c.steps.push_back(s);
    MplLaw law;
    c.loss = predict(law, truth, c.schedule, c.steps, law.defaultSettings());
    return c;
}

} // namespace

class TestModelSelect : public QObject
{
    Q_OBJECT
private slots:
    void picksTheLawThatMadeTheData();
    void reportsEveryLawOnRealCurves();
    void singleCurveFallsBackToTrainingCost();
};

void TestModelSelect::picksTheLawThatMadeTheData()
{
    const std::vector<Curve> train{mplCurve("constant", 20000, 0), mplCurve("cosine", 20000, 1),
                                   mplCurve("wsd-sqrt", 20000, 2)};
    const ModelChoice choice = chooseCurveLaw(train, curveLaws());
    QCOMPARE(choice.candidates.size(), curveLaws().size());
    QVERIFY(choice.chosen >= 0);
    for (const auto& c : choice.candidates)
        qInfo("%s: leave-one-out PredE %.5f (%s)", c.law.c_str(), c.validation.predE,
              c.usable ? "usable" : c.message.c_str());
    QCOMPARE(choice.candidates[choice.chosen].law, std::string("mpl"));
    QCOMPARE(choice.candidates[choice.chosen].folds.size(), std::size_t(4)); // 3 runs left out + horizon
    QVERIFY2(choice.criterion.find("3 leave-one-run-out") != std::string::npos, choice.criterion.c_str());
    QVERIFY2(choice.criterion.find("horizon") != std::string::npos, choice.criterion.c_str());
}

void TestModelSelect::reportsEveryLawOnRealCurves()
{
    const auto split = loadMplSplit(std::string(LOSSCAST_EXAMPLES_DIR) + "/mpl", "25M");
    QVERIFY2(split.ok(), split.errorText().c_str());
    const ModelChoice choice = chooseCurveLaw(split->train, curveLaws());
    QVERIFY(choice.chosen >= 0);
    for (const auto& c : choice.candidates) {
        qInfo("%s: leave-one-out PredE %.5f WorstE %.5f; %.2f s", c.law.c_str(), c.validation.predE,
              c.validation.worstE, c.seconds);
        QVERIFY2(c.usable, c.message.c_str());
        QCOMPARE(c.folds.size(), std::size_t(4));
        QCOMPARE(c.heldOut.size(), std::size_t(4));
        QVERIFY(c.validation.predE > 0 && c.validation.predE < 0.05);
    }
    // The chosen one has the lowest score.
    for (const auto& c : choice.candidates)
        QVERIFY(choice.candidates[choice.chosen].validation.predE <= c.validation.predE);
}

void TestModelSelect::singleCurveFallsBackToTrainingCost()
{
    // One run: validated on its own horizon (fit the first 60 %, predict the rest), like an early stop.
    const std::vector<Curve> one{mplCurve("cosine", 20000, 1)};
    const ModelChoice horizon = chooseCurveLaw(one, curveLaws());
    QVERIFY(horizon.chosen >= 0);
    QVERIFY2(horizon.criterion.find("horizon") != std::string::npos, horizon.criterion.c_str());
    for (const auto& c : horizon.candidates)
        QCOMPARE(c.folds.size(), std::size_t(1));
    // A run too short to hold anything out: the training cost decides.
    Curve shortRun = mplCurve("cosine", 20000, 1);
    shortRun.steps.resize(10);
    shortRun.loss.resize(10);
    const std::vector<Curve> train{shortRun};
    const ModelChoice choice = chooseCurveLaw(train, curveLaws());
    QVERIFY(choice.chosen >= 0);
    QVERIFY(choice.criterion.find("training cost") != std::string::npos);
    for (const auto& c : choice.candidates)
        QVERIFY(c.folds.empty());
    // Cancelled before anything ran: nothing is usable, nothing is chosen.
    Control cancel;
    cancel.isCancelled = [] { return true; };
    const ModelChoice none = chooseCurveLaw(train, curveLaws(), {}, cancel);
    QCOMPARE(none.chosen, -1);
}

QTEST_GUILESS_MAIN(TestModelSelect)
#include "tst_mpl_modelselect.moc"
