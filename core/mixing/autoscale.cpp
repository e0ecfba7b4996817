#include "core/mixing/autoscale.h"

#include "core/mixing/simplex.h"
#include "core/mixing/table.h"

#include <algorithm>
#include <cmath>
#include <memory>

namespace losscast::core::mixing {

namespace {

std::string lower(std::string s)
{
    for (char& c : s)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return s;
}

Diagnostic err(const std::string& file, std::int64_t line, const std::string& where, const std::string& msg)
{
    return Diagnostic{Diagnostic::Severity::Error, file, line, where, msg};
}

/// The number at the start of `cell`; anything after it must be a note (whitespace then '(' or ';').
bool leadingNumber(const std::string& cell, double& out)
{
    if (parseNumber(cell, out))
        return true;
    const auto cut = cell.find_first_of(" (;");
    if (cut == std::string::npos || cut == 0)
        return false;
    const auto rest = cell.find_first_not_of(' ', cut);
    if (rest == std::string::npos || (cell[rest] != '(' && cell[rest] != ';'))
        return false;
    return parseNumber(cell.substr(0, cut), out);
}

/// "column 5 (c4)": the 1-based column number and its header, for messages.
std::string columnName(const std::vector<std::string>& header, std::size_t c)
{
    return "column " + std::to_string(c + 1) + " (" + (c < header.size() ? header[c] : std::string()) + ")";
}
std::string columnName(const std::vector<std::string>& header, int c)
{
    return columnName(header, static_cast<std::size_t>(c));
}

bool isLabelHeader(const std::string& h)
{
    return h == "source" || h == "label" || h == "scale" || h == "name";
}

} // namespace

double autoscaleCurve(double x, double a, double b, double c)
{
    return std::pow(x + a, -b) + c;
}

AutoScaleDomainFit fitAutoScaleDomain(const std::string& domain, const std::vector<double>& x,
                                      const std::vector<double>& ratio)
{
    AutoScaleDomainFit out;
    out.domain = domain;
    out.x = x;
    out.ratio = ratio;
    if (x.size() != ratio.size() || x.size() < 3) {
        out.summary.status = fit::Status::Failed;
        out.summary.message = "domain '" + domain + "': at least 3 points (multiplier, ratio) are needed";
        return out;
    }
    const double minX = *std::min_element(x.begin(), x.end());
    fit::ResidualModel m;
    m.numParams = 3;
    m.names = {"a", "b", "c"};
    m.observed = ratio;
    m.lower = {-minX + 1e-6, 1e-6, -100.0};
    m.upper = {1e3, 20.0, 100.0};
    auto xs = std::make_shared<std::vector<double>>(x);
    m.evaluate = [xs](std::span<const double> p, std::span<double> pred, double* jac) {
        for (std::size_t i = 0; i < xs->size(); ++i) {
            const double base = (*xs)[i] + p[0], lb = std::log(base), pw = std::exp(-p[1] * lb);
            pred[i] = pw + p[2];
            if (jac) {
                jac[3 * i + 0] = -p[1] * pw / base;
                jac[3 * i + 1] = -lb * pw;
                jac[3 * i + 2] = 1.0;
            }
        }
    };
    // Starts: a grid over (a, b) with c from the mean residual, so each start already passes near the points.
    std::vector<std::vector<double>> starts;
    for (double a : {0.5, 1.0, 2.0, 3.0, 5.0, 8.0})
        for (double b : {0.5, 1.0, 1.5, 2.0, 3.0}) {
            double c = 0.0;
            for (std::size_t i = 0; i < x.size(); ++i)
                c += ratio[i] - std::pow(x[i] + a, -b);
            starts.push_back({a, b, c / static_cast<double>(x.size())});
        }
    fit::Options o;
    o.objective = fit::Objective::LeastSquares;
    o.maxStarts = static_cast<int>(starts.size());
    o.refineBest = 5;
    o.maxIterations = 2000;
    o.functionTolerance = 1e-20;
    o.gradientTolerance = 1e-20;
    o.parameterTolerance = 1e-14;
    o.computeCovariance = x.size() > 3;
    // With three points the interpolating curve is not unique (e.g. github in the repository's table has a
    // second one with b ≈ 0.03). The start (1, 1, 1) — scipy's curve_fit default, which the repository's fits
    // used — is kept unless the grid finds a clearly lower cost.
    auto mf = fit::fitModel(m, {{1.0, 1.0, 1.0}}, o);
    const auto grid = fit::fitModel(m, starts, o);
    if (!mf.summary.isUsable() ||
        (grid.summary.isUsable() &&
         grid.summary.finalCost < mf.summary.finalCost - 1e-6 * mf.summary.finalCost - 1e-14))
        mf = grid;
    out.summary = mf.summary;
    if (mf.params.size() == 3) {
        out.a = mf.params[0];
        out.b = mf.params[1];
        out.c = mf.params[2];
    }
    return out;
}

Result<Perturbations> parsePerturbations(std::string_view text, const std::string& source,
                                         const std::string& valueColumn)
{
    using R = Result<Perturbations>;
    auto t = parseTable(text, source);
    if (!t)
        return R::failure(t.diagnostics.front());
    int domCol = -1, multCol = -1, valCol = -1;
    std::vector<int> meanCols;
    for (std::size_t c = 0; c < t->header.size(); ++c) {
        const std::string h = lower(t->header[c]);
        if (domCol < 0 && (h == "perturbed_domain" || h == "domain"))
            domCol = static_cast<int>(c);
        else if (multCol < 0 && h.find("multiplier") != std::string::npos)
            multCol = static_cast<int>(c);
        else if (!valueColumn.empty() ? t->header[c] == valueColumn
                                      : (valCol < 0 && h.find("avg") != std::string::npos))
            valCol = static_cast<int>(c);
        else if (h.rfind("val_ppl", 0) == 0 || h.rfind("ppl", 0) == 0 || h.find("loss") != std::string::npos)
            meanCols.push_back(static_cast<int>(c));
    }
    if (domCol < 0)
        return R::failure(err(source, 0, {}, "no domain column (perturbed_domain or domain)"));
    if (multCol < 0)
        return R::failure(err(source, 0, {}, "no multiplier column (a header containing 'multiplier')"));
    if (!valueColumn.empty() && valCol < 0)
        return R::failure(err(source, 0, valueColumn, "no column named '" + valueColumn + "'"));
    if (valCol < 0 && meanCols.empty())
        return R::failure(
            err(source, 0, {}, "no value column (one containing 'avg', or val_ppl*/ppl*/*loss*)"));
    Perturbations p;
    bool haveBase = false;
    for (std::size_t r = 0; r < t->rows.size(); ++r) {
        const auto& row = t->rows[r];
        const std::int64_t line = t->lines[r];
        double x = 0.0, v = 0.0;
        if (!leadingNumber(row[static_cast<std::size_t>(multCol)], x) || !(x > 0.0) || !std::isfinite(x))
            return R::failure(
                err(source, line, columnName(t->header, multCol),
                    "expected a multiplier > 0, got '" + row[static_cast<std::size_t>(multCol)] + "'"));
        if (valCol >= 0) {
            if (!parseNumber(row[static_cast<std::size_t>(valCol)], v) || !(v > 0.0) || !std::isfinite(v))
                return R::failure(
                    err(source, line, columnName(t->header, valCol),
                        "expected a value > 0, got '" + row[static_cast<std::size_t>(valCol)] + "'"));
        } else {
            for (int c : meanCols) {
                double one = 0.0;
                if (!parseNumber(row[static_cast<std::size_t>(c)], one) || !(one > 0.0) ||
                    !std::isfinite(one))
                    return R::failure(
                        err(source, line, columnName(t->header, c),
                            "expected a value > 0, got '" + row[static_cast<std::size_t>(c)] + "'"));
                v += one / static_cast<double>(meanCols.size());
            }
        }
        const std::string dom = row[static_cast<std::size_t>(domCol)];
        const std::string dl = lower(dom);
        if (dl.empty() || dl.rfind("none", 0) == 0 || dl.rfind("base", 0) == 0 ||
            dl.rfind("uniform", 0) == 0) {
            if (haveBase)
                return R::failure(err(source, line, {}, "a second base run"));
            if (std::abs(x - 1.0) > 1e-12)
                return R::failure(err(source, line, {}, "the base run must have multiplier 1"));
            p.base = v;
            haveBase = true;
            continue;
        }
        auto it = std::find(p.domains.begin(), p.domains.end(), dom);
        if (it == p.domains.end()) {
            p.domains.push_back(dom);
            p.runs.emplace_back();
            it = p.domains.end() - 1;
        }
        p.runs[static_cast<std::size_t>(it - p.domains.begin())].emplace_back(x, v);
    }
    if (!haveBase)
        return R::failure(err(source, 0, {}, "no base run (domain 'none' or 'base', multiplier 1)"));
    for (std::size_t j = 0; j < p.domains.size(); ++j)
        if (p.runs[j].size() < 2)
            return R::failure(
                err(source, 0, p.domains[j],
                    "domain '" + p.domains[j] + "' needs at least 2 perturbation runs (plus the base)"));
    return R::success(std::move(p));
}

std::vector<AutoScaleDomainFit> fitPerturbations(const Perturbations& p)
{
    std::vector<AutoScaleDomainFit> fits;
    for (std::size_t j = 0; j < p.domains.size(); ++j) {
        std::vector<double> x{1.0}, y{1.0};
        for (const auto& [m, v] : p.runs[j]) {
            x.push_back(m);
            y.push_back(v / p.base);
        }
        fits.push_back(fitAutoScaleDomain(p.domains[j], x, y));
    }
    return fits;
}

DdoResult optimizeDdo(const std::vector<AutoScaleDomainFit>& fits, double totalTokens, double minMultiplier,
                      double maxMultiplier, const std::vector<double>& fixedMultipliers)
{
    DdoResult out;
    const std::size_t D = fits.size();
    if (D == 0) {
        out.message = "no domains";
        return out;
    }
    std::vector<double> lo(D, minMultiplier), hi(D, maxMultiplier);
    for (std::size_t j = 0; j < D; ++j)
        lo[j] = std::max(lo[j], -fits[j].a + 1e-9); // stay in the curve's domain
    for (std::size_t j = 0; j < D && j < fixedMultipliers.size(); ++j)
        if (std::isfinite(fixedMultipliers[j]))
            lo[j] = hi[j] = fixedMultipliers[j];
    auto f = [&](std::span<const double> x, std::span<double> g) {
        double v = 0.0;
        for (std::size_t j = 0; j < D; ++j) {
            const double base = x[j] + fits[j].a;
            if (!(base > 0.0))
                return std::numeric_limits<double>::infinity();
            const double pw = std::pow(base, -fits[j].b);
            v += pw + fits[j].c;
            if (!g.empty())
                g[j] = -fits[j].b * pw / base;
        }
        return v;
    };
    const auto res = minimizeOnSimplex(f, lo, hi, static_cast<double>(D));
    out.converged = res.converged;
    out.message = res.message;
    out.multipliers = res.x;
    out.predicted = res.value;
    for (double x : res.x) {
        out.weights.push_back(x / static_cast<double>(D));
        out.tokens.push_back(x / static_cast<double>(D) * totalTokens);
    }
    return out;
}

Result<OptimaTable> parseOptima(std::string_view text, const std::string& source)
{
    using R = Result<OptimaTable>;
    auto t = parseTable(text, source);
    if (!t)
        return R::failure(t.diagnostics.front());
    if (t->rows.empty())
        return R::failure(err(source, 0, {}, "no rows"));
    int labelCol = -1, totalCol = -1;
    std::vector<std::size_t> domCols;
    for (std::size_t c = 0; c < t->header.size(); ++c) {
        const std::string h = lower(t->header[c]);
        double dummy = 0.0;
        if (totalCol < 0 && h.rfind("total", 0) == 0)
            totalCol = static_cast<int>(c);
        else if (labelCol < 0 && (isLabelHeader(h) || !parseNumber(t->rows[0][c], dummy)))
            labelCol = static_cast<int>(c);
        else
            domCols.push_back(c);
    }
    if (domCols.empty())
        return R::failure(err(source, 0, {}, "no domain columns"));
    OptimaTable out;
    for (std::size_t c : domCols)
        out.domains.push_back(t->header[c]);
    if (totalCol >= 0) {
        const std::string& h = t->header[static_cast<std::size_t>(totalCol)];
        const auto open = h.rfind('('), close = h.rfind(')');
        const auto under = h.rfind('_');
        std::string unit = open != std::string::npos && close != std::string::npos && close > open + 1
                               ? h.substr(open + 1, close - open - 1)
                           : under != std::string::npos ? h.substr(under + 1)
                                                        : std::string();
        if (unit == "K" || unit == "M" || unit == "B" || unit == "G" || unit == "T")
            out.unit = unit;
    }
    for (std::size_t r = 0; r < t->rows.size(); ++r) {
        ScaleOptimum s;
        s.label = labelCol >= 0 ? t->rows[r][static_cast<std::size_t>(labelCol)] : std::to_string(r + 1);
        double sum = 0.0;
        for (std::size_t c : domCols) {
            double v = 0.0;
            if (!parseNumber(t->rows[r][c], v) || !(v > 0.0) || !std::isfinite(v))
                return R::failure(err(source, t->lines[r], columnName(t->header, c),
                                      "expected a token count > 0, got '" + t->rows[r][c] + "'"));
            s.tokens.push_back(v);
            sum += v;
        }
        s.total = sum;
        if (totalCol >= 0) {
            const auto& cell = t->rows[r][static_cast<std::size_t>(totalCol)];
            if (!parseNumber(cell, s.total) || !(s.total > 0.0))
                return R::failure(err(source, t->lines[r], columnName(t->header, totalCol),
                                      "expected a total > 0, got '" + cell + "'"));
            if (std::abs(s.total - sum) > 1e-3 * sum)
                return R::failure(err(source, t->lines[r], columnName(t->header, totalCol),
                                      "the total " + cell + " differs from the sum of the domains (" +
                                          std::to_string(sum) + ")"));
        }
        out.rows.push_back(std::move(s));
    }
    return R::success(std::move(out));
}

std::pair<std::size_t, std::size_t> defaultAutoScaleBases(const OptimaTable& table)
{
    if (table.rows.size() < 2)
        return {0, 0};
    std::vector<std::size_t> measured;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const std::string l = lower(table.rows[r].label);
        if (l.find("pred") == std::string::npos && l.find("extrapol") == std::string::npos &&
            l.find("interp") == std::string::npos)
            measured.push_back(r);
    }
    if (measured.size() < 2)
        return {0, 1};
    auto byTotal = [&](std::size_t a, std::size_t b) { return table.rows[a].total < table.rows[b].total; };
    const auto [lo, hi] = std::minmax_element(measured.begin(), measured.end(), byTotal);
    if (*lo == *hi) // every total equal: no baseline to widen
        return {measured[0], measured[1]};
    return {*lo, *hi};
}

