#include "core/solve/leastsquares.h"

#include <Eigen/Dense>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <sstream>
#include <stdexcept>

// Solver choice: a bounded Levenberg–Marquardt with projection and an active set, with the Huber loss handled
// by iteratively reweighted least squares (IRLS).
//  - The objectives here are small dense nonlinear least-squares problems (4–10 parameters, a few hundred to
//  a
//    few thousand residuals) whose Jacobians the laws give analytically. Gauss–Newton curvature JᵀWJ is then
//    nearly free and far better than the secant curvature a quasi-Newton method (the papers' L-BFGS) has to
//    accumulate over many iterations, so LM converges in tens of steps where L-BFGS needs hundreds.
//  - Bounds: variables sitting on a bound whose gradient pushes outward are frozen (active set); the damped
//    system is solved over the free ones and the step is projected into the box. The gain ratio is computed
//    with the projected step, so a projection that spoils the model is rejected and the damping grows until
//    the step approaches a projected-gradient step, which always descends (cf. Kanzow, Yamashita, Fukushima
//    2004, "Levenberg–Marquardt methods with strong local convergence properties for constrained systems").
//  - Huber: with weights w_i = ρ'(r_i)/r_i (1 inside δ, δ/|r_i| outside) the weighted quadratic is a
//    majoriser of the Huber loss around the current point, and its gradient JᵀWr is the exact gradient, so
//    IRLS inside LM keeps the descent guarantees with no second-derivative correction (Triggs' correction
//    would only add curvature terms that vanish for the Huber loss inside δ).
//  - Damping: Marquardt's scale-invariant diagonal D = running max of diag(JᵀWJ) (as MINPACK), with Nielsen's
//    update of μ (Madsen, Nielsen, Tingleff 2004, "Methods for non-linear least squares problems", Sec. 3.2).

