#include "core/import/jsonformats.h"

#include "core/import/textlog.h"
#include "core/util/json.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>

namespace losscast::core::import::detail {

namespace fs = std::filesystem;

namespace {

std::string shownName(const std::string& file, const ImportOptions& o)
{
    return o.displayName.empty() ? file : o.displayName;
}

std::string stemOf(const std::string& path)
{
    std::string b = baseName(path);
    if (auto dot = b.rfind('.'); dot != std::string::npos && dot > 0)
        b.resize(dot);
    return b;
}

std::string parentName(const std::string& path)
{
    const auto slash = path.find_last_of("/\\");
    if (slash == std::string::npos)
        return {};
    return baseName(path.substr(0, slash));
}

/// Scalar JSON values as metadata text.
std::string scalarText(const JsonValue& v)
{
    switch (v.type()) {
    case JsonValue::Type::Null:
        return "null";
    case JsonValue::Type::Bool:
        return v.toBool() ? "true" : "false";
    case JsonValue::Type::Number:
        return formatDouble(v.toNumber());
    case JsonValue::Type::String:
        return v.toString();
    default:
        return {};
    }
}

/// Series points out of one flat object of metrics ("a": 1, "b": {"c": 2} → "b.c"). Media objects
/// (with "_type", such as W&B videos and tables) are not metrics.
void flatten(const JsonValue& v, const std::string& prefix,
             std::vector<std::pair<std::string, const JsonValue*>>& out, int depth = 0)
{
    for (const auto& m : v.toObject()) {
        const std::string key = prefix.empty() ? m.key : prefix + "." + m.key;
        if (m.value.isObject()) {
            if (depth < 4 && !m.value.contains("_type"))
                flatten(m.value, key, out, depth + 1);
        } else {
            out.emplace_back(key, &m.value);
        }
    }
}

ImportResult fromParseError(const std::string& shown, std::vector<Diagnostic> diags, const char* format)
{
    ImportResult r;
    r.file = shown;
    r.format = format;
    for (auto& d : diags) {
        d.file = shown;
        r.diagnostics.push_back(std::move(d));
    }
    return r;
}

// ---- HF Trainer trainer_state.json

ImportResult importHfTrainerState(const JsonValue& doc, const std::string& file, const ImportOptions& options)
{
    const std::string shown = shownName(file, options);
    DiagnosticLog log(shown);
    ImportResult res;
    res.file = shown;
    res.format = "hf-trainer-state";
    Run run;
    std::string stem = stemOf(shown);
    if (stem == "trainer_state") {
        const std::string parent = parentName(shown); // output_dir/checkpoint-500/trainer_state.json
        if (!parent.empty() && parent != ".")
            stem = parent;
    }
    run.name = stem;
    static const char* metaKeys[] = {"global_step",          "max_steps",
                                     "logging_steps",        "eval_steps",
                                     "save_steps",           "train_batch_size",
                                     "num_train_epochs",     "epoch",
                                     "best_metric",          "best_model_checkpoint",
                                     "best_global_step",     "total_flos",
                                     "num_input_tokens_seen"};
    for (const char* k : metaKeys)
        if (const JsonValue* v = doc.find(k); v && !v->isArray() && !v->isObject())
            run.metadata[std::string("state.") + k] = scalarText(*v);

    const JsonValue* history = doc.find("log_history");
    if (!history || !history->isArray()) {
        log.error(0, "trainer_state.json has no 'log_history' array", "log_history");
        res.diagnostics = log.take();
        return res;
    }
    std::map<std::string, std::size_t> index;
    std::vector<std::int64_t> badLine;
    std::size_t nonFinite = 0;
    std::string firstNonFinite;
    const JsonArray& entries = history->toArray();
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string path = "log_history[" + std::to_string(i) + "]";
        const JsonValue& e = entries[i];
        if (!e.isObject()) {
            log.warn("hf-entry", 0, "not an object: skipped", path);
            continue;
        }
        const JsonValue* stepV = e.find("step");
        if (!stepV || !stepV->isNumber() || !std::isfinite(stepV->toNumber())) {
            log.warn("hf-step", 0, "entry without a numeric 'step': skipped", path);
            continue;
        }
        const double step = stepV->toNumber();
        // The final entry (train_runtime, train_loss averaged over the run, ...) is a summary, not a point.
        if (e.contains("train_runtime")) {
            for (const auto& m : e.toObject())
                if (!m.value.isObject() && !m.value.isArray())
                    run.metadata["summary." + m.key] = scalarText(m.value);
            continue;
        }
        bool evalEntry = false;
        for (const auto& m : e.toObject())
            if (m.key.starts_with("eval_") || m.key.starts_with("test_"))
                evalEntry = true;
        for (const auto& m : e.toObject()) {
            if (m.key == "step")
                continue;
            const bool prefixed = m.key.starts_with("eval_") || m.key.starts_with("test_");
            if (evalEntry && !prefixed)
                continue; // "epoch" of an evaluation repeats the training entry's
            if (!m.value.isNumber())
                continue;
            const double v = m.value.toNumber();
            if (!std::isfinite(v)) {
                if (nonFinite++ == 0)
                    firstNonFinite = path + "." + m.key;
                continue;
            }
            auto it = index.find(m.key);
            if (it == index.end()) {
                run.series.push_back(Series{m.key, {}, {}});
                badLine.push_back(0);
                it = index.emplace(m.key, run.series.size() - 1).first;
            }
            Series& s = run.series[it->second];
            if (!s.steps.empty() && step <= s.steps.back() && badLine[it->second] == 0)
                badLine[it->second] = -1;
            s.append(step, v);
        }
    }
    if (nonFinite > 0)
        log.warn("hf-nan", 0,
                 std::to_string(nonFinite) + " NaN/Infinity value(s) (first at " + firstNonFinite +
                     ") left as gaps",
                 firstNonFinite);
    for (auto& s : run.series)
        normalizeSeries(s, StepPolicy::SortKeepLast, log, 0, {});
    std::erase_if(run.series, [](const Series& s) { return s.empty(); });
    detectRoles(run, options.mapping);
    if (run.series.empty())
        log.warn("no-data", 0, "log_history holds no numeric metrics", "log_history");
    else
        res.runs.push_back(std::move(run));
    res.diagnostics = log.take();
    return res;
}

// ---- TensorBoard scalar JSON download: [[wall_time, step, value], ...]

ImportResult importTensorBoardJson(const JsonValue& doc, const std::string& file,
                                   const ImportOptions& options)
{
    const std::string shown = shownName(file, options);
    DiagnosticLog log(shown);
    ImportResult res;
    res.file = shown;
    res.format = "tensorboard-json";
    std::string stem = stemOf(shown), runName = stem, tag = "value";
    if (const auto r = stem.find("run-"), t = stem.rfind("-tag-");
        r != std::string::npos && t != std::string::npos && t >= r + 4 && t + 5 < stem.size()) {
        runName = stem.substr(r + 4, t - (r + 4));
        tag = stem.substr(t + 5);
    }
    Run run;
    run.name = runName;
    Series s{tag, {}, {}};
    std::int64_t bad = 0;
    const JsonArray& rows = doc.toArray();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::string path = "[" + std::to_string(i) + "]";
        const JsonArray& row = rows[i].toArray();
        if (row.size() < 3 || !row[1].isNumber()) {
            log.warn("tb-row", 0, "expected [wall_time, step, value]: skipped", path);
            continue;
        }
        if (!row[2].isNumber() || !std::isfinite(row[2].toNumber()))
            continue; // NaN / null: a gap
        const double step = row[1].toNumber();
        if (!s.steps.empty() && step <= s.steps.back() && bad == 0)
            bad = static_cast<std::int64_t>(i) + 1;
        s.append(step, row[2].toNumber());
    }
    if (bad)
        log.warn("tb-order", 0, "steps repeat or go back from element " + std::to_string(bad - 1),
                 "[" + std::to_string(bad - 1) + "]");
    if (rows.size() == 1000)
        log.warn("reservoir", 0,
                 "exactly 1,000 points: TensorBoard keeps a random sample of 1,000 points per scalar tag by "
                 "default, "
                 "so this is probably downsampled (start tensorboard with --samples_per_plugin scalars=0 to "
                 "download every point)");
    normalizeSeries(s, StepPolicy::SortKeepLast, log, 0, {});
    if (!s.empty()) {
        run.series.push_back(std::move(s));
        detectRoles(run, options.mapping);
        res.runs.push_back(std::move(run));
    } else {
        log.warn("no-data", 0, "no numeric points");
    }
    res.diagnostics = log.take();
    return res;
}

