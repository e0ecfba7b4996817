// Tests of the CPT law (Wang, Tissue, Wang, Li, Zeng, ICML 2025, arXiv 2505.07796, Eq. 4, 7, 8): per-phase
// areas, analytic Jacobians, limits (full replay, zero CPT LR), parameter recovery from curves made with the
// paper's fitted values plus noise, the CSV reader and a fit of the bundled real cpt_tiny curves.
#include "core/cpt/cptcsv.h"
#include "core/cpt/cptfit.h"
#include "core/cpt/cptjson.h"
#include "core/cpt/cptoptimize.h"
#include "core/cpt/cptscenario.h"
#include "core/laws/mtl.h"

#include <QtTest>

#include <cmath>
#include <cstdio>
#include <random>

using namespace losscast::core;
using namespace losscast::core::cpt;

namespace {

// Fitted values printed in the paper (arXiv 2505.07796v2), transcribed in ../shared/data/mixing/cpt_wang2025:
// Fig. 3, 106M, FineWeb → Knowledge-Pile, joint WSD + cosine fit, replay 0 %.
const std::map<std::string, double> kFig3General = {{"L0", 3.057}, {"A", 0.490}, {"alpha", 0.497},
                                                    {"B", 0.366},  {"E", 28.0},  {"beta", 0.189},
                                                    {"C1", 0.299}, {"C2", 0.298}};
const std::map<std::string, double> kFig3Domain = {{"L0", 3.024}, {"A", 0.412},  {"alpha", 0.677},
                                                   {"B", -0.666}, {"E", 5662.0}, {"beta", 0.146},
                                                   {"C1", 0.278}, {"C2", 0.324}};
// Fig. 19 (Eq. 8, general set, joint fit over replay 0/33/50/67/100 %): L0 3.067, A 0.480, α 0.510, C1 0.280,
// C2 0.263, a1 0.055, B 0.276, E 99.35, a2 3.238. β is not legible in the transcription: 0.189 (Fig. 3) is
// used. Our B is normalised to the shift at r_pt = 0: B = 0.276·(1 − e^(−3.238)) = 0.2653 (cptlaw.h).
const std::map<std::string, double> kFig19General = {
    {"L0", 3.067},   {"A", 0.480},  {"alpha", 0.510}, {"B", 0.2653}, {"E", 99.35},
    {"beta", 0.189}, {"C1", 0.280}, {"C2", 0.263},    {"a1", 0.055}, {"a2", 3.238}};

/// The paper's setting A (106M, peak LR 2e-4): PT 20k steps then CPT 10k steps, re-warmup 500 steps from 0.
CptScenario scenario(DecayShape ptShape, double potential, DecayShape cptShape, double replay = 0.0,
                     double cptPeak = 2e-4)
{
    CptScenario s;
    s.pt = Phase{20000, 500, 0.0, 2e-4, ptShape, potential, 0.2};
    s.cpt = Phase{10000, 500, 0.0, cptPeak, cptShape, 0.1, 0.2};
    s.replay = replay;
    return s;
}

/// A run made from `truthGeneral` / `truthDomain` on a scenario, sampled every 200 steps, with relative
/// noise.
CptRun synthetic(const std::string& name, const CptScenario& s, const CptFit& g, const CptFit& d,
                 double noise, unsigned seed)
{
    CptRun r;
    r.name = name;
    r.schedule = s.schedule();
    r.switchStep = s.switchStep();
    r.replay = s.replay;
    for (std::int64_t t = 1000; t <= s.totalSteps(); t += 200)
        r.steps.push_back(t);
    r.general = predictRun(g, r);
    r.domain = predictRun(d, r);
    std::mt19937 rng(seed);
    std::normal_distribution<double> gauss(0.0, 1.0);
    for (auto* v : {&r.general, &r.domain})
        for (double& y : *v)
            y *= 1.0 + noise * gauss(rng);
    return r;
}

double maxRelDiff(const std::vector<double>& a, const std::vector<double>& b)
{
    double m = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i)
        m = std::max(m, std::abs(a[i] - b[i]) / std::abs(b[i]));
    return m;
}

} // namespace

class TestCpt : public QObject
{
    Q_OBJECT
private slots:
    void phaseAreasSplitAtTheSwitch();
    void jacobian_data();
    void jacobian();
    void fullReplayHasNoShift();
    void zeroCptLrChangesNothing();
    void recovery_data();
    void recovery();
    void recoveryReplay();
    void recoveryReplayConvexAndCptShare_data();
    void recoveryReplayConvexAndCptShare();
    void replayValidationCptTiny();
    void openSourceRecovery();
    void modelSizeRecovery();
    void derivedQuantities();
    void oodLinearCombination();
    void csvReader();
    void csvErrors_data();
    void csvErrors();
    void realCptTiny();
    void optimiseTradeOff();
    void optimiseLimitsAndCancel();
    void fitFileRoundTrip();
};

void TestCpt::phaseAreasSplitAtTheSwitch()
{
    // PT: 1, 1, 0.5 (anneal); CPT: re-warmup 0.2, 1 (negative annealing). Switch after step 3.
    ScheduleInput s;
    s.lr = {1.0, 1.0, 1.0, 0.5, 0.2, 1.0};
    const double lambda = 0.5;
    const std::vector<std::int64_t> steps = {2, 4, 5};
    const CptFeatures f = phaseAreas(s, 3, steps, lambda, false);
    // Momentum by hand: m1 = 0, m2 = 0, m3 = 0.5, m4 = 0.25 + 0.3 = 0.55, m5 = 0.275 − 0.8 = −0.525.
    QCOMPARE(f.s1pt[0], 2.0);
    QCOMPARE(f.s2pt[0], 0.0);
    QCOMPARE(f.s1cpt[0], 0.0);
    QCOMPARE(f.s2cpt[0], 0.0);
    for (int k : {1, 2}) {
        QCOMPARE(f.s1pt[k], 2.5);
        QCOMPARE(f.s2pt[k], 0.5);
    }
    QVERIFY(std::abs(f.s1cpt[1] - 0.2) < 1e-15);
    QVERIFY(std::abs(f.s2cpt[1] - 0.55) < 1e-15);
    QVERIFY(std::abs(f.s1cpt[2] - 1.2) < 1e-15);
    QVERIFY(std::abs(f.s2cpt[2] - (0.55 - 0.525)) < 1e-15);
    // The same numbers as MTL's areas over the concatenated schedule (the CPT law reuses them).
    const auto a = MtlLaw::areas(s, std::vector<std::int64_t>{3, 5}, lambda, false);
    QVERIFY(std::abs(f.s1pt[2] + f.s1cpt[2] - a.s1[1]) < 1e-15);
    QVERIFY(std::abs(f.s2pt[2] + f.s2cpt[2] - a.s2[1]) < 1e-15);
}

