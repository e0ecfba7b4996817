#include "core/import/csv.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>

namespace losscast::core::import::detail {

// ---------------------------------------------------------------------------------------------------------
// Dialect

namespace {

bool looksDecimalComma(std::string_view s)
{
    s = trim(s);
    if (!s.empty() && (s.front() == '-' || s.front() == '+'))
        s.remove_prefix(1);
    std::size_t i = 0, digitsBefore = 0, digitsAfter = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
        ++i, ++digitsBefore;
    if (i == s.size() || s[i] != ',' || digitsBefore == 0)
        return false;
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9')
        ++i, ++digitsAfter;
    if (digitsAfter == 0)
        return false;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '-' || s[i] == '+'))
            ++i;
        std::size_t exp = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i, ++exp;
        if (exp == 0)
            return false;
    }
    return i == s.size();
}

} // namespace

CsvDialect sniffDialect(std::string_view sample, const std::string& fileName)
{
    CsvDialect dialect;
    const std::string lname = lower(fileName);
    const bool tsvName = lname.size() > 4 && (lname.ends_with(".tsv") || lname.ends_with(".tab"));
    const char candidates[] = {',', '\t', ';', '|'};
    double bestScore = 0;
    char best = tsvName ? '\t' : ',';
    for (char c : candidates) {
        CsvTokenizer tok(c);
        std::vector<std::string_view> f;
        std::int64_t line = 0;
        std::map<std::size_t, int> counts;
        int records = 0;
        const char* p = sample.data();
        const char* end = p + sample.size();
        while (p && p < end && records < 30) {
            p = tok.next(p, end, true, f, line);
            if (!f.empty()) {
                ++counts[f.size()];
                ++records;
            }
        }
        if (records == 0)
            continue;
        std::size_t mode = 0;
        int modeCount = 0;
        for (auto [n, k] : counts)
            if (k > modeCount || (k == modeCount && n > mode))
                mode = n, modeCount = k;
        if (mode < 2)
            continue;
        // Consistent field counts matter most; then more fields; the file name breaks ties toward tabs.
        double score = static_cast<double>(modeCount) / records * 1000.0 + std::min<std::size_t>(mode, 100);
        if (c == '\t' && tsvName)
            score += 500;
        if (score > bestScore) {
            bestScore = score;
            best = c;
        }
    }
    dialect.delimiter = best;

    // Header: the first record has a cell that is text (not a number and not a missing token).
    CsvTokenizer tok(best);
    std::vector<std::string_view> f;
    std::int64_t line = 0;
    const char* p = sample.data();
    const char* end = p + sample.size();
    bool first = true;
    int commaCells = 0, dotCells = 0;
    int records = 0;
    while (p && p < end && records < 200) {
        p = tok.next(p, end, true, f, line);
        if (f.empty())
            continue;
        ++records;
        if (first) {
            first = false;
            bool text = false;
            for (auto cell : f) {
                double v;
                if (parseCell(cell, v) == Cell::Text && !looksDecimalComma(cell))
                    text = true;
            }
            dialect.hasHeader = text;
            if (text)
                continue;
        }
        if (best == ',')
            continue;
        for (auto cell : f) {
            double v;
            if (looksDecimalComma(cell))
                ++commaCells;
            else if (cell.find('.') != std::string_view::npos && parseCell(cell, v) == Cell::Number)
                ++dotCells;
        }
    }
    dialect.decimalComma = best != ',' && commaCells > 0 && dotCells == 0;
    return dialect;
}

// ---------------------------------------------------------------------------------------------------------
// Importer

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

enum class ColKind : std::uint8_t
{
    Ignore,
    X,
    Value,
    Min,
    Max,
    Group
};

struct ColPlan
{
    ColKind kind = ColKind::Ignore;
    int run = -1;    ///< fixed run (W&B chart) or -1 = the row's run (generic/grouped)
    int series = -1; ///< index into the run's series (fixed run) or into m_groupSeriesNames (grouped)
    int pair = -1;   ///< for Min/Max: index into minMax
};

struct MinMaxPair
{
    int run = 0;
    std::string metric;
    int minCol = -1, maxCol = -1;
    std::size_t differing = 0;
    std::int64_t firstLine = 0;
};

