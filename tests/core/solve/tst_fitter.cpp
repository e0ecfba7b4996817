// Tests of the generic bounded robust least-squares solver (core/solve/leastsquares.h, most of this file) and
// of the curve-law fits on it (core/fit/fitter.h: fitCurves, predict).
#include "core/fit/fitter.h"

#include <QtTest>

#include <atomic>
#include <cmath>
#include <random>

using namespace losscast::core;
using namespace losscast::core::fit;

namespace {

QString st(Status s)
{
    return QString::fromStdString(toString(s));
}

/// y = a + b·x^(−c), x in [1, 100]: the shape of every loss-vs-compute law.
ResidualModel powerLawModel(double a, double b, double c, double noise, unsigned seed, std::size_t n = 200)
{
    ResidualModel m;
    m.numParams = 3;
    m.names = {"a", "b", "c"};
    m.lower = {0.0, 0.0, 0.0};
    m.upper = {10.0, 10.0, 3.0};
    auto xs = std::make_shared<std::vector<double>>();
    std::mt19937 rng(seed);
    std::normal_distribution<double> gauss(0.0, 1.0);
    for (std::size_t i = 0; i < n; ++i) {
        const double x = 1.0 + 99.0 * static_cast<double>(i) / static_cast<double>(n - 1);
        xs->push_back(x);
        m.observed.push_back((a + b * std::pow(x, -c)) * (1.0 + noise * gauss(rng)));
    }
    m.evaluate = [xs](std::span<const double> p, std::span<double> out, double* jac) {
        for (std::size_t i = 0; i < xs->size(); ++i) {
            const double x = (*xs)[i], pw = std::pow(x, -p[2]);
            out[i] = p[0] + p[1] * pw;
            if (jac) {
                jac[3 * i + 0] = 1.0;
                jac[3 * i + 1] = pw;
                jac[3 * i + 2] = -p[1] * pw * std::log(x);
            }
        }
    };
    return m;
}

/// y = a·exp(−b·x) + c, x in [0, 5].
ResidualModel exponentialModel(double a, double b, double c, double noise, unsigned seed)
{
    ResidualModel m;
    m.numParams = 3;
    m.lower = {0.0, 0.0, 0.0};
    m.upper = {100.0, 100.0, 100.0};
    auto xs = std::make_shared<std::vector<double>>();
    std::mt19937 rng(seed);
    std::normal_distribution<double> gauss(0.0, 1.0);
    for (int i = 0; i < 150; ++i) {
        const double x = 5.0 * i / 149.0;
        xs->push_back(x);
        m.observed.push_back((a * std::exp(-b * x) + c) * (1.0 + noise * gauss(rng)));
    }
    m.evaluate = [xs](std::span<const double> p, std::span<double> out, double* jac) {
        for (std::size_t i = 0; i < xs->size(); ++i) {
            const double x = (*xs)[i], e = std::exp(-p[1] * x);
            out[i] = p[0] * e + p[2];
            if (jac) {
                jac[3 * i + 0] = e;
                jac[3 * i + 1] = -p[0] * x * e;
                jac[3 * i + 2] = 1.0;
            }
        }
    };
    return m;
}

std::vector<std::vector<double>> someStarts()
{
    return {{1.0, 1.0, 0.5}, {0.5, 3.0, 1.0}, {2.0, 0.5, 0.2}, {3.0, 2.0, 1.5}};
}

/// A curve law for the fitCurves front end: L = a + b·lr[s]^k, with k a setting ("k_grid" = 1 tries 1, 2, 3).
class PowerOfLrLaw final : public CurveLaw
{
    struct F final : LawFeatures
    {
        std::vector<double> v;
        std::size_t size() const override { return v.size(); }
    };

public:
    std::string id() const override { return "test"; }
    std::string displayName() const override { return "test law"; }
    std::string formula() const override { return "a + b*lr^k"; }
    std::vector<ParamInfo> parameters() const override
    {
        return {{"a", "", 1.0, 0.0, 10.0, false}, {"b", "", 1.0, 0.0, 10.0, false}};
    }
    std::vector<LawSettings> settingsGrid(const LawSettings& s) const override
    {
        if (!s.count("k_grid"))
            return {s};
        return {{{"k", 1.0}}, {{"k", 2.0}}, {{"k", 3.0}}};
    }
    std::shared_ptr<const LawFeatures> prepare(const ScheduleInput& sch, std::span<const std::int64_t> steps,
                                               const LawSettings& s) const override
    {
        auto f = std::make_shared<F>();
        const double k = s.count("k") ? s.at("k") : 1.0;
        for (auto st : steps)
            f->v.push_back(std::pow(sch.lr[st], k));
        return f;
    }
    void evaluate(const LawFeatures& features, std::span<const double> p, std::span<double> out,
                  double* jac) const override
    {
        const auto& f = static_cast<const F&>(features);
        for (std::size_t i = 0; i < f.v.size(); ++i) {
            out[i] = p[0] + p[1] * f.v[i];
            if (jac) {
                jac[2 * i] = 1.0;
                jac[2 * i + 1] = f.v[i];
            }
        }
    }
};

Curve lrCurve(const std::string& name, double a, double b, double k, double lrScale)
{
    Curve c;
    c.name = name;
    for (int s = 0; s <= 50; ++s)
        c.schedule.lr.push_back(lrScale * (1.0 + s / 50.0));
    for (int s = 1; s <= 50; ++s) {
        c.steps.push_back(s);
        c.loss.push_back(a + b * std::pow(c.schedule.lr[s], k));
    }
    return c;
}

} // namespace

