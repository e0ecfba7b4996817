// Tests of core/io/curvecsv: reading step,lr,loss curves (LR rebuild, warmup) and writing CSV tables.
#include "core/io/curvecsv.h"
#include "core/schedule/logged.h"
#include "core/util/textfile.h"

#include <QtTest>

#include <cmath>
#include <fstream>
#include <sstream>

using namespace losscast::core;

Q_DECLARE_METATYPE(std::vector<double>)

class TestCurveCsv : public QObject
{
    Q_OBJECT

private slots:
    void bundledCurve_data();
    void bundledCurve();
    void matchesSharedPerStepTruth_data();
    void matchesSharedPerStepTruth();
    void lrRebuild_data();
    void lrRebuild();
    void headerVariants_data();
    void headerVariants();
    void stepZeroWarns();
    void autoWarmup_data();
    void autoWarmup();
    void nanLossIsGap();
    void errors_data();
    void errors();
    void missingFile();
    void formatTable();
    void writeThenRead();
};

void TestCurveCsv::bundledCurve_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("firstStep");
    QTest::addColumn<int>("lastStep");
    // Row counts, first and last steps as in the bundled files (wc -l minus the header).
    QTest::newRow("25M-cosine-24000") << "25M_cosine_24000.csv" << 171 << 2160 << 23920;
    QTest::newRow("25M-wsd-20000-24000") << "25M_wsd_20000_24000.csv" << 170 << 2176 << 23904;
    QTest::newRow("100M-constant-72000") << "100M_constant_72000.csv" << 546 << 2176 << 71936;
}

void TestCurveCsv::bundledCurve()
{
    QFETCH(QString, file);
    QFETCH(int, rows);
    QFETCH(int, firstStep);
    QFETCH(int, lastStep);
    const std::string path = std::string(LOSSCAST_EXAMPLES_DIR) + "/mpl/" + file.toStdString();
    const Result<Curve> r = readCurveCsv(path, 2160);
    QVERIFY2(r.ok(), r.errorText().c_str());
    QVERIFY(r.diagnostics.empty());
    const Curve& c = *r;
    QCOMPARE(c.steps.size(), std::size_t(rows));
    QCOMPARE(c.loss.size(), std::size_t(rows));
    QCOMPARE(c.steps.front(), std::int64_t(firstStep));
    QCOMPARE(c.steps.back(), std::int64_t(lastStep));
    QCOMPARE(c.schedule.lr.size(), std::size_t(lastStep) + 1);
    QCOMPARE(c.schedule.warmupSteps, std::int64_t(2160));
    QCOMPARE(c.source, path);
    QCOMPARE(QString::fromStdString(c.name), QFileInfo(file).completeBaseName());
    // Linear warmup 0 → 3e-4 over the first 2160 steps, then the first logged LR.
    QCOMPARE(c.schedule.lr[0], 0.0);
    QVERIFY(std::fabs(c.schedule.lr[1080] - 1.5e-4) < 1e-15);
    QVERIFY(std::fabs(c.schedule.lr[2160] - 3e-4) < 1e-15);
    QVERIFY(std::fabs(c.schedule.lr[firstStep] - 3e-4) < 1e-12);
    for (std::size_t i = 1; i < c.steps.size(); ++i)
        QVERIFY(c.steps[i] > c.steps[i - 1]);
    for (double l : c.loss)
        QVERIFY(l > 2.0 && l < 8.0);
}

