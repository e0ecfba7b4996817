// Following growing logs (core/workspace/follow.h): for every format a job appends to (or rewrites), lines
// are appended while the file is followed — the last one in two halves —, then the file is truncated and
// rewritten; the points are checked after every poll. Also: a file replaced by a rename, a rewrite that keeps
// the first bytes, a half-written JSON document, a log that does not exist yet, the same curve as the loaders
// give for a LossCast curve CSV, thinning, the planned schedule, and a forecast on the real 72k-step cosine
// run written out progressively (skipped without ../shared).
#include "core/schedule/schedule.h"
#include "core/workspace/follow.h"
#include "core/workspace/loaders.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace losscast::core;
using namespace losscast::core::workspace;

namespace {

void writeFile(const std::string& path, const std::string& text, bool append)
{
    std::ofstream os(path, std::ios::binary | (append ? std::ios::app : std::ios::trunc));
    os << text;
}

/// The loss logged at a step (distinct per step and per "generation" of the file, so that a stale or
/// half-read value is noticed), as text and as the number it means.
std::string lossText(int step, int generation)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6f", 2.5 + generation + 10.0 / std::sqrt(double(step)));
    return buf;
}

std::string lrText(int step)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", 1e-4 * (1.0 + 1e-3 * step));
    return buf;
}

/// One format a job writes: its file name, the text before the first point, one line per point, and
/// whether the whole file is rewritten at each save (trainer_state.json).
struct Format
{
    std::string file;
    std::string header;
    std::string (*line)(int step, int generation);
    bool logsLr = true;
    bool rewritten = false;
};

std::string csvLine(int s, int g)
{
    return std::to_string(s) + "," + lossText(s, g) + "," + lrText(s) + "\n";
}
std::string tsvLine(int s, int g)
{
    return std::to_string(s) + "\t" + lossText(s, g) + "\t" + lrText(s) + "\n";
}
std::string curveLine(int s, int g)
{
    return std::to_string(s) + "," + lrText(s) + "," + lossText(s, g) + "\n";
}
std::string lightningLine(int s, int g)
{
    return "0," + std::to_string(s) + "," + lossText(s, g) + "," + lrText(s) + "\n";
}
std::string nanogptLine(int s, int g)
{
    return "iter " + std::to_string(s) + ": loss " + lossText(s, g) + ", time 101.25ms, mfu 12.50%\n";
}
std::string llmcLine(int s, int g)
{
    return "s:" + std::to_string(s) + " trl:" + lossText(s, g) + " lr:" + lrText(s) + " norm:1.25\n";
}
std::string moddedLine(int s, int g)
{
    return "step:" + std::to_string(s) + "/1000 train_loss:" + lossText(s, g) +
           " train_time:1000ms step_avg:10.00ms\n";
}
std::string megatronLine(int s, int g)
{
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  " iteration %8d/    1000 | consumed samples: %10d | learning rate: %s | lm loss: %s | grad "
                  "norm: 1.000 |\n",
                  s, s * 32, lrText(s).c_str(), lossText(s, g).c_str());
    return buf;
}
std::string wandbLine(int s, int g)
{
    return "{\"train/loss\": " + lossText(s, g) + ", \"lr\": " + lrText(s) +
           ", \"_step\": " + std::to_string(s) + "}\n";
}

/// trainer_state.json with the points at steps `steps`.
std::string trainerState(const std::vector<int>& steps, int g)
{
    std::string s =
        "{\"global_step\": " + std::to_string(steps.empty() ? 0 : steps.back()) + ",\n \"log_history\": [";
    for (std::size_t i = 0; i < steps.size(); ++i)
        s += std::string(i ? ",\n  " : "\n  ") + "{\"loss\": " + lossText(steps[i], g) +
             ", \"learning_rate\": " + lrText(steps[i]) + ", \"step\": " + std::to_string(steps[i]) + "}";
    return s + "\n ]\n}\n";
}

/// Every step 10, 20, ... up to `n` points.
std::vector<int> stepsUpTo(int n)
{
    std::vector<int> v;
    for (int i = 1; i <= n; ++i)
        v.push_back(10 * i);
    return v;
}

const std::string kSchedule = "constant:peak=1e-4,steps=1000";

