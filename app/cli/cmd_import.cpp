// losscast-cli import: read training logs in any supported format and show (or convert) their runs.
#include "app/cli/inputs.h"
#include "app/cli/registry.h"
#include "core/import/curvebuild.h"
#include "core/import/export.h"
#include "core/import/importer.h"
#include "core/io/textcheck.h"
#include "core/util/atomicfile.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

using namespace losscast;
namespace imp = losscast::core::import;

namespace {

const char* kUsage =
    R"(usage: losscast-cli import FILE... [--format auto|csv|wandb|tensorboard|hf|lightning|text] [--json]
                           [--to-csv DIR [--all-series]] [--step COL] [--loss COL] [--lr COL]

Reads training logs and prints their runs, the metric series of each run (points and step range) and every
warning with its file and line. Errors go to stderr, once each (with --json they are also in "warnings" with
"severity":"error"). FILE may also be a W&B run folder or a folder of TensorBoard CSV downloads.

Formats: generic CSV/TSV, W&B chart "Export CSV", W&B runs table, W&B API history CSV/jsonl, W&B run folders,
TensorBoard scalar CSV/JSON, HF Trainer trainer_state.json, Lightning metrics.csv, and text logs from nanoGPT,
llm.c, modded-nanogpt and Megatron.

options:
  --format F      skip detection and read FILE as F
  --json          print {"files":[{"file","format","runs":[{"name","series":[{"name","points","first_step",
                  "last_step"}]}],"warnings":[{"line","message"}]}]}
  --to-csv DIR    write each run to DIR/<file>-<run>.csv as step,lr,loss (LR interpolated at the loss steps),
                  or with all its series when the run has no recognised loss and LR (or with --all-series)
  --step/--loss/--lr/--tokens COL   override the detected column mapping
exit status: 0 all files read, 1 a file could not be read, 2 usage error
)";

std::string fmtStep(double v)
{
    return imp::formatNumber(v);
}

std::string jsonString(const std::string& s)
{
    std::string o = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"':
            o += "\\\"";
            break;
        case '\\':
            o += "\\\\";
            break;
        case '\n':
            o += "\\n";
            break;
        case '\r':
            o += "\\r";
            break;
        case '\t':
            o += "\\t";
            break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                o += buf;
            } else {
                o += static_cast<char>(c);
            }
        }
    }
    return o + "\"";
}

/// Runs with a loss but no recognised LR cannot be fitted as they are: say so here, before `fit` does.
void warnNoLr(imp::ImportResult& r)
{
    std::string names;
    std::size_t n = 0;
    for (const auto& run : r.runs) {
        if (run.roles.loss.empty() || !run.roles.lr.empty())
            continue;
        if (++n <= 5)
            names += (names.empty() ? "" : ", ") + run.name;
    }
    if (n == 0)
        return;
    if (n > 5)
        names += ", … (" + std::to_string(n) + " runs)";
    core::Diagnostic d;
    d.severity = core::Diagnostic::Severity::Warning;
    d.file = r.file;
    d.message = std::string("no learning rate found (") + (n == 1 ? "run: " : "runs: ") + names +
                "): to fit, give the schedule with --schedule SPEC (see `losscast-cli schedule --help`) or "
                "name the LR series with --lr NAME";
    r.diagnostics.push_back(std::move(d));
}

void printText(const imp::ImportResult& r)
{
    std::cout << r.file << ": " << (r.format.empty() ? "?" : r.format);
    if (r.table)
        std::cout << ", a table of " << r.table->rows.size() << " row(s) x " << r.table->header.size()
                  << " column(s) (one row per run: config and summary, not curves)";
    std::cout << ", " << r.runs.size() << " run(s)\n";
    for (const auto& run : r.runs) {
        std::cout << "  run '" << core::printableText(run.name) << "'";
        std::string roles;
        auto role = [&](const char* n, const std::string& v) {
            if (!v.empty())
                roles += std::string(roles.empty() ? "" : ", ") + n + ": " + core::printableText(v);
        };
        role("loss", run.roles.loss);
        role("val loss", run.roles.valLoss);
        role("lr", run.roles.lr);
        role("tokens", run.roles.tokens);
        if (!roles.empty())
            std::cout << " (" << roles << ")";
        std::cout << '\n';
        for (const auto& s : run.series)
            std::cout << "    " << core::printableText(s.name) << ": " << s.size() << " point(s), steps "
                      << fmtStep(s.steps.front()) << ".." << fmtStep(s.steps.back()) << '\n';
    }
    // Errors are left to stderr (see run()), so that each is printed once.
    for (const auto& d : r.diagnostics)
        if (d.severity != core::Diagnostic::Severity::Error)
            std::cout << "  " << core::printableText(d.toString()) << '\n';
}