class TestFitter : public QObject
{
    Q_OBJECT

private slots:
    void recoversPowerLaw_data()
    {
        QTest::addColumn<int>("objective");
        QTest::addColumn<double>("noise");
        QTest::newRow("log-huber, noise-free") << int(Objective::LogHuber) << 0.0;
        QTest::newRow("log-huber, 0.1% noise") << int(Objective::LogHuber) << 1e-3;
        QTest::newRow("least-squares, noise-free") << int(Objective::LeastSquares) << 0.0;
        QTest::newRow("least-squares, 0.1% noise") << int(Objective::LeastSquares) << 1e-3;
    }
    void recoversPowerLaw()
    {
        QFETCH(int, objective);
        QFETCH(double, noise);
        const auto m = powerLawModel(2.0, 1.5, 0.6, noise, 7);
        Options o;
        o.objective = Objective(objective);
        const ModelFit f = fitModel(m, someStarts(), o);
        QVERIFY2(f.summary.isUsable(), f.summary.briefReport().c_str());
        QCOMPARE(st(f.summary.status), st(Status::Converged));
        const double tol = noise == 0.0 ? 1e-6 : 0.05;
        QVERIFY2(std::abs(f.params[0] - 2.0) < tol * 2.0, f.summary.briefReport().c_str());
        QVERIFY(std::abs(f.params[1] - 1.5) < tol * 1.5);
        QVERIFY(std::abs(f.params[2] - 0.6) < tol * 0.6);
        QVERIFY(f.summary.finalCost <= f.summary.initialCost);
        QCOMPARE(f.summary.starts, 4);
        QCOMPARE(f.stderrs.size(), std::size_t(3));
        if (noise > 0.0) {
            // The truth lies within a few standard errors.
            for (int j = 0; j < 3; ++j)
                QVERIFY(std::isfinite(f.stderrs[j]) && f.stderrs[j] > 0.0);
            QVERIFY(std::abs(f.params[2] - 0.6) < 5.0 * f.stderrs[2]);
        }
    }

    void recoversExponential()
    {
        const auto m = exponentialModel(3.0, 1.2, 0.5, 2e-3, 11);
        const ModelFit f = fitModel(m, {{1.0, 0.1, 1.0}, {5.0, 5.0, 0.1}}, {});
        QVERIFY2(f.summary.isUsable(), f.summary.briefReport().c_str());
        QVERIFY(std::abs(f.params[0] - 3.0) < 0.05);
        QVERIFY(std::abs(f.params[1] - 1.2) < 0.05);
        QVERIFY(std::abs(f.params[2] - 0.5) < 0.02);
    }

