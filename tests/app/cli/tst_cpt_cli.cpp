// `losscast-cli cpt` end to end: eval JSON shape and figures on the bundled real curves, an HF
// trainer_state.json run giving the same fit as its CSV, fit → predict → optimize through the fit file, and
// precise errors. Runs the built binary (CMake passes its path and builds it first); fails when it is
// missing.
#include "core/cpt/cptcsv.h"
#include "core/cpt/cptjson.h"
#include "core/cpt/cptscenario.h"

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

namespace {

struct Out
{
    int code = -1;
    QByteArray out, err;
};

QString cliPath()
{
    return QStringLiteral(LOSSCAST_CLI);
}

Out run(const QStringList& args)
{
    QProcess p;
    p.setWorkingDirectory(QStringLiteral(LOSSCAST_EXAMPLES_DIR) + "/..");
    p.start(cliPath(), args);
    p.waitForFinished(60000);
    return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

const QString kDir = QStringLiteral(LOSSCAST_EXAMPLES_DIR) + "/cpt/";

} // namespace

class TestCptCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void evalOnBundledCurves();
    void importedRunEqualsCsv();
    void fitPredictOptimize();
    void ptScheduleGoesWithTheFit();
    void errors_data();
    void errors();
};

void TestCptCli::initTestCase()
{
    QVERIFY2(QFileInfo::exists(cliPath()), qPrintable("losscast-cli is missing at " + cliPath()));
}

void TestCptCli::evalOnBundledCurves()
{
    const auto r =
        run({"cpt", "eval", "--warmup-steps", "100", "--train", kDir + "const_r0.csv@2000@0",
             kDir + "wsd_r0.csv@2000@0", kDir + "const_r50.csv@2000@0.5", "--test",
             kDir + "const_r0.csv@2000@0", kDir + "wsd_r0.csv@2000@0", kDir + "const_r50.csv@2000@50"});
    QVERIFY2(r.code == 0, r.err.constData());
    const auto doc = QJsonDocument::fromJson(r.out).object();
    const double seconds = doc["fit"].toObject()["seconds"].toDouble(-1);
    std::printf("cpt eval on 3 real runs: fit.seconds %.3f\n", seconds);
    QVERIFY(seconds > 0.0);
    for (const char* set : {"general", "domain"}) {
        const auto s = doc[set].toObject();
        const auto tests = s["test"].toArray();
        QCOMPARE(tests.size(), 3);
        const auto avg = s["test_avg"].toObject();
        for (const char* k : {"r2", "mae", "rmse", "pred_e", "worst_e"})
            QVERIFY2(avg.contains(k), k);
        std::printf("  %s test_avg R2 %.4f PredE %.4f\n", set, avg["r2"].toDouble(),
                    avg["pred_e"].toDouble());
        QVERIFY(avg["r2"].toDouble() > 0.9);
        QVERIFY(s["params"].toObject().contains("a2")); // replay extension on: runs at 0 and 50 %
    }
}

void TestCptCli::importedRunEqualsCsv()
{
    // tests/data/cpt/trainer_state.json holds const_r0's losses as eval_general_loss / eval_domain_loss.
    const auto hf =
        run({"cpt", "fit", "--warmup-steps", "100",
             QStringLiteral(LOSSCAST_EXAMPLES_DIR) + "/../../tests/data/cpt/trainer_state.json@2000",
             "--general", "eval_general_loss", "--domain", "eval_domain_loss"});
    QVERIFY2(hf.code == 0, hf.err.constData());
    const auto csv = run({"cpt", "fit", "--warmup-steps", "100", kDir + "const_r0.csv@2000"});
    QVERIFY2(csv.code == 0, csv.err.constData());
    const auto a = QJsonDocument::fromJson(hf.out).object(), b = QJsonDocument::fromJson(csv.out).object();
    for (const char* set : {"general", "domain"}) {
        const auto pa = a[set].toObject()["params"].toObject(), pb = b[set].toObject()["params"].toObject();
        QVERIFY(!pa.isEmpty());
        for (const auto& k : pa.keys())
            QVERIFY2(std::abs(pa[k].toDouble() - pb[k].toDouble()) <= 1e-9 * (1 + std::abs(pb[k].toDouble())),
                     qPrintable(k));
    }
}

