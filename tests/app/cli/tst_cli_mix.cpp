// Tests of `losscast-cli mix ...`: runs the built CLI on the fixtures in tests/data/mixing.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

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
    if (!p.waitForFinished(120000))
        return r;
    r.code = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString data(const char* name)
{
    return QStringLiteral(LOSSCAST_TEST_DATA_DIR "/mixing/") + name;
}

QJsonObject json(const QByteArray& text)
{
    QJsonParseError e;
    const auto doc = QJsonDocument::fromJson(text, &e);
    return doc.object();
}

} // namespace

class TestCliMix : public QObject
{
    Q_OBJECT
private slots:
    void evalPrintsTargets();
    void fitThenPredictAndOptimize();
    void modelChoice_data();
    void modelChoice();
    void implicitFitPredictOptimize();
    void modelMissingFromFit();
    void usageErrors_data();
    void usageErrors();
    void badFileNamesLine();
    void controlBytesEscaped();
    void autoscaleExtrapolates();
    void autoscaleDdo();
    void autoscaleDdoPinsDomains();
    void alignRecoversMixture();
    void heuristic();
    void nestedFit();
};

void TestCliMix::evalPrintsTargets()
{
    const auto r = cli({"mix", "eval", "--train", data("tiny_experiments.csv"), "--test",
                        data("tiny_mix.csv"), data("tiny_loss.csv")});
    QCOMPARE(r.code, 0);
    const auto o = json(r.out);
    const auto targets = o["targets"].toArray();
    QCOMPARE(targets.size(), 2);
    QCOMPARE(targets[0].toObject()["name"].toString(), QString("web_loss"));
    for (const auto& t : targets) {
        // The fixture is exact up to 4-decimal rounding of the proportions.
        QVERIFY(t.toObject()["mae"].toDouble() < 1e-3);
        QVERIFY(t.toObject()["spearman"].toDouble() > 0.99);
    }
    QVERIFY(o["fit"].toObject().contains("seconds"));
}

void TestCliMix::fitThenPredictAndOptimize()
{
    QTemporaryDir dir;
    const QString fitPath = dir.filePath("fit.json");
    // The law's own file form and parameters (the default, --model auto, may choose the implicit model).
    auto r = cli({"mix", "fit", data("tiny_experiments.csv"), "--model", "law", "--out", fitPath});
    QCOMPARE(r.code, 0);
    QFile f(fitPath);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto fit = json(f.readAll());
    const auto t0 = fit["targets"].toArray()[0].toObject();
    QVERIFY(std::abs(t0["c"].toDouble() - 2.0) < 0.01); // the fixture's c_1
    QVERIFY(t0["stderr"].toObject()["c"].toDouble() > 0.0);

    r = cli({"mix", "predict", "--fit", fitPath, "--mixture", "web=0.5,code=0.2,books=0.3"});
    QCOMPARE(r.code, 0);
    const auto p = json(r.out)["predictions"].toArray()[0].toObject();
    // Truth from the fixture's law: 2.0 + 1.2·exp(−0.5 + 0.08 + 0.18) and 1.5 + 0.9·exp(0.35 − 0.3 + 0.24).
    const double web = 2.0 + 1.2 * std::exp(-0.24), code = 1.5 + 0.9 * std::exp(0.29);
    QVERIFY(std::abs(p["loss"].toObject()["web_loss"].toDouble() - web) < 1e-3);
    QVERIFY(std::abs(p["overall"].toDouble() - 0.5 * (web + code)) < 1e-3);
    const auto band = p["overall_band"].toArray();
    QVERIFY(band[0].toDouble() <= p["overall"].toDouble() && band[1].toDouble() >= p["overall"].toDouble());

    r = cli({"mix", "optimize", "--fit", fitPath, "--available", "web=2e9", "--total", "1e10"});
    QCOMPARE(r.code, 0);
    const auto opt = json(r.out);
    const double w = opt["mixture"].toObject()["train_web"].toDouble();
    QVERIFY(w <= 0.2 + 1e-12);
    QCOMPARE(opt["caps"].toObject()["train_web"].toDouble(), 0.2);
}

void TestCliMix::modelChoice_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("chosen");
    QTest::newRow("law") << "law"
                         << "law";
    QTest::newRow("implicit") << "implicit"
                              << "implicit";
    // The fixture is exactly the law's family: cross-validation on the training rows picks the law.
    QTest::newRow("auto") << "auto"
                          << "law";
    QTest::newRow("default") << ""
                             << "law";
}