void summaryToMetadata(const JsonValue& doc, Run& run)
{
    std::vector<std::pair<std::string, const JsonValue*>> flat;
    flatten(doc, "", flat);
    for (const auto& [k, v] : flat)
        if (!v->isArray())
            run.metadata["summary." + k] = scalarText(*v);
}

} // namespace

ImportResult importJsonDocument(std::string_view text, const std::string& file, const ImportOptions& options)
{
    const std::string shown = shownName(file, options);
    JsonParseOptions po;
    po.allowNanTokens = true;
    po.name = shown;
    auto parsed = parseJson(text, po);
    if (!parsed)
        return fromParseError(shown, parsed.diagnostics, "json");
    const JsonValue& doc = *parsed;
    const bool forcedHf = options.format == Format::HfTrainer;
    if (doc.isObject() && (doc.contains("log_history") || forcedHf))
        return importHfTrainerState(doc, file, options);
    // A TensorBoard download is an array of [wall_time, step, value] rows; a few malformed rows are reported
    // by their JSON path rather than making the whole file unrecognisable.
    const auto isRow = [](const JsonValue& r) { return r.isArray() && r.size() >= 3; };
    if (doc.isArray() && !forcedHf && options.format != Format::Wandb && doc.size() > 0 &&
        isRow(doc.toArray().front()) &&
        2 * static_cast<std::size_t>(std::count_if(doc.toArray().begin(), doc.toArray().end(), isRow)) >=
            doc.size())
        return importTensorBoardJson(doc, file, options);
    if (doc.isObject() && options.format != Format::TensorBoard &&
        (lower(baseName(shown)) == "wandb-summary.json" || doc.contains("_step") || doc.contains("_wandb"))) {
        ImportResult r;
        r.file = shown;
        r.format = "wandb-summary";
        Run run;
        run.name = parentName(shown).empty() ? stemOf(shown) : parentName(shown);
        summaryToMetadata(doc, run);
        r.runs.push_back(std::move(run));
        r.diagnostics.push_back(
            Diagnostic{Diagnostic::Severity::Warning,
                       shown,
                       0,
                       {},
                       "wandb-summary.json holds only the last value of each metric, not curves; "
                       "import the run folder, its wandb-history.jsonl, or a history export"});
        return r;
    }
    ImportResult r;
    r.file = shown;
    r.format = "json";
    r.diagnostics.push_back(
        Diagnostic{Diagnostic::Severity::Error,
                   shown,
                   0,
                   {},
                   "JSON not recognised: expected an HF Trainer trainer_state.json (with "
                   "'log_history'), a TensorBoard scalar download ([[wall_time, step, value], "
                   "...]) or a W&B wandb-summary.json"});
    return r;
}

