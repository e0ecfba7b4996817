#include "core/fit/accuracy.h"

#include "core/fit/metrics.h"
#include "core/io/curvecsv.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

namespace losscast::core::fit {

namespace {

namespace fs = std::filesystem;

/// Points at steps ≤ last, schedule cut after `last`.
Curve truncated(const Curve& c, std::int64_t last, const std::string& name)
{
    Curve out;
    out.name = name;
    out.source = c.source;
    out.schedule = c.schedule;
    const auto n = std::min<std::size_t>(c.schedule.lr.size(), static_cast<std::size_t>(last) + 1);
    out.schedule.lr.resize(n);
    for (std::size_t i = 0; i < c.steps.size(); ++i)
        if (c.steps[i] <= last && c.steps[i] < static_cast<std::int64_t>(n)) {
            out.steps.push_back(c.steps[i]);
            out.loss.push_back(c.loss[i]);
        }
    return out;
}

/// Points at steps > first, with the whole schedule.
Curve after(const Curve& c, std::int64_t first, const std::string& name)
{
    Curve out;
    out.name = name;
    out.source = c.source;
    out.schedule = c.schedule;
    for (std::size_t i = 0; i < c.steps.size(); ++i)
        if (c.steps[i] > first) {
            out.steps.push_back(c.steps[i]);
            out.loss.push_back(c.loss[i]);
        }
    return out;
}

void dropBefore(Curve& c, std::int64_t minStep)
{
    Curve t = after(c, minStep - 1, c.name);
    c.steps = std::move(t.steps);
    c.loss = std::move(t.loss);
}

std::int64_t lastStep(const Curve& c)
{
    return static_cast<std::int64_t>(c.schedule.lr.size()) - 1;
}

/// A simple numeric CSV: header names → columns (rows with a non-number in a used column are an error).
struct Table
{
    std::map<std::string, std::vector<double>> cols;
};

bool readTable(const fs::path& path, Table& t, std::string& error)
{
    std::ifstream in(path);
    if (!in) {
        error = path.string() + ": cannot be read";
        return false;
    }
    std::string line;
    std::vector<std::string> names;
    auto chomp = [](std::string& l) {
        if (!l.empty() && l.back() == '\r')
            l.pop_back();
    };
    if (!std::getline(in, line)) {
        error = path.string() + ": empty";
        return false;
    }
    chomp(line);
    {
        std::stringstream ss(line);
        std::string cell;
        while (std::getline(ss, cell, ','))
            names.push_back(cell);
    }
    std::size_t lineNo = 1;
    while (std::getline(in, line)) {
        ++lineNo;
        chomp(line);
        if (line.empty())
            continue;
        std::stringstream ss(line);
        std::string cell;
        std::size_t k = 0;
        while (std::getline(ss, cell, ',') && k < names.size()) {
            char* end = nullptr;
            const double v = std::strtod(cell.c_str(), &end);
            if (end == cell.c_str()) {
                error = path.string() + ":" + std::to_string(lineNo) + ": '" + cell + "' is not a number";
                return false;
            }
            t.cols[names[k++]].push_back(v);
        }
    }
    return true;
}

/// A run of the tiny model's pre-training: the LR of every step from `lrFile`, the general-domain loss up
/// to the switch at step 2000 from `lossFile`.
bool readCptPt(const fs::path& lrFile, const fs::path& lossFile, const std::string& name, Curve& out,
               std::string& error)
{
    Table lr, loss;
    if (!readTable(lrFile, lr, error) || !readTable(lossFile, loss, error))
        return false;
    const auto& s = lr.cols["step"];
    const auto& v = lr.cols["lr"];
    if (s.empty() || s.size() != v.size()) {
        error = lrFile.string() + ": no step,lr rows";
        return false;
    }
    const auto n = static_cast<std::size_t>(s.back());
    out = {};
    out.name = name;
    out.source = lossFile.string();
    out.schedule.lr.assign(n + 1, 0.0);
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i] >= 1 && s[i] <= double(n))
            out.schedule.lr[static_cast<std::size_t>(s[i])] = v[i];
    out.schedule.warmupSteps = 100;
    const auto& ls = loss.cols["step"];
    const auto& lg = loss.cols["general"];
    for (std::size_t i = 0; i < ls.size() && i < lg.size(); ++i)
        if (ls[i] >= 1 && ls[i] <= double(n)) {
            out.steps.push_back(static_cast<std::int64_t>(ls[i]));
            out.loss.push_back(lg[i]);
        }
    if (out.steps.empty()) {
        error = lossFile.string() + ": no 'general' loss at steps 1.." + std::to_string(n);
        return false;
    }
    return true;
}

