// Every importer against the fixtures written for it (always run) and against the real exports in
// ../shared/data/formats (skipped when that folder is absent, as in a user's clone).
#include "core/import/curvebuild.h"
#include "core/import/importer.h"
#include "importtestsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstdio>
#include <string>

using namespace losscast::core;
using namespace losscast::core::import;

using losscast::testsupport::allDiagnostics;
using losscast::testsupport::importFixture;
using losscast::testsupport::sharedFormat;

namespace {

bool hasWarning(const ImportResult& r, const std::string& needle, std::int64_t line = -1)
{
    for (const auto& d : r.diagnostics)
        if (d.severity == Diagnostic::Severity::Warning && d.message.find(needle) != std::string::npos &&
            (line < 0 || d.line == line))
            return true;
    return false;
}

const Series* seriesOf(const ImportResult& r, const std::string& run, const std::string& series)
{
    const Run* ru = r.findRun(run);
    return ru ? ru->find(series) : nullptr;
}

} // namespace

class TestImportFormats : public QObject
{
    Q_OBJECT

private slots:
    // One row per fixture: which format was detected, and one series' run, name, count and step range.
    void fixtures_data();
    void fixtures();
    void sharedFiles_data();
    void sharedFiles();

    void genericQuotedCrlfBom();
    void europeanDecimalComma();
    void headerlessNumeric();
    void wideFileKeepsEveryColumn();
    void unknownMappedColumnWarns();
    void tensorBoardJsonBadRowNamed();
    void yamlIsNotALog();
    void longFormatSplitsRuns();
    void wandbChartSplitsOnLastDashAndWarnsWhenBucketed();
    void wandbRunsTableIsATable();
    void wandbHistorySkipsIndexAndKeepsGaps();
    void tensorBoardDuplicatesAndOrder();
    void tensorBoardReservoirWarning();
    void tensorBoardFolderMergesTags();
    void lightningRepeatedStepsAndHparams();
    void textLogValues();
    void megatronResetKeepsLastSegment();
    void moddedNanogptValAndTrainAtOneStepIsNotAResume();
    void mappingOverride();
    void badInputNamesFileAndLine();
    void missingFile();
    void binaryFileIsNotText();
    void allMissingColumnAndNoRows();
    void forcedFormat();
    void escapedQuotesInManyFields();
    void fuzzRegressions();
};

void TestImportFormats::fixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("run");
    QTest::addColumn<QString>("series");
    QTest::addColumn<int>("points");
    QTest::addColumn<double>("first");
    QTest::addColumn<double>("last");

    QTest::newRow("generic-quoted-crlf-bom") << importFixture("generic_quoted_crlf_bom.csv") << "csv"
                                             << "generic_quoted_crlf_bom"
                                             << "train/loss: main, smoothed" << 4 << 1.0 << 5.0;
    QTest::newRow("european-decimal-comma") << importFixture("european_decimal_comma.csv") << "csv"
                                            << "european_decimal_comma"
                                            << "loss" << 3 << 1.0 << 3.0;
    QTest::newRow("tsv-iter-column") << importFixture("tabs.tsv") << "csv"
                                     << "tabs"
                                     << "learning_rate" << 3 << 10.0 << 30.0;
    QTest::newRow("headerless") << importFixture("headerless.csv") << "csv"
                                << "headerless"
                                << "column 2" << 4 << 0.0 << 3.0;
    QTest::newRow("long-format") << importFixture("long_format_runs.csv") << "csv"
                                 << "big"
                                 << "loss" << 3 << 1.0 << 3.0;
    QTest::newRow("wandb-chart") << importFixture("wandb_chart_bucketed.csv") << "wandb-chart"
                                 << "alpha-run"
                                 << "train/loss" << 4 << 0.0 << 30.0;
    QTest::newRow("wandb-chart-last-dash") << importFixture("wandb_chart_bucketed.csv") << "wandb-chart"
                                           << "beta - run - eval"
                                           << "loss" << 3 << 10.0 << 30.0;
    QTest::newRow("wandb-history") << importFixture("wandb_api_history.csv") << "wandb-history"
                                   << "wandb_api_history"
                                   << "train/loss" << 4 << 1.0 << 4.0;
    QTest::newRow("tensorboard-csv") << importFixture("run-baseline_2-tag-train_loss.csv")
                                     << "tensorboard-csv"
                                     << "baseline_2"
                                     << "train_loss" << 6 << 0.0 << 5.0;
    QTest::newRow("lightning") << importFixture("lightning/version_3/metrics.csv") << "lightning"
                               << "version_3"
                               << "train_loss_step" << 4 << 49.0 << 199.0;
    QTest::newRow("nanogpt") << importFixture("nanogpt.log") << "text-nanogpt"
                             << "nanogpt"
                             << "train_loss" << 4 << 0.0 << 30.0;
    QTest::newRow("nanogpt-eval") << importFixture("nanogpt.log") << "text-nanogpt"
                                  << "nanogpt"
                                  << "val_loss" << 2 << 0.0 << 20.0;
    QTest::newRow("llmc") << importFixture("llmc.log") << "text-llmc"
                          << "llmc"
                          << "train_loss" << 4 << 0.0 << 3.0;
    QTest::newRow("llmc-val") << importFixture("llmc.log") << "text-llmc"
                              << "llmc"
                              << "val_loss" << 2 << 0.0 << 2.0;
    QTest::newRow("modded-nanogpt") << importFixture("modded_nanogpt.log") << "text-modded-nanogpt"
                                    << "modded_nanogpt"
                                    << "val_loss" << 2 << 0.0 << 125.0;
    QTest::newRow("megatron") << importFixture("megatron_reset.log") << "text-megatron"
                              << "megatron_reset"
                              << "lm loss" << 2 << 1.0 << 2.0;
}

