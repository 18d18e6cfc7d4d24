#pragma once

#include <QObject>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace Flotilla {

// Group commit for the store. Its connection commits without syncing
// (synchronous=NORMAL: still atomic, only not yet durable) and this makes
// the commits durable with an fdatasync of the WAL on a thread of its own.
// The event loop goes on reading, parsing and writing while the disk syncs,
// and whatever was committed meanwhile is made durable by the next sync, all
// at once: a turn's commit no longer stops the server for a sync, and one
// sync serves as many commits as came during the one before.
class WalSync final : public QObject
{
    Q_OBJECT
public:
    WalSync() = default;
    ~WalSync() override;

    // The WAL of `databasePath`, which its connection has created.
    bool open(const QString &databasePath, QString *error);
    // Syncs what was asked for, then ends the thread.
    void close();
    // How long a sync no answer waits for is held back for one that an
    // answer waits for to take it along: a sync in flight makes the next
    // one wait for it, so a launch would otherwise wait for two.
    static constexpr std::chrono::milliseconds backgroundDelay{5};

    // Everything numbered up to `seq` is committed: synced(seq) or failed(seq)
    // follows, at once when `awaited`, else within backgroundDelay.
    void request(qint64 seq, bool awaited);
    // Everything committed so far, on the calling thread, now. False with `error`.
    bool syncNow(QString *error);
    // A sync is under way on the thread: what is committed now waits for the next one.
    bool busy() const;

Q_SIGNALS:
    // From the sync thread: everything numbered up to `seq` is on the disk.
    void synced(qint64 seq);
    // From the sync thread: the disk refused (EIO); what was numbered up to `seq` may not be on it.
    void failed(qint64 seq, const QString &error);

private:
    void run();

    int m_wal = -1;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    // Under m_mutex:
    qint64 m_requested = 0;
    qint64 m_covered = 0;                        // by the sync in flight or done
    bool m_awaited = false;                      // something after m_covered is awaited
    std::chrono::steady_clock::time_point m_due; // of the first request after m_covered
    bool m_syncing = false;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace Flotilla