void TestCpt::jacobian_data()
{
    QTest::addColumn<int>("set");
    QTest::addColumn<bool>("replay");
    QTest::addColumn<bool>("modelSize");
    QTest::addColumn<bool>("openSource");
    QTest::addColumn<double>("a2");
    QTest::addColumn<bool>("cptShare");
    QTest::newRow("eq4-general") << 0 << false << false << false << 0.0 << false;
    QTest::newRow("eq4-domain") << 1 << false << false << false << 0.0 << false;
    QTest::newRow("eq8-general") << 0 << true << false << false << 3.2 << false;
    QTest::newRow("eq8-domain") << 1 << true << false << false << 5.7 << false;
    QTest::newRow("eq8-domain-negative-a2") << 1 << true << false << false << -2.0 << false;
    QTest::newRow("eq8-a2-near-zero") << 0 << true << false << false << 1e-8 << false;
    QTest::newRow("eq7-size") << 0 << false << true << false << 0.0 << false;
    QTest::newRow("eq7-eq8") << 1 << true << true << false << 1.5 << false;
    QTest::newRow("eq8-cpt-share-general") << 0 << true << false << false << -3.0 << true;
    QTest::newRow("eq8-cpt-share-domain") << 1 << true << false << false << 2.5 << true;
    QTest::newRow("cpt-share-without-replay-terms") << 1 << false << false << false << 0.0 << true;
    QTest::newRow("open-source") << 1 << false << false << true << 0.0 << false;
}

void TestCpt::jacobian()
{
    QFETCH(int, set);
    QFETCH(bool, replay);
    QFETCH(bool, modelSize);
    QFETCH(bool, openSource);
    QFETCH(double, a2);
    QFETCH(bool, cptShare);
    CptLawOptions o;
    o.set = set == 0 ? ValidationSet::General : ValidationSet::Domain;
    o.replay = replay;
    o.replayForm = cptShare ? ReplayForm::CptShare : ReplayForm::Paper;
    o.modelSize = modelSize;
    o.openSource = openSource;
    const CptLaw law(o);
    CptFit fit = makeFit(o, set == 0 ? kFig3General : kFig3Domain);
    auto setIf = [&](const char* n, double v) {
        if (const int j = law.index(n); j >= 0)
            fit.params[static_cast<std::size_t>(j)] = v;
    };
    setIf("a1", 0.3);
    setIf("a2", a2);
    setIf("gamma1", 0.2);
    setIf("gamma2", 0.1);
    setIf("F", 2.7);
    setIf("gamma3", 0.19);
    setIf("S1pt", 3.0);
    if (set == 1)
        setIf("E", 300.0);

    CptScenario s = scenario(DecayShape::Wsd, 0.0, DecayShape::Cosine, 0.4);
    std::int64_t S = s.switchStep();
    ScheduleInput sch = s.schedule();
    if (openSource) { // CPT phase only, base annealed to 0
        sch.lr.erase(sch.lr.begin(), sch.lr.begin() + S);
        S = 0;
    }
    std::vector<std::int64_t> steps;
    for (std::int64_t t = 100; t < static_cast<std::int64_t>(sch.lr.size()); t += 700)
        steps.push_back(t);
    CptFeatures f = phaseAreas(sch, S, steps, 0.999, false, 0.4, 350.0);
    const std::size_t n = f.size(), p = law.numParams();
    std::vector<double> y(n), jac(n * p), yp(n), ym(n);
    law.evaluate(f, fit.params, y, jac.data());
    for (std::size_t j = 0; j < p; ++j) {
        std::vector<double> xp = fit.params, xm = fit.params;
        const double h = 1e-6 * std::max(1.0, std::abs(fit.params[j]));
        xp[j] += h;
        xm[j] -= h;
        law.evaluate(f, xp, yp);
        law.evaluate(f, xm, ym);
        for (std::size_t i = 0; i < n; ++i) {
            const double fd = (yp[i] - ym[i]) / (2 * h);
            const double an = jac[i * p + j];
            if (std::abs(fd - an) > 1e-6 * std::max(1.0, std::abs(fd)))
                QFAIL(qPrintable(QString("d/d%1 at point %2: analytic %3, numeric %4")
                                     .arg(QString::fromStdString(law.names()[j]))
                                     .arg(i)
                                     .arg(an, 0, 'g', 10)
                                     .arg(fd, 0, 'g', 10)));
        }
    }
}

void TestCpt::fullReplayHasNoShift()
{
    // Eq. 8: with r_pt = 1 the CPT batches are all PT data, so the shift term vanishes and the law is its
    // hidden PT curve (for both sets). At r_pt = 0 the shift is the Eq. 4 shift (normalised replay factor
    // g(1) = 1).
    for (auto set : {ValidationSet::General, ValidationSet::Domain}) {
        CptLawOptions o;
        o.set = set;
        o.replay = true;
        const CptFit fit = makeFit(o, set == ValidationSet::General ? kFig19General : kFig3Domain);
        const CptScenario s = scenario(DecayShape::Wsd, 0.0, DecayShape::Cosine, 1.0);
        const auto steps = s.sampleSteps(200);
        const auto full = predictCpt(fit, s.schedule(), s.switchStep(), steps, 1.0);
        const auto hidden = predictCpt(fit, s.schedule(), s.switchStep(), steps, 1.0, 0.0, CptPart::HiddenPt);
        for (std::size_t k = 0; k < steps.size(); ++k)
            QCOMPARE(full[k], hidden[k]);
        // Some replay keeps part of the shift; none keeps it all.
        const auto shift0 = predictCpt(fit, s.schedule(), s.switchStep(), steps, 0.0, 0.0, CptPart::Shift);
        const auto shift5 = predictCpt(fit, s.schedule(), s.switchStep(), steps, 0.5, 0.0, CptPart::Shift);
        CptLawOptions o4 = o;
        o4.replay = false;
        const auto eq4 = predictCpt(makeFit(o4, set == ValidationSet::General ? kFig19General : kFig3Domain),
                                    s.schedule(), s.switchStep(), steps, 0.0, 0.0, CptPart::Shift);
        const std::size_t last = steps.size() - 1;
        QVERIFY(std::abs(shift0[last] - eq4[last]) < 1e-12);
        QVERIFY(std::abs(shift5[last]) < std::abs(shift0[last]));
        QVERIFY(std::abs(shift5[last]) > 0.0);
    }
}

