#pragma once
/// \file
/// \brief Runs core work (fits, schedule searches) off the GUI thread, latest-wins, with progress and cancel.
///
/// The Qt side of core::fit::Control: QtConcurrent::run with a QPromise, watched by a QFutureWatcher.
/// Starting a new job cancels the running one, and a generation counter drops results that arrive after a
/// newer request (the pattern of Qt's Mandelbrot example). Work never calls processEvents(); it only polls
/// the promise.

#include "core/fit/fitter.h"

#include <QFuture>
#include <QObject>
#include <QString>
#include <QVariant>

#include <functional>

namespace losscast::widgets {

class TaskRunner : public QObject
{
    Q_OBJECT
public:
    /// The work: runs on a pool thread, polls `control.isCancelled` and reports `control.progress`.
    using Job = std::function<QVariant(const core::fit::Control& control)>;

    explicit TaskRunner(QObject* parent = nullptr);
    ~TaskRunner() override;

    /// Cancels any running job and starts `job`. Returns its generation.
    quint64 start(const QString& what, Job job);
    /// Asks the running job to stop; its result (if any) is dropped and cancelled() is emitted at once.
    /// (A job superseded by start() is dropped silently: its successor's started() says what happens.)
    void cancel();
    bool isRunning() const;
    quint64 generation() const { return m_generation; }
    /// Blocks until the current job has ended (for tests and for shutdown; never called from the GUI flow).
    void waitForIdle();

signals:
    void started(quint64 generation, const QString& what);
    /// fraction in [0, 1]
    void progress(quint64 generation, double fraction, const QString& what);
    void finished(quint64 generation, const QVariant& result);
    void cancelled(quint64 generation);

private:
    bool cancelRunning();

    quint64 m_generation = 0;
    QFuture<QVariant> m_current;
};

} // namespace losscast::widgets
