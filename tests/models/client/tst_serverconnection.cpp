// ServerConnection against a real control plane: connecting, the client
// cache, failures, and that superseded clients (each with its own network
// access manager) go away once nothing uses them.
#include "testserver.h"

#include <client/flotillaclient.h>
#include <client/serverconnection.h>

#include <QPointer>
#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_ServerConnection final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void localConnectsOnceItsServerIsKnown();
    void aProfileWithoutUrlFailsWithWhatToFix();
    void cachedClientsAreReused();
    void autoFlavourIsSettledBeforeConnected();
    void reconnectDeletesTheOldClient();
    void forgetClientsDeletesTheUnusedOnes();
    void supersededAttemptDeletesItsClient();

private:
    ServerProfile remote(const QString &name, ServerFlavour flavour = ServerFlavour::ControlPlane) const;
    int liveClients() const { return int(m_connection->findChildren<FlotillaClient *>().size()); }

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ServerConnection> m_connection;
};

void Tst_ServerConnection::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
}

void Tst_ServerConnection::init()
{
    m_connection = std::make_unique<ServerConnection>();
    m_connection->setLocalServer(m_server->url(), m_server->token());
}

void Tst_ServerConnection::cleanup()
{
    m_connection.reset();
}

ServerProfile Tst_ServerConnection::remote(const QString &name, ServerFlavour flavour) const
{
    ServerProfile profile;
    profile.name = name;
    profile.baseUrl = m_server->url();
    profile.flavour = flavour;
    return profile;
}

void Tst_ServerConnection::localConnectsOnceItsServerIsKnown()
{
    ServerConnection connection;
    QSignalSpy connected(&connection, &ServerConnection::connected);
    connection.connectTo(ServerProfile::local());
    QCOMPARE(connection.state(), ServerConnection::State::Connecting);
    QVERIFY(!connection.client());
    connection.setLocalServer(m_server->url(), m_server->token());
    QCOMPARE(connection.state(), ServerConnection::State::Connected);
    QCOMPARE(connected.size(), 1);
    QCOMPARE(connection.client()->baseUrl(), m_server->url());
    QCOMPARE(connection.localClient(), connection.client());
}

void Tst_ServerConnection::aProfileWithoutUrlFailsWithWhatToFix()
{
    ServerProfile empty = remote(QStringLiteral("empty"));
    empty.baseUrl.clear();
    QSignalSpy failed(m_connection.get(), &ServerConnection::failed);
    m_connection->connectTo(empty);
    QCOMPARE(m_connection->state(), ServerConnection::State::Failed);
    QCOMPARE(failed.size(), 1);
    QVERIFY2(m_connection->errorString().contains(QStringLiteral("Settings")), qPrintable(m_connection->errorString()));
}

void Tst_ServerConnection::cachedClientsAreReused()
{
    m_connection->connectTo(remote(QStringLiteral("a")));
    FlotillaClient *a = m_connection->client();
    m_connection->connectTo(remote(QStringLiteral("b")));
    QVERIFY(m_connection->client() != a);
    m_connection->connectTo(remote(QStringLiteral("a")));
    QCOMPARE(m_connection->client(), a);
}

void Tst_ServerConnection::autoFlavourIsSettledBeforeConnected()
{
    QSignalSpy connected(m_connection.get(), &ServerConnection::connected);
    m_connection->connectTo(remote(QStringLiteral("auto"), ServerFlavour::Auto));
    QCOMPARE(m_connection->state(), ServerConnection::State::Connecting);
    QVERIFY(connected.wait(10000));
    QCOMPARE(m_connection->client()->flavour(), ServerFlavour::ControlPlane);
}

void Tst_ServerConnection::reconnectDeletesTheOldClient()
{
    m_connection->connectTo(ServerProfile::local());
    const QPointer<FlotillaClient> old = m_connection->client();
    QVERIFY(old);
    m_connection->reconnect();
    QVERIFY(m_connection->client() && m_connection->client() != old);
    QTRY_VERIFY(old.isNull());
    QCOMPARE(liveClients(), 1);
}

void Tst_ServerConnection::forgetClientsDeletesTheUnusedOnes()
{
    m_connection->connectTo(remote(QStringLiteral("a")));
    const QPointer<FlotillaClient> a = m_connection->client();
    m_connection->connectTo(remote(QStringLiteral("b")));
    const QPointer<FlotillaClient> b = m_connection->client();
    m_connection->forgetClients();
    QTRY_VERIFY(a.isNull());
    QVERIFY(b); // still the one shown
    m_connection->connectTo(remote(QStringLiteral("b")));
    QVERIFY(m_connection->client() != b); // afresh
    QTRY_VERIFY(b.isNull());
    QCOMPARE(liveClients(), 1);
}

void Tst_ServerConnection::supersededAttemptDeletesItsClient()
{
    m_connection->connectTo(remote(QStringLiteral("auto"), ServerFlavour::Auto)); // detection in flight
    QCOMPARE(liveClients(), 1);
    const QPointer<FlotillaClient> superseded = m_connection->findChild<FlotillaClient *>();
    m_connection->connectTo(remote(QStringLiteral("a")));
    QCOMPARE(m_connection->state(), ServerConnection::State::Connected);
    QVERIFY(m_connection->client() != superseded);
    QTRY_VERIFY_WITH_TIMEOUT(superseded.isNull(), 10000);
    QCOMPARE(liveClients(), 1);
}

QTEST_GUILESS_MAIN(Tst_ServerConnection)
#include "tst_serverconnection.moc"