    void standardErrorsMatchOrdinaryLeastSquares()
    {
        // Linear model y = a + b·x with least squares: the covariance must equal s²(XᵀX)⁻¹ exactly.
        ResidualModel m;
        m.numParams = 2;
        std::vector<double> xs;
        std::mt19937 rng(3);
        std::normal_distribution<double> gauss(0.0, 0.1);
        for (int i = 0; i < 40; ++i) {
            xs.push_back(i * 0.25);
            m.observed.push_back(1.0 + 0.5 * xs.back() + gauss(rng));
        }
        m.evaluate = [xs](std::span<const double> p, std::span<double> out, double* jac) {
            for (std::size_t i = 0; i < xs.size(); ++i) {
                out[i] = p[0] + p[1] * xs[i];
                if (jac) {
                    jac[2 * i] = 1.0;
                    jac[2 * i + 1] = xs[i];
                }
            }
        };
        Options o;
        o.objective = Objective::LeastSquares;
        const ModelFit f = fitModel(m, {{0.0, 0.0}}, o);
        QVERIFY(f.summary.isUsable());
        // Closed form.
        const double n = xs.size();
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (std::size_t i = 0; i < xs.size(); ++i) {
            sx += xs[i];
            sy += m.observed[i];
            sxx += xs[i] * xs[i];
            sxy += xs[i] * m.observed[i];
        }
        const double det = n * sxx - sx * sx;
        const double b = (n * sxy - sx * sy) / det, a = (sy - b * sx) / n;
        double rss = 0;
        for (std::size_t i = 0; i < xs.size(); ++i)
            rss += std::pow(m.observed[i] - a - b * xs[i], 2);
        const double s2 = rss / (n - 2);
        QVERIFY(std::abs(f.params[0] - a) < 1e-8);
        QVERIFY(std::abs(f.params[1] - b) < 1e-8);
        QVERIFY(std::abs(f.stderrs[0] - std::sqrt(s2 * sxx / det)) < 1e-6 * f.stderrs[0]);
        QVERIFY(std::abs(f.stderrs[1] - std::sqrt(s2 * n / det)) < 1e-6 * f.stderrs[1]);
        QCOMPARE(f.covariance.size(), std::size_t(4));
        QVERIFY(std::abs(f.covariance[1] - f.covariance[2]) < 1e-15);
    }

    void respectsBounds()
    {
        // The true exponent 0.6 lies above the upper bound 0.4: the optimum sits on the bound.
        auto m = powerLawModel(2.0, 1.5, 0.6, 0.0, 1);
        m.upper[2] = 0.4;
        const ModelFit f = fitModel(m, someStarts(), {});
        QVERIFY2(f.summary.isUsable(), f.summary.briefReport().c_str());
        QCOMPARE(f.params[2], 0.4);
        for (std::size_t j = 0; j < 3; ++j)
            QVERIFY(f.params[j] >= m.lower[j] && f.params[j] <= m.upper[j]);
        // And starts outside the box are clamped into it.
        const ModelFit g = fitModel(m, {{-5.0, 50.0, 9.0}}, {});
        QVERIFY(g.summary.isUsable());
        for (std::size_t j = 0; j < 3; ++j)
            QVERIFY(g.params[j] >= m.lower[j] && g.params[j] <= m.upper[j]);
    }

    void cancelReturnsBestSoFarPromptly()
    {
        auto m = powerLawModel(2.0, 1.5, 0.6, 1e-3, 5);
        std::atomic<int> evaluations{0}, afterCancel{0};
        std::atomic<bool> cancelled{false};
        auto inner = m.evaluate;
        m.evaluate = [&, inner](std::span<const double> p, std::span<double> out, double* jac) {
            ++evaluations;
            if (cancelled)
                ++afterCancel;
            inner(p, out, jac);
        };
        Control c;
        int polls = 0;
        c.isCancelled = [&] {
            if (++polls >= 6)
                cancelled = true;
            return cancelled.load();
        };
        Options o;
        o.maxStarts = 64;
        std::vector<std::vector<double>> starts(64, {1.0, 1.0, 0.5});
        const ModelFit f = fitModel(m, starts, o, c);
        QCOMPARE(st(f.summary.status), st(Status::Cancelled));
        QVERIFY(f.summary.isUsable());
        QCOMPARE(f.params.size(), std::size_t(3));
        // Cancel is polled before every iteration: at most the covariance evaluation follows it.
        QVERIFY2(afterCancel <= 1, QByteArray::number(afterCancel.load()));
        QVERIFY(f.summary.starts < 64);
    }

