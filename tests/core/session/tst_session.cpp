// Tests of core/session: the .losscast document (round trip, error paths, relative paths, changed/missing
// files).
#include "core/session/session.h"

#include "core/cpt/cptfit.h"
#include "core/export/fitfile.h"
#include "core/laws/law.h"
#include "core/util/textfile.h"

#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace losscast::core;
namespace fs = std::filesystem;

class TestSession : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void fitMemberIsTheCliFitFile();
    void unknownMembersAreIgnored();
    void malformed_data();
    void malformed();
    void newerVersionIsRefused();
    void badFitNamesItsMember();
    void relativePathsResolveAfterMovingTheTree();
    void absoluteFallbackAndFarAwayFiles();
    void changedAndMissingFilesAreReported();
    void matchingAbsolutePathWinsOverAChangedRelativeOne();
    void missingSessionFile();
    void bundledExample();

private:
    static Session sample();
    static void writeFile(const fs::path& p, const std::string& text)
    {
        fs::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
    }
    QTemporaryDir m_tmp;
};

Session TestSession::sample()
{
    Session s;
    SessionFile a;
    a.path = "../mpl/25M_cosine_24000.csv";
    a.absolutePath = "/data/mpl/25M_cosine_24000.csv";
    a.sha256 = std::string(64, 'a');
    a.size = 12345;
    a.runs.push_back({"25M_cosine_24000", "#1f77b4", true, true, true, {}});
    SessionFile b;
    b.path = "logs/wandb.csv";
    b.absolutePath = "/data/logs/wandb.csv";
    b.mapping = {"train/loss", "", "cosine:peak=0.0003,final=3e-05,steps=1000,warmup=100"};
    b.runs.push_back(
        {"run-a", "#ff7f0e", false, false, false, {"grad_norm", "tokens"}, {"val/loss"}, "eval/loss"});
    b.runs.push_back({"run-b", "", true, true, false, {}});
    // Followed while its job writes it (issue #15): the planned schedule, a target and a pinned forecast.
    b.follow.on = true;
    b.follow.run = "run-a";
    b.follow.schedule = "cosine:peak=0.0003,final=3e-05,steps=1000,warmup=100";
    b.follow.target = 3.25;
    SessionPin pin;
    pin.law = "mpl";
    pin.step = 400;
    pin.finalStep = 1000;
    pin.loss = 3.2;
    pin.lower = 3.1;
    pin.upper = 3.3;
    pin.steps = {40, 500, 1000};
    pin.curve = {4.5, 3.5, 3.2};
    pin.curveLower = {4.4, 3.4, 3.1};
    pin.curveUpper = {4.6, 3.6, 3.3};
    b.follow.pin = pin;
    s.files = {a, b};
    s.warmup = 2160;
    s.law = "mtl";
    const auto law = findCurveLaw("mtl");
    Q_ASSERT(law);
    FitFile ff;
    ff.fit.law = "mtl";
    for (const auto& p : law->parameters()) {
        ff.fit.names.push_back(p.name);
        ff.fit.params.push_back(p.initial);
        ff.fit.stderrs.push_back(p.initial / 100);
    }
    const std::size_t n = ff.fit.params.size();
    ff.fit.covariance.assign(n * n, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        ff.fit.covariance[i * n + i] = 1e-4 * double(i + 1);
    ff.fit.settings = law->defaultSettings();
    ff.fit.summary.status = fit::Status::Converged;
    ff.fit.summary.message = "converged";
    ff.fit.summary.seconds = 0.25;
    ff.fit.summary.iterations = 17;
    ff.fit.summary.starts = 4;
    ff.fit.summary.finalCost = 1.5e-5;
    ff.formula = law->formula();
    ff.version = "0.1.0";
    ff.files.push_back({"/data/mpl/25M_cosine_24000.csv", std::string(64, 'a'), 171});
    s.fit = ff;
    s.fixedParams = {ff.fit.names.front()};
    s.editedValues = ff.fit.params;
    s.editedValues.back() *= 1.5;
    s.scenarios.push_back({"Cosine 24k", "#c2188a", Schedule::cosine(3e-4, 3e-5, 24000, 2160)});
    s.scenarios.push_back({"WSD 20%", "#009688", Schedule::wsd(3e-4, 3e-5, 24000, 2160, 0.2)});
    SchedulePhase p;
    p.kind = ScheduleKind::Piecewise;
    p.warmup = 2160;
    p.points = {{2160, 3e-4}, {15000, 2.5e-4}, {24000, 3e-5}};
    p.steps = 24000;
    s.scenarios.push_back({"Dragged", "#e68a00", Schedule(p)});
    s.scenarios.push_back(
        {"PT + CPT", "#3f51b5",
         *Schedule::fromText("cosine:peak=3e-4,final=3e-5,steps=20000,warmup=2000 + "
                             "constant:peak=1e-4,steps=5000,warmup=500,warmup_start=3e-5")});
    s.currentScenario = 2;
    s.baselineScenario = 1;
    s.view = {true, false, 0.6, true, 4096.0, true};
    SessionCpt c;
    c.open = true;
    c.inputs = {"cpt/pt.csv"};
    cpt::CptLawOptions lo;
    lo.replay = true;
    const std::map<std::string, double> v = {{"L0", 3.0},  {"A", 0.5},    {"alpha", 0.5}, {"B", 0.25},
                                             {"E", 100.0}, {"beta", 0.2}, {"C1", 0.3},    {"C2", 0.25},
                                             {"a1", 0.05}, {"a2", 3.2}};
    cpt::CptFitPair fits;
    fits.general = cpt::makeFit(lo, v);
    lo.set = cpt::ValidationSet::Domain;
    fits.domain = cpt::makeFit(lo, v);
    fits.domain->params[0] = 2.5;
    c.fits = fits;
    c.fitLabel = "Fit: cpt-fit.json";
    c.scenario.cpt = {8000, 300, 1e-5, 5e-4, cpt::DecayShape::Wsd, 0.05, 0.3};
    c.scenario.replay = 0.25;
    std::vector<double> ptLr(3001);
    for (std::size_t i = 0; i < ptLr.size(); ++i)
        ptLr[i] = i < 200 ? 3e-4 * double(i) / 200 : 3e-4 * (1.0 - 0.9 * double(i - 200) / 2800.0);
    if (!c.scenario.setPtLr(ptLr, 200).empty())
        qFatal("sample: PT schedule refused");
    c.ptSource = "25M_wsd.csv";
    c.lambda1 = 0.7;
    s.cpt = c;
    s.mixtureInputs = {"mix/mixture.csv", "mix/loss.csv"};
    s.mixtureAbsoluteInputs = {"/data/mix/mixture.csv", "/data/mix/loss.csv"};
    return s;
}

void TestSession::roundTrip()
{
    const Session s = sample();
    const std::string text = writeSessionText(s);
    QVERIFY(text.find("\"format\": \"losscast-session\"") != std::string::npos);
    QVERIFY(text.find("\"version\": 1") != std::string::npos);
    const auto back = parseSession(text, "a.losscast");
    QVERIFY2(back.ok(), back.errorText().c_str());
    QVERIFY(back->files == s.files);
    QCOMPARE(back->warmup, s.warmup);
    QCOMPARE(back->law, s.law);
    QVERIFY(back->fixedParams == s.fixedParams);
    QVERIFY(back->editedValues == s.editedValues);
    QVERIFY(back->scenarios == s.scenarios);
    QCOMPARE(back->currentScenario, 2);
    QCOMPARE(back->baselineScenario, 1);
    QVERIFY(back->view == s.view);
    QVERIFY(back->cpt.has_value());
    QCOMPARE(back->cpt->open, true);
    QVERIFY(back->cpt->inputs == s.cpt->inputs);
    QVERIFY(back->cpt->fits && back->cpt->fits->general && back->cpt->fits->domain);
    QCOMPARE(back->cpt->fits->general->params, s.cpt->fits->general->params);
    QCOMPARE(back->cpt->fits->domain->params, s.cpt->fits->domain->params);
    QCOMPARE(back->cpt->fitLabel, s.cpt->fitLabel);
    QCOMPARE(back->cpt->ptSource, s.cpt->ptSource);
    QCOMPARE(back->cpt->lambda1, 0.7);
    const cpt::CptScenario& bc = back->cpt->scenario;
    const cpt::CptScenario& scen = s.cpt->scenario;
    QCOMPARE(bc.replay, 0.25);
    QCOMPARE(bc.cpt.steps, scen.cpt.steps);
    QCOMPARE(bc.cpt.warmupSteps, scen.cpt.warmupSteps);
    QCOMPARE(bc.cpt.warmupStart, scen.cpt.warmupStart);
    QCOMPARE(bc.cpt.peakLr, scen.cpt.peakLr);
    QVERIFY(bc.cpt.shape == scen.cpt.shape);
    QCOMPARE(bc.cpt.finalFraction, scen.cpt.finalFraction);
    QCOMPARE(bc.cpt.decayFraction, scen.cpt.decayFraction);
    QCOMPARE(bc.pt.steps, 3000);
    QCOMPARE(bc.pt.warmupSteps, 200);
    QCOMPARE(bc.ptLr.size(), scen.ptLr.size());
    for (std::size_t i = 0; i < bc.ptLr.size(); ++i)
        QVERIFY(std::abs(bc.ptLr[i] - scen.ptLr[i]) <= 1e-12 * 3e-4);
    QVERIFY(back->mixtureInputs == s.mixtureInputs);
    QVERIFY(back->mixtureAbsoluteInputs == s.mixtureAbsoluteInputs);
    QVERIFY(back->fit.has_value());
    QCOMPARE(back->fit->fit.params, s.fit->fit.params);
    QCOMPARE(back->fit->fit.stderrs, s.fit->fit.stderrs);
    QCOMPARE(back->fit->fit.covariance, s.fit->fit.covariance);
    QCOMPARE(back->fit->fit.summary.iterations, 17);
    // The dragged scenario is stored as readable control points, the presets as schedule specs.
    const auto json = *parseJson(text);
    const auto& sc = json.find("scenarios")->toArray();
    QVERIFY(sc[0].contains("schedule") && !sc[0].contains("points"));
    QVERIFY(sc[2].contains("points") && !sc[2].contains("schedule"));
    QCOMPARE(sc[2].find("points")->toArray()[1].number("lr"), 2.5e-4);
    // Writing what was read gives the same text.
    QCOMPARE(writeSessionText(*back), text);
}

void TestSession::fitMemberIsTheCliFitFile()
{
    const Session s = sample();
    const JsonValue json = sessionToJson(s);
    QVERIFY(json.find("fit"));
    QVERIFY(*json.find("fit") == toJson(*s.fit));
}

void TestSession::unknownMembersAreIgnored()
{
    auto json = sessionToJson(sample());
    json.set("future_feature", JsonValue::object());
    json.find("files")->asArray()[0].set("thumbnail", "abc");
    json.find("scenarios")->asArray()[0].set("notes", "from a newer writer");
    const auto back = parseSession(writeJson(json), "x.losscast");
    QVERIFY2(back.ok(), back.errorText().c_str());
    QCOMPARE(back->scenarios.size(), std::size_t(4));
    // An empty document is a valid (empty) session.
    const auto empty = parseSession(R"({"format":"losscast-session","version":1})", "e.losscast");
    QVERIFY2(empty.ok(), empty.errorText().c_str());
    QVERIFY(empty->files.empty() && empty->scenarios.empty() && !empty->fit);
}

void TestSession::malformed_data()
{
    QTest::addColumn<QString>("path");  // JSON path of the member replaced
    QTest::addColumn<QString>("value"); // its new JSON text ("DELETE" removes it)
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("message");
    QTest::newRow("format") << "format"
                            << "\"other\""
                            << "format"
                            << "not a LossCast session";
    QTest::newRow("version-missing") << "version"
                                     << "DELETE"
                                     << "version"
                                     << "format version";
    QTest::newRow("version-text") << "version"
                                  << "\"1\""
                                  << "version"
                                  << "format version";
    QTest::newRow("mixture-absolute-count") << "mixtures.absolute_inputs"
                                            << "[\"/a.csv\"]"
                                            << "mixtures.absolute_inputs"
                                            << "one path per input";
    QTest::newRow("mixture-absolute-number") << "mixtures.absolute_inputs"
                                             << "[1, 2]"
                                             << "mixtures.absolute_inputs[0]"
                                             << "expected a string";
    QTest::newRow("follow-target-text") << "files[1].follow.target"
                                        << "\"low\""
                                        << "files[1].follow.target"
                                        << "expected a number";
    QTest::newRow("follow-pin-lengths") << "files[1].follow.pin.curve.loss"
                                        << "[4.5, 3.5]"
                                        << "files[1].follow.pin.curve"
                                        << "same length";
    QTest::newRow("follow-pin-nan") << "files[1].follow.pin.curve.upper"
                                    << "[4.6, \"x\", 3.3]"
                                    << "files[1].follow.pin.curve.upper[1]"
                                    << "expected a number";
    QTest::newRow("files-object") << "files"
                                  << "{}"
                                  << "files"
                                  << "expected an array";
    QTest::newRow("file-not-object") << "files[1]"
                                     << "3"
                                     << "files[1]"
                                     << "expected an object";
    QTest::newRow("file-path-missing") << "files[0]"
                                       << "{\"runs\": []}"
                                       << "files[0].path"
                                       << "missing";
    QTest::newRow("file-size-text") << "files[0].size"
                                    << "\"big\""
                                    << "files[0].size"
                                    << "expected a number";
    QTest::newRow("file-size-fraction") << "files[0].size"
                                        << "1.5"
                                        << "files[0].size"
                                        << "whole number";
    QTest::newRow("mapping-loss") << "files[1].mapping.loss"
                                  << "3"
                                  << "files[1].mapping.loss"
                                  << "expected a string";
    QTest::newRow("run-visible") << "files[1].runs[1].visible"
                                 << "\"yes\""
                                 << "files[1].runs[1].visible"
                                 << "expected true or false";
    QTest::newRow("run-color") << "files[0].runs[0].color"
                               << "\"red\""
                               << "files[0].runs[0].color"
                               << "#rrggbb";
    QTest::newRow("hidden-metric") << "files[1].runs[0].hidden_metrics"
                                   << "[\"a\", 2]"
                                   << "files[1].runs[0].hidden_metrics[1]"
                                   << "expected a string";
    QTest::newRow("shown-metric") << "files[1].runs[0].shown_metrics"
                                  << "\"val/loss\""
                                  << "files[1].runs[0].shown_metrics"
                                  << "expected an array";
    QTest::newRow("fit-metric") << "files[1].runs[0].fit_metric"
                                << "3"
                                << "files[1].runs[0].fit_metric"
                                << "expected a string";
    QTest::newRow("warmup") << "import.warmup"
                            << "\"auto\""
                            << "import.warmup"
                            << "expected a number";
    QTest::newRow("law") << "model.law"
                         << "5"
                         << "model.law"
                         << "expected a string";
    QTest::newRow("fixed-unknown") << "model.fixed"
                                   << "[\"nope\"]"
                                   << "model.fixed"
                                   << "'nope'";
    QTest::newRow("edited-unknown") << "model.values"
                                    << "{\"nope\": 1}"
                                    << "model.values.nope"
                                    << "not a parameter";
    QTest::newRow("fit-law") << "fit.law"
                             << "\"nolaw\""
                             << "fit.law"
                             << "unknown law";
    QTest::newRow("point-lr") << "scenarios[2].points[1].lr"
                              << "\"x\""
                              << "scenarios[2].points[1].lr"
                              << "expected a number";
    QTest::newRow("point-step-missing") << "scenarios[2].points[2].step"
                                        << "DELETE"
                                        << "scenarios[2].points[2].step"
                                        << "missing";
    QTest::newRow("point-order") << "scenarios[2].points[1].step"
                                 << "100"
                                 << "scenarios[2].points[1].step"
                                 << "must increase";
    QTest::newRow("points-one") << "scenarios[2].points"
                                << "[{\"step\":1,\"lr\":1}]"
                                << "scenarios[2].points"
                                << "at least two";
    QTest::newRow("no-schedule") << "scenarios[2].points"
                                 << "DELETE"
                                 << "scenarios[2]"
                                 << "\"schedule\"";
    QTest::newRow("schedule-kind") << "scenarios[0].schedule"
                                   << "{\"phases\":[{\"kind\":\"zigzag\"}]}"
                                   << "scenarios[0].schedule.phases[0]"
                                   << "unknown schedule kind";
    QTest::newRow("scenario-color") << "scenarios[1].color"
                                    << "\"#12345\""
                                    << "scenarios[1].color"
                                    << "#rrggbb";
    QTest::newRow("current") << "current_scenario"
                             << "9"
                             << "current_scenario"
                             << "index below 4";
    QTest::newRow("baseline") << "baseline_scenario"
                              << "-1"
                              << "baseline_scenario"
                              << "index below";
    QTest::newRow("ema") << "view.ema"
                         << "1.5"
                         << "view.ema"
                         << "[0, 1)";
    QTest::newRow("x-axis") << "view.x_axis"
                            << "\"epochs\""
                            << "view.x_axis"
                            << "\"steps\" or \"tokens\"";
    QTest::newRow("log-x") << "view.log_x"
                           << "1"
                           << "view.log_x"
                           << "expected true or false";
    QTest::newRow("view-array") << "view"
                                << "[]"
                                << "view"
                                << "expected an object";
    QTest::newRow("cpt-inputs") << "cpt.inputs"
                                << "[1]"
                                << "cpt.inputs[0]"
                                << "expected a string";
    QTest::newRow("cpt-array") << "cpt"
                               << "[]"
                               << "cpt"
                               << "expected an object";
    QTest::newRow("cpt-shape") << "cpt.scenario.cpt.shape"
                               << "\"sawtooth\""
                               << "cpt.scenario.cpt.shape"
                               << "sawtooth";
    QTest::newRow("cpt-steps") << "cpt.scenario.pt.steps"
                               << "1.5"
                               << "cpt.scenario.pt.steps"
                               << "whole number";
    QTest::newRow("cpt-replay") << "cpt.scenario.replay"
                                << "2"
                                << "cpt.scenario"
                                << "replay ratio";
    QTest::newRow("cpt-lambda") << "cpt.lambda1"
                                << "-1"
                                << "cpt.lambda1"
                                << "[0, 1]";
    QTest::newRow("cpt-fit-law") << "cpt.fit.law"
                                 << "\"mpl\""
                                 << "cpt.fit.law"
                                 << "";
    QTest::newRow("cpt-fit-domain") << "cpt.fit.domain"
                                    << "DELETE"
                                    << "cpt.fit"
                                    << "domain";
    QTest::newRow("cpt-pt-schedule") << "cpt.pt_schedule"
                                     << "7"
                                     << "cpt.pt_schedule"
                                     << "";
}

/// Replaces (or deletes) the member at a path like "scenarios[2].points[1].lr".
static bool setAt(JsonValue& root, const QString& path, const QString& text)
{
    JsonValue* parent = nullptr;
    JsonValue* cur = &root;
    std::string lastKey;
    int lastIndex = -1;
    static const QRegularExpression part(R"(([A-Za-z_][A-Za-z_0-9]*)|\[(\d+)\])");
    auto it = part.globalMatch(path);
    while (it.hasNext()) {
        const auto m = it.next();
        parent = cur;
        if (!m.captured(1).isEmpty()) {
            lastKey = m.captured(1).toStdString();
            lastIndex = -1;
            cur = cur->find(lastKey);
        } else {
            lastIndex = m.captured(2).toInt();
            cur = lastIndex < int(cur->size()) ? &cur->asArray()[std::size_t(lastIndex)] : nullptr;
        }
        if (!cur)
            return false;
    }
    if (text == "DELETE") {
        auto& obj = parent->asObject();
        obj.erase(
            std::remove_if(obj.begin(), obj.end(), [&](const JsonMember& m) { return m.key == lastKey; }),
            obj.end());
        return true;
    }
    const auto v = parseJson(text.toStdString());
    if (!v)
        return false;
    *cur = *v;
    return true;
}

void TestSession::malformed()
{
    QFETCH(QString, path);
    QFETCH(QString, value);
    QFETCH(QString, where);
    QFETCH(QString, message);
    JsonValue json = sessionToJson(sample());
    QVERIFY2(setAt(json, path, value), qPrintable(path));
    const auto r = parseSession(writeJson(json), "bad.losscast");
    QVERIFY2(!r.ok(), "a malformed session was accepted");
    QCOMPARE(r.diagnostics.size(), std::size_t(1));
    const Diagnostic& d = r.diagnostics.front();
    QCOMPARE(d.file, std::string("bad.losscast"));
    QCOMPARE(QString::fromStdString(d.where), where);
    QVERIFY2(QString::fromStdString(d.message).contains(message), d.toString().c_str());
    QVERIFY2(QString::fromStdString(d.toString()).startsWith("bad.losscast: " + where + ": error: "),
             d.toString().c_str());
}

void TestSession::newerVersionIsRefused()
{
    const auto r = parseSession(R"({"format":"losscast-session","version":2,"losscast_version":"9.0.0"})",
                                "future.losscast");
    QVERIFY(!r.ok());
    const QString text = QString::fromStdString(r.errorText());
    QVERIFY2(text.contains("version 2") && text.contains("newer LossCast (9.0.0)") &&
                 text.contains("reads version 1"),
             qPrintable(text));
    // Not JSON at all: line and column.
    const auto bad = parseSession("{\"format\": \"losscast-session\",\n  \"version\": 1,,}", "x.losscast");
    QVERIFY(!bad.ok());
    QCOMPARE(bad.diagnostics.front().line, std::int64_t(2));
}

void TestSession::badFitNamesItsMember()
{
    JsonValue json = sessionToJson(sample());
    const std::string first = json.find("fit")->find("params")->toObject().front().key;
    json.find("fit")->find("params")->asObject().erase(json.find("fit")->find("params")->asObject().begin());
    const auto r = parseSession(writeJson(json), "s.losscast");
    QVERIFY(!r.ok());
    QCOMPARE(r.diagnostics.front().where, "fit.params." + first);
    QCOMPARE(r.diagnostics.front().file, std::string("s.losscast"));
}

void TestSession::relativePathsResolveAfterMovingTheTree()
{
    const fs::path root = fs::path(m_tmp.path().toStdString()) / "project";
    writeFile(root / "data" / "run.csv", "step,lr,loss\n1,0.1,3\n");
    writeFile(root / "sessions" / "placeholder", "");
    const auto f = describeSessionFile((root / "data" / "run.csv").string(), (root / "sessions").string());
    QCOMPARE(f.path, std::string("../data/run.csv"));
    QCOMPARE(f.absolutePath, (root / "data" / "run.csv").lexically_normal().generic_string());
    QCOMPARE(f.size, std::uint64_t(21));
    QCOMPARE(f.sha256.size(), std::size_t(64));
    // Move the whole tree: the absolute path is gone, the relative one still finds the file.
    const fs::path moved = fs::path(m_tmp.path().toStdString()) / "moved";
    fs::rename(root, moved);
    const auto r = resolveSessionFile(f, (moved / "sessions").string());
    QCOMPARE(int(r.status), int(ResolvedFile::Status::Ok));
    QCOMPARE(r.path, (moved / "data" / "run.csv").lexically_normal().generic_string());
    fs::rename(moved, root);
}

void TestSession::absoluteFallbackAndFarAwayFiles()
{
    const fs::path root = fs::path(m_tmp.path().toStdString()) / "abs";
    writeFile(root / "data" / "run.csv", "step,lr,loss\n1,0.1,3\n");
    auto f = describeSessionFile((root / "data" / "run.csv").string(), (root / "s").string());
    // The session alone moved elsewhere: the relative path misses, the absolute one finds the file.
    const auto r = resolveSessionFile(f, (fs::path(m_tmp.path().toStdString()) / "elsewhere" / "x").string());
    QCOMPARE(int(r.status), int(ResolvedFile::Status::Ok));
    QCOMPARE(r.path, f.absolutePath);
    // Far from the session (more than three levels up): stored absolute.
    const auto far =
        describeSessionFile((root / "data" / "run.csv").string(), (root / "a" / "b" / "c" / "d").string());
    QCOMPARE(far.path, far.absolutePath);
}

void TestSession::changedAndMissingFilesAreReported()
{
    const fs::path root = fs::path(m_tmp.path().toStdString()) / "chg";
    writeFile(root / "run.csv", "step,lr,loss\n1,0.1,3\n");
    const auto f = describeSessionFile((root / "run.csv").string(), root.string());
    QCOMPARE(f.path, std::string("run.csv"));
    writeFile(root / "run.csv", "step,lr,loss\n1,0.1,4\n"); // same size, other bytes
    auto r = resolveSessionFile(f, root.string());
    QCOMPARE(int(r.status), int(ResolvedFile::Status::Changed));
    QVERIFY2(QString::fromStdString(r.message).contains("run.csv changed") &&
                 QString::fromStdString(r.message).contains("sha256"),
             r.message.c_str());
    writeFile(root / "run.csv", "step,lr,loss\n1,0.1,4\n2,0.1,3.9\n");
    r = resolveSessionFile(f, root.string());
    QCOMPARE(int(r.status), int(ResolvedFile::Status::Changed));
    QVERIFY2(QString::fromStdString(r.message).contains("size 21"), r.message.c_str());
    fs::remove(root / "run.csv");
    r = resolveSessionFile(f, root.string());
    QCOMPARE(int(r.status), int(ResolvedFile::Status::Missing));
    QVERIFY2(QString::fromStdString(r.message).contains("run.csv is missing"), r.message.c_str());
    QCOMPARE(r.path, f.absolutePath);
}

void TestSession::matchingAbsolutePathWinsOverAChangedRelativeOne()
{
    // A session copied into another folder that holds a different data.csv: the relative path finds that
    // other file, but the stored absolute path still holds the saved bytes, so that one is used.
    const fs::path root = fs::path(m_tmp.path().toStdString()) / "copy";
    writeFile(root / "orig" / "data.csv", "step,lr,loss\n1,0.1,3\n");
    writeFile(root / "other" / "data.csv", "step,lr,loss\n1,0.1,7\n");
    const auto f = describeSessionFile((root / "orig" / "data.csv").string(), (root / "orig").string());
    QCOMPARE(f.path, std::string("data.csv"));
    auto r = resolveSessionFile(f, (root / "other").string());
    QVERIFY2(r.status == ResolvedFile::Status::Ok, r.message.c_str());
    QCOMPARE(r.path, (root / "orig" / "data.csv").lexically_normal().generic_string());
    // With the original gone, the changed neighbour is offered (as Changed), not reported missing.
    fs::remove(root / "orig" / "data.csv");
    r = resolveSessionFile(f, (root / "other").string());
    QCOMPARE(int(r.status), int(ResolvedFile::Status::Changed));
    QCOMPARE(r.path, (root / "other" / "data.csv").lexically_normal().generic_string());
}

void TestSession::missingSessionFile()
{
    const std::string path = (fs::path(m_tmp.path().toStdString()) / "none.losscast").string();
    const auto r = readSession(path);
    QVERIFY(!r.ok());
    QVERIFY2(r.errorText().find(path) != std::string::npos, r.errorText().c_str());
    // Saving then reading back works, and a failed save names the target.
    const std::string ok = (fs::path(m_tmp.path().toStdString()) / "s.losscast").string();
    QCOMPARE(saveSessionFile(sample(), ok), std::string());
    QVERIFY(readSession(ok).ok());
    const std::string bad = (fs::path(m_tmp.path().toStdString()) / "no" / "dir" / "s.losscast").string();
    const std::string why = saveSessionFile(sample(), bad);
    QVERIFY2(why.find("s.losscast") != std::string::npos, why.c_str());
}

void TestSession::bundledExample()
{
    const std::string path = std::string(LOSSCAST_EXAMPLES_DIR) + "/session/example.losscast";
    const auto s = readSession(path);
    QVERIFY2(s.ok(), s.errorText().c_str());
    QCOMPARE(s->files.size(), std::size_t(9));
    QCOMPARE(s->law, std::string("mpl"));
    QCOMPARE(s->scenarios.size(), std::size_t(2));
    // Every file is found through its relative path and is byte for byte the one the fit was made on.
    const std::string dir = std::string(LOSSCAST_EXAMPLES_DIR) + "/session";
    for (const auto& f : s->files) {
        QVERIFY2(f.absolutePath.empty(), "the bundled session must not carry a machine's absolute paths");
        QVERIFY2(f.path.rfind("../mpl/", 0) == 0, f.path.c_str());
        const auto r = resolveSessionFile(f, dir);
        QVERIFY2(r.status == ResolvedFile::Status::Ok, r.message.c_str());
    }
    // Its "fit" member is the current fit-file form: reading it and writing it again gives the same JSON.
    auto text = readTextFile(path);
    const auto json = parseJson(*text);
    QVERIFY(json.ok() && json->find("fit"));
    QVERIFY(s->fit.has_value());
    // (Compared as written text: a null standard error, e.g. of a held parameter, is NaN in memory.)
    QCOMPARE(writeJson(toJson(*s->fit)), writeJson(*json->find("fit")));
}

QTEST_APPLESS_MAIN(TestSession)
#include "tst_session.moc"