void TestCurveCsv::matchesSharedPerStepTruth_data()
{
    QTest::addColumn<QString>("curve");
    QTest::addColumn<QString>("truth");
    QTest::addColumn<int>("kinks");        // LR kinks or jumps that fall between two logged rows
    QTest::addColumn<double>("tolerance"); // interpolation error of the smooth parts over 128-step gaps
    // Bound (h²/8)·max|η''| with h = 128: cosine 24000 → < 1e-8; exponential decay 3e-4 → 3e-5 over 4000
    // steps (η'' = η·(ln 10 / 4000)²) → < 3e-7.
    // clang-format off
    QTest::newRow("cosine_24000") << "25M_cosine_24000.csv" << "cosine_24000.lr_per_step.csv" << 0 << 1e-8;
    QTest::newRow("wsd_20000_24000") << "25M_wsd_20000_24000.csv" << "wsd_20000_24000.lr_per_step.csv" << 1 << 3e-7;
    // The wsdcon drops (3e-4 → a lower constant at step 8000) fall between two flat stretches: rebuilt as a
    // step at the first row logging the new LR, they match the authors' schedule at every step.
    QTest::newRow("wsdcon_3") << "25M_wsdcon_3.csv" << "wsdcon_3.lr_per_step.csv" << 0 << 1e-12;
    QTest::newRow("wsdcon_9") << "100M_wsdcon_9.csv" << "wsdcon_9.lr_per_step.csv" << 0 << 1e-12;
    QTest::newRow("wsdcon_18") << "100M_wsdcon_18.csv" << "wsdcon_18.lr_per_step.csv" << 0 << 1e-12;
    // clang-format on
}

void TestCurveCsv::matchesSharedPerStepTruth()
{
    QFETCH(QString, curve);
    QFETCH(QString, truth);
    QFETCH(int, kinks);
    QFETCH(double, tolerance);
    // LOSSCAST_SHARED_DIR in the environment overrides the build's guess (e.g. for a worktree elsewhere).
    const std::string shared = qEnvironmentVariable("LOSSCAST_SHARED_DIR", LOSSCAST_SHARED_DIR).toStdString();
    const std::string truthPath = shared + "/data/curves/mpl/lr_per_step/" + truth.toStdString();
    if (!QFileInfo::exists(QString::fromStdString(truthPath)))
        QSKIP("the shared per-step LR files are not present (../shared)");
    const Result<Curve> r =
        readCurveCsv(std::string(LOSSCAST_EXAMPLES_DIR) + "/mpl/" + curve.toStdString(), 2160);
    QVERIFY2(r.ok(), r.errorText().c_str());
    const std::vector<double>& lr = r->schedule.lr;
    std::vector<bool> logged(lr.size(), false);
    for (auto s : r->steps)
        logged[static_cast<std::size_t>(s)] = true;

    std::ifstream in(truthPath);
    std::string line;
    std::getline(in, line);
    QCOMPARE(QString::fromStdString(line), QStringLiteral("step,lr"));
    std::size_t compared = 0, deviating = 0;
    double worstLogged = 0.0;
    while (std::getline(in, line)) {
        const auto comma = line.find(',');
        const long step = std::stol(line.substr(0, comma));
        const double expected = std::stod(line.substr(comma + 1));
        // The shared file ramps as peak·s/2159 during warmup; LossCast's ramp reaches the peak at step 2160.
        if (step < 2160 || step >= static_cast<long>(lr.size()))
            continue;
        const double err = std::fabs(lr[static_cast<std::size_t>(step)] - expected);
        if (logged[static_cast<std::size_t>(step)])
            worstLogged = std::max(worstLogged, err);
        // Larger deviations only occur inside a gap that contains a kink or a jump of the true schedule.
        if (err > tolerance)
            ++deviating;
        ++compared;
    }
    QCOMPARE(compared + 2160, lr.size());
    QVERIFY2(worstLogged < 1e-12, std::to_string(worstLogged).c_str());
    std::int64_t widestGap = 0;
    for (std::size_t i = 1; i < r->steps.size(); ++i)
        widestGap = std::max(widestGap, r->steps[i] - r->steps[i - 1]);
    QVERIFY2(deviating <= std::size_t(kinks) * std::size_t(widestGap), std::to_string(deviating).c_str());
}