enum class Kind
{
    Generic,
    WandbChart,
    WandbHistory,
    WandbRunsTable,
    TensorBoard,
    Lightning
};

const char* kindName(Kind k)
{
    switch (k) {
    case Kind::Generic:
        return "csv";
    case Kind::WandbChart:
        return "wandb-chart";
    case Kind::WandbHistory:
        return "wandb-history";
    case Kind::WandbRunsTable:
        return "wandb-runs-table";
    case Kind::TensorBoard:
        return "tensorboard-csv";
    case Kind::Lightning:
        return "lightning";
    }
    return "csv";
}

std::string fileStem(const std::string& path)
{
    std::string b = baseName(path);
    const auto dot = b.rfind('.');
    if (dot != std::string::npos && dot > 0)
        b.resize(dot);
    return b;
}

/// TensorBoard names downloads `run-<run>-tag-<tag>.csv` (with '/' replaced by '_').
bool tensorBoardNames(const std::string& stem, std::string& run, std::string& tag)
{
    const auto r = stem.find("run-");
    const auto t = stem.rfind("-tag-");
    if (r == std::string::npos || t == std::string::npos || t < r + 4)
        return false;
    run = stem.substr(r + 4, t - (r + 4));
    tag = stem.substr(t + 5);
    return !tag.empty();
}

} // namespace

struct CsvImporter::State
{
    std::string file;
    ImportOptions options;
    DiagnosticLog log;
    CsvTokenizer tok{','};
    CsvDialect dialect;
    bool sniffed = false;
    bool headerDone = false;
    bool bomChecked = false;
    Kind kind = Kind::Generic;
    std::vector<std::string> header;
    std::vector<ColPlan> plan;
    int xCol = -1;
    int groupCol = -1;
    bool groupDecided = false;
    std::vector<std::string> groupSeriesNames; // per column index → series name, grouped mode
    std::vector<MinMaxPair> minMax;
    std::vector<Run> runs;
    std::map<std::pair<int, std::string>, int> seriesIndex; // (run, series name) → index in runs[run].series
    std::vector<std::vector<std::int64_t>> badLines;        // [run][series] first line where order broke
    std::map<std::string, int> runIndex;
    Table table;
    std::int64_t dataRows = 0;
    std::int64_t headerLine = 0;
    std::vector<std::int64_t> numbersInColumn; // per column index: cells that held a number
    std::size_t sizeHint = 0;
    bool reserved = false;
    std::vector<std::string_view> fields;

    State(std::string f, const ImportOptions& o)
        : file(std::move(f)), options(o), log(o.displayName.empty() ? file : o.displayName)
    {
    }

    std::vector<std::int64_t> nonFiniteInColumn, firstNonFiniteLine; // NaN/±Inf cells, left as gaps
    std::vector<std::int64_t> infiniteInColumn;                      // of them ±Inf

    void countNonFinite(std::size_t column, std::int64_t line, bool infinite)
    {
        if (nonFiniteInColumn.size() <= column) {
            nonFiniteInColumn.resize(column + 1, 0);
            firstNonFiniteLine.resize(column + 1, 0);
            infiniteInColumn.resize(column + 1, 0);
        }
        if (nonFiniteInColumn[column]++ == 0)
            firstNonFiniteLine[column] = line;
        infiniteInColumn[column] += infinite ? 1 : 0;
    }

    void countNumber(std::size_t column)
    {
        if (numbersInColumn.size() <= column)
            numbersInColumn.resize(column + 1, 0);
        ++numbersInColumn[column];
    }

    int addRun(const std::string& name)
    {
        auto it = runIndex.find(name);
        if (it != runIndex.end())
            return it->second;
        runs.push_back(Run{});
        runs.back().name = name;
        badLines.emplace_back();
        runIndex[name] = static_cast<int>(runs.size()) - 1;
        return static_cast<int>(runs.size()) - 1;
    }
    int addSeries(int run, const std::string& name)
    {
        Run& r = runs[static_cast<std::size_t>(run)];
        // Indexed, not searched: a file may have hundreds of thousands of columns.
        const auto [it, added] = seriesIndex.try_emplace({run, name}, static_cast<int>(r.series.size()));
        if (!added)
            return it->second;
        r.series.push_back(Series{name, {}, {}});
        badLines[static_cast<std::size_t>(run)].push_back(0);
        return static_cast<int>(r.series.size()) - 1;
    }