// ---- W&B history jsonl

struct WandbJsonlImporter::State
{
    std::string shown;
    ImportOptions options;
    DiagnosticLog log;
    Run run;
    std::map<std::string, std::size_t> index;
    std::vector<std::int64_t> badLine;
    std::int64_t line = 0;
    std::int64_t rows = 0;
    JsonParseOptions po;

    State(const std::string& file, const ImportOptions& o) : shown(shownName(file, o)), options(o), log(shown)
    {
        run.name = stemOf(shown);
        if (run.name == "wandb-history" && !parentName(shown).empty())
            run.name = parentName(shown);
        po.allowNanTokens = true;
        po.name = shown;
        po.maxDepth = 64;
    }

    void handle(std::string_view text, std::int64_t lineNo)
    {
        if (trim(text).empty())
            return;
        auto v = parseJson(text, po);
        if (!v) {
            const Diagnostic& d = v.diagnostics.front();
            log.warn("jsonl-bad", lineNo, "not a JSON object (" + d.message + "): line skipped", d.where);
            return;
        }
        if (!v->isObject()) {
            log.warn("jsonl-bad", lineNo, "not a JSON object: line skipped");
            return;
        }
        double step = static_cast<double>(rows);
        if (const JsonValue* s = v->find("_step"); s && s->isNumber() && std::isfinite(s->toNumber()))
            step = s->toNumber();
        else
            log.warn("jsonl-step", lineNo, "no '_step': used the row number " + std::to_string(rows));
        ++rows;
        std::vector<std::pair<std::string, const JsonValue*>> flat;
        flatten(*v, "", flat);
        for (const auto& [key, val] : flat) {
            if (key == "_step" || !val->isNumber() || !std::isfinite(val->toNumber()))
                continue;
            auto it = index.find(key);
            if (it == index.end()) {
                run.series.push_back(Series{key, {}, {}});
                badLine.push_back(0);
                it = index.emplace(key, run.series.size() - 1).first;
            }
            Series& s = run.series[it->second];
            if (!s.steps.empty() && step <= s.steps.back() && badLine[it->second] == 0)
                badLine[it->second] = lineNo;
            s.append(step, val->toNumber());
        }
    }