// `mix eval --model M`: the same JSON for every model (targets with spearman and mae, fit.seconds), plus the
// model used; auto adds the cross-validation that chose it and both models' held-out scores.
void TestCliMix::modelChoice()
{
    QFETCH(QString, model);
    QFETCH(QString, chosen);
    QStringList args{"mix",
                     "eval",
                     "--train",
                     data("tiny_experiments.csv"),
                     "--test",
                     data("tiny_mix.csv"),
                     data("tiny_loss.csv")};
    if (!model.isEmpty())
        args << "--model" << model;
    const auto r = cli(args);
    QCOMPARE(r.code, 0);
    const auto o = json(r.out);
    QCOMPARE(o["model"].toString(), chosen);
    const auto targets = o["targets"].toArray();
    QCOMPARE(targets.size(), 2);
    for (const auto& t : targets) {
        QVERIFY(t.toObject()["spearman"].toDouble() > 0.95);
        QVERIFY(t.toObject()["mae"].toDouble() < 0.05);
    }
    QVERIFY(o["fit"].toObject()["seconds"].toDouble() > 0.0);
    const bool both = model.isEmpty() || model == "auto";
    QCOMPARE(o.contains("selection"), both);
    QCOMPARE(o.contains("models"), both);
    if (both) {
        const auto sel = o["selection"].toObject();
        QCOMPARE(sel["chosen"].toString(), chosen);
        QVERIFY(sel["law"].toObject()["spearman"].toDouble() >=
                sel["implicit"].toObject()["spearman"].toDouble());
        QVERIFY(o["models"].toObject()["implicit"].toObject()["targets"].toArray().size() == 2);
    }
}

// The implicit model's file: predict (with a band) and optimise under caps (RegMix's sampled search).
void TestCliMix::implicitFitPredictOptimize()
{
    QTemporaryDir dir;
    const QString fitPath = dir.filePath("gp.json");
    auto r = cli({"mix", "fit", data("tiny_experiments.csv"), "--model", "implicit", "--out", fitPath});
    QCOMPARE(r.code, 0);
    QFile f(fitPath);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto fit = json(f.readAll());
    QCOMPARE(fit["law"].toString(), QString("mixture_gp_implicit"));
    QCOMPARE(fit["targets"].toArray().size(), 2);
    QVERIFY(fit["targets"].toArray()[0].toObject()["lengthscales"].toObject().contains("train_web"));

    r = cli({"mix", "predict", "--fit", fitPath, "--mixture", "web=0.5,code=0.2,books=0.3"});
    QCOMPARE(r.code, 0);
    const auto p = json(r.out)["predictions"].toArray()[0].toObject();
    QCOMPARE(p["model"].toString(), QString("implicit"));
    const double web = 2.0 + 1.2 * std::exp(-0.24), code = 1.5 + 0.9 * std::exp(0.29);
    QVERIFY2(std::abs(p["loss"].toObject()["web_loss"].toDouble() - web) < 0.05, r.out.constData());
    QVERIFY(std::abs(p["overall"].toDouble() - 0.5 * (web + code)) < 0.05);
    QVERIFY(p["overall_stderr"].toDouble() > 0.0);

    r = cli({"mix", "optimize", "--fit", fitPath, "--model", "implicit", "--cap", "web=0.3", "--samples",
             "5000"});
    QCOMPARE(r.code, 0);
    const auto opt = json(r.out);
    QCOMPARE(opt["model"].toString(), QString("implicit"));
    QVERIFY(opt["mixture"].toObject()["train_web"].toDouble() <= 0.3 + 1e-9);
    const auto band = opt["overall_band"].toArray();
    QVERIFY(band[0].toDouble() < opt["overall"].toDouble() && band[1].toDouble() > opt["overall"].toDouble());
    QCOMPARE(opt["solver"].toObject()["samples"].toInt(), 5000);
}

// A fit made with one model does not silently answer for the other.
void TestCliMix::modelMissingFromFit()
{
    QTemporaryDir dir;
    const QString fitPath = dir.filePath("law.json");
    QCOMPARE(cli({"mix", "fit", data("tiny_experiments.csv"), "--model", "law", "--out", fitPath}).code, 0);
    const auto r = cli({"mix", "predict", "--fit", fitPath, "--model", "implicit", "--mixture", "web=1"});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("no implicit model"), r.err.constData());
}

