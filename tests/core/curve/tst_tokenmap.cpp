// core::TokenMap: steps ↔ tokens seen, from a logged tokens series (the window's tokens axis).
#include "core/curve/tokenmap.h"

#include <QtTest>

#include <cmath>

using losscast::core::TokenMap;

class TestTokenMap : public QObject
{
    Q_OBJECT
private slots:
    void emptyIsTheIdentity();
    void interpolatesAndExtrapolates();
    void batchSizeWarmupIsNotOneScale();
    void inverseRoundTrips();
    void pointsThatDoNotGrowAreDropped();
};

void TestTokenMap::emptyIsTheIdentity()
{
    const TokenMap m;
    QVERIFY(m.empty());
    QCOMPARE(m.tokensAt(123.0), 123.0);
    QCOMPARE(m.stepAt(456.0), 456.0);
}

void TestTokenMap::interpolatesAndExtrapolates()
{
    const TokenMap m({10, 20, 40}, {1000, 2000, 6000});
    QCOMPARE(m.tokensAt(10), 1000.0);
    QCOMPARE(m.tokensAt(15), 1500.0);
    QCOMPARE(m.tokensAt(30), 4000.0);
    QCOMPARE(m.tokensAt(0), 0.0);     // before the first point: the first segment's rate (100 per step)
    QCOMPARE(m.tokensAt(50), 8000.0); // after the last: the last segment's (200 per step)
    // One point: through the origin at its rate.
    const TokenMap one({10}, {5000});
    QCOMPARE(one.tokensAt(20), 10000.0);
    QCOMPARE(one.stepAt(2500), 5.0);
}

void TestTokenMap::batchSizeWarmupIsNotOneScale()
{
    // 512 tokens per step to step 200, then 2,048: step 100 has seen 51,200 tokens, where the run's mean rate
    // (1,740.8 per step at step 1,000) would put it at 174,080.
    std::vector<double> steps, tokens;
    for (int s = 10; s <= 1000; s += 10) {
        steps.push_back(s);
        tokens.push_back(s <= 200 ? 512.0 * s : 512.0 * 200 + 2048.0 * (s - 200));
    }
    const TokenMap m(steps, tokens);
    QCOMPARE(m.tokensAt(100), 51200.0);
    QCOMPARE(m.tokensAt(1000), 1740800.0);
    QCOMPARE(m.stepAt(51200), 100.0);
    QCOMPARE(m.stepAt(102400 + 2048 * 50), 250.0);
}

void TestTokenMap::inverseRoundTrips()
{
    const TokenMap m({1, 5, 9, 100}, {7, 40, 41, 1e6});
    for (double s : {-3.0, 0.0, 1.0, 2.5, 5.0, 8.0, 9.0, 50.0, 100.0, 250.0})
        QVERIFY2(std::abs(m.stepAt(m.tokensAt(s)) - s) < 1e-9 * std::max(1.0, std::abs(s)),
                 qPrintable(QString::number(s)));
}

void TestTokenMap::pointsThatDoNotGrowAreDropped()
{
    // A repeated step, a token count that stays or falls (a logging reset), NaN: dropped, so the mapping
    // stays increasing and invertible.
    const TokenMap m({10, 10, 20, 30, 40, 50}, {100, 150, 200, 200, 150, NAN});
    QCOMPARE(m.steps(), (std::vector<double>{10, 20}));
    QCOMPARE(m.tokens(), (std::vector<double>{100, 200}));
    QCOMPARE(m.tokensAt(30), 300.0);
    QCOMPARE(m.stepAt(300), 30.0);
}

QTEST_APPLESS_MAIN(TestTokenMap)
#include "tst_tokenmap.moc"
