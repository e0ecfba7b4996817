#include "core/import/benchmark.h"

#include "core/import/importer.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <vector>

#if defined(__linux__)
#include <sys/resource.h>
#endif

namespace losscast::core::import {

namespace {

std::size_t peakRss()
{
#if defined(__linux__)
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<std::size_t>(u.ru_maxrss) * 1024;
#else
    return 0;
#endif
}

std::size_t currentRss()
{
#if defined(__linux__)
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f)
        return 0;
    long pages = 0, resident = 0;
    const int n = std::fscanf(f, "%ld %ld", &pages, &resident);
    std::fclose(f);
    return n == 2 ? static_cast<std::size_t>(resident) * 4096 : 0;
#else
    return 0;
#endif
}

} // namespace

bool writeNumericCsv(const std::string& path, std::size_t rows, std::size_t columns, std::string* error)
{
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) {
        if (error)
            *error = "cannot write " + path;
        return false;
    }
    std::string line = "step";
    for (std::size_t c = 1; c < columns; ++c)
        line += c == 1 ? ",train/loss" : c == 2 ? ",lr" : ",metric_" + std::to_string(c);
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), f);
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::string buf;
    buf.reserve(1 << 20);
    char num[64];
    for (std::size_t r = 0; r < rows; ++r) {
        auto [p, ec] = std::to_chars(num, num + sizeof num, static_cast<long long>(r + 1));
        buf.append(num, p);
        for (std::size_t c = 1; c < columns; ++c) {
            buf.push_back(',');
            const double v = c % 2 ? 2.0 + 8.0 * u(rng) : 1e-3 * u(rng);
            auto res = c % 2 ? std::to_chars(num, num + sizeof num, v)
                             : std::to_chars(num, num + sizeof num, v, std::chars_format::general, 6);
            buf.append(num, res.ptr);
        }
        buf.push_back('\n');
        if (buf.size() > (1 << 20) - 512) {
            std::fwrite(buf.data(), 1, buf.size(), f);
            buf.clear();
        }
    }
    std::fwrite(buf.data(), 1, buf.size(), f);
    const bool ok = std::fclose(f) == 0;
    if (!ok && error)
        *error = "write error on " + path;
    return ok;
}

ImportBenchmark benchmarkCsvImport(const std::string& path, int repeats)
{
    ImportBenchmark b;
    b.file = path;
    std::error_code ec;
    b.bytes = std::filesystem::file_size(path, ec);
    if (ec) {
        b.error = "cannot read " + path;
        return b;
    }
    std::vector<double> times;
    for (int i = 0; i < std::max(1, repeats); ++i) {
        const std::size_t before = currentRss();
        const auto t0 = std::chrono::steady_clock::now();
        ImportResult r = importFile(path);
        const auto t1 = std::chrono::steady_clock::now();
        times.push_back(std::chrono::duration<double>(t1 - t0).count());
        if (i == 0) {
            const std::size_t peak = peakRss();
            b.peakRssDelta = peak > before ? peak - before : 0;
            if (!r.ok()) {
                b.error = r.diagnostics.empty() ? "import failed" : r.diagnostics.front().toString();
                return b;
            }
            for (const auto& run : r.runs) {
                for (const auto& s : run.series) {
                    b.points += s.size();
                    b.storedBytes += (s.steps.capacity() + s.values.capacity()) * sizeof(double);
                }
                b.rows = run.series.empty() ? 0 : run.series.front().size();
                b.columns = run.series.size() + 1;
            }
        }
    }
    std::sort(times.begin(), times.end());
    b.bestSeconds = times.front();
    b.medianSeconds = times[times.size() / 2];
    b.mbPerSecond = static_cast<double>(b.bytes) / 1e6 / b.bestSeconds;
    return b;
}

} // namespace losscast::core::import