void printJson(const std::vector<imp::ImportResult>& results)
{
    std::cout << "{\"files\":[";
    for (std::size_t i = 0; i < results.size(); ++i) {
        const auto& r = results[i];
        std::cout << (i ? "," : "") << "{\"file\":" << jsonString(r.file)
                  << ",\"format\":" << jsonString(r.format) << ",\"runs\":[";
        for (std::size_t k = 0; k < r.runs.size(); ++k) {
            const auto& run = r.runs[k];
            std::cout << (k ? "," : "") << "{\"name\":" << jsonString(run.name)
                      << ",\"roles\":{\"loss\":" << jsonString(run.roles.loss)
                      << ",\"val_loss\":" << jsonString(run.roles.valLoss)
                      << ",\"lr\":" << jsonString(run.roles.lr)
                      << ",\"tokens\":" << jsonString(run.roles.tokens) << "},\"series\":[";
            for (std::size_t j = 0; j < run.series.size(); ++j) {
                const auto& s = run.series[j];
                std::cout << (j ? "," : "") << "{\"name\":" << jsonString(s.name)
                          << ",\"points\":" << s.size() << ",\"first_step\":" << fmtStep(s.steps.front())
                          << ",\"last_step\":" << fmtStep(s.steps.back()) << "}";
            }
            std::cout << "]}";
        }
        std::cout << "]";
        if (r.table)
            std::cout << ",\"table\":{\"rows\":" << r.table->rows.size()
                      << ",\"columns\":" << r.table->header.size() << "}";
        std::cout << ",\"warnings\":[";
        bool first = true;
        for (const auto& d : r.diagnostics) {
            std::cout << (first ? "" : ",") << "{\"severity\":"
                      << (d.severity == core::Diagnostic::Severity::Error ? "\"error\"" : "\"warning\"")
                      << ",\"line\":" << d.line << ",\"where\":" << jsonString(d.where)
                      << ",\"message\":" << jsonString(d.message) << "}";
            first = false;
        }
        std::cout << "]}";
    }
    std::cout << "]}\n";
}

int run(cli::Args& args)
{
    args.declare({"format", "to-csv", "step", "loss", "lr", "tokens", "val-loss"}, {},
                 {"json", "all-series"});
    if (!args.parse()) {
        std::cerr << "losscast-cli import: " << args.error() << '\n';
        return cli::kExitUsage;
    }
    if (args.positionals().empty()) {
        std::cerr << "losscast-cli import: no FILE given\n" << kUsage;
        return cli::kExitUsage;
    }
    imp::ImportOptions options;
    if (auto f = args.value("format")) {
        auto fmt = imp::formatFromString(*f);
        if (!fmt) {
            std::cerr << "losscast-cli import: --format: unknown format '" << *f
                      << "' (auto, csv, wandb, tensorboard, hf, lightning, text)\n";
            return cli::kExitUsage;
        }
        options.format = *fmt;
    }
    options.mapping.step = args.value("step").value_or("");
    options.mapping.loss = args.value("loss").value_or("");
    options.mapping.lr = args.value("lr").value_or("");
    options.mapping.tokens = args.value("tokens").value_or("");
    options.mapping.valLoss = args.value("val-loss").value_or("");

    std::vector<imp::ImportResult> results;
    bool failed = false;
    for (const auto& path : args.positionals()) {
        results.push_back(imp::importFile(path, options));
        failed |= !results.back().ok();
        warnNoLr(results.back());
    }
    if (args.flag("json"))
        printJson(results);
    else
        for (const auto& r : results)
            printText(r);
    // The split: stdout carries the report (with warnings; with --json also the errors, as data for
    // scripts), stderr carries each error once as a message for the person at the terminal.
    for (const auto& r : results)
        for (const auto& d : r.diagnostics)
            if (d.severity == core::Diagnostic::Severity::Error)
                std::cerr << core::printableText(d.toString()) << '\n';

    if (auto dir = args.value("to-csv")) {
        std::error_code ec;
        std::filesystem::create_directories(*dir, ec);
        if (ec) {
            std::cerr << "losscast-cli import: --to-csv: cannot create '" << *dir << "': " << ec.message()
                      << '\n';
            return cli::kExitFailure;
        }
        // Names made from file and run names can meet ("a/b" and "a_b"): later ones get "-2", "-3", ...
        // The files read are inputs too (a folder's files are not on the command line).
        std::set<std::string> taken;
        std::vector<std::string> read;
        for (const auto& r : results)
            read.push_back(r.file);
        for (const auto& r : results)
            for (const auto& run : r.runs) {
                const std::string out = (std::filesystem::path(*dir) /
                                         core::uniqueName(imp::csvFileName(r.file, run.name), taken))
                                            .string();
                std::ostringstream os;
                std::string note;
                if (!imp::writeRunCsv(os, run, args.flag("all-series"), &note)) {
                    std::cerr << "losscast-cli import: cannot write '" << out << "'\n";
                    failed = true;
                    continue;
                }
                if (cli::writeOutput(args, out, os.str(), read) != cli::kExitOk) {
                    failed = true;
                    continue;
                }
                std::cerr << "wrote " << out << (note.empty() ? "" : " (" + note + ")") << '\n';
            }
    }
    return failed ? cli::kExitFailure : cli::kExitOk;
}

cli::Registrar reg{{"import",
                    "read training logs (CSV, W&B, TensorBoard, HF, Lightning, text) and show their runs",
                    kUsage, run}};

} // namespace
