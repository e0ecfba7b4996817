// Tests of the MPL-protocol fit metrics (core/fit/metrics.h) against values computed by hand.
#include "core/fit/metrics.h"

#include <QtTest>

#include <cmath>
#include <vector>

using namespace losscast::core::fit;

class TestMetrics : public QObject
{
    Q_OBJECT

private slots:
    void handComputed()
    {
        // y = 1, 2, 3, 4; ŷ − y = 0.1, −0.2, 0, 0.4.
        const std::vector<double> y{1, 2, 3, 4}, yhat{1.1, 1.8, 3.0, 4.4};
        const Metrics m = computeMetrics(yhat, y);
        QCOMPARE(m.points, std::size_t(4));
        QVERIFY(std::abs(m.mae - 0.175) < 1e-12);              // 0.7 / 4
        QVERIFY(std::abs(m.rmse - std::sqrt(0.0525)) < 1e-12); // √(0.21 / 4)
        QVERIFY(std::abs(m.r2 - 0.958) < 1e-12);               // 1 − 0.21 / 5
        QVERIFY(std::abs(m.predE - 0.075) < 1e-12);            // (0.1 + 0.1 + 0 + 0.1) / 4
        QVERIFY(std::abs(m.worstE - 0.1) < 1e-12);
    }

    void perfectPrediction()
    {
        const std::vector<double> y{3.0, 2.5, 2.2};
        const Metrics m = computeMetrics(y, y);
        QCOMPARE(m.r2, 1.0);
        QCOMPARE(m.mae, 0.0);
        QCOMPARE(m.rmse, 0.0);
        QCOMPARE(m.predE, 0.0);
        QCOMPARE(m.worstE, 0.0);
    }

    void averageIsPlainMeanOverCurves()
    {
        // A short curve counts as much as a long one (the protocol averages per curve, not per point).
        const Metrics a =
            computeMetrics(std::vector<double>{1.1, 1.8, 3.0, 4.4}, std::vector<double>{1, 2, 3, 4});
        const Metrics b = computeMetrics(std::vector<double>{2.0, 2.0}, std::vector<double>{1.0, 3.0});
        // b: errors 1, −1 → MAE 1, RMSE 1, SS_tot 2, SS_res 2 → R² 0, rel 1 and 1/3 → PredE 2/3, WorstE 1.
        QVERIFY(std::abs(b.r2) < 1e-12);
        QVERIFY(std::abs(b.predE - 2.0 / 3.0) < 1e-12);
        const std::vector<Metrics> both{a, b};
        const Metrics avg = average(both);
        QVERIFY(std::abs(avg.mae - (0.175 + 1.0) / 2) < 1e-12);
        QVERIFY(std::abs(avg.rmse - (std::sqrt(0.0525) + 1.0) / 2) < 1e-12);
        QVERIFY(std::abs(avg.r2 - 0.958 / 2) < 1e-12);
        QVERIFY(std::abs(avg.predE - (0.075 + 2.0 / 3.0) / 2) < 1e-12);
        QVERIFY(std::abs(avg.worstE - (0.1 + 1.0) / 2) < 1e-12);
        QCOMPARE(avg.points, std::size_t(6));
    }

    void degenerateInput()
    {
        const Metrics m = computeMetrics(std::vector<double>{1.0}, std::vector<double>{1.0, 2.0});
        QVERIFY(std::isnan(m.mae) && std::isnan(m.r2));
        QCOMPARE(m.points, std::size_t(0));
        const Metrics flat = computeMetrics(std::vector<double>{2.0, 2.1}, std::vector<double>{2.0, 2.0});
        QVERIFY(std::isnan(flat.r2)); // R² undefined for a flat observed curve
        QVERIFY(std::abs(flat.mae - 0.05) < 1e-12);
        QCOMPARE(average(std::vector<Metrics>{}).points, std::size_t(0));
    }
};

QTEST_APPLESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
