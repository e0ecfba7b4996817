// Growing files: LiveImport parses only the appended bytes, waits for a line to be complete, and re-reads a
// file that was rewritten.
#include "core/import/importer.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <string>

using namespace losscast::core::import;

namespace {
void append(const std::string& path, const std::string& text, bool truncate = false)
{
    std::ofstream os(path, std::ios::binary | (truncate ? std::ios::trunc : std::ios::app));
    os << text;
}
} // namespace

class TestImportLive : public QObject
{
    Q_OBJECT

private slots:
    void csvAppendParsesOnlyNewBytes();
    void textLogAppendAndRewrite();
    void jsonIsReadWhole();
    void folderIsReadWhole();
};

void TestImportLive::csvAppendParsesOnlyNewBytes()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("metrics.csv").toStdString();
    const std::string head = "step,loss,lr\n1,4.0,0.001\n2,3.5,0.002\n";
    append(path, head, true);
    LiveImport live(path);
    QVERIFY(live.refresh());
    QCOMPARE(live.lastBytesParsed(), head.size());
    QCOMPARE(live.result().runs.at(0).find("loss")->size(), std::size_t(2));

    QVERIFY(!live.refresh()); // nothing new
    QCOMPARE(live.lastBytesParsed(), std::size_t(0));

    const std::string more = "3,3.2,0.003\n4,3.0,";
    append(path, more);
    QVERIFY(live.refresh());
    // only the complete line is consumed; the half-written one waits
    QCOMPARE(live.lastBytesParsed(), std::string("3,3.2,0.003\n").size());
    QCOMPARE(live.result().runs.at(0).find("loss")->steps, (std::vector<double>{1, 2, 3}));

    append(path, "0.004\n");
    QVERIFY(live.refresh());
    QCOMPARE(live.lastBytesParsed(), std::string("4,3.0,0.004\n").size());
    QCOMPARE(live.result().runs.at(0).find("lr")->values.back(), 0.004);
    QCOMPARE(live.fullReads(), 1);
    QCOMPARE(live.totalBytesParsed(), head.size() + more.size() + 6);
}

void TestImportLive::textLogAppendAndRewrite()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("train.log").toStdString();
    append(path, "s:0 trl:10.0 lr:0.0001\ns:1 trl:9.0 lr:0.0002\n", true);
    LiveImport live(path);
    QVERIFY(live.refresh());
    QCOMPARE(live.result().format, std::string("text-llmc"));
    append(path, "s:2 trl:8.0 lr:0.0003\n");
    QVERIFY(live.refresh());
    QCOMPARE(live.lastBytesParsed(), std::string("s:2 trl:8.0 lr:0.0003\n").size());
    QCOMPARE(live.result().runs.at(0).find("train_loss")->size(), std::size_t(3));
    QCOMPARE(live.fullReads(), 1);

    // A new run overwrote the log: its start changed, so it is read again from the beginning.
    append(path, "s:0 trl:11.0 lr:0.0001\n", true);
    QVERIFY(live.refresh());
    QCOMPARE(live.fullReads(), 2);
    QCOMPARE(live.result().runs.at(0).find("train_loss")->values, (std::vector<double>{11.0}));
}

void TestImportLive::jsonIsReadWhole()
{
    QTemporaryDir dir;
    const std::string path = dir.filePath("trainer_state.json").toStdString();
    append(path, R"({"log_history": [{"loss": 2.0, "learning_rate": 1e-4, "step": 5}]})", true);
    LiveImport live(path);
    QVERIFY(live.refresh());
    QCOMPARE(live.result().runs.at(0).find("loss")->size(), std::size_t(1));
    append(path,
           R"({"log_history": [{"loss": 2.0, "learning_rate": 1e-4, "step": 5}, {"loss": 1.9, "step": 10}]})",
           true);
    QVERIFY(live.refresh());
    QCOMPARE(live.result().runs.at(0).find("loss")->size(), std::size_t(2));
    QVERIFY(!live.refresh());
}

void TestImportLive::folderIsReadWhole()
{
    QTemporaryDir dir;
    const std::string run = dir.filePath("wandb-run").toStdString();
    QVERIFY(QDir().mkpath(QString::fromStdString(run)));
    append(run + "/wandb-summary.json", R"({"loss": 2.0, "_step": 1})", true);
    append(run + "/wandb-history.jsonl", "{\"loss\": 3.0, \"_step\": 0}\n", true);
    LiveImport live(run);
    QVERIFY(live.refresh());
    QCOMPARE(live.result().format, std::string("wandb-run-folder"));
    append(run + "/wandb-history.jsonl", "{\"loss\": 2.0, \"_step\": 1}\n");
    QVERIFY(live.refresh());
    QCOMPARE(live.result().runs.at(0).find("loss")->size(), std::size_t(2));
}

QTEST_GUILESS_MAIN(TestImportLive)
#include "tst_import_live.moc"
