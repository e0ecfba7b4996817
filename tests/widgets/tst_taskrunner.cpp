#include "widgets/taskrunner.h"

#include <QtTest>

#include <atomic>

using losscast::widgets::TaskRunner;
using Control = losscast::core::fit::Control;

namespace {
/// A job that reports progress and runs until cancelled or `limit` polls have passed (about 10 µs each).
/// `completed` is set only when it ran to the end. (A job cancelled before a pool thread picks it up never
/// runs.)
TaskRunner::Job pollingJob(int value, std::atomic<bool>* sawCancel, int limit = 1'000'000,
                           std::atomic<bool>* completed = nullptr, std::atomic<bool>* started = nullptr)
{
    return [=](const Control& c) -> QVariant {
        if (started)
            *started = true;
        for (int i = 0; i < limit; ++i) {
            if (c.isCancelled()) {
                if (sawCancel)
                    *sawCancel = true;
                return QVariant(-1);
            }
            if (i % 1000 == 0)
                c.progress(double(i) / limit, "working");
            QThread::usleep(10);
        }
        if (completed)
            *completed = true;
        return QVariant(value);
    };
}
} // namespace

class TestTaskRunner : public QObject
{
    Q_OBJECT
private slots:
    void deliversResultAndProgress();
    void latestWins();
    void cancelStopsWorkAndReports();
};

void TestTaskRunner::deliversResultAndProgress()
{
    TaskRunner runner;
    QSignalSpy finished(&runner, &TaskRunner::finished);
    QSignalSpy progress(&runner, &TaskRunner::progress);
    const quint64 gen = runner.start("job", pollingJob(42, nullptr, 3000));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QCOMPARE(finished.at(0).at(0).toULongLong(), gen);
    QCOMPARE(finished.at(0).at(1).value<QVariant>().toInt(), 42);
    QVERIFY(progress.count() >= 1);
    QVERIFY(!runner.isRunning());
}

void TestTaskRunner::latestWins()
{
    TaskRunner runner;
    QSignalSpy finished(&runner, &TaskRunner::finished);
    QSignalSpy cancelled(&runner, &TaskRunner::cancelled);
    std::atomic<bool> firstCompleted{false};
    runner.start("slow", pollingJob(1, nullptr, 1'000'000, &firstCompleted));
    const quint64 second = runner.start("fast", pollingJob(2, nullptr, 100));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QCOMPARE(finished.at(0).at(0).toULongLong(), second);
    QCOMPARE(finished.at(0).at(1).value<QVariant>().toInt(), 2);
    // The superseded job stopped early (it would take ≥ 10 s to complete), whether it had started or not.
    QVERIFY(QThreadPool::globalInstance()->waitForDone(20000));
    QVERIFY(!firstCompleted.load());
    QCoreApplication::processEvents(); // deliver anything the stale job might still send
    QCOMPARE(finished.count(), 1);     // and its result never arrives
    QCOMPARE(cancelled.count(), 0);    // superseding is not a user cancel
}

void TestTaskRunner::cancelStopsWorkAndReports()
{
    TaskRunner runner;
    QSignalSpy finished(&runner, &TaskRunner::finished);
    QSignalSpy cancelled(&runner, &TaskRunner::cancelled);
    std::atomic<bool> sawCancel{false}, started{false};
    const quint64 gen = runner.start("slow", pollingJob(1, &sawCancel, 1'000'000, nullptr, &started));
    QVERIFY(runner.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(started.load(), 20000); // running, so seeing the cancel is what is tested
    runner.cancel();
    QCOMPARE(cancelled.count(), 1);
    QCOMPARE(cancelled.at(0).at(0).toULongLong(), gen);
    QTRY_VERIFY_WITH_TIMEOUT(sawCancel.load(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!runner.isRunning(), 20000);
    QCoreApplication::processEvents();
    QCOMPARE(finished.count(), 0);
}

QTEST_MAIN(TestTaskRunner)
#include "tst_taskrunner.moc"
