#include "walsync.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace Flotilla {

WalSync::~WalSync()
{
    close();
}

bool WalSync::open(const QString &databasePath, QString *error)
{
    const QByteArray wal = QFile::encodeName(databasePath + QStringLiteral("-wal"));
    m_wal = ::open(wal.constData(), O_RDONLY | O_CLOEXEC);
    // What opening wrote (a migration), and the directory entries of the
    // database and its WAL, which SQLite syncs only at FULL.
    const int directory = ::open(QFile::encodeName(QFileInfo(databasePath).absolutePath()).constData(),
                                 O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    const bool synced = m_wal >= 0 && ::fdatasync(m_wal) == 0 && directory >= 0 && ::fsync(directory) == 0;
    if (directory >= 0)
        ::close(directory);
    if (m_wal < 0 || !synced) {
        *error = QStringLiteral("cannot open the write-ahead log %1 to sync it: %2")
                     .arg(QFile::decodeName(wal), qt_error_string(errno));
        return false;
    }
    m_thread = std::thread(&WalSync::run, this);
    return true;
}

void WalSync::close()
{
    if (m_thread.joinable()) {
        {
            const std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_one();
        m_thread.join();
    }
    if (m_wal >= 0)
        ::close(m_wal);
    m_wal = -1;
}

void WalSync::request(qint64 seq, bool awaited)
{
    {
        const std::lock_guard lock(m_mutex);
        if (seq > m_requested) {
            if (m_requested <= m_covered)
                m_due = std::chrono::steady_clock::now() + backgroundDelay;
            m_requested = seq;
        }
        m_awaited = m_awaited || (awaited && seq > m_covered);
    }
    m_wake.notify_one();
}

bool WalSync::busy() const
{
    const std::lock_guard lock(m_mutex);
    return m_syncing;
}

bool WalSync::syncNow(QString *error)
{
    if (::fdatasync(m_wal) == 0)
        return true;
    *error = QStringLiteral("cannot write the database's log to the disk: %1").arg(qt_error_string(errno));
    return false;
}

void WalSync::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || m_requested > m_covered; });
        if (m_requested <= m_covered)
            return; // stopping, with nothing left to sync
        m_wake.wait_until(lock, m_due, [this] { return m_awaited || m_stopping; });
        const qint64 seq = m_covered = m_requested;
        m_awaited = false;
        m_syncing = true;
        lock.unlock();
        QString error;
        const bool done = syncNow(&error);
        lock.lock();
        m_syncing = false; // before the signal: its receiver commits what waited for this sync
        lock.unlock();
        if (done)
            Q_EMIT synced(seq);
        else
            Q_EMIT failed(seq, error);
        lock.lock();
    }
}

} // namespace Flotilla
