#include "core/import/export.h"

#include "core/import/common.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace losscast::core::import {

std::string formatNumber(double v)
{
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9e15) {
        char buf[32];
        auto [p, ec] = std::to_chars(buf, buf + sizeof buf, static_cast<long long>(v));
        return std::string(buf, p);
    }
    char buf[40];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, p) : std::string();
}

std::string csvFileName(const std::string& file, const std::string& runName)
{
    std::string stem = detail::baseName(file);
    if (auto dot = stem.rfind('.'); dot != std::string::npos && dot > 0)
        stem.resize(dot);
    auto clean = [](std::string s, bool dots) {
        for (char& c : s)
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || (dots && c == '.')))
                c = '_';
        return s;
    };
    std::string name = stem == runName ? clean(stem, true) : clean(stem, true) + "-" + clean(runName, false);
    if (name.empty() || name == "." || name == "..")
        name = "run";
    if (name.size() > 200)
        name.resize(200);
    return name + ".csv";
}

namespace {

double interpolateAt(const Series& s, double x)
{
    auto it = std::lower_bound(s.steps.begin(), s.steps.end(), x);
    if (it == s.steps.begin())
        return s.values.front();
    if (it == s.steps.end())
        return s.values.back();
    const std::size_t j = static_cast<std::size_t>(it - s.steps.begin());
    if (s.steps[j] == x)
        return s.values[j];
    const double x0 = s.steps[j - 1], x1 = s.steps[j];
    return s.values[j - 1] + (x - x0) / (x1 - x0) * (s.values[j] - s.values[j - 1]);
}

std::string csvCell(const std::string& s)
{
    if (s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string o = "\"";
    for (char c : s) {
        if (c == '"')
            o += '"';
        o += c;
    }
    return o + "\"";
}

} // namespace

bool writeRunCsv(std::ostream& os, const Run& run, bool allSeries, std::string* note)
{
    const Series* loss = run.roles.loss.empty() ? nullptr : run.find(run.roles.loss);
    const Series* lr = run.roles.lr.empty() ? nullptr : run.find(run.roles.lr);
    if (!allSeries && loss && lr && !loss->empty() && !lr->empty()) {
        os << "step,lr,loss\n";
        for (std::size_t i = 0; i < loss->size(); ++i)
            os << formatNumber(loss->steps[i]) << ',' << formatNumber(interpolateAt(*lr, loss->steps[i]))
               << ',' << formatNumber(loss->values[i]) << '\n';
        if (note)
            *note = "step,lr,loss from '" + run.roles.loss + "' and '" + run.roles.lr + "'";
        return bool(os);
    }
    // Every series on the union of the steps.
    os << "step";
    for (const auto& s : run.series)
        os << ',' << csvCell(s.name);
    os << '\n';
    std::vector<std::size_t> pos(run.series.size(), 0);
    for (;;) {
        double x = INFINITY;
        for (std::size_t k = 0; k < run.series.size(); ++k)
            if (pos[k] < run.series[k].size())
                x = std::min(x, run.series[k].steps[pos[k]]);
        if (x == INFINITY)
            break;
        os << formatNumber(x);
        for (std::size_t k = 0; k < run.series.size(); ++k) {
            os << ',';
            const Series& s = run.series[k];
            if (pos[k] < s.size() && s.steps[pos[k]] == x)
                os << formatNumber(s.values[pos[k]++]);
        }
        os << '\n';
    }
    if (note)
        *note = "all " + std::to_string(run.series.size()) + " series";
    return bool(os);
}

} // namespace losscast::core::import
