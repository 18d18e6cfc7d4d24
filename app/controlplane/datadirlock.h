#pragma once

#include <QLockFile>
#include <QUrl>

#include <optional>

namespace Flotilla {

// One control plane per data dir. `control-plane.lock` is the lock (a stale
// one from a dead process is taken over); `control-plane.url` next to it
// names the URL the holder serves, for a second instance's message and for
// clients looking for the local server.
class DataDirLock final
{
    Q_DISABLE_COPY_MOVE(DataDirLock)
public:
    explicit DataDirLock(const QString &dataDir);
    ~DataDirLock();

    // False when another live process holds the dir; `holder` says which.
    bool tryLock(QString *holder);
    bool publish(const QUrl &url);

    // The URL of the control plane serving `dataDir`, if one is alive.
    static std::optional<QUrl> runningServer(const QString &dataDir);

private:
    QString m_dataDir;
    QLockFile m_lock;
    bool m_published = false;
};

} // namespace Flotilla
