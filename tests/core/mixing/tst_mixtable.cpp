// Tests of the experiments-table import of core/mixing/table.h: roles, RegMix's two-file layout, and every
// error naming its file, line and column.
#include "core/mixing/table.h"

#include "core/util/textfile.h"

#include <QDirIterator>
#include <QtTest>

#include <cmath>

using namespace losscast::core;
using namespace losscast::core::mixing;

class TestMixTable : public QObject
{
    Q_OBJECT
private slots:
    void detectRoles_data();
    void detectRoles();
    void oneFile();
    void overrides();
    void normalisesWithWarning();
    void roundingNormalisedQuietly();
    void badProportion_data();
    void badProportion();
    void raggedRow();
    void pairJoinsOnIndex();
    void pairMissingIndex();
    void fixtureFiles();
    void detectsFileKinds_data();
    void detectsFileKinds();
    void detectsWideTableFromACutHead();
    void logsAreNotExperiments();
};

void TestMixTable::detectRoles_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("role");
    QTest::newRow("index") << "index" << int(ColumnRole::Index);
    QTest::newRow("run") << "Run" << int(ColumnRole::Index);
    QTest::newRow("regmix-train") << "train_the_pile_arxiv" << int(ColumnRole::Proportion);
    QTest::newRow("regmix-metric") << "metric/the_pile_arxiv_val_loss" << int(ColumnRole::Loss);
    QTest::newRow("ppl") << "val_ppl_c4" << int(ColumnRole::Loss);
    QTest::newRow("params") << "params" << int(ColumnRole::ModelSize);
    QTest::newRow("steps") << "steps" << int(ColumnRole::Steps);
    QTest::newRow("tokens") << "tokens" << int(ColumnRole::Tokens);
    QTest::newRow("unknown") << "notes" << int(ColumnRole::Ignore);
}

void TestMixTable::detectRoles()
{
    QFETCH(QString, name);
    QFETCH(int, role);
    QCOMPARE(int(detectRole(name.toStdString())), role);
}

void TestMixTable::oneFile()
{
    const auto e = parseExperiments("run,train_a,train_b,params,steps,a_loss,b_loss,notes\n"
                                    "r1,0.25,0.75,1e6,1000,3.0,2.5,x\n"
                                    "# comment\n"
                                    "r2,1,0,2e6,2000,2.9,2.8,y\n",
                                    "one.csv");
    QVERIFY2(e.ok(), e.errorText().c_str());
    QCOMPARE(e->domains, (std::vector<std::string>{"train_a", "train_b"}));
    QCOMPARE(e->targets, (std::vector<std::string>{"a_loss", "b_loss"}));
    QCOMPARE(e->rows(), std::size_t(2));
    QCOMPARE(e->ids[1], std::string("r2"));
    QCOMPARE(e->lines[1], std::int64_t(4));
    QCOMPARE(e->modelSize, (std::vector<double>{1e6, 2e6}));
    QCOMPARE(e->steps, (std::vector<double>{1000, 2000}));
    QVERIFY(e->tokens.empty());
    QCOMPARE(e->losses[0][1], 2.5);
    // The unrecognised column is reported, not silently dropped.
    bool warned = false;
    for (const auto& d : e.diagnostics)
        warned = warned || d.message.find("'notes' ignored") != std::string::npos;
    QVERIFY(warned);
}

void TestMixTable::overrides()
{
    const std::string text = "web,code,score\n0.5,0.5,3.2\n0.2,0.8,3.0\n";
    QVERIFY(!parseExperiments(text, "o.csv").ok()); // no proportion columns by name
    RoleOverrides roles{
        {"web", ColumnRole::Proportion}, {"code", ColumnRole::Proportion}, {"score", ColumnRole::Loss}};
    const auto e = parseExperiments(text, "o.csv", roles);
    QVERIFY2(e.ok(), e.errorText().c_str());
    QCOMPARE(e->domains.size(), std::size_t(2));
    QCOMPARE(e->targets, (std::vector<std::string>{"score"}));
    roles["nonexistent"] = ColumnRole::Loss;
    const auto bad = parseExperiments(text, "o.csv", roles);
    QVERIFY(!bad.ok());
    QVERIFY(bad.errorText().find("nonexistent") != std::string::npos);
}

// Sums like 0.999 / 1.001 are rounding in the written file (RegMix): normalised, no warning.
void TestMixTable::roundingNormalisedQuietly()
{
    const auto e =
        parseExperiments("train_a,train_b,loss\n0.3,0.699,3.0\n0.501,0.5,3.1\n0.2,0.7,3.2\n", "round.csv");
    QVERIFY2(e.ok(), e.errorText().c_str());
    QVERIFY(std::abs(e->mixtures[0][0] + e->mixtures[0][1] - 1.0) < 1e-12);
    QVERIFY(std::abs(e->mixtures[1][0] - 0.501 / 1.001) < 1e-12);
    // only the 0.9 row (line 4) is reported
    QCOMPARE(e.diagnostics.size(), std::size_t(1));
    QCOMPARE(e.diagnostics[0].line, std::int64_t(4));
}