/// Runs of one set by a short label.
using Runs = std::map<std::string, Curve>;

const Curve* run(const Runs& r, const std::string& key)
{
    const auto it = r.find(key);
    return it == r.end() ? nullptr : &it->second;
}

/// Adds a case when every curve exists (and is non-empty).
void addCase(std::vector<AccuracyCase>& out, const std::string& set, const std::string& protocol,
             const std::string& name, std::vector<Curve> train, std::vector<Curve> test)
{
    if (train.empty() || test.empty())
        return;
    for (const auto* v : {&train, &test})
        for (const auto& c : *v)
            if (c.steps.size() < 3)
                return;
    out.push_back({set, protocol, name, std::move(train), std::move(test)});
}

/// The generic protocols of a set from labelled runs:
///  - `constant` (the longest constant / stable run), `cos@L`, `wsd@L` at lengths L (ascending `lengths`),
///  - `cooldownTrain`, `cooldownTest`: labels of the cooldown-transfer split,
///  - `earlyRun`: the run whose first 25/35/50 % is fitted,
///  - `loro`: five labels for leave-one-run-out.
struct SetPlan
{
    std::string set;
    Runs runs;
    std::vector<std::int64_t> lengths; ///< ascending run lengths with a cos@L and wsd@L each
    std::vector<std::string> cooldownTrain, cooldownTest;
    std::string earlyRun;
    std::vector<double> earlyFractions{0.25, 0.35, 0.5};
    std::vector<std::string> loro;
    bool mplSplitFromLengths = true;
};

std::vector<Curve> pick(const Runs& runs, const std::vector<std::string>& keys)
{
    std::vector<Curve> v;
    for (const auto& k : keys)
        if (const auto* c = run(runs, k))
            v.push_back(*c);
        else
            return {};
    return v;
}

std::string lengthLabel(std::int64_t steps)
{
    if (steps % 1000 == 0)
        return std::to_string(steps / 1000) + "k";
    std::ostringstream s;
    s << double(steps) / 1000.0 << "k";
    return s.str();
}

void addPlanCases(std::vector<AccuracyCase>& out, const SetPlan& p)
{
    const auto& L = p.lengths;
    // 1. constant + cosine + WSD at the shortest length; predict every other run.
    if (p.mplSplitFromLengths && L.size() >= 2) {
        if (const auto* cst = run(p.runs, "constant")) {
            std::vector<Curve> train{truncated(*cst, L[0], "constant@" + lengthLabel(L[0]))};
            auto more = pick(p.runs, {"cos@" + std::to_string(L[0]), "wsd@" + std::to_string(L[0])});
            if (more.size() == 2) {
                train.insert(train.end(), more.begin(), more.end());
                std::vector<Curve> test{*cst};
                for (std::size_t i = 1; i < L.size(); ++i)
                    for (const char* shape : {"cos@", "wsd@"})
                        if (const auto* c = run(p.runs, shape + std::to_string(L[i])))
                            test.push_back(*c);
                addCase(out, p.set, "mpl-split", "short constant+cosine+WSD", std::move(train),
                        std::move(test));
            }
        }
    }
    // 2. Horizon: the pair of lengths with the ratio closest to 1.75 within [1.4, 2.1].
    {
        double bestGap = 1e9;
        std::size_t bi = 0, bj = 0;
        for (std::size_t i = 0; i < L.size(); ++i)
            for (std::size_t j = i + 1; j < L.size(); ++j) {
                const double r = double(L[j]) / double(L[i]);
                if (r >= 1.4 && r <= 2.1 && std::abs(r - 1.75) < bestGap) {
                    bestGap = std::abs(r - 1.75);
                    bi = i;
                    bj = j;
                }
            }
        if (bestGap < 1e9) {
            const auto a = std::to_string(L[bi]), b = std::to_string(L[bj]);
            addCase(out, p.set, "horizon", lengthLabel(L[bi]) + " -> " + lengthLabel(L[bj]),
                    pick(p.runs, {"cos@" + a, "wsd@" + a}), pick(p.runs, {"cos@" + b, "wsd@" + b}));
        }
    }
    // 3. Cooldown transfer.
    if (!p.cooldownTrain.empty())
        addCase(out, p.set, "cooldown",
                "fit " + std::to_string(p.cooldownTrain.size()) + ", predict " +
                    std::to_string(p.cooldownTest.size()),
                pick(p.runs, p.cooldownTrain), pick(p.runs, p.cooldownTest));
    // 4. Early stop.
    if (const auto* c = run(p.runs, p.earlyRun)) {
        for (double f : p.earlyFractions) {
            const auto cut = static_cast<std::int64_t>(std::llround(f * double(lastStep(*c))));
            std::ostringstream label;
            label << f * 100 << "% of " << p.earlyRun;
            addCase(out, p.set, "early-stop", label.str(), {truncated(*c, cut, c->name + " (first part)")},
                    {after(*c, cut, c->name + " (rest)")});
        }
    }
    // 5. Leave one run out.
    const auto loroRuns = pick(p.runs, p.loro);
    if (loroRuns.size() >= 2)
        for (std::size_t k = 0; k < loroRuns.size(); ++k) {
            std::vector<Curve> train;
            for (std::size_t j = 0; j < loroRuns.size(); ++j)
                if (j != k)
                    train.push_back(loroRuns[j]);
            addCase(out, p.set, "loro", "held out " + p.loro[k], std::move(train), {loroRuns[k]});
        }
}