void TestCurveCsv::lrRebuild_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("warmup");
    QTest::addColumn<std::vector<double>>("expected");
    const QString t = "step,lr,loss\n4,1,3\n6,0.5,2.5\n";
    QTest::newRow("warmup-shorter-than-start") << t << 2 << std::vector<double>{0, 0.5, 1, 1, 1, 0.75, 0.5};
    QTest::newRow("warmup-equal-start") << t << 4 << std::vector<double>{0, 0.25, 0.5, 0.75, 1, 0.75, 0.5};
    QTest::newRow("warmup-beyond-start") << t << 6 << std::vector<double>{0, 0.25, 0.5, 0.75, 1, 0.75, 0.5};
    QTest::newRow("no-warmup-holds") << t << 0 << std::vector<double>{1, 1, 1, 1, 1, 0.75, 0.5};
    QTest::newRow("starts-at-one") << "step,lr,loss\n1,2,3\n3,4,2\n" << 0 << std::vector<double>{2, 2, 3, 4};
    QTest::newRow("rising-lr") << "step,lr,loss\n2,0,3\n4,1,2\n" << 0 << std::vector<double>{0, 0, 0, 0.5, 1};
    // A change between two flat stretches is a step at the first row logging the new LR ...
    QTest::newRow("step-between-flats") << "step,lr,loss\n1,4,3\n2,4,3\n5,1,2\n6,1,2\n"
                                        << 0 << std::vector<double>{4, 4, 4, 4, 4, 1, 1};
    // ... but not when either side is not flat (a decay logged coarsely stays linear).
    QTest::newRow("decay-not-flat-after") << "step,lr,loss\n1,4,3\n2,4,3\n5,1,2\n6,0.5,2\n"
                                          << 0 << std::vector<double>{4, 4, 4, 3, 2, 1, 0.5};
    QTest::newRow("decay-not-flat-before") << "step,lr,loss\n1,5,3\n2,4,3\n5,1,2\n6,1,2\n"
                                           << 0 << std::vector<double>{5, 5, 4, 3, 2, 1, 1};
}

void TestCurveCsv::lrRebuild()
{
    QFETCH(QString, text);
    QFETCH(int, warmup);
    QFETCH(std::vector<double>, expected);
    const Result<Curve> r = parseCurveCsv(text.toStdString(), "mem.csv", warmup);
    QVERIFY2(r.ok(), r.errorText().c_str());
    QCOMPARE(r->schedule.lr.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
        QVERIFY2(std::fabs(r->schedule.lr[i] - expected[i]) < 1e-15, ("step " + std::to_string(i)).c_str());
    QCOMPARE(r->schedule.warmupSteps, std::int64_t(warmup));
}

void TestCurveCsv::headerVariants_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << "step,lr,loss\n10,1e-3,3.5\n20,5e-4,3.0\n";
    QTest::newRow("case-and-aliases") << "Step,Learning_Rate,VAL_LOSS\n10,1e-3,3.5\n20,5e-4,3.0\n";
    QTest::newRow("reordered-extra-columns") << "loss,tokens,lr,step\n3.5,1e6,1e-3,10\n3.0,2e6,5e-4,20\n";
    QTest::newRow("spaces-quotes-crlf")
        << "\"step\" , \"lr\" , \"loss\"\r\n 10 , 1e-3 , 3.5\r\n20,5e-4,3.0\r\n";
    QTest::newRow("tabs") << "step\tlr\tloss\n10\t1e-3\t3.5\n20\t5e-4\t3.0\n";
    QTest::newRow("comments-blank-lines-bom")
        << "\xEF\xBB\xBF# exported\n\nstep,lr,loss\n\n10,1e-3,3.5\n# x\n20,5e-4,3.0";
    QTest::newRow("float-steps") << "step,lr,loss\n10.0,1e-3,+3.5\n2e1,5e-4,3.0\n";
}

