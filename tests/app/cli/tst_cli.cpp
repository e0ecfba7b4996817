// The losscast-cli contract: JSON shapes other tools rely on, fit → predict round trip, and error messages
// that name the file, line or argument.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run
{
    int code = -1;
    QByteArray out, err;
};

Run cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(LOSSCAST_CLI), args);
    Run r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString example(const QString& name)
{
    return QStringLiteral(LOSSCAST_EXAMPLES_DIR "/mpl/") + name + ".csv";
}
QString data(const QString& name)
{
    return QStringLiteral(LOSSCAST_TEST_DATA_DIR "/cli/") + name;
}

QStringList protocol(const QString& size)
{
    QStringList a{"--warmup-steps", "2160", "--train"};
    for (auto n : {"constant_24000", "cosine_24000", "wsdcon_9"})
        a << example(size + "_" + n);
    a << "--test";
    for (auto n :
         {"constant_72000", "cosine_72000", "wsd_20000_24000", "wsdld_20000_24000", "wsdcon_3", "wsdcon_18"})
        a << example(size + "_" + n);
    return a;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private slots:
    void helpListsCommands()
    {
        const auto r = cli({"--help"});
        QCOMPARE(r.code, 0);
        for (auto c : {"fit", "eval", "predict"})
            QVERIFY2(r.out.contains(c), c);
        const auto sub = cli({"eval", "--help"});
        QCOMPARE(sub.code, 0);
        QVERIFY(sub.out.contains("--train"));
    }

    // The MPL protocol through the CLI: one JSON object with the documented keys and the paper's MTL accuracy
    // (Luo et al. 2025, Table 1: PredE .0014 at 25M, .0022 at 100M; within 10 %).
    void evalProtocol_data()
    {
        QTest::addColumn<QString>("size");
        QTest::addColumn<double>("paperPredE");
        QTest::newRow("25M") << "25M" << 0.0014;
        QTest::newRow("100M") << "100M" << 0.0022;
    }
    void evalProtocol()
    {
        QFETCH(QString, size);
        QFETCH(double, paperPredE);
        const auto r = cli(QStringList{"eval", "--law", "mtl"} + protocol(size));
        QVERIFY2(r.code == 0, r.err.constData());
        QJsonParseError pe;
        const auto doc = QJsonDocument::fromJson(r.out, &pe);
        QVERIFY2(pe.error == QJsonParseError::NoError, qPrintable(pe.errorString()));
        const auto o = doc.object();
        QCOMPARE(o["law"].toString(), QString("mtl"));
        for (auto p : {"L0", "A", "alpha", "C"}) {
            QVERIFY2(o["params"].toObject().contains(p), p);
            QVERIFY2(o["stderr"].toObject().contains(p), p);
        }
        const auto fit = o["fit"].toObject();
        for (auto k : {"seconds", "status", "iterations", "final_cost"})
            QVERIFY2(fit.contains(k), k);
        QCOMPARE(fit["status"].toString(), QString("converged"));
        const auto tests = o["test"].toArray();
        QCOMPARE(tests.size(), 6);
        for (const auto& t : tests)
            for (auto k : {"file", "points", "r2", "mae", "rmse", "pred_e", "worst_e"})
                QVERIFY2(t.toObject().contains(k), k);
        const double predE = o["test_avg"].toObject()["pred_e"].toDouble();
        QVERIFY2(predE > 0 && predE <= paperPredE * 1.1, qPrintable(QString::number(predE)));
    }

    // fit writes a file that predict reads; predicting a training curve's own schedule reproduces its loss.
    void fitThenPredict()
    {
        QTemporaryDir dir;
        const QString params = dir.filePath("p.json");
        auto r = cli({"fit", "--law", "mtl", "--warmup-steps", "2160", "--train", example("25M_cosine_24000"),
                      example("25M_constant_24000"), "--out", params});
        QVERIFY2(r.code == 0, r.err.constData());
        QFile f(params);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto o = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(o["law"].toString(), QString("mtl"));
        QVERIFY(o["settings"].toObject().contains("lambda"));
        QCOMPARE(o["files"].toArray().size(), 2);
        QCOMPARE(o["files"].toArray()[0].toObject()["sha256"].toString().size(), 64);

        r = cli({"predict", "--params", params, "--schedule",
                 "cosine:peak=3e-4,final=3e-5,steps=24000,warmup=2160", "--steps", "12000,23920"});
        QVERIFY2(r.code == 0, r.err.constData());
        const auto lines = QString::fromUtf8(r.out).trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QCOMPARE(lines[0], QString("step,lr,loss"));
        const double last = lines[2].split(',')[2].toDouble();
        QVERIFY2(std::abs(last - 3.3044) / 3.3044 < 0.01, qPrintable(lines[2])); // measured 3.3044 at 23920
        const double mid = lines[1].split(',')[2].toDouble();
        QVERIFY(mid > last);
    }

    // `schedule` renders the LR of every step; values at known steps of a WSD schedule with warmup.
    void scheduleRenders()
    {
        const auto r =
            cli({"schedule", "wsd:peak=3e-4,final=3e-5,steps=1000,warmup=100,decay=0.2,shape=linear",
                 "--every", "100"});
        QVERIFY2(r.code == 0, r.err.constData());
        const auto lines = QString::fromUtf8(r.out).trimmed().split('\n');
        QCOMPARE(lines.front(), QString("step,lr"));
        QMap<int, double> lr;
        for (const auto& l : lines.mid(1))
            lr[l.split(',')[0].toInt()] = l.split(',')[1].toDouble();
        QVERIFY(lr.contains(1000));
        QCOMPARE(lr[100], 3e-4);                      // end of warmup
        QCOMPARE(lr[800], 3e-4);                      // stable until the last 20 %
        QVERIFY(std::abs(lr[900] - 1.65e-4) < 1e-12); // half-way down the linear decay
        QVERIFY(std::abs(lr[1000] - 3e-5) < 1e-15);
        const auto bad = cli({"schedule", "cosine:peak=3e-4,steps=-5"});
        QCOMPARE(bad.code, 2);
        QVERIFY2(bad.err.contains("steps"), bad.err.constData());
    }

    // --band: every test entry and test_avg carry the band's coverage and relative half-width; the fit's
    // warnings are listed (an array, possibly empty).
    void evalBand()
    {
        for (const QString law : {"mtl", "auto"}) {
            const auto r = cli(QStringList{"eval", "--law", law, "--band"} + protocol("25M"));
            QVERIFY2(r.code == 0, r.err.constData());
            const auto o = QJsonDocument::fromJson(r.out).object();
            QVERIFY(o["warnings"].isArray());
            const auto tests = o["test"].toArray();
            QCOMPARE(tests.size(), 6);
            double sum = 0;
            for (const auto& t : tests) {
                const auto e = t.toObject();
                const double cov = e["coverage"].toDouble(-1), hw = e["band_rel_halfwidth"].toDouble(-1);
                QVERIFY2(cov >= 0 && cov <= 1, qPrintable(law));
                QVERIFY2(hw > 0 && hw < 0.05, qPrintable(QString::number(hw)));
                sum += cov;
            }
            const auto avg = o["test_avg"].toObject();
            QVERIFY(std::abs(avg["coverage"].toDouble() - sum / 6) < 1e-9);
            QVERIFY(avg.contains("band_rel_halfwidth"));
            QVERIFY(o["band"].toObject()["rel_sigma"].toDouble() > 0);
            if (law == "auto")
                QVERIFY2(o["criterion"].toString().contains("leave-one-run-out"),
                         qPrintable(o["criterion"].toString()));
        }
        // Without --band the fields are absent.
        const auto plain = cli(QStringList{"eval", "--law", "mtl"} + protocol("25M"));
        QVERIFY(!QJsonDocument::fromJson(plain.out).object()["test"].toArray()[0].toObject().contains(
            "coverage"));
    }

    // The generalisation benchmark skips cleanly without the shared curves, and runs one set when they exist.
    void benchAccuracy()
    {
        const auto skip = cli({"bench", "accuracy", "--data", "/nonexistent-losscast-curves"});
        QCOMPARE(skip.code, 0);
        QVERIFY2(skip.out.contains("skipped"), skip.out.constData());
        const QString shared = QStringLiteral(LOSSCAST_SHARED_DIR "/data/curves");
        if (!QFile::exists(shared + "/mpl"))
            QSKIP("shared curves not found");
        const auto r = cli({"bench", "accuracy", "--data", shared, "--only", "mpl-25M", "--protocol",
                            "mpl-split", "--laws", "mtl", "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        const auto o = QJsonDocument::fromJson(r.out).object();
        const auto cases = o["cases"].toArray();
        QCOMPARE(cases.size(), 1);
        const auto m = cases[0].toObject()["mtl"].toObject();
        QVERIFY(m["ok"].toBool());
        for (auto k : {"pred_e", "worst_e", "coverage", "band_rel_halfwidth"})
            QVERIFY2(m.contains(k), k);
        QVERIFY(m["pred_e"].toDouble() > 0 && m["pred_e"].toDouble() < 0.003);
    }

    // fit stores the calibrated band; predict --band uses it (wider than the covariance-only band).
    void fitStoresBand()
    {
        QTemporaryDir dir;
        const QString params = dir.filePath("p.json");
        auto r = cli({"fit", "--law", "mtl", "--warmup-steps", "2160", "--train", example("25M_cosine_24000"),
                      example("25M_constant_24000"), example("25M_wsdcon_9"), "--out", params});
        QVERIFY2(r.code == 0, r.err.constData());
        QFile f(params);
        QVERIFY(f.open(QIODevice::ReadOnly));
        auto o = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
        QVERIFY(o["warnings"].isArray());
        const double sigma = o["band"].toObject()["rel_sigma"].toDouble();
        QVERIFY(sigma > 0 && sigma < 0.05);
        const QStringList predict{"predict",
                                  "--params",
                                  params,
                                  "--schedule",
                                  "cosine:peak=3e-4,final=3e-5,steps=72000,warmup=2160",
                                  "--steps",
                                  "72000",
                                  "--band"};
        r = cli(predict);
        QVERIFY2(r.code == 0, r.err.constData());
        auto row = QString::fromUtf8(r.out).trimmed().split('\n').last().split(',');
        const double wide = row[5].toDouble() - row[4].toDouble();
        // The same file without its band: the covariance-only band is narrower.
        o.remove("band");
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(o).toJson());
        f.close();
        r = cli(predict);
        QVERIFY2(r.code == 0, r.err.constData());
        row = QString::fromUtf8(r.out).trimmed().split('\n').last().split(',');
        const double narrow = row[5].toDouble() - row[4].toDouble();
        QVERIFY2(wide > narrow, qPrintable(QString("%1 vs %2").arg(wide).arg(narrow)));
        QVERIFY(wide / 2 / row[2].toDouble() >= sigma * 1.9); // z·sigma at least
    }

    // --bootstrap adds resampling standard errors next to the Jacobian ones, for every parameter.
    void evalBootstrap()
    {
        const auto r = cli(QStringList{"eval", "--law", "mtl", "--bootstrap", "12"} + protocol("25M"));
        QVERIFY2(r.code == 0, r.err.constData());
        const auto o = QJsonDocument::fromJson(r.out).object();
        const auto boot = o["bootstrap"].toObject();
        QCOMPARE(boot["kind"].toString(), QString("bootstrap-blocks"));
        QVERIFY(boot["succeeded"].toInt() >= 10);
        const auto se = o["stderr_bootstrap"].toObject();
        for (auto p : {"L0", "A", "alpha", "C"}) {
            QVERIFY2(se[p].toDouble() > 0, p);
            // Same order of magnitude as the delta-method error (block resampling keeps autocorrelation, so
            // it is typically larger, never wildly different).
            const double ratio = se[p].toDouble() / o["stderr"].toObject()[p].toDouble();
            QVERIFY2(ratio > 0.2 && ratio < 50, qPrintable(QString("%1 ratio %2").arg(p).arg(ratio)));
        }
        const auto bad = cli(QStringList{"eval", "--law", "mtl", "--bootstrap-kind", "x"} + protocol("25M"));
        QCOMPARE(bad.code, 2);
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << 2 << "unknown command 'frobnicate'";
        QTest::newRow("unknown option")
            << QStringList{"fit", "--law", "mtl", "--bogus", "1"} << 2 << "unknown option --bogus";
        QTest::newRow("unknown law") << QStringList{"fit", "--law", "nope", "--train",
                                                    example("25M_cosine_24000")}
                                     << 2 << "unknown law 'nope'";
        QTest::newRow("no train") << QStringList{"fit", "--law", "mtl"} << 2 << "--train";
        QTest::newRow("missing file") << QStringList{"fit", "--law", "mtl", "--train", "/nonexistent/x.csv"}
                                      << 1 << "/nonexistent/x.csv";
        QTest::newRow("bad loss names line")
            << QStringList{"fit", "--law", "mtl", "--train", data("bad_loss.csv")} << 1 << "bad_loss.csv:3";
        QTest::newRow("bad setting")
            << QStringList{"fit", "--law", "mtl", "--set", "gamma=1", "--train", example("25M_cosine_24000")}
            << 2 << "no setting 'gamma'";
        QTest::newRow("bad warmup") << QStringList{"fit",
                                                   "--law",
                                                   "mtl",
                                                   "--warmup-steps",
                                                   "abc",
                                                   "--train",
                                                   example("25M_cosine_24000")}
                                    << 2 << "--warmup-steps";
        QTest::newRow("params missing a parameter")
            << QStringList{"predict", "--params", data("missing_param.json"), "--schedule",
                           "constant:peak=3e-4,steps=1000"}
            << 1 << "params.C";
        QTest::newRow("negative warmup") << QStringList{"fit",
                                                        "--law",
                                                        "mtl",
                                                        "--warmup-steps",
                                                        "-5",
                                                        "--train",
                                                        example("25M_cosine_24000")}
                                         << 2 << "--warmup-steps must be ≥ 0";
        QTest::newRow("one point cannot fit four parameters")
            << QStringList{"fit", "--law", "mtl", "--train", data("one_point.csv")} << 1
            << "cannot determine 4";
        QTest::newRow("parameter outside its bounds")
            << QStringList{"predict", "--params", data("out_of_bounds.json"), "--schedule",
                           "constant:peak=3e-4,steps=1000"}
            << 1 << "params.alpha";
        QTest::newRow("bench repeats absurd")
            << QStringList{"bench", "--repeats", "99999999999"} << 2 << "--repeats";
        QTest::newRow("bench unknown law")
            << QStringList{"bench", "--law", "foo"} << 2 << "unknown law 'foo'";
        QTest::newRow("zero LR names the file")
            << QStringList{"fit", "--law", "mtl", "--train", data("zero_lr.csv")} << 1 << "zero_lr.csv";
        QTest::newRow("eval without test")
            << QStringList{"eval", "--law", "mtl", "--train", example("25M_cosine_24000")} << 2 << "--test";
    }
    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        const auto r = cli(args);
        QCOMPARE(r.code, code);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void malformedScheduleIsNamed()
    {
        QTemporaryDir dir;
        const QString params = dir.filePath("p.json");
        QVERIFY(cli({"fit", "--law", "mtl", "--warmup-steps", "2160", "--train", example("25M_cosine_24000"),
                     "--out", params})
                    .code == 0);
        const auto r =
            cli({"predict", "--params", params, "--schedule", "wsd:peak=3e-4,steps=1000,decay=1.5"});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("decay"), r.err.constData());
    }

    // A step,lr,loss CSV with NaN or empty losses: the rows are gaps (one warning with the count and the
    // first line), as the general importer treats them; the fit goes on.
    void fitSkipsNanLossRows()
    {
        const auto r = cli({"fit", "--law", "mtl", "--train", data("some_nan_loss.csv")});
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(QString::fromUtf8(r.err).count("no loss (NaN or empty)"), 1);
        QVERIFY2(r.err.contains("some_nan_loss.csv:4: column 'loss': warning: 69 rows have no loss"),
                 r.err.constData());
        QVERIFY(QJsonDocument::fromJson(r.out).isObject());
    }

    // A W&B chart export without an LR series: one message for the file naming its runs and both ways out,
    // not the step,lr,loss reader's header complaint nor one line per run.
    void fitWithoutLrSaysSoOnce()
    {
        const QString file = QStringLiteral(LOSSCAST_TEST_DATA_DIR "/import/wandb_chart_bucketed.csv");
        const auto r = cli({"fit", "--law", "mtl", "--train", file});
        QCOMPARE(r.code, 1);
        const QString err = QString::fromUtf8(r.err);
        QCOMPARE(err.count("error:"), 1);
        QVERIFY2(err.contains("no learning rate logged in " + file +
                              " (runs: alpha-run, beta - run - eval): give the schedule with --schedule SPEC "
                              "(see `losscast-cli schedule --help`) or name the LR series with --lr NAME"),
                 r.err.constData());
        QVERIFY2(!err.contains("step,lr,loss"), r.err.constData());
        const auto imported = cli({"import", file});
        QCOMPARE(imported.code, 0);
        QVERIFY2(
            imported.out.contains("warning: no learning rate found (runs: alpha-run, beta - run - eval)"),
            imported.out.constData());
        // a schedule too short is reported with its last step
        const auto shortSchedule =
            cli({"fit", "--law", "mtl", "--train", file, "--schedule", "constant:peak=3e-4,steps=20"});
        QCOMPARE(shortSchedule.code, 1);
        QVERIFY2(shortSchedule.err.contains("the schedule covers steps 0..20 but the loss goes to step 30"),
                 shortSchedule.err.constData());
    }

    // Binary input is refused with its offset, and no raw byte reaches the terminal.
    void binaryFileRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("import") << QStringList{"import"};
        QTest::newRow("import-json") << QStringList{"import", "--json"};
        QTest::newRow("fit") << QStringList{"fit", "--law", "mtl", "--train"};
    }
    void binaryFileRefused()
    {
        QFETCH(QStringList, args);
        QTemporaryDir dir;
        const QString path = dir.filePath("binary.csv");
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            // ELF-like: control bytes, NUL at byte 8, a terminal escape, bytes that are not UTF-8
            static const char bytes[] = "\x7f"
                                        "ELF\x02\x01\x01\x03\0\0\0\x1b[2J\xff\xfe,step\n";
            f.write(bytes, sizeof bytes - 1);
        }
        const auto r = cli(args << path);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(path.toUtf8() + ": error: not a text file (binary data at byte 8)"),
                 r.err.constData());
        for (const QByteArray& out : {r.out, r.err})
            for (char c : out)
                QVERIFY2(c == '\n' || (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f),
                         out.toHex().constData());
    }

    // Text files may still hold terminal escapes or stray bytes in a cell or a column name: messages and the
    // run listing show them as \xNN.
    void controlBytesAreEscaped()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("esc.csv");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("step,lo\x1b]0;ss\x07,loss\n1,2,\x1b[2Jx\n2,3,3\n");
        f.close();
        const auto r = cli({"import", path});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("'\\x1b[2Jx' is not a number"), r.out.constData());
        QVERIFY2(r.out.contains("lo\\x1b]0;ss\\x07"), r.out.constData());
        for (const QByteArray& out : {r.out, r.err})
            for (char c : out)
                QVERIFY2(c == '\n' || (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f),
                         out.toHex().constData());
    }

    // A column that never holds a number is reported, not silently dropped.
    void allNanColumnWarns()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("nan.csv");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("step,lr,loss\n1,3e-4,nan\n2,3e-4,NaN\n3,3e-4,\n");
        f.close();
        const auto r = cli({"import", path});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains("column 'loss': all 3 values are missing"), r.out.constData());
    }

    // An empty file and a header without rows: the same message and exit status.
    void noDataRows_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("header-only") << QByteArray("step,lr,loss\n");
    }
    void noDataRows()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString path = dir.filePath("log.csv");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        for (const QStringList& args :
             {QStringList{"import", path}, QStringList{"fit", "--law", "mtl", "--train", path}}) {
            const auto r = cli(args);
            QCOMPARE(r.code, 1);
            QVERIFY2(r.err.contains("no data rows"), r.err.constData());
        }
    }

    // Help is the help of what was asked about.
    void helpIsSpecific()
    {
        const auto fitHelp = cli({"fit", "--help"});
        QCOMPARE(fitHelp.code, 0);
        QVERIFY(fitHelp.out.startsWith("usage: losscast-cli fit"));
        QVERIFY(!fitHelp.out.contains("FILE (a step,lr,loss CSV)"));
        QCOMPARE(cli({"help", "fit"}).out, fitHelp.out);
        for (const char* verb : {"fit", "predict", "eval"}) {
            const auto r = cli({"mix", verb, "--help"});
            QCOMPARE(r.code, 0);
            QVERIFY2(r.out.startsWith("usage: losscast-cli mix " + QByteArray(verb) + " "),
                     r.out.constData());
        }
        const auto frob = cli({"mix", "frob"});
        QCOMPARE(frob.code, 2);
        QVERIFY2(frob.err.contains("(see 'losscast-cli mix --help')"), frob.err.constData());
        auto firstLines = [](const QByteArray& text) { return text.left(text.indexOf("\n\n")); };
        QVERIFY(firstLines(cli({"bench", "--help"}).out).contains("--import-rows"));
        QVERIFY(firstLines(cli({"predict", "--help"}).out).contains("--law"));
        const auto autoLaw = cli({"fit", "--law", "auto", "--train", example("25M_cosine_24000")});
        QCOMPARE(autoLaw.code, 2);
        QVERIFY2(autoLaw.err.contains("--law auto is for eval"), autoLaw.err.constData());
    }

    // `import`: every error is printed once. Text mode: the report (runs, warnings) on stdout, each error
    // only on stderr. --json: the error is data in the JSON on stdout (once) and a message on stderr (once).
    void importErrorsOnce_data()
    {
        QTest::addColumn<QString>("name");    // file name in a temporary folder
        QTest::addColumn<QString>("content"); // empty = no file at all
        QTest::addColumn<QStringList>("options");
        QTest::newRow("missing-file") << "log.csv" << QString() << QStringList{};
        QTest::newRow("truncated-json") << "trainer_state.json"
                                        << R"({"log_history": [)" << QStringList{};
        QTest::newRow("csv-read-as-hf") << "log.csv"
                                        << "step,loss\n1,2\n"
                                        << QStringList{"--format", "hf"};
    }
    void importErrorsOnce()
    {
        QFETCH(QString, name);
        QFETCH(QString, content);
        QFETCH(QStringList, options);
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        if (!content.isEmpty()) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content.toUtf8());
        }
        const auto json = cli(QStringList{"import", "--json", path} + options);
        QCOMPARE(json.code, 1);
        const auto doc = QJsonDocument::fromJson(json.out);
        QVERIFY2(doc.isObject(), json.out.constData());
        QStringList errors;
        for (const auto& w : doc["files"].toArray().at(0).toObject()["warnings"].toArray())
            if (w.toObject()["severity"].toString() == "error")
                errors << w.toObject()["message"].toString();
        QVERIFY2(!errors.isEmpty(), json.out.constData());
        for (const QString& e : errors) {
            QCOMPARE(QString::fromUtf8(json.out).count(e), 1);
            QCOMPARE(QString::fromUtf8(json.err).count(e), 1);
        }
        const auto text = cli(QStringList{"import", path} + options);
        QCOMPARE(text.code, 1);
        QVERIFY2(text.out.contains(name.toUtf8()), text.out.constData()); // the report is still printed
        for (const QString& e : errors) {
            QVERIFY2(!QString::fromUtf8(text.out).contains(e), text.out.constData());
            QCOMPARE(QString::fromUtf8(text.err).count(e), 1);
            QVERIFY2(QString::fromUtf8(text.err).contains(name), text.err.constData()); // names the file
        }
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