    int findColumn(const std::string& name) const
    {
        for (std::size_t i = 0; i < header.size(); ++i)
            if (header[i] == name)
                return static_cast<int>(i);
        const std::string l = lower(name);
        for (std::size_t i = 0; i < header.size(); ++i)
            if (lower(header[i]) == l)
                return static_cast<int>(i);
        return -1;
    }

    std::vector<double> fastValues;

    /// Parses a line of plain numbers and empty cells with exactly the header's field count; false (nothing
    /// changed) for anything else.
    bool fastRecord(const char* p, const char* end)
    {
        const std::size_t n = plan.size();
        if (p == end || *p == '#' || n == 0)
            return false;
        fastValues.resize(n);
        const char delim = dialect.delimiter;
        for (std::size_t c = 0; c < n; ++c) {
            double v;
            if (p == end || *p == delim) {
                v = kMissing;
            } else {
                if (*p == '"' || *p == ' ' || *p == '+' || *p == '\t')
                    return false;
                auto [q, ec] = std::from_chars(p, end, v);
                if (ec != std::errc())
                    return false;
                if (v - v != 0.0) // nan, inf: the slow path counts it and leaves a gap
                    return false;
                p = q;
            }
            fastValues[c] = v;
            if (c + 1 < n) {
                if (p == end || *p != delim)
                    return false;
                ++p;
            } else if (p != end) {
                return false;
            }
        }
        double x = static_cast<double>(dataRows);
        if (xCol >= 0) {
            x = fastValues[static_cast<std::size_t>(xCol)];
            if (std::isnan(x))
                return false; // the slow path says why the row is skipped
        }
        const std::int64_t line = tok.currentLine();
        tok.setCurrentLine(line + 1);
        ++dataRows;
        for (std::size_t c = 0; c < n; ++c) {
            const ColPlan& pl = plan[c];
            const double v = fastValues[c];
            if (pl.kind == ColKind::Value) {
                if (std::isnan(v))
                    continue;
                countNumber(c);
                Series& se =
                    runs[static_cast<std::size_t>(pl.run)].series[static_cast<std::size_t>(pl.series)];
                if (!se.steps.empty() && x <= se.steps.back()) {
                    auto& bl =
                        badLines[static_cast<std::size_t>(pl.run)][static_cast<std::size_t>(pl.series)];
                    if (bl == 0)
                        bl = line;
                }
                se.steps.push_back(x);
                se.values.push_back(v);
            }
        }
        for (auto& mm : minMax) {
            const double a = fastValues[static_cast<std::size_t>(mm.minCol < 0 ? 0 : mm.minCol)];
            const double b = fastValues[static_cast<std::size_t>(mm.maxCol < 0 ? 0 : mm.maxCol)];
            if (mm.minCol >= 0 && mm.maxCol >= 0 && !std::isnan(a) && !std::isnan(b) && a != b &&
                mm.differing++ == 0)
                mm.firstLine = line;
        }
        return true;
    }

    void setupHeader(const std::vector<std::string_view>& f, std::int64_t line, bool synthesized);
    void processRecord(std::int64_t line);
    void reserveSeries(std::size_t bytesLeft, std::size_t avgLine);
    ImportResult result(std::vector<Run> rs, Table t, DiagnosticLog lg) const;
};