void TestCurveCsv::headerVariants()
{
    QFETCH(QString, text);
    const Result<Curve> r = parseCurveCsv(text.toStdString(), "mem.csv", 0);
    QVERIFY2(r.ok(), r.errorText().c_str());
    QCOMPARE(r->steps, (std::vector<std::int64_t>{10, 20}));
    QCOMPARE(r->loss, (std::vector<double>{3.5, 3.0}));
    QCOMPARE(r->schedule.lr.size(), std::size_t(21));
    QCOMPARE(r->schedule.lr[10], 1e-3);
    QVERIFY(std::fabs(r->schedule.lr[15] - 7.5e-4) < 1e-18);
    QCOMPARE(r->schedule.lr[20], 5e-4);
}

void TestCurveCsv::stepZeroWarns()
{
    const Result<Curve> r = parseCurveCsv("step,lr,loss\n0,0,10.5\n4,1,3\n", "zero.csv", 4);
    QVERIFY2(r.ok(), r.errorText().c_str());
    QCOMPARE(r->steps, (std::vector<std::int64_t>{4}));
    QCOMPARE(r->schedule.lr[2], 0.5);
    QCOMPARE(r.diagnostics.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(r.diagnostics[0].toString()),
             QStringLiteral("zero.csv:2: warning: the loss at step 0 (before any update) is not used"));
}

// A NaN or empty loss is a gap, as in the general importer: the row is skipped (its LR still counts) and one
// warning names how many and the first line.
void TestCurveCsv::nanLossIsGap()
{
    const Result<Curve> r =
        parseCurveCsv("step,lr,loss\n1,1,3\n2,1,NaN\n3,0.5,2.5\n4,0.25, \n5,0.25,2\n", "gaps.csv", 0);
    QVERIFY2(r.ok(), r.errorText().c_str());
    QCOMPARE(r->steps, (std::vector<std::int64_t>{1, 3, 5}));
    QCOMPARE(r->loss, (std::vector<double>{3, 2.5, 2}));
    QCOMPARE(r->schedule.lr[4], 0.25);
    QCOMPARE(r.diagnostics.size(), std::size_t(1));
    QCOMPARE(
        QString::fromStdString(r.diagnostics[0].toString()),
        QStringLiteral("gaps.csv:3: column 'loss': warning: 2 rows have no loss (NaN or empty), the first "
                       "at line 3; skipped as gaps"));
}