void TestCliMix::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no-verb") << QStringList{"mix"} << "a verb is required";
    QTest::newRow("unknown-verb") << QStringList{"mix", "blend"} << "unknown verb 'blend'";
    QTest::newRow("eval-no-test") << QStringList{"mix", "eval", "--train", "a.csv"} << "--train and --test";
    QTest::newRow("bad-role") << QStringList{"mix", "fit", "a.csv", "--role", "x=colour"} << "--role";
    QTest::newRow("predict-no-mixture") << QStringList{"mix", "predict", "--fit", "f.json"} << "--mixture";
    QTest::newRow("bad-model") << QStringList{"mix",     "eval",
                                              "--train", data("tiny_experiments.csv"),
                                              "--test",  data("tiny_experiments.csv"),
                                              "--model", "trees"}
                               << "--model: expected implicit, law or auto";
    QTest::newRow("bad-folds") << QStringList{"mix", "fit", data("tiny_experiments.csv"), "--folds", "1"}
                               << "--folds";
    QTest::newRow("bad-top-k") << QStringList{"mix", "optimize", "--fit", "f.json", "--top-k", "0"}
                               << "--top-k";
}

void TestCliMix::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const auto r = cli(args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
}

void TestCliMix::badFileNamesLine()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("bad.csv");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("train_a,train_b,loss\n0.5,0.5,3\n0.5,-0.5,3\n");
    f.close();
    const auto r = cli({"mix", "fit", path});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("bad.csv:3: train_b: error: negative proportion"), r.err.constData());
}

// A terminal escape in a cell is echoed as \x1b, not sent to the terminal.
void TestCliMix::controlBytesEscaped()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("esc.csv");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("train_a,train_b,loss\n0.5,0.5,3\n0.5,\x1b[2J,3\n");
    f.close();
    const auto r = cli({"mix", "fit", path});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("\\x1b[2J"), r.err.constData());
    QVERIFY2(!r.err.contains('\x1b'), r.err.toHex().constData());
}

void TestCliMix::autoscaleExtrapolates()
{
    const auto r =
        cli({"mix", "autoscale", "--optima", data("optima_small.csv"), "--totals", "16.5,2", "--steps", "1"});
    QCOMPARE(r.code, 0);
    const auto optima = json(r.out)["optima"].toArray();
    QCOMPARE(optima.size(), 2 + 1);
    // N3 = N2 * N2 / N1 = (8, 2.25, 6.25) reached both by its total and by step 1.
    for (int i : {0, 2}) {
        const auto t = optima[i].toObject()["tokens"].toObject();
        QVERIFY(std::abs(t["web"].toDouble() - 8.0) < 1e-9);
        QVERIFY(std::abs(t["code"].toDouble() - 2.25) < 1e-9);
        QVERIFY(std::abs(t["books"].toDouble() - 6.25) < 1e-9);
        QVERIFY(std::abs(optima[i].toObject()["step"].toDouble() - 1.0) < 1e-9);
    }
    QVERIFY(std::abs(optima[1].toObject()["total"].toDouble() - 2.0) < 1e-9);
    const auto bad = cli({"mix", "autoscale", "--optima", data("optima_small.csv")});
    QCOMPARE(bad.code, 2);
}

void TestCliMix::autoscaleDdo()
{
    const auto r =
        cli({"mix", "autoscale", "--perturbation", data("perturbation_small.csv"), "--total", "3"});
    QCOMPARE(r.code, 0);
    const auto o = json(r.out);
    const auto fits = o["fits"].toArray();
    QCOMPARE(fits.size(), 3);
    // The fixture's generating parameters are recovered.
    QVERIFY(std::abs(fits[0].toObject()["a"].toDouble() - 2.0) < 1e-6);
    QVERIFY(std::abs(fits[2].toObject()["b"].toDouble() - 2.0) < 1e-6);
    const auto tokens = o["ddo"].toObject()["tokens"].toObject();
    double sum = 0;
    for (const auto& k : tokens.keys())
        sum += tokens[k].toDouble();
    QVERIFY(std::abs(sum - 3.0) < 1e-9);
}