/// The followed run's points are exactly these steps with the losses of `generation`.
void checkPoints(const FollowedLog& log, const std::vector<int>& steps, int generation)
{
    QCOMPARE(log.runs().size(), std::size_t(1));
    const auto& run = log.runs().front();
    QVERIFY2(run.curve.has_value(), log.readError().c_str());
    QCOMPARE(run.curve->steps.size(), steps.size());
    for (std::size_t i = 0; i < steps.size(); ++i) {
        QCOMPARE(run.curve->steps[i], std::int64_t(steps[i]));
        QCOMPARE(run.curve->loss[i], std::stod(lossText(steps[i], generation)));
    }
}

} // namespace

class TestFollow : public QObject
{
    Q_OBJECT

private slots:
    void appendPartialAndTruncate_data();
    void appendPartialAndTruncate();
    void trainerStateRewritten();
    void replacedByRename();
    void rewrittenWithSameStart();
    void waitsForMissingFile();
    void wandbRunFolder();
    void curveCsvAsTheLoaderReadsIt();
    void thinning();
    void plannedScheduleContinuesTheLog();
    void forecastOnRealRunWrittenProgressively();
};

void TestFollow::appendPartialAndTruncate_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("header");
    QTest::addColumn<void*>("line");
    QTest::addColumn<bool>("logsLr");
    QTest::addColumn<QString>("format");
    auto row = [](const char* name, const char* file, const char* header, std::string (*line)(int, int),
                  bool logsLr, const char* format) {
        QTest::newRow(name) << file << header << reinterpret_cast<void*>(line) << logsLr << format;
    };
    row("csv", "run.csv", "step,loss,lr\n", csvLine, true, "csv");
    row("tsv", "run.tsv", "step\tloss\tlr\n", tsvLine, true, "csv");
    row("curve-csv", "curve.csv", "step,lr,loss\n", curveLine, true, "csv");
    row("lightning", "metrics.csv", "epoch,step,train_loss_step,lr-AdamW\n", lightningLine, true,
        "lightning");
    row("nanogpt", "train.log", "Overriding config with config/train_gpt2.py:\n", nanogptLine, false,
        "text-nanogpt");
    row("llm.c", "main.log", "", llmcLine, true, "text-llmc");
    row("modded-nanogpt", "modded.txt", "=====\n", moddedLine, false, "text-modded-nanogpt");
    row("megatron", "megatron.log", "using world size: 8\n", megatronLine, true, "text-megatron");
    row("wandb-jsonl", "wandb-history.jsonl", "", wandbLine, true, "wandb-history-jsonl");
}

void TestFollow::appendPartialAndTruncate()
{
    QFETCH(QString, file);
    QFETCH(QString, header);
    QFETCH(void*, line);
    QFETCH(bool, logsLr);
    QFETCH(QString, format);
    const auto lineOf = reinterpret_cast<std::string (*)(int, int)>(line);
    QTemporaryDir dir;
    const std::string path = dir.filePath(file).toStdString();

    std::string text = header.toStdString();
    for (int s : stepsUpTo(5))
        text += lineOf(s, 0);
    writeFile(path, text, false);
    FollowOptions options;
    options.schedule = kSchedule; // used only by the logs without an LR
    FollowedLog log(path, options);
    auto u = log.poll();
    QVERIFY(u.changed);
    QVERIFY(!u.reread);
    checkPoints(log, stepsUpTo(5), 0);
    QCOMPARE(log.runs().front().lrFromLog, logsLr);
    QVERIFY2(log.format().rfind(format.toStdString(), 0) == 0, log.format().c_str());

    // Nothing new: nothing parsed, nothing changed.
    u = log.poll();
    QVERIFY(!u.changed);
    QCOMPARE(u.bytesParsed, std::size_t(0));

    // Three more points, the last one half-written: it must not appear (neither cut nor as a bogus value).
    const std::string more = lineOf(60, 0) + lineOf(70, 0);
    const std::string last = lineOf(80, 0);
    const std::size_t cut = last.find(lossText(80, 0)) + 3; // in the middle of the loss value
    writeFile(path, more + last.substr(0, cut), true);
    u = log.poll();
    QVERIFY(u.changed);
    QCOMPARE(u.bytesParsed, more.size()); // only the new complete lines
    checkPoints(log, stepsUpTo(7), 0);
    writeFile(path, last.substr(cut), true);
    u = log.poll();
    QVERIFY(u.changed);
    QCOMPARE(u.bytesParsed, last.size());
    checkPoints(log, stepsUpTo(8), 0);
    QCOMPARE(log.fullReads(), 1);

    // The job restarts: the file is truncated and written again with other values.
    text = header.toStdString();
    for (int s : stepsUpTo(3))
        text += lineOf(s, 1);
    writeFile(path, text, false);
    u = log.poll();
    QVERIFY(u.changed);
    QVERIFY(u.reread);
    QCOMPARE(log.fullReads(), 2);
    checkPoints(log, stepsUpTo(3), 1);
    // ... and grows again.
    writeFile(path, lineOf(40, 1), true);
    u = log.poll();
    QVERIFY(u.changed);
    QVERIFY(!u.reread);
    checkPoints(log, stepsUpTo(4), 1);
}