void CsvImporter::State::setupHeader(const std::vector<std::string_view>& f, std::int64_t line,
                                     bool synthesized)
{
    headerLine = line;
    header.clear();
    if (f.size() > kMaxColumns) {
        log.error(line, "the header has " + std::to_string(f.size()) + " columns; at most " +
                            std::to_string(kMaxColumns) + " are read (is this a table of training logs?)");
        return;
    }
    std::map<std::string, int> seen;
    for (std::size_t i = 0; i < f.size(); ++i) {
        std::string name(synthesized ? std::string_view() : trim(f[i]));
        if (synthesized)
            name = "column " + std::to_string(i + 1);
        if (int& n = seen[name]; n++ > 0) {
            const std::string renamed = name + " (" + std::to_string(n) + ")";
            log.warn("dup-column", line,
                     "column " + std::to_string(i + 1) + " repeats the name '" + name + "': renamed it '" +
                         renamed + "'");
            name = renamed;
        }
        header.push_back(name);
    }
    plan.assign(header.size(), ColPlan{});
    const std::size_t n = header.size();
    auto has = [&](const char* name) { return findColumn(name) >= 0; };

    // Which member of the family is this?
    bool chart = n >= 2;
    for (std::size_t i = 1; i < n && chart; ++i)
        if (header[i].find(" - ") == std::string::npos)
            chart = false;
    const bool tb = n == 3 && lower(header[0]) == "wall time" && lower(header[1]) == "step" &&
                    lower(header[2]) == "value";
    const bool runsTable =
        n >= 2 && header[0] == "Name" && has("State") && (has("Created") || has("Runtime"));
    const bool history = has("_step");
    bool lightningSuffix = false;
    for (const auto& h : header)
        if (h.ends_with("_step") || h.ends_with("_epoch"))
            lightningSuffix = true;
    const bool lightning =
        has("step") && has("epoch") && (lightningSuffix || lower(baseName(file)).ends_with("metrics.csv"));

    const Format forced = options.format;
    if (tb && (forced == Format::Auto || forced == Format::TensorBoard))
        kind = Kind::TensorBoard;
    else if (runsTable && (forced == Format::Auto || forced == Format::Wandb))
        kind = Kind::WandbRunsTable;
    else if (chart && (forced == Format::Auto || forced == Format::Wandb))
        kind = Kind::WandbChart;
    else if (history && (forced == Format::Auto || forced == Format::Wandb))
        kind = Kind::WandbHistory;
    else if ((lightning && forced == Format::Auto) || (forced == Format::Lightning && has("step")))
        kind = Kind::Lightning;
    else
        kind = Kind::Generic;
    if (forced == Format::TensorBoard && kind != Kind::TensorBoard)
        log.error(line, "not a TensorBoard scalar CSV: expected the header 'Wall time,Step,Value'");
    if (forced == Format::Wandb && kind == Kind::Generic)
        log.error(line,
                  "not a Weights & Biases export: no '<run> - <metric>' columns, no '_step' column and not "
                  "a runs table");
    if (forced == Format::Lightning && kind != Kind::Lightning)
        log.error(line, "not a Lightning metrics.csv: no 'step' column");

    std::string stem = fileStem(options.displayName.empty() ? file : options.displayName);
    if (kind == Kind::Lightning && stem == "metrics") {
        // lightning_logs/version_0/metrics.csv: the folder names the run.
        std::string dir = options.displayName.empty() ? file : options.displayName;
        if (const auto slash = dir.find_last_of("/\\"); slash != std::string::npos) {
            dir.resize(slash);
            if (const std::string parent = baseName(dir); !parent.empty() && parent != ".")
                stem = parent;
        }
    }

    if (kind == Kind::WandbRunsTable) {
        table.header = header;
        return;
    }

    // x column
    if (!options.mapping.step.empty()) {
        xCol = findColumn(options.mapping.step);
        if (xCol < 0) {
            std::string cols;
            for (const auto& h : header)
                cols += (cols.empty() ? "'" : ", '") + h + "'";
            log.error(line, "the step column '" + options.mapping.step +
                                "' is not in the header (columns: " + cols + ")");
        }
    } else if (kind == Kind::TensorBoard) {
        xCol = 1;
    } else if (kind == Kind::WandbChart) {
        xCol = 0;
    } else if (kind == Kind::WandbHistory) {
        xCol = findColumn("_step");
    } else if (kind == Kind::Lightning) {
        xCol = findColumn("step");
    } else {
        static const char* names[] = {"step",       "_step", "global_step", "trainer/global_step",
                                      "steps",      "iter",  "iteration",   "iterations",
                                      "train/step", "it",    "batch",       "update",
                                      "updates",    "epoch"};
        for (const char* nm : names)
            if ((xCol = findColumn(nm)) >= 0)
                break;
        if (xCol < 0 && synthesized)
            xCol = 0; // headerless numeric file: first column is x
        if (xCol < 0)
            log.warn("no-step", line,
                     "no step column (step, _step, global_step, iter, ...): using the row number (0, 1, 2, "
                     "...) as "
                     "the step; choose one with the step mapping");
    }
    if (xCol >= 0)
        plan[static_cast<std::size_t>(xCol)].kind = ColKind::X;

    if (kind == Kind::TensorBoard) {
        std::string run, tag;
        if (!tensorBoardNames(stem, run, tag)) {
            run = stem;
            tag = "value";
        }
        const int r = addRun(run);
        plan[2] = ColPlan{ColKind::Value, r, addSeries(r, tag), -1};
        return;
    }
    if (kind == Kind::WandbChart) {
        std::map<std::pair<int, std::string>, int> pairIndex;
        for (std::size_t i = 1; i < n; ++i) {
            std::string h = header[i];
            ColKind k = ColKind::Value;
            if (h.ends_with("__MIN")) {
                k = ColKind::Min;
                h.resize(h.size() - 5);
            } else if (h.ends_with("__MAX")) {
                k = ColKind::Max;
                h.resize(h.size() - 5);
            }
            const auto sep = h.rfind(" - ");
            const int r = addRun(h.substr(0, sep));
            const std::string metric = h.substr(sep + 3);
            if (k == ColKind::Value) {
                plan[i] = ColPlan{ColKind::Value, r, addSeries(r, metric), -1};
            } else {
                auto key = std::make_pair(r, metric);
                auto it = pairIndex.find(key);
                if (it == pairIndex.end()) {
                    minMax.push_back(MinMaxPair{r, metric});
                    it = pairIndex.emplace(key, static_cast<int>(minMax.size()) - 1).first;
                }
                (k == ColKind::Min ? minMax[static_cast<std::size_t>(it->second)].minCol
                                   : minMax[static_cast<std::size_t>(it->second)].maxCol) =
                    static_cast<int>(i);
                plan[i] = ColPlan{k, r, -1, it->second};
            }
        }
        return;
    }

    // One run per file, or one per value of a run-name column (long format).
    if (kind == Kind::Generic) {
        static const char* groupNames[] = {"run", "run_name", "run name", "runname", "experiment", "run_id"};
        for (const char* nm : groupNames)
            if (int c = findColumn(nm); c >= 0 && c != xCol) {
                groupCol = c;
                break;
            }
    }
    groupSeriesNames.assign(n, std::string());
    int r = -1;
    if (groupCol < 0)
        r = addRun(stem);
    for (std::size_t i = 0; i < n; ++i) {
        if (static_cast<int>(i) == xCol)
            continue;
        if (header[i].empty() && i == 0)
            continue; // pandas' unnamed index column (W&B run.history().to_csv())
        if (static_cast<int>(i) == groupCol) {
            plan[i].kind = ColKind::Group;
            continue;
        }
        const std::string name = header[i].empty() ? "column " + std::to_string(i + 1) : header[i];
        groupSeriesNames[i] = name;
        if (r >= 0)
            plan[i] = ColPlan{ColKind::Value, r, addSeries(r, name), -1};
        else
            plan[i] = ColPlan{ColKind::Value, -1, static_cast<int>(i), -1};
    }
}