// --pin fixes a domain's data multiplier in DDO; the free domains share the rest of Σ x = D.
void TestCliMix::autoscaleDdoPinsDomains()
{
    const auto free =
        cli({"mix", "autoscale", "--perturbation", data("perturbation_small.csv"), "--total", "3"});
    QCOMPARE(free.code, 0);
    const double freeWeb = json(free.out)["ddo"].toObject()["multipliers"].toObject()["web"].toDouble();
    QVERIFY(std::abs(freeWeb - 0.5) > 0.05); // the pin below moves it
    const auto r = cli({"mix", "autoscale", "--perturbation", data("perturbation_small.csv"), "--total", "3",
                        "--pin", "web=0.5"});
    QCOMPARE(r.code, 0);
    const auto ddo = json(r.out)["ddo"].toObject();
    const auto x = ddo["multipliers"].toObject();
    QVERIFY(std::abs(x["web"].toDouble() - 0.5) < 1e-12);
    QVERIFY(std::abs(x["web"].toDouble() + x["code"].toDouble() + x["books"].toDouble() - 3.0) < 1e-9);
    QCOMPARE(ddo["pinned"].toObject()["web"].toDouble(), 0.5);
    // The pinned optimum is no better than the free one (it is the same problem with a constraint added).
    QVERIFY(ddo["predicted_sum"].toDouble() >=
            json(free.out)["ddo"].toObject()["predicted_sum"].toDouble() - 1e-12);
    const auto unknown =
        cli({"mix", "autoscale", "--perturbation", data("perturbation_small.csv"), "--pin", "wiki=0.5"});
    QCOMPARE(unknown.code, 2);
    QVERIFY2(unknown.err.contains("wiki"), unknown.err.constData());
    const auto all = cli({"mix", "autoscale", "--perturbation", data("perturbation_small.csv"), "--pin",
                          "web=1,code=1,books=1"});
    QCOMPARE(all.code, 2);
    QVERIFY2(all.err.contains("--pin"), all.err.constData());
}

void TestCliMix::alignRecoversMixture()
{
    const auto r = cli({"mix", "align", "--vectors", data("vectors_small.csv"), "--target",
                        data("target_small.csv"), "--huber-delta", "0.01", "--compare-samples", "20000"});
    QCOMPARE(r.code, 0);
    const auto o = json(r.out);
    const auto m = o["mixture"].toObject();
    QVERIFY(std::abs(m["web"].toDouble() - 0.5) < 1e-6);
    QVERIFY(std::abs(m["github"].toDouble() - 0.3) < 1e-6);
    QVERIFY(o["distance"].toDouble() <= o["search"].toObject()["distance"].toDouble());
    const auto capped = cli({"mix", "align", "--vectors", data("vectors_small.csv"), "--target",
                             data("target_small.csv"), "--cap", "web=0.4"});
    QCOMPARE(capped.code, 0);
    QVERIFY(json(capped.out)["mixture"].toObject()["web"].toDouble() <= 0.4 + 1e-12);
    const auto unknown = cli({"mix", "align", "--vectors", data("vectors_small.csv"), "--target",
                              data("target_small.csv"), "--cap", "nope=0.4"});
    QCOMPARE(unknown.code, 2);
    QVERIFY(unknown.err.contains("unknown domain 'nope'"));
}

void TestCliMix::heuristic()
{
    const auto r = cli({"mix", "heuristic", "--best-tokens", "a=8e9,b=40e9"});
    QCOMPARE(r.code, 0);
    const auto m = json(r.out)["mixture"].toObject();
    QVERIFY(std::abs(m["a"].toDouble() - 1.0 / 6.0) < 1e-12);
}

void TestCliMix::nestedFit()
{
    // The fixture follows L_i = c_i + k_i·exp(t_i·r) + 20/N^0.3 + 5/S^0.5: extrapolated to N = 1e9, S = 1e5
    // the first mixture's a_loss is 1.5 + 1.2·exp(t_0·r) + 20/1e9^0.3 + 5/1e5^0.5.
    const auto r =
        cli({"mix", "fit", data("nested_small.csv"), "--target-steps", "1e5", "--target-size", "1e9"});
    QCOMPARE(r.code, 0);
    const auto o = json(r.out);
    const auto first = o["nested"].toObject()["extrapolated"].toArray()[0].toObject();
    const auto m = first["mixture"].toObject();
    const double z =
        -1.0 * m["train_a"].toDouble() + 0.4 * m["train_b"].toDouble() + 0.6 * m["train_c"].toDouble();
    const double want = 1.5 + 1.2 * std::exp(z) + 20.0 / std::pow(1e9, 0.3) + 5.0 / std::sqrt(1e5);
    QVERIFY2(std::abs(first["loss"].toObject()["a_loss"].toDouble() - want) < 1e-4,
             qPrintable(QString::number(first["loss"].toObject()["a_loss"].toDouble())));
    QVERIFY(std::abs(o["targets"].toArray()[0].toObject()["t"].toObject()["train_a"].toDouble() + 1.0) <
            1e-3);
    const auto bad = cli({"mix", "fit", data("tiny_experiments.csv"), "--target-steps", "1e5"});
    QCOMPARE(bad.code, 1);
    QVERIFY(bad.err.contains("steps (or tokens) column"));
}

QTEST_GUILESS_MAIN(TestCliMix)
#include "tst_cli_mix.moc"
