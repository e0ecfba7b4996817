// The one file writer (core/util/atomicfile.h): a failed write keeps the previous file whole and leaves no
// temporary behind, user files next to the target are never touched, an input is never overwritten.
#include "core/session/session.h"
#include "core/util/atomicfile.h"
#include "core/util/textfile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <string>

#ifndef _WIN32
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace losscast::core;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

void writeBytes(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

} // namespace

class TestAtomicFile : public QObject
{
    Q_OBJECT
private slots:
    void writesAndReplaces()
    {
        QTemporaryDir dir;
        const QString p = dir.filePath("out.json");
        QVERIFY(writeFileAtomically(p.toStdString(), "first\n").ok());
        QCOMPARE(readAll(p), QByteArray("first\n"));
        QVERIFY(writeTextFile(p.toStdString(), "second\n").ok());
        QCOMPARE(readAll(p), QByteArray("second\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"out.json"});
    }

    // Issue #13 case 2: a user file named OUT.tmp / OUT.losscast.tmp was clobbered and removed by a save.
    void userTmpFilesUntouched()
    {
        QTemporaryDir dir;
        const QString p = dir.filePath("OUT.losscast");
        writeBytes(p + ".tmp", "mine");
        writeBytes(dir.filePath("OUT.tmp"), "mine too");
        QVERIFY(writeTextFile(p.toStdString(), "{}\n").ok());
        QCOMPARE(readAll(p + ".tmp"), QByteArray("mine"));
        QCOMPARE(readAll(dir.filePath("OUT.tmp")), QByteArray("mine too"));
        QCOMPARE(readAll(p), QByteArray("{}\n"));
    }

    // Case 5: on a full disk the old file was truncated and a cut file left behind. RLIMIT_FSIZE makes
    // writes fail past 64 KiB just like a full disk does.
    void fullDiskKeepsPreviousFile()
    {
#ifdef _WIN32
        QSKIP("POSIX resource limits");
#else
        QTemporaryDir dir;
        const QString p = dir.filePath("pred.csv");
        writeBytes(p, "step,loss\n1,2.5\n");
        const std::string big(1 << 20, '7');
        struct rlimit old
        {
        };
        getrlimit(RLIMIT_FSIZE, &old);
        auto* previous = std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit small = old;
        small.rlim_cur = 64 * 1024;
        QVERIFY(setrlimit(RLIMIT_FSIZE, &small) == 0);
        const auto r = writeFileAtomically(p.toStdString(), big);
        setrlimit(RLIMIT_FSIZE, &old);
        std::signal(SIGXFSZ, previous);
        QVERIFY(!r.ok());
        QVERIFY2(r.errorText().find("pred.csv") != std::string::npos, r.errorText().c_str());
        QVERIFY2(r.errorText().find("unchanged") != std::string::npos, r.errorText().c_str());
        QCOMPARE(readAll(p), QByteArray("step,loss\n1,2.5\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"pred.csv"});
#endif
    }

    void devicesAreWrittenDirectly()
    {
#ifdef _WIN32
        QSKIP("POSIX devices");
#else
        QVERIFY(writeFileAtomically("/dev/null", "x").ok());
        const auto full = writeFileAtomically("/dev/full", "x");
        QVERIFY(!full.ok());
        QVERIFY2(full.errorText().find("/dev/full") != std::string::npos, full.errorText().c_str());
#endif
    }

    // Cases 1 and 2: an output that is one of the inputs (same device and inode, under any name) is refused.
    void refusesInputs()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("run.csv");
        writeBytes(in, "step,lr,loss\n1,0.1,3\n");
        const QString other = QDir(dir.path()).filePath("./sub/../run.csv");
        QDir(dir.path()).mkdir("sub");
        const auto r = writeFileAtomically(other.toStdString(), "{}", {in.toStdString()});
        QVERIFY(!r.ok());
        QVERIFY2(r.errorText().find("input") != std::string::npos, r.errorText().c_str());
#ifndef _WIN32
        const QString hard = dir.filePath("hard.csv");
        QVERIFY(::link(in.toLocal8Bit().constData(), hard.toLocal8Bit().constData()) == 0);
        QVERIFY(!writeFileAtomically(hard.toStdString(), "{}", {in.toStdString()}).ok());
        QVERIFY(sameFile(hard.toStdString(), in.toStdString()));
#endif
        QCOMPARE(readAll(in), QByteArray("step,lr,loss\n1,0.1,3\n"));
        QVERIFY(writeFileAtomically(dir.filePath("new.csv").toStdString(), "x", {in.toStdString()}).ok());
    }

    void linkIsFollowedAndModeKept()
    {
#ifdef _WIN32
        QSKIP("POSIX links and modes");
#else
        QTemporaryDir dir;
        const QString real = dir.filePath("real.json");
        writeBytes(real, "old");
        QVERIFY(::chmod(real.toLocal8Bit().constData(), 0640) == 0);
        const QString link = dir.filePath("link.json");
        QVERIFY(QFile::link(real, link));
        QVERIFY(writeFileAtomically(link.toStdString(), "new").ok());
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(readAll(real), QByteArray("new"));
        struct stat st
        {
        };
        QVERIFY(::stat(real.toLocal8Bit().constData(), &st) == 0);
        QCOMPARE(int(st.st_mode & 0777), 0640);
#endif
    }

    // Case 2: `losscast --save-session data.csv data.csv` replaced the CSV with session JSON.
    void sessionNeverReplacesItsFiles()
    {
        QTemporaryDir dir;
        const QString csv = dir.filePath("data.csv");
        writeBytes(csv, "step,lr,loss\n1,0.1,3\n");
        Session s;
        s.files.push_back(describeSessionFile(csv.toStdString(), dir.path().toStdString(), false));
        const std::string why = saveSessionFile(s, csv.toStdString());
        QVERIFY2(why.find("input") != std::string::npos, why.c_str());
        QCOMPARE(readAll(csv), QByteArray("step,lr,loss\n1,0.1,3\n"));
        QVERIFY(saveSessionFile(s, dir.filePath("s.losscast").toStdString()).empty());
    }

    void uniqueNames()
    {
        std::set<std::string> taken;
        QCOMPARE(uniqueName("collide-a_b.csv", taken), std::string("collide-a_b.csv"));
        QCOMPARE(uniqueName("collide-a_b.csv", taken), std::string("collide-a_b-2.csv"));
        QCOMPARE(uniqueName("Collide-A_B.csv", taken), std::string("Collide-A_B-3.csv"));
        QCOMPARE(uniqueName("run", taken), std::string("run"));
        QCOMPARE(uniqueName("run", taken), std::string("run-2"));
    }
};

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "tst_atomicfile.moc"
