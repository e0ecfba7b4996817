#include "core/scaling/chinchilla.h"

#include "core/mixing/table.h"
#include "core/util/textfile.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>

// Chinchilla law: Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models" (arXiv 2203.15556),
// Sec. 3.3 (Approach 3) and Appendix D.2: L(N, D) = E + A/N^α + B/D^β, fitted by minimising the Huber loss
// (δ = 1e-3) between LSE(a − α log N, b − β log D, e) and log L over a grid of initialisations; Besiroglu et
// al. 2024 (arXiv 2404.10102) reproduce the procedure and fit E 1.82, A 482, B 2085, α 0.348, β 0.366 on
// the Chinchilla paper's points (Table 1). Optimal allocation under C = 6ND: Hoffmann et al. Eq. 4 and
// Appendix D.2 (the closed form below).

namespace losscast::core::scaling {

namespace {

using Clock = std::chrono::steady_clock;

std::string lower(std::string s)
{
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

Diagnostic error(const std::string& file, std::int64_t line, const std::string& where, const std::string& msg)
{
    Diagnostic d;
    d.file = file;
    d.line = line;
    d.where = where;
    d.message = msg;
    return d;
}

/// L̂ for x = (e, a, b, α, β) and the Jacobian row dL̂/dx.
fit::ResidualModel makeModel(const std::vector<ScalingRun>& runs)
{
    fit::ResidualModel m;
    m.numParams = 5;
    m.names = {"e", "a", "b", "alpha", "beta"};
    // Bounds keep exp() finite; α, β ≥ 0 as in the papers' grids.
    m.lower = {-20.0, -20.0, -20.0, 0.0, 0.0};
    m.upper = {20.0, 60.0, 60.0, 3.0, 3.0};
    std::vector<double> logN, logD;
    for (const auto& r : runs) {
        m.observed.push_back(r.loss);
        logN.push_back(std::log(r.n));
        logD.push_back(std::log(r.d));
    }
    m.evaluate = [logN, logD](std::span<const double> x, std::span<double> y, double* jac) {
        const double E = std::exp(x[0]);
        for (std::size_t i = 0; i < logN.size(); ++i) {
            const double tn = std::exp(x[1] - x[3] * logN[i]);
            const double td = std::exp(x[2] - x[4] * logD[i]);
            y[i] = E + tn + td;
            if (jac) {
                double* row = jac + 5 * i;
                row[0] = E;
                row[1] = tn;
                row[2] = td;
                row[3] = -tn * logN[i];
                row[4] = -td * logD[i];
            }
        }
    };
    return m;
}

double huber(double r, double delta)
{
    const double a = std::abs(r);
    return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
}

/// Hoffmann et al.'s grid of initialisations, each with its objective; best first.
std::vector<std::pair<double, std::vector<double>>> gridStarts(const std::vector<ScalingRun>& runs,
                                                               double delta)
{
    std::vector<double> logN, logD, logL;
    for (const auto& r : runs) {
        logN.push_back(std::log(r.n));
        logD.push_back(std::log(r.d));
        logL.push_back(std::log(r.loss));
    }
    std::vector<std::pair<double, std::vector<double>>> out;
    for (double alpha = 0.0; alpha <= 2.0 + 1e-9; alpha += 0.5)
        for (double beta = 0.0; beta <= 2.0 + 1e-9; beta += 0.5)
            for (double e = -1.0; e <= 1.0 + 1e-9; e += 0.5)
                for (double a = 0.0; a <= 25.0 + 1e-9; a += 5.0)
                    for (double b = 0.0; b <= 25.0 + 1e-9; b += 5.0) {
                        double cost = 0.0;
                        for (std::size_t i = 0; i < logN.size(); ++i) {
                            const double u = a - alpha * logN[i], v = b - beta * logD[i];
                            const double mx = std::max({u, v, e});
                            const double lse =
                                mx + std::log(std::exp(u - mx) + std::exp(v - mx) + std::exp(e - mx));
                            cost += huber(lse - logL[i], delta);
                        }
                        out.push_back({cost, {e, a, b, alpha, beta}});
                    }
    std::stable_sort(out.begin(), out.end(), [](const auto& l, const auto& r) { return l.first < r.first; });
    return out;
}

ChinchillaParams fromX(std::span<const double> x)
{
    return {std::exp(x[0]), std::exp(x[1]), std::exp(x[2]), x[3], x[4]};
}

} // namespace

double ChinchillaParams::predict(double n, double d) const
{
    return E + A * std::pow(n, -alpha) + B * std::pow(d, -beta);
}

Result<RunsTable> parseRunsTable(std::string_view text, const std::string& source, const RunsColumns& columns)
{
    auto table = mixing::parseTable(text, source);
    if (!table)
        return Result<RunsTable>{std::nullopt, table.diagnostics};
    const auto& header = table->header;
    auto find = [&](const std::string& given, std::initializer_list<const char*> names, const char* role,
                    bool required, std::string& chosen) -> std::optional<Diagnostic> {
        if (!given.empty()) {
            for (const auto& h : header)
                if (h == given || lower(h) == lower(given)) {
                    chosen = h;
                    return std::nullopt;
                }
            return error(source, 1, given, "no column '" + given + "' for " + role);
        }
        for (const char* n : names)
            for (const auto& h : header)
                if (lower(h) == n) {
                    chosen = h;
                    return std::nullopt;
                }
        if (!required)
            return std::nullopt;
        std::string list;
        for (const char* n : names)
            list += (list.empty() ? "" : ", ") + std::string(n);
        return error(source, 1, "",
                     std::string("no column for ") + role + " (looked for " + list +
                         "; name it with the option for that column)");
    };
    RunsTable out;
    out.source = source;
    if (auto e = find(columns.n, {"n", "params", "n_params", "num_params", "parameters"},
                      "the model size N (--n COL)", true, out.nColumn))
        return Result<RunsTable>::failure(*e);
    if (auto e = find(columns.loss, {"loss", "final_loss", "val_loss", "val/loss", "eval/loss"},
                      "the final loss (--loss COL)", true, out.lossColumn))
        return Result<RunsTable>::failure(*e);
    // --d A*B*C: D is the product of columns or numbers (a W&B runs table has iterations, batch size and
    // context length, not tokens).
    std::vector<std::string> dFactors;
    if (columns.d.find('*') != std::string::npos) {
        std::size_t pos = 0;
        while (pos <= columns.d.size()) {
            const std::size_t star = std::min(columns.d.find('*', pos), columns.d.size());
            std::string f = columns.d.substr(pos, star - pos);
            while (!f.empty() && f.front() == ' ')
                f.erase(f.begin());
            while (!f.empty() && f.back() == ' ')
                f.pop_back();
            double v = 0.0;
            if (!mixing::parseNumber(f, v)) {
                std::string chosen;
                if (auto e = find(f, {}, "a factor of D (--d)", true, chosen))
                    return Result<RunsTable>::failure(*e);
                f = chosen;
            }
            dFactors.push_back(f);
            pos = star + 1;
        }
        out.dColumn = columns.d;
    } else if (auto e = find(columns.d, {"d", "tokens", "n_tokens", "num_tokens"},
                             "the training tokens D (--d COL)", false, out.dColumn)) {
        return Result<RunsTable>::failure(*e);
    }
    if (out.dColumn.empty()) {
        if (auto e = find(columns.flops, {"flops", "compute", "c"}, "the FLOPs C (--flops COL)", false,
                          out.flopsColumn))
            return Result<RunsTable>::failure(*e);
        if (out.flopsColumn.empty())
            return Result<RunsTable>::failure(
                error(source, 1, "",
                      "no column for the training tokens D (looked for d, tokens, n_tokens, "
                      "num_tokens; --d COL) nor for the FLOPs C (flops, compute, c; --flops COL), "
                      "from which D = C / (6N)"));
    }
    auto index = [&](const std::string& name) {
        return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    };
    std::string nameColumn;
    find("", {"name", "run", "run_name", "tag", "id", "model"}, "the run's name", false, nameColumn);
    const std::size_t iname = nameColumn.empty() ? header.size() : index(nameColumn);
    const std::size_t in = index(out.nColumn), il = index(out.lossColumn);
    const bool fromFlops = out.dColumn.empty();
    const std::size_t id = dFactors.empty() ? index(fromFlops ? out.flopsColumn : out.dColumn) : 0;
    std::vector<Diagnostic> warnings;
    for (std::size_t r = 0; r < table->rows.size(); ++r) {
        const auto& row = table->rows[r];
        const std::int64_t line = table->lines[r];
        double v[3] = {0, 0, 0};
        const std::size_t cols[3] = {in, id, il};
        const std::string names[3] = {out.nColumn, fromFlops ? out.flopsColumn : out.dColumn, out.lossColumn};
        bool empty = false;
        for (int k = 0; k < 3; ++k) {
            if (k == 1 && !dFactors.empty()) {
                // Product of the factors; each checked like a column.
                double prod = 1.0;
                for (const auto& f : dFactors) {
                    double fv = 0.0;
                    if (mixing::parseNumber(f, fv)) {
                        prod *= fv;
                        continue;
                    }
                    const std::string& cell = row[index(f)];
                    if (!mixing::parseNumber(cell, fv) || !std::isfinite(fv) || !(fv > 0.0))
                        return Result<RunsTable>{
                            std::nullopt,
                            {error(source, line, f,
                                   "column '" + f + "' (a factor of D): expected a number > 0, got '" + cell +
                                       "'")}};
                    prod *= fv;
                }
                v[1] = prod;
                continue;
            }
            const std::string& cell = row[cols[k]];
            if (cell.empty() || lower(cell) == "nan" || cell == "-") {
                empty = true;
                Diagnostic w =
                    error(source, line, names[k], "no value in column '" + names[k] + "': run skipped");
                w.severity = Diagnostic::Severity::Warning;
                warnings.push_back(std::move(w));
                break;
            }
            if (!mixing::parseNumber(cell, v[k]) || !std::isfinite(v[k]))
                return Result<RunsTable>{
                    std::nullopt,
                    {error(source, line, names[k],
                           "column '" + names[k] + "': expected a number, got '" + cell + "'")}};
            if (!(v[k] > 0.0))
                return Result<RunsTable>{
                    std::nullopt,
                    {error(source, line, names[k],
                           "column '" + names[k] + "': expected a value > 0, got " + cell)}};
        }
        if (empty)
            continue;
        ScalingRun run;
        run.n = v[0];
        run.d = fromFlops ? v[1] / (6.0 * v[0]) : v[1];
        run.loss = v[2];
        run.line = line;
        if (iname < row.size())
            run.name = row[iname];
        out.runs.push_back(run);
    }
    if (out.runs.size() < 5)
        return Result<RunsTable>{
            std::nullopt,
            {error(source, 0, "",
                   "too few runs: " + std::to_string(out.runs.size()) +
                       " with N, D and a loss; the law has 5 parameters (E, A, B, alpha, "
                       "beta) and needs at least 5 runs, better several sizes × several "
                       "token counts")}};
    return Result<RunsTable>::success(std::move(out), std::move(warnings));
}

Result<RunsTable> readRunsTable(const std::string& path, const RunsColumns& columns)
{
    auto text = readTextFile(path);
    if (!text)
        return Result<RunsTable>{std::nullopt, text.diagnostics};
    return parseRunsTable(*text, path, columns);
}

ChinchillaFit fitChinchilla(const std::vector<ScalingRun>& runs, const ChinchillaOptions& options,
                            const fit::Control& control)
{
    const auto t0 = Clock::now();
    ChinchillaFit out;
    out.runs = runs.size();
    if (runs.size() < 5) {
        out.summary.status = fit::Status::Failed;
        out.summary.message = "needs at least 5 runs, got " + std::to_string(runs.size());
        return out;
    }
    const auto grid = gridStarts(runs, options.huberDelta);
    out.gridStarts = static_cast<int>(grid.size());
    std::vector<std::vector<double>> starts;
    for (std::size_t k = 0; k < grid.size() && static_cast<int>(k) < options.refine; ++k)
        starts.push_back(grid[k].second);
    out.gridBest = grid.front().second;
    fit::Options o;
    o.huberDelta = options.huberDelta;
    o.maxStarts = options.refine;
    o.refineBest = 4;
    o.maxIterations = 500;
    o.timeLimitSeconds = options.timeLimitSeconds;
    const auto f = fit::fitModel(makeModel(runs), starts, o, control);
    out.summary = f.summary;
    out.summary.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    if (f.params.size() != 5)
        return out;
    out.x = f.params;
    out.params = fromX(f.params);
    if (f.covariance.size() == 25) {
        // (E, A, B, α, β) = (e^e, e^a, e^b, α, β): Jacobian diag(E, A, B, 1, 1).
        const double g[5] = {out.params.E, out.params.A, out.params.B, 1.0, 1.0};
        out.covariance.resize(25);
        for (int i = 0; i < 5; ++i)
            for (int j = 0; j < 5; ++j)
                out.covariance[i * 5 + j] = g[i] * g[j] * f.covariance[i * 5 + j];
        auto se = [&](int i) { return std::sqrt(std::max(0.0, out.covariance[i * 6])); };
        out.stderrs = {se(0), se(1), se(2), se(3), se(4)};
    } else {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        out.stderrs = {nan, nan, nan, nan, nan};
    }
    return out;
}

ChinchillaBootstrap bootstrapChinchilla(const std::vector<ScalingRun>& runs, const ChinchillaFit& fit,
                                        int replicates, std::uint64_t seed, double timeLimitSeconds,
                                        const fit::Control& control)
{
    const auto t0 = Clock::now();
    ChinchillaBootstrap out;
    out.requested = replicates;
    if (fit.x.size() != 5 || runs.size() < 5)
        return out;
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::size_t> pick(0, runs.size() - 1);
    fit::Options o;
    o.maxStarts = 2;
    o.refineBest = 2;
    o.maxIterations = 200;
    o.computeCovariance = false;
    o.timeLimitSeconds = timeLimitSeconds;
    std::vector<std::vector<double>> starts = {fit.x};
    if (fit.gridBest.size() == 5)
        starts.push_back(fit.gridBest);
    for (int r = 0; r < replicates; ++r) {
        if (control.isCancelled && control.isCancelled())
            break;
        if (std::chrono::duration<double>(Clock::now() - t0).count() > timeLimitSeconds)
            break;
        std::vector<ScalingRun> sample(runs.size());
        for (auto& s : sample)
            s = runs[pick(rng)];
        const auto f = fit::fitModel(makeModel(sample), starts, o);
        if (f.params.size() != 5 || !f.summary.isUsable())
            continue;
        const auto p = fromX(f.params);
        out.samples.push_back({p.E, p.A, p.B, p.alpha, p.beta});
    }
    out.succeeded = static_cast<int>(out.samples.size());
    out.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    return out;
}

double percentile(std::vector<double> values, double q)
{
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }),
                 values.end());
    if (values.empty())
        return std::numeric_limits<double>::quiet_NaN();
    std::sort(values.begin(), values.end());
    const double pos = std::clamp(q, 0.0, 1.0) * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const auto hi = std::min(lo + 1, values.size() - 1);
    return values[lo] + (pos - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

Allocation optimalForFlops(const ChinchillaParams& p, double flops)
{
    Allocation a;
    a.flops = flops;
    const double s = p.alpha + p.beta;
    const double G = std::pow(p.alpha * p.A / (p.beta * p.B), 1.0 / s);
    const double c6 = flops / 6.0;
    a.n = G * std::pow(c6, p.beta / s);
    a.d = std::pow(c6, p.alpha / s) / G;
    a.loss = p.predict(a.n, a.d);
    return a;
}

std::optional<Allocation> optimalForLoss(const ChinchillaParams& p, double loss)
{
    if (!(loss > p.E))
        return std::nullopt;
    const double s = p.alpha + p.beta;
    const double G = std::pow(p.alpha * p.A / (p.beta * p.B), 1.0 / s);
    const double K = p.A * std::pow(G, -p.alpha) + p.B * std::pow(G, p.beta);
    const double g = p.alpha * p.beta / s;
    // L − E = K·(C/6)^(−g)  ⇒  C = 6·((L − E)/K)^(−1/g)
    const double flops = 6.0 * std::pow((loss - p.E) / K, -1.0 / g);
    auto a = optimalForFlops(p, flops);
    return a;
}

} // namespace losscast::core::scaling