void TestCurveCsv::errors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("warmup");
    QTest::addColumn<QString>("message"); // Diagnostic::toString() of the single error

    QTest::newRow("empty")
        << "" << 0 << "bad.csv: error: empty file (expected a header line 'step,lr,loss' and data rows)";
    QTest::newRow("only-comments")
        << "# nothing\n\n"
        << 0
        << "bad.csv: error: empty file (expected a header line 'step,lr,loss' and data "
           "rows)";
    QTest::newRow("header-only") << "step,lr,loss\n" << 0 << "bad.csv: error: no data rows after the header";
    QTest::newRow("missing-lr")
        << "step,loss\n1,2\n"
        << 0
        << "bad.csv:1: error: missing column 'lr' (or 'learning_rate') in the header; it "
           "has 'step', 'loss' (a header line 'step,lr,loss' is required)";
    QTest::newRow("no-header")
        << "\n2160,0.0003,4.1\n"
        << 0
        << "bad.csv:2: error: missing column 'step', 'lr' (or 'learning_rate'), 'loss' (or "
           "'val_loss') in the header; it has '2160', '0.0003', '4.1' (a header line "
           "'step,lr,loss' is required)";
    QTest::newRow("too-few-fields") << "step,lr,loss\n1,2,3\n2,1\n"
                                    << 0 << "bad.csv:3: error: expected at least 3 fields, got 2";
    QTest::newRow("step-not-number") << "step,lr,loss\nabc,1,3\n"
                                     << 0 << "bad.csv:2: column 'step': error: expected a number, got 'abc'";
    QTest::newRow("step-fraction") << "step,lr,loss\n1.5,1,3\n"
                                   << 0
                                   << "bad.csv:2: column 'step': error: expected an integer step, got '1.5'";
    QTest::newRow("step-negative") << "step,lr,loss\n-3,1,3\n"
                                   << 0 << "bad.csv:2: column 'step': error: step must be >= 0, got '-3'";
    QTest::newRow("step-huge")
        << "step,lr,loss\n1e12,1,3\n"
        << 0
        << "bad.csv:2: column 'step': error: step 1e12 exceeds the supported maximum of "
           "50000000";
    QTest::newRow("lr-not-number") << "step,lr,loss\n1,x,3\n"
                                   << 0 << "bad.csv:2: column 'lr': error: expected a number, got 'x'";
    QTest::newRow("lr-empty") << "step,lr,loss\n1,,3\n"
                              << 0 << "bad.csv:2: column 'lr': error: expected a number, got ''";
    QTest::newRow("lr-negative")
        << "step,lr,loss\n1,-1e-4,3\n"
        << 0
        << "bad.csv:2: column 'lr': error: learning rate must be finite and >= 0, got "
           "'-1e-4'";
    QTest::newRow("lr-nan")
        << "step,lr,loss\n1,nan,3\n"
        << 0 << "bad.csv:2: column 'lr': error: learning rate must be finite and >= 0, got 'nan'";
    QTest::newRow("loss-not-number") << "step,lr,loss\n1,1,3.2.1\n"
                                     << 0
                                     << "bad.csv:2: column 'loss': error: expected a number, got '3.2.1'";
    QTest::newRow("loss-zero") << "step,lr,loss\n1,1,3\n2,1,0\n"
                               << 0
                               << "bad.csv:3: column 'loss': error: loss must be finite and > 0, got '0'";
    QTest::newRow("loss-negative")
        << "step,lr,loss\n1,1,-2\n"
        << 0 << "bad.csv:2: column 'loss': error: loss must be finite and > 0, got '-2'";
    QTest::newRow("loss-all-nan") << "step,lr,loss\n1,1,NaN\n2,1,\n"
                                  << 0
                                  << "bad.csv: error: column 'loss': all 2 values are missing (NaN or empty)";
    QTest::newRow("loss-inf") << "step,lr,loss\n1,1,inf\n"
                              << 0
                              << "bad.csv:2: column 'loss': error: loss must be finite and > 0, got 'inf'";
    QTest::newRow("steps-descending")
        << "step,lr,loss\n1,1,3\n\n5,1,3\n4,1,3\n"
        << 0
        << "bad.csv:5: column 'step': error: step 4 is not greater than the previous "
           "step 5 (line 4); steps must be strictly ascending";
    QTest::newRow("steps-repeated")
        << "step,lr,loss\n1,1,3\n1,1,3\n"
        << 0
        << "bad.csv:3: column 'step': error: step 1 is not greater than the previous "
           "step 1 (line 2); steps must be strictly ascending";
    QTest::newRow("only-step-zero") << "step,lr,loss\n0,1,3\n"
                                    << 0
                                    << "bad.csv:2: error: the curve needs at least one row with step >= 1";
    QTest::newRow("warmup-too-long")
        << "step,lr,loss\n1,1,3\n10,1,3\n"
        << 11 << "bad.csv: error: warmup (11 steps) is longer than the curve (last step 10)";
    QTest::newRow("warmup-negative")
        << "step,lr,loss\n1,1,3\n"
        << -2 << "bad.csv: error: warmup steps must be >= 0 (or -1: detect it), got -2";
}

void TestCurveCsv::errors()
{
    QFETCH(QString, text);
    QFETCH(int, warmup);
    QFETCH(QString, message);
    const Result<Curve> r = parseCurveCsv(text.toStdString(), "bad.csv", warmup);
    QVERIFY(!r.ok());
    QCOMPARE(r.diagnostics.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(r.diagnostics[0].toString()), message);
}

void TestCurveCsv::missingFile()
{
    const Result<Curve> r = readCurveCsv("/nonexistent/dir/curve.csv", 0);
    QVERIFY(!r.ok());
    QVERIFY2(r.errorText().rfind("/nonexistent/dir/curve.csv: error: cannot open file", 0) == 0,
             r.errorText().c_str());
    const Result<Curve> dir = readCurveCsv(LOSSCAST_EXAMPLES_DIR, 0);
    QVERIFY(!dir.ok());
    QVERIFY2(dir.errorText().find("is a directory") != std::string::npos, dir.errorText().c_str());
}