void TestFollow::trainerStateRewritten()
{
    QTemporaryDir dir;
    QVERIFY(QDir().mkpath(dir.filePath("checkpoint-30")));
    const std::string path = dir.filePath("checkpoint-30/trainer_state.json").toStdString();
    writeFile(path, trainerState(stepsUpTo(3), 0), false);
    FollowedLog log(path);
    QVERIFY(log.poll().changed);
    QCOMPARE(log.format(), std::string("hf-trainer-state"));
    checkPoints(log, stepsUpTo(3), 0);
    QVERIFY(!log.poll().changed);

    // The trainer saves again: the whole document is rewritten with more entries.
    writeFile(path, trainerState(stepsUpTo(6), 0), false);
    QVERIFY(log.poll().changed);
    checkPoints(log, stepsUpTo(6), 0);

    // Caught half-written: the last good points stay, the error is reported, nothing is invented.
    const std::string next = trainerState(stepsUpTo(8), 0);
    writeFile(path, next.substr(0, next.size() / 2), false);
    const auto u = log.poll();
    QVERIFY(!u.changed);
    QVERIFY(!log.readError().empty());
    checkPoints(log, stepsUpTo(6), 0);
    writeFile(path, next, false);
    QVERIFY(log.poll().changed);
    QVERIFY(log.readError().empty());
    checkPoints(log, stepsUpTo(8), 0);
}

void TestFollow::replacedByRename()
{
    // Another inode under the same name with the same first bytes and more of them (a log copied over, or
    // written to a temporary file and renamed): read again, so the changed middle value is seen.
    QTemporaryDir dir;
    const std::string path = dir.filePath("run.csv").toStdString();
    std::string text = "step,loss,lr\n";
    for (int s : stepsUpTo(4))
        text += csvLine(s, 0);
    writeFile(path, text, false);
    FollowedLog log(path);
    QVERIFY(log.poll().changed);
    std::string replaced = "step,loss,lr\n";
    for (int s : stepsUpTo(6))
        replaced += csvLine(s, s <= 20 ? 0 : 2);
    const std::string tmp = dir.filePath("run.csv.tmp").toStdString();
    writeFile(tmp, replaced, false);
    QVERIFY(std::rename(tmp.c_str(), path.c_str()) == 0);
    const auto u = log.poll();
    QVERIFY(u.changed);
    QVERIFY(u.reread);
    const auto& c = *log.runs().front().curve;
    QCOMPARE(c.steps.size(), std::size_t(6));
    QCOMPARE(c.loss[1], std::stod(lossText(20, 0)));
    QCOMPARE(c.loss[2], std::stod(lossText(30, 2)));
}

void TestFollow::rewrittenWithSameStart()
{
    // Truncated and written again in place (same inode) with the same header and first rows, and already
    // longer than before at the next poll: the bytes before the old end changed, so it is read again.
    QTemporaryDir dir;
    const std::string path = dir.filePath("run.csv").toStdString();
    std::string text = "step,loss,lr\n";
    for (int s : stepsUpTo(3))
        text += csvLine(s, 0);
    writeFile(path, text, false);
    FollowedLog log(path);
    QVERIFY(log.poll().changed);
    std::string again = "step,loss,lr\n" + csvLine(10, 0);
    for (int s : {20, 30, 40, 50})
        again += csvLine(s, 3);
    writeFile(path, again, false);
    const auto u = log.poll();
    QVERIFY(u.reread);
    const auto& c = *log.runs().front().curve;
    QCOMPARE(c.steps.size(), std::size_t(5));
    QCOMPARE(c.loss[2], std::stod(lossText(30, 3)));
}