void TestImportFormats::fixtures()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFETCH(QString, run);
    QFETCH(QString, series);
    QFETCH(int, points);
    QFETCH(double, first);
    QFETCH(double, last);
    const ImportResult r = importFile(file.toStdString());
    QVERIFY2(r.ok(), allDiagnostics(r).c_str());
    QCOMPARE(QString::fromStdString(r.format), format);
    const Series* s = seriesOf(r, run.toStdString(), series.toStdString());
    QVERIFY2(s, ("no run/series; got:\n" + allDiagnostics(r)).c_str());
    QCOMPARE(int(s->size()), points);
    QCOMPARE(s->steps.front(), first);
    QCOMPARE(s->steps.back(), last);
    QCOMPARE(s->steps.size(), s->values.size());
    for (std::size_t i = 1; i < s->size(); ++i)
        QVERIFY(s->steps[i] > s->steps[i - 1]);
}

void TestImportFormats::sharedFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("runs");
    QTest::addColumn<QString>("run");
    QTest::addColumn<QString>("series");
    QTest::addColumn<int>("points");
    QTest::addColumn<double>("first");
    QTest::addColumn<double>("last");

    const QString chart = sharedFormat("wandb_ui_export_csv/druidowm_nanoGPT_wandb_export.csv");
    QTest::newRow("wandb-chart-gpt2") << chart << "wandb-chart" << 8 << "gpt2"
                                      << "train/loss" << 386 << 0.0 << 385.0;
    QTest::newRow("wandb-chart-gap") << chart << "wandb-chart" << 8
                                     << "gpt2_last_char_token_to_char1729587337.8266432"
                                     << "train/loss" << 166 << 0.0 << 166.0;
    QTest::newRow("wandb-chart-short")
        << chart << "wandb-chart" << 8 << "gpt2_last_char_to_char1729642919.4054031"
        << "train/loss" << 51 << 0.0 << 50.0;
    const QString hist = sharedFormat("wandb_api_history/oraby8_research_tts_wandb_history.csv");
    QTest::newRow("wandb-history-loss") << hist << "wandb-history" << 1 << "oraby8_research_tts_wandb_history"
                                        << "train/loss" << 41 << 1.0 << 41.0;
    QTest::newRow("wandb-history-sparse-eval")
        << hist << "wandb-history" << 1 << "oraby8_research_tts_wandb_history"
        << "eval/loss" << 8 << 5.0 << 40.0;
    QTest::newRow("wandb-history-once") << hist << "wandb-history" << 1 << "oraby8_research_tts_wandb_history"
                                        << "trainable_parameters" << 1 << 0.0 << 0.0;
    QTest::newRow("tensorboard-loss") << sharedFormat("tensorboard_csv_json/Brunogomes97_run-.-tag-loss.csv")
                                      << "tensorboard-csv" << 1 << "."
                                      << "loss" << 30 << 0.0 << 29.0;
    QTest::newRow("tensorboard-lr") << sharedFormat("tensorboard_csv_json/Brunogomes97_run-.-tag-lr.csv")
                                    << "tensorboard-csv" << 1 << "."
                                    << "lr" << 30 << 0.0 << 29.0;
    const QString lightning = sharedFormat("lightning_csvlogger/0Xero7_slm_training_v0_metrics.csv");
    QTest::newRow("lightning-step") << lightning << "lightning" << 1 << "0Xero7_slm_training_v0_metrics"
                                    << "train_loss_step" << 2814 << 49.0 << 140699.0;
    QTest::newRow("lightning-val") << lightning << "lightning" << 1 << "0Xero7_slm_training_v0_metrics"
                                   << "val_loss" << 10 << 14073.0 << 140739.0;
    const QString nano = sharedFormat("text_logs_nanogpt_llmc_megatron/druidowm_nanoGPT_wandb_output.log");
    QTest::newRow("nanogpt-iter") << nano << "text-nanogpt" << 1 << "druidowm_nanoGPT_wandb_output"
                                  << "train_loss" << 2156 << 0.0 << 2155.0;
    QTest::newRow("nanogpt-val") << nano << "text-nanogpt" << 1 << "druidowm_nanoGPT_wandb_output"
                                 << "val_loss" << 11 << 0.0 << 2000.0;
    const QString adamw =
        sharedFormat("text_logs_nanogpt_llmc_megatron/modded-nanogpt_2024-06-06_AdamW_llmc_style.log");
    QTest::newRow("llmc-style-trl") << adamw << "text-llmc" << 1
                                    << "modded-nanogpt_2024-06-06_AdamW_llmc_style"
                                    << "train_loss" << 9536 << 0.0 << 9535.0;
    QTest::newRow("llmc-style-tel") << adamw << "text-llmc" << 1
                                    << "modded-nanogpt_2024-06-06_AdamW_llmc_style"
                                    << "val_loss" << 76 << 0.0 << 9536.0;
    const QString llmc =
        sharedFormat("text_logs_nanogpt_llmc_megatron/modded-nanogpt_2024-10-13_llmc_main.log");
    QTest::newRow("llmc-main-lr") << llmc << "text-llmc" << 1 << "modded-nanogpt_2024-10-13_llmc_main"
                                  << "lr" << 19560 << 0.0 << 19559.0;
    QTest::newRow("llmc-main-tel") << llmc << "text-llmc" << 1 << "modded-nanogpt_2024-10-13_llmc_main"
                                   << "val_loss" << 80 << 0.0 << 19560.0;
    // The excerpts come from three logs (iterations 1, 3, 2): 2 < 3 reads as a restart, so the later
    // segment (iteration 2) replaces iteration 3.
    QTest::newRow("megatron-excerpts")
        << sharedFormat("text_logs_nanogpt_llmc_megatron/megatron_log_line_excerpts.txt") << "text-megatron"
        << 1 << "megatron_log_line_excerpts"
        << "lm loss" << 2 << 1.0 << 2.0;
}

