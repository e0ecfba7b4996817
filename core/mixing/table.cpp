#include "core/mixing/table.h"
#include "core/io/textcheck.h"

#include "core/util/csvtext.h"
#include "core/util/textfields.h"
#include "core/util/textfile.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>
#include <unordered_map>

namespace losscast::core::mixing {

namespace {

bool startsWith(std::string_view s, std::string_view p)
{
    return s.substr(0, p.size()) == p;
}

Diagnostic error(const std::string& file, std::int64_t line, const std::string& where, const std::string& msg)
{
    return Diagnostic{Diagnostic::Severity::Error, file, line, where, msg};
}

Diagnostic warning(const std::string& file, std::int64_t line, const std::string& msg)
{
    return Diagnostic{Diagnostic::Severity::Warning, file, line, {}, msg};
}

bool isIndexName(const std::string& n)
{
    return n == "index" || n == "id" || n == "run" || n == "run_id" || n == "name" || n.empty();
}

/// Reads the numeric cells of a column into `out`; an empty or non-numeric cell is an error naming the line.
bool numberAt(const TextTable& t, std::size_t row, std::size_t col, double& out,
              std::vector<Diagnostic>& diags)
{
    const std::string& cell = t.rows[row][col];
    if (cell.empty()) {
        diags.push_back(
            error(t.source, t.lines[row], t.header[col], "missing value in column '" + t.header[col] + "'"));
        return false;
    }
    if (!parseNumber(cell, out) || !std::isfinite(out)) {
        diags.push_back(error(t.source, t.lines[row], t.header[col],
                              "column '" + t.header[col] + "': expected a number, got '" + cell + "'"));
        return false;
    }
    return true;
}

/// How far a row's proportions may sum from 1 before the normalisation is worth a warning.
constexpr double kRoundingTolerance = 1e-2;

/// Appends one run built from `mixRow` of `mt` (columns with their roles) and `lossRow` of `lt`.
bool appendRun(Experiments& e, const TextTable& mt, std::size_t mixRow, const std::vector<ColumnRole>& mroles,
               const TextTable& lt, std::size_t lossRow, const std::vector<ColumnRole>& lroles,
               std::vector<Diagnostic>& diags, int& normalisedRows)
{
    std::vector<double> mix, loss;
    double size = NAN, steps = NAN, tokens = NAN;
    std::string id;
    for (int pass = 0; pass < 2; ++pass) {
        const TextTable& t = pass == 0 ? mt : lt;
        const std::size_t r = pass == 0 ? mixRow : lossRow;
        const auto& roles = pass == 0 ? mroles : lroles;
        for (std::size_t c = 0; c < roles.size(); ++c) {
            double v = 0.0;
            switch (roles[c]) {
            case ColumnRole::Ignore:
                break;
            case ColumnRole::Index:
                if (pass == 0)
                    id = t.rows[r][c];
                break;
            case ColumnRole::Proportion:
                if (!numberAt(t, r, c, v, diags))
                    return false;
                if (v < 0.0) {
                    diags.push_back(
                        error(t.source, t.lines[r], t.header[c],
                              "negative proportion " + t.rows[r][c] + " for domain '" + t.header[c] + "'"));
                    return false;
                }
                mix.push_back(v);
                break;
            case ColumnRole::Loss:
                if (!numberAt(t, r, c, v, diags))
                    return false;
                if (!(v > 0.0)) {
                    diags.push_back(
                        error(t.source, t.lines[r], t.header[c],
                              "loss must be > 0 in column '" + t.header[c] + "', got " + t.rows[r][c]));
                    return false;
                }
                loss.push_back(v);
                break;
            case ColumnRole::ModelSize:
            case ColumnRole::Steps:
            case ColumnRole::Tokens:
                if (!numberAt(t, r, c, v, diags))
                    return false;
                if (!(v > 0.0)) {
                    diags.push_back(error(t.source, t.lines[r], t.header[c],
                                          "column '" + t.header[c] + "' must be > 0, got " + t.rows[r][c]));
                    return false;
                }
                (roles[c] == ColumnRole::ModelSize ? size
                 : roles[c] == ColumnRole::Steps   ? steps
                                                   : tokens) = v;
                break;
            }
        }
    }
    double sum = 0.0;
    for (double v : mix)
        sum += v;
    if (!(sum > 0.0)) {
        diags.push_back(error(mt.source, mt.lines[mixRow], {}, "all proportions are zero"));
        return false;
    }
    // Sums within 1% of 1 are rounding in the written table (RegMix's files hold 0.999 and 1.001): normalised
    // without a word. Farther off, the user should know (percentages, a missing domain).
    if (std::abs(sum - 1.0) > kRoundingTolerance) {
        if (normalisedRows < 5) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.9g", sum);
            diags.push_back(warning(mt.source, mt.lines[mixRow],
                                    std::string("proportions sum to ") + buf + "; normalised to 1"));
        }
        ++normalisedRows;
    }
    for (double& v : mix)
        v /= sum;
    e.mixtures.push_back(std::move(mix));
    e.losses.push_back(std::move(loss));
    e.modelSize.push_back(size);
    e.steps.push_back(steps);
    e.tokens.push_back(tokens);
    e.ids.push_back(id.empty() ? std::to_string(mt.lines[mixRow]) : id);
    e.lines.push_back(mt.lines[mixRow]);
    return true;
}

/// Drops per-row size/steps/tokens vectors that are all NaN (no such column).
void dropAbsent(std::vector<double>& v)
{
    for (double x : v)
        if (!std::isnan(x))
            return;
    v.clear();
}

void finishWarnings(const Experiments& e, int normalisedRows, std::vector<Diagnostic>& diags)
{
    if (normalisedRows > 5)
        diags.push_back(warning(e.source, 0,
                                std::to_string(normalisedRows - 5) +
                                    " more rows had proportions not summing to 1 and were normalised"));
}

} // namespace

