#pragma once
/// \file
/// \brief One followed log of the window (issue #15): core::workspace::FollowedLog read off the GUI thread,
/// woken by file-system notifications and by a polling timer (network file systems do not notify).

#include "core/workspace/follow.h"

#include <QFutureWatcher>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>
#include <vector>

class QFileSystemWatcher;
class QTimer;

namespace losscast::app {

/// \brief What one read of a followed log gave, handed from the worker to the GUI thread.
struct FollowSnapshot
{
    bool changed = false; ///< the runs' points changed (runs holds them); false: nothing new
    bool reread = false;  ///< the file was read again from its start (truncated or replaced)
    std::vector<core::workspace::FollowedRun> runs;
    QStringList warnings; ///< the reader's warnings and curve errors (file, line)
    QString readError;    ///< why the file could not be read now ("" when it could)
    std::size_t bytesParsed = 0;
    double seconds = 0.0; ///< time the read took on the worker
};

/// \brief A log file (or W&B run folder) the window follows. Every read runs on a pool thread, one at a time
/// (a wake-up during a read asks for one more read after it); the GUI thread only receives the snapshot.
class Follower : public QObject
{
    Q_OBJECT
public:
    /// Starts following `path` (absolute) with `options`; the first read starts at once.
    Follower(const QString& path, const core::workspace::FollowOptions& options, QObject* parent = nullptr);
    /// Waits for a read in flight (a read is bounded by the bytes appended since the last one).
    ~Follower() override;

    QString path() const { return m_path; }
    /// The polling fallback's interval (default 1000 ms; notifications wake it sooner where they work).
    void setPollInterval(int ms);
    int pollInterval() const;
    /// Asks for a read now (coalesced with one in flight).
    void wake();
    /// Reads finished so far.
    int reads() const { return m_reads; }
    /// Whether a read is running or asked for.
    bool busy() const { return m_busy || m_again; }

signals:
    /// What a read found (handlers may move the runs out of it: one 100k-point curve is not copied again).
    void updated(const std::shared_ptr<losscast::app::FollowSnapshot>& snapshot);

private:
    void startRead();
    void onReadFinished();
    void watchAgain();

    QString m_path;
    std::shared_ptr<core::workspace::FollowedLog> m_log;
    QFileSystemWatcher* m_watcher = nullptr;
    QTimer* m_timer = nullptr;
    QFutureWatcher<std::shared_ptr<FollowSnapshot>> m_future;
    bool m_busy = false, m_again = false;
    int m_reads = 0;
};

} // namespace losscast::app

Q_DECLARE_METATYPE(losscast::app::FollowSnapshot)