void TestCpt::zeroCptLrChangesNothing()
{
    // CPT with LR 0 after a base annealed to 0: S1_cpt = 0, so there is no shift and no extra forward area.
    // The only thing left in the law is the tail of the PT's annealing momentum (S2 keeps summing m_i·λ^k),
    // which has died out when the base sat at LR 0 for a while before the switch (here 5000 steps: λ^5000 ≈
    // 0.7 %).
    for (auto set : {ValidationSet::General, ValidationSet::Domain}) {
        CptLawOptions o;
        o.set = set;
        const CptFit fit = makeFit(o, set == ValidationSet::General ? kFig3General : kFig3Domain);
        const Phase pt{15000, 500, 0.0, 2e-4, DecayShape::Linear, 0.0, 0.2};
        ScheduleInput sch;
        sch.warmupSteps = 500;
        sch.lr.push_back(0.0);
        for (std::int64_t i = 1; i <= 15000; ++i)
            sch.lr.push_back(pt.lrAt(i));
        sch.lr.resize(30001, 0.0); // PT at LR 0 up to the switch at 20000, CPT at LR 0 for 10000 steps
        std::vector<std::int64_t> steps;
        for (std::int64_t t = 20000; t <= 30000; t += 250)
            steps.push_back(t);
        const auto full = predictCpt(fit, sch, 20000, steps);
        const auto hidden = predictCpt(fit, sch, 20000, steps, 0.0, 0.0, CptPart::HiddenPt);
        for (std::size_t k = 0; k < steps.size(); ++k) {
            QCOMPARE(full[k], hidden[k]); // no shift at any step
            QVERIFY2(std::abs(full[k] - full[0]) < 1e-4, qPrintable(QString::number(full[k] - full[0])));
        }
        // The same base with a real CPT (peak 2e-4, cosine) moves the loss by far more.
        const Phase cpt{10000, 500, 0.0, 2e-4, DecayShape::Cosine, 0.1, 0.2};
        ScheduleInput moved = sch;
        for (std::int64_t i = 1; i <= 10000; ++i)
            moved.lr[static_cast<std::size_t>(20000 + i)] = cpt.lrAt(i);
        const auto m = predictCpt(fit, moved, 20000, steps);
        QVERIFY(std::abs(m.back() - m.front()) > 0.05);
    }
}

void TestCpt::recovery_data()
{
    QTest::addColumn<int>("set");
    QTest::newRow("fig3-general") << 0;
    QTest::newRow("fig3-domain") << 1;
}

void TestCpt::recovery()
{
    QFETCH(int, set);
    const ValidationSet vs = set == 0 ? ValidationSet::General : ValidationSet::Domain;
    CptLawOptions o;
    const CptFit g = makeFit(o, kFig3General);
    o.set = ValidationSet::Domain;
    const CptFit d = makeFit(o, kFig3Domain);
    const CptFit& truth = set == 0 ? g : d;
    // Three training runs: different bases (loss potential 0 %, 100 %, 30 %) and CPT schedules, 0.2 % noise.
    std::vector<CptRun> runs = {
        synthetic("wsd0-cos", scenario(DecayShape::Wsd, 0.0, DecayShape::Cosine), g, d, 0.002, 1),
        synthetic("const-cos", scenario(DecayShape::Constant, 1.0, DecayShape::Cosine), g, d, 0.002, 2),
        synthetic("cos30-wsd", scenario(DecayShape::Cosine, 0.3, DecayShape::Wsd), g, d, 0.002, 3),
    };
    const auto r = fitCpt(runs, vs);
    QVERIFY2(r.ok(), r.errorText().c_str());
    const CptFit& fit = *r;
    QVERIFY2(fit.summary.isUsable(), fit.summary.briefReport().c_str());
    std::printf("cpt recovery %s: %.3f s, %s\n", toString(vs).c_str(), fit.summary.seconds,
                fit.summary.briefReport().c_str());
    for (std::size_t j = 0; j < fit.names.size(); ++j) {
        const double t = truth.params[j], e = fit.params[j], se = fit.stderrs[j];
        std::printf("  %-6s true %9.4f  fitted %9.4f  ± %.4f\n", fit.names[j].c_str(), t, e, se);
        // The well-determined parameters within 5 %; E and β trade off along a ridge (the paper's own fits
        // hit bounds there, Fig. 16), so they are checked through the curves below.
        if (fit.names[j] != "E" && fit.names[j] != "beta")
            QVERIFY2(std::abs(e - t) <= std::max(0.05 * std::abs(t), 4.0 * se),
                     qPrintable(QString::fromStdString(fit.names[j]) + " " + QString::number(e)));
    }
    // Curves of a held-out scenario (linear PT to 10 %, linear CPT to 0, 50 % longer CPT: an extrapolation)
    // within 0.6 % (measured: general 0.17 %, domain 0.47 %).
    CptScenario held = scenario(DecayShape::Linear, 0.1, DecayShape::Linear);
    held.cpt.steps = 15000;
    held.cpt.finalFraction = 0.0;
    auto steps = held.sampleSteps(300);
    std::erase_if(steps, [](std::int64_t t) { return t < 1000; }); // the training runs start at step 1000
    const auto want = predictCpt(truth, held.schedule(), held.switchStep(), steps);
    const auto got = predictCpt(fit, held.schedule(), held.switchStep(), steps);
    const double err = maxRelDiff(got, want);
    std::printf("  held-out max relative error %.5f\n", err);
    QVERIFY2(err < 6e-3, qPrintable(QString::number(err)));
}

