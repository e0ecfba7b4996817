// The Chinchilla law L(N, D) (core/scaling/chinchilla.h): recovery of known parameters from synthetic runs
// tables, bad tables with errors naming the column and line, D from FLOPs, the closed-form optimal
// allocation, bootstrap intervals, and the Schaipp openwebtext2 runs from ../shared (skipped without it).
#include "core/scaling/chinchilla.h"

#include <QtTest>

#include <QFile>

#include <cmath>
#include <sstream>

using namespace losscast::core;
using namespace losscast::core::scaling;

namespace {

std::string sharedDir()
{
    return qEnvironmentVariable("LOSSCAST_SHARED_DIR", LOSSCAST_SHARED_DIR).toStdString();
}

// Besiroglu et al. 2024, Table 1 (their refit of the Chinchilla paper's points).
const ChinchillaParams kEpoch{1.82, 482.0, 2085.0, 0.348, 0.366};

/// A runs table over a grid of N and D with a deterministic ±`noise` relative wiggle.
std::string table(const ChinchillaParams& p, double noise, bool flops = false)
{
    std::ostringstream s;
    s << (flops ? "run,params,flops,loss\n" : "run,params,tokens,loss\n");
    int k = 0;
    for (double n : {4e7, 1e8, 3e8, 1e9, 3e9})
        for (double tpp : {5.0, 10.0, 20.0, 40.0, 80.0}) {
            const double d = n * tpp;
            const double wiggle = noise * std::sin(1.7 * k + 0.3);
            const double loss = p.predict(n, d) * (1.0 + wiggle);
            s.precision(17);
            s << "r" << k++ << ',' << n << ',' << (flops ? 6.0 * n * d : d) << ',' << loss << '\n';
        }
    return s.str();
}

} // namespace

class TestChinchilla : public QObject
{
    Q_OBJECT
private slots:
    void recoversKnownParameters_data();
    void recoversKnownParameters();
    void tokensFromFlops();
    void badTables_data();
    void badTables();
    void skipsRunsWithoutValues();
    void optimalAllocation();
    void bootstrapIntervals();
    void schaippOwt2Runs();
};

void TestChinchilla::recoversKnownParameters_data()
{
    QTest::addColumn<double>("noise");
    QTest::addColumn<double>("tolerance");
    QTest::newRow("exact") << 0.0 << 1e-3;
    QTest::newRow("0.2% noise") << 0.002 << 0.15;
}

void TestChinchilla::recoversKnownParameters()
{
    QFETCH(double, noise);
    QFETCH(double, tolerance);
    auto runs = parseRunsTable(table(kEpoch, noise), "synthetic.csv");
    QVERIFY2(runs.ok(), runs.errorText().c_str());
    QCOMPARE(runs->runs.size(), std::size_t(25));
    QCOMPARE(runs->nColumn, std::string("params"));
    QCOMPARE(runs->dColumn, std::string("tokens"));
    const auto f = fitChinchilla(runs->runs);
    QVERIFY2(f.summary.isUsable(), f.summary.message.c_str());
    QCOMPARE(f.gridStarts, 4500);
    const double got[5] = {f.params.E, f.params.A, f.params.B, f.params.alpha, f.params.beta};
    const double want[5] = {kEpoch.E, kEpoch.A, kEpoch.B, kEpoch.alpha, kEpoch.beta};
    const char* names[5] = {"E", "A", "B", "alpha", "beta"};
    // A and B are exponentially sensitive to the exponents; compare the exponents and E tightly and the
    // predicted losses everywhere.
    for (int j : {0, 3, 4})
        QVERIFY2(std::abs(got[j] - want[j]) <= tolerance * want[j],
                 qPrintable(QString("%1: %2 vs %3").arg(names[j]).arg(got[j]).arg(want[j])));
    for (const auto& r : runs->runs)
        QVERIFY(std::abs(f.params.predict(r.n, r.d) - kEpoch.predict(r.n, r.d)) <
                (noise + 1e-6) * 2 * r.loss);
    if (noise == 0.0) {
        for (int j : {1, 2})
            QVERIFY2(std::abs(got[j] - want[j]) <= 1e-2 * want[j],
                     qPrintable(QString("%1: %2 vs %3").arg(names[j]).arg(got[j]).arg(want[j])));
    }
    for (double se : {f.stderrs.E, f.stderrs.alpha, f.stderrs.beta})
        QVERIFY(std::isfinite(se));
}

