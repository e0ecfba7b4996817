#include "core/import/run.h"
#include "core/import/common.h"
#include "core/io/textcheck.h"

#include <algorithm>
#include <cstring>
#include <numeric>

namespace losscast::core::import {

const Series* Run::find(const std::string& seriesName) const
{
    for (const auto& s : series)
        if (s.name == seriesName)
            return &s;
    return nullptr;
}

Series* Run::find(const std::string& seriesName)
{
    for (auto& s : series)
        if (s.name == seriesName)
            return &s;
    return nullptr;
}

Series& Run::seriesNamed(const std::string& seriesName)
{
    if (Series* s = find(seriesName))
        return *s;
    series.push_back(Series{seriesName, {}, {}});
    return series.back();
}

bool ImportResult::ok() const
{
    return std::none_of(diagnostics.begin(), diagnostics.end(),
                        [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::Error; });
}

std::size_t ImportResult::warningCount() const
{
    return std::count_if(diagnostics.begin(), diagnostics.end(),
                         [](const Diagnostic& d) { return d.severity == Diagnostic::Severity::Warning; });
}

const Run* ImportResult::findRun(const std::string& name) const
{
    for (const auto& r : runs)
        if (r.name == name)
            return &r;
    return nullptr;
}

std::optional<Format> formatFromString(const std::string& s)
{
    static const std::map<std::string, Format> names = {{"auto", Format::Auto},
                                                        {"csv", Format::Csv},
                                                        {"tsv", Format::Csv},
                                                        {"wandb", Format::Wandb},
                                                        {"tensorboard", Format::TensorBoard},
                                                        {"tb", Format::TensorBoard},
                                                        {"hf", Format::HfTrainer},
                                                        {"huggingface", Format::HfTrainer},
                                                        {"lightning", Format::Lightning},
                                                        {"text", Format::Text},
                                                        {"log", Format::Text}};
    auto it = names.find(detail::lower(s));
    if (it == names.end())
        return std::nullopt;
    return it->second;
}

bool isMissingToken(const char* b, const char* e)
{
    const std::size_t n = static_cast<std::size_t>(e - b);
    if (n == 0)
        return true;
    if (n > 9)
        return false;
    char buf[10];
    for (std::size_t i = 0; i < n; ++i)
        buf[i] = static_cast<char>(b[i] >= 'A' && b[i] <= 'Z' ? b[i] - 'A' + 'a' : b[i]);
    const std::string_view v(buf, n);
    static constexpr std::string_view tokens[] = {"nan",      "-nan",      "+nan",      "inf", "-inf", "+inf",
                                                  "infinity", "-infinity", "+infinity", "-",   "null", "none",
                                                  "na",       "n/a",       "<na>",      "nat", "?"};
    for (auto t : tokens)
        if (v == t)
            return true;
    return false;
}

namespace {

/// Score of a name for a role: higher is better, 0 = not this role.
int lossScore(const std::string& n)
{
    static const char* exact[] = {
        "loss",          "train/loss", "train_loss",      "train loss", "lm loss",        "training_loss",
        "train/lm_loss", "loss/train", "train_loss_step", "trl",        "train/loss_step"};
    for (std::size_t i = 0; i < std::size(exact); ++i)
        if (n == exact[i])
            return 100 - static_cast<int>(i);
    if (n.find("val") != std::string::npos || n.find("eval") != std::string::npos ||
        n.find("test") != std::string::npos || n.find("epoch") != std::string::npos ||
        n.find("__m") != std::string::npos)
        return 0;
    if (n.find("loss") != std::string::npos && n.find("scale") == std::string::npos &&
        n.find("avg") == std::string::npos)
        return n.find("train") != std::string::npos ? 50 : 10;
    return 0;
}

int valLossScore(const std::string& n)
{
    static const char* exact[] = {"val_loss",        "val/loss",   "eval_loss",   "eval/loss", "val loss",
                                  "validation_loss", "valid/loss", "val lm loss", "loss/val",  "tel",
                                  "test_loss",       "test/loss"};
    for (std::size_t i = 0; i < std::size(exact); ++i)
        if (n == exact[i])
            return 100 - static_cast<int>(i);
    if (n.find("loss") != std::string::npos &&
        (n.find("val") != std::string::npos || n.find("eval") != std::string::npos) &&
        n.find("best") == std::string::npos)
        return 10;
    return 0;
}

int lrScore(const std::string& n)
{
    static const char* exact[] = {
        "lr",       "learning_rate", "learning rate", "train/lr", "train/learning_rate",
        "lr-adamw", "lr-adam",       "optimizer/lr",  "lr/0",     "trainer/lr",
        "lr-sgd",   "lr_0",          "lr-adamw/pg1"};
    for (std::size_t i = 0; i < std::size(exact); ++i)
        if (n == exact[i])
            return 100 - static_cast<int>(i);
    if (n.find("learning_rate") != std::string::npos || n.find("learning rate") != std::string::npos)
        return 20;
    const std::size_t slash = n.rfind('/');
    const std::string leaf = slash == std::string::npos ? n : n.substr(slash + 1);
    if (leaf == "lr" || leaf.rfind("lr-", 0) == 0 || leaf.rfind("lr_", 0) == 0)
        return 15;
    return 0;
}

int tokensScore(const std::string& n)
{
    static const char* exact[] = {"tokens",       "num_tokens",   "consumed tokens",
                                  "tokens_seen",  "train/tokens", "num_input_tokens_seen",
                                  "total_tokens", "ntokens"};
    for (std::size_t i = 0; i < std::size(exact); ++i)
        if (n == exact[i])
            return 100 - static_cast<int>(i);
    if (n.find("token") != std::string::npos && n.find("eval") == std::string::npos &&
        n.find("per") == std::string::npos && n.find("/s") == std::string::npos &&
        n.find("accuracy") == std::string::npos)
        return 10;
    return 0;
}

std::string best(const Run& run, int (*score)(const std::string&))
{
    int bestScore = 0;
    std::string name;
    for (const auto& s : run.series) {
        const int sc = score(detail::lower(s.name));
        if (sc > bestScore && !s.empty()) {
            bestScore = sc;
            name = s.name;
        }
    }
    return name;
}

} // namespace

void detectRoles(Run& run, const ColumnMapping& overrides)
{
    run.roles.loss = overrides.loss.empty() ? best(run, lossScore) : overrides.loss;
    run.roles.valLoss = overrides.valLoss.empty() ? best(run, valLossScore) : overrides.valLoss;
    run.roles.lr = overrides.lr.empty() ? best(run, lrScore) : overrides.lr;
    run.roles.tokens = overrides.tokens.empty() ? best(run, tokensScore) : overrides.tokens;
    if (run.roles.valLoss == run.roles.loss && overrides.valLoss.empty())
        run.roles.valLoss.clear();
}

std::string lossLikeSeries(const Run& run)
{
    if (!run.roles.loss.empty())
        return run.roles.loss;
    auto notLoss = [&](const std::string& name) {
        const std::string n = detail::lower(name);
        static const char* words[] = {"step", "epoch",  "runtime",    "timestamp", "time",
                                      "iter", "__m",    "sample",     "batch",     "grad",
                                      "norm", "memory", "throughput", "/s"};
        for (const char* w : words)
            if (n.find(w) != std::string::npos)
                return true;
        return lrScore(n) > 0 || tokensScore(n) > 0 || name == run.roles.lr || name == run.roles.tokens;
    };
    for (const auto& s : run.series)
        if (!s.empty() && !notLoss(s.name))
            return s.name;
    return {};
}

namespace detail {

void DiagnosticLog::warn(const std::string& kind, std::int64_t line, std::string message, std::string where)
{
    const std::size_t n = ++m_counts[kind];
    if (n == 1)
        m_firstIndex[kind] = m_out.size();
    if (n > m_cap)
        return;
    Diagnostic d;
    d.severity = Diagnostic::Severity::Warning;
    d.file = m_file;
    d.line = line;
    d.where = printableText(where);
    d.message = printableText(message);
    m_out.push_back(std::move(d));
}

void DiagnosticLog::error(std::int64_t line, std::string message, std::string where)
{
    m_hasError = true;
    Diagnostic d;
    d.severity = Diagnostic::Severity::Error;
    d.file = m_file;
    d.line = line;
    d.where = printableText(where);
    d.message = printableText(message);
    m_out.push_back(std::move(d));
}

std::vector<Diagnostic> DiagnosticLog::take()
{
    for (const auto& [kind, n] : m_counts)
        if (n > m_cap) {
            Diagnostic d;
            d.severity = Diagnostic::Severity::Warning;
            d.file = m_file;
            d.message = "... and " + std::to_string(n - m_cap) + " more warnings like the one at line " +
                        std::to_string(m_out[m_firstIndex[kind]].line);
            m_out.push_back(std::move(d));
        }
    m_counts.clear();
    return std::move(m_out);
}

std::string lower(std::string_view s)
{
    std::string r(s);
    for (char& c : r)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return r;
}

std::string baseName(const std::string& path)
{
    const auto p = path.find_last_of("/\\");
    return p == std::string::npos ? path : path.substr(p + 1);
}

static std::string fmtStep(double s)
{
    char buf[32];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, s);
    return ec == std::errc() ? std::string(buf, p) : std::string("?");
}

void normalizeSeries(Series& s, StepPolicy policy, DiagnosticLog& log, std::int64_t firstBadLine,
                     const std::string& runName)
{
    const std::size_t n = s.size();
    if (n < 2)
        return;
    bool sorted = true, unique = true;
    std::size_t firstBad = 0;
    for (std::size_t i = 1; i < n; ++i) {
        if (s.steps[i] < s.steps[i - 1]) {
            if (sorted && unique)
                firstBad = i;
            sorted = false;
            break;
        }
        if (s.steps[i] == s.steps[i - 1] && unique) {
            unique = false;
            firstBad = i;
        }
    }
    if (sorted && unique)
        return;
    const std::int64_t line = firstBadLine;
    const double badStep = s.steps[firstBad];
    const std::string who = (runName.empty() ? "" : "run '" + runName + "', ") + "series '" + s.name + "'";

    if (policy == StepPolicy::ResumeTruncate) {
        // Walk forward; a step ≤ the last kept one starts a new segment that replaces older points at ≥ it.
        std::vector<double> st, va;
        st.reserve(n);
        va.reserve(n);
        std::size_t dropped = 0, segments = 0;
        for (std::size_t i = 0; i < n; ++i) {
            if (!st.empty() && s.steps[i] <= st.back()) {
                auto it = std::lower_bound(st.begin(), st.end(), s.steps[i]);
                const std::size_t keep = static_cast<std::size_t>(it - st.begin());
                dropped += st.size() - keep;
                st.resize(keep);
                va.resize(keep);
                ++segments;
            }
            st.push_back(s.steps[i]);
            va.push_back(s.values[i]);
        }
        log.warn("resume", line,
                 who + ": step goes back " + std::to_string(segments) +
                     " time(s) (resumed or restarted run): kept the latest segment, dropped " +
                     std::to_string(dropped) + " earlier point(s) it overlaps");
        s.steps = std::move(st);
        s.values = std::move(va);
        return;
    }

    std::vector<std::size_t> idx(n);
    std::iota(idx.begin(), idx.end(), 0);
    if (!sorted)
        std::stable_sort(idx.begin(), idx.end(),
                         [&](std::size_t a, std::size_t b) { return s.steps[a] < s.steps[b]; });
    std::vector<double> st, va;
    st.reserve(n);
    va.reserve(n);
    std::size_t dups = 0, differing = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t i = idx[k];
        if (!st.empty() && st.back() == s.steps[i]) {
            differing += va.back() != s.values[i];
            va.back() = s.values[i]; // the value written last wins
            ++dups;
            continue;
        }
        st.push_back(s.steps[i]);
        va.push_back(s.values[i]);
    }
    s.steps = std::move(st);
    s.values = std::move(va);
    if (sorted && differing == 0)
        return; // the same value logged twice at one step (Lightning's epoch column): nothing was lost
    std::string msg = who + ": ";
    if (!sorted)
        msg += "steps are not in ascending order (first at step " + fmtStep(badStep) + "): sorted them";
    if (dups > 0)
        msg += std::string(!sorted ? "; " : "") + std::to_string(dups) + " repeated step(s)" +
               (sorted ? " (first: line " + std::to_string(line) + ")" : std::string()) +
               ": kept the value written last";
    log.warn(sorted ? "duplicate-steps" : "unsorted-steps", line, msg);
}

} // namespace detail
} // namespace losscast::core::import