void TestFollow::waitsForMissingFile()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("later.log").toStdString();
    FollowOptions options;
    options.schedule = kSchedule;
    FollowedLog log(path, options);
    auto u = log.poll();
    QVERIFY(!u.changed);
    QVERIFY(!log.readError().empty());
    QVERIFY(log.runs().empty());
    // Created empty first, then a banner that does not tell the format, then the log lines.
    writeFile(path, "", false);
    QVERIFY(!log.poll().changed);
    writeFile(path, "Overriding config with config/train_gpt2.py:\n", true);
    log.poll();
    writeFile(path, nanogptLine(10, 0) + nanogptLine(20, 0), true);
    u = log.poll();
    QVERIFY(u.changed);
    QCOMPARE(log.format(), std::string("text-nanogpt"));
    checkPoints(log, {10, 20}, 0);
}

void TestFollow::wandbRunFolder()
{
    QTemporaryDir dir;
    const std::string run = dir.filePath("run-20240101_000000-abc").toStdString();
    QVERIFY(QDir().mkpath(QString::fromStdString(run + "/files")));
    writeFile(run + "/files/wandb-summary.json", "{\"_step\": 10}", false);
    writeFile(run + "/files/wandb-history.jsonl", wandbLine(10, 0) + wandbLine(20, 0), false);
    FollowedLog log(run);
    QVERIFY(log.poll().changed);
    QCOMPARE(log.followedPath(), run + "/files/wandb-history.jsonl");
    checkPoints(log, {10, 20}, 0);
    writeFile(run + "/files/wandb-history.jsonl", wandbLine(30, 0), true);
    const auto u = log.poll();
    QVERIFY(u.changed);
    QCOMPARE(u.bytesParsed, wandbLine(30, 0).size());
    checkPoints(log, {10, 20, 30}, 0);
}

void TestFollow::curveCsvAsTheLoaderReadsIt()
{
    // A LossCast step,lr,loss file starting after its warmup: the followed curve is the one loadCurves gives
    // (same steps, losses and LR of every step, warmup ramp included).
    QTemporaryDir dir;
    const std::string path = dir.filePath("curve.csv").toStdString();
    std::string text = "step,lr,loss\n";
    for (int s = 200; s <= 1000; s += 50)
        text += curveLine(s, 0);
    writeFile(path, text, false);
    LoadOptions lo;
    lo.warmupSteps = 100;
    const auto loaded = loadCurves(path, lo);
    QVERIFY(loaded.ok());
    FollowOptions fo;
    fo.warmupSteps = 100;
    FollowedLog log(path, fo);
    log.poll();
    QVERIFY(log.runs().front().curve);
    const Curve& c = *log.runs().front().curve;
    const Curve& ref = loaded->front();
    QCOMPARE(c.steps, ref.steps);
    QCOMPARE(c.loss, ref.loss);
    QCOMPARE(c.schedule.warmupSteps, ref.schedule.warmupSteps);
    QCOMPARE(c.schedule.lr.size(), ref.schedule.lr.size());
    for (std::size_t i = 0; i < c.schedule.lr.size(); ++i)
        QVERIFY2(std::abs(c.schedule.lr[i] - ref.schedule.lr[i]) <= 1e-15, std::to_string(i).c_str());
}

void TestFollow::thinning()
{
    Curve c;
    c.schedule.lr.assign(10001, 1e-4);
    for (int s = 1; s <= 10000; ++s) {
        c.steps.push_back(s);
        c.loss.push_back(3.0 + 1.0 / s);
    }
    const Curve t = thinForFit(c, 1000);
    QCOMPARE(t.steps.size(), std::size_t(1000));
    QCOMPARE(t.schedule.lr.size(), c.schedule.lr.size());
    for (std::size_t i = 1; i < t.steps.size(); ++i)
        QVERIFY(t.steps[i] > t.steps[i - 1]);
    // Bin b holds steps 10b+1..10b+10: its point is at the rounded mean step with the mean loss.
    QCOMPARE(t.steps[0], std::int64_t(6)); // 5.5 rounds up
    double mean = 0;
    for (int s = 1; s <= 10; ++s)
        mean += (3.0 + 1.0 / s) / 10.0;
    QVERIFY(std::abs(t.loss[0] - mean) < 1e-12);
    QCOMPARE(t.steps.back(), std::int64_t(9996));
    // Short curves are fitted as they are.
    Curve shortCurve = c;
    shortCurve.steps.resize(500);
    shortCurve.loss.resize(500);
    QCOMPARE(thinForFit(shortCurve, 1000).steps, shortCurve.steps);
}

