// Tests of AutoScale (Kang et al. 2024, arXiv 2407.20177): per-domain (x + a)^(−b) + c fits, DDO at one
// scale, and the extrapolation N(3)* = N(2)* ⊙ (N(2)*/N(1)*) (core/mixing/autoscale.h).
#include "core/mixing/autoscale.h"
#include "core/mixing/table.h"
#include "core/util/textfile.h"

#include <QtTest>

#include <cmath>
#include <filesystem>

using namespace losscast::core;
using namespace losscast::core::mixing;

namespace {

std::string sharedDir()
{
    return qEnvironmentVariable("LOSSCAST_SHARED_DIR", LOSSCAST_SHARED_DIR).toStdString();
}

double rel(double a, double b)
{
    return std::abs(a - b) / std::abs(b);
}

} // namespace

class TestAutoScale : public QObject
{
    Q_OBJECT
private slots:
    void recoversSyntheticCurve_data();
    void recoversSyntheticCurve();
    void ddoIsOptimal();
    void perturbationQuirks();
    void atTotalMeetsTotal();
    void publishedFits();
    void publishedExtrapolation();
};

void TestAutoScale::recoversSyntheticCurve_data()
{
    QTest::addColumn<double>("a");
    QTest::addColumn<double>("b");
    QTest::addColumn<double>("c");
    QTest::newRow("cc-like") << 2.67 << 1.25 << 0.80;
    QTest::newRow("steep") << 1.5 << 2.5 << 0.9;
}

void TestAutoScale::recoversSyntheticCurve()
{
    QFETCH(double, a);
    QFETCH(double, b);
    QFETCH(double, c);
    std::vector<double> x{0.2, 0.5, 1.0, 2.0, 3.0}, y;
    for (double v : x)
        y.push_back(autoscaleCurve(v, a, b, c));
    const auto f = fitAutoScaleDomain("d", x, y);
    QVERIFY2(f.summary.isUsable(), f.summary.message.c_str());
    QVERIFY2(rel(f.a, a) < 1e-4 && rel(f.b, b) < 1e-4 && rel(f.c, c) < 1e-4,
             qPrintable(QString("%1 %2 %3").arg(f.a).arg(f.b).arg(f.c)));
}

void TestAutoScale::ddoIsOptimal()
{
    std::vector<AutoScaleDomainFit> fits(3);
    const double params[3][3] = {{2.0, 1.2, 0.8}, {3.0, 2.0, 0.9}, {1.0, 0.8, 0.7}};
    for (int j = 0; j < 3; ++j) {
        fits[j].a = params[j][0];
        fits[j].b = params[j][1];
        fits[j].c = params[j][2];
    }
    const auto r = optimizeDdo(fits, 3e9, 0.2, 3.0);
    QVERIFY2(r.converged, r.message.c_str());
    double sx = 0, st = 0;
    for (std::size_t j = 0; j < 3; ++j) {
        sx += r.multipliers[j];
        st += r.tokens[j];
    }
    QVERIFY(std::abs(sx - 3.0) < 1e-9);
    QVERIFY(std::abs(st - 3e9) < 1);
    // No point of a fine grid on {Σx = 3, 0.2 ≤ x ≤ 3} does better.
    double best = 1e300;
    for (double x0 = 0.2; x0 <= 2.6; x0 += 0.002)
        for (double x1 = 0.2; x1 <= 2.6; x1 += 0.002) {
            const double x2 = 3.0 - x0 - x1;
            if (x2 < 0.2 || x2 > 3.0)
                continue;
            double v = 0;
            const double xs[3] = {x0, x1, x2};
            for (int j = 0; j < 3; ++j)
                v += autoscaleCurve(xs[j], params[j][0], params[j][1], params[j][2]);
            best = std::min(best, v);
        }
    QVERIFY2(r.predicted <= best + 1e-12, qPrintable(QString("%1 vs %2").arg(r.predicted).arg(best)));
}

void TestAutoScale::perturbationQuirks()
{
    // The repository's table writes notes after the multiplier; the base row is "none(...)".
    const std::string text = "row,perturbed_domain,data_multiplier_as_used,val_ppl_a,val_ppl_b\n"
                             "0,none(uniform base),1,10,20\n"
                             "1,a,0.2 (reduced; plot label says 1/3x),12,20\n"
                             "2,a,3,9,20\n";
    const auto p = parsePerturbations(text, "p.csv");
    QVERIFY2(p.ok(), p.errorText().c_str());
    QCOMPARE(p->base, 15.0); // mean of the val_ppl columns
    QCOMPARE(p->runs[0][0].first, 0.2);
    QCOMPARE(p->runs[0][0].second, 16.0);
    const auto bad =
        parsePerturbations("perturbed_domain,multiplier,ppl\nnone,1,3\na,zero,3\na,3,2\n", "q.csv");
    QVERIFY(!bad.ok());
    QVERIFY2(bad.errorText().find("q.csv:3: multiplier: error: expected a multiplier > 0, got 'zero'") == 0,
             bad.errorText().c_str());
    const auto noBase = parsePerturbations("domain,multiplier,ppl\na,0.2,3\na,3,2\n", "n.csv");
    QVERIFY(!noBase.ok());
    QVERIFY(noBase.errorText().find("no base run") != std::string::npos);
}

