#pragma once

#include "serverprofile.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

namespace Flotilla {

class FlotillaClient;

// The server the app shows: turns a profile into a ready FlotillaClient by
// reading its secrets from the keychain and settling an auto flavour, and
// keeps one client (one QNetworkAccessManager) per profile for reuse.
// "local" needs the local control plane's URL and token (setLocalServer) first.
//
// A client superseded (by a reconnect, forgetClients() or a newer attempt) is
// deleted once no job of it is in flight and no holder (holdClient) is left:
// each has its own QNetworkAccessManager.
class ServerConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerConnection)

public:
    enum class State { Idle, Connecting, Connected, Failed };
    Q_ENUM(State)

    explicit ServerConnection(QObject *parent = nullptr);
    ~ServerConnection() override;

    // Where the local control plane listens and the token it wants (empty: none).
    void setLocalServer(const QUrl &url, const QByteArray &token);
    QUrl localUrl() const { return m_localUrl; }

    // Starts connecting; a later call wins over an earlier one still going.
    void connectTo(const ServerProfile &profile);
    // Connects to the current profile again (after a failure, or to pick up
    // edited settings), dropping its cached client.
    void reconnect();
    // Makes every profile connect afresh next time (its settings changed).
    void forgetClients();

    State state() const { return m_state; }
    const ServerProfile &profile() const { return m_profile; }
    FlotillaClient *client() const; // null unless Connected
    QString errorString() const { return m_error; }
    // The client of profile "local" once connected to it at least once.
    FlotillaClient *localClient() const;
    // Keeps `client` alive while `holder` exists, even once superseded: a run
    // window, a dialog or a watcher goes on with the client it started with.
    void holdClient(FlotillaClient *client, QObject *holder);

Q_SIGNALS:
    void stateChanged(Flotilla::ServerConnection::State state);
    void connected(Flotilla::FlotillaClient *client);
    void failed(const QString &error);

private:
    void setState(State state);
    void fail(const QString &error);
    void settleFlavour();
    bool isInUse(FlotillaClient *client) const;
    // Deletes the superseded clients nothing uses any more.
    void deleteUnusedClients();

    QUrl m_localUrl;
    QByteArray m_localToken;
    ServerProfile m_profile;
    QHash<QString, FlotillaClient *> m_clients; // by profile name
    QPointer<FlotillaClient> m_client;
    QPointer<FlotillaClient> m_shown; // the last one connected() handed out
    QMultiHash<FlotillaClient *, QObject *> m_holders;
    State m_state = State::Idle;
    QString m_error;
    quint64 m_attempt = 0; // answers of superseded attempts are dropped
};

} // namespace Flotilla