/// Drops the early points of every run (see the file comment).
void trimRuns(Runs& runs, std::int64_t warmup)
{
    std::int64_t longest = 0;
    for (const auto& [k, c] : runs)
        longest = std::max(longest, lastStep(c));
    const std::int64_t minStep = std::max<std::int64_t>(2 * warmup, longest / 20);
    for (auto& [k, c] : runs)
        dropBefore(c, minStep);
}

void loadMpl(const fs::path& dir, std::vector<AccuracyCase>& out, std::vector<std::string>& notes)
{
    const char* names[] = {"constant_24000", "constant_72000",  "cosine_24000",
                           "cosine_72000",   "wsd_20000_24000", "wsdld_20000_24000",
                           "wsdcon_3",       "wsdcon_9",        "wsdcon_18"};
    for (const std::string size : {"25M", "100M"}) {
        Runs r;
        bool ok = true;
        for (const char* n : names) {
            auto c = readCurveCsv((dir / (size + "_" + n + ".csv")).string(), 2160);
            if (!c) {
                notes.push_back(c.errorText());
                ok = false;
                break;
            }
            r[n] = std::move(*c);
        }
        if (!ok)
            continue;
        const std::string set = "mpl-" + size;
        addCase(out, set, "mpl-split", "paper split", pick(r, {"constant_24000", "cosine_24000", "wsdcon_9"}),
                pick(r, {"constant_72000", "cosine_72000", "wsd_20000_24000", "wsdld_20000_24000", "wsdcon_3",
                         "wsdcon_18"}));
        addCase(out, set, "horizon", "24k -> 48k of the 72k runs",
                pick(r, {"constant_24000", "cosine_24000"}),
                {truncated(r["constant_72000"], 48000, "constant_72000 to 48k"),
                 truncated(r["cosine_72000"], 48000, "cosine_72000 to 48k")});
        SetPlan p;
        p.set = set;
        p.runs = r;
        p.mplSplitFromLengths = false;
        p.cooldownTrain = {"constant_24000", "wsd_20000_24000", "wsdcon_9"};
        p.cooldownTest = {"wsdld_20000_24000", "wsdcon_3", "wsdcon_18"};
        p.earlyRun = "cosine_72000";
        p.earlyFractions = {0.25, 0.35, 0.36, 0.5};
        p.loro = {"constant_24000", "cosine_24000", "wsd_20000_24000", "wsdld_20000_24000", "wsdcon_9"};
        addPlanCases(out, p);
    }
}

/// Schaipp et al.'s validation loss with the LR rebuilt from the training log (logged every 50 steps rather
/// than every 200).
bool readSchaipp(const fs::path& dir, const std::string& tag, std::int64_t warmup, Curve& out,
                 std::string& error)
{
    auto val = readCurveCsv((dir / (tag + ".val.csv")).string(), warmup);
    if (!val) {
        error = val.errorText();
        return false;
    }
    out = std::move(*val);
    const fs::path trainPath = dir / (tag + ".train.csv");
    if (fs::exists(trainPath)) {
        auto train = readCurveCsv(trainPath.string(), warmup);
        if (train && train->schedule.lr.size() >= out.schedule.lr.size()) {
            train->schedule.lr.resize(out.schedule.lr.size());
            out.schedule = train->schedule;
        }
    }
    const auto cut = tag.find("_slimpajama");
    out.name = cut != std::string::npos ? tag.substr(0, cut) : tag;
    return true;
}