void TestMixTable::normalisesWithWarning()
{
    const auto e = parseExperiments("train_a,train_b,loss\n30,70,3.0\n0.5,0.5,3.1\n", "pct.csv");
    QVERIFY(e.ok());
    QCOMPARE(e->mixtures[0][0], 0.3);
    QCOMPARE(e->mixtures[0][1], 0.7);
    QCOMPARE(e.diagnostics.size(), std::size_t(1));
    QCOMPARE(e.diagnostics[0].line, std::int64_t(2));
    QVERIFY(e.diagnostics[0].severity == Diagnostic::Severity::Warning);
    QVERIFY(e.diagnostics[0].message.find("normalised") != std::string::npos);
}

void TestMixTable::badProportion_data()
{
    QTest::addColumn<QString>("row");
    QTest::addColumn<QString>("expected");
    QTest::newRow("negative") << "-0.1,1.1,3"
                              << "bad.csv:3: train_a: error: negative proportion -0.1";
    QTest::newRow("missing") << ",1,3"
                             << "bad.csv:3: train_a: error: missing value in column 'train_a'";
    QTest::newRow("text") << "abc,1,3"
                          << "bad.csv:3: train_a: error: column 'train_a': expected a number, got 'abc'";
    QTest::newRow("all-zero") << "0,0,3"
                              << "bad.csv:3: error: all proportions are zero";
    QTest::newRow("loss-zero") << "0.5,0.5,0"
                               << "bad.csv:3: loss: error: loss must be > 0";
}

void TestMixTable::badProportion()
{
    QFETCH(QString, row);
    QFETCH(QString, expected);
    const auto e =
        parseExperiments("train_a,train_b,loss\n0.5,0.5,3\n" + row.toStdString() + "\n", "bad.csv");
    QVERIFY(!e.ok());
    QVERIFY2(e.errorText().find(expected.toStdString()) == 0, e.errorText().c_str());
}

void TestMixTable::raggedRow()
{
    const auto e = parseExperiments("train_a,train_b,loss\n0.5,0.5\n", "r.csv");
    QVERIFY(!e.ok());
    QVERIFY2(e.errorText().find("r.csv:2: error: expected 3 fields") == 0, e.errorText().c_str());
}

void TestMixTable::pairJoinsOnIndex()
{
    // Rows in different orders: joined on the index, the mixture file's order kept.
    const auto e = parseExperimentPair(
        "index,web,code\n1,0.2,0.8\n2,0.6,0.4\n", "m.csv",
        "index,metric/web_val_loss,metric/code_val_loss\n2,3.0,2.0\n1,3.5,1.8\n", "l.csv");
    QVERIFY2(e.ok(), e.errorText().c_str());
    QCOMPARE(e->domains, (std::vector<std::string>{"web", "code"}));
    QCOMPARE(e->targets.size(), std::size_t(2));
    QCOMPARE(e->ids, (std::vector<std::string>{"1", "2"}));
    QCOMPARE(e->losses[0][0], 3.5);
    QCOMPARE(e->losses[1][1], 2.0);
}

void TestMixTable::pairMissingIndex()
{
    const auto a =
        parseExperimentPair("index,web,code\n1,0.2,0.8\n7,0.6,0.4\n", "m.csv", "index,l\n1,3\n", "l.csv");
    QVERIFY(!a.ok());
    QVERIFY2(a.errorText().find("m.csv:3: index: error: index '7' has no row in l.csv") == 0,
             a.errorText().c_str());
    const auto b =
        parseExperimentPair("index,web,code\n1,0.2,0.8\n", "m.csv", "index,l\n1,3\n9,3\n", "l.csv");
    QVERIFY(!b.ok());
    QVERIFY2(b.errorText().find("l.csv:3: index: error: index '9' has no row in m.csv") == 0,
             b.errorText().c_str());
}

void TestMixTable::fixtureFiles()
{
    // The tracked fixtures in tests/data/mixing (LOSSCAST_TEST_DATA_DIR).
    const std::string dir = std::string(LOSSCAST_TEST_DATA_DIR) + "/mixing/";
    const auto one = readExperiments(dir + "tiny_experiments.csv");
    QVERIFY2(one.ok(), one.errorText().c_str());
    QCOMPARE(one->rows(), std::size_t(30));
    const auto pair = readExperimentPair(dir + "tiny_mix.csv", dir + "tiny_loss.csv");
    QVERIFY2(pair.ok(), pair.errorText().c_str());
    QCOMPARE(pair->rows(), std::size_t(10));
    QCOMPARE(pair->domains, one->domains);
    QCOMPARE(pair->targets, one->targets);
    for (const auto& r : pair->mixtures) {
        double s = 0;
        for (double v : r)
            s += v;
        QVERIFY(std::abs(s - 1.0) < 1e-12);
    }
    const auto missing = readExperiments(dir + "no_such_file.csv");
    QVERIFY(!missing.ok());
    QVERIFY(missing.errorText().find("no_such_file.csv") != std::string::npos);
}