AutoScaleFileKind detectAutoScaleFile(std::string_view text)
{
    // Only the header line matters; parse at most the first few lines so a large log is not read twice.
    // `text` may be the head of a larger file: cut after the last complete line (up to 8) so a cut-off row
    // does not fail parsing; a single line without a line end is taken whole.
    std::size_t end = 0;
    for (int lines = 0; lines < 8; ++lines) {
        const std::size_t next = text.find('\n', end);
        if (next == std::string_view::npos)
            break;
        end = next + 1;
    }
    const auto t = parseTable(end == 0 ? text : text.substr(0, end), "");
    if (!t)
        return AutoScaleFileKind::None;
    bool domain = false, multiplier = false, total = false, label = false, logColumn = false;
    for (const auto& cell : t->header) {
        const std::string h = lower(cell);
        domain = domain || h == "perturbed_domain" || h == "domain";
        multiplier = multiplier || h.find("multiplier") != std::string::npos;
        total = total || h.rfind("total", 0) == 0;
        label = label || isLabelHeader(h);
        logColumn = logColumn || h == "step" || h == "steps" || h == "iteration" || h == "iter";
    }
    if (domain && multiplier)
        return AutoScaleFileKind::Perturbations;
    if (total && label && !logColumn)
        return AutoScaleFileKind::Optima;
    return AutoScaleFileKind::None;
}