void loadSchaipp(const fs::path& dir, std::vector<AccuracyCase>& out, std::vector<std::string>& notes)
{
    const std::string mid = "_slimpajama_llama_norm_nlayers12_nhead12_lr";
    for (const std::string lr : {"0.0005", "0.001"}) {
        Runs r;
        std::string error;
        auto load = [&](const std::string& label, const std::string& tag) {
            Curve c;
            if (!fs::exists(dir / (tag + ".val.csv")))
                return;
            if (!readSchaipp(dir, tag, 300, c, error)) {
                notes.push_back(error);
                return;
            }
            r[label] = std::move(c);
        };
        load("constant", "stable-124m" + mid + lr + "_sched_wsd_warmup300_decay_linear_0.0_iter50000");
        for (const std::string it : {"25000", "50000"}) {
            load("cos@" + it, "cos-zero-124m" + mid + lr + "_sched_cos_warmup300_decay_sqrt_0.0_iter" + it);
            load("wsd@" + it, "ann124-0.2" + mid + lr + "_sched_wsd_warmup300_decay_linear_0.2_iter" + it);
            load("wsd-sqrt@" + it, "ann124-0.2" + mid + lr + "_sched_wsd_warmup300_decay_sqrt_0.2_iter" + it);
        }
        for (const std::string f : {"0.1", "0.4", "0.6", "0.8", "0.9"})
            load("wsd" + f + "@50000",
                 "ann124-" + f + mid + lr + "_sched_wsd_warmup300_decay_linear_" + f + "_iter50000");
        load("cos10@50000", "cos-10-124m" + mid + lr + "_sched_cos_warmup300_decay_sqrt_0.0_iter50000");
        if (r.empty())
            continue;
        trimRuns(r, 300);
        SetPlan p;
        p.set = std::string("schaipp-124M-lr") + (lr == "0.001" ? "1e-3" : "5e-4");
        p.runs = r;
        p.lengths = {25000, 50000};
        p.cooldownTrain = {"cos@50000", "wsd@50000"};
        p.cooldownTest = {"wsd0.1@50000", "wsd0.4@50000", "wsd0.6@50000",
                          "wsd0.8@50000", "wsd0.9@50000", "wsd-sqrt@50000"};
        p.earlyRun = "cos@50000";
        p.loro = {"constant", "cos@50000", "wsd@50000", "wsd0.6@50000", "wsd-sqrt@50000"};
        addPlanCases(out, p);
    }
}

void loadOwt2(const fs::path& dir, std::vector<AccuracyCase>& out, std::vector<std::string>& notes)
{
    struct Size
    {
        const char* label;
        const char* arch;
        const char* wsdLr;
        const char* cosLr;
        std::vector<std::int64_t> lengths;
    };
    const Size sizes[] = {{"60M", "nlayers10_nhead8", "0.001", "0.002", {7500, 12500, 17500}},
                          {"93M", "nlayers12_nhead10", "0.001", "0.002", {10000, 17500, 25000}},
                          {"166M", "nlayers12_nhead14", "0.0005", "0.001", {15000, 25000, 30000}}};
    for (const auto& s : sizes) {
        Runs r;
        auto load = [&](const std::string& label, const std::string& tag) {
            if (!fs::exists(dir / (tag + ".val.csv")))
                return;
            auto c = readCurveCsv((dir / (tag + ".val.csv")).string(), 300);
            if (!c) {
                notes.push_back(c.errorText());
                return;
            }
            c->name = label;
            r[label] = std::move(*c);
        };
        const std::string base = std::string("openwebtext2_llama_norm_") + s.arch + "_lr";
        const std::string longest = std::to_string(s.lengths.back());
        load("constant", base + s.wsdLr + "_sched_wsd_warmup300_iter" + longest);
        for (auto len : s.lengths) {
            const auto it = std::to_string(len);
            load("cos@" + it, base + s.cosLr + "_sched_cos_warmup300_iter" + it);
            load("wsd@" + it, "ann0.2_" + base + s.wsdLr + "_sched_wsd_warmup300_iter" + it);
        }
        if (r.empty())
            continue;
        trimRuns(r, 300);
        SetPlan p;
        p.set = std::string("owt2-") + s.label;
        p.runs = r;
        p.lengths = s.lengths;
        const auto mid = std::to_string(s.lengths[1]);
        p.cooldownTrain = {"constant", "cos@" + longest};
        p.cooldownTest = {"wsd@" + mid, "wsd@" + longest};
        p.earlyRun = "cos@" + longest;
        p.loro = {"constant", "cos@" + longest, "wsd@" + longest, "cos@" + mid, "wsd@" + mid};
        addPlanCases(out, p);
    }
}