void TestChinchilla::tokensFromFlops()
{
    auto runs = parseRunsTable(table(kEpoch, 0.0, true), "flops.csv");
    QVERIFY2(runs.ok(), runs.errorText().c_str());
    QCOMPARE(runs->flopsColumn, std::string("flops"));
    QVERIFY(runs->dColumn.empty());
    // D = C / 6N gives back the tokens of the grid.
    QVERIFY(std::abs(runs->runs[0].d - 4e7 * 5.0) < 1e-6 * 4e7 * 5.0);
    const auto f = fitChinchilla(runs->runs);
    QVERIFY(std::abs(f.params.alpha - kEpoch.alpha) < 1e-3);
}

void TestChinchilla::badTables_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("too few runs") << "n,d,loss\n1e8,1e9,3\n2e8,1e9,2.9\n4e8,2e9,2.8\n"
                                  << "too few runs: 3";
    QTest::newRow("no loss column") << "n,d,ppl\n1e8,1e9,3\n"
                                    << "no column for the final loss";
    QTest::newRow("no D nor FLOPs") << "params,steps,loss\n1e8,1000,3\n"
                                    << "nor for the FLOPs";
    QTest::newRow("zero N") << "n,d,loss\n1e8,1e9,3\n0,1e9,3\n"
                            << "bad.csv:3: n: error: column 'n': expected a value > 0, got 0";
    QTest::newRow("negative loss") << "N,D,loss\n1e8,1e9,-3\n"
                                   << "bad.csv:2: loss: error: column 'loss': expected a value > 0, got -3";
    QTest::newRow("text in D") << "n,tokens,loss\n1e8,many,3\n"
                               << "bad.csv:2: tokens: error: column 'tokens': expected a number, got 'many'";
    QTest::newRow("ragged row") << "n,d,loss\n1e8,1e9\n"
                                << "bad.csv:2";
}

void TestChinchilla::badTables()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto r = parseRunsTable(text.toStdString(), "bad.csv");
    QVERIFY(!r.ok());
    QVERIFY2(QString::fromStdString(r.errorText()).contains(expected), r.errorText().c_str());
}

void TestChinchilla::skipsRunsWithoutValues()
{
    std::string t = table(kEpoch, 0.0);
    t += "crashed,1e8,,\n";
    const auto r = parseRunsTable(t, "wandb.csv");
    QVERIFY2(r.ok(), r.errorText().c_str());
    QCOMPARE(r->runs.size(), std::size_t(25));
    QCOMPARE(r.diagnostics.size(), std::size_t(1));
    QVERIFY(r.diagnostics[0].toString().find("wandb.csv:27") != std::string::npos);
    // Columns given by name override the search.
    RunsColumns cols;
    cols.loss = "LOSS";
    QVERIFY(parseRunsTable(t, "wandb.csv", cols).ok());
    cols.loss = "val/loss";
    const auto missing = parseRunsTable(t, "wandb.csv", cols);
    QVERIFY(!missing.ok());
    QVERIFY(missing.errorText().find("no column 'val/loss'") != std::string::npos);
}

void TestChinchilla::optimalAllocation()
{
    for (double c : {1e19, 1e21, 5.76e23}) {
        const auto a = optimalForFlops(kEpoch, c);
        QVERIFY(std::abs(6.0 * a.n * a.d - c) < 1e-9 * c);
        // A minimum along the constraint: moving N either way (D = C/6N) raises the loss.
        for (double f : {0.9, 0.99, 1.01, 1.1}) {
            const double n = a.n * f, d = c / (6.0 * n);
            QVERIFY(kEpoch.predict(n, d) > a.loss);
        }
        // --loss inverts --flops.
        const auto back = optimalForLoss(kEpoch, a.loss);
        QVERIFY(back);
        QVERIFY(std::abs(back->flops - c) < 1e-6 * c);
    }
    // Chinchilla's own budget (5.76e23 FLOPs) with Epoch's fit: about 20 tokens per parameter as published.
    const auto chin = optimalForFlops(kEpoch, 5.76e23);
    std::printf("Epoch AI fit at 5.76e23 FLOPs: N %.3g, D %.3g, %.1f tokens/param, loss %.4f\n", chin.n,
                chin.d, chin.d / chin.n, chin.loss);
    QVERIFY(chin.d / chin.n > 10 && chin.d / chin.n < 40);
    QVERIFY(!optimalForLoss(kEpoch, kEpoch.E));
}

