// losscast-cli fit and eval are thin calls on the document (issue #17): the parameters `fit` writes are a
// core::workspace::Workspace's fit of the same files, and the "test" metrics `eval` prints are the
// workspace's scores of its hold-out runs. Fixtures: the bundled MPL-protocol curves (resources/examples).
#include "core/fit/metrics.h"
#include "core/workspace/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

using namespace losscast::core;
using namespace losscast::core::workspace;

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

QString example(const char* name)
{
    return QStringLiteral(LOSSCAST_EXAMPLES_DIR "/mpl/") + name + ".csv";
}

const char* const kTrain[] = {"25M_constant_24000", "25M_cosine_24000", "25M_wsdcon_9"};
const char* const kTest[] = {"25M_cosine_72000", "25M_wsd_20000_24000", "25M_wsdcon_3"};

/// The workspace `losscast-cli eval --warmup-steps 2160` builds: kTrain as train runs, kTest held out.
Workspace protocolWorkspace(const std::string& law, bool withTest, bool calibrate)
{
    Workspace w;
    LoadOptions o;
    o.warmupSteps = 2160;
    o.everyRunACurve = true;
    for (const char* n : kTrain)
        w.open(example(n).toStdString(), o);
    if (withTest)
        for (const char* n : kTest) {
            const auto loaded = w.open(example(n).toStdString(), o);
            if (!loaded.runs.empty())
                w.setTrain(w.runs().back().id, false);
        }
    w.setLaw(law);
    w.fit(WorkspaceFitRequest{{}, {}, calibrate}, nullptr);
    return w;
}

/// `value` parsed from JSON equals `expected` (written as the shortest text that reads back exactly).
bool sameNumber(const QJsonValue& value, double expected)
{
    if (std::isnan(expected))
        return value.isNull() || (value.isString() && value.toString() == "nan") ||
               std::isnan(value.toDouble(0.0));
    return value.isDouble() && value.toDouble() == expected;
}

} // namespace

class TestCliThroughWorkspace : public QObject
{
    Q_OBJECT
private slots:
    void fitWritesTheWorkspaceFit_data()
    {
        QTest::addColumn<QString>("law");
        QTest::newRow("mtl") << "mtl";
        QTest::newRow("mpl") << "mpl";
    }
    void fitWritesTheWorkspaceFit()
    {
        QFETCH(QString, law);
        QStringList args{"fit", "--law", law, "--warmup-steps", "2160", "--train"};
        for (const char* n : kTrain)
            args << example(n);
        const auto r = cli(args);
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject json = QJsonDocument::fromJson(r.out).object();

        const Workspace w = protocolWorkspace(law.toStdString(), false, true);
        QVERIFY(w.currentFit());
        const WorkspaceFit& f = *w.currentFit();
        QCOMPARE(json["law"].toString().toStdString(), f.law->id());
        const QJsonObject params = json["params"].toObject();
        QCOMPARE(std::size_t(params.size()), f.fit.params.size());
        for (std::size_t i = 0; i < f.fit.params.size(); ++i)
            QVERIFY2(sameNumber(params[QString::fromStdString(f.fit.names[i])], f.fit.params[i]),
                     f.fit.names[i].c_str());
        const QJsonObject band = json["band"].toObject();
        QVERIFY(f.bandRelSigma > 0.0); // calibrated on the held-out folds of the three runs
        QVERIFY(sameNumber(band["rel_sigma"], f.bandRelSigma));
        QCOMPARE(band["method"].toString().toStdString(), f.bandMethod);
        QCOMPARE(std::size_t(json["warnings"].toArray().size()), f.warnings.size());
    }

    void evalTestMetricsAreWorkspaceScores_data()
    {
        QTest::addColumn<QString>("law");
        QTest::addColumn<bool>("band");
        QTest::newRow("mtl") << "mtl" << false;
        QTest::newRow("mpl-band") << "mpl" << true;
        QTest::newRow("auto") << "auto" << false;
    }
    void evalTestMetricsAreWorkspaceScores()
    {
        QFETCH(QString, law);
        QFETCH(bool, band);
        QStringList args{"eval", "--law", law, "--warmup-steps", "2160", "--train"};
        for (const char* n : kTrain)
            args << example(n);
        args << "--test";
        for (const char* n : kTest)
            args << example(n);
        if (band)
            args << "--band";
        const auto r = cli(args);
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonObject json = QJsonDocument::fromJson(r.out).object();

        const Workspace w = protocolWorkspace(law.toStdString(), true, band);
        QVERIFY(w.currentFit());
        QCOMPARE(json["law"].toString().toStdString(), w.currentFit()->law->id());
        std::vector<fit::Metrics> heldOut;
        for (const auto& s : w.scores())
            if (!s.train)
                heldOut.push_back(s.metrics);
        const QJsonArray test = json["test"].toArray();
        QCOMPARE(std::size_t(test.size()), std::size(kTest));
        QCOMPARE(heldOut.size(), std::size(kTest));
        for (std::size_t i = 0; i < heldOut.size(); ++i) {
            const QJsonObject t = test[int(i)].toObject();
            QCOMPARE(t["file"].toString(), example(kTest[i]));
            QCOMPARE(std::size_t(t["points"].toDouble()), heldOut[i].points);
            QVERIFY(sameNumber(t["r2"], heldOut[i].r2));
            QVERIFY(sameNumber(t["mae"], heldOut[i].mae));
            QVERIFY(sameNumber(t["rmse"], heldOut[i].rmse));
            QVERIFY(sameNumber(t["pred_e"], heldOut[i].predE));
            QVERIFY(sameNumber(t["worst_e"], heldOut[i].worstE));
            QVERIFY(heldOut[i].predE > 0.0 && heldOut[i].predE < 0.05);
            QCOMPARE(t.contains("coverage"), band);
        }
        const QJsonObject avg = json["test_avg"].toObject();
        QVERIFY(sameNumber(avg["pred_e"], w.meanScore(false).predE));
        QVERIFY(sameNumber(avg["rmse"], w.meanScore(false).rmse));
        if (law == "auto")
            QVERIFY(!json["criterion"].toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCliThroughWorkspace)
#include "tst_cli_workspace.moc"
