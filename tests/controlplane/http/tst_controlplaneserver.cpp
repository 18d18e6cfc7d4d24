// ControlPlaneServer's held requests (the change feed's `wait`, a launch
// until its commit) over real HTTP: a client gone while held, the cap on
// held requests, and a second request on a held connection.
#include "testserver.h"

#include <http/controlplaneserver.h>

#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

const QString heldForever = QStringLiteral("/api/v6/changes?since=0&wait=30");

Json definitionBody(const char *alias)
{
    return Json{{"alias", alias}, {"image", "busybox"}, {"command", "true"}};
}

} // namespace

class Tst_ControlPlaneServer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void clientGoneWhileHeld();
    void heldBeyondTheCapAnsweredAtOnce();
    void nextRequestOnAHeldConnectionAnswersItFirst();
    void launchFollowedAtOnceByAnotherRequest();

private:
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpTestClient> m_client;
};

void Tst_ControlPlaneServer::init()
{
    m_server = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_client = std::make_unique<HttpTestClient>(*m_server);
}

void Tst_ControlPlaneServer::cleanup()
{
    m_client.reset();
    m_server.reset();
}

void Tst_ControlPlaneServer::clientGoneWhileHeld()
{
    auto gone = std::make_unique<RawClient>();
    QVERIFY(sendHeld(*gone, *m_server, heldForever));
    RawClient stays;
    QVERIFY(sendHeld(stays, *m_server, heldForever));
    gone.reset();
    // A round trip sent after the close: the server has seen it by the answer.
    QCOMPARE(m_client->get(QStringLiteral("/api/v6/health")).status, 200);
    // The write wakes what is held: the one that stays gets it, the gone one is dropped.
    const QString definitionId = createDefinition(*m_client, definitionBody("woken"));
    QVERIFY(!definitionId.isEmpty());

    const std::optional<RawResponse> answer = stays.readResponse(5000);
    QVERIFY(answer);
    QCOMPARE(answer->status, 200);
    QVERIFY2(answer->body.contains(definitionId.toUtf8()), answer->body.constData());
    QCOMPARE(m_client->get(QStringLiteral("/api/v6/changes")).status, 200);
}

void Tst_ControlPlaneServer::heldBeyondTheCapAnsweredAtOnce()
{
    std::vector<std::unique_ptr<RawClient>> held;
    for (qsizetype i = 0; i < ControlPlaneServer::maxHeld; ++i) {
        held.push_back(std::make_unique<RawClient>());
        QVERIFY(sendHeld(*held.back(), *m_server, heldForever));
    }
    RawClient beyond;
    QVERIFY(beyond.connectTo(m_server->url()));
    beyond.send(rawGet(m_server->url(), m_server->token(), heldForever));
    // Well before the 30 s of its wait: with what there is, nothing.
    const std::optional<RawResponse> atOnce = beyond.readResponse(5000);
    QVERIFY(atOnce);
    QCOMPARE(atOnce->status, 200);
    QCOMPARE(atOnce->json()["changes"].size(), 0u);

    // The held ones still wait for a change, and all get it.
    const QString definitionId = createDefinition(*m_client, definitionBody("many"));
    QVERIFY(!definitionId.isEmpty());
    for (const auto &client : held) {
        const std::optional<RawResponse> answer = client->readResponse(5000);
        QVERIFY(answer);
        QVERIFY2(answer->body.contains(definitionId.toUtf8()), answer->body.constData());
    }
}

void Tst_ControlPlaneServer::nextRequestOnAHeldConnectionAnswersItFirst()
{
    RawClient client;
    QVERIFY(sendHeld(client, *m_server, heldForever));
    client.send(rawGet(m_server->url(), m_server->token(), QStringLiteral("/api/v6/health")));
    const std::optional<RawResponse> first = client.readResponse(5000);
    QVERIFY(first);
    QCOMPARE(first->json()["changes"].size(), 0u);
    const std::optional<RawResponse> second = client.readResponse(5000);
    QVERIFY(second);
    QCOMPARE(second->body, QByteArray(R"({"status":"healthy"})"));
}

void Tst_ControlPlaneServer::launchFollowedAtOnceByAnotherRequest()
{
    const QString definitionId = createDefinition(*m_client, definitionBody("pipelined"));
    QVERIFY(!definitionId.isEmpty());
    const QUrl url = m_server->url();
    const QByteArray body = R"({"run_tags":{"owner_id":"tester"}})";
    const QByteArray launch = "PUT /api/v4/task/" + definitionId.toUtf8()
                              + "/execute HTTP/1.1\r\nHost: " + url.host().toUtf8() + ':'
                              + QByteArray::number(url.port()) + "\r\nAuthorization: Bearer " + m_server->token()
                              + "\r\nContent-Type: application/json\r\nContent-Length: "
                              + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    RawClient client;
    QVERIFY(client.connectTo(url));
    // One write: the launch is held for its commit when the next request is
    // read, which makes the server commit and answer it there and then.
    client.send(launch + rawGet(url, m_server->token(), QStringLiteral("/api/v6/health")));
    const std::optional<RawResponse> first = client.readResponse(10000);
    QVERIFY(first);
    QCOMPARE(first->status, 200);
    QCOMPARE(first->json().value("status", ""), "QUEUED");
    const std::optional<RawResponse> second = client.readResponse(10000);
    QVERIFY(second);
    QCOMPARE(second->body, QByteArray(R"({"status":"healthy"})"));
}

QTEST_MAIN(Tst_ControlPlaneServer)
#include "tst_controlplaneserver.moc"