void TestCpt::recoveryReplay()
{
    // Eq. 8 (general, Fig. 19 values): runs at replay 0, 33, 50 and 67 % recover the replay terms.
    CptLawOptions o;
    o.replay = true;
    const CptFit g = makeFit(o, kFig19General);
    CptLawOptions od;
    od.set = ValidationSet::Domain;
    const CptFit d = makeFit(od, kFig3Domain);
    std::vector<CptRun> runs;
    unsigned seed = 10;
    for (double r : {0.0, 0.33, 0.5, 0.67})
        runs.push_back(synthetic("r" + std::to_string(r),
                                 scenario(DecayShape::Wsd, 0.0, DecayShape::Cosine, r), g, d, 0.002, seed++));
    runs.push_back(
        synthetic("const", scenario(DecayShape::Constant, 1.0, DecayShape::Cosine, 0.5), g, d, 0.002, 99));
    const auto r = fitCpt(runs, ValidationSet::General);
    QVERIFY2(r.ok(), r.errorText().c_str());
    QVERIFY2(r->summary.isUsable(), r->summary.briefReport().c_str());
    QVERIFY(r->law.replay);
    QCOMPARE(r->replayMin, 0.0); // the fit remembers the replay ratios it saw
    QCOMPARE(r->replayMax, 0.67);
    std::printf("cpt replay recovery: %.3f s\n", r->summary.seconds);
    for (std::size_t j = 0; j < r->names.size(); ++j)
        std::printf("  %-6s true %9.4f  fitted %9.4f  ± %.4f\n", r->names[j].c_str(), g.params[j],
                    r->params[j], r->stderrs[j]);
    // Predict an unseen replay ratio (25 %) and an unseen schedule.
    CptScenario held = scenario(DecayShape::Cosine, 0.2, DecayShape::Wsd, 0.25);
    auto steps = held.sampleSteps(300);
    std::erase_if(steps, [](std::int64_t t) { return t < 1000; });
    const auto want = predictCpt(g, held.schedule(), held.switchStep(), steps, 0.25);
    const auto got = predictCpt(*r, held.schedule(), held.switchStep(), steps, 0.25);
    const double err = maxRelDiff(got, want);
    std::printf("  held-out (replay 25 %%) max relative error %.5f\n", err);
    QVERIFY2(err < 3e-3, qPrintable(QString::number(err)));
    QVERIFY(std::abs(r->param("a2") - 3.238) < 1.0);
}

void TestCpt::recoveryReplayConvexAndCptShare_data()
{
    QTest::addColumn<bool>("cptShare");
    QTest::newRow("paper-form") << false;
    QTest::newRow("cpt-share-form") << true;
}

// The cpt_tiny situation: two replay ratios (0 and 50 %) and two bases, and a general loss that keeps only a
// small part of its shift under replay (a2 < 0: the convex side, which the law must be allowed to reach).
// Both replay forms recover their own truth and predict the unseen 10 % and 25 % ratios.
void TestCpt::recoveryReplayConvexAndCptShare()
{
    QFETCH(bool, cptShare);
    CptLawOptions o;
    o.replay = true;
    o.replayForm = cptShare ? ReplayForm::CptShare : ReplayForm::Paper;
    auto gv = kFig19General;
    gv["a2"] = -3.0;
    const CptFit g = makeFit(o, gv);
    o.set = ValidationSet::Domain;
    auto dv = kFig3Domain;
    dv["a1"] = 0.037;
    dv["a2"] = -3.0;
    const CptFit d = makeFit(o, dv);
    std::vector<CptRun> runs;
    unsigned seed = 40;
    for (auto [shape, r] : {std::pair{DecayShape::Constant, 0.0}, std::pair{DecayShape::Constant, 0.5},
                            std::pair{DecayShape::Wsd, 0.0}})
        runs.push_back(synthetic("r" + std::to_string(r),
                                 scenario(shape, shape == DecayShape::Wsd ? 0.0 : 1.0, DecayShape::Cosine, r),
                                 g, d, 0.002, seed++));
    CptFitOptions fo;
    fo.law.replayForm = o.replayForm;
    for (auto set : {ValidationSet::General, ValidationSet::Domain}) {
        const auto r = fitCpt(runs, set, fo);
        QVERIFY2(r.ok(), r.errorText().c_str());
        QVERIFY2(r->summary.isUsable(), r->summary.briefReport().c_str());
        QVERIFY(r->law.replayForm == o.replayForm);
        const CptFit& truth = set == ValidationSet::General ? g : d;
        QVERIFY2(r->param("a2") < 0.0, qPrintable(QString::number(r->param("a2"))));
        for (double replay : {0.1, 0.25}) {
            CptScenario held = scenario(DecayShape::Constant, 1.0, DecayShape::Cosine, replay);
            auto steps = held.sampleSteps(300);
            std::erase_if(steps, [](std::int64_t t) { return t < 1000; });
            const auto want = predictCpt(truth, held.schedule(), held.switchStep(), steps, replay);
            const auto got = predictCpt(*r, held.schedule(), held.switchStep(), steps, replay);
            const double err = maxRelDiff(got, want);
            std::printf("  %s %s: replay %.2f held out, max relative error %.5f (a2 %.3f)\n",
                        toString(o.replayForm).c_str(), toString(set).c_str(), replay, err, r->param("a2"));
            QVERIFY2(err < 5e-3, qPrintable(QString::number(err)));
        }
    }
}