void loadCptTiny(const fs::path& dir, std::vector<AccuracyCase>& out, std::vector<std::string>& notes)
{
    Runs r;
    std::string error;
    Curve c;
    if (readCptPt(dir / "pt_constant.lr.csv", dir / "const_r0.csv", "pt_constant", c, error))
        r["pt_constant"] = c;
    else
        notes.push_back(error);
    if (readCptPt(dir / "pt_wsd_linear.lr.csv", dir / "wsd_r0.csv", "pt_wsd_linear", c, error))
        r["pt_wsd_linear"] = c;
    else
        notes.push_back(error);
    if (r.size() < 2)
        return;
    trimRuns(r, 100);
    const std::string set = "cpt_tiny-PT";
    addCase(out, set, "horizon", "1k -> 2k of the constant run",
            {truncated(r["pt_constant"], 1000, "pt_constant to 1k")}, {r["pt_constant"]});
    SetPlan p;
    p.set = set;
    p.runs = r;
    p.mplSplitFromLengths = false;
    p.earlyRun = "pt_wsd_linear";
    p.loro = {"pt_constant", "pt_wsd_linear"};
    addPlanCases(out, p);
}

} // namespace

std::vector<AccuracyCase> loadAccuracyCases(const std::string& curvesDir, std::vector<std::string>* notes)
{
    std::vector<AccuracyCase> out;
    std::vector<std::string> local;
    std::vector<std::string>& n = notes ? *notes : local;
    const fs::path root(curvesDir);
    struct Loader
    {
        const char* folder;
        void (*load)(const fs::path&, std::vector<AccuracyCase>&, std::vector<std::string>&);
    };
    for (const Loader& l : {Loader{"mpl", loadMpl}, Loader{"schaipp", loadSchaipp},
                            Loader{"schaipp_owt2", loadOwt2}, Loader{"cpt_tiny", loadCptTiny}}) {
        const fs::path d = root / l.folder;
        std::error_code ec;
        if (!fs::is_directory(d, ec)) {
            n.push_back(d.string() + ": not found, set skipped");
            continue;
        }
        l.load(d, out, n);
    }
    return out;
}

void bandScores(const std::vector<double>& observed, const std::vector<double>& lower,
                const std::vector<double>& upper, std::size_t& inside, std::size_t& counted, double& halfSum)
{
    if (lower.size() != observed.size() || upper.size() != observed.size())
        return;
    for (std::size_t i = 0; i < observed.size(); ++i) {
        if (!std::isfinite(lower[i]) || !std::isfinite(upper[i]))
            continue;
        ++counted;
        if (observed[i] >= lower[i] && observed[i] <= upper[i])
            ++inside;
        halfSum += (upper[i] - lower[i]) / 2.0 / observed[i];
    }
}

CaseScore scoreCase(const AccuracyCase& c, const AccuracyMethod& method)
{
    CaseScore s;
    const auto t0 = std::chrono::steady_clock::now();
    MethodAnswer a;
    try {
        a = method(c.train, c.test);
    } catch (const std::exception& e) {
        a.ok = false;
        a.message = e.what();
    }
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    s.ok = a.ok && a.loss.size() == c.test.size();
    s.message = a.message;
    s.law = a.law;
    s.warningCodes = a.warningCodes;
    if (!s.ok)
        return s;
    std::vector<Metrics> per;
    std::size_t inside = 0, counted = 0, points = 0;
    double halfSum = 0;
    for (std::size_t k = 0; k < c.test.size(); ++k) {
        per.push_back(computeMetrics(a.loss[k], c.test[k].loss));
        points += c.test[k].loss.size();
        if (k < a.lower.size() && k < a.upper.size())
            bandScores(c.test[k].loss, a.lower[k], a.upper[k], inside, counted, halfSum);
    }
    const Metrics m = average(per);
    s.predE = m.predE;
    s.worstE = m.worstE;
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    s.coverage = counted == points && counted > 0 ? double(inside) / double(counted) : nan;
    s.halfWidth = counted == points && counted > 0 ? halfSum / double(counted) : nan;
    return s;
}

} // namespace losscast::core::fit
