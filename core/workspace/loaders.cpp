// The loader registry and the one "plain CSV first" policy (see loaders.h).
#include "core/workspace/loaders.h"

#include "core/import/importer.h"
#include "core/io/curvecsv.h"
#include "core/schedule/schedule.h"
#include "core/util/inputstream.h"
#include "core/util/textfields.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace losscast::core::workspace {

namespace fs = std::filesystem;

bool LoadResult::ok() const
{
    return std::none_of(diagnostics.begin(), diagnostics.end(),
                        [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::Error; });
}

std::string LoadResult::errorText() const
{
    std::string s;
    for (const auto& d : diagnostics)
        if (d.severity == Diagnostic::Severity::Error) {
            if (!s.empty())
                s += '\n';
            s += d.toString();
        }
    return s;
}

std::vector<Diagnostic> LoadResult::fileDiagnostics() const
{
    const auto same = [](const Diagnostic& a, const Diagnostic& b) {
        return a.severity == b.severity && a.line == b.line && a.file == b.file && a.where == b.where &&
               a.message == b.message;
    };
    std::vector<Diagnostic> out;
    for (const auto& d : diagnostics) {
        const bool ofRun = std::any_of(runs.begin(), runs.end(), [&](const LoadedRun& r) {
            return std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                               [&](const Diagnostic& e) { return same(d, e); });
        });
        if (!ofRun)
            out.push_back(d);
    }
    return out;
}