// Validation of how replay enters the law on the real cpt_tiny runs (the choice in the README): every run
// held out in turn (the fit sees the other two), and replay 0 held out (the fit sees only the 50 % run).
// With two replay ratios and a base in training the held-out run is predicted within 2 % on both losses.
void TestCpt::replayValidationCptTiny()
{
    const std::string dir = std::string(LOSSCAST_EXAMPLES_DIR) + "/cpt/";
    auto load = [&](const char* file, double replay) {
        CptCsvOptions o;
        o.switchStep = 2000;
        o.warmupSteps = 100;
        o.replay = replay;
        auto r = readCptCsv(dir + file, o);
        if (!r)
            qFatal("%s", r.errorText().c_str());
        return *r;
    };
    const std::vector<CptRun> runs = {load("const_r0.csv", 0.0), load("const_r50.csv", 0.5),
                                      load("wsd_r0.csv", 0.0)};
    for (auto form : {ReplayForm::Paper, ReplayForm::CptShare})
        for (auto set : {ValidationSet::General, ValidationSet::Domain}) {
            CptFitOptions fo;
            fo.law.replayForm = form;
            std::vector<double> held(runs.size());
            for (std::size_t h = 0; h < runs.size(); ++h) {
                std::vector<CptRun> train;
                for (std::size_t k = 0; k < runs.size(); ++k)
                    if (k != h)
                        train.push_back(runs[k]);
                const auto f = fitCpt(train, set, fo);
                QVERIFY2(f.ok() && f->summary.isUsable(), f.errorText().c_str());
                held[h] = evaluateRun(*f, runs[h]).predE;
            }
            const auto only50 = fitCpt({runs[1]}, set, fo);
            QVERIFY(only50.ok() && only50->summary.isUsable());
            const double r0 = evaluateRun(*only50, runs[0]).predE, w0 = evaluateRun(*only50, runs[2]).predE;
            std::printf(
                "cpt_tiny %s %s: held out const_r0 %.4f, const_r50 %.4f, wsd_r0 %.4f; fit on const_r50 "
                "only: const_r0 %.4f, wsd_r0 %.4f\n",
                toString(form).c_str(), toString(set).c_str(), held[0], held[1], held[2], r0, w0);
            // Both replay ratios in training (const_r0 or wsd_r0 held out).
            QVERIFY2(held[0] < 0.02 && held[2] < 0.02,
                     qPrintable(QString("%1 %2").arg(held[0]).arg(held[2])));
            // Replay 0 held out: the replay terms are held at their defaults (a2 = -3 for the domain loss;
            // with the former +5 the domain prediction was off by a factor of 2).
            if (set == ValidationSet::Domain)
                QVERIFY2(r0 < 0.05 && w0 < 0.05, qPrintable(QString("%1 %2").arg(r0).arg(w0)));
            // Replay 50 % held out: the fit saw no replay. Only the cpt_share form says anything about it,
            // and for the domain loss it does well.
            if (set == ValidationSet::Domain && form == ReplayForm::CptShare)
                QVERIFY2(held[1] < 0.02, qPrintable(QString::number(held[1])));
        }
}

void TestCpt::openSourceRecovery()
{
    // Paper Sec. 6: an open-source base with unknown PT; S1_pt is fitted. Truth: Fig. 3 domain values with
    // S1pt = 4 (20k steps at 2e-4); the base annealed to 0, CPT runs with two schedules.
    CptLawOptions o;
    o.set = ValidationSet::Domain;
    o.openSource = true;
    std::map<std::string, double> values = kFig3Domain;
    values["S1pt"] = 4.0;
    const CptFit truth = makeFit(o, values);
    std::vector<CptRun> runs;
    unsigned seed = 20;
    for (auto shape : {DecayShape::Cosine, DecayShape::Wsd, DecayShape::Constant}) {
        Phase cpt{10000, 500, 0.0, 2e-4, shape, 0.1, 0.2};
        CptRun run;
        run.name = toString(shape);
        run.schedule.lr.push_back(0.0);
        for (std::int64_t i = 1; i <= cpt.steps; ++i)
            run.schedule.lr.push_back(cpt.lrAt(i));
        for (std::int64_t t = 200; t <= cpt.steps; t += 200)
            run.steps.push_back(t);
        run.domain = predictRun(truth, run);
        run.general.assign(run.steps.size(), std::nan(""));
        std::mt19937 rng(seed++);
        std::normal_distribution<double> gauss(0.0, 0.002);
        for (double& y : run.domain)
            y *= 1.0 + gauss(rng);
        runs.push_back(run);
    }
    CptFitOptions fo;
    fo.law.openSource = true;
    const auto r = fitCpt(runs, ValidationSet::Domain, fo);
    QVERIFY2(r.ok(), r.errorText().c_str());
    QVERIFY2(r->summary.isUsable(), r->summary.briefReport().c_str());
    QCOMPARE(r->param("C1", -1.0), -1.0); // no C1 in this mode
    double worst = 0.0;
    for (const auto& run : runs) {
        const auto m = evaluateRun(*r, run);
        worst = std::max(worst, m.worstE);
    }
    // S1pt trades off against L0, A and α over the short range a CPT run covers (the paper's open-source fits
    // reach α 7.1, Fig. 18), so the check is on the curves: the training fit, and an unseen linear CPT
    // schedule.
    Phase lin{12000, 500, 0.0, 2e-4, DecayShape::Linear, 0.0, 0.2};
    ScheduleInput sch;
    sch.lr.push_back(0.0);
    for (std::int64_t i = 1; i <= lin.steps; ++i)
        sch.lr.push_back(lin.lrAt(i));
    std::vector<std::int64_t> steps;
    for (std::int64_t t = 100; t <= lin.steps; t += 100)
        steps.push_back(t);
    const double held = maxRelDiff(predictCpt(*r, sch, 0, steps), predictCpt(truth, sch, 0, steps));
    std::printf("cpt open-source: S1pt %.3f ± %.3f (true 4), worst training error %.5f, held-out %.5f\n",
                r->param("S1pt"), r->stderrs[static_cast<std::size_t>(CptLaw(o).index("S1pt"))], worst, held);
    QVERIFY(worst < 0.01);
    QVERIFY(held < 0.01);
}

