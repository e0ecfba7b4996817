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
    void ddoMatchesNotebook();
    void detectsFileKind_data();
    void detectsFileKind();
    void defaultBasesWidest();
    void optimaErrorNamesLineAndColumn();
    void optimaUnitFromTotalHeader_data();
    void optimaUnitFromTotalHeader();
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
    QVERIFY2(bad.errorText().find(
                 "q.csv:3: column 2 (multiplier): error: expected a multiplier > 0, got 'zero'") == 0,
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
    // DDO at 1.2B with the recovered fits, against the optima file's 1.2B row (printed, not asserted: that
    // row pins arXiv too and comes from other fits; ddoMatchesNotebook checks the DDO notebook's own output).
    const auto ddo = optimizeDdo(fits, 1.2, 0.2, 3.0);
    QVERIFY(ddo.converged);
    const auto opt = parseOptima(*readTextFile(dir + "autoscale_optimal_domain_tokens_B.csv"), "optima.csv");
    QVERIFY(opt.ok());
    for (std::size_t j = 0; j < 7; ++j)
        qInfo("DDO@1.2B %-14s ours %.5f B  optima file %.5f B (see ddoMatchesNotebook)",
              opt->domains[j].c_str(), ddo.tokens[j], opt->rows[2].tokens[j]);
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

void TestAutoScale::ddoMatchesNotebook()
{
    const std::string dir = sharedDir() + "/data/mixing/autoscale/";
    if (!std::filesystem::exists(dir + "ddo_gpt2large_1.2B_perturbation_ppl.csv"))
        QSKIP("../shared/data/mixing/autoscale not present");
    const auto p =
        parsePerturbations(*readTextFile(dir + "ddo_gpt2large_1.2B_perturbation_ppl.csv"), "p.csv");
    QVERIFY2(p.ok(), p.errorText().c_str());
    const auto fits = fitPerturbations(*p);
    // The repository's DDO loop output (algorithms/DDO_example.ipynb, the `nvec` cell after 10 000
    // iterations; GitHub left out at 0.2): common_crawl, books, wiki, c4, stackexchange, arxiv.
    const std::vector<std::pair<std::string, double>> notebook{
        {"common_crawl", 1.62475352},  {"books", 1.27415166}, {"wiki", 1.17979573}, {"c4", 1.8518998},
        {"stackexchange", 0.63716376}, {"arxiv", 0.23223551}};
    const auto ddo = optimizeDdo(fits, 1.2, 0.2, 3.0);
    QVERIFY(ddo.converged);
    auto index = [&](const std::string& d) {
        return static_cast<std::size_t>(std::find(p->domains.begin(), p->domains.end(), d) -
                                        p->domains.begin());
    };
    QVERIFY(std::abs(ddo.multipliers[index("github")] - 0.2) < 1e-9);
    for (const auto& [d, want] : notebook)
        QVERIFY2(
            std::abs(ddo.multipliers[index(d)] - want) < 1e-6,
            qPrintable(
                QString("%1: %2 vs %3").arg(d.c_str()).arg(ddo.multipliers[index(d)], 0, 'g', 9).arg(want)));
    // The optima file's 1.2B row pins arXiv at 0.2 too. Pinning both here shows how far the remaining
    // difference goes (printed: it comes from fits the repository does not contain).
    std::vector<double> fixed(p->domains.size(), std::nan(""));
    fixed[index("github")] = fixed[index("arxiv")] = 0.2;
    const auto pinned = optimizeDdo(fits, 1.2, 0.2, 3.0, fixed);
    QVERIFY(pinned.converged);
    QVERIFY(std::abs(pinned.multipliers[index("arxiv")] - 0.2) < 1e-12);
    const auto opt = parseOptima(*readTextFile(dir + "autoscale_optimal_domain_tokens_B.csv"), "optima.csv");
    QVERIFY(opt.ok());
    for (std::size_t j = 0; j < opt->domains.size(); ++j) {
        const std::size_t k = index(opt->domains[j]);
        const double row = opt->rows[2].tokens[j] / 1.2 * 7.0; // the 1.2B row as multipliers of uniform
        qInfo("DDO@1.2B %-14s free %.5f (%+5.1f %%)  GitHub+arXiv pinned %.5f (%+5.1f %%)  file row %.5f",
              opt->domains[j].c_str(), ddo.multipliers[k], 100.0 * (ddo.multipliers[k] / row - 1.0),
              pinned.multipliers[k], 100.0 * (pinned.multipliers[k] / row - 1.0), row);
    }
}

void TestAutoScale::detectsFileKind_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::newRow("optima") << "source,total_tokens_B,web,code\nopt@1B,1,0.6,0.4\n"
                            << int(AutoScaleFileKind::Optima);
    QTest::newRow("optima-comment") << "# note\nlabel,total,web,code\na,1,0.6,0.4\n"
                                    << int(AutoScaleFileKind::Optima);
    QTest::newRow("perturbations") << "row,perturbed_domain,data_multiplier,val_ppl_avg\n0,none,1,20\n"
                                   << int(AutoScaleFileKind::Perturbations);
    QTest::newRow("training-log") << "step,lr,loss,total_tokens\n1,0.1,3.2,100\n"
                                  << int(AutoScaleFileKind::None);
    QTest::newRow("log-with-name") << "name,step,total_tokens\nrun,1,100\n" << int(AutoScaleFileKind::None);
    QTest::newRow("experiments") << "run,train_web,train_code,web_loss\n0,0.5,0.5,3\n"
                                 << int(AutoScaleFileKind::None);
    QTest::newRow("empty") << "" << int(AutoScaleFileKind::None);
    // The head of a wide file, cut inside its first data row: the header decides.
    QTest::newRow("optima-cut-row") << "label,total,web,code\na,1,0.6" << int(AutoScaleFileKind::Optima);
}