namespace {

/// What the plain step,lr,loss reader made of a file: a curve, a curve file with bad data, or another format.
struct PlainCurve
{
    Result<Curve> result;
    bool dataError = false; ///< the header is a curve's and a row below it is bad
};

/// The first step of the policy, shared by loadFile and loadCurves.
PlainCurve readPlainCurve(const std::string& path, std::int64_t warmupSteps, bool detectWarmup = false)
{
    const std::int64_t w =
        detectWarmup && warmupSteps == kAutoWarmup ? kAutoWarmup : std::max<std::int64_t>(warmupSteps, 0);
    PlainCurve p{readCurveCsv(path, w)};
    if (!p.result.ok())
        for (const auto& d : p.result.diagnostics)
            p.dataError |= d.severity == Diagnostic::Severity::Error && d.line > 1;
    return p;
}

/// The header line of a text head (first line that is not blank or a '#' comment), lower-cased.
std::string headerLine(std::string_view head)
{
    std::size_t pos = 0;
    while (pos < head.size()) {
        const std::size_t nl = head.find('\n', pos);
        std::string_view line = head.substr(pos, nl == std::string_view::npos ? head.size() - pos : nl - pos);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        const auto first = line.find_first_not_of(" \t");
        if (first != std::string_view::npos && line[first] != '#') {
            std::string out(line);
            std::transform(out.begin(), out.end(), out.begin(),
                           [](unsigned char c) { return std::tolower(c); });
            return out;
        }
        if (nl == std::string_view::npos)
            break;
        pos = nl + 1;
    }
    return {};
}

bool looksLikeCurveCsv(std::string_view head)
{
    const std::string header = headerLine(head);
    if (header.empty())
        return false;
    bool step = false, lr = false, loss = false;
    std::vector<std::string_view> fields;
    splitFields(header, ',', fields);
    for (std::string_view f : fields) {
        std::string field(f);
        field.erase(0, field.find_first_not_of(" \t\""));
        field.erase(field.find_last_not_of(" \t\"") + 1);
        step |= field == "step";
        lr |= field == "lr";
        loss |= field == "loss";
    }
    return step && lr && loss;
}

/// A run of an import as a LoadedRun: its curve when it has (or was given) an LR.
LoadedRun fromImported(const import::Run& run, const std::string& path, const std::string& loaderId,
                       const std::string& detected, const import::CurveSelection& selection,
                       const LoadOptions& options, std::vector<Diagnostic>& diagnostics)
{
    LoadedRun out;
    out.name = run.name;
    out.provenance = Provenance{path, loaderId, detected, options.loss, options.lr, options.schedule};
    out.source = std::make_shared<const import::Run>(run);
    const bool hasLr = selection.schedule || !selection.lr.empty() || !run.roles.lr.empty();
    const bool hasLoss = !selection.loss.empty() || !import::lossLikeSeries(run).empty();
    if (!hasLr && hasLoss) {
        out.waitsForLr = true; // waits for the user's LR column or schedule
        return out;
    }
    // (Without an LR and without a loss the curve cannot be built: buildCurve says what is missing.)
    auto curve = import::buildCurve(run, path, selection);
    out.diagnostics = curve.diagnostics;
    for (auto& d : curve.diagnostics)
        diagnostics.push_back(std::move(d));
    if (curve.ok())
        out.curve = std::move(*curve);
    return out;
}

LoadResult readWithImporters(const std::string& path, const LoadOptions& options, const std::string& loaderId)
{
    LoadResult out;
    out.loader = loaderId;
    std::optional<ScheduleInput> rendered;
    import::CurveSelection sel;
    if (!options.schedule.empty()) {
        auto schedule = Schedule::fromText(options.schedule);
        if (!schedule) {
            for (auto d : schedule.diagnostics) {
                d.where = d.where.empty() ? "schedule" : d.where;
                out.diagnostics.push_back(std::move(d));
            }
            return out;
        }
        rendered = schedule->toInput();
        sel.schedule = &*rendered;
    }
    sel.loss = options.loss;
    sel.lr = options.lr;
    sel.warmupSteps = options.warmupSteps;
    const import::ImportResult imported = import::importFile(path);
    out.diagnostics = imported.diagnostics;
    if (!imported.ok())
        return out;
    for (const auto& run : imported.runs) {
        if (!options.run.empty() && run.name != options.run)
            continue;
        out.runs.push_back(fromImported(run, path, loaderId, imported.format, sel, options, out.diagnostics));
    }
    if (!options.run.empty() && out.runs.empty())
        out.diagnostics.push_back(Diagnostic{Diagnostic::Severity::Error, imported.file, 0, "--run",
                                             "no run '" + options.run + "'"});
    else if (out.runs.empty())
        out.diagnostics.push_back(Diagnostic{Diagnostic::Severity::Error,
                                             imported.file,
                                             0,
                                             {},
                                             imported.table
                                                 ? "this is a table of runs (config and summary), not "
                                                   "curves"
                                                 : "no runs with curves in this file"});
    return out;
}

LoadResult readCurveCsvLoader(const std::string& path, const LoadOptions& options)
{
    LoadResult out;
    out.loader = "curve-csv";
    auto plain = readPlainCurve(path, options.warmupSteps, options.detectCurveCsvWarmup);
    out.diagnostics = plain.result.diagnostics;
    if (plain.result.ok()) {
        LoadedRun run;
        run.name = plain.result->name.empty() ? fs::path(path).stem().string() : plain.result->name;
        run.provenance = Provenance{path, "curve-csv", "curve-csv", {}, {}, {}};
        run.curve = std::move(*plain.result);
        out.runs.push_back(std::move(run));
    }
    return out;
}

std::string headOf(const std::string& path, bool& isFolder)
{
    std::error_code ec;
    isFolder = fs::is_directory(path, ec);
    if (isFolder)
        return {};
    std::string head(1 << 16, '\0');
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
        return {};
    head.resize(std::fread(head.data(), 1, head.size(), f));
    std::fclose(f);
    return head;
}

Loader familyLoader(const std::string& family, const std::string& description)
{
    return Loader{family, description,
                  [family](std::string_view head, const std::string& name, bool isFolder) {
                      return !isFolder && import::sniffFamily(head, name) == family;
                  },
                  [family](const std::string& path, const LoadOptions& options) {
                      return readWithImporters(path, options, family);
                  }};
}

} // namespace

const std::vector<Loader>& loaders()
{
    static const std::vector<Loader> all = {
        Loader{"curve-csv", "LossCast curve CSV (step,lr,loss), as losscast-cli and the window write it",
               [](std::string_view head, const std::string&, bool isFolder) {
                   return !isFolder && looksLikeCurveCsv(head);
               },
               readCurveCsvLoader},
        familyLoader("csv",
                     "CSV/TSV tables: W&B chart and API exports, TensorBoard and Lightning CSV, generic"),
        familyLoader("text", "text logs: nanoGPT, llm.c, modded-nanogpt, Megatron"),
        familyLoader("json", "JSON documents: HF Trainer trainer_state.json, TensorBoard JSON"),
        familyLoader("jsonl", "JSON lines: W&B history"),
        Loader{"folder", "folders: a W&B run folder or TensorBoard downloads",
               [](std::string_view, const std::string&, bool isFolder) { return isFolder; },
               [](const std::string& path, const LoadOptions& options) {
                   return readWithImporters(path, options, "folder");
               }},
    };
    return all;
}

const Loader* findLoader(const std::string& id)
{
    for (const auto& l : loaders())
        if (l.id == id)
            return &l;
    return nullptr;
}