void TestCpt::modelSizeRecovery()
{
    // Eq. 7, Fig. 15 joint fit over N = 106M, 594M, 1720M (general set, N in millions; transcribed values):
    // L = 1.829 + 0.504·S1^−0.537 + 0.278·(1 − (12·S1cpt + 1)^−0.359) − 0.090·S2pt·N^0.235 −
    // 0.103·S2cpt·N^0.199
    //     + 3.072·N^−0.195. Two runs per size (annealed and constant base); predict an unseen size (300M).
    CptLawOptions o;
    o.modelSize = true;
    const CptFit truth = makeFit(o, {{"L0", 1.829},
                                     {"A", 0.504},
                                     {"alpha", 0.537},
                                     {"B", 0.278},
                                     {"E", 12.0},
                                     {"beta", 0.359},
                                     {"C1", 0.090},
                                     {"gamma1", 0.235},
                                     {"C2", 0.103},
                                     {"gamma2", 0.199},
                                     {"F", 3.072},
                                     {"gamma3", 0.195}});
    std::vector<CptRun> runs;
    unsigned seed = 40;
    for (double n : {106.0, 594.0, 1720.0})
        for (auto pt : {DecayShape::Wsd, DecayShape::Constant}) {
            CptScenario s = scenario(pt, pt == DecayShape::Wsd ? 0.0 : 1.0, DecayShape::Cosine);
            s.modelSizeMillions = n;
            CptRun r;
            r.schedule = s.schedule();
            r.switchStep = s.switchStep();
            r.modelSizeMillions = n;
            for (std::int64_t t = 1000; t <= s.totalSteps(); t += 200)
                r.steps.push_back(t);
            r.general = predictRun(truth, r);
            r.domain.assign(r.steps.size(), std::nan(""));
            std::mt19937 rng(seed++);
            std::normal_distribution<double> gauss(0.0, 0.002);
            for (double& y : r.general)
                y *= 1.0 + gauss(rng);
            runs.push_back(r);
        }
    CptFitOptions fo;
    fo.law.modelSize = true;
    const auto r = fitCpt(runs, ValidationSet::General, fo);
    QVERIFY2(r.ok(), r.errorText().c_str());
    QVERIFY2(r->summary.isUsable(), r->summary.briefReport().c_str());
    QVERIFY(r->law.modelSize);
    CptScenario held = scenario(DecayShape::Cosine, 0.2, DecayShape::Wsd);
    auto steps = held.sampleSteps(300);
    std::erase_if(steps, [](std::int64_t t) { return t < 1000; });
    const double err = maxRelDiff(predictCpt(*r, held.schedule(), held.switchStep(), steps, 0.0, 300.0),
                                  predictCpt(truth, held.schedule(), held.switchStep(), steps, 0.0, 300.0));
    std::printf(
        "cpt model-size (Eq. 7) recovery: %.3f s, gamma1 %.3f gamma2 %.3f gamma3 %.3f, held-out 300M max "
        "rel. error %.5f\n",
        r->summary.seconds, r->param("gamma1"), r->param("gamma2"), r->param("gamma3"), err);
    QVERIFY2(err < 6e-3, qPrintable(QString::number(err)));
}

void TestCpt::derivedQuantities()
{
    CptLawOptions o;
    const CptFit g = makeFit(o, kFig3General);
    // Loss potential: final PT LR / PT peak.
    QCOMPARE(scenario(DecayShape::Wsd, 0.25, DecayShape::Cosine).lossPotential(), 0.25);
    QCOMPARE(scenario(DecayShape::Constant, 0.25, DecayShape::Cosine).lossPotential(), 1.0);
    const auto sch = scenario(DecayShape::Wsd, 0.25, DecayShape::Cosine).schedule();
    QVERIFY(std::abs(sch.lr[20000] / 2e-4 - 0.25) < 1e-12);

    // The general loss rises after the switch, turns, and (with the cosine anneal) comes back below its value
    // at the switch for a constant-LR base (loss potential 100 %).
    const CptScenario s = scenario(DecayShape::Constant, 1.0, DecayShape::Cosine);
    const GeneralTurn t = generalTurn(g, s);
    QVERIFY(t.peakLoss > t.lossAtSwitch);
    QVERIFY(t.turningLength > 0 && t.turningLength < s.cpt.steps);
    // Check the turning point against a brute-force scan at every step.
    std::vector<std::int64_t> all;
    for (std::int64_t k = s.switchStep(); k <= s.totalSteps(); ++k)
        all.push_back(k);
    const auto y = predictCpt(g, s.schedule(), s.switchStep(), all);
    const auto peak = std::max_element(y.begin(), y.end()) - y.begin();
    QCOMPARE(t.peakStep, all[static_cast<std::size_t>(peak)]);
    if (t.criticalStep) {
        const auto k = static_cast<std::size_t>(*t.criticalStep - s.switchStep());
        QVERIFY(y[k] <= y[0]);
        QVERIFY(y[k - 1] > y[0]);
    } else {
        QVERIFY(y.back() > y[0]);
    }
    // A fully annealed base, whose general loss never comes back (the shift outweighs the re-warmup).
    const GeneralTurn annealed = generalTurn(g, scenario(DecayShape::Wsd, 0.0, DecayShape::Constant));
    QVERIFY(!annealed.criticalStep.has_value());
}

void TestCpt::oodLinearCombination()
{
    // Paper Fig. 21: e.g. C4 = 0.152·D_cpt + 0.867·D_pt. Recover the weights from noisy combinations.
    std::vector<double> g, d, ood;
    std::mt19937 rng(5);
    std::normal_distribution<double> gauss(0.0, 0.001);
    for (int i = 0; i < 60; ++i) {
        g.push_back(2.9 + 0.3 * std::sin(i * 0.1));
        d.push_back(3.1 - 0.01 * i);
        ood.push_back(0.867 * g.back() + 0.152 * d.back() + gauss(rng));
    }
    const auto f = fitOod(g, d, ood);
    QVERIFY(f.has_value());
    QVERIFY(std::abs(f->wGeneral - 0.867) < 0.01);
    QVERIFY(std::abs(f->wDomain - 0.152) < 0.01);
    QVERIFY(f->maxAbsError < 0.005);
    QVERIFY(!fitOod({1.0}, {2.0}, {3.0}).has_value()); // too few points
    QVERIFY(!fitOod(g, g, ood).has_value());           // collinear
}

void TestCpt::csvReader()
{
    CptCsvOptions o;
    o.switchStep = 4;
    o.warmupSteps = 2;
    const std::string text =
        "step,lr,general,domain\n2,1.0,3.0,4.0\n4,0.5,2.9,\n6,0.4,3.1,3.5\n8,0.2,nan,3.2\n";
    const auto r = parseCptCsv(text, "mem.csv", o);
    QVERIFY2(r.ok(), r.errorText().c_str());
    // PT warmup 0 → 1 over 2 steps, linear to 0.5 at step 4; CPT re-warmup from 0 at the switch to 0.4 at 6.
    const std::vector<double> want = {0.0, 0.5, 1.0, 0.75, 0.5, 0.2, 0.4, 0.3, 0.2};
    QCOMPARE(r->schedule.lr.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i)
        QVERIFY2(std::abs(r->schedule.lr[i] - want[i]) < 1e-15, qPrintable(QString::number(i)));
    QCOMPARE(r->steps, (std::vector<std::int64_t>{2, 4, 6, 8}));
    QVERIFY(std::isnan(r->domain[1]));
    QVERIFY(std::isnan(r->general[3]));
    QCOMPARE(r->switchStep, std::int64_t(4));
    // No re-warmup: interpolate from the last PT LR.
    o.cptWarmupStart = std::nan("");
    const auto c = parseCptCsv(text, "mem.csv", o);
    QVERIFY(c.ok());
    QVERIFY(std::abs(c->schedule.lr[5] - 0.45) < 1e-15);
}

