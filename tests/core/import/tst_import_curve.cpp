// From an imported run to the Curve the fitter takes: LR per step interpolated from the logged LR, or taken
// from a schedule; bad selections give errors that name the run and the series.
#include "core/import/curvebuild.h"
#include "core/import/export.h"
#include "core/import/importer.h"

#include <QFileInfo>
#include <QtTest>

#include <sstream>

using namespace losscast::core;
using namespace losscast::core::import;

class TestImportCurve : public QObject
{
    Q_OBJECT

private slots:
    void interpolatesLoggedLr();
    void scheduleWhenNoLrLogged();
    void errorsNameTheSeries();
    void nonIntegerStepsAreRejected();
    void writesStepLrLossCsvThatReadsBack();
    void warmupBeforeFirstLoggedLr();
    void importCurvesFromAnyFormat();
};

namespace {
Run makeRun()
{
    Run r;
    r.name = "demo";
    r.series.push_back(Series{"train/loss", {0, 2, 4, 6}, {9.0, 4.0, 3.0, 2.5}});
    r.series.push_back(Series{"train/lr", {2, 4}, {1.0, 3.0}});
    detectRoles(r);
    return r;
}
} // namespace

void TestImportCurve::interpolatesLoggedLr()
{
    const Run run = makeRun();
    auto c = buildCurve(run, "demo.csv", {});
    QVERIFY2(c.ok(), c.errorText().c_str());
    QCOMPARE(c->steps, (std::vector<std::int64_t>{2, 4, 6})); // step 0 is not a curve point
    QCOMPARE(c->loss, (std::vector<double>{4.0, 3.0, 2.5}));
    // constant before step 2, linear 2..4, constant after 4
    QCOMPARE(c->schedule.lr, (std::vector<double>{1.0, 1.0, 1.0, 2.0, 3.0, 3.0, 3.0}));
    QCOMPARE(c->schedule.warmupSteps, std::int64_t(4));
    QCOMPARE(c->name, std::string("demo"));
    QCOMPARE(c->source, std::string("demo.csv"));
    bool warnedEnd = false;
    for (const auto& d : c.diagnostics)
        warnedEnd |= d.message.find("last logged at step 4") != std::string::npos;
    QVERIFY(warnedEnd);
}

void TestImportCurve::scheduleWhenNoLrLogged()
{
    Run run = makeRun();
    ScheduleInput sched;
    sched.lr = {0.0, 0.5, 1.0, 1.0, 0.8, 0.6, 0.4, 0.2};
    sched.warmupSteps = 2;
    CurveSelection sel;
    sel.schedule = &sched;
    auto c = buildCurve(run, "demo.csv", sel);
    QVERIFY(c.ok());
    QCOMPARE(c->schedule.lr, sched.lr);
    QCOMPARE(c->schedule.warmupSteps, std::int64_t(2));
    sched.lr.resize(4);
    auto shortSched = buildCurve(run, "demo.csv", sel);
    QVERIFY(!shortSched.ok());
    QVERIFY(shortSched.errorText().find("step 6") != std::string::npos);
}

void TestImportCurve::errorsNameTheSeries()
{
    const Run run = makeRun();
    CurveSelection sel;
    sel.loss = "val/loss";
    auto c = buildCurve(run, "demo.csv", sel);
    QVERIFY(!c.ok());
    const std::string e = c.errorText();
    QVERIFY2(e.find("demo.csv") != std::string::npos && e.find("'val/loss'") != std::string::npos &&
                 e.find("'train/loss'") != std::string::npos,
             e.c_str());
    Run noLr = run;
    noLr.series.pop_back();
    detectRoles(noLr);
    auto d = buildCurve(noLr, "demo.csv", {});
    QVERIFY(!d.ok());
    QVERIFY(d.errorText().find("learning rate") != std::string::npos);
}

void TestImportCurve::nonIntegerStepsAreRejected()
{
    Run run = makeRun();
    run.series[0].steps = {0.5, 1.5, 2.5, 3.5};
    auto c = buildCurve(run, "epochs.csv", {});
    QVERIFY(!c.ok());
    QVERIFY(c.errorText().find("0.5") != std::string::npos);
}

void TestImportCurve::writesStepLrLossCsvThatReadsBack()
{
    const Run run = makeRun();
    std::ostringstream os;
    QVERIFY(writeRunCsv(os, run, false));
    QCOMPARE(os.str(), std::string("step,lr,loss\n0,1,9\n2,1,4\n4,3,3\n6,3,2.5\n"));
    const ImportResult back = importBytes(os.str(), "demo.csv");
    QVERIFY(back.ok());
    QCOMPARE(back.runs.at(0).find("loss")->values, (std::vector<double>{9.0, 4.0, 3.0, 2.5}));
    std::ostringstream all;
    QVERIFY(writeRunCsv(all, run, true));
    QCOMPARE(all.str(), std::string("step,train/loss,train/lr\n0,9,\n2,4,1\n4,3,3\n6,2.5,\n"));
    QCOMPARE(csvFileName("logs/run-.-tag-loss.csv", "."), std::string("run-.-tag-loss-_.csv"));
}

void TestImportCurve::warmupBeforeFirstLoggedLr()
{
    // As readCurveCsv with --warmup-steps: linear from 0 to the first logged LR at min(W, first step).
    const Run run = makeRun(); // LR first logged at step 2 (1.0)
    CurveSelection sel;
    sel.warmupSteps = 4;
    auto c = buildCurve(run, "demo.csv", sel);
    QVERIFY(c.ok());
    QCOMPARE(c->schedule.lr, (std::vector<double>{0.0, 0.5, 1.0, 2.0, 3.0, 3.0, 3.0}));
    QCOMPARE(c->schedule.warmupSteps, std::int64_t(4));
    sel.warmupSteps = 0; // explicit: no warmup, and none is detected either
    auto d = buildCurve(run, "demo.csv", sel);
    QCOMPARE(d->schedule.warmupSteps, std::int64_t(0));
}

void TestImportCurve::importCurvesFromAnyFormat()
{
    const std::string dir = std::string(LOSSCAST_TEST_DATA_DIR) + "/import/";
    auto all = importCurves(dir + "long_format_runs.csv", {});
    QVERIFY2(all.ok(), all.errorText().c_str());
    QCOMPARE(all->size(), std::size_t(2));
    auto big = importCurves(dir + "long_format_runs.csv", {}, "big");
    QVERIFY(big.ok());
    QCOMPARE(big->at(0).steps, (std::vector<std::int64_t>{1, 2, 3}));
    QCOMPARE(big->at(0).schedule.lr.size(), std::size_t(4));
    auto missing = importCurves(dir + "long_format_runs.csv", {}, "nope");
    QVERIFY(!missing.ok());
    QVERIFY(missing.errorText().find("'big'") != std::string::npos);
    CurveSelection sel;
    sel.loss = "train_loss";
    sel.lr = "lr";
    auto llmc = importCurves(dir + "llmc.log", sel);
    QVERIFY2(llmc.ok(), llmc.errorText().c_str());
    QCOMPARE(llmc->at(0).loss.size(), std::size_t(3)); // steps 1..3; step 0 left out
    auto table = importCurves(dir + "wandb_runs_table.csv", {});
    QVERIFY(!table.ok());
    QVERIFY(table.errorText().find("table of runs") != std::string::npos);
}

QTEST_GUILESS_MAIN(TestImportCurve)
#include "tst_import_curve.moc"