bool parseNumber(std::string_view s, double& out)
{
    s = trimSpace(s);
    if (!s.empty() && s.front() == '+')
        s.remove_prefix(1);
    if (s.empty())
        return false;
    const std::string l = lowerAscii(s);
    if (l == "nan" || l == "inf" || l == "-inf" || l == "infinity" || l == "-infinity") {
        out = l == "nan" ? NAN : (l[0] == '-' ? -INFINITY : INFINITY);
        return true;
    }
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

Result<TextTable> parseTable(std::string_view text, const std::string& source)
{
    TextTable t;
    t.source = source;
    // The byte-order mark, blank and '#' lines, quotes and the delimiter (a tab when the header has no
    // comma) are CsvText's.
    CsvText csv(text);
    while (csv.next()) {
        const std::int64_t lineNo = csv.line();
        if (t.header.empty()) {
            if (csv.unterminatedQuote())
                return Result<TextTable>::failure(error(source, lineNo, {}, "unterminated quote in header"));
            t.header.assign(csv.fields().begin(), csv.fields().end());
            std::set<std::string> seen;
            for (const auto& h : t.header)
                if (!h.empty() && !seen.insert(h).second)
                    return Result<TextTable>::failure(
                        error(source, lineNo, h, "duplicate column '" + h + "'"));
        } else {
            if (csv.unterminatedQuote())
                return Result<TextTable>::failure(error(source, lineNo, {}, "unterminated quote"));
            if (csv.fields().size() != t.header.size())
                return Result<TextTable>::failure(error(source, lineNo, {},
                                                        "expected " + std::to_string(t.header.size()) +
                                                            " fields (as in the header), found " +
                                                            std::to_string(csv.fields().size())));
            t.rows.emplace_back(csv.fields().begin(), csv.fields().end());
            t.lines.push_back(lineNo);
        }
    }
    if (t.header.empty())
        return Result<TextTable>::failure(error(source, 0, {}, "empty file: no header line"));
    return Result<TextTable>::success(std::move(t));
}

std::string toString(ColumnRole role)
{
    switch (role) {
    case ColumnRole::Ignore:
        return "ignore";
    case ColumnRole::Index:
        return "index";
    case ColumnRole::Proportion:
        return "proportion";
    case ColumnRole::Loss:
        return "loss";
    case ColumnRole::ModelSize:
        return "size";
    case ColumnRole::Steps:
        return "steps";
    case ColumnRole::Tokens:
        return "tokens";
    }
    return "ignore";
}

bool parseColumnRole(std::string_view text, ColumnRole& role)
{
    const std::string t = lowerAscii(text);
    static const std::map<std::string, ColumnRole> names = {{"ignore", ColumnRole::Ignore},
                                                            {"index", ColumnRole::Index},
                                                            {"proportion", ColumnRole::Proportion},
                                                            {"domain", ColumnRole::Proportion},
                                                            {"loss", ColumnRole::Loss},
                                                            {"target", ColumnRole::Loss},
                                                            {"size", ColumnRole::ModelSize},
                                                            {"params", ColumnRole::ModelSize},
                                                            {"steps", ColumnRole::Steps},
                                                            {"tokens", ColumnRole::Tokens}};
    const auto it = names.find(t);
    if (it == names.end())
        return false;
    role = it->second;
    return true;
}

ColumnRole detectRole(std::string_view name)
{
    const std::string n = lowerAscii(trimSpace(name));
    if (isIndexName(n))
        return ColumnRole::Index;
    if (n == "params" || n == "n_params" || n == "model_size" || n == "size" || n == "parameters")
        return ColumnRole::ModelSize;
    if (n == "step" || n == "steps")
        return ColumnRole::Steps;
    if (n == "tokens" || n == "n_tokens" || n == "total_tokens")
        return ColumnRole::Tokens;
    for (const char* p : {"train_", "mix_", "p_", "prop_", "w_", "weight_", "r_"})
        if (startsWith(n, p))
            return ColumnRole::Proportion;
    if (n.find("loss") != std::string::npos || n.find("ppl") != std::string::npos ||
        n.find("metric/") != std::string::npos || startsWith(n, "valid_") || startsWith(n, "val_") ||
        startsWith(n, "eval_"))
        return ColumnRole::Loss;
    return ColumnRole::Ignore;
}

std::string toString(ExperimentsFileKind kind)
{
    switch (kind) {
    case ExperimentsFileKind::Table:
        return "experiments table";
    case ExperimentsFileKind::Mixtures:
        return "mixture file";
    case ExperimentsFileKind::Losses:
        return "loss file";
    case ExperimentsFileKind::None:
        break;
    }
    return "none";
}

ExperimentsFileKind detectExperimentsFile(std::string_view text)
{
    // The header and a few data rows decide; cut at a line end so a partial last line does not fail parsing.
    std::size_t end = 0;
    int lines = 0;
    for (; lines < 40; ++lines) {
        const std::size_t next = text.find('\n', end);
        if (next == std::string_view::npos)
            break;
        end = next + 1;
    }
    // `text` may be the head of a larger file (callers read 64 KiB): with two or more complete lines, what
    // follows the last line end may be a cut-off row (wide tables: > 1.6 KB per line), so it is left out.
    const auto t = parseTable(lines >= 2 ? text.substr(0, end) : text, "");
    if (!t || t->header.empty() || t->rows.empty())
        return ExperimentsFileKind::None;
    std::vector<std::size_t> proportions;
    std::size_t losses = 0, others = 0;
    for (std::size_t c = 0; c < t->header.size(); ++c) {
        const ColumnRole role = detectRole(t->header[c]);
        if (role == ColumnRole::Proportion)
            proportions.push_back(c);
        else if (role == ColumnRole::Loss)
            ++losses;
        else if (!(c == 0 && role == ColumnRole::Index))
            ++others;
    }
    if (proportions.size() >= 2) {
        const std::size_t check = std::min<std::size_t>(t->rows.size(), 5);
        for (std::size_t r = 0; r < check; ++r) {
            double sum = 0.0;
            for (std::size_t c : proportions) {
                double v = 0.0;
                if (!parseNumber(t->rows[r][c], v) || !(v >= 0.0 && v <= 1.0))
                    return ExperimentsFileKind::None;
                sum += v;
            }
            if (std::abs(sum - 1.0) > 0.02)
                return ExperimentsFileKind::None;
        }
        return losses > 0 ? ExperimentsFileKind::Table : ExperimentsFileKind::Mixtures;
    }
    if (proportions.empty() && losses > 0 && others == 0 && detectRole(t->header[0]) == ColumnRole::Index &&
        !t->header[0].empty())
        return ExperimentsFileKind::Losses;
    return ExperimentsFileKind::None;
}

Result<Experiments> parseExperiments(std::string_view text, const std::string& source,
                                     const RoleOverrides& overrides)
{
    auto table = parseTable(text, source);
    if (!table)
        return Result<Experiments>::failure(table.diagnostics.front());
    const TextTable& t = *table;
    std::vector<Diagnostic> diags;
    std::vector<ColumnRole> roles;
    Experiments e;
    e.source = source;
    int indexCols = 0;
    for (const auto& h : t.header) {
        const auto it = overrides.find(h);
        ColumnRole r = it != overrides.end() ? it->second : detectRole(h);
        if (r == ColumnRole::Index && ++indexCols > 1)
            r = ColumnRole::Ignore;
        if (it == overrides.end() && r == ColumnRole::Ignore && !isIndexName(lowerAscii(h)))
            diags.push_back(warning(source, 0,
                                    "column '" + h + "' ignored: role not recognised (set it, e.g. role " +
                                        h + "=proportion)"));
        roles.push_back(r);
        if (r == ColumnRole::Proportion)
            e.domains.push_back(h);
        else if (r == ColumnRole::Loss)
            e.targets.push_back(h);
    }
    for (const auto& [name, role] : overrides) {
        (void)role;
        bool found = false;
        for (const auto& h : t.header)
            found = found || h == name;
        if (!found)
            return Result<Experiments>::failure(error(source, 0, name, "no column named '" + name + "'"));
    }
    if (e.domains.empty())
        return Result<Experiments>::failure(
            error(source, 0, {}, "no proportion columns (name them train_<domain> or set their role)"));
    if (e.targets.empty())
        return Result<Experiments>::failure(
            error(source, 0, {}, "no loss columns (name them <domain>_loss or set their role)"));
    if (t.rows.empty())
        return Result<Experiments>::failure(error(source, 0, {}, "no data rows"));
    int normalised = 0;
    for (std::size_t r = 0; r < t.rows.size(); ++r)
        if (!appendRun(e, t, r, roles, t, r, std::vector<ColumnRole>(roles.size(), ColumnRole::Ignore), diags,
                       normalised)) {
            Result<Experiments> fail;
            fail.diagnostics = std::move(diags);
            return fail;
        }
    finishWarnings(e, normalised, diags);
    dropAbsent(e.modelSize);
    dropAbsent(e.steps);
    dropAbsent(e.tokens);
    return Result<Experiments>::success(std::move(e), std::move(diags));
}

Result<Experiments> readExperiments(const std::string& path, const RoleOverrides& overrides)
{
    auto text = readCheckedTextFile(path);
    if (!text)
        return Result<Experiments>::failure(text.diagnostics.front());
    return parseExperiments(*text, path, overrides);
}

Result<Experiments> parseExperimentPair(std::string_view mixtureText, const std::string& mixtureSource,
                                        std::string_view lossText, const std::string& lossSource,
                                        const RoleOverrides& overrides)
{
    auto mt = parseTable(mixtureText, mixtureSource);
    if (!mt)
        return Result<Experiments>::failure(mt.diagnostics.front());
    auto lt = parseTable(lossText, lossSource);
    if (!lt)
        return Result<Experiments>::failure(lt.diagnostics.front());
    Experiments e;
    e.source = mixtureSource;
    std::vector<Diagnostic> diags;
    // Roles: the index is the column with an index name, else the first; the rest are proportions (mixture
    // file, except size/steps/tokens by name) or losses (loss file); overrides win.
    auto assign = [&](const TextTable& t, bool mixtureFile, std::vector<ColumnRole>& roles,
                      std::size_t& indexCol) {
        indexCol = 0;
        for (std::size_t c = 0; c < t.header.size(); ++c)
            if (isIndexName(lowerAscii(t.header[c]))) {
                indexCol = c;
                break;
            }
        roles.assign(t.header.size(), ColumnRole::Ignore);
        for (std::size_t c = 0; c < t.header.size(); ++c) {
            ColumnRole r = ColumnRole::Index;
            if (c != indexCol) {
                const ColumnRole d = detectRole(t.header[c]);
                r = mixtureFile
                        ? (d == ColumnRole::ModelSize || d == ColumnRole::Steps || d == ColumnRole::Tokens
                               ? d
                               : ColumnRole::Proportion)
                        : ColumnRole::Loss;
            }
            const auto it = overrides.find(t.header[c]);
            if (it != overrides.end())
                r = it->second;
            roles[c] = r;
            if (r == ColumnRole::Proportion)
                e.domains.push_back(t.header[c]);
            else if (r == ColumnRole::Loss)
                e.targets.push_back(t.header[c]);
        }
    };
    std::vector<ColumnRole> mroles, lroles;
    std::size_t mIndex = 0, lIndex = 0;
    assign(*mt, true, mroles, mIndex);
    assign(*lt, false, lroles, lIndex);
    if (e.domains.empty())
        return Result<Experiments>::failure(error(mixtureSource, 0, {}, "no proportion columns"));
    if (e.targets.empty())
        return Result<Experiments>::failure(error(lossSource, 0, {}, "no loss columns"));
    if (mt->rows.empty())
        return Result<Experiments>::failure(error(mixtureSource, 0, {}, "no data rows"));
    std::unordered_map<std::string, std::size_t> lossRowOf;
    for (std::size_t r = 0; r < lt->rows.size(); ++r)
        if (!lossRowOf.emplace(lt->rows[r][lIndex], r).second)
            return Result<Experiments>::failure(error(lossSource, lt->lines[r], lt->header[lIndex],
                                                      "duplicate index '" + lt->rows[r][lIndex] + "'"));
    std::set<std::string> used;
    int normalised = 0;
    for (std::size_t r = 0; r < mt->rows.size(); ++r) {
        const std::string& id = mt->rows[r][mIndex];
        const auto it = lossRowOf.find(id);
        if (it == lossRowOf.end())
            return Result<Experiments>::failure(error(mixtureSource, mt->lines[r], mt->header[mIndex],
                                                      "index '" + id + "' has no row in " + lossSource));
        if (!used.insert(id).second)
            return Result<Experiments>::failure(
                error(mixtureSource, mt->lines[r], mt->header[mIndex], "duplicate index '" + id + "'"));
        if (!appendRun(e, *mt, r, mroles, *lt, it->second, lroles, diags, normalised)) {
            Result<Experiments> fail;
            fail.diagnostics = std::move(diags);
            return fail;
        }
    }
    for (std::size_t r = 0; r < lt->rows.size(); ++r)
        if (!used.count(lt->rows[r][lIndex]))
            return Result<Experiments>::failure(
                error(lossSource, lt->lines[r], lt->header[lIndex],
                      "index '" + lt->rows[r][lIndex] + "' has no row in " + mixtureSource));
    finishWarnings(e, normalised, diags);
    dropAbsent(e.modelSize);
    dropAbsent(e.steps);
    dropAbsent(e.tokens);
    return Result<Experiments>::success(std::move(e), std::move(diags));
}

Result<Experiments> readExperimentPair(const std::string& mixturePath, const std::string& lossPath,
                                       const RoleOverrides& overrides)
{
    auto a = readCheckedTextFile(mixturePath);
    if (!a)
        return Result<Experiments>::failure(a.diagnostics.front());
    auto b = readCheckedTextFile(lossPath);
    if (!b)
        return Result<Experiments>::failure(b.diagnostics.front());
    return parseExperimentPair(*a, mixturePath, *b, lossPath, overrides);
}

} // namespace losscast::core::mixing