void TestChinchilla::bootstrapIntervals()
{
    auto runs = parseRunsTable(table(kEpoch, 0.003), "synthetic.csv");
    QVERIFY(runs.ok());
    const auto f = fitChinchilla(runs->runs);
    const auto b1 = bootstrapChinchilla(runs->runs, f, 200, 7);
    const auto b2 = bootstrapChinchilla(runs->runs, f, 200, 7);
    QVERIFY(b1.succeeded >= 190);
    QCOMPARE(b1.samples, b2.samples);
    std::printf("200 bootstrap refits: %.3f s\n", b1.seconds);
    for (int j : {0, 3, 4}) {
        std::vector<double> v;
        for (const auto& s : b1.samples)
            v.push_back(s[static_cast<std::size_t>(j)]);
        const double lo = percentile(v, 0.025), hi = percentile(v, 0.975);
        const double truth = j == 0 ? kEpoch.E : j == 3 ? kEpoch.alpha : kEpoch.beta;
        QVERIFY2(lo < hi, "empty interval");
        QVERIFY2(lo <= truth * 1.02 && hi >= truth * 0.98,
                 qPrintable(QString("param %1: [%2, %3] vs %4").arg(j).arg(lo).arg(hi).arg(truth)));
    }
}

void TestChinchilla::schaippOwt2Runs()
{
    const std::string path = sharedDir() + "/data/curves/schaipp_owt2/inventory.csv";
    QFile inv(QString::fromStdString(path));
    if (!inv.open(QIODevice::ReadOnly))
        QSKIP("../shared/data/curves/schaipp_owt2 not present");
    // Final validation loss per run; N from the inventory; D = iterations × tokens per step.
    const auto lines = QString::fromUtf8(inv.readAll()).split('\n', Qt::SkipEmptyParts);
    const auto header = lines[0].split(',');
    const int iParams = header.indexOf("params"), iIter = header.indexOf("iterations"),
              iTps = header.indexOf("tokens_per_step"), iLoss = header.indexOf("final_val");
    QVERIFY(iParams >= 0 && iIter >= 0 && iTps >= 0 && iLoss >= 0);
    std::string t = "n,d,loss\n";
    for (int i = 1; i < lines.size(); ++i) {
        const auto f = lines[i].split(',');
        t += QString("%1,%2,%3\n")
                 .arg(f[iParams])
                 .arg(f[iIter].toDouble() * f[iTps].toDouble(), 0, 'g', 17)
                 .arg(f[iLoss])
                 .toStdString();
    }
    const auto runs = parseRunsTable(t, "owt2-runs.csv");
    QVERIFY2(runs.ok(), runs.errorText().c_str());
    QCOMPARE(runs->runs.size(), std::size_t(21));
    const auto f = fitChinchilla(runs->runs);
    QVERIFY2(f.summary.isUsable(), f.summary.message.c_str());
    double worst = 0.0;
    for (const auto& r : runs->runs)
        worst = std::max(worst, std::abs(f.params.predict(r.n, r.d) - r.loss) / r.loss);
    std::printf(
        "Schaipp owt2 runs (21): E %.3f A %.4g B %.4g alpha %.3f beta %.3f, worst in-sample error %.4f, "
        "%.3f s\n",
        f.params.E, f.params.A, f.params.B, f.params.alpha, f.params.beta, worst, f.summary.seconds);
    // The runs differ in schedule and peak LR at equal N and D (cosine vs WSD, with and without cooldown),
    // which L(N, D) does not model; the law still has to describe every final loss within a few percent.
    QVERIFY(worst < 0.05);
    QVERIFY(f.params.alpha > 0.0 && f.params.beta > 0.0);
    QVERIFY(f.params.E < 3.0);
}

QTEST_GUILESS_MAIN(TestChinchilla)
#include "tst_chinchilla.moc"
