#pragma once

#include <QObject>
#include <QThread>

#include <optional>

namespace Flotilla {

// Syncs one file to the disk on a thread of its own, so the event loop goes
// on (runs are placed, other clients answered) while the disk works. Requests
// made while a sync is under way share the next one: a burst of writes costs
// a sync or two, not one each.
class FileSyncer final : public QObject
{
    Q_OBJECT
public:
    explicit FileSyncer(QObject *parent = nullptr);
    ~FileSyncer() override;

    void setPath(const QByteArray &path) { m_path = path; }
    // Syncs all that was written to the file before this call; synced(mark) follows.
    void request(qint64 mark);

    // Syncs `path` here and now: 0, or the errno of the failure. A file that
    // does not exist holds nothing to sync.
    static int syncFile(const QByteArray &path);

Q_SIGNALS:
    // `error`: 0, or the errno of a failed sync (what it covered is not known to be on the disk).
    void synced(qint64 mark, int error);

private:
    void start(qint64 mark);

    QByteArray m_path;
    QThread m_thread;
    QObject m_worker; // lives on m_thread
    bool m_busy = false;
    std::optional<qint64> m_next;
};

} // namespace Flotilla