void TestAutoScale::detectsFileKind()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    QCOMPARE(int(detectAutoScaleFile(text.toStdString())), kind);
}

void TestAutoScale::defaultBasesWidest()
{
    // Prediction rows are skipped; of the rest the smallest and largest totals are the baseline.
    const auto t = parseOptima("source,total,a,b\n"
                               "DDO@0.3,0.3,0.2,0.1\n"
                               "DDO@0.6,0.6,0.4,0.2\n"
                               "DDO@1.2,1.2,0.8,0.4\n"
                               "pred_step1,5,3,2\n",
                               "o.csv");
    QVERIFY2(t.ok(), t.errorText().c_str());
    QCOMPARE(defaultAutoScaleBases(*t), (std::pair<std::size_t, std::size_t>(0, 2)));
    const auto two = parseOptima("source,total,a,b\npred1,1,0.5,0.5\npred2,2,1,1\n", "o.csv");
    QVERIFY(two.ok());
    QCOMPARE(defaultAutoScaleBases(*two), (std::pair<std::size_t, std::size_t>(0, 1)));
}

void TestAutoScale::optimaErrorNamesLineAndColumn()
{
    const auto t =
        parseOptima("# comment\nsource,total,web,code\nopt@1,1,0.5,0.5\nopt@2,2,1.2,oops\n", "bad.csv");
    QVERIFY(!t.ok());
    const std::string e = t.errorText();
    QVERIFY2(e.find("bad.csv:4") != std::string::npos && e.find("column 4 (code)") != std::string::npos &&
                 e.find("oops") != std::string::npos,
             e.c_str());
}

void TestAutoScale::optimaUnitFromTotalHeader_data()
{
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("unit");
    QTest::newRow("suffix") << "total_tokens_B"
                            << "B";
    QTest::newRow("parentheses") << "total tokens (M)"
                                 << "M";
    QTest::newRow("none") << "total"
                          << "";
    QTest::newRow("not-a-unit") << "total_tokens"
                                << "";
}

void TestAutoScale::optimaUnitFromTotalHeader()
{
    QFETCH(QString, header);
    QFETCH(QString, unit);
    const auto t = parseOptima("source," + header.toStdString() + ",a,b\nx,1,0.5,0.5\n", "o.csv");
    QVERIFY2(t.ok(), t.errorText().c_str());
    QCOMPARE(QString::fromStdString(t->unit), unit);
}

QTEST_GUILESS_MAIN(TestAutoScale)
#include "tst_autoscale.moc"