    void deterministic()
    {
        const auto m = powerLawModel(2.0, 1.5, 0.6, 3e-3, 9);
        const ModelFit a = fitModel(m, someStarts(), {});
        const ModelFit b = fitModel(m, someStarts(), {});
        QCOMPARE(a.params, b.params); // bitwise
        QCOMPARE(a.stderrs, b.stderrs);
        QCOMPARE(a.summary.iterations, b.summary.iterations);
        QCOMPARE(a.summary.finalCost, b.summary.finalCost);
    }

    void logHuberResistsOutliers()
    {
        // 5 % of the points are 20 % too high: least squares is dragged, log-Huber is not.
        auto m = powerLawModel(2.0, 1.5, 0.6, 1e-4, 13);
        for (std::size_t i = 3; i < m.observed.size(); i += 20)
            m.observed[i] *= 1.2;
        Options huber, ls;
        ls.objective = Objective::LeastSquares;
        const ModelFit fh = fitModel(m, someStarts(), huber);
        const ModelFit fl = fitModel(m, someStarts(), ls);
        QVERIFY(fh.summary.isUsable() && fl.summary.isUsable());
        const double errH = std::abs(fh.params[2] - 0.6), errL = std::abs(fl.params[2] - 0.6);
        QVERIFY2(errH < 0.01, QByteArray::number(errH));
        QVERIFY2(errL > 5.0 * errH, (QByteArray::number(errL) + " vs " + QByteArray::number(errH)));
        // objectiveCost agrees with the fitter's own cost.
        std::vector<double> pred(m.observed.size());
        m.evaluate(fh.params, pred, nullptr);
        QVERIFY(std::abs(objectiveCost(pred, m.observed, huber) - fh.summary.finalCost) <=
                1e-12 + 1e-9 * fh.summary.finalCost);
    }

    void honoursTimeLimit()
    {
        // A slow model (200k residuals) and many starts: far more work than the limit allows.
        auto m = powerLawModel(2.0, 1.5, 0.6, 1e-3, 17, 200000);
        Options o;
        o.timeLimitSeconds = 0.05;
        o.maxStarts = 64;
        std::vector<std::vector<double>> starts;
        for (int k = 0; k < 64; ++k)
            starts.push_back({0.5 + 0.05 * k, 1.0, 0.1 + 0.03 * k});
        const ModelFit f = fitModel(m, starts, o);
        QCOMPARE(st(f.summary.status), st(Status::TimeLimit));
        QVERIFY(f.summary.starts < 64);
        // Polled between iterations: it overshoots by at most a few evaluations, not by the remaining work.
        QVERIFY2(f.summary.seconds < 2.0, QByteArray::number(f.summary.seconds));
    }

    void progressIsMonotoneAndEnds()
    {
        const auto m = powerLawModel(2.0, 1.5, 0.6, 1e-3, 19);
        std::vector<double> seen;
        Control c;
        c.progress = [&](double f, const std::string&) { seen.push_back(f); };
        fitModel(m, someStarts(), {}, c);
        QVERIFY(!seen.empty());
        for (std::size_t i = 1; i < seen.size(); ++i)
            QVERIFY(seen[i] >= seen[i - 1]);
        QCOMPARE(seen.back(), 1.0);
    }

    void rejectsBadOptions_data()
    {
        QTest::addColumn<QString>("field");
        QTest::newRow("huberDelta") << "huberDelta";
        QTest::newRow("maxIterations") << "maxIterations";
        QTest::newRow("maxStarts") << "maxStarts";
        QTest::newRow("timeLimitSeconds") << "timeLimitSeconds";
        QTest::newRow("functionTolerance") << "functionTolerance";
        QTest::newRow("refineBest") << "refineBest";
    }
    void rejectsBadOptions()
    {
        QFETCH(QString, field);
        Options o;
        std::string why;
        QVERIFY(o.isValid(&why));
        if (field == "huberDelta")
            o.huberDelta = 0.0;
        else if (field == "maxIterations")
            o.maxIterations = 0;
        else if (field == "maxStarts")
            o.maxStarts = 0;
        else if (field == "timeLimitSeconds")
            o.timeLimitSeconds = -1.0;
        else if (field == "functionTolerance")
            o.functionTolerance = std::nan("");
        else if (field == "refineBest")
            o.refineBest = 0;
        QVERIFY(!o.isValid(&why));
        QVERIFY2(why.find(field.toStdString()) != std::string::npos, why.c_str());
        const ModelFit f = fitModel(powerLawModel(2, 1, 0.5, 0, 1), someStarts(), o);
        QCOMPARE(st(f.summary.status), st(Status::Failed));
        QVERIFY(!f.summary.isUsable());
        QVERIFY2(f.summary.message.find("invalid options") != std::string::npos, f.summary.message.c_str());
    }