void TestCpt::csvErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no-loss-columns") << "step,lr,loss\n1,1,2\n"
                                     << "neither the general loss column";
    QTest::newRow("bad-loss") << "step,lr,general,domain\n1,1,2,3\n2,1,-1,3\n"
                              << "mem.csv:3";
    QTest::newRow("descending") << "step,lr,general,domain\n2,1,2,3\n1,1,2,3\n"
                                << "strictly ascending";
    QTest::newRow("bad-lr") << "step,lr,general,domain\n1,x,2,3\n"
                            << "column 'lr'";
    QTest::newRow("empty") << ""
                           << "empty file";
    QTest::newRow("switch-before-rows") << "step,lr,general,domain\n50,1,2,3\n"
                                        << "no row at or before the switch";
    QTest::newRow("huge-step") << "step,lr,general,domain\n1,1,2,3\n999999999999,1,2,3\n"
                               << "supported maximum";
}

void TestCpt::csvErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    CptCsvOptions o;
    o.switchStep = 10;
    const auto r = parseCptCsv(text.toStdString(), "mem.csv", o);
    QVERIFY(!r.ok());
    QVERIFY2(r.errorText().find(expected.toStdString()) != std::string::npos, r.errorText().c_str());
}

void TestCpt::realCptTiny()
{
    // The bundled real CPT curves (resources/examples/cpt, 220k-parameter GPT, prose → C headers, switch
    // 2000, PT warmup 100 steps, CPT re-warmup from 0). Fit on const_r0 and wsd_r0 (two bases), predict
    // const_r50 with the replay term held (one replay ratio in training: a1 = 0 and a2 at its default are
    // then assumptions), and fit all three jointly.
    const std::string dir = std::string(LOSSCAST_EXAMPLES_DIR) + "/cpt/";
    auto load = [&](const char* file, double replay) {
        CptCsvOptions o;
        o.switchStep = 2000;
        o.warmupSteps = 100;
        o.replay = replay;
        auto r = readCptCsv(dir + file, o);
        if (!r)
            qFatal("%s", r.errorText().c_str());
        return *r;
    };
    const std::vector<CptRun> runs = {load("const_r0.csv", 0.0), load("wsd_r0.csv", 0.0),
                                      load("const_r50.csv", 0.5)};
    // The rebuilt LR matches the per-step LR files at every step (linear warmups, linear WSD decay; the
    // cosine between logged rows is interpolated linearly, so allow a small error there).
    double worstLr = 0.0;
    for (auto [run, pt, cpt] : {std::tuple{0, "pt_constant.lr.csv", "cpt_from_constant_r0.lr.csv"},
                                std::tuple{1, "pt_wsd_linear.lr.csv", "cpt_from_wsd_linear_r0.lr.csv"}}) {
        for (const char* f : {pt, cpt}) {
            QFile file(QString::fromStdString(dir + f));
            QVERIFY(file.open(QIODevice::ReadOnly));
            file.readLine();
            while (!file.atEnd()) {
                const auto parts = QString(file.readLine()).trimmed().split(',');
                const auto step = parts[0].toLongLong();
                const double lr = parts[1].toDouble();
                worstLr =
                    std::max(worstLr, std::abs(runs[static_cast<std::size_t>(run)].schedule.lr[step] - lr));
            }
        }
    }
    std::printf("cpt_tiny: worst LR rebuild error %.3g (peak 3e-3)\n", worstLr);
    QVERIFY(worstLr < 3e-6);

    for (auto set : {ValidationSet::General, ValidationSet::Domain}) {
        const auto two = fitCpt({runs[0], runs[1]}, set);
        QVERIFY2(two.ok(), two.errorText().c_str());
        QVERIFY2(two->summary.isUsable(), two->summary.briefReport().c_str());
        const auto all = fitCpt(runs, set);
        QVERIFY2(all.ok(), all.errorText().c_str());
        QVERIFY2(all->summary.isUsable(), all->summary.briefReport().c_str());
        std::printf("cpt_tiny %s: fit on 3 runs %.3f s\n", toString(set).c_str(), all->summary.seconds);
        for (std::size_t k = 0; k < runs.size(); ++k) {
            const auto m2 = evaluateRun(*two, runs[k]);
            const auto m3 = evaluateRun(*all, runs[k]);
            std::printf(
                "  %-10s fit(const_r0+wsd_r0): R2 %.4f PredE %.4f WorstE %.4f | fit(all): R2 %.4f PredE "
                "%.4f\n",
                runs[k].name.c_str(), m2.r2, m2.predE, m2.worstE, m3.r2, m3.predE);
            // Training curves: the law describes these real curves (noise of the 20-batch evaluation is ~1
            // %).
            if (k < 2)
                QVERIFY2(m2.r2 > 0.95 && m2.predE < 0.02, qPrintable(QString::number(m2.r2)));
            // const_r50 (replay 50 %) is the one run with replay in training, so the replay terms are fitted
            // from one ratio besides 0. While a2 was bounded to > 0 the law could not keep as little of the
            // general shift as this run does (PredE .028 general, .045 domain in the joint fit); with a2 of
            // either sign it fits like the others.
            QVERIFY2(m3.r2 > 0.95 && m3.predE < 0.015, qPrintable(QString::number(m3.predE)));
        }
    }
}

