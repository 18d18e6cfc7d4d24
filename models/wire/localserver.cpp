#include "localserver.h"

#include <QFile>
#include <QLockFile>

#include <cerrno>
#include <signal.h>

namespace Flotilla {

QString LocalServer::lockPath(const QString &dataDir)
{
    return dataDir + QStringLiteral("/control-plane.lock");
}

QString LocalServer::urlPath(const QString &dataDir)
{
    return dataDir + QStringLiteral("/control-plane.url");
}

QString LocalServer::tokenPath(const QString &dataDir)
{
    return dataDir + QStringLiteral("/control-plane.token");
}

bool LocalServer::lockHolderAlive(const QString &dataDir)
{
    const QLockFile lock(lockPath(dataDir));
    qint64 pid = 0;
    QString host, app;
    // EPERM: alive, but another user's.
    return lock.getLockInfo(&pid, &host, &app) && pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM);
}

static QByteArray fileText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray();
}

std::optional<LocalServer> LocalServer::find(const QString &dataDir)
{
    if (!lockHolderAlive(dataDir))
        return std::nullopt;
    const QUrl url(QString::fromUtf8(fileText(urlPath(dataDir))));
    if (!url.isValid() || url.isEmpty())
        return std::nullopt;
    return LocalServer{url, fileText(tokenPath(dataDir))};
}

} // namespace Flotilla