    ImportResult result(Run r, DiagnosticLog lg) const
    {
        ImportResult res;
        res.file = shown;
        res.format = "wandb-history-jsonl";
        for (std::size_t i = 0; i < r.series.size(); ++i)
            normalizeSeries(r.series[i], StepPolicy::SortKeepLast, lg, badLine[i], {});
        std::erase_if(r.series, [](const Series& s) { return s.empty(); });
        detectRoles(r, options.mapping);
        if (rows == 0)
            lg.error(0, "no JSON objects found");
        if (!r.series.empty())
            res.runs.push_back(std::move(r));
        res.diagnostics = lg.take();
        return res;
    }
};

WandbJsonlImporter::WandbJsonlImporter(std::string file, const ImportOptions& options)
    : d(std::make_unique<State>(file, options))
{
}
WandbJsonlImporter::~WandbJsonlImporter() = default;

std::size_t WandbJsonlImporter::feed(const char* data, std::size_t size, bool final)
{
    const char* p = data;
    const char* end = data + size;
    while (p < end) {
        const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        if (!nl && !final)
            break;
        const char* le = nl ? nl : end;
        ++d->line;
        d->handle(std::string_view(p, static_cast<std::size_t>(le - p)), d->line);
        p = nl ? nl + 1 : end;
    }
    return static_cast<std::size_t>(p - data);
}

ImportResult WandbJsonlImporter::snapshot() const
{
    return d->result(d->run, d->log);
}
ImportResult WandbJsonlImporter::finish()
{
    return d->result(std::move(d->run), std::move(d->log));
}

// ---- W&B run folders

namespace {

/// The folder that holds the run's files: `dir` itself (legacy, or a copied files/ folder) or `dir/files`.
fs::path filesDir(const fs::path& dir)
{
    std::error_code ec;
    if (fs::exists(dir / "files" / "wandb-summary.json", ec) ||
        fs::exists(dir / "files" / "config.yaml", ec) ||
        fs::exists(dir / "files" / "wandb-metadata.json", ec))
        return dir / "files";
    return dir;
}

bool readFile(const fs::path& p, std::string& out, std::size_t limit = std::size_t(1) << 30)
{
    std::FILE* f = std::fopen(p.string().c_str(), "rb");
    if (!f)
        return false;
    out.clear();
    char buf[1 << 16];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0 && out.size() < limit)
        out.append(buf, n);
    std::fclose(f);
    return true;
}

} // namespace

