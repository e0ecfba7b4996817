#include "widgets/seriesmath.h"

#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace losscast::widgets;

class TestSeriesMath : public QObject
{
    Q_OBJECT
private slots:
    void emaOffIsIdentity();
    void emaIsDebiased();
    void emaConstantStaysConstant();
    void decimateKeepsSmallInputs();
    void decimateKeepsExtremesAndOrder_data();
    void decimateKeepsExtremesAndOrder();
    void lossAxisIgnoresAModelsBlowUp();
};

void TestSeriesMath::emaOffIsIdentity()
{
    const std::vector<double> y{3, 1, 4, 1, 5};
    QCOMPARE(emaSmooth(y, 0.0), y);
}

void TestSeriesMath::emaIsDebiased()
{
    // TensorBoard: the first smoothed value equals the first raw value (no pull towards 0).
    const std::vector<double> y{4.0, 2.0};
    const auto s = emaSmooth(y, 0.6);
    QCOMPARE(s[0], 4.0);
    // Second: (0.6·0.4·4 + 0.4·2) / (1 − 0.36) = (0.96 + 0.8) / 0.64
    QVERIFY(std::abs(s[1] - (0.96 + 0.8) / 0.64) < 1e-12);
}

void TestSeriesMath::emaConstantStaysConstant()
{
    const std::vector<double> y(1000, 3.25);
    for (double v : emaSmooth(y, 0.99))
        QVERIFY(std::abs(v - 3.25) < 1e-9);
}

void TestSeriesMath::decimateKeepsSmallInputs()
{
    const std::vector<double> x{1, 2, 3}, y{5, 6, 7};
    std::vector<double> ox, oy;
    decimateMinMax(x, y, 100, ox, oy);
    QCOMPARE(ox, x);
    QCOMPARE(oy, y);
}

void TestSeriesMath::decimateKeepsExtremesAndOrder_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("maxPoints");
    QTest::newRow("1M-to-4000") << 1'000'000 << 4000;
    QTest::newRow("10001-to-100") << 10001 << 100;
}

void TestSeriesMath::decimateKeepsExtremesAndOrder()
{
    QFETCH(int, n);
    QFETCH(int, maxPoints);
    std::vector<double> x(static_cast<std::size_t>(n)), y(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        x[std::size_t(i)] = i;
        y[std::size_t(i)] = std::sin(i * 0.001) + 0.001 * (i % 7);
    }
    // One spike that a naive stride would skip.
    y[std::size_t(n / 3 + 1)] = 10.0;
    y[std::size_t(2 * n / 3 + 1)] = -10.0;
    std::vector<double> ox, oy;
    decimateMinMax(x, y, std::size_t(maxPoints), ox, oy);
    QVERIFY(ox.size() <= std::size_t(maxPoints) + 2);
    QVERIFY(ox.size() >= std::size_t(maxPoints) / 2);
    QVERIFY(std::is_sorted(ox.begin(), ox.end()));
    QCOMPARE(*std::max_element(oy.begin(), oy.end()), 10.0);
    QCOMPARE(*std::min_element(oy.begin(), oy.end()), -10.0);
    QCOMPARE(ox.front(), 0.0);
    QCOMPARE(ox.back(), double(n - 1));
}

void TestSeriesMath::lossAxisIgnoresAModelsBlowUp()
{
    // After an MTL fit on a log from step 0 the axis spanned 0–100,000: the prediction near step 0 set it.
    using losscast::widgets::lossAxisRange;
    const std::vector<double> measured{4.0, 3.5, 3.1, std::nan(""), 3.0};
    const std::vector<double> model{1e5, 80.0, 3.6, 3.2, 2.9, 2.7}; // blow-up, then a longer schedule's end
    double lo = 0, hi = 0;
    QVERIFY(lossAxisRange({&measured}, {&model}, false, lo, hi));
    QCOMPARE(hi, 4.0);
    QCOMPARE(lo, 2.7); // a lower predicted loss within a span below is shown
    const std::vector<double> far{-50.0};
    QVERIFY(lossAxisRange({&measured}, {&model, &far}, false, lo, hi));
    QCOMPARE(lo, 2.7);
    // Log axis: non-positive values never count; without measured curves the model sets the range.
    const std::vector<double> withZero{0.0, 2.0, 5.0};
    QVERIFY(lossAxisRange({}, {&withZero}, true, lo, hi));
    QCOMPARE(lo, 2.0);
    QCOMPARE(hi, 5.0);
    const std::vector<double> none{std::nan("")};
    QVERIFY(!lossAxisRange({&none}, {}, false, lo, hi));
}

QTEST_APPLESS_MAIN(TestSeriesMath)
#include "tst_seriesmath.moc"
