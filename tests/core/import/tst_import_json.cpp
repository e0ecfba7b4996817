// JSON-based formats: HF trainer_state.json, TensorBoard JSON, W&B history jsonl and run folders.
#include "core/import/importer.h"
#include "importtestsupport.h"

#include <QFileInfo>
#include <QtTest>

#include <string>

using namespace losscast::core;
using namespace losscast::core::import;

using losscast::testsupport::allDiagnostics;
using losscast::testsupport::importFixture;
using losscast::testsupport::sharedFormat;

namespace {

const Diagnostic* findDiag(const ImportResult& r, const std::string& needle)
{
    for (const auto& d : r.diagnostics)
        if (d.message.find(needle) != std::string::npos)
            return &d;
    return nullptr;
}

} // namespace

class TestImportJson : public QObject
{
    Q_OBJECT

private slots:
    void sharedFiles_data();
    void sharedFiles();
    void hfTrainerState();
    void hfSyntaxErrorNamesLineAndColumn();
    void tensorBoardJson();
    void wandbLegacyFolder();
    void wandbModernFolderReadsOutputLog();
    void wandbSharedModernFolder();
    void unknownJson();
};

void TestImportJson::sharedFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("run");
    QTest::addColumn<QString>("series");
    QTest::addColumn<int>("points");
    QTest::addColumn<double>("first");
    QTest::addColumn<double>("last");
    const QString hf = sharedFormat("hf_trainer_state/Dheena731_tinyLlama_trainer_state.json");
    QTest::newRow("hf-loss") << hf << "hf-trainer-state"
                             << "Dheena731_tinyLlama_trainer_state"
                             << "loss" << 186 << 15.0 << 2790.0;
    QTest::newRow("hf-lr") << hf << "hf-trainer-state"
                           << "Dheena731_tinyLlama_trainer_state"
                           << "learning_rate" << 186 << 15.0 << 2790.0;
    QTest::newRow("hf-eval") << hf << "hf-trainer-state"
                             << "Dheena731_tinyLlama_trainer_state"
                             << "eval_loss" << 14 << 200.0 << 2800.0;
    const QString legacy = sharedFormat("wandb_offline_run_dir/mfts_spaceinvaders_legacy");
    QTest::newRow("wandb-legacy-reward") << legacy << "wandb-run-folder"
                                         << "apricot-fire-21"
                                         << "episodic_reward" << 98 << 0.0 << 196.0;
    QTest::newRow("wandb-legacy-avg") << legacy << "wandb-run-folder"
                                      << "apricot-fire-21"
                                      << "cumulative_avg_reward" << 98 << 1.0 << 197.0;
    QTest::newRow("wandb-legacy-runtime") << legacy << "wandb-run-folder"
                                          << "apricot-fire-21"
                                          << "_runtime" << 198 << 0.0 << 197.0;
    QTest::newRow("wandb-jsonl") << sharedFormat(
                                        "wandb_offline_run_dir/mfts_spaceinvaders_legacy/wandb-history.jsonl")
                                 << "wandb-history-jsonl"
                                 << "mfts_spaceinvaders_legacy"
                                 << "episodic_reward" << 98 << 0.0 << 196.0;
    QTest::newRow("wandb-modern-output-log")
        << sharedFormat("wandb_offline_run_dir/druidowm_nanoGPT_modern") << "wandb-run-folder"
        << "druidowm_nanoGPT_modern"
        << "train_loss" << 2156 << 0.0 << 2155.0;
}

void TestImportJson::sharedFiles()
{
    QFETCH(QString, file);
    if (!QFileInfo::exists(file))
        QSKIP("../shared/data/formats is not present");
    QFETCH(QString, format);
    QFETCH(QString, run);
    QFETCH(QString, series);
    QFETCH(int, points);
    QFETCH(double, first);
    QFETCH(double, last);
    const ImportResult r = importFile(file.toStdString());
    QVERIFY2(r.ok(), allDiagnostics(r).c_str());
    QCOMPARE(QString::fromStdString(r.format), format);
    QCOMPARE(r.runs.size(), std::size_t(1));
    const Run* ru = r.findRun(run.toStdString());
    QVERIFY2(ru, r.runs[0].name.c_str());
    const Series* s = ru->find(series.toStdString());
    QVERIFY(s);
    QCOMPARE(int(s->size()), points);
    QCOMPARE(s->steps.front(), first);
    QCOMPARE(s->steps.back(), last);
}

