#pragma once

#include <QObject>
#include <QStringList>

class QLocalServer;

namespace Flotilla {

// One flotilla-desktop per user and data dir. The first start listens on a
// local socket in the user's runtime dir; a later start hands its arguments
// (a flotilla:// link, --watch RUN_ID...) to it and exits, and the first one
// acts on them (argumentsReceived). A socket left by a crashed start answers
// nobody: it is removed and this start listens instead.
class SingleInstance final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SingleInstance)

public:
    // `dataDir` is the local control plane's: starts on other data dirs
    // (tests, a second setup) are instances of their own.
    SingleInstance(const QString &dataDir, bool isDefaultDataDir, QObject *parent = nullptr);
    ~SingleInstance() override;

    // The socket's path: flotilla-desktop-<uid>[-<data dir hash>] in the runtime dir.
    QString serverName() const { return m_serverName; }

    // Gives `arguments` (a whole command line, the program first) to a
    // running instance, waiting up to `timeoutMs` for it to take them.
    // Blocking is fine here: it runs before the event loop, at start. false:
    // no instance took them.
    bool handOver(const QStringList &arguments, int timeoutMs = 5000);
    // Becomes the instance the next starts hand over to; false (with a
    // warning) when the socket cannot be made, and the app runs on alone.
    bool listen();

Q_SIGNALS:
    // A later start's command line (the program first).
    void argumentsReceived(const QStringList &arguments);

private:
    void accept();

    QString m_serverName;
    QLocalServer *m_server = nullptr;
};

} // namespace Flotilla