void TestImportFormats::sharedFiles()
{
    QFETCH(QString, file);
    if (!QFileInfo::exists(file))
        QSKIP("../shared/data/formats is not present");
    QFETCH(QString, format);
    QFETCH(int, runs);
    QFETCH(QString, run);
    QFETCH(QString, series);
    QFETCH(int, points);
    QFETCH(double, first);
    QFETCH(double, last);
    const ImportResult r = importFile(file.toStdString());
    QVERIFY2(r.ok(), allDiagnostics(r).c_str());
    QCOMPARE(QString::fromStdString(r.format), format);
    QCOMPARE(int(r.runs.size()), runs);
    const Series* s = seriesOf(r, run.toStdString(), series.toStdString());
    QVERIFY2(s, ("no such run/series; diagnostics:\n" + allDiagnostics(r)).c_str());
    QCOMPARE(int(s->size()), points);
    QCOMPARE(s->steps.front(), first);
    QCOMPARE(s->steps.back(), last);
}

void TestImportFormats::genericQuotedCrlfBom()
{
    const ImportResult r = importFile(importFixture("generic_quoted_crlf_bom.csv").toStdString());
    QVERIFY(r.ok());
    QCOMPARE(r.runs.size(), std::size_t(1));
    const Run& run = r.runs[0];
    QCOMPARE(run.roles.lr, std::string("optim/lr"));
    QCOMPARE(run.roles.valLoss, std::string("val/loss"));
    const Series* loss = run.find("train/loss: main, smoothed");
    QVERIFY(loss);
    // step 4 has an empty loss cell: a gap, not a zero
    QCOMPARE(loss->steps, (std::vector<double>{1, 2, 3, 5}));
    QCOMPARE(loss->values, (std::vector<double>{3.5, 3.25, 3.0, 2.75}));
    // nan, "-", inf and "" are all gaps
    const Series* val = run.find("val/loss");
    QVERIFY(val);
    QCOMPARE(val->steps, (std::vector<double>{3}));
    QCOMPARE(run.find("optim/lr")->values.back(), 0.005);
}