void TestImportJson::hfTrainerState()
{
    const ImportResult r = importFile(importFixture("hf/checkpoint-40/trainer_state.json").toStdString());
    QVERIFY2(r.ok(), allDiagnostics(r).c_str());
    QCOMPARE(r.format, std::string("hf-trainer-state"));
    const Run& run = r.runs.at(0);
    QCOMPARE(run.name, std::string("checkpoint-40")); // trainer_state.json is named by its folder
    QCOMPARE(run.find("loss")->steps, (std::vector<double>{10, 20, 40}));
    QCOMPARE(run.find("loss")->values, (std::vector<double>{2.5, 2.25, 1.75}));
    QCOMPARE(run.find("eval_loss")->values, (std::vector<double>{2.4, 2.1}));
    // NaN and Infinity are gaps; the entry without "step" is skipped
    QCOMPARE(run.find("grad_norm")->steps, (std::vector<double>{10, 40}));
    // the evaluation entries do not add a second "epoch" point at their step
    QCOMPARE(run.find("epoch")->values, (std::vector<double>{0.25, 0.5, 1.0}));
    // the closing summary is metadata, not a point
    QVERIFY(!run.find("train_runtime"));
    QCOMPARE(run.metadata.at("summary.train_loss"), std::string("2.1"));
    QCOMPARE(run.metadata.at("state.max_steps"), std::string("40"));
    QCOMPARE(run.roles.loss, std::string("loss"));
    QCOMPARE(run.roles.valLoss, std::string("eval_loss"));
    QCOMPARE(run.roles.lr, std::string("learning_rate"));
    const Diagnostic* skipped = findDiag(r, "without a numeric 'step'");
    QVERIFY(skipped);
    QCOMPARE(skipped->where, std::string("log_history[3]"));
    const Diagnostic* nan = findDiag(r, "NaN/Infinity");
    QVERIFY(nan);
    QVERIFY(nan->message.find("1 NaN") != std::string::npos); // the Infinity is in the skipped entry
    QCOMPARE(nan->where, std::string("log_history[1].grad_norm"));
}

void TestImportJson::hfSyntaxErrorNamesLineAndColumn()
{
    const ImportResult r = importBytes("{\n  \"log_history\": [\n    {\"loss\": 1.0 \"step\": 1}\n  ]\n}\n",
                                       "trainer_state.json");
    QVERIFY(!r.ok());
    QCOMPARE(r.diagnostics.at(0).file, std::string("trainer_state.json"));
    QCOMPARE(r.diagnostics.at(0).line, std::int64_t(3));
    QVERIFY(!r.diagnostics.at(0).where.empty());
}

void TestImportJson::tensorBoardJson()
{
    const ImportResult r = importFile(importFixture("run-eval-tag-loss.json").toStdString());
    QVERIFY2(r.ok(), allDiagnostics(r).c_str());
    QCOMPARE(r.format, std::string("tensorboard-json"));
    const Series* s = r.findRun("eval")->find("loss");
    QCOMPARE(s->steps, (std::vector<double>{0, 10, 20, 30}));
    QCOMPARE(s->values[2], 5.0 - 0.3); // the repeated step 20 keeps the later value
    QVERIFY(findDiag(r, "repeat or go back"));
}

void TestImportJson::wandbLegacyFolder()
{
    const ImportResult r = importFile(importFixture("wandb_legacy_run").toStdString());
    QVERIFY2(r.ok(), allDiagnostics(r).c_str());
    QCOMPARE(r.format, std::string("wandb-run-folder"));
    const Run& run = r.runs.at(0);
    QCOMPARE(run.name, std::string("fluent-sky-7"));
    QCOMPARE(run.find("train/loss")->steps, (std::vector<double>{0, 1, 4})); // line 4 is broken JSON
    QCOMPARE(run.find("val.loss")->values, (std::vector<double>{3.9}));      // nested dicts flatten with '.'
    QVERIFY(!run.find("media.path"));                                        // media objects are not metrics
    QCOMPARE(run.metadata.at("config.learning_rate"), std::string("0.003"));
    QCOMPARE(run.metadata.at("summary.train/loss"), std::string("3"));
    QCOMPARE(run.roles.lr, std::string("lr"));
    const Diagnostic* bad = findDiag(r, "line skipped");
    QVERIFY(bad);
    QCOMPARE(bad->line, std::int64_t(4));
    QVERIFY(bad->file.find("wandb-history.jsonl") != std::string::npos);
}

void TestImportJson::wandbModernFolderReadsOutputLog()
{
    const ImportResult r = importFile(importFixture("wandb_modern_run").toStdString());
    QVERIFY2(r.ok(), allDiagnostics(r).c_str());
    const Run& run = r.runs.at(0);
    QCOMPARE(run.name, std::string("wandb_modern_run"));
    QCOMPARE(run.find("train_loss")->size(), std::size_t(4));
    QCOMPARE(run.metadata.at("config.max_iters"), std::string("5000"));
    QCOMPARE(run.metadata.at("summary.val/loss"), std::string("2.7"));
    QVERIFY(findDiag(r, "binary .wandb file"));
}

void TestImportJson::wandbSharedModernFolder()
{
    const QString dir = sharedFormat("wandb_offline_run_dir/druidowm_nanoGPT_modern");
    if (!QFileInfo::exists(dir))
        QSKIP("../shared/data/formats is not present");
    const ImportResult r = importFile(dir.toStdString());
    const Run& run = r.runs.at(0);
    QCOMPARE(run.metadata.at("config.wandb_run_name"), std::string("gpt2"));
    QCOMPARE(run.metadata.at("summary.iter"), std::string("2000"));
    QCOMPARE(run.find("val_loss")->values.back(), 4.2661);
    QVERIFY(findDiag(r, "output.log"));
}

void TestImportJson::unknownJson()
{
    const ImportResult r = importBytes("{\"hello\": 1}", "x.json");
    QVERIFY(!r.ok());
    QVERIFY(findDiag(r, "not recognised"));
}

QTEST_GUILESS_MAIN(TestImportJson)
#include "tst_import_json.moc"
