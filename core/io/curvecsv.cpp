#include "core/io/curvecsv.h"

#include "core/io/textcheck.h"
#include "core/schedule/logged.h"
#include "core/util/csvtext.h"
#include "core/util/json.h"
#include "core/util/numtext.h"
#include "core/util/textfields.h"
#include "core/util/textfile.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace losscast::core {

namespace {

struct Row
{
    std::int64_t step;
    double lr;
    double loss; // NaN: a gap (no loss logged at this step); the row's LR still counts
    std::int64_t line;
};

} // namespace

Result<Curve> parseCurveCsv(std::string_view text, const std::string& name, std::int64_t warmupSteps)
{
    auto error = [&](std::int64_t line, std::string message, std::string where = {}) {
        Diagnostic d;
        d.file = name;
        d.line = line;
        d.where = std::move(where);
        d.message = std::move(message);
        return Result<Curve>::failure(std::move(d));
    };
    std::vector<Diagnostic> warnings;

    if (warmupSteps < 0 && warmupSteps != kAutoWarmup)
        return error(0, "warmup steps must be >= 0 (or -1: detect it), got " + std::to_string(warmupSteps));

    int stepCol = -1, lrCol = -1, lossCol = -1;
    std::size_t needed = 0;
    bool haveHeader = false;
    std::vector<Row> rows;
    std::int64_t gaps = 0, firstGapLine = 0;

    // The byte-order mark, blank and '#' lines, quotes and the delimiter (a tab when the header has no
    // comma) are CsvText's.
    CsvText csv(text);
    while (csv.next()) {
        const std::int64_t lineNo = csv.line();
        const std::vector<std::string_view>& fields = csv.fields();
        if (!haveHeader) {
            haveHeader = true;
            std::vector<std::string> names;
            for (auto f : fields)
                names.push_back(lowerAscii(f));
            auto column = [&](std::initializer_list<const char*> wanted) {
                for (const char* w : wanted)
                    for (std::size_t i = 0; i < names.size(); ++i)
                        if (names[i] == w)
                            return static_cast<int>(i);
                return -1;
            };
            stepCol = column({"step"});
            lrCol = column({"lr", "learning_rate"});
            lossCol = column({"loss", "val_loss"});
            std::string missing;
            auto addMissing = [&](int col, const char* what) {
                if (col >= 0)
                    return;
                if (!missing.empty())
                    missing += ", ";
                missing += what;
            };
            addMissing(stepCol, "'step'");
            addMissing(lrCol, "'lr' (or 'learning_rate')");
            addMissing(lossCol, "'loss' (or 'val_loss')");
            if (!missing.empty()) {
                std::string have;
                for (auto f : fields)
                    have += (have.empty() ? "" : ", ") + quotedForMessage(f);
                return error(lineNo, "missing column " + missing + " in the header; it has " + have +
                                         " (a header line 'step,lr,loss' is required)");
            }
            needed = static_cast<std::size_t>(std::max({stepCol, lrCol, lossCol})) + 1;
            continue;
        }

        if (fields.size() < needed)
            return error(lineNo, "expected at least " + std::to_string(needed) + " fields, got " +
                                     std::to_string(fields.size()));
        double stepValue = 0.0, lr = 0.0, loss = 0.0;
        if (!parseNumberField(fields[stepCol], stepValue))
            return error(lineNo, "expected a number, got " + quotedForMessage(fields[stepCol]),
                         "column 'step'");
        if (!std::isfinite(stepValue) || stepValue != std::floor(stepValue))
            return error(lineNo, "expected an integer step, got " + quotedForMessage(fields[stepCol]),
                         "column 'step'");
        if (stepValue < 0)
            return error(lineNo, "step must be >= 0, got " + quotedForMessage(fields[stepCol]),
                         "column 'step'");
        if (stepValue > static_cast<double>(kMaxCurveSteps))
            return error(lineNo,
                         "step " + std::string(fields[stepCol]) + " exceeds the supported maximum of " +
                             std::to_string(kMaxCurveSteps),
                         "column 'step'");
        if (!parseNumberField(fields[lrCol], lr))
            return error(lineNo, "expected a number, got " + quotedForMessage(fields[lrCol]), "column 'lr'");
        if (!std::isfinite(lr) || lr < 0)
            return error(lineNo,
                         "learning rate must be finite and >= 0, got " + quotedForMessage(fields[lrCol]),
                         "column 'lr'");
        // An empty or NaN loss is a gap, as in every other importer (a step whose loss was not logged or
        // diverged to NaN); the row's LR still shapes the schedule. Infinite, zero or negative losses and
        // garbage stay errors.
        const std::string_view lossText = trimSpace(fields[lossCol]);
        if (lossText.empty() || (parseNumberField(lossText, loss) && std::isnan(loss))) {
            if (gaps++ == 0)
                firstGapLine = lineNo;
            loss = std::numeric_limits<double>::quiet_NaN();
        } else if (!parseNumberField(lossText, loss))
            return error(lineNo, "expected a number, got " + quotedForMessage(fields[lossCol]),
                         "column 'loss'");
        else if (!std::isfinite(loss) || loss <= 0)
            return error(lineNo, "loss must be finite and > 0, got " + quotedForMessage(fields[lossCol]),
                         "column 'loss'");
        const auto step = static_cast<std::int64_t>(stepValue);
        if (!rows.empty() && step <= rows.back().step)
            return error(lineNo,
                         "step " + std::to_string(step) + " is not greater than the previous step " +
                             std::to_string(rows.back().step) + " (line " + std::to_string(rows.back().line) +
                             "); steps must be strictly ascending",
                         "column 'step'");
        rows.push_back(Row{step, lr, loss, lineNo});
    }
    if (!haveHeader)
        return error(0, "empty file (expected a header line 'step,lr,loss' and data rows)");
    if (rows.empty())
        return error(0, "no data rows after the header");

    if (gaps > 0 && std::all_of(rows.begin(), rows.end(), [](const Row& r) { return std::isnan(r.loss); }))
        return error(0, "column 'loss': all " + std::to_string(gaps) + " values are missing (NaN or empty)");
    if (gaps > 0) {
        Diagnostic w;
        w.severity = Diagnostic::Severity::Warning;
        w.file = name;
        w.line = firstGapLine;
        w.where = "column 'loss'";
        w.message = std::to_string(gaps) + (gaps == 1 ? " row has" : " rows have") +
                    " no loss (NaN or empty), the first at line " + std::to_string(firstGapLine) +
                    "; skipped as gaps";
        warnings.push_back(std::move(w));
    }

    const std::int64_t last = rows.back().step;
    if (last < 1)
        return error(rows.back().line, "the curve needs at least one row with step >= 1");
    const bool detect = warmupSteps == kAutoWarmup;
    if (detect) // an unlogged prefix is a linear warmup; a logged rise to the peak extends it (below)
        warmupSteps = rows.front().step > 1 ? rows.front().step : 0;
    if (warmupSteps > last)
        return error(0, "warmup (" + std::to_string(warmupSteps) +
                            " steps) is longer than the curve (last step " + std::to_string(last) + ")");

    Curve curve;
    curve.name = fileStem(name);
    curve.source = name;
    curve.schedule.warmupSteps = warmupSteps;
    std::vector<double>& lr = curve.schedule.lr;
    lr.resize(static_cast<std::size_t>(last) + 1);

    // Before the first row: warmup from 0, then hold.
    const std::int64_t s0 = rows.front().step;
    const double lr0 = rows.front().lr;
    const std::int64_t rampEnd = std::min(warmupSteps, s0);
    for (std::int64_t s = 0; s < s0; ++s)
        lr[static_cast<std::size_t>(s)] = (warmupSteps > 0 && s < rampEnd)
                                              ? lr0 * static_cast<double>(s) / static_cast<double>(rampEnd)
                                              : lr0;
    // From the first row on: the shared rebuild (linear, step changes kept as steps).
    {
        std::vector<double> xs, ys;
        xs.reserve(rows.size());
        ys.reserve(rows.size());
        for (const Row& r : rows) {
            xs.push_back(static_cast<double>(r.step));
            ys.push_back(r.lr);
        }
        const std::vector<double> logged = rebuildLoggedLr(xs, ys, last);
        std::copy(logged.begin() + s0, logged.end(), lr.begin() + s0);
    }
    lr[static_cast<std::size_t>(last)] = rows.back().lr;
    if (detect)
        curve.schedule.warmupSteps = std::max(warmupSteps, detectWarmup(lr));

    curve.steps.reserve(rows.size());
    curve.loss.reserve(rows.size());
    for (const Row& r : rows) {
        if (std::isnan(r.loss))
            continue;
        if (r.step == 0) {
            Diagnostic w;
            w.severity = Diagnostic::Severity::Warning;
            w.file = name;
            w.line = r.line;
            w.message = "the loss at step 0 (before any update) is not used";
            warnings.push_back(std::move(w));
            continue;
        }
        curve.steps.push_back(r.step);
        curve.loss.push_back(r.loss);
    }
    return Result<Curve>::success(std::move(curve), std::move(warnings));
}