void TestImportFormats::europeanDecimalComma()
{
    const ImportResult r = importFile(importFixture("european_decimal_comma.csv").toStdString());
    QVERIFY(r.ok());
    const Series* loss = seriesOf(r, "european_decimal_comma", "loss");
    QVERIFY(loss);
    QCOMPARE(loss->values, (std::vector<double>{3.5, 3.25, 3.0}));
    QCOMPARE(seriesOf(r, "european_decimal_comma", "lr")->values[1], 0.002);
    // With ',' as the delimiter a comma can never be a decimal separator.
    const ImportResult c = importBytes("step,loss\n1,3\n2,2\n", "x.csv");
    QCOMPARE(seriesOf(c, "x", "loss")->values, (std::vector<double>{3, 2}));
}

void TestImportFormats::headerlessNumeric()
{
    const ImportResult r = importFile(importFixture("headerless.csv").toStdString());
    QVERIFY(r.ok());
    const Series* s = seriesOf(r, "headerless", "column 3");
    QVERIFY(s);
    QCOMPARE(s->values, (std::vector<double>{0.1, 0.2, 0.3, 0.3}));
}

// A one-row export with 60,000 metric columns (review: series were found by linear search, so a
// 200,000-column file took minutes). Every column must become its own series with its value; `losscast-cli
// bench` times it.
void TestImportFormats::wideFileKeepsEveryColumn()
{
    const int columns = 60'000;
    std::string text = "step";
    for (int c = 0; c < columns; ++c)
        text += ",m" + std::to_string(c);
    text += "\n7";
    for (int c = 0; c < columns; ++c)
        text += "," + std::to_string(c) + ".25";
    text += "\n";
    const ImportResult r = importBytes(text, "wide.csv");
    QVERIFY(r.ok());
    QCOMPARE(r.runs.size(), std::size_t(1));
    QCOMPARE(r.runs[0].series.size(), std::size_t(columns));
    const Series* last = seriesOf(r, "wide", "m59999");
    QVERIFY(last);
    QCOMPARE(last->values, (std::vector<double>{59999.25}));
    QCOMPARE(last->steps.front(), 7.0);
}

// A column named in the mapping (--loss nosuch) that the run does not have is reported, with the columns it
// has.
void TestImportFormats::unknownMappedColumnWarns()
{
    ImportOptions o;
    o.mapping.loss = "nosuch";
    const ImportResult r = importBytes("step,train_loss,lr\n1,3.0,1e-3\n2,2.5,1e-3\n", "m.csv", o);
    QVERIFY(r.ok());
    bool found = false;
    for (const auto& d : r.diagnostics)
        found |= d.severity == Diagnostic::Severity::Warning && d.file == "m.csv" &&
                 d.message.find("no series 'nosuch' for the loss role") != std::string::npos &&
                 d.message.find("train_loss") != std::string::npos;
    QVERIFY(found);
    o.mapping.loss = "train_loss";
    const ImportResult ok = importBytes("step,train_loss,lr\n1,3.0,1e-3\n2,2.5,1e-3\n", "m.csv", o);
    for (const auto& d : ok.diagnostics)
        QVERIFY2(d.message.find("no series") == std::string::npos, d.message.c_str());
}

// One malformed row of a TensorBoard JSON download is skipped with its JSON path; the other rows are kept.
void TestImportFormats::tensorBoardJsonBadRowNamed()
{
    const ImportResult r =
        importBytes("[[1.5, 10, 3.0], [2.5, 20, 2.5], [\"x\", 1], [3.5, 30, 2.25]]", "run-a-tag-loss.json");
    QVERIFY(r.ok());
    QCOMPARE(r.format, std::string("tensorboard-json"));
    const Series* s = seriesOf(r, "a", "loss");
    QVERIFY(s);
    QCOMPARE(s->values, (std::vector<double>{3.0, 2.5, 2.25}));
    bool named = false;
    for (const auto& d : r.diagnostics)
        named |= d.where == "[2]" && d.message.find("wall_time, step, value") != std::string::npos;
    QVERIFY(named);
}

// A config.yaml given on its own is refused with a message saying where its curves are (it used to be read as
// a CSV, with dozens of junk warnings).
void TestImportFormats::yamlIsNotALog()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("config.yaml").toStdString();
    std::FILE* f = std::fopen(path.c_str(), "w");
    QVERIFY(f);
    std::fputs("wandb_version: 1\nlr:\n  value: 0.0006\n", f);
    std::fclose(f);
    const ImportResult r = importFile(path);
    QVERIFY(!r.ok());
    QCOMPARE(r.diagnostics.size(), std::size_t(1));
    QVERIFY(r.diagnostics[0].message.find("configuration, not its curves") != std::string::npos);
    QCOMPARE(r.diagnostics[0].file, path);
}

