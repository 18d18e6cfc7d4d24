#include "datadirlock.h"

#include "privatefile.h"

#include <wire/localserver.h>

#include <QFile>

namespace Flotilla {

// A holder killed while one of its children was between fork and exec
// leaves that child sharing the lock file's flock until it execs or exits,
// and QLockFile does not remove a stale lock that is still flocked.
static constexpr int deadHolderWaitMs = 5000;

DataDirLock::DataDirLock(const QString &dataDir)
    : m_dataDir(dataDir)
    , m_lock(LocalServer::lockPath(dataDir))
{
    m_lock.setStaleLockTime(0); // only a dead holder makes the lock stale
}

DataDirLock::~DataDirLock()
{
    if (m_published)
        QFile::remove(LocalServer::urlPath(m_dataDir));
    m_lock.unlock();
}

bool DataDirLock::tryLock(QString *holder)
{
    if (m_lock.tryLock(0)
        || (m_lock.error() == QLockFile::LockFailedError && !LocalServer::lockHolderAlive(m_dataDir)
            && m_lock.tryLock(deadHolderWaitMs))) {
        QFile::setPermissions(LocalServer::lockPath(m_dataDir), QFile::ReadOwner | QFile::WriteOwner);
        QFile::remove(LocalServer::urlPath(m_dataDir)); // left by a holder that died
        return true;
    }
    if (m_lock.error() != QLockFile::LockFailedError) {
        *holder = QStringLiteral("cannot lock the data dir %1: check that it exists and is writable by this user")
                      .arg(m_dataDir);
        return false;
    }
    qint64 pid = 0;
    QString host, app;
    m_lock.getLockInfo(&pid, &host, &app);
    const std::optional<LocalServer> running = LocalServer::find(m_dataDir);
    *holder = QStringLiteral("another control plane (pid %1) already serves %2%3")
                  .arg(pid)
                  .arg(m_dataDir, running ? QStringLiteral(" at ") + running->url.toString() : QString());
    return false;
}

bool DataDirLock::publish(const QUrl &url, const QByteArray &token, QString *error)
{
    // The token first: a client that finds the URL finds the token too. It
    // stays when the holder ends, for the next start (a --no-token holder
    // leaves it alone: clients may send it, it is not checked).
    if (!token.isEmpty() && !writePrivateFile(LocalServer::tokenPath(m_dataDir), token + '\n', error))
        return false;
    m_published = writePrivateFile(LocalServer::urlPath(m_dataDir), url.toString().toUtf8() + '\n', error);
    return m_published;
}

} // namespace Flotilla
