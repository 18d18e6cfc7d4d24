#include "datadirlock.h"

#include <QFile>
#include <QSaveFile>

#include <cerrno>
#include <signal.h>

namespace Flotilla {

static QString lockPath(const QString &dataDir)
{
    return dataDir + QStringLiteral("/control-plane.lock");
}

static QString urlPath(const QString &dataDir)
{
    return dataDir + QStringLiteral("/control-plane.url");
}

// The pid the lock file names, if that process is alive.
static std::optional<qint64> livePid(const QLockFile &lock)
{
    qint64 pid = 0;
    QString host, app;
    if (!lock.getLockInfo(&pid, &host, &app) || pid <= 0 || (::kill(pid_t(pid), 0) != 0 && errno != EPERM))
        return std::nullopt;
    return pid;
}

// A holder killed while one of its children was between fork and exec
// leaves that child sharing the lock file's flock until it execs or exits,
// and QLockFile does not remove a stale lock that is still flocked.
static constexpr int deadHolderWaitMs = 5000;

DataDirLock::DataDirLock(const QString &dataDir)
    : m_dataDir(dataDir)
    , m_lock(lockPath(dataDir))
{
    m_lock.setStaleLockTime(0); // only a dead holder makes the lock stale
}

DataDirLock::~DataDirLock()
{
    if (m_published)
        QFile::remove(urlPath(m_dataDir));
    m_lock.unlock();
}

bool DataDirLock::tryLock(QString *holder)
{
    if (m_lock.tryLock(0)
        || (m_lock.error() == QLockFile::LockFailedError && !livePid(m_lock) && m_lock.tryLock(deadHolderWaitMs))) {
        QFile::setPermissions(lockPath(m_dataDir), QFile::ReadOwner | QFile::WriteOwner);
        QFile::remove(urlPath(m_dataDir)); // left by a holder that died
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
    const std::optional<QUrl> url = runningServer(m_dataDir);
    *holder = QStringLiteral("another control plane (pid %1) already serves %2%3")
                  .arg(pid)
                  .arg(m_dataDir, url ? QStringLiteral(" at ") + url->toString() : QString());
    return false;
}

bool DataDirLock::publish(const QUrl &url)
{
    QSaveFile file(urlPath(m_dataDir));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(url.toString().toUtf8() + '\n');
    m_published = file.commit();
    QFile::setPermissions(urlPath(m_dataDir), QFile::ReadOwner | QFile::WriteOwner);
    return m_published;
}

std::optional<QUrl> DataDirLock::runningServer(const QString &dataDir)
{
    if (!livePid(QLockFile(lockPath(dataDir))))
        return std::nullopt;
    QFile file(urlPath(dataDir));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QUrl url(QString::fromUtf8(file.readAll().trimmed()));
    return url.isValid() && !url.isEmpty() ? std::optional<QUrl>(url) : std::nullopt;
}

} // namespace Flotilla