void TestCptCli::fitPredictOptimize()
{
    QTemporaryDir tmp;
    const QString fit = tmp.filePath("fit.json");
    auto r = run({"cpt", "fit", "--warmup-steps", "100", kDir + "const_r0.csv@2000@0",
                  kDir + "wsd_r0.csv@2000@0", kDir + "const_r50.csv@2000@0.5", "--out", fit});
    QVERIFY2(r.code == 0, r.err.constData());
    const QStringList scenario = {"--pt-steps", "2000",     "--pt-warmup", "100",  "--pt-peak",    "3e-3",
                                  "--pt-shape", "constant", "--cpt-steps", "1200", "--cpt-warmup", "100",
                                  "--cpt-peak", "3e-3",     "--cpt-final", "0.1"};
    // Predictions come from a fit on the two replay-0 runs (the three-run fit trades const_r0's end for
    // const_r50).
    const QString fit0 = tmp.filePath("fit0.json");
    r = run({"cpt", "fit", "--warmup-steps", "100", kDir + "const_r0.csv@2000", kDir + "wsd_r0.csv@2000",
             "--out", fit0});
    QVERIFY2(r.code == 0, r.err.constData());
    r = run(QStringList{"cpt", "predict", "--fit", fit0, "--points", "32"} + scenario);
    QVERIFY2(r.code == 0, r.err.constData());
    const auto lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.front(), QByteArray("step,lr,general,domain,general_hidden,domain_hidden"));
    QCOMPARE(lines.size(), 1 + 32); // the switch step 2000 is one of the 32 sampled steps (3200·k/32)
    // The prediction follows the measured const_r0 curve at its last step within 3 %.
    const auto last = lines.back().split(',');
    QCOMPARE(last[0], QByteArray("3200"));
    QVERIFY(std::abs(last[2].toDouble() / 2.43799 - 1.0) < 0.03);
    QVERIFY(std::abs(last[3].toDouble() / 1.69410 - 1.0) < 0.03);

    r = run(QStringList{"cpt", "predict", "--fit", fit0, "--format", "json"} + scenario);
    QVERIFY2(r.code == 0, r.err.constData());
    const auto turn = QJsonDocument::fromJson(r.out).object()["general_turn"].toObject();
    QVERIFY(turn["peak_loss"].toDouble() > turn["loss_at_switch"].toDouble());
    QVERIFY(turn["turning_length"].toDouble() > 0);

    r = run(QStringList{"cpt", "optimize", "--fit", fit, "--lambda1", "0", "--replay-range", "0:0.5",
                        "--peak-lr", "1e-3:3e-3"} +
            scenario);
    QVERIFY2(r.code == 0, r.err.constData());
    const auto opt = QJsonDocument::fromJson(r.out).object();
    QVERIFY(opt["objective"].toDouble() <= opt["base_objective"].toDouble());
    QVERIFY(opt["best"].toObject()["replay"].toDouble() <= 0.5);
    QCOMPARE(opt["search"].toObject()["status"].toString(), QString("converged"));
    // Without --replay-range the search stays within the replay ratios the fit saw (0 and 50 %).
    r = run(QStringList{"cpt", "optimize", "--fit", fit, "--lambda1", "1"} + scenario);
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY(QJsonDocument::fromJson(r.out).object()["best"].toObject()["replay"].toDouble() <= 0.5 + 1e-12);
}

// Runs continued from one base share its PT schedule: `cpt fit --out` writes it ("pt_schedule"), and `cpt
// predict --fit` then predicts over that PT, as the CPT view does with "PT Schedule from Selected Run".
void TestCptCli::ptScheduleGoesWithTheFit()
{
    using namespace losscast::core::cpt;
    QTemporaryDir tmp;
    const QString fit = tmp.filePath("fit.json");
    auto r = run({"cpt", "fit", "--warmup-steps", "100", kDir + "const_r0.csv@2000@0",
                  kDir + "const_r50.csv@2000@0.5", "--out", fit});
    QVERIFY2(r.code == 0, r.err.constData());
    const auto pair = readCptFitFile(fit.toStdString());
    QVERIFY2(pair.ok(), pair.errorText().c_str());
    QVERIFY(pair->general && pair->domain);
    QFile f(fit);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto pt = QJsonDocument::fromJson(f.readAll()).object()["pt_schedule"].toObject();
    QVERIFY(pt.contains("spec") || pt.contains("lr_runs"));
    std::printf("pt_schedule of const_r0/const_r50: %s\n",
                QJsonDocument(pt).toJson(QJsonDocument::Compact).left(200).constData());

    // The PT as the view takes it from the run: the run's LRs of steps 0..2000 with its warmup.
    CptCsvOptions o;
    o.switchStep = 2000;
    o.warmupSteps = 100;
    const auto base = readCptCsv((kDir + "const_r0.csv").toStdString(), o);
    QVERIFY2(base.ok(), base.errorText().c_str());
    const std::vector<double> ptLr(base->schedule.lr.begin(), base->schedule.lr.begin() + 2001);
    QCOMPARE(pair->ptSchedule.size(), ptLr.size());
    for (std::size_t i = 0; i < ptLr.size(); ++i)
        QVERIFY(std::abs(pair->ptSchedule[i] - ptLr[i]) <= 1e-15);
    QCOMPARE(pair->ptWarmupSteps, std::int64_t(100));

    CptScenario s;
    s.cpt.steps = 1200;
    s.cpt.warmupSteps = 100;
    s.cpt.peakLr = 3e-3;
    s.replay = 0.25;
    QVERIFY(s.setPtLr(ptLr, 100).empty());
    const auto steps = s.sampleSteps(32);
    const auto expected = predictScenario(*pair->general, *pair->domain, s, steps);
    const QStringList cpt = {"--cpt-steps", "1200",     "--cpt-warmup", "100",      "--cpt-peak",
                             "3e-3",        "--replay", "0.25",         "--points", "32"};
    r = run(QStringList{"cpt", "predict", "--fit", fit} + cpt);
    QVERIFY2(r.code == 0, r.err.constData());
    const auto lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 1 + int(steps.size()));
    for (std::size_t k = 0; k < steps.size(); ++k) {
        const auto cells = lines[int(k) + 1].split(',');
        QCOMPARE(cells[0].toLongLong(), steps[k]);
        QVERIFY(std::abs(cells[2].toDouble() - expected.general[k]) <= 1e-9);
        QVERIFY(std::abs(cells[3].toDouble() - expected.domain[k]) <= 1e-9);
    }
    // A --pt-* option asks for the parametric PT instead (here WSD, annealed to 0: a different prediction).
    r = run(QStringList{"cpt", "predict", "--fit", fit, "--pt-steps", "2000"} + cpt);
    QVERIFY2(r.code == 0, r.err.constData());
    const auto other = r.out.trimmed().split('\n');
    QVERIFY(std::abs(other.back().split(',')[2].toDouble() - expected.general.back()) > 1e-3);
}

