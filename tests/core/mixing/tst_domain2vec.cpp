// Tests of Domain2Vec (arXiv 2506.10952): the exact DA² solve, the paper's Dirichlet search, the plug-in
// form, and the continued-pretraining mixing heuristic (core/mixing/domain2vec.h).
#include "core/mixing/domain2vec.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace losscast::core;
using namespace losscast::core::mixing;

namespace {

std::vector<double> dirichlet(std::mt19937& rng, std::size_t n, double alpha)
{
    std::gamma_distribution<double> g(alpha, 1.0);
    std::vector<double> r(n);
    double s = 0;
    for (auto& v : r)
        s += (v = g(rng));
    for (auto& v : r)
        v /= s;
    return r;
}

/// D datasets over M meta-domains, each concentrated on a few meta-domains (as classifier outputs are).
DomainVectors randomVectors(std::size_t D, std::size_t M, unsigned seed)
{
    std::mt19937 rng(seed);
    DomainVectors V;
    for (std::size_t m = 0; m < M; ++m)
        V.metaDomains.push_back("m" + std::to_string(m));
    for (std::size_t j = 0; j < D; ++j) {
        V.datasets.push_back("d" + std::to_string(j));
        V.vectors.push_back(dirichlet(rng, M, 0.1));
    }
    return V;
}

} // namespace

class TestDomain2Vec : public QObject
{
    Q_OBJECT
private slots:
    void exactRecoversReachableTarget();
    void exactAtLeastAsAlignedAsSearch_data();
    void exactAtLeastAsAlignedAsSearch();
    void pluginForm();
    void heuristic();
    void parseVectors();
};

void TestDomain2Vec::exactRecoversReachableTarget()
{
    const auto V = randomVectors(6, 40, 1);
    const std::vector<double> truth{0.3, 0.05, 0.2, 0.0, 0.25, 0.2};
    const auto target = mixVector(V, truth);
    const auto a = alignExact(V, target, {}, 1e-3);
    QVERIFY2(a.converged, a.message.c_str());
    QVERIFY(a.distance < 1e-16);
    for (std::size_t j = 0; j < truth.size(); ++j)
        QVERIFY2(std::abs(a.mixture[j] - truth[j]) < 1e-6, qPrintable(QString::number(a.mixture[j])));
}

void TestDomain2Vec::exactAtLeastAsAlignedAsSearch_data()
{
    QTest::addColumn<int>("datasets");
    QTest::addColumn<int>("meta");
    QTest::addColumn<double>("cap");
    QTest::addColumn<double>("delta");
    QTest::newRow("6x40") << 6 << 40 << 1.0 << 1.0;
    QTest::newRow("17x260-capped") << 17 << 260 << 0.25 << 1.0;
    QTest::newRow("17x260-small-delta") << 17 << 260 << 1.0 << 1e-3;
}

void TestDomain2Vec::exactAtLeastAsAlignedAsSearch()
{
    QFETCH(int, datasets);
    QFETCH(int, meta);
    QFETCH(double, cap);
    QFETCH(double, delta);
    const auto V = randomVectors(datasets, meta, 7);
    std::mt19937 rng(3);
    const auto target = dirichlet(rng, meta, 0.3); // not reachable exactly by any mixture
    const std::vector<double> caps(datasets, cap);
    const auto exact = alignExact(V, target, caps, delta);
    QVERIFY2(exact.converged, exact.message.c_str());
    for (double r : exact.mixture)
        QVERIFY(r >= 0.0 && r <= cap + 1e-12);
    const auto search = alignDirichlet(V, target, caps, delta, 100000, 100, 1.0, 5);
    QVERIFY2(search.converged, search.message.c_str());
    QVERIFY2(exact.distance <= search.distance,
             qPrintable(QString("exact %1 vs search %2").arg(exact.distance).arg(search.distance)));
}