std::vector<double> autoscaleStep(const std::vector<double>& n1, const std::vector<double>& n2, double s)
{
    std::vector<double> out(n2.size());
    for (std::size_t j = 0; j < n2.size(); ++j)
        out[j] = n2[j] * std::pow(n2[j] / n1[j], s);
    return out;
}

Result<ScaleOptimum> autoscaleAtTotal(const std::vector<double>& n1, const std::vector<double>& n2,
                                      double total)
{
    using R = Result<ScaleOptimum>;
    if (n1.size() != n2.size() || n1.empty())
        return R::failure(err({}, 0, {}, "the two optima must have the same domains"));
    for (std::size_t j = 0; j < n1.size(); ++j)
        if (!(n1[j] > 0.0) || !(n2[j] > 0.0))
            return R::failure(err({}, 0, {}, "token counts must be > 0"));
    auto F = [&](double s) {
        double sum = 0.0;
        for (double v : autoscaleStep(n1, n2, s))
            sum += v;
        return sum;
    };
    const bool grows = F(0.0) >= F(-1.0);
    // Bracket [lo, hi] with F(lo) ≤ total ≤ F(hi) along the direction in which the total moves that way.
    double a = 0.0, b = grows ? 1.0 : -1.0;
    const double fa = F(0.0);
    const bool up = total >= fa;
    if (!up)
        b = -b;
    bool found = false;
    for (int i = 0; i < 40; ++i) {
        const double fb = F(b);
        if (std::isfinite(fb) && (up ? fb >= total : fb <= total)) {
            found = true;
            break;
        }
        a = b;
        b *= 2.0;
    }
    if (!found || !(std::abs(b) < 1e12))
        return R::failure(
            err({}, 0, {}, "the AutoScale trajectory never reaches a total of " + std::to_string(total)));
    for (int i = 0; i < 200; ++i) {
        const double m = 0.5 * (a + b);
        const double fm = F(m);
        if ((fm >= total) == up)
            b = m;
        else
            a = m;
    }
    ScaleOptimum s;
    s.step = 0.5 * (a + b);
    s.tokens = autoscaleStep(n1, n2, s.step);
    s.total = 0.0;
    for (double v : s.tokens)
        s.total += v;
    return R::success(std::move(s));
}

} // namespace losscast::core::mixing