void CsvImporter::State::processRecord(std::int64_t line)
{
    const auto& f = fields;
    if (kind == Kind::WandbRunsTable) {
        std::vector<std::string> row;
        row.reserve(header.size());
        for (std::size_t i = 0; i < f.size() && i < header.size(); ++i)
            row.emplace_back(f[i]);
        if (f.size() != header.size())
            log.warn("field-count", line,
                     std::to_string(f.size()) + " fields where the header has " +
                         std::to_string(header.size()));
        row.resize(header.size());
        table.rows.push_back(std::move(row));
        return;
    }
    if (f.size() != header.size())
        log.warn("field-count", line,
                 std::to_string(f.size()) + " fields where the header (line " + std::to_string(headerLine) +
                     ") has " + std::to_string(header.size()) +
                     (f.size() < header.size() ? ": the missing cells are gaps" : ": extra fields ignored"));

    auto cell = [&](std::size_t i, double& v) -> Cell {
        std::string_view s = f[i];
        if (dialect.decimalComma && s.size() < 64 && s.find(',') != std::string_view::npos) {
            char buf[64];
            std::memcpy(buf, s.data(), s.size());
            for (std::size_t k = 0; k < s.size(); ++k)
                if (buf[k] == ',')
                    buf[k] = '.';
            return parseCell(buf, buf + s.size(), v);
        }
        return parseCell(s.data(), s.data() + s.size(), v);
    };

    double x = static_cast<double>(dataRows);
    if (xCol >= 0) {
        if (static_cast<std::size_t>(xCol) >= f.size()) {
            log.warn("bad-step", line,
                     "no step cell (column '" + header[static_cast<std::size_t>(xCol)] + "'): row skipped");
            return;
        }
        const Cell c = cell(static_cast<std::size_t>(xCol), x);
        if (c != Cell::Number) {
            log.warn("bad-step", line,
                     "step column '" + header[static_cast<std::size_t>(xCol)] + "': '" +
                         excerpt(f[static_cast<std::size_t>(xCol)]) + "' is not a number: row skipped");
            return;
        }
    }
    ++dataRows;

    int rowRun = -1;
    if (groupCol >= 0) {
        const std::string name = static_cast<std::size_t>(groupCol) < f.size()
                                     ? std::string(trim(f[static_cast<std::size_t>(groupCol)]))
                                     : std::string();
        rowRun = addRun(name.empty() ? "(no run name)" : name);
    }

    const std::size_t n = std::min(f.size(), plan.size());
    for (std::size_t i = 0; i < n; ++i) {
        const ColPlan& p = plan[i];
        if (p.kind != ColKind::Value)
            continue;
        double v;
        const Cell c = cell(i, v);
        if (c == Cell::Missing) {
            if (isNonFiniteText(f[i]))
                countNonFinite(i, line, lower(f[i]).find("inf") != std::string::npos);
            continue;
        }
        if (c == Cell::Text) {
            log.warn("text-cell:" + std::to_string(i), line,
                     "column '" + excerpt(header[i]) + "': '" + excerpt(f[i]) +
                         "' is not a number: left as a gap");
            continue;
        }
        countNumber(i);
        int r = p.run, s = p.series;
        if (r < 0) {
            r = rowRun;
            s = addSeries(r, groupSeriesNames[i]);
        }
        Series& se = runs[static_cast<std::size_t>(r)].series[static_cast<std::size_t>(s)];
        if (!se.steps.empty() && x <= se.steps.back()) {
            auto& bl = badLines[static_cast<std::size_t>(r)][static_cast<std::size_t>(s)];
            if (bl == 0)
                bl = line;
        }
        se.append(x, v);
    }
    for (auto& mm : minMax) {
        if (mm.minCol < 0 || mm.maxCol < 0 ||
            static_cast<std::size_t>(std::max(mm.minCol, mm.maxCol)) >= f.size())
            continue;
        double a, b;
        if (cell(static_cast<std::size_t>(mm.minCol), a) == Cell::Number &&
            cell(static_cast<std::size_t>(mm.maxCol), b) == Cell::Number && a != b) {
            if (mm.differing++ == 0)
                mm.firstLine = line;
        }
    }
}