Result<Curve> readCurveCsv(const std::string& path, std::int64_t warmupSteps)
{
    Result<std::string> text = readTextFile(path);
    if (!text)
        return Result<Curve>{std::nullopt, text.diagnostics};
    // Checked on files only: parseCurveCsv stays a plain parser that fuzzing reaches with any bytes.
    if (const auto at = binaryDataOffset(*text))
        return Result<Curve>::failure(
            Diagnostic{Diagnostic::Severity::Error, path, 0, {}, notTextMessage(*text, *at)});
    return parseCurveCsv(*text, path, warmupSteps);
}

namespace {

void appendCell(std::string& out, const std::string& cell)
{
    if (cell.find_first_of(",\"\n\r") == std::string::npos) {
        out += cell;
        return;
    }
    out += '"';
    for (char c : cell) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

} // namespace

std::string formatCsvRow(const std::vector<std::string>& cells)
{
    std::string out;
    for (std::size_t c = 0; c < cells.size(); ++c) {
        if (c)
            out += ',';
        appendCell(out, cells[c]);
    }
    out += '\n';
    return out;
}

std::string formatCsv(const CsvTable& table)
{
    std::string out = formatCsvRow(table.names);
    std::size_t rows = 0;
    for (const auto& col : table.columns)
        rows = std::max(rows, col.size());
    const std::size_t ncols = table.names.size();
    for (std::size_t r = 0; r < rows; ++r) {
        for (std::size_t c = 0; c < ncols; ++c) {
            if (c)
                out += ',';
            if (c < table.columns.size() && r < table.columns[c].size())
                out += formatDouble(table.columns[c][r]);
        }
        out += '\n';
    }
    return out;
}

Result<bool> writeCsv(const std::string& path, const CsvTable& table)
{
    return writeTextFile(path, formatCsv(table));
}

std::string formatCsv(const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows)
{
    std::string text = formatCsvRow(header);
    for (auto row : rows) {
        if (row.size() < header.size())
            row.resize(header.size());
        text += formatCsvRow(row);
    }
    return text;
}

Result<bool> writeCsv(const std::string& path, const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows)
{
    return writeTextFile(path, formatCsv(header, rows));
}

Result<bool> writeCurveCsv(const std::string& path, const Curve& curve)
{
    CsvTable t;
    t.names = {"step", "lr", "loss"};
    t.columns.resize(3);
    for (std::size_t i = 0; i < curve.steps.size() && i < curve.loss.size(); ++i) {
        const std::int64_t s = curve.steps[i];
        t.columns[0].push_back(static_cast<double>(s));
        const bool inRange = s >= 0 && static_cast<std::size_t>(s) < curve.schedule.lr.size();
        t.columns[1].push_back(inRange ? curve.schedule.lr[static_cast<std::size_t>(s)]
                                       : std::numeric_limits<double>::quiet_NaN());
        t.columns[2].push_back(curve.loss[i]);
    }
    return writeCsv(path, t);
}

} // namespace losscast::core
