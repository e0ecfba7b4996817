// The window's followed logs: FollowedLog::poll on a pool thread, woken by QFileSystemWatcher and a timer.
#include "app/gui/follower.h"

#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>
#include <QtConcurrent>

#include <chrono>

namespace losscast::app {

namespace {

/// One read: only the appended bytes are parsed; the runs are copied out only when they changed (and handed
/// over by pointer: a 100k-point curve is not copied again on the GUI thread).
std::shared_ptr<FollowSnapshot> readOnce(core::workspace::FollowedLog& log)
{
    const auto t0 = std::chrono::steady_clock::now();
    auto out = std::make_shared<FollowSnapshot>();
    FollowSnapshot& s = *out;
    const core::workspace::FollowUpdate u = log.poll();
    s.changed = u.changed;
    s.reread = u.reread;
    s.bytesParsed = u.bytesParsed;
    s.readError = QString::fromStdString(log.readError());
    if (s.changed) {
        s.runs = log.runs();
        for (const auto& d : log.diagnostics())
            s.warnings << QString::fromStdString(d.toString());
    }
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

} // namespace

Follower::Follower(const QString& path, const core::workspace::FollowOptions& options, QObject* parent)
    : QObject(parent), m_path(path),
      m_log(std::make_shared<core::workspace::FollowedLog>(path.toStdString(), options))
{
    qRegisterMetaType<FollowSnapshot>();
    m_watcher = new QFileSystemWatcher(this);
    // The file itself (appends) and its folder (a file replaced by a rename drops out of the watch list; a
    // file not there yet appears in it).
    watchAgain();
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, [this] {
        watchAgain();
        wake();
    });
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] {
        watchAgain();
        wake();
    });
    m_timer = new QTimer(this);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &Follower::wake);
    m_timer->start();
    connect(&m_future, &QFutureWatcher<std::shared_ptr<FollowSnapshot>>::finished, this,
            &Follower::onReadFinished);
    startRead();
}

Follower::~Follower()
{
    m_future.disconnect(this);
    m_future.waitForFinished();
}

void Follower::setPollInterval(int ms)
{
    m_timer->setInterval(std::max(10, ms));
}

int Follower::pollInterval() const
{
    return m_timer->interval();
}

void Follower::watchAgain()
{
    // The log's folder too: a file replaced by a rename drops out of the watch list, and a file that does
    // not exist yet appears in its folder. A W&B run folder is followed through the history file inside it
    // (the same candidates FollowedLog reads; the log itself is only touched by the read in flight).
    const QFileInfo fi(m_path);
    QStringList files;
    QString dir;
    if (fi.isDir()) {
        dir = m_path;
        files << QDir(m_path).filePath(QStringLiteral("wandb-history.jsonl"))
              << QDir(m_path).filePath(QStringLiteral("files/wandb-history.jsonl"));
    } else {
        dir = fi.absolutePath();
        files << m_path;
    }
    if (QFileInfo(dir).isDir() && !m_watcher->directories().contains(dir))
        m_watcher->addPath(dir);
    for (const QString& f : files)
        if (QFileInfo(f).isFile() && !m_watcher->files().contains(f))
            m_watcher->addPath(f);
}

void Follower::wake()
{
    if (m_busy) {
        m_again = true;
        return;
    }
    startRead();
}

void Follower::startRead()
{
    m_busy = true;
    m_again = false;
    std::shared_ptr<core::workspace::FollowedLog> log = m_log;
    m_future.setFuture(QtConcurrent::run([log] { return readOnce(*log); }));
}

void Follower::onReadFinished()
{
    m_busy = false;
    ++m_reads;
    const std::shared_ptr<FollowSnapshot> s = m_future.result();
    if (m_again)
        startRead();
    emit updated(s);
}

} // namespace losscast::app
