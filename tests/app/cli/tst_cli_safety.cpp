// Nothing lost (issue #13): losscast-cli never writes over its inputs, never lets generated names collide,
// never reports success when stdout or the disk could not take the output, and reads pipes, '-' and FIFOs
// as streams. Runs the real binary.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

#ifndef _WIN32
#include <sys/resource.h>
#include <sys/stat.h>
#endif

namespace {

struct Run
{
    int code = -1;
    QByteArray out, err;
    qint64 ms = 0;
};

struct Options
{
    QString stdoutFile;    ///< redirect stdout here (e.g. /dev/full)
    QByteArray stdinBytes; ///< written to a pipe on stdin, then closed
    bool pipeStdin = false;
    qint64 fileSizeLimit = 0; ///< RLIMIT_FSIZE for the child: a full disk
    QString workDir;
};

Run cli(const QStringList& args, const Options& o = {})
{
    QProcess p;
    if (!o.stdoutFile.isEmpty())
        p.setStandardOutputFile(o.stdoutFile);
    if (!o.workDir.isEmpty())
        p.setWorkingDirectory(o.workDir);
#ifndef _WIN32
    if (o.fileSizeLimit > 0) {
        const qint64 limit = o.fileSizeLimit;
        p.setChildProcessModifier([limit] {
            std::signal(SIGXFSZ, SIG_IGN);
            struct rlimit r
            {
            };
            getrlimit(RLIMIT_FSIZE, &r);
            r.rlim_cur = rlim_t(limit);
            setrlimit(RLIMIT_FSIZE, &r);
        });
    }
#endif
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral(LOSSCAST_CLI), args);
    Run r;
    if (!p.waitForStarted())
        return r;
    if (o.pipeStdin) {
        // In pieces, as a pipe delivers them.
        for (qsizetype i = 0; i < o.stdinBytes.size(); i += 4096) {
            p.write(o.stdinBytes.mid(i, 4096));
            p.waitForBytesWritten(10000);
        }
        p.closeWriteChannel();
    }
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.ms = t.elapsed();
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString example(const QString& name)
{
    return QStringLiteral(LOSSCAST_EXAMPLES_DIR "/mpl/") + name + ".csv";
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

/// A step,lr,loss,grad_norm CSV of `rows` rows, large enough to pass 64 KiB.
QByteArray bigCsv(int rows)
{
    QByteArray b = "step,lr,loss,grad_norm\n";
    for (int i = 0; i < rows; ++i)
        b += QByteArray::number(10 * i + 10) + "," +
             QByteArray::number(3e-4 * (1 - 0.5 * i / rows), 'g', 10) + "," +
             QByteArray::number(4.0 - 1.0 * i / rows, 'g', 10) + ",0.5\n";
    return b;
}

int jsonPoints(const QByteArray& out)
{
    const auto files = QJsonDocument::fromJson(out).object()["files"].toArray();
    if (files.isEmpty())
        return -1;
    const auto runs = files[0].toObject()["runs"].toArray();
    if (runs.isEmpty())
        return -1;
    return runs[0].toObject()["series"].toArray()[0].toObject()["points"].toInt();
}

} // namespace

class TestCliSafety : public QObject
{
    Q_OBJECT
private slots:
    // Case 1: `import run.csv --to-csv .` in the file's folder overwrote the input with three columns.
    void toCsvRefusesItsInput()
    {
        QTemporaryDir dir;
        const QByteArray original = bigCsv(20);
        QFile f(dir.filePath("run.csv"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(original);
        f.close();
        Options o;
        o.workDir = dir.path();
        const auto r = cli({"import", "run.csv", "--to-csv", "."}, o);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("input"), r.err.constData());
        QVERIFY2(r.err.contains("run.csv"), r.err.constData());
        QCOMPARE(readAll(dir.filePath("run.csv")), original);
    }

    // Case 1: runs "a/b" and "a_b" both mapped to collide-a_b.csv and the first was silently overwritten.
    void toCsvNamesNeverCollide()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath("collide.csv"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("run,step,lr,loss\na/b,1,0.1,3.0\na/b,2,0.1,2.9\na_b,1,0.1,5.0\na_b,2,0.1,4.9\n");
        f.close();
        const QString out = dir.filePath("out");
        const auto r = cli({"import", f.fileName(), "--to-csv", out});
        QVERIFY2(r.code == 0, r.err.constData());
        const QStringList files = QDir(out).entryList(QDir::Files);
        QCOMPARE(files.size(), 2);
        QByteArray both;
        for (const QString& n : files)
            both += readAll(QDir(out).filePath(n));
        QVERIFY2(both.contains("3") && both.contains("5"), both.constData());
    }

    // Case 2 for the CLI: --out naming an input.
    void outRefusesAnInput()
    {
        QTemporaryDir dir;
        const QString train = dir.filePath("train.csv");
        QVERIFY(QFile::copy(example("25M_cosine_24000"), train));
        const QByteArray original = readAll(train);
        const auto r =
            cli({"fit", "--law", "mtl", "--warmup-steps", "2160", "--train", train, "--out", train});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("input"), r.err.constData());
        QCOMPARE(readAll(train), original);
    }