void TestCurveCsv::formatTable()
{
    CsvTable t;
    t.names = {"step", "loss", "band, low"};
    t.columns = {{1, 2, 24000}, {3.25, std::nan(""), 2.5e-7}, {0.1}};
    QCOMPARE(QString::fromStdString(formatCsv(t)),
             QStringLiteral("step,loss,\"band, low\"\n1,3.25,0.1\n2,nan,\n24000,2.5e-7,\n"));
}

void TestCurveCsv::writeThenRead()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const Result<Curve> original =
        readCurveCsv(std::string(LOSSCAST_EXAMPLES_DIR) + "/mpl/25M_wsdcon_9.csv", 2160);
    QVERIFY2(original.ok(), original.errorText().c_str());
    const std::string path = dir.filePath("copy.csv").toStdString();
    const Result<bool> w = writeCurveCsv(path, *original);
    QVERIFY2(w.ok(), w.errorText().c_str());
    const Result<Curve> back = readCurveCsv(path, 2160);
    QVERIFY2(back.ok(), back.errorText().c_str());
    QCOMPARE(back->steps, original->steps);
    QCOMPARE(back->loss, original->loss);
    QCOMPARE(back->schedule.lr, original->schedule.lr);
    QCOMPARE(back->name, std::string("copy"));

    const Result<bool> bad = writeCurveCsv(dir.filePath("no/such/dir/x.csv").toStdString(), *original);
    QVERIFY(!bad.ok());
    QVERIFY2(bad.errorText().find("cannot open file for writing") != std::string::npos,
             bad.errorText().c_str());
}

void TestCurveCsv::autoWarmup_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qlonglong>("expected");
    // Logged from step 0 through a ramp from LR 0 (Schaipp's runs, HF logs): the warmup ends at the peak.
    QTest::newRow("ramp-from-0") << "step,lr,loss\n0,0,9\n2,2,5\n4,4,4\n6,4,3.5\n8,2,3\n" << 4LL;
    // An unlogged prefix (the MPL files start after their 2160-step warmup) is the warmup.
    QTest::newRow("unlogged-prefix") << "step,lr,loss\n4,4,4\n6,4,3.5\n8,2,3\n" << 4LL;
    // ... and a logged ramp after that prefix extends it to the peak.
    QTest::newRow("prefix-then-ramp") << "step,lr,loss\n2,1,5\n4,3,4\n6,4,3.5\n8,2,3\n" << 6LL;
    // A schedule that starts at its peak (cosine from step 0) has none.
    QTest::newRow("cosine-from-0") << "step,lr,loss\n0,4,9\n2,3,5\n4,2,4\n" << 0LL;
    // A rise that falls on the way up is not a warmup ramp.
    QTest::newRow("not-a-ramp") << "step,lr,loss\n0,1,9\n1,3,5\n2,2,4\n3,4,3\n4,1,2\n" << 0LL;
}

void TestCurveCsv::autoWarmup()
{
    QFETCH(QString, text);
    QFETCH(qlonglong, expected);
    const Result<Curve> r = parseCurveCsv(text.toStdString(), "mem.csv", kAutoWarmup);
    QVERIFY2(r.ok(), r.errorText().c_str());
    QCOMPARE(r->schedule.warmupSteps, std::int64_t(expected));
    QCOMPARE(detectWarmup(r->schedule.lr) <= expected, true);
    // A typed warmup is taken as is.
    const Result<Curve> typed = parseCurveCsv(text.toStdString(), "mem.csv", 1);
    QVERIFY2(typed.ok(), typed.errorText().c_str());
    QCOMPARE(typed->schedule.warmupSteps, std::int64_t(1));
}

QTEST_GUILESS_MAIN(TestCurveCsv)
#include "tst_curvecsv.moc"