void TestImportFormats::longFormatSplitsRuns()
{
    const ImportResult r = importFile(importFixture("long_format_runs.csv").toStdString());
    QVERIFY(r.ok());
    QCOMPARE(r.runs.size(), std::size_t(2));
    QCOMPARE(seriesOf(r, "small", "loss")->values, (std::vector<double>{4.0, 3.5}));
    QCOMPARE(seriesOf(r, "big", "lr")->size(), std::size_t(3));
}

void TestImportFormats::wandbChartSplitsOnLastDashAndWarnsWhenBucketed()
{
    const ImportResult r = importFile(importFixture("wandb_chart_bucketed.csv").toStdString());
    QVERIFY(r.ok());
    QCOMPARE(r.runs.size(), std::size_t(2));
    QVERIFY(r.findRun("beta - run - eval"));
    QCOMPARE(seriesOf(r, "alpha-run", "train/loss")->values, (std::vector<double>{4.0, 3.5, 3.0, 2.8}));
    // __MIN/__MAX are not series of their own
    QCOMPARE(r.findRun("alpha-run")->series.size(), std::size_t(1));
    // alpha's MIN ≠ MAX first at line 3 (Step 10); beta's never differ
    QVERIFY2(hasWarning(r, "alpha-run", 3), allDiagnostics(r).c_str());
    QVERIFY(hasWarning(r, "bucketed"));
    QVERIFY(!hasWarning(r, "beta - run - eval"));
}

void TestImportFormats::wandbRunsTableIsATable()
{
    const ImportResult r = importFile(importFixture("wandb_runs_table.csv").toStdString());
    QVERIFY(r.ok());
    QCOMPARE(QString::fromStdString(r.format), QString("wandb-runs-table"));
    QVERIFY(r.runs.empty());
    QVERIFY(r.table);
    QCOMPARE(r.table->rows.size(), std::size_t(2));
    QCOMPARE(r.table->header.size(), std::size_t(11));
    QCOMPARE(r.table->rows[1][2], std::string("said \"oops\""));
    QCOMPARE(r.table->rows[0][4], std::string("baseline, v2"));
}

void TestImportFormats::wandbHistorySkipsIndexAndKeepsGaps()
{
    const ImportResult r = importFile(importFixture("wandb_api_history.csv").toStdString());
    QVERIFY(r.ok());
    const Run& run = r.runs.at(0);
    for (const auto& s : run.series)
        QVERIFY2(!s.name.empty() && s.name != "column 1", s.name.c_str());
    QCOMPARE(run.find("eval/loss")->steps, (std::vector<double>{2, 4}));
    QCOMPARE(run.find("train/lr")->values.front(), 0.0); // a logged 0 stays a 0
    QCOMPARE(run.roles.loss, std::string("train/loss"));
    QCOMPARE(run.roles.lr, std::string("train/lr"));
    QCOMPARE(run.roles.valLoss, std::string("eval/loss"));
}

void TestImportFormats::tensorBoardDuplicatesAndOrder()
{
    const ImportResult r = importFile(importFixture("run-baseline_2-tag-train_loss.csv").toStdString());
    QVERIFY(r.ok());
    const Series* s = seriesOf(r, "baseline_2", "train_loss");
    QVERIFY(s);
    QCOMPARE(s->steps, (std::vector<double>{0, 1, 2, 3, 4, 5}));
    QCOMPARE(s->values, (std::vector<double>{10.5, 9.0, 8.0, 7.5, 6.9, 6.5})); // step 4: the later 6.9 wins
    QVERIFY2(hasWarning(r, "not in ascending order", 6), allDiagnostics(r).c_str());
    QVERIFY(hasWarning(r, "kept the value written last"));
}

void TestImportFormats::tensorBoardReservoirWarning()
{
    auto make = [](int rows) {
        std::string s = "Wall time,Step,Value\n";
        for (int i = 0; i < rows; ++i)
            s += "1.5," + std::to_string(i * 7) + "," + std::to_string(5.0 - i * 1e-3) + "\n";
        return s;
    };
    const ImportResult sampled = importBytes(make(1000), "run-a-tag-loss.csv");
    QCOMPARE(seriesOf(sampled, "a", "loss")->size(), std::size_t(1000));
    QVERIFY(hasWarning(sampled, "1,000"));
    const ImportResult full = importBytes(make(999), "run-a-tag-loss.csv");
    QVERIFY(!hasWarning(full, "1,000"));
}

void TestImportFormats::tensorBoardFolderMergesTags()
{
    const QString dir = sharedFormat("tensorboard_csv_json");
    if (!QFileInfo::exists(dir))
        QSKIP("../shared/data/formats is not present");
    const ImportResult r = importFile(dir.toStdString());
    QVERIFY2(r.ok(), allDiagnostics(r).c_str());
    const Run* run = r.findRun(".");
    QVERIFY(run);
    QVERIFY(run->find("loss") && run->find("lr"));
    QCOMPARE(run->roles.loss, std::string("loss"));
    QCOMPARE(run->roles.lr, std::string("lr"));
}

