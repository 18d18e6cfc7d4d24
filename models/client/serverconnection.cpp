#include "serverconnection.h"

#include "flavourdetectionjob.h"
#include "flotillaclient.h"
#include "secretjob.h"

#include <algorithm>

namespace Flotilla {

ServerConnection::ServerConnection(QObject *parent)
    : QObject(parent)
{}

ServerConnection::~ServerConnection() = default;

void ServerConnection::setLocalServer(const QUrl &url, const QByteArray &token)
{
    m_localUrl = url;
    m_localToken = token;
    if (FlotillaClient *local = m_clients.value(ServerProfile::localName.toString())) {
        local->setBaseUrl(url);
        local->setBearerToken(QString::fromUtf8(token));
    }
    if (m_profile.isLocal() && m_state != State::Connected)
        connectTo(m_profile);
}

FlotillaClient *ServerConnection::client() const
{
    return m_state == State::Connected ? m_client.data() : nullptr;
}

FlotillaClient *ServerConnection::localClient() const
{
    return m_clients.value(ServerProfile::localName.toString());
}

void ServerConnection::connectTo(const ServerProfile &profile)
{
    const quint64 attempt = ++m_attempt;
    m_profile = profile;
    m_error.clear();
    const QUrl url = profile.isLocal() ? m_localUrl : profile.baseUrl;
    if (url.isEmpty()) {
        m_client = nullptr;
        deleteUnusedClients();
        if (!profile.isLocal())
            return fail(tr("Profile \"%1\" has no server URL; set one in Settings.").arg(profile.name));
        // The local control plane is still starting: setLocalServer() goes on.
        return setState(State::Connecting);
    }
    setState(State::Connecting);
    if (FlotillaClient *cached = m_clients.value(profile.name)) {
        m_client = cached;
        m_shown = cached;
        setState(State::Connected);
        Q_EMIT connected(cached);
        return deleteUnusedClients();
    }
    auto *client = new FlotillaClient(url, profile.flavour, this);
    m_client = client;
    deleteUnusedClients(); // an attempt still going is superseded
    if (profile.isLocal())
        client->setBearerToken(QString::fromUtf8(m_localToken));
    if (!profile.hasSecrets)
        return settleFlavour();
    auto *read = new SecretJob(SecretJob::Operation::Read, profile.name, this);
    connect(read, &SecretJob::finished, this, [this, attempt, client](SecretJob *job) {
        if (attempt != m_attempt)
            return;
        if (!job->succeeded())
            return fail(job->errorString());
        job->secrets().applyTo(client);
        settleFlavour();
    });
    read->start();
}

void ServerConnection::reconnect()
{
    m_clients.remove(m_profile.name);
    connectTo(m_profile);
}

void ServerConnection::forgetClients()
{
    m_clients.clear();
    deleteUnusedClients();
}

void ServerConnection::holdClient(FlotillaClient *client, QObject *holder)
{
    if (!client || client->parent() != this)
        return;
    m_holders.insert(client, holder);
    connect(holder, &QObject::destroyed, this, [this, client, holder] {
        m_holders.remove(client, holder);
        deleteUnusedClients();
    });
}

bool ServerConnection::isInUse(FlotillaClient *client) const
{
    return client == m_client || client == m_shown || m_holders.contains(client)
           || std::find(m_clients.cbegin(), m_clients.cend(), client) != m_clients.cend();
}

void ServerConnection::deleteUnusedClients()
{
    for (FlotillaClient *client : findChildren<FlotillaClient *>(Qt::FindDirectChildrenOnly)) {
        if (isInUse(client))
            continue;
        // Jobs are children of their client: let those in flight finish first.
        const QList<ApiJob *> jobs = client->findChildren<ApiJob *>(Qt::FindDirectChildrenOnly);
        if (jobs.isEmpty()) {
            client->setParent(nullptr); // not found again before it goes
            client->deleteLater();
            continue;
        }
        for (ApiJob *job : jobs)
            connect(job, &QObject::destroyed, this, &ServerConnection::deleteUnusedClients,
                    Qt::ConnectionType(Qt::QueuedConnection | Qt::UniqueConnection));
    }
}

void ServerConnection::settleFlavour()
{
    const quint64 attempt = m_attempt;
    FlotillaClient *client = m_client;
    const auto ready = [this, client] {
        m_clients.insert(m_profile.name, client);
        m_shown = client;
        setState(State::Connected);
        Q_EMIT connected(client);
        deleteUnusedClients();
    };
    if (client->flavour() != ServerFlavour::Auto)
        return ready();
    FlavourDetectionJob *detection = client->detectFlavour();
    connect(detection, &ApiJob::finished, this, [this, attempt, detection, ready] {
        if (attempt != m_attempt)
            return;
        if (!detection->succeeded())
            return fail(detection->error().sentence());
        ready();
    });
    detection->start();
}

void ServerConnection::fail(const QString &error)
{
    m_error = error;
    m_client = nullptr;
    setState(State::Failed);
    Q_EMIT failed(error);
    deleteUnusedClients();
}

void ServerConnection::setState(State state)
{
    if (std::exchange(m_state, state) != state)
        Q_EMIT stateChanged(state);
}

} // namespace Flotilla