    // Case 4: write errors on stdout were ignored (exit 0, output lost); schedule exited 1 without a word.
    void stdoutFullFails_data()
    {
        QTest::addColumn<QStringList>("args");
        const QString cosine = example("25M_cosine_24000");
        QTest::newRow("fit") << QStringList{"fit",  "--law",   "mtl", "--warmup-steps",
                                            "2160", "--train", cosine};
        QTest::newRow("eval") << QStringList{"eval", "--law",  "mtl", "--warmup-steps", "2160", "--train",
                                             cosine, "--test", cosine};
        QTest::newRow("import --json") << QStringList{"import", "--json", cosine};
        QTest::newRow("schedule") << QStringList{"schedule", "cosine:peak=3e-4,steps=1000"};
        QTest::newRow("help") << QStringList{"--help"};
    }
    void stdoutFullFails()
    {
#ifdef _WIN32
        QSKIP("/dev/full");
#else
        QFETCH(QStringList, args);
        Options o;
        o.stdoutFile = "/dev/full";
        const auto r = cli(args, o);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("standard output"), r.err.constData());
        QVERIFY2(r.err.contains("No space left"), r.err.constData());
#endif
    }

    // Not a regular file: written directly (no temporary in /proc or /dev), errors still reported.
    void outToDevices()
    {
#ifdef _WIN32
        QSKIP("POSIX devices");
#else
        const auto r = cli({"schedule", "constant:peak=1e-3,steps=10", "--out", "/dev/stdout"});
        QVERIFY2(r.code == 0, r.err.constData());
        QVERIFY2(r.out.startsWith("step,lr\n0,"), r.out.constData());
        const auto full = cli({"schedule", "constant:peak=1e-3,steps=10", "--out", "/dev/full"});
        QCOMPARE(full.code, 1);
        QVERIFY2(full.err.contains("/dev/full"), full.err.constData());
#endif
    }

    void predictStdoutFullFails()
    {
#ifdef _WIN32
        QSKIP("/dev/full");
#else
        QTemporaryDir dir;
        const QString params = dir.filePath("p.json");
        QVERIFY(cli({"fit", "--law", "mtl", "--warmup-steps", "2160", "--train", example("25M_cosine_24000"),
                     "--out", params})
                    .code == 0);
        Options o;
        o.stdoutFile = "/dev/full";
        const auto r = cli({"predict", "--params", params, "--schedule", "cosine:peak=3e-4,steps=1000"}, o);
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("standard output"), r.err.constData());

        // Case 5: a full disk under --out: exit 1, the previous file intact, no cut file or temporary left.
        const QString out = dir.filePath("pred.csv");
        QFile prev(out);
        QVERIFY(prev.open(QIODevice::WriteOnly));
        prev.write("step,lr,loss\n1,0.1,2\n");
        prev.close();
        Options full;
        full.fileSizeLimit = 64 * 1024;
        const auto w =
            cli({"predict", "--params", params, "--schedule", "cosine:peak=3e-4,steps=20000", "--out", out},
                full);
        QCOMPARE(w.code, 1);
        QVERIFY2(w.err.contains("pred.csv"), w.err.constData());
        QCOMPARE(readAll(out), QByteArray("step,lr,loss\n1,0.1,2\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), (QStringList{"p.json", "pred.csv"}));
#endif
    }

    // Case 3: a pipe lost its first 64 KiB (the sniffer rewound, which does nothing on a pipe).
    void pipedInputKeepsEveryPoint_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("rows");
        QTest::newRow("/dev/stdin, 3000 rows") << "/dev/stdin" << 3000;
        QTest::newRow("-, 3000 rows") << "-" << 3000;
        QTest::newRow("-, 5 rows") << "-" << 5;
    }
    void pipedInputKeepsEveryPoint()
    {
        QFETCH(QString, path);
        QFETCH(int, rows);
        Options o;
        o.pipeStdin = true;
        o.stdinBytes = bigCsv(rows);
        QVERIFY(rows < 100 || o.stdinBytes.size() > 65536);
        const auto r = cli({"import", "--json", path}, o);
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(jsonPoints(r.out), rows);
    }

    void pipedInputToCsv()
    {
        QTemporaryDir dir;
        Options o;
        o.pipeStdin = true;
        o.stdinBytes = bigCsv(3000);
        const auto r = cli({"import", "-", "--to-csv", dir.path()}, o);
        QVERIFY2(r.code == 0, r.err.constData());
        const QStringList files = QDir(dir.path()).entryList(QDir::Files);
        QCOMPARE(files.size(), 1);
        const QByteArray csv = readAll(QDir(dir.path()).filePath(files[0]));
        QCOMPARE(csv.count('\n'), 3001);
        QVERIFY(csv.contains("\n10,"));
    }

    // Case 3: a FIFO without a writer hung `import` and `fit`.
    void fifoWithoutWriterGivesUp()
    {
#ifdef _WIN32
        QSKIP("FIFOs");
#else
        QTemporaryDir dir;
        const QString fifo = dir.filePath("pipe.csv");
        QVERIFY(::mkfifo(fifo.toLocal8Bit().constData(), 0600) == 0);
        const auto r = cli({"import", fifo});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("pipe.csv") && r.err.contains("no data"), r.err.constData());
        QVERIFY2(r.ms < 60000, QByteArray::number(r.ms).constData());
        const auto f = cli({"fit", "--law", "mtl", "--train", fifo});
        QCOMPARE(f.code, 1);
        QVERIFY2(f.err.contains("pipe.csv"), f.err.constData());
#endif
    }

    // `fit` on /dev/zero read 2 GiB before refusing.
    void deviceRefused()
    {
#ifdef _WIN32
        QSKIP("devices");
#else
        const auto r = cli({"fit", "--law", "mtl", "--train", "/dev/zero"});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("/dev/zero"), r.err.constData());
        QVERIFY2(r.ms < 20000, QByteArray::number(r.ms).constData());
        const auto i = cli({"import", "/dev/zero"});
        QCOMPARE(i.code, 1);
        QVERIFY2(i.err.contains("/dev/zero"), i.err.constData());
#endif
    }
};

QTEST_GUILESS_MAIN(TestCliSafety)
#include "tst_cli_safety.moc"
