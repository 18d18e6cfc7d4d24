#pragma once

#include <QLockFile>
#include <QUrl>

namespace Flotilla {

// One control plane per data dir. `control-plane.lock` is the lock (a stale
// one from a dead process is taken over); next to it the holder publishes
// the URL it serves (removed when it ends) and its token, for a second
// instance's message and for clients looking for the local server
// (LocalServer::find).
class DataDirLock final
{
    Q_DISABLE_COPY_MOVE(DataDirLock)
public:
    explicit DataDirLock(const QString &dataDir);
    ~DataDirLock();

    // False when another live process holds the dir; `holder` says which.
    bool tryLock(QString *holder);
    // Writes the token (unless empty) and the URL, owner-only.
    bool publish(const QUrl &url, const QByteArray &token, QString *error);

private:
    QString m_dataDir;
    QLockFile m_lock;
    bool m_published = false;
};

} // namespace Flotilla