void TestCptCli::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("no-action") << QStringList{"cpt"} << 2 << "expected an action";
    QTest::newRow("unknown-action") << QStringList{"cpt", "fitt"} << 2 << "unknown action 'fitt'";
    QTest::newRow("no-switch") << QStringList{"cpt", "fit", kDir + "const_r0.csv"} << 2 << "no switch step";
    QTest::newRow("bad-replay") << QStringList{"cpt", "fit", kDir + "const_r0.csv@2000@150"} << 2
                                << "replay ratio after the second '@'";
    QTest::newRow("bad-size") << QStringList{"cpt", "fit", kDir + "const_r0.csv@2000@0@0"} << 2
                              << "model size after the third '@'";
    QTest::newRow("missing-file") << QStringList{"cpt", "fit", "nope.csv@10"} << 1 << "nope.csv";
    QTest::newRow("wrong-column") << QStringList{"cpt",       "fit", kDir + "const_r0.csv@2000",
                                                 "--general", "gen", "--domain",
                                                 "dom"}
                                  << 1 << "neither the general loss column 'gen'";
    QTest::newRow("eval-needs-test") << QStringList{"cpt", "eval", "--train", kDir + "const_r0.csv@2000"} << 2
                                     << "--train and --test";
    QTest::newRow("predict-needs-fit") << QStringList{"cpt", "predict"} << 2 << "--fit FILE is required";
    QTest::newRow("bad-shape") << QStringList{"cpt",         "predict", "--fit", kDir + "README.md",
                                              "--cpt-shape", "x"}
                               << 1 << "README.md";
    // Numbers are read whole and locale-independently (strtod took hex, leading blanks and stopped at a ',').
    QTest::newRow("fix-hex") << QStringList{"cpt", "fit", kDir + "const_r0.csv@2000", "--fix", "alpha=0x1"}
                             << 2 << "--fix: expected NAME=VALUE with a finite number VALUE, got 'alpha=0x1'";
    QTest::newRow("fix-blank") << QStringList{"cpt", "fit", kDir + "const_r0.csv@2000", "--fix", "alpha= 0.5"}
                               << 2 << "got 'alpha= 0.5'";
    QTest::newRow("switch-hex") << QStringList{"cpt", "fit", kDir + "const_r0.csv@0x7d0"} << 2
                                << "'0x7d0' after '@' is not a number";
    QTest::newRow("replay-comma")
        << QStringList{"cpt", "fit", kDir + "const_r0.csv@2000@0,5"} << 2
        << "const_r0.csv@2000@0,5': no such file, and '0,5' after '@' is not a number";
    QTest::newRow("bad-fix") << QStringList{"cpt", "fit", kDir + "const_r0.csv@2000", "--fix", "Q=1"} << 1
                             << "no parameter 'Q'";
}

void TestCptCli::errors()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, message);
    const auto r = run(args);
    QCOMPARE(r.code, code);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
}

QTEST_GUILESS_MAIN(TestCptCli)
#include "tst_cpt_cli.moc"
