// bench_follow: the time from an append to a followed log to the updated forecast (issue #15: goal under 1 s
// for a 100k-point log), and how soon `losscast-cli forecast --follow --until` exits once the log reaches
// --until on the real 72k-step cosine run written out progressively.
//
//   bench_follow [POINTS] [LAW] [REPEATS]       (defaults: 100000 mtl 5)
//
// Part 1 writes a POINTS-step log (one point per step, a cosine schedule, MTL-shaped loss with 0.5 % noise),
// follows it, then REPEATS times appends 100 rows and measures: poll (read the new bytes, rebuild the curve),
// forecast (fit on the thinned points, validation fold, band at the planned last step), and the total. Part 2
// (with ../shared and the CLI beside this binary's build) runs losscast-cli forecast --follow --until 24000
// on the MPL release's 25M cosine 72k run written row by row, and prints the forecast, the measured final
// loss and the time from the row that reached 24000 to the CLI's exit. Timings depend on the machine's load:
// print `uptime` with them.
#include "core/laws/law.h"
#include "core/schedule/schedule.h"
#include "core/workspace/follow.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#ifndef _WIN32
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

using namespace losscast::core;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? NAN : v[v.size() / 2];
}

int appendToForecast(std::int64_t points, const std::string& law, int repeats)
{
    const std::int64_t total = points + 100 * repeats;
    char spec[256];
    std::snprintf(spec, sizeof spec, "cosine:peak=3e-4,final=3e-5,steps=%lld,warmup=%lld",
                  static_cast<long long>(total),
                  static_cast<long long>(std::max<std::int64_t>(1, total / 50)));
    auto schedule = Schedule::fromText(spec);
    if (!schedule) {
        std::fprintf(stderr, "%s\n", schedule.errorText().c_str());
        return 1;
    }
    const ScheduleInput input = schedule->toInput();
    // MTL (Tissue et al. 2024, Eq. 1) with the paper's 594M parameters, 0.5 % multiplicative noise.
    const auto mtl = findCurveLaw("mtl");
    std::vector<std::int64_t> steps(static_cast<std::size_t>(total));
    for (std::int64_t s = 1; s <= total; ++s)
        steps[static_cast<std::size_t>(s - 1)] = s;
    const std::vector<double> truth = {2.628, 0.429, 0.550, 0.411};
    const auto clean = fit::predict(*mtl, truth, input, steps, mtl->defaultSettings());
    std::mt19937 rng(7);
    std::normal_distribution<double> noise(0.0, 0.005);
    auto row = [&](std::int64_t s) {
        char buf[96];
        std::snprintf(buf, sizeof buf, "%lld,%.6g,%.6f\n", static_cast<long long>(s),
                      input.lr[static_cast<std::size_t>(s)],
                      clean[static_cast<std::size_t>(s - 1)] * (1.0 + noise(rng)));
        return std::string(buf);
    };
    const auto dir = std::filesystem::temp_directory_path() /
                     ("bench_follow_" + std::to_string(Clock::now().time_since_epoch().count()));
    std::filesystem::create_directories(dir);
    const std::string path = (dir / "train.csv").string();
    {
        std::ofstream os(path, std::ios::binary);
        os << "step,lr,loss\n";
        for (std::int64_t s = 1; s <= points; ++s)
            os << row(s);
    }
    workspace::FollowedLog log(path);
    auto t0 = Clock::now();
    log.poll();
    const double firstRead = secondsSince(t0);
    if (log.runs().empty() || !log.runs().front().curve) {
        std::fprintf(stderr, "bench_follow: the log gave no curve: %s\n", log.readError().c_str());
        return 1;
    }
    fit::ForecastRequest req;
    req.law = law;
    t0 = Clock::now();
    auto f = workspace::forecastFollowed(*log.runs().front().curve, true, input, req);
    const double firstFit = secondsSince(t0);
    std::printf("log: %lld points (%s), first read %.3f s, first forecast %.3f s (%zu points fitted)\n",
                static_cast<long long>(points), path.c_str(), firstRead, firstFit, f.fitPoints);

    std::vector<double> polls, fits, totals;
    std::int64_t next = points + 1;
    for (int r = 0; r < repeats; ++r) {
        std::string chunk;
        for (int k = 0; k < 100; ++k)
            chunk += row(next++);
        {
            std::ofstream os(path, std::ios::binary | std::ios::app);
            os << chunk;
        }
        const auto appended = Clock::now();
        const auto u = log.poll();
        const double poll = secondsSince(appended);
        const auto fitStart = Clock::now();
        f = workspace::forecastFollowed(*log.runs().front().curve, true, input, req);
        const double fitTime = secondsSince(fitStart);
        const double totalTime = secondsSince(appended);
        polls.push_back(poll);
        fits.push_back(fitTime);
        totals.push_back(totalTime);
        std::printf(
            "append %d: %zu bytes parsed, poll %.4f s, forecast %.3f s, total %.3f s; %s at step %lld: "
            "final %.4f [%.4f, %.4f], %zu points\n",
            r + 1, u.bytesParsed, poll, fitTime, totalTime, law.c_str(), static_cast<long long>(f.step),
            f.finalLoss, f.lower, f.upper, f.points);
    }
    const std::int64_t at[1] = {total};
    const double cleanFinal = fit::predict(*mtl, truth, input, at, mtl->defaultSettings())[0];
    std::printf("noise-free final loss at step %lld: %.4f (forecast error %.3f %%)\n",
                static_cast<long long>(total), cleanFinal,
                100.0 * std::abs(f.finalLoss - cleanFinal) / cleanFinal);
    std::printf(
        "append -> updated forecast, %s, %lld-point log: median %.3f s (poll %.4f s + forecast %.3f s), "
        "max %.3f s over %d appends\n",
        law.c_str(), static_cast<long long>(points), median(totals), median(polls), median(fits),
        *std::max_element(totals.begin(), totals.end()), repeats);
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return 0;
}