namespace losscast::core::fit {

namespace {

using Clock = std::chrono::steady_clock;
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double huberRho(double r, double delta)
{
    const double a = std::abs(r);
    return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
}

std::string fmt(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

/// Evaluates the model and the transformed residuals r, their Jacobian Jr and the IRLS weights.
class Evaluator
{
public:
    Evaluator(const ResidualModel& model, const Options& options)
        : m_model(model), m_options(options), m_n(model.observed.size()), m_p(model.numParams), m_pred(m_n),
          m_jac(m_n, m_p), m_r(m_n), m_w(m_n), m_logY(m_n)
    {
        for (std::size_t i = 0; i < m_n; ++i)
            m_logY[i] = options.objective == Objective::LogHuber ? std::log(model.observed[i]) : 0.0;
    }

    std::size_t n() const { return m_n; }
    std::size_t p() const { return m_p; }

    /// Cost only (+inf when the model is not usable at x).
    double cost(const Eigen::VectorXd& x)
    {
        if (!call(x, nullptr))
            return kInf;
        return residualsAndCost();
    }

    /// The message of the last exception the model threw (empty when none).
    const std::string& error() const { return m_error; }

    /// Cost, gradient g = JrᵀWr and Gauss–Newton matrix H = JrᵀWJr at x. Returns false when not finite.
    bool full(const Eigen::VectorXd& x, double& cost, Eigen::VectorXd& g, Eigen::MatrixXd& H)
    {
        if (!call(x, m_jac.data())) {
            cost = kInf;
            return false;
        }
        cost = residualsAndCost();
        if (!std::isfinite(cost))
            return false;
        if (m_options.objective == Objective::LogHuber)
            for (std::size_t i = 0; i < m_n; ++i)
                m_jac.row(i) /= m_pred[i]; // d log ŷ = dŷ / ŷ
        if (!m_jac.allFinite())
            return false;
        const Eigen::VectorXd wr = m_w.cwiseProduct(m_r);
        g = m_jac.transpose() * wr;
        H = m_jac.transpose() * m_w.asDiagonal() * m_jac;
        return g.allFinite() && H.allFinite();
    }

    const Eigen::VectorXd& residuals() const { return m_r; }
    const Eigen::VectorXd& weights() const { return m_w; }
    const RowMatrix& jacobian() const { return m_jac; }

private:
    /// A model that throws (e.g. a law rejecting its input) fails the current point instead of the process.
    bool call(const Eigen::VectorXd& x, double* jac)
    {
        try {
            m_model.evaluate(std::span<const double>(x.data(), m_p), std::span<double>(m_pred.data(), m_n),
                             jac);
            return true;
        } catch (const std::exception& e) {
            m_error = e.what();
        } catch (...) {
            m_error = "unknown exception";
        }
        return false;
    }

    double residualsAndCost()
    {
        double c = 0.0;
        const double delta = m_options.huberDelta;
        for (std::size_t i = 0; i < m_n; ++i) {
            const double yhat = m_pred[i];
            if (!std::isfinite(yhat))
                return kInf;
            double r;
            if (m_options.objective == Objective::LogHuber) {
                if (yhat <= 0.0)
                    return kInf;
                r = std::log(yhat) - m_logY[i];
                c += huberRho(r, delta);
                const double a = std::abs(r);
                m_w[i] = a <= delta ? 1.0 : delta / a;
            } else {
                r = yhat - m_model.observed[i];
                c += 0.5 * r * r;
                m_w[i] = 1.0;
            }
            m_r[i] = r;
        }
        return std::isfinite(c) ? c : kInf;
    }

    const ResidualModel& m_model;
    const Options& m_options;
    std::size_t m_n, m_p;
    Eigen::VectorXd m_pred;
    RowMatrix m_jac;
    Eigen::VectorXd m_r, m_w, m_logY;
    std::string m_error;
};

/// One start of the bounded LM; can be advanced in slices (screening, then refinement).
struct Start
{
    std::size_t index = 0;
    Eigen::VectorXd x;
    double initialCost = kInf;
    double cost = kInf;
    double mu = -1.0; ///< < 0: not initialised
    double nu = 2.0;
    Eigen::VectorXd scale; ///< running max of diag(H)
    int iterations = 0;
    bool done = false;
    Status status = Status::NotRun;
    std::string reason;
};

class Solver
{
public:
    Solver(const ResidualModel& model, const Options& options, const Control& control, Clock::time_point t0)
        : m_eval(model, options), m_options(options), m_control(control), m_t0(t0), m_lo(model.numParams),
          m_hi(model.numParams)
    {
        for (std::size_t j = 0; j < model.numParams; ++j) {
            m_lo[j] = model.lower.empty() ? -kInf : model.lower[j];
            m_hi[j] = model.upper.empty() ? kInf : model.upper[j];
        }
    }

    Eigen::VectorXd clamp(const Eigen::VectorXd& x) const { return x.cwiseMax(m_lo).cwiseMin(m_hi); }

    /// Polled between iterations: NotRun = keep going.
    Status interruption() const
    {
        if (m_control.isCancelled && m_control.isCancelled())
            return Status::Cancelled;
        if (std::chrono::duration<double>(Clock::now() - m_t0).count() > m_options.timeLimitSeconds)
            return Status::TimeLimit;
        return Status::NotRun;
    }

    void init(Start& s)
    {
        s.x = clamp(s.x);
        s.cost = s.initialCost = m_eval.cost(s.x);
        if (!std::isfinite(s.cost)) {
            s.done = true;
            s.status = Status::Failed;
            s.reason =
                m_eval.error().empty()
                    ? "the model is not finite (or not positive, for the log objective) at the starting point"
                    : "the model failed at the starting point: " + m_eval.error();
        }
    }

    /// Advances `s` by at most `steps` accepted steps. Returns an interruption status, or NotRun.
    Status advance(Start& s, int steps)
    {
        const std::size_t p = m_eval.p();
        Eigen::VectorXd g(p);
        Eigen::MatrixXd H(p, p);
        double cost = 0.0;
        int taken = 0;
        while (!s.done && taken < steps) {
            if (s.iterations >= m_options.maxIterations) {
                finish(s, Status::MaxIterations,
                       "reached maxIterations = " + std::to_string(m_options.maxIterations));
                break;
            }
            if (const Status st = interruption(); st != Status::NotRun)
                return st;
            if (!m_eval.full(s.x, cost, g, H)) {
                finish(s, Status::Failed, "the model or its Jacobian is not finite at the current point");
                break;
            }
            s.cost = cost;
            if (s.scale.size() == 0)
                s.scale = Eigen::VectorXd::Zero(p);
            s.scale = s.scale.cwiseMax(H.diagonal());
            const double scaleFloor = std::max(1e-30, 1e-12 * s.scale.maxCoeff());
            if (s.mu < 0.0)
                s.mu = 1e-3;

            // Active set and projected gradient.
            std::vector<int> freeIdx;
            double pgNorm = 0.0;
            for (std::size_t j = 0; j < p; ++j) {
                const bool atLo = s.x[j] <= m_lo[j] && g[j] > 0.0;
                const bool atHi = s.x[j] >= m_hi[j] && g[j] < 0.0;
                const double proj = std::clamp(s.x[j] - g[j], m_lo[j], m_hi[j]) - s.x[j];
                pgNorm = std::max(pgNorm, std::abs(proj));
                if (!atLo && !atHi)
                    freeIdx.push_back(static_cast<int>(j));
            }
            if (pgNorm < m_options.gradientTolerance || freeIdx.empty()) {
                finish(s, Status::Converged,
                       "projected gradient max-norm " + fmt(pgNorm) + " < gradientTolerance");
                break;
            }
            const int nf = static_cast<int>(freeIdx.size());
            Eigen::MatrixXd Hf(nf, nf);
            Eigen::VectorXd gf(nf), Df(nf);
            for (int a = 0; a < nf; ++a) {
                gf[a] = g[freeIdx[a]];
                Df[a] = std::max(s.scale[freeIdx[a]], scaleFloor);
                for (int b = 0; b < nf; ++b)
                    Hf(a, b) = H(freeIdx[a], freeIdx[b]);
            }

            // Inner loop: raise the damping until a step decreases the cost.
            bool accepted = false;
            while (!accepted) {
                if (s.mu > 1e32) {
                    finish(s, Status::Converged,
                           "no decrease possible at machine precision (damping > 1e32)");
                    break;
                }
                Eigen::MatrixXd A = Hf;
                A.diagonal() += s.mu * Df;
                Eigen::LDLT<Eigen::MatrixXd> ldlt(A);
                Eigen::VectorXd df = ldlt.solve(-gf);
                if (ldlt.info() != Eigen::Success || !df.allFinite()) {
                    s.mu *= s.nu;
                    s.nu *= 2.0;
                    continue;
                }
                Eigen::VectorXd step = Eigen::VectorXd::Zero(p);
                for (int a = 0; a < nf; ++a)
                    step[freeIdx[a]] = df[a];
                const Eigen::VectorXd xNew = clamp(s.x + step);
                const Eigen::VectorXd d = xNew - s.x;
                const double predicted = -(g.dot(d) + 0.5 * d.dot(H * d));
                const double newCost = predicted > 0.0 ? m_eval.cost(xNew) : kInf;
                if (std::isfinite(newCost) && newCost < s.cost) {
                    const double rho = (s.cost - newCost) / predicted;
                    s.mu *= std::max(1.0 / 3.0, 1.0 - std::pow(2.0 * rho - 1.0, 3));
                    s.nu = 2.0;
                    const double dCost = s.cost - newCost;
                    bool smallStep = true;
                    for (std::size_t j = 0; j < p; ++j)
                        if (std::abs(d[j]) >
                            m_options.parameterTolerance * (std::abs(s.x[j]) + m_options.parameterTolerance))
                            smallStep = false;
                    s.x = xNew;
                    s.cost = newCost;
                    ++s.iterations;
                    ++taken;
                    accepted = true;
                    if (dCost <= m_options.functionTolerance * newCost) {
                        finish(s, Status::Converged,
                               "relative cost change " + fmt(dCost / std::max(newCost, 1e-300)) +
                                   " <= functionTolerance");
                    } else if (smallStep) {
                        finish(s, Status::Converged, "relative step <= parameterTolerance");
                    }
                } else {
                    s.mu *= s.nu;
                    s.nu *= 2.0;
                }
            }
        }
        return Status::NotRun;
    }

    Evaluator& evaluator() { return m_eval; }

private:
    static void finish(Start& s, Status st, std::string why)
    {
        s.done = true;
        s.status = st;
        s.reason = std::move(why);
    }

    Evaluator m_eval;
    const Options& m_options;
    const Control& m_control;
    Clock::time_point m_t0;
    Eigen::VectorXd m_lo, m_hi;
};

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// Gauss–Newton covariance at the optimum: cov = σ² (JᵀWJ)⁻¹ with σ² = Σ w_i r_i² / (n − p), where J is the
/// Jacobian of the (log) residuals and W the Huber IRLS weights at the optimum (W = I for least squares and
/// for every residual inside δ). This is the textbook asymptotic covariance and it assumes (1) independent
/// residuals with a common variance — loss curves have autocorrelated noise, so the errors are optimistic;
/// (2) a model that is locally linear in θ over ±2 standard errors; (3) a correct model (no misspecification
/// bias). For parameters resting on a bound the figure describes the unconstrained curvature only.
void covariance(Evaluator& ev, const std::vector<double>& params, ModelFit& out)
{
    const std::size_t p = ev.p(), n = ev.n();
    out.stderrs.assign(p, kNaN);
    out.covariance.clear();
    if (n <= p)
        return;
    Eigen::VectorXd x = Eigen::Map<const Eigen::VectorXd>(params.data(), static_cast<Eigen::Index>(p));
    Eigen::VectorXd g(p);
    Eigen::MatrixXd H(p, p);
    double cost = 0.0;
    if (!ev.full(x, cost, g, H))
        return;
    const double sigma2 =
        ev.weights().cwiseProduct(ev.residuals().cwiseAbs2()).sum() / static_cast<double>(n - p);
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(H);
    if (es.info() != Eigen::Success)
        return;
    const double maxEig = es.eigenvalues().maxCoeff();
    if (!(maxEig > 0.0) || es.eigenvalues().minCoeff() <= maxEig * 1e-14)
        return; // singular: parameters not identifiable from these data
    const Eigen::MatrixXd cov = sigma2 * es.eigenvectors() * es.eigenvalues().cwiseInverse().asDiagonal() *
                                es.eigenvectors().transpose();
    out.covariance.resize(p * p);
    for (std::size_t a = 0; a < p; ++a) {
        for (std::size_t b = 0; b < p; ++b)
            out.covariance[a * p + b] = cov(a, b);
        out.stderrs[a] = std::sqrt(std::max(0.0, cov(a, a)));
    }
}

} // namespace

bool Options::isValid(std::string* why) const
{
    auto fail = [why](const std::string& m) {
        if (why)
            *why = m;
        return false;
    };
    if (!(huberDelta > 0.0) || !std::isfinite(huberDelta))
        return fail("huberDelta must be finite and > 0 (got " + fmt(huberDelta) + ")");
    if (maxIterations < 1)
        return fail("maxIterations must be >= 1 (got " + std::to_string(maxIterations) + ")");
    if (!(functionTolerance >= 0.0) || !std::isfinite(functionTolerance))
        return fail("functionTolerance must be finite and >= 0 (got " + fmt(functionTolerance) + ")");
    if (!(gradientTolerance >= 0.0) || !std::isfinite(gradientTolerance))
        return fail("gradientTolerance must be finite and >= 0 (got " + fmt(gradientTolerance) + ")");
    if (!(parameterTolerance >= 0.0) || !std::isfinite(parameterTolerance))
        return fail("parameterTolerance must be finite and >= 0 (got " + fmt(parameterTolerance) + ")");
    if (maxStarts < 1)
        return fail("maxStarts must be >= 1 (got " + std::to_string(maxStarts) + ")");
    if (screeningIterations < 0)
        return fail("screeningIterations must be >= 0 (got " + std::to_string(screeningIterations) + ")");
    if (refineBest < 1)
        return fail("refineBest must be >= 1 (got " + std::to_string(refineBest) + ")");
    if (!(timeLimitSeconds > 0.0) || std::isnan(timeLimitSeconds))
        return fail("timeLimitSeconds must be > 0 (got " + fmt(timeLimitSeconds) + ")");
    if (why)
        why->clear();
    return true;
}

std::string toString(Status s)
{
    switch (s) {
    case Status::NotRun:
        return "not run";
    case Status::Converged:
        return "converged";
    case Status::MaxIterations:
        return "max iterations";
    case Status::TimeLimit:
        return "time limit";
    case Status::Cancelled:
        return "cancelled";
    case Status::Failed:
        return "failed";
    }
    return "unknown";
}

std::string Summary::briefReport() const
{
    std::ostringstream os;
    os << "LossCast fit: " << toString(status) << ", cost " << fmt(initialCost) << " -> " << fmt(finalCost)
       << ", " << iterations << " iterations, " << starts << " starts, " << residuals << " residuals, "
       << fmt(seconds) << " s";
    if (!message.empty())
        os << " (" << message << ")";
    return os.str();
}

bool Summary::isUsable() const
{
    switch (status) {
    case Status::Converged:
    case Status::MaxIterations:
    case Status::TimeLimit:
    case Status::Cancelled:
        return std::isfinite(finalCost);
    default:
        return false;
    }
}

double objectiveCost(std::span<const double> predicted, std::span<const double> observed,
                     const Options& options)
{
    double c = 0.0;
    for (std::size_t i = 0; i < predicted.size() && i < observed.size(); ++i) {
        if (!std::isfinite(predicted[i]))
            return kInf;
        if (options.objective == Objective::LogHuber) {
            if (predicted[i] <= 0.0 || observed[i] <= 0.0)
                return kInf;
            c += huberRho(std::log(predicted[i]) - std::log(observed[i]), options.huberDelta);
        } else {
            const double r = predicted[i] - observed[i];
            c += 0.5 * r * r;
        }
    }
    return c;
}

ModelFit fitModel(const ResidualModel& model, const std::vector<std::vector<double>>& starts,
                  const Options& options, const Control& control)
{
    const auto t0 = Clock::now();
    ModelFit out;
    Summary& sum = out.summary;
    sum.residuals = model.observed.size();
    auto failed = [&](const std::string& why) {
        sum.status = Status::Failed;
        sum.message = why;
        sum.seconds = secondsSince(t0);
        return out;
    };
    std::string why;
    if (!options.isValid(&why))
        return failed("invalid options: " + why);
    const std::size_t p = model.numParams;
    if (p == 0)
        return failed("the model has no parameters");
    if (!model.evaluate)
        return failed("the model has no evaluate function");
    if (model.observed.empty())
        return failed("no observations to fit");
    if ((!model.lower.empty() && model.lower.size() != p) ||
        (!model.upper.empty() && model.upper.size() != p))
        return failed("bounds must have one entry per parameter");
    for (std::size_t j = 0; j < p; ++j) {
        const double lo = model.lower.empty() ? -kInf : model.lower[j];
        const double hi = model.upper.empty() ? kInf : model.upper[j];
        if (std::isnan(lo) || std::isnan(hi) || lo > hi)
            return failed("invalid bounds for parameter " +
                          (j < model.names.size() ? model.names[j] : std::to_string(j)));
    }
    for (std::size_t i = 0; i < model.observed.size(); ++i) {
        const double y = model.observed[i];
        if (!std::isfinite(y) || (options.objective == Objective::LogHuber && y <= 0.0))
            return failed("observation " + std::to_string(i) + " is " + fmt(y) +
                          "; the log-Huber objective needs finite values > 0");
    }
    if (model.observed.size() < p)
        return failed(std::to_string(model.observed.size()) + " observation(s) cannot determine " +
                      std::to_string(p) + " parameters: give at least " + std::to_string(p) + " points");
    if (starts.empty())
        return failed("no starting points");

    Solver solver(model, options, control, t0);
    const std::size_t nStarts =
        std::min<std::size_t>(starts.size(), static_cast<std::size_t>(options.maxStarts));
    std::vector<Start> states;
    states.reserve(nStarts);
    for (std::size_t k = 0; k < nStarts; ++k) {
        if (starts[k].size() != p)
            return failed("starting point " + std::to_string(k) + " has " + std::to_string(starts[k].size()) +
                          " values, expected " + std::to_string(p));
        Start s;
        s.index = k;
        s.x = Eigen::Map<const Eigen::VectorXd>(starts[k].data(), static_cast<Eigen::Index>(p));
        if (!s.x.allFinite())
            return failed("starting point " + std::to_string(k) + " is not finite");
        states.push_back(std::move(s));
    }

    auto report = [&](double f, const std::string& what) {
        if (control.progress)
            control.progress(std::clamp(f, 0.0, 1.0), what);
    };

    Status stop = Status::NotRun;
    // Phase 1: evaluate and screen every start cheaply.
    double bestInitial = kInf;
    for (std::size_t k = 0; k < states.size() && stop == Status::NotRun; ++k) {
        if ((stop = solver.interruption()) != Status::NotRun)
            break;
        solver.init(states[k]);
        bestInitial = std::min(bestInitial, states[k].initialCost);
        if (options.screeningIterations > 0)
            stop = solver.advance(states[k], options.screeningIterations);
        ++sum.starts;
        report(0.5 * static_cast<double>(k + 1) / static_cast<double>(states.size()), "screening starts");
    }
    // Phase 2: refine the best few to the end (ties broken by start order, so results are deterministic).
    if (stop == Status::NotRun) {
        std::vector<std::size_t> order(states.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return states[a].cost < states[b].cost; });
        const std::size_t nRefine =
            std::min<std::size_t>(order.size(), static_cast<std::size_t>(options.refineBest));
        for (std::size_t r = 0; r < nRefine && stop == Status::NotRun; ++r) {
            Start& s = states[order[r]];
            if (std::isfinite(s.cost))
                stop = solver.advance(s, std::numeric_limits<int>::max());
            report(0.5 + 0.5 * static_cast<double>(r + 1) / static_cast<double>(nRefine),
                   "refining best starts");
        }
    }