    void rejectsBadInput()
    {
        auto m = powerLawModel(2, 1, 0.5, 0, 1);
        m.observed[4] = -1.0;
        ModelFit f = fitModel(m, someStarts(), {});
        QCOMPARE(st(f.summary.status), st(Status::Failed));
        QVERIFY2(f.summary.message.find("observation 4") != std::string::npos, f.summary.message.c_str());
        m = powerLawModel(2, 1, 0.5, 0, 1);
        f = fitModel(m, {{1.0, 2.0}}, {});
        QCOMPARE(st(f.summary.status), st(Status::Failed));
        QVERIFY(f.summary.message.find("starting point 0") != std::string::npos);
        // A model that throws fails the fit with its message; it does not escape.
        m.evaluate = [](std::span<const double>, std::span<double>, double*) {
            throw std::runtime_error("schedule too short");
        };
        f = fitModel(m, someStarts(), {});
        QCOMPARE(st(f.summary.status), st(Status::Failed));
        QVERIFY2(f.summary.message.find("schedule too short") != std::string::npos,
                 f.summary.message.c_str());
    }

    void fitCurvesJointAndGrid()
    {
        PowerOfLrLaw law;
        // Two curves at different LR scales made with a = 1, b = 3, k = 2: the joint fit with the k grid must
        // pick k = 2 and recover a, b.
        const std::vector<Curve> curves = {lrCurve("one", 1.0, 3.0, 2.0, 0.5),
                                           lrCurve("two", 1.0, 3.0, 2.0, 0.8)};
        Options o;
        o.objective = Objective::LeastSquares;
        const CurveFit f = fitCurves(law, curves, {{"k_grid", 1.0}}, o);
        QVERIFY2(f.summary.isUsable(), f.summary.briefReport().c_str());
        QCOMPARE(f.settings.at("k"), 2.0);
        QVERIFY(std::abs(f.params[0] - 1.0) < 1e-6);
        QVERIFY(std::abs(f.params[1] - 3.0) < 1e-6);
        QCOMPARE(f.names, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(f.summary.residuals, std::size_t(100));
        // predict() reproduces the data with the fitted values.
        const auto y = predict(law, f.params, curves[1].schedule, curves[1].steps, f.settings);
        for (std::size_t i = 0; i < y.size(); ++i)
            QVERIFY(std::abs(y[i] - curves[1].loss[i]) < 1e-6);
    }

    void gridKeepsBestAndStopsOnCancel()
    {
        // Power law with the exponent fixed per grid point; data made with c = 0.6 (grid point 1).
        const auto data = powerLawModel(2.0, 1.5, 0.6, 0.0, 1);
        const std::vector<double> cs{0.3, 0.6, 0.9};
        auto make = [&](std::size_t i) {
            ResidualModel m;
            m.numParams = 2;
            m.observed = data.observed;
            const double c = cs[i];
            m.evaluate = [c](std::span<const double> p, std::span<double> out, double* jac) {
                for (std::size_t k = 0; k < out.size(); ++k) {
                    const double x =
                        1.0 + 99.0 * static_cast<double>(k) / static_cast<double>(out.size() - 1);
                    const double pw = std::pow(x, -c);
                    out[k] = p[0] + p[1] * pw;
                    if (jac) {
                        jac[2 * k] = 1.0;
                        jac[2 * k + 1] = pw;
                    }
                }
            };
            return m;
        };
        const GridFit g = fitModelOverGrid(cs.size(), make, {{1.0, 1.0}});
        QVERIFY2(g.fit.summary.isUsable(), g.fit.summary.briefReport().c_str());
        QCOMPARE(g.index, std::size_t(1));
        QVERIFY(std::abs(g.fit.params[0] - 2.0) < 1e-6);
        QVERIFY(g.fit.summary.message.find("grid point 2 of 3") != std::string::npos);
        QCOMPARE(g.fit.summary.starts, 3);

        // Cancelled during the second grid point: the first point's result comes back, marked Cancelled.
        Control c;
        int made = 0;
        auto counting = [&](std::size_t i) {
            ++made;
            return make(i);
        };
        c.isCancelled = [&] { return made >= 2; };
        const GridFit h = fitModelOverGrid(cs.size(), counting, {{1.0, 1.0}}, {}, c);
        QCOMPARE(st(h.fit.summary.status), st(Status::Cancelled));
        QVERIFY(h.fit.summary.isUsable());
        QCOMPARE(h.index, std::size_t(0));
        QCOMPARE(made, 2);

        // A grid point that cannot be built fails the fit with its reason.
        auto throwing = [&](std::size_t i) -> ResidualModel {
            if (i == 1)
                throw std::runtime_error("lambda out of range");
            return make(i);
        };
        const GridFit k = fitModelOverGrid(cs.size(), throwing, {{1.0, 1.0}});
        QCOMPARE(st(k.fit.summary.status), st(Status::Failed));
        QVERIFY(k.fit.summary.message.find("lambda out of range") != std::string::npos);
    }

    void predictionBandIsDeltaMethod()
    {
        // For a model linear in its parameters the delta method is exact: var ŷ = [1 v] Σ [1 v]ᵀ.
        PowerOfLrLaw law;
        const Curve c = lrCurve("band", 1.0, 3.0, 1.0, 0.5);
        const std::vector<double> params{1.0, 3.0}, cov{0.04, -0.01, -0.01, 0.09};
        const Prediction pr = predictWithUncertainty(law, params, cov, c.schedule, c.steps, {});
        QCOMPARE(pr.loss.size(), c.steps.size());
        for (std::size_t i = 0; i < c.steps.size(); ++i) {
            const double v = c.schedule.lr[c.steps[i]];
            QVERIFY(std::abs(pr.loss[i] - (1.0 + 3.0 * v)) < 1e-12);
            QVERIFY(std::abs(pr.stderrs[i] - std::sqrt(0.04 - 0.02 * v + 0.09 * v * v)) < 1e-12);
        }
        const Prediction none = predictWithUncertainty(law, params, {}, c.schedule, c.steps, {});
        QVERIFY(std::isnan(none.stderrs.front()));
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument,
            predictWithUncertainty(law, params, std::vector<double>{1.0}, c.schedule, c.steps, {}));
    }