void CsvImporter::State::reserveSeries(std::size_t bytesLeft, std::size_t avgLine)
{
    if (avgLine == 0 || dataRows == 0)
        return;
    const double expectRows = static_cast<double>(bytesLeft) / static_cast<double>(avgLine) * 1.02 + 16;
    for (auto& r : runs)
        for (auto& s : r.series) {
            const double fill = static_cast<double>(s.size()) / static_cast<double>(dataRows);
            const auto want = static_cast<std::size_t>(static_cast<double>(s.size()) + fill * expectRows);
            if (want > s.steps.capacity()) {
                s.steps.reserve(want);
                s.values.reserve(want);
            }
        }
}

CsvImporter::CsvImporter(std::string file, const ImportOptions& options)
    : d(std::make_unique<State>(std::move(file), options))
{
}

CsvImporter::~CsvImporter() = default;

std::size_t CsvImporter::feed(const char* data, std::size_t size, bool final)
{
    const char* p = data;
    const char* end = data + size;
    if (!d->bomChecked) {
        if (size < 3 && !final)
            return 0;
        d->bomChecked = true;
        if (size >= 3 && static_cast<unsigned char>(p[0]) == 0xEF &&
            static_cast<unsigned char>(p[1]) == 0xBB && static_cast<unsigned char>(p[2]) == 0xBF)
            p += 3;
    }
    if (!d->sniffed) {
        // Sniff on complete lines of the first 64 KiB (or on everything at the end).
        std::string_view sample(p, std::min<std::size_t>(static_cast<std::size_t>(end - p), 1 << 16));
        if (!final && static_cast<std::size_t>(end - p) < (1u << 16)) {
            const auto nl = sample.rfind('\n');
            if (nl == std::string_view::npos)
                return static_cast<std::size_t>(p - data) == 3 ? 3 : 0;
            sample = sample.substr(0, nl + 1);
        }
        d->dialect = sniffDialect(sample, d->options.displayName.empty() ? d->file : d->options.displayName);
        if (d->options.delimiter)
            d->dialect.delimiter = d->options.delimiter;
        d->tok = CsvTokenizer(d->dialect.delimiter);
        d->sniffed = true;
    }

    const char* batchStart = p;
    const std::int64_t rowsBefore = d->dataRows;
    const bool fastOk = d->headerDone && !d->log.hasError() && d->kind != Kind::WandbRunsTable &&
                        !d->dialect.decimalComma && d->groupCol < 0;
    while (p < end) {
        // Fast path for the common line: unquoted numbers or empty cells only. from_chars finds each field's
        // end itself, so the line is not tokenized first. Anything unusual falls back to the full tokenizer.
        if (fastOk) {
            const char* nl =
                static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
            if (nl || final) {
                const char* lineEnd = nl ? nl : end;
                const char* contentEnd = lineEnd > p && lineEnd[-1] == '\r' ? lineEnd - 1 : lineEnd;
                if (d->fastRecord(p, contentEnd)) {
                    p = nl ? nl + 1 : end;
                    if (!d->reserved && d->dataRows - rowsBefore == 4096 && d->options.sizeHint > 0) {
                        d->reserved = true;
                        const std::size_t used = static_cast<std::size_t>(p - batchStart);
                        const std::size_t consumedTotal = static_cast<std::size_t>(p - data);
                        const std::size_t left =
                            d->options.sizeHint > consumedTotal ? d->options.sizeHint - consumedTotal : 0;
                        d->reserveSeries(left, used / 4096);
                    }
                    continue;
                }
            }
        }
        std::int64_t line = 0;
        bool unterminated = false;
        const char* nx = d->tok.next(p, end, final, d->fields, line, &unterminated);
        if (!nx)
            break;
        p = nx;
        if (unterminated)
            d->log.warn("quote", line, "a quoted field is not closed before the end of the file");
        if (d->fields.empty())
            continue;
        if (!d->headerDone) {
            d->headerDone = true;
            d->setupHeader(d->fields, line, !d->dialect.hasHeader);
            if (d->dialect.hasHeader)
                continue;
        }
        if (d->log.hasError())
            break;
        d->processRecord(line);
        if (!d->reserved && d->dataRows - rowsBefore == 4096 && d->options.sizeHint > 0) {
            d->reserved = true;
            const std::size_t used = static_cast<std::size_t>(p - batchStart);
            const std::size_t consumedTotal = static_cast<std::size_t>(p - data);
            const std::size_t left =
                d->options.sizeHint > consumedTotal ? d->options.sizeHint - consumedTotal : 0;
            d->reserveSeries(left, used / 4096);
        }
    }
    if (d->log.hasError())
        return size; // give up on the rest: the error says why
    return static_cast<std::size_t>(p - data);
}