void TestMixTable::detectsFileKinds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::newRow("table") << "run,train_a,train_b,a_loss\n0,0.25,0.75,3.1\n1,0.5,0.5,2.9\n"
                           << int(ExperimentsFileKind::Table);
    QTest::newRow("rounded-regmix-sum") << "index,train_a,train_b,train_c\n1,0.333,0.333,0.333\n"
                                        << int(ExperimentsFileKind::Mixtures);
    QTest::newRow("losses") << "index,metric/a_val_loss,metric/b_val_loss\n1,4.5,5.1\n"
                            << int(ExperimentsFileKind::Losses);
    // Training logs: a train_loss column is "train_" but its rows are no mixture.
    QTest::newRow("log-train-loss") << "step,train_loss,train_lr\n1,4.2,0.0003\n"
                                    << int(ExperimentsFileKind::None);
    QTest::newRow("one-proportion") << "index,train_a,a_loss\n1,1.0,3\n" << int(ExperimentsFileKind::None);
    QTest::newRow("sum-not-one") << "run,train_a,train_b,a_loss\n0,0.25,0.25,3.1\n"
                                 << int(ExperimentsFileKind::None);
    QTest::newRow("proportion-above-one") << "run,train_a,train_b,a_loss\n0,1.5,-0.5,3.1\n"
                                          << int(ExperimentsFileKind::None);
    QTest::newRow("losses-with-step") << "index,step,val_loss\n1,10,4.5\n" << int(ExperimentsFileKind::None);
    QTest::newRow("losses-without-index") << "step,loss\n1,4.5\n" << int(ExperimentsFileKind::None);
    QTest::newRow("header-only") << "run,train_a,train_b,a_loss\n" << int(ExperimentsFileKind::None);
    QTest::newRow("empty") << "" << int(ExperimentsFileKind::None);
}

void TestMixTable::detectsFileKinds()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    const std::string s = text.toStdString();
    QCOMPARE(int(detectExperimentsFile(s)), kind);
    // A cut in the middle of a data line (what a 64 KiB prefix of a big file looks like) does not change it.
    if (s.size() > 4)
        QCOMPARE(int(detectExperimentsFile(std::string_view(s).substr(0, s.size() - 2))), kind);
}

void TestMixTable::detectsWideTableFromACutHead()
{
    // 200 domains: each line is > 1.6 KB, so a 64 KiB head holds fewer than 40 lines and ends inside a row.
    std::string text = "run";
    for (int d = 0; d < 200; ++d)
        text += ",train_d" + std::to_string(d);
    text += ",d0_loss\n";
    for (int r = 0; r < 30; ++r) {
        text += std::to_string(r);
        for (int d = 0; d < 200; ++d)
            text += ",0.005";
        text += ",3.5\n";
    }
    const std::string_view head = std::string_view(text).substr(0, text.size() - 700);
    QVERIFY(head.back() != '\n');
    QCOMPARE(int(detectExperimentsFile(head)), int(ExperimentsFileKind::Table));
}

// Every bundled training log and every import fixture stays a run; the mixing fixtures are recognised.
void TestMixTable::logsAreNotExperiments()
{
    int logs = 0;
    for (const QString& dir :
         {QStringLiteral(LOSSCAST_EXAMPLES_DIR "/mpl"), QStringLiteral(LOSSCAST_TEST_DATA_DIR "/import"),
          QStringLiteral(LOSSCAST_TEST_DATA_DIR "/gui"), QStringLiteral(LOSSCAST_TEST_DATA_DIR "/cli"),
          QStringLiteral(LOSSCAST_TEST_DATA_DIR "/cpt")}) {
        QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const auto text = readTextFile(path.toStdString());
            QVERIFY2(text.ok(), qPrintable(path));
            QVERIFY2(detectExperimentsFile(*text) == ExperimentsFileKind::None, qPrintable(path));
            ++logs;
        }
    }
    QVERIFY(logs > 20);
    const QString mixing = QStringLiteral(LOSSCAST_TEST_DATA_DIR "/mixing/");
    auto kindOf = [&](const char* name) {
        const auto text = readTextFile((mixing + name).toStdString());
        return int(text.ok() ? detectExperimentsFile(*text) : ExperimentsFileKind::None);
    };
    QCOMPARE(kindOf("tiny_experiments.csv"), int(ExperimentsFileKind::Table));
    QCOMPARE(kindOf("nested_small.csv"), int(ExperimentsFileKind::Table));
    QCOMPARE(kindOf("tiny_mix.csv"), int(ExperimentsFileKind::Mixtures));
    QCOMPARE(kindOf("tiny_loss.csv"), int(ExperimentsFileKind::Losses));
    QCOMPARE(kindOf("vectors_small.csv"), int(ExperimentsFileKind::None));
}

QTEST_GUILESS_MAIN(TestMixTable)
#include "tst_mixtable.moc"