void TestImportFormats::lightningRepeatedStepsAndHparams()
{
    const ImportResult r = importFile(importFixture("lightning/version_3/metrics.csv").toStdString());
    QVERIFY(r.ok());
    const Run& run = r.runs.at(0);
    QCOMPARE(run.name, std::string("version_3"));
    QCOMPARE(run.find("val_loss")->steps, (std::vector<double>{99, 199}));
    QCOMPARE(run.find("train_loss_epoch")->values, (std::vector<double>{7.55}));
    QCOMPARE(run.roles.lr, std::string("lr-AdamW"));
    QCOMPARE(run.metadata.at("hparams.num_layers"), std::string("12"));
    // Repeated steps with one metric each are not duplicates of one series: no warning.
    QVERIFY2(r.warningCount() == 0, allDiagnostics(r).c_str());
}

void TestImportFormats::textLogValues()
{
    const ImportResult n = importFile(importFixture("nanogpt.log").toStdString());
    QCOMPARE(seriesOf(n, "nanogpt", "train_loss")->values,
             (std::vector<double>{4.2654, 3.2407, 2.7923, 2.6204}));
    QCOMPARE(seriesOf(n, "nanogpt", "time_ms")->values.front(), 29946.83);
    QCOMPARE(seriesOf(n, "nanogpt", "eval_train_loss")->values.back(), 2.6512);
    const ImportResult m = importFile(importFixture("modded_nanogpt.log").toStdString());
    QCOMPARE(seriesOf(m, "modded_nanogpt", "train_loss")->steps, (std::vector<double>{1, 2, 3}));
    QCOMPARE(m.runs[0].metadata.at("total_steps"), std::string("3000"));
    // step_avg:nanms is a missing value, not a number
    QCOMPARE(seriesOf(m, "modded_nanogpt", "step_avg_ms")->size(), std::size_t(1));
    const ImportResult l = importFile(importFixture("llmc.log").toStdString());
    QCOMPARE(l.runs[0].roles.lr, std::string("lr"));
    QCOMPARE(seriesOf(l, "llmc", "grad_norm")->values.back(), 13.12);
}

void TestImportFormats::megatronResetKeepsLastSegment()
{
    const ImportResult r = importFile(importFixture("megatron_reset.log").toStdString());
    QVERIFY(r.ok());
    const Run& run = r.runs.at(0);
    QCOMPARE(run.find("lm loss")->values, (std::vector<double>{11.0, 10.4}));
    QCOMPARE(run.find("learning rate")->values, (std::vector<double>{1e-4, 2e-4}));
    // grad norm was only logged before the restart, and its points are at steps ≥ 1: all replaced
    QVERIFY(!run.find("grad norm") || run.find("grad norm")->empty());
    QCOMPARE(run.find("val lm loss")->values, (std::vector<double>{10.6}));
    QCOMPARE(run.roles.loss, std::string("lm loss"));
    QCOMPARE(run.roles.lr, std::string("learning rate"));
    QCOMPARE(run.roles.tokens, std::string("consumed tokens"));
    QCOMPARE(run.roles.valLoss, std::string("val lm loss"));
    QVERIFY2(hasWarning(r, "step goes back from 3 to 1", 5), allDiagnostics(r).c_str());
}

void TestImportFormats::moddedNanogptValAndTrainAtOneStepIsNotAResume()
{
    // modded-nanogpt's record logs print `step:125/T train_loss:… train_time:…` and then
    // `step:125/T val_loss:… train_time:…`: train_time repeats step 125. Taken as a resume, every series lost
    // its points from 125 on and a real log kept one val_loss point of 51, with a warning per evaluation.
    const ImportResult r = importFile(importFixture("modded_nanogpt_val_train.log").toStdString());
    QVERIFY2(r.ok(), allDiagnostics(r).c_str());
    const Run& run = r.runs.at(0);
    QCOMPARE(run.find("val_loss")->steps, (std::vector<double>{0, 125, 250, 375, 500}));
    QCOMPARE(run.find("train_loss")->size(), std::size_t(500));
    QCOMPARE(run.find("train_loss")->steps.back(), 500.0);
    QCOMPARE(run.find("val_loss")->values.at(1), 4.5083); // the val line's value, as logged
    const Series* time = run.find("train_time_ms");
    QVERIFY(time);
    QCOMPARE(time->steps.size(), std::size_t(501)); // one point per step: the val line's value replaces
    QCOMPARE(time->values.at(125), 46155.0);
    QVERIFY2(!hasWarning(r, "goes back"), allDiagnostics(r).c_str());
}

