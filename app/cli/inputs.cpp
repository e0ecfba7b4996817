#include "app/cli/inputs.h"

#include "app/cli/registry.h"
#include "core/import/curvebuild.h"
#include "core/io/curvecsv.h"
#include "core/io/textcheck.h"
#include "core/schedule/schedule.h"
#include "core/util/atomicfile.h"
#include "core/util/inputstream.h"
#include "core/util/numtext.h"
#include "core/util/textfile.h"
#include "core/workspace/loaders.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace losscast::cli {

int usageError(const Args& args, const std::string& message)
{
    std::cerr << "losscast-cli " << args.command() << ": " << message << "\n(see 'losscast-cli "
              << args.command() << " --help')\n";
    return kExitUsage;
}

std::optional<long long> warmupFromArgs(Args& args)
{
    long long warmup = 0;
    if (!args.intValue("warmup-steps", warmup, 0)) {
        usageError(args, args.error());
        return std::nullopt;
    }
    if (warmup < 0) {
        usageError(args, "--warmup-steps must be ≥ 0, got " + std::to_string(warmup));
        return std::nullopt;
    }
    return warmup;
}

std::optional<std::vector<int>> openRuns(Args& args, core::workspace::Workspace& workspace,
                                         const std::vector<std::string>& files)
{
    const auto warmupArg = warmupFromArgs(args);
    if (!warmupArg)
        return std::nullopt;
    const long long warmup = *warmupArg;
    // Any importable log (W&B, TensorBoard, HF, Lightning, text logs, ...) with --run/--loss/--lr selections;
    // a plain step,lr,loss CSV first (the workspace's loader policy, core/workspace/loaders.h). A run that
    // did not log its LR takes it from --schedule SPEC (the syntax of `losscast-cli schedule`).
    core::workspace::LoadOptions options;
    if (auto spec = args.value("schedule")) {
        auto schedule = core::Schedule::fromText(*spec);
        if (!schedule) {
            std::cerr << "losscast-cli " << args.command() << ": --schedule: " << schedule.errorText()
                      << '\n';
            return std::nullopt;
        }
        options.schedule = *spec;
    }
    options.loss = args.value("loss").value_or("");
    options.lr = args.value("lr").value_or("");
    options.run = args.value("run").value_or("");
    options.warmupSteps = args.has("warmup-steps") ? warmup : -1;
    options.everyRunACurve = true;
    std::vector<int> ids;
    bool ok = true;
    for (const auto& f : files) {
        const auto loaded = workspace.open(f, options);
        for (const auto& d : loaded.diagnostics)
            std::cerr << core::printableText(d.toString()) << '\n';
        if (!loaded.ok()) {
            ok = false;
            continue;
        }
        // Runs are appended: this file's are the last loaded.runs.size() of the workspace.
        const auto& runs = workspace.runs();
        for (std::size_t i = runs.size() - loaded.runs.size(); i < runs.size(); ++i)
            ids.push_back(runs[i].id);
    }
    if (!ok)
        return std::nullopt;
    return ids;
}

std::optional<std::vector<core::Curve>> loadCurves(Args& args, const std::vector<std::string>& files)
{
    core::workspace::Workspace workspace;
    const auto ids = openRuns(args, workspace, files);
    if (!ids)
        return std::nullopt;
    std::vector<core::Curve> curves;
    for (int id : *ids)
        curves.push_back(*workspace.run(id)->curve);
    return curves;
}

std::shared_ptr<const core::CurveLaw> lawFromArgs(Args& args)
{
    const auto id = args.value("law");
    std::string known;
    for (const auto& l : core::curveLaws())
        known += (known.empty() ? "" : ", ") + l->id();
    if (!id) {
        usageError(args, "--law is required (one of: " + known + ")");
        return nullptr;
    }
    if (*id == "auto") {
        usageError(args, "--law auto is for eval (it picks the law with the better held-out error): give "
                         "one of " +
                             known + " here, or run `losscast-cli eval --law auto`");
        return nullptr;
    }
    auto law = core::findCurveLaw(*id);
    if (!law)
        usageError(args, "--law: unknown law '" + *id + "' (known: " + known + ")");
    return law;
}

core::LawSettings userSettings(const Args& args, const core::LawSettings& all)
{
    core::LawSettings out;
    for (const auto& kv : args.values("set")) {
        const std::string key = kv.substr(0, kv.find('='));
        if (const auto it = all.find(key); it != all.end())
            out[key] = it->second;
    }
    return out;
}

std::optional<core::LawSettings> settingsFromArgs(Args& args, const core::CurveLaw& law,
                                                  core::LawSettings base)
{
    core::LawSettings settings = law.defaultSettings();
    for (const auto& [k, v] : base)
        settings[k] = v;
    for (const auto& kv : args.values("set")) {
        const auto eq = kv.find('=');
        if (eq == std::string::npos || eq == 0) {
            usageError(args, "--set: expected key=value, got '" + kv + "'");
            return std::nullopt;
        }
        const std::string key = kv.substr(0, eq), text = kv.substr(eq + 1);
        if (!settings.count(key)) {
            std::string known;
            for (const auto& [k, v] : law.defaultSettings())
                known += (known.empty() ? "" : ", ") + k;
            usageError(args, "--set: law '" + law.id() + "' has no setting '" + key + "'" +
                                 (known.empty() ? "" : " (settings: " + known + ")"));
            return std::nullopt;
        }
        double v = 0;
        if (core::parseDouble(text, v) != core::NumberParse::Ok) {
            usageError(args, "--set " + key + ": expected a number, got '" + text + "'");
            return std::nullopt;
        }
        settings[key] = v;
    }
    return settings;
}

std::vector<std::string> inputPaths(const Args& args)
{
    std::vector<std::string> paths;
    const auto& raw = args.raw();
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const std::string& a = raw[i];
        if (a == "--out" || a == "--to-csv") {
            ++i; // its value is the output
            continue;
        }
        std::string value = a;
        if (a.rfind("--", 0) == 0) {
            const auto eq = a.find('=');
            if (eq == std::string::npos || a.rfind("--out=", 0) == 0 || a.rfind("--to-csv=", 0) == 0)
                continue;
            value = a.substr(eq + 1);
        }
        std::error_code ec;
        if (!value.empty() && std::filesystem::exists(value, ec))
            paths.push_back(value);
    }
    return paths;
}

int writeOutput(const Args& args, const std::string& path, std::string_view text,
                const std::vector<std::string>& extraInputs)
{
    std::vector<std::string> inputs = inputPaths(args);
    inputs.insert(inputs.end(), extraInputs.begin(), extraInputs.end());
    const auto w = core::writeFileAtomically(path, text, inputs);
    if (!w) {
        std::cerr << "losscast-cli " << args.command() << ": " << core::printableText(w.errorText()) << '\n';
        return kExitFailure;
    }
    return kExitOk;
}

int emitJson(const Args& args, const core::JsonValue& value, bool pretty)
{
    core::JsonWriteOptions wo;
    wo.pretty = pretty;
    const std::string text = core::writeJson(value, wo) + "\n";
    if (const auto out = args.value("out"))
        return writeOutput(args, *out, text);
    std::cout << text;
    return kExitOk;
}

} // namespace losscast::cli