    void fitCurvesRejectsBadCurve()
    {
        PowerOfLrLaw law;
        Curve c = lrCurve("broken", 1.0, 3.0, 1.0, 0.5);
        c.loss[7] = std::nan("");
        CurveFit f = fitCurves(law, {c}, {});
        QCOMPARE(st(f.summary.status), st(Status::Failed));
        QVERIFY2(f.summary.message.find("broken") != std::string::npos &&
                     f.summary.message.find("point 7") != std::string::npos,
                 f.summary.message.c_str());
        c = lrCurve("late", 1.0, 3.0, 1.0, 0.5);
        c.steps.back() = 500;
        f = fitCurves(law, {c}, {});
        QCOMPARE(st(f.summary.status), st(Status::Failed));
        QVERIFY(f.summary.message.find("outside the schedule") != std::string::npos);
        f = fitCurves(law, {}, {});
        QCOMPARE(st(f.summary.status), st(Status::Failed));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 predict(law, std::vector<double>{1.0}, c.schedule, c.steps, {}));
    }

    void briefReportSaysWhatHappened()
    {
        const ModelFit f = fitModel(powerLawModel(2, 1, 0.5, 0, 1), someStarts(), {});
        const std::string r = f.summary.briefReport();
        QVERIFY2(r.find("converged") != std::string::npos, r.c_str());
        QVERIFY(r.find("4 starts") != std::string::npos);
        QCOMPARE(st(Status::Cancelled), QString("cancelled"));
        Summary never;
        QVERIFY(!never.isUsable());
    }
};

QTEST_APPLESS_MAIN(TestFitter)
#include "tst_fitter.moc"
