#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <optional>

namespace Flotilla {

// How clients find the control plane serving a data dir (api-contract §8).
// Its lock file names a live process; beside it the holder publishes the URL
// it serves and its bearer token, both readable by their owner only, so a
// client of the same user needs no configuration and another user finds
// nothing to read. The control plane writes these files (DataDirLock); the
// CLI and the desktop app read them here.
struct LocalServer
{
    QUrl url;
    QByteArray token; // empty: none made yet, or not readable by this user

    static QString lockPath(const QString &dataDir);
    static QString urlPath(const QString &dataDir);
    static QString tokenPath(const QString &dataDir);

    // Whether the process the lock file names is alive (maybe another user's).
    static bool lockHolderAlive(const QString &dataDir);
    // The control plane serving `dataDir`, if its process is alive and has
    // published its URL.
    static std::optional<LocalServer> find(const QString &dataDir);
};

} // namespace Flotilla