void TestDomain2Vec::pluginForm()
{
    // Experiments over 4 datasets whose losses follow a mixing law over 3 meta-domains of V·r.
    DomainVectors V;
    V.datasets = {"a", "b", "c", "d"};
    V.metaDomains = {"web", "code", "math"};
    V.vectors = {{0.8, 0.1, 0.1}, {0.1, 0.8, 0.1}, {0.2, 0.2, 0.6}, {0.5, 0.4, 0.1}};
    const double t[2][3] = {{-1.0, 0.4, 0.6}, {0.5, -1.5, 1.0}};
    Experiments e;
    e.domains = {"d", "c", "b", "a"}; // a different order than V's datasets
    e.targets = {"web_loss", "code_loss"};
    std::mt19937 rng(2);
    auto truthAt = [&](const std::vector<double>& rByV) {
        const auto x = mixVector(V, rByV);
        std::vector<double> y;
        for (int i = 0; i < 2; ++i) {
            double z = 0;
            for (int m = 0; m < 3; ++m)
                z += t[i][m] * x[m];
            y.push_back(1.5 + std::exp(z));
        }
        return y;
    };
    for (int n = 0; n < 60; ++n) {
        const auto r = dirichlet(rng, 4, 0.8); // in e's order d, c, b, a
        const std::vector<double> rByV{r[3], r[2], r[1], r[0]};
        e.mixtures.push_back(r);
        e.losses.push_back(truthAt(rByV));
    }
    const auto meta = toMetaSpace(e, V);
    QVERIFY2(meta.ok(), meta.errorText().c_str());
    QCOMPARE(meta->domains, V.metaDomains);
    const auto fit = fitMixingLaw(*meta);
    QVERIFY(fit.usable());
    const std::vector<double> probe{0.1, 0.2, 0.3, 0.4};
    const auto y = truthAt(probe);
    QVERIFY(std::abs(pluginLoss(fit, V, probe) - 0.5 * (y[0] + y[1])) < 1e-6);
    const auto opt = optimizePlugin(fit, V);
    QVERIFY2(opt.converged, opt.message.c_str());
    for (int s = 0; s < 5000; ++s)
        QVERIFY(opt.distance <= pluginLoss(fit, V, dirichlet(rng, 4, 1.0)) + 1e-12);
    Experiments missing = e;
    missing.domains[0] = "zzz";
    QVERIFY(!toMetaSpace(missing, V).ok());
}

void TestDomain2Vec::heuristic()
{
    const std::vector<double> best{8e9, 40e9};
    const auto r = mixtureFromBestTokens(best);
    QVERIFY(std::abs(r[0] - 1.0 / 6.0) < 1e-15);
    QVERIFY(std::abs(r[1] - 5.0 / 6.0) < 1e-15);
    QCOMPARE(std::round(r[0] * 100), 17.0); // the blog rounds 16.7 % down to "16 %"
}

void TestDomain2Vec::parseVectors()
{
    const auto V = parseDomainVectors("dataset,web,code\nA,0.9,0.1\nB,2,2\n", "v.csv");
    QVERIFY2(V.ok(), V.errorText().c_str());
    QCOMPARE(V->datasets, (std::vector<std::string>{"A", "B"}));
    QCOMPARE(V->vectors[1][0], 0.5);
    QCOMPARE(V.diagnostics.size(), std::size_t(1)); // B normalised with a warning
    const auto target = parseTargetVector("name,code,web\nvalid,0.3,0.7\n", "t.csv", V->metaDomains);
    QVERIFY2(target.ok(), target.errorText().c_str());
    QCOMPARE((*target)[0], 0.7);
    const auto bad = parseDomainVectors("dataset,web,code\nA,0.9,-0.1\n", "v.csv");
    QVERIFY(!bad.ok());
    QVERIFY2(bad.errorText().find("v.csv:2: code: error") == 0, bad.errorText().c_str());
    const auto unknown = parseTargetVector("name,math\nvalid,1\n", "t.csv", V->metaDomains);
    QVERIFY(!unknown.ok());
    QVERIFY(unknown.errorText().find("math") != std::string::npos);
}

QTEST_GUILESS_MAIN(TestDomain2Vec)
#include "tst_domain2vec.moc"