void TestImportFormats::mappingOverride()
{
    ImportOptions o;
    o.mapping.step = "tokens";
    o.mapping.loss = "learning_rate";
    const ImportResult r = importFile(importFixture("tabs.tsv").toStdString(), o);
    QVERIFY(r.ok());
    const Series* s = seriesOf(r, "tabs", "loss");
    QCOMPARE(s->steps, (std::vector<double>{1024, 2048, 3072}));
    QCOMPARE(r.runs[0].roles.loss, std::string("learning_rate"));
    o.mapping.step = "nope";
    const ImportResult bad = importFile(importFixture("tabs.tsv").toStdString(), o);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.diagnostics.at(0).line, std::int64_t(1));
    QVERIFY(bad.diagnostics.at(0).message.find("'nope'") != std::string::npos);
}

void TestImportFormats::badInputNamesFileAndLine()
{
    const ImportResult r = importBytes("step,loss\n1,3.0\n2,abc\nx,2.0\n4,1.5,9\n", "bad.csv");
    QVERIFY(r.ok());
    QCOMPARE(seriesOf(r, "bad", "loss")->values, (std::vector<double>{3.0, 1.5}));
    QVERIFY(hasWarning(r, "'abc' is not a number", 3));
    QVERIFY(hasWarning(r, "'x' is not a number: row skipped", 4));
    QVERIFY(hasWarning(r, "extra fields ignored", 5));
    for (const auto& d : r.diagnostics)
        QCOMPARE(d.file, std::string("bad.csv"));
    const ImportResult empty = importBytes("# nothing\n\n", "empty.csv");
    QVERIFY(!empty.ok());
    const ImportResult text = importBytes("hello world\nno numbers here\n", "notes.txt");
    QVERIFY(!text.ok());
    QVERIFY(text.diagnostics.at(0).message.find("no training-log lines") != std::string::npos);
}

void TestImportFormats::missingFile()
{
    const ImportResult r = importFile("/nonexistent/losscast.csv");
    QVERIFY(!r.ok());
    QCOMPARE(r.diagnostics.at(0).file, std::string("/nonexistent/losscast.csv"));
}

void TestImportFormats::forcedFormat()
{
    ImportOptions o;
    o.format = Format::TensorBoard;
    const ImportResult notTb = importFile(importFixture("tabs.tsv").toStdString(), o);
    QVERIFY(!notTb.ok());
    QCOMPARE(notTb.diagnostics.at(0).line, std::int64_t(1));
    o.format = Format::Csv; // a W&B chart read as a plain table: every column is its own series
    const ImportResult plain = importFile(importFixture("wandb_chart_bucketed.csv").toStdString(), o);
    QVERIFY(plain.ok());
    QCOMPARE(plain.format, std::string("csv"));
    QVERIFY(plain.runs.at(0).find("alpha-run - train/loss__MIN"));
    o.format = Format::Text;
    const ImportResult text = importFile(importFixture("tabs.tsv").toStdString(), o);
    QVERIFY(!text.ok());
    QCOMPARE(formatFromString("lightning"), std::optional<Format>(Format::Lightning));
    QVERIFY(!formatFromString("excel"));
}

void TestImportFormats::escapedQuotesInManyFields()
{
    // Every cell unescaped into its own buffer; with 40 of them the buffer store grows while earlier cells
    // are still referenced (the first libFuzzer finding: a use-after-free when that store was a vector).
    std::string csv = "Name,State,Created";
    for (int i = 0; i < 40; ++i)
        csv += ",c" + std::to_string(i);
    csv += "\n\"r\"\"1\"\"\",ok,now";
    for (int i = 0; i < 40; ++i)
        csv += ",\"v\"\"" + std::to_string(i) + "\"";
    csv += "\n";
    const ImportResult r = importBytes(csv, "table.csv");
    QVERIFY(r.table);
    QCOMPARE(r.table->rows.at(0).at(0), std::string("r\"1\""));
    for (int i = 0; i < 40; ++i)
        QCOMPARE(r.table->rows.at(0).at(3 + i), "v\"" + std::to_string(i));
}