    const Start* best = nullptr;
    for (const auto& s : states) {
        sum.iterations += s.iterations;
        if (std::isfinite(s.cost) && (!best || s.cost < best->cost))
            best = &s;
    }
    sum.initialCost = bestInitial;
    sum.seconds = secondsSince(t0);
    if (!best) {
        if (stop != Status::NotRun) {
            sum.status = stop;
            sum.message = stop == Status::Cancelled ? "cancelled before any start was evaluated"
                                                    : "time limit reached before any start was evaluated";
            sum.finalCost = kInf;
            return out;
        }
        return failed(states.empty() ? "no starting points"
                                     : "no starting point gives a finite cost: " + states.front().reason);
    }
    out.params.assign(best->x.data(), best->x.data() + p);
    sum.finalCost = best->cost;
    if (stop != Status::NotRun) {
        sum.status = stop;
        sum.message =
            (stop == Status::Cancelled ? std::string("cancelled")
                                       : "time limit of " + fmt(options.timeLimitSeconds) + " s reached") +
            "; returning the best point so far (start " + std::to_string(best->index) + ")";
    } else {
        sum.status = best->status == Status::NotRun ? Status::MaxIterations : best->status;
        sum.message = best->reason + "; best of " + std::to_string(sum.starts) + " starts (start " +
                      std::to_string(best->index) + ")";
    }
    if (options.computeCovariance)
        covariance(solver.evaluator(), out.params, out);
    else
        out.stderrs.assign(p, kNaN);
    sum.seconds = secondsSince(t0);
    return out;
}

GridFit fitModelOverGrid(std::size_t count, const std::function<ResidualModel(std::size_t)>& makeModel,
                         const std::vector<std::vector<double>>& starts, const Options& options,
                         const Control& control)
{
    const auto t0 = Clock::now();
    GridFit out;
    auto failed = [&](const std::string& why, std::size_t index) {
        out.fit = ModelFit{};
        out.fit.summary.status = Status::Failed;
        out.fit.summary.message = why;
        out.fit.summary.seconds = secondsSince(t0);
        out.index = index;
        return out;
    };
    std::string why;
    if (!options.isValid(&why))
        return failed("invalid options: " + why, 0);
    if (count == 0)
        return failed("empty settings grid", 0);

    bool haveBest = false;
    int iterations = 0, nStarts = 0;
    double bestInitial = kInf;
    Status interrupted = Status::NotRun;
    std::string lastFailure;
    for (std::size_t gi = 0; gi < count; ++gi) {
        ResidualModel model;
        try {
            model = makeModel(gi);
        } catch (const std::exception& e) {
            return failed(e.what(), gi);
        }
        Options sub = options;
        sub.timeLimitSeconds = options.timeLimitSeconds - secondsSince(t0);
        Control subControl;
        subControl.isCancelled = control.isCancelled;
        if (control.progress) {
            subControl.progress = [&control, gi, count](double f, const std::string& what) {
                control.progress((static_cast<double>(gi) + f) / static_cast<double>(count),
                                 count > 1 ? what + " (setting " + std::to_string(gi + 1) + " of " +
                                                 std::to_string(count) + ")"
                                           : what);
            };
        }
        ModelFit mf;
        if (sub.timeLimitSeconds > 0.0) {
            mf = fitModel(model, starts, sub, subControl);
        } else {
            mf.summary.status = Status::TimeLimit;
            mf.summary.finalCost = kInf;
        }
        const Status status = mf.summary.status;
        iterations += mf.summary.iterations;
        nStarts += mf.summary.starts;
        if (std::isfinite(mf.summary.initialCost))
            bestInitial = std::min(bestInitial, mf.summary.initialCost);
        if (status == Status::Failed)
            lastFailure = mf.summary.message;
        if (!mf.params.empty() && std::isfinite(mf.summary.finalCost) &&
            (!haveBest || mf.summary.finalCost < out.fit.summary.finalCost)) {
            out.fit = std::move(mf);
            out.index = gi;
            haveBest = true;
        }
        if (status == Status::Cancelled || status == Status::TimeLimit) {
            interrupted = status;
            break;
        }
    }
    if (!haveBest) {
        if (interrupted == Status::NotRun)
            return failed(lastFailure.empty() ? "no grid point gave a result" : lastFailure, 0);
        failed(interrupted == Status::Cancelled ? "cancelled before any result"
                                                : "time limit reached before any result",
               0);
        out.fit.summary.status = interrupted;
        out.fit.summary.finalCost = kInf;
        return out;
    }
    Summary& s = out.fit.summary;
    s.initialCost = bestInitial;
    s.iterations = iterations;
    s.starts = nStarts;
    s.seconds = secondsSince(t0);
    if (interrupted != Status::NotRun)
        s.status = interrupted;
    if (count > 1)
        s.message += "; setting grid point " + std::to_string(out.index + 1) + " of " + std::to_string(count);
    return out;
}

} // namespace losscast::core::fit