#ifndef _WIN32
/// losscast-cli forecast --follow --until 24000 on the real run written row by row (each row in two writes).
int untilExit(const std::string& cli, const std::string& shared)
{
    const std::string src = shared + "/data/curves/mpl/25M_cosine_72000.csv";
    std::ifstream in(src, std::ios::binary);
    if (!in) {
        std::printf("real run: skipped (%s not found)\n", src.c_str());
        return 0;
    }
    if (!std::filesystem::exists(cli)) {
        std::printf("real run: skipped (no %s)\n", cli.c_str());
        return 0;
    }
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line))
        lines.push_back(line + "\n");
    const double truth = std::stod(lines.back().substr(lines.back().rfind(',') + 1));
    const auto dir =
        std::filesystem::temp_directory_path() / ("bench_follow_cli_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string log = (dir / "25M_cosine_72000.csv").string();
    const std::string out = (dir / "updates.jsonl").string();
    std::ofstream(log, std::ios::binary) << lines[0];
    std::fflush(stdout); // the child must not write the parent's buffered output again
    const pid_t pid = ::fork();
    if (pid == 0) {
        std::FILE* o = std::freopen(out.c_str(), "w", stdout);
        (void)o;
        ::execl(cli.c_str(), cli.c_str(), "forecast", "--law", "mpl", "--log", log.c_str(), "--warmup-steps",
                "2160", "--schedule", "cosine:peak=3e-4,final=3e-5,steps=72000,warmup=2160", "--follow",
                "--until", "24000", "--poll", "0.2", static_cast<char*>(nullptr));
        std::_Exit(127);
    }
    Clock::time_point reached{};
    for (std::size_t i = 1; i < lines.size(); ++i) {
        {
            std::ofstream os(log, std::ios::binary | std::ios::app);
            os << lines[i].substr(0, lines[i].size() / 2);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        {
            std::ofstream os(log, std::ios::binary | std::ios::app);
            os << lines[i].substr(lines[i].size() / 2);
        }
        if (std::stoll(lines[i]) >= 24000) {
            reached = Clock::now();
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    const double exitAfter = secondsSince(reached);
    std::ifstream updates(out);
    std::string last, l;
    int n = 0;
    while (std::getline(updates, l))
        if (!l.empty()) {
            last = l;
            ++n;
        }
    std::printf("real run (25M cosine 72k, MPL, --until 24000, --poll 0.2): exit status %d, %d updates, exit "
                "%.2f s after the log reached 24000\n  last update: %s\n  measured final loss (step 71920): "
                "%.4f\n",
                WIFEXITED(status) ? WEXITSTATUS(status) : -1, n, exitAfter, last.c_str(), truth);
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return 0;
}
#endif

} // namespace

int main(int argc, char** argv)
{
    const std::int64_t points = argc > 1 ? std::atoll(argv[1]) : 100000;
    const std::string law = argc > 2 ? argv[2] : "mtl";
    const int repeats = argc > 3 ? std::atoi(argv[3]) : 5;
    if (points < 100 || repeats < 1) {
        std::fprintf(stderr, "usage: bench_follow [POINTS >= 100] [LAW] [REPEATS >= 1]\n");
        return 2;
    }
    int rc = appendToForecast(points, law, repeats);
#ifndef _WIN32
    if (rc == 0)
        rc = untilExit(LOSSCAST_CLI, LOSSCAST_SHARED_DIR);
#endif
    return rc;
}