namespace {
/// Both sets with the replay extension: general from Fig. 19; domain from Fig. 3 with a1 = 0.037 (Fig. 19's
/// domain value) and a2 = −3 (a concave replay factor: the domain gain shrinks slowly with replay, as the
/// Fig. 12 fits at 33/50/67 % replay show, B −0.63 … −0.53 against −0.67 at 0 %).
std::pair<CptFit, CptFit> replayPair()
{
    CptLawOptions o;
    o.replay = true;
    CptFit g = makeFit(o, kFig19General);
    o.set = ValidationSet::Domain;
    auto dv = kFig3Domain;
    dv["a1"] = 0.037;
    dv["a2"] = -3.0;
    return {g, makeFit(o, dv)};
}
} // namespace

void TestCpt::optimiseTradeOff()
{
    const auto [g, d] = replayPair();
    const CptScenario base = scenario(DecayShape::Wsd, 0.0, DecayShape::Cosine);
    CptSearchBounds b;
    b.peakLrMin = 5e-5;
    b.peakLrMax = 1e-3;
    b.stepsMin = b.stepsMax = 10000;
    b.potentialMin = b.potentialMax = 0.0;
    CptOptimizeOptions o;
    o.gridPerAxis = 5;
    // Only the general loss counts: keep the shift away (full replay) and minimise forgetting.
    o.lambda1 = 1.0;
    const auto onlyGeneral = optimizeCpt(g, d, base, b, o);
    // Only the domain loss counts: no replay.
    o.lambda1 = 0.0;
    const auto onlyDomain = optimizeCpt(g, d, base, b, o);
    o.lambda1 = 0.5;
    const auto half = optimizeCpt(g, d, base, b, o);
    std::printf(
        "optimise: λ1=1 replay %.2f peak %.2e %s obj %.4f | λ1=0 replay %.2f peak %.2e %s obj %.4f | λ1=.5 "
        "replay %.2f peak %.2e obj %.4f (%d evals, %.3f s)\n",
        onlyGeneral.best.replay, onlyGeneral.best.cpt.peakLr, toString(onlyGeneral.best.cpt.shape).c_str(),
        onlyGeneral.objective, onlyDomain.best.replay, onlyDomain.best.cpt.peakLr,
        toString(onlyDomain.best.cpt.shape).c_str(), onlyDomain.objective, half.best.replay,
        half.best.cpt.peakLr, half.objective, half.evaluations, half.seconds);
    QVERIFY(onlyDomain.status == fit::Status::Converged);
    QVERIFY(onlyGeneral.best.replay > 0.9);
    QVERIFY(onlyDomain.best.replay < 0.1);
    QVERIFY(onlyGeneral.best.replay >= half.best.replay && half.best.replay >= onlyDomain.best.replay);
    // The optimum is no worse than the base scenario and than a dense brute-force scan over replay × peak LR
    // for the chosen shape (within the scan's resolution).
    for (const auto* r : {&onlyGeneral, &onlyDomain, &half}) {
        QVERIFY(r->objective <= r->baseObjective + 1e-12);
        std::vector<double> replays, peaks;
        for (int i = 0; i <= 20; ++i)
            replays.push_back(i / 20.0);
        for (int j = 0; j <= 20; ++j)
            peaks.push_back(5e-5 * std::pow(20.0, j / 20.0));
        CptScenario s = base;
        s.cpt.shape = r->best.cpt.shape;
        const double l1 = r == &onlyGeneral ? 1.0 : r == &onlyDomain ? 0.0 : 0.5;
        const auto grid = tradeoffGrid(g, d, s, l1, replays, peaks);
        double bestScan = std::numeric_limits<double>::infinity();
        for (const auto& row : grid)
            for (double v : row)
                bestScan = std::min(bestScan, v);
        QVERIFY2(r->objective <= bestScan + 1e-4, qPrintable(QString::number(r->objective - bestScan)));
    }
}

void TestCpt::optimiseLimitsAndCancel()
{
    const auto [g, d] = replayPair();
    const CptScenario base = scenario(DecayShape::Wsd, 0.0, DecayShape::Cosine);
    CptSearchBounds b;
    CptOptimizeOptions o;
    // Cancelled at once: returns the base-or-better point with status Cancelled, after at most one
    // evaluation.
    fit::Control c;
    c.isCancelled = [] { return true; };
    const auto cancelled = optimizeCpt(g, d, base, b, o, c);
    QVERIFY(cancelled.status == fit::Status::Cancelled);
    QVERIFY(cancelled.evaluations <= 1);
    // An evaluation budget stops the search with MaxIterations.
    o.maxEvaluations = 50;
    const auto budget = optimizeCpt(g, d, base, b, o);
    QVERIFY(budget.status == fit::Status::MaxIterations);
    QCOMPARE(budget.evaluations, 50);
    // Invalid bounds are rejected with a message.
    b.replayMax = 1.5;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, optimizeCpt(g, d, base, b, o));
}

void TestCpt::fitFileRoundTrip()
{
    const auto [g, d] = replayPair();
    CptFitPair pair{g, d};
    const std::string text = writeJson(toJson(pair));
    const auto back = parseCptFitFile(text, "mem.json");
    QVERIFY2(back.ok(), back.errorText().c_str());
    QVERIFY(back->general && back->domain);
    QCOMPARE(back->general->params, g.params);
    QCOMPARE(back->domain->params, d.params);
    QVERIFY(back->domain->law.replay);
    CptFitPair narrow{g, d};
    narrow.general->replayMax = 0.5;
    const auto nb = parseCptFitFile(writeJson(toJson(narrow)), "n.json");
    QVERIFY(nb.ok());
    QCOMPARE(nb->general->replayMax, 0.5);
    QVERIFY(!parseCptFitFile(
                 R"({"law":"cpt","general":{"replay_range":[0.5,0.2],"params":{"L0":3,"A":1,"alpha":0.5,
        "B":0.1,"E":1,"beta":0.2,"C1":0.1,"C2":0.1}}})",
                 "r.json")
                 .ok());
    QVERIFY(back->domain->law.set == ValidationSet::Domain);
    const auto bad = parseCptFitFile(R"({"law":"cpt","general":{"params":{"L0":3}}})", "bad.json");
    QVERIFY(!bad.ok());
    QVERIFY2(bad.errorText().find("general.params.A") != std::string::npos, bad.errorText().c_str());
    QVERIFY(!parseCptFitFile(R"({"law":"mtl"})", "x.json").ok());
}

QTEST_GUILESS_MAIN(TestCpt)
#include "tst_cpt.moc"