// A binary file is refused with the offset of the first non-text byte (NUL or invalid UTF-8); text with UTF-8
// (a BOM, accented names) is not.
void TestImportFormats::binaryFileIsNotText()
{
    QTemporaryDir dir;
    auto write = [&](const char* name, const QByteArray& bytes) {
        QFile f(dir.filePath(name));
        f.open(QIODevice::WriteOnly);
        f.write(bytes);
        return dir.filePath(name).toStdString();
    };
    const ImportResult nul = importFile(write("a.csv", QByteArray("step,loss\n1,2\0\n", 15)));
    QVERIFY(!nul.ok());
    QCOMPARE(nul.diagnostics.at(0).message, std::string("not a text file (binary data at byte 13)"));
    const ImportResult latin1 = importFile(write("b.csv", QByteArray("step,p\xe9rte\n1,2\n")));
    QVERIFY(!latin1.ok());
    QCOMPARE(latin1.diagnostics.at(0).message, std::string("not a text file (binary data at byte 6)"));
    const ImportResult utf8 = importFile(write("c.csv", QByteArray("\xef\xbb\xbfstep,p\xc3\xa9rte\n1,2\n")));
    QVERIFY2(utf8.ok(), allDiagnostics(utf8).c_str());
    QCOMPARE(utf8.runs.size(), std::size_t(1));
    // UTF-16 (e.g. PowerShell's redirection) is named as such, with what to do.
    const QByteArray text16 = QByteArray("\xff\xfe", 2) + QByteArray("s\0t\0e\0p\0,\0l\0\n\0", 14);
    const ImportResult utf16 = importFile(write("d.csv", text16));
    QVERIFY(!utf16.ok());
    QCOMPARE(utf16.diagnostics.at(0).message,
             std::string("UTF-16 text, which LossCast does not read: save the file as UTF-8"));
}

// A column without a single number is named in a warning; a header without rows is an error like an empty
// file ("no data rows").
void TestImportFormats::allMissingColumnAndNoRows()
{
    const ImportResult r = importBytes("step,lr,loss\n1,3e-4,nan\n2,3e-4,NaN\n3,3e-4,\n", "nan.csv");
    QVERIFY(r.ok());
    QVERIFY2(hasWarning(r, "column 'loss': all 3 values are missing", 1), allDiagnostics(r).c_str());
    QVERIFY(!hasWarning(r, "column 'lr'"));
    const ImportResult header = importBytes("step,lr,loss\n", "h.csv");
    QVERIFY(!header.ok());
    QVERIFY(header.diagnostics.at(0).message.find("no data rows") != std::string::npos);
    const ImportResult empty = importBytes("", "e.csv");
    QVERIFY(!empty.ok());
    QVERIFY(empty.diagnostics.at(0).message.find("no data rows") != std::string::npos);
}

void TestImportFormats::fuzzRegressions()
{
    // Inputs that crashed a fuzzer (tests/fuzz/regressions/<target>-<what>), replayed the way the target
    // reads them; under ASan they would crash again, here they must at least import to clean series.
    const QDir dir(QStringLiteral(LOSSCAST_SOURCE_DIR "/tests/fuzz/regressions"));
    const QStringList files = dir.entryList(QDir::Files);
    QVERIFY(!files.isEmpty());
    for (const QString& f : files) {
        QFile file(dir.filePath(f));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        std::string_view v(bytes.constData(), std::size_t(bytes.size()));
        ImportOptions o;
        std::string name = "x.csv";
        if (f.startsWith("csv-") && !v.empty()) {
            static const char* names[] = {"x.csv", "x.tsv", "metrics.csv", "run-a-tag-loss.csv"};
            name = names[static_cast<unsigned char>(v[0]) % 4];
            o.format = (v[0] & 0x10) ? Format::Auto : Format::Csv;
            v.remove_prefix(1);
        } else if (f.startsWith("text-")) {
            o.format = Format::Text;
            name = "train.log";
        } else if (f.startsWith("json-") && !v.empty()) {
            static const char* names[] = {"trainer_state.json", "run-a-tag-b.json", "wandb-summary.json",
                                          "x.json"};
            name = names[static_cast<unsigned char>(v[0]) % 4];
            o.format = (v[0] & 0x10) ? Format::HfTrainer : Format::Auto;
            v.remove_prefix(1);
        } else if (f.startsWith("jsonl-")) {
            name = "wandb-history.jsonl";
        }
        const ImportResult r = importBytes(v, name, o);
        for (const auto& run : r.runs) {
            // what the fuzz target does next: build a curve (the huge-step input once asked for 2 GB here)
            auto curve = buildCurve(run, name, {});
            if (curve.ok())
                QVERIFY(curve->schedule.lr.size() <= std::size_t(kMaxCurveStep) + 1);
        }
        for (const auto& run : r.runs)
            for (const auto& s : run.series)
                for (std::size_t i = 0; i < s.size(); ++i) {
                    QVERIFY(std::isfinite(s.values[i]));
                    QVERIFY(i == 0 || s.steps[i] > s.steps[i - 1]);
                }
    }
}

QTEST_GUILESS_MAIN(TestImportFormats)
#include "tst_import_formats.moc"