const Loader* sniffLoader(const std::string& path)
{
    bool isFolder = false;
    const std::string head = headOf(path, isFolder);
    std::error_code ec;
    if (!isFolder && !fs::exists(path, ec))
        return nullptr;
    for (const auto& l : loaders())
        if (l.sniff(head, path, isFolder))
            return &l;
    return nullptr;
}

namespace {

/// loadCurves(), telling whether the file was read as a plain step,lr,loss CSV.
Result<std::vector<Curve>> readCurves(const std::string& path, const LoadOptions& options, bool& plainCurve)
{
    Result<std::vector<Curve>> out;
    plainCurve = false;
    // A pipe, FIFO or "-" can be read only once: straight to the importer, which reads any format.
    if (!options.hasSelection() && !isStreamPath(path)) {
        auto plain = readPlainCurve(path, options.warmupSteps);
        if (plain.result.ok()) {
            plainCurve = true;
            out.diagnostics = std::move(plain.result.diagnostics);
            out.value = std::vector<Curve>{std::move(*plain.result)};
            return out;
        }
        // A step,lr,loss CSV with bad data (an error below its header) is reported as such; only files whose
        // header is not step,lr,loss are tried as other log formats.
        if (plain.dataError) {
            out.diagnostics = std::move(plain.result.diagnostics);
            return out;
        }
    }
    // The importer reads step,lr,loss CSVs too, so its message is the one that says what is missing; the
    // plain reader's header complaint would only add noise.
    std::optional<ScheduleInput> rendered;
    import::CurveSelection sel;
    if (!options.schedule.empty()) {
        auto schedule = Schedule::fromText(options.schedule);
        if (!schedule) {
            out.diagnostics = std::move(schedule.diagnostics);
            return out;
        }
        rendered = schedule->toInput();
        sel.schedule = &*rendered;
    }
    sel.loss = options.loss;
    sel.lr = options.lr;
    sel.warmupSteps = options.warmupSteps;
    return import::importCurves(path, sel, options.run);
}

/// loadFile() under LoadOptions::everyRunACurve: loadCurves()'s curves and diagnostics as runs.
LoadResult curvesAsRuns(const std::string& path, const LoadOptions& options)
{
    LoadResult out;
    bool plainCurve = false;
    auto curves = readCurves(path, options, plainCurve);
    out.diagnostics = std::move(curves.diagnostics);
    const Loader* sniffed = plainCurve || isStreamPath(path) ? nullptr : sniffLoader(path);
    out.loader = plainCurve ? "curve-csv" : sniffed && sniffed->id != "curve-csv" ? sniffed->id : "csv";
    if (!curves.ok()) {
        if (out.ok()) // loadCurves always says why; keep "no runs" an error all the same
            out.diagnostics.push_back(
                Diagnostic{Diagnostic::Severity::Error, path, 0, {}, "no runs with curves in this file"});
        return out;
    }
    for (Curve& c : *curves) {
        LoadedRun run;
        run.name = c.name.empty() ? fs::path(path).stem().string() : c.name;
        run.provenance = plainCurve
                             ? Provenance{path, "curve-csv", "curve-csv", {}, {}, {}}
                             : Provenance{path, out.loader, {}, options.loss, options.lr, options.schedule};
        run.curve = std::move(c);
        out.runs.push_back(std::move(run));
    }
    return out;
}

} // namespace

LoadResult loadFile(const std::string& path, const LoadOptions& options)
{
    if (options.everyRunACurve)
        return curvesAsRuns(path, options);
    // A pipe, FIFO or "-" can be read only once: straight to the importers, which keep the sniffed bytes.
    if (isStreamPath(path))
        return readWithImporters(path, options, "csv");
    const Loader* sniffed = sniffLoader(path);
    if (!options.hasSelection()) {
        LoadResult plain = readCurveCsvLoader(path, options);
        if (plain.ok())
            return plain;
        bool dataError = false;
        for (const auto& d : plain.diagnostics)
            dataError |= d.severity == Diagnostic::Severity::Error && d.line > 1;
        if (dataError && options.curveCsvErrorsAreFinal)
            return plain;
    }
    // Not a plain curve file (or the user chose series): the importers detect the format themselves; the
    // sniffed family names the loader in the provenance.
    const std::string id = sniffed && sniffed->id != "curve-csv" ? sniffed->id : "csv";
    return readWithImporters(path, options, id);
}

Result<std::vector<Curve>> loadCurves(const std::string& path, const LoadOptions& options)
{
    bool plainCurve = false;
    return readCurves(path, options, plainCurve);
}

} // namespace losscast::core::workspace
