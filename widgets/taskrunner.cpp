#include "widgets/taskrunner.h"

#include <QFutureWatcher>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace losscast::widgets {

namespace {
constexpr int kProgressSteps = 1000;
}

TaskRunner::TaskRunner(QObject* parent) : QObject(parent) {}

TaskRunner::~TaskRunner()
{
    // Jobs capture nothing of this object, but waiting keeps a closing window from leaving work behind.
    cancelRunning();
    m_current.waitForFinished();
}

quint64 TaskRunner::start(const QString& what, Job job)
{
    cancelRunning();
    const quint64 gen = ++m_generation;

    auto* watcher = new QFutureWatcher<QVariant>(this);
    connect(watcher, &QFutureWatcherBase::progressValueChanged, this, [this, watcher, gen](int value) {
        if (gen == m_generation)
            emit progress(gen, double(value) / kProgressSteps, watcher->progressText());
    });
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, gen] {
        watcher->deleteLater();
        if (gen != m_generation)
            return; // stale: a newer request superseded it
        const QFuture<QVariant> f = watcher->future();
        if (f.isCanceled() || f.resultCount() == 0)
            emit cancelled(gen);
        else
            emit finished(gen, f.result());
    });

    m_current = QtConcurrent::run([job = std::move(job), what](QPromise<QVariant>& promise) {
        promise.setProgressRange(0, kProgressSteps);
        promise.setProgressValueAndText(0, what);
        core::fit::Control control;
        control.isCancelled = [&promise] { return promise.isCanceled(); };
        control.progress = [&promise](double fraction, const std::string& text) {
            const int v = int(std::clamp(fraction, 0.0, 1.0) * kProgressSteps);
            promise.setProgressValueAndText(v, QString::fromStdString(text));
        };
        QVariant result = job(control);
        if (!promise.isCanceled())
            promise.addResult(std::move(result));
    });
    watcher->setFuture(m_current);
    emit started(gen, what);
    return gen;
}

bool TaskRunner::cancelRunning()
{
    if (!isRunning())
        return false;
    m_current.cancel();
    ++m_generation; // whatever the old job still delivers is stale now
    return true;
}

void TaskRunner::cancel()
{
    const quint64 gen = m_generation;
    if (cancelRunning())
        emit cancelled(gen);
}

bool TaskRunner::isRunning() const
{
    return !m_current.isFinished(); // a default QFuture counts as finished (isValid() means "has a result")
}

void TaskRunner::waitForIdle()
{
    m_current.waitForFinished();
}

} // namespace losscast::widgets