bool isWandbRunFolder(const std::string& dir)
{
    const fs::path f = filesDir(dir);
    std::error_code ec;
    if (fs::exists(f / "wandb-summary.json", ec) || fs::exists(f / "wandb-history.jsonl", ec) ||
        (fs::exists(f / "config.yaml", ec) && fs::exists(f / "wandb-metadata.json", ec)))
        return true;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().extension() == ".wandb")
            return true;
    return false;
}

ImportResult importWandbRunFolder(const std::string& dir, const ImportOptions& options)
{
    const std::string shown = shownName(dir, options);
    const fs::path root(dir);
    const fs::path files = filesDir(root);
    std::error_code ec;
    ImportResult res;
    res.file = shown;
    res.format = "wandb-run-folder";

    Run run;
    std::string folder = root.filename().string();
    if (folder.empty())
        folder = root.parent_path().filename().string();
    run.name = folder;
    std::string text;

    if (readFile(files / "wandb-metadata.json", text)) {
        JsonParseOptions po;
        po.allowNanTokens = true;
        po.name = (files / "wandb-metadata.json").string();
        if (auto m = parseJson(text, po)) {
            for (const char* k :
                 {"name", "project", "startedAt", "program", "python", "gpu", "gpu_count", "os"})
                if (const JsonValue* v = m->find(k); v && !v->isObject() && !v->isArray())
                    run.metadata[std::string("wandb.") + k] = scalarText(*v);
            if (const std::string n = m->string("name"); !n.empty())
                run.name = n;
        } else {
            for (auto& d : m.diagnostics)
                res.diagnostics.push_back(d);
        }
    }
    if (fs::exists(files / "config.yaml", ec))
        readSimpleYaml((files / "config.yaml").string(), "config.", run.metadata);
    if (readFile(files / "wandb-summary.json", text)) {
        JsonParseOptions po;
        po.allowNanTokens = true;
        po.name = (files / "wandb-summary.json").string();
        if (auto s = parseJson(text, po))
            summaryToMetadata(*s, run);
        else
            for (auto& d : s.diagnostics)
                res.diagnostics.push_back(d);
    }

    ImportOptions sub = options;
    sub.displayName.clear();
    ImportResult hist;
    if (fs::exists(files / "wandb-history.jsonl", ec)) {
        if (readFile(files / "wandb-history.jsonl", text)) {
            WandbJsonlImporter j((files / "wandb-history.jsonl").string(), sub);
            j.feed(text.data(), text.size(), true);
            hist = j.finish();
        }
    } else if (fs::exists(files / "output.log", ec) && readFile(files / "output.log", text)) {
        TextLogImporter t((files / "output.log").string(), sub);
        t.feed(text.data(), text.size(), true);
        hist = t.finish();
        res.diagnostics.push_back(Diagnostic{Diagnostic::Severity::Warning,
                                             shown,
                                             0,
                                             {},
                                             "this W&B run folder has no wandb-history.jsonl (wandb 0.10 and "
                                             "later keep the history only in the "
                                             "binary .wandb file): the curves come from the console output "
                                             "in output.log, which holds only what the "
                                             "script printed. For the full history, export it (run.history() "
                                             "through the W&B API, or a chart's "
                                             "Export CSV)"});
        // output.log without training lines is not an error of the folder
        std::erase_if(hist.diagnostics, [](const Diagnostic& d) {
            return d.severity == Diagnostic::Severity::Error && d.message.find("no training-log lines") == 0;
        });
    } else {
        res.diagnostics.push_back(
            Diagnostic{Diagnostic::Severity::Warning,
                       shown,
                       0,
                       {},
                       "no history in this W&B run folder (no wandb-history.jsonl, no "
                       "output.log): only the config and the summary were read. Export the "
                       "history through the W&B API"});
    }
    for (auto& d : hist.diagnostics)
        res.diagnostics.push_back(std::move(d));
    if (!hist.runs.empty()) {
        run.series = std::move(hist.runs.front().series);
        for (auto& [k, v] : hist.runs.front().metadata)
            run.metadata.emplace(k, v);
    }
    detectRoles(run, options.mapping);
    res.runs.push_back(std::move(run));
    return res;
}

} // namespace losscast::core::import::detail