void TestFollow::plannedScheduleContinuesTheLog()
{
    Curve c;
    c.schedule.lr = {0.0, 1.0, 2.0, 3.0};
    c.schedule.warmupSteps = 2;
    c.steps = {1, 2, 3};
    c.loss = {3, 2, 1};
    ScheduleInput planned;
    planned.lr = {0.0, 5.0, 5.0, 5.0, 4.0, 3.0};
    planned.warmupSteps = 1;
    const auto s = plannedSchedule(c, true, planned);
    QCOMPARE(s.lr, (std::vector<double>{0.0, 1.0, 2.0, 3.0, 4.0, 3.0}));
    QCOMPARE(s.warmupSteps, std::int64_t(2));
    QCOMPARE(plannedSchedule(c, false, planned).lr, planned.lr);
}

void TestFollow::forecastOnRealRunWrittenProgressively()
{
    // The MPL release's 25M cosine run over 72k steps (Luo et al. 2025; MIT licence in the data folder),
    // written out in chunks that end anywhere in a line while it is followed. At one third of the run MPL
    // must forecast the final loss within 1 % with the measured value inside the 95 % band.
    const QString file = qEnvironmentVariable("LOSSCAST_SHARED_DIR", QStringLiteral(LOSSCAST_SHARED_DIR)) +
                         "/data/curves/mpl/25M_cosine_72000.csv";
    std::ifstream in(file.toStdString(), std::ios::binary);
    if (!in)
        QSKIP("../shared/data/curves/mpl is not here (a clone without the shared data)");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string all = ss.str();
    // The measured rows, to check every poll against.
    std::vector<std::int64_t> steps;
    std::vector<double> losses;
    {
        std::istringstream rows(all);
        std::string row;
        std::getline(rows, row);
        while (std::getline(rows, row)) {
            const auto a = row.find(','), b = row.rfind(',');
            steps.push_back(std::stoll(row.substr(0, a)));
            losses.push_back(std::stod(row.substr(b + 1)));
        }
    }
    QVERIFY(steps.size() > 500);

    QTemporaryDir dir;
    const std::string path = dir.filePath("25M_cosine_72000.csv").toStdString();
    writeFile(path, "", false);
    FollowOptions fo;
    fo.warmupSteps = 2160;
    FollowedLog log(path, fo);
    std::size_t written = 0, polls = 0;
    const std::size_t chunk = 97; // a prime: chunks end at every position of a line
    while (written < all.size()) {
        const std::size_t n = std::min(chunk, all.size() - written);
        writeFile(path, all.substr(written, n), true);
        written += n;
        log.poll();
        ++polls;
        if (log.runs().empty() || !log.runs().front().curve)
            continue;
        const Curve& c = *log.runs().front().curve;
        QVERIFY(c.steps.size() <= steps.size());
        for (std::size_t i = 0; i < c.steps.size(); ++i) {
            QCOMPARE(c.steps[i], steps[i]);
            QCOMPARE(c.loss[i], losses[i]);
        }
        if (c.steps.back() >= 24000)
            break;
    }
    QCOMPARE(log.fullReads(), 1);
    QVERIFY(polls > 20);
    const Curve third = *log.runs().front().curve;
    QVERIFY(third.steps.back() >= 24000 && third.steps.back() < 24000 + 4 * 128);

    auto schedule = Schedule::fromText("cosine:peak=3e-4,final=3e-5,steps=72000,warmup=2160");
    QVERIFY(schedule.ok());
    fit::ForecastRequest req;
    req.law = "mpl";
    const auto f = forecastFollowed(third, log.runs().front().lrFromLog, schedule->toInput(), req);
    QVERIFY2(f.ok(), f.forecast.message.c_str());
    QCOMPARE(f.finalStep, std::int64_t(72000));
    QCOMPARE(f.points, third.steps.size());
    const double truth = losses.back(); // step 71920, the last logged
    qInfo("forecast at step %lld: %.4f [%.4f, %.4f], measured %.4f (error %.3f %%), %.2f s",
          static_cast<long long>(f.step), f.finalLoss, f.lower, f.upper, truth,
          100.0 * std::abs(f.finalLoss - truth) / truth, f.seconds);
    QVERIFY(std::abs(f.finalLoss - truth) / truth < 0.01);
    QVERIFY(f.lower <= truth && truth <= f.upper);
}

QTEST_GUILESS_MAIN(TestFollow)
#include "tst_follow.moc"