ImportResult CsvImporter::State::result(std::vector<Run> rs, Table t, DiagnosticLog lg) const
{
    ImportResult res;
    res.file = options.displayName.empty() ? file : options.displayName;
    res.format = kindName(kind);
    if (!headerDone)
        lg.error(0, "no data rows: the file is empty (or only comments and blank lines)");
    else if (dataRows == 0 && kind != Kind::WandbRunsTable)
        lg.error(headerLine, "no data rows below the header");
    for (const auto& mm : minMax)
        if (mm.differing > 0)
            lg.warn(
                "bucketed", mm.firstLine,
                "run '" + rs[static_cast<std::size_t>(mm.run)].name + "', metric '" + mm.metric +
                    "': __MIN differs from __MAX in " + std::to_string(mm.differing) +
                    " rows, so W&B bucketed (downsampled) this chart export; the values are bucket averages. "
                    "For every logged point, export the run history through the W&B API");
    // NaN and ±Inf are gaps, counted per column so that a diverged or broken log does not pass unnoticed.
    for (std::size_t i = 0; i < nonFiniteInColumn.size() && i < header.size(); ++i)
        if (nonFiniteInColumn[i] > 0)
            lg.warn("non-finite:" + std::to_string(i), firstNonFiniteLine[i],
                    "column '" + header[i] + "': " + std::to_string(nonFiniteInColumn[i]) +
                        " NaN/Inf value(s) left as gaps" +
                        // An infinite loss is rarely a logging glitch (issue #12): say what it usually is.
                        (infiniteInColumn[i] > 0 && lower(header[i]).find("loss") != std::string::npos
                             ? "; " + std::to_string(infiniteInColumn[i]) +
                                   " infinite: an infinite loss usually means the run diverged there"
                             : std::string()));
    // A metric column with rows but not one number (all NaN or empty): say so rather than silently dropping
    // it.
    if (kind != Kind::WandbRunsTable && dataRows > 0)
        for (std::size_t i = 0; i < plan.size() && i < header.size(); ++i)
            if (plan[i].kind == ColKind::Value && (i >= numbersInColumn.size() || numbersInColumn[i] == 0))
                lg.warn("all-missing:" + std::to_string(i), headerLine,
                        "column '" + header[i] + "': all " + std::to_string(dataRows) +
                            " values are missing (NaN or empty)");
    const StepPolicy policy = StepPolicy::SortKeepLast;
    for (std::size_t r = 0; r < rs.size(); ++r) {
        Run& run = rs[r];
        for (std::size_t s = 0; s < run.series.size(); ++s)
            normalizeSeries(run.series[s], policy, lg, badLines[r][s],
                            rs.size() > 1 ? run.name : std::string());
        // A column that never held a number is not a metric.
        std::erase_if(run.series, [](const Series& s) { return s.empty(); });
        if (kind == Kind::TensorBoard && !run.series.empty() && dataRows == 1000)
            lg.warn("reservoir", headerLine,
                    "exactly 1,000 rows: TensorBoard keeps a random sample of 1,000 points per scalar tag by "
                    "default, so this is probably downsampled (start tensorboard with --samples_per_plugin "
                    "scalars=0 to download every point)");
        detectRoles(run, options.mapping);
    }
    std::erase_if(rs, [](const Run& r) { return r.series.empty(); });
    if (kind != Kind::WandbRunsTable && rs.empty() && headerDone && !lg.hasError())
        lg.warn("no-data", headerLine, "no numeric data found below the header");
    res.runs = std::move(rs);
    if (kind == Kind::WandbRunsTable)
        res.table = std::move(t);
    res.diagnostics = lg.take();
    return res;
}

ImportResult CsvImporter::snapshot() const
{
    return d->result(d->runs, d->table, d->log);
}

ImportResult CsvImporter::finish()
{
    for (auto& r : d->runs)
        for (auto& s : r.series)
            if (s.steps.capacity() > s.size() + s.size() / 4 + 64) {
                s.steps.shrink_to_fit();
                s.values.shrink_to_fit();
            }
    return d->result(std::move(d->runs), std::move(d->table), std::move(d->log));
}

} // namespace losscast::core::import::detail
