#pragma once

#include <wire/run.h>

#include <QObject>
#include <QPointer>

class QWidget;

namespace Flotilla {

class FlotillaClient;
class ServerConnection;

// Asks before quitting while runs of the local control plane are active:
// leave them running (the next start picks them up) or stop them and quit.
// The question is window-modal (open()); no nested event loop waits for it.
class QuitGuard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuitGuard)

public:
    QuitGuard(ServerConnection *connection, QWidget *window);

    void setEnabled(bool ask) { m_enabled = ask; }
    // True: quit now. False: the guard is finding out (asking the server, then
    // the user); quitConfirmed() follows once the answer allows quitting.
    bool mayQuit();

Q_SIGNALS:
    void quitConfirmed();

private:
    void ask(FlotillaClient *client, const QList<Run> &active);
    void stopAll(FlotillaClient *client, const QList<Run> &active);
    void confirm();

    ServerConnection *m_connection;
    QWidget *m_window;
    bool m_enabled = true;
    bool m_confirmed = false;
    bool m_asking = false;
};

} // namespace Flotilla