void TestAutoScale::atTotalMeetsTotal()
{
    const std::vector<double> n1{1, 2, 3}, n2{3, 3, 4};
    for (double total : {5.0, 12.0, 40.0, 1e4}) {
        const auto s = autoscaleAtTotal(n1, n2, total);
        QVERIFY2(s.ok(), s.errorText().c_str());
        QVERIFY(rel(s->total, total) < 1e-12);
    }
    const auto s1 = autoscaleAtTotal(n1, n2, 10.0 * 10.0 / 6.0 + 0.0);
    QVERIFY(s1.ok());
    // At the requested total of the paper's N(3)*, the step is exactly s = 1.
    const auto n3 = autoscaleStep(n1, n2, 1.0);
    const auto at = autoscaleAtTotal(n1, n2, n3[0] + n3[1] + n3[2]);
    for (int j = 0; j < 3; ++j)
        QVERIFY(rel(at->tokens[j], n3[j]) < 1e-9);
}

void TestAutoScale::publishedFits()
{
    const std::string dir = sharedDir() + "/data/mixing/autoscale/";
    if (!std::filesystem::exists(dir + "ddo_gpt2large_1.2B_perturbation_ppl.csv"))
        QSKIP("../shared/data/mixing/autoscale not present");
    const auto text = readTextFile(dir + "ddo_gpt2large_1.2B_perturbation_ppl.csv");
    const auto p = parsePerturbations(*text, "perturbation.csv");
    QVERIFY2(p.ok(), p.errorText().c_str());
    QCOMPARE(p->domains.size(), std::size_t(7));
    const auto fits = fitPerturbations(*p);
    const auto pub = parseTable(*readTextFile(dir + "ddo_fitted_powerlaw_params.csv"), "params.csv");
    QVERIFY(pub.ok());
    for (const auto& row : pub->rows) {
        const auto it =
            std::find_if(fits.begin(), fits.end(), [&](const auto& f) { return f.domain == row[0]; });
        QVERIFY(it != fits.end());
        double a = 0, b = 0, c = 0;
        if (row[0] == "arxiv") { // a and c are truncated in the notebook; b is printed as 1.92667100055...
            QVERIFY2(std::abs(it->b - 1.92667100055) < 1e-6, qPrintable(QString::number(it->b, 'g', 12)));
            continue;
        }
        QVERIFY(parseNumber(row[1], a) && parseNumber(row[2], b) && parseNumber(row[3], c));
        qInfo("%-14s a %.6f (pub %.6f)  b %.6f (pub %.6f)  c %.6f (pub %.6f)", row[0].c_str(), it->a, a,
              it->b, b, it->c, c);
        QVERIFY2(rel(it->a, a) < 1e-4 && rel(it->b, b) < 1e-4 && rel(it->c, c) < 1e-4, row[0].c_str());
    }
    // DDO at 1.2B with the recovered fits, against the notebook's optimum (printed, not asserted: the
    // notebook's optimiser settings are not recorded).
    const auto ddo = optimizeDdo(fits, 1.2, 0.2, 3.0);
    QVERIFY(ddo.converged);
    const auto opt = parseOptima(*readTextFile(dir + "autoscale_optimal_domain_tokens_B.csv"), "optima.csv");
    QVERIFY(opt.ok());
    for (std::size_t j = 0; j < 7; ++j)
        qInfo("DDO@1.2B %-14s ours %.5f B  notebook %.5f B", opt->domains[j].c_str(), ddo.tokens[j],
              opt->rows[2].tokens[j]);
}

void TestAutoScale::publishedExtrapolation()
{
    const std::string path = sharedDir() + "/data/mixing/autoscale/autoscale_optimal_domain_tokens_B.csv";
    if (!std::filesystem::exists(path))
        QSKIP("../shared/data/mixing/autoscale not present");
    const auto opt = parseOptima(*readTextFile(path), "optima.csv");
    QVERIFY2(opt.ok(), opt.errorText().c_str());
    auto row = [&](const std::string& prefix) -> const ScaleOptimum& {
        for (const auto& r : opt->rows)
            if (r.label.rfind(prefix, 0) == 0)
                return r;
        qFatal("row %s missing", prefix.c_str());
    };
    const auto& n1 = row("DDO_opt@0.3B").tokens;
    const auto& n2 = row("DDO_opt@1.2B").tokens;
    double worst = 0.0;
    for (const char* label : {"AutoScale_pred_step1", "AutoScale_pred_step2", "AutoScale_pred_step3",
                              "AutoScale_pred_step4", "AutoScale_pred@~0.6B"}) {
        const auto& want = row(label);
        const auto got = autoscaleAtTotal(n1, n2, want.total);
        QVERIFY2(got.ok(), got.errorText().c_str());
        for (std::size_t j = 0; j < want.tokens.size(); ++j) {
            worst = std::max(worst, rel(got->tokens[j], want.tokens[j]));
            QVERIFY2(rel(got->tokens[j], want.tokens[j]) < 0.01, label);
        }
    }
    qInfo("AutoScale extrapolation from 0.3B and 1.2B: worst relative error %.3g over 5 rows x 7 domains",
          worst);
}

QTEST_GUILESS_MAIN(TestAutoScale)
#include "tst_autoscale.moc"
