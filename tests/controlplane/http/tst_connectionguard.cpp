// ConnectionGuard: oversized bodies, chunked bodies and endless headers are
// answered before QHttpServer buffers them (api-contract §8). Real sockets
// to a real control plane.
#include <http/connectionguard.h>
#include <http/httpmessage.h>

#include <rawhttpclient.h>
#include <testserver.h>

#include <QTest>

#include <optional>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

QByteArray getHealth(bool close = false)
{
    return QByteArrayLiteral("GET /api/v6/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
           + (close ? QByteArrayLiteral("Connection: close\r\n") : QByteArray()) + "\r\n";
}

QByteArray postHead(qint64 contentLength, const QByteArray &extra = {})
{
    return QByteArrayLiteral("POST /api/v6/task HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n")
           + extra + "Content-Length: " + QByteArray::number(contentLength) + "\r\n\r\n";
}

bool isHealthy(const RawResponse &response)
{
    return response.status == 200 && response.json().is_object()
           && response.json().value("status", std::string()) == "healthy";
}

bool hasJsonError(const RawResponse &response)
{
    const Json json = response.json();
    return json.is_object() && json.contains("error") && json["error"].is_string()
           && !json["error"].get<std::string>().empty();
}

} // namespace

class Tst_ConnectionGuard final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void plainRequest();
    void hugeDeclaredBodyRejectedAtOnce_data();
    void hugeDeclaredBodyRejectedAtOnce();
    void overLimitBodyUnderDiscardLimitKeepsConnection_data();
    void overLimitBodyUnderDiscardLimitKeepsConnection();
    void bodyUnderApiLimitAccepted();
    void chunkedBodyNeedsLength();
    void endlessHeaderRejected();
    void headerUnderLimitServed();
    void headerArrivingInPieces();
    void keepAliveRequestsOnOneSocket();
    void pipelinedRequestsOnOneSocket();
    void pipelinedRequestsWithBodies();
    void serverStaysHealthy();

private:
    void checkServerHealthy();

    std::unique_ptr<TestServer> m_server;
};

void Tst_ConnectionGuard::init()
{
    // Framing is the subject here, not access (tst_requestguard): requests
    // name the host without its port and carry no token.
    ControlPlaneOptions options;
    options.tokenRequired = false;
    options.allowedHosts = {QStringLiteral("127.0.0.1")};
    m_server = std::make_unique<TestServer>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
}

void Tst_ConnectionGuard::cleanup()
{
    m_server.reset();
}

void Tst_ConnectionGuard::checkServerHealthy()
{
    HttpTestClient client(*m_server);
    const HttpResult result = client.get(QStringLiteral("/api/v6/health"));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.json().value("status", std::string()), std::string("healthy"));
}

void Tst_ConnectionGuard::plainRequest()
{
    RawClient client;
    QVERIFY(client.connectTo(m_server->url()));
    client.send(getHealth());
    const std::optional<RawResponse> response = client.readResponse();
    QVERIFY(response);
    QVERIFY2(isHealthy(*response), response->body.constData());
    QVERIFY(response->header("content-type").startsWith("application/json"));
}

void Tst_ConnectionGuard::hugeDeclaredBodyRejectedAtOnce_data()
{
    QTest::addColumn<qint64>("length");
    QTest::addColumn<QByteArray>("headerName");
    QTest::newRow("20 MiB") << qint64(20 * 1024 * 1024) << QByteArray("Content-Length");
    QTest::newRow("discard limit + 1") << ConnectionGuard::discardLimit + 1 << QByteArray("Content-Length");
    QTest::newRow("lower-case header") << qint64(20 * 1024 * 1024) << QByteArray("content-length");
    QTest::newRow("1 TiB") << (qint64(1) << 40) << QByteArray("CONTENT-LENGTH");
}

void Tst_ConnectionGuard::hugeDeclaredBodyRejectedAtOnce()
{
    QFETCH(qint64, length);
    QFETCH(QByteArray, headerName);

    RawClient client;
    QVERIFY(client.connectTo(m_server->url()));
    // Only the head: if the server waited for the body, no answer would come.
    client.send("POST /api/v6/task HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + headerName
                + ": " + QByteArray::number(length) + "\r\n\r\n");
    const std::optional<RawResponse> response = client.readResponse();
    QVERIFY2(response, qPrintable(QStringLiteral("no answer; got: ") + QString::fromLatin1(client.unparsed())));
    QCOMPARE(response->status, 413);
    QVERIFY(response->header("content-type").startsWith("application/json"));
    QVERIFY2(hasJsonError(*response), response->body.constData());
    QCOMPARE(response->header("connection").toLower(), QByteArray("close"));
    QVERIFY2(client.waitClosed(), "the server kept the connection open");
    checkServerHealthy();
}

void Tst_ConnectionGuard::overLimitBodyUnderDiscardLimitKeepsConnection_data()
{
    QTest::addColumn<qint64>("size");
    QTest::newRow("2 MiB") << qint64(2 * 1024 * 1024);
    QTest::newRow("1 MiB + 1") << qint64(1024 * 1024 + 1);
    QTest::newRow("discard limit") << ConnectionGuard::discardLimit;
}

void Tst_ConnectionGuard::overLimitBodyUnderDiscardLimitKeepsConnection()
{
    QFETCH(qint64, size);
    RawClient client;
    QVERIFY(client.connectTo(m_server->url()));
    QVERIFY(size <= ConnectionGuard::discardLimit);
    client.send(postHead(size) + QByteArray(size, 'x'));
    const std::optional<RawResponse> response = client.readResponse();
    QVERIFY2(response,
             qPrintable(QStringLiteral("no answer; got: ") + QString::fromLatin1(client.unparsed().left(200))));
    QCOMPARE(response->status, 413);
    QVERIFY2(hasJsonError(*response), response->body.constData());
    QVERIFY2(QString::fromStdString(response->json()["error"].get<std::string>()).contains(QStringLiteral("1048576")),
             response->body.constData());
    QVERIFY(client.isConnected());

    // The same connection serves the next request.
    client.send(getHealth());
    const std::optional<RawResponse> next = client.readResponse();
    QVERIFY2(next, "no answer to a keep-alive request after the 413");
    QVERIFY2(isHealthy(*next), next->body.constData());
}

void Tst_ConnectionGuard::bodyUnderApiLimitAccepted()
{
    // Just under 1 MiB: the guard counts it and lets it through; the API
    // reads it as JSON (a bad definition: 400, not 413).
    RawClient client;
    QVERIFY(client.connectTo(m_server->url()));
    QByteArray body = R"({"alias":"big","image":"alpine","command":")";
    body += QByteArray(900 * 1024, 'a');
    body += R"(","memory":-1})";
    client.send(postHead(body.size()) + body);
    const std::optional<RawResponse> response = client.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status, 400);
    QVERIFY2(hasJsonError(*response), response->body.constData());
    client.send(getHealth());
    const std::optional<RawResponse> next = client.readResponse();
    QVERIFY(next);
    QVERIFY(isHealthy(*next));
}

void Tst_ConnectionGuard::chunkedBodyNeedsLength()
{
    for (const QByteArray &encoding : {QByteArray("chunked"), QByteArray("gzip, chunked"), QByteArray("Chunked")}) {
        RawClient client;
        QVERIFY(client.connectTo(m_server->url()));
        client.send("POST /api/v6/task HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    "Transfer-Encoding: "
                    + encoding + "\r\n\r\n5\r\nhello\r\n");
        const std::optional<RawResponse> response = client.readResponse();
        QVERIFY2(response, encoding.constData());
        QCOMPARE(response->status, 411);
        QVERIFY2(hasJsonError(*response), response->body.constData());
        QVERIFY(client.waitClosed());
    }
    checkServerHealthy();
}

void Tst_ConnectionGuard::endlessHeaderRejected()
{
    RawClient client;
    QVERIFY(client.connectTo(m_server->url()));
    client.send("GET /api/v6/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: "
                + QByteArray(ConnectionGuard::headerLimit + 1024, 'a'));
    const std::optional<RawResponse> response = client.readResponse();
    QVERIFY2(response, "no answer to an endless header");
    QCOMPARE(response->status, 431);
    QVERIFY2(hasJsonError(*response), response->body.constData());
    QVERIFY(client.waitClosed());
    checkServerHealthy();
}

void Tst_ConnectionGuard::headerArrivingInPieces()
{
    // A header split over many writes (each seen on its own readyRead) is
    // still parsed once it is complete.
    RawClient client;
    QVERIFY(client.connectTo(m_server->url()));
    const QByteArray request = getHealth();
    for (qsizetype i = 0; i < request.size(); i += 7) {
        client.send(request.mid(i, 7));
        QVERIFY(QTest::qWaitFor([&client] { return client.bytesToWrite() == 0; }, 5000));
    }
    const std::optional<RawResponse> response = client.readResponse();
    QVERIFY(response);
    QVERIFY(isHealthy(*response));
}

void Tst_ConnectionGuard::keepAliveRequestsOnOneSocket()
{
    RawClient client;
    QVERIFY(client.connectTo(m_server->url()));
    for (int i = 0; i < 5; ++i) {
        client.send(getHealth());
        const std::optional<RawResponse> response = client.readResponse();
        QVERIFY2(response, qPrintable(QStringLiteral("no answer to request %1").arg(i)));
        QVERIFY(isHealthy(*response));
        QVERIFY(client.isConnected());
    }
}

void Tst_ConnectionGuard::pipelinedRequestsOnOneSocket()
{
    RawClient client;
    QVERIFY(client.connectTo(m_server->url()));
    client.send(getHealth() + getHealth()); // one write: both arrive together
    const std::optional<RawResponse> first = client.readResponse();
    QVERIFY2(first, "no answer to the first pipelined request");
    QVERIFY(isHealthy(*first));
    const std::optional<RawResponse> second = client.readResponse();
    QVERIFY2(second, "no answer to the second pipelined request");
    QVERIFY(isHealthy(*second));
}

void Tst_ConnectionGuard::pipelinedRequestsWithBodies()
{
    // Two small POSTs in one write: the guard must skip the first body to
    // find the second head; both get an API answer.
    RawClient client;
    QVERIFY(client.connectTo(m_server->url()));
    const QByteArray body = R"({"alias":"pipe","image":"alpine","command":"true"})";
    const QByteArray bad = R"({"alias":"","image":"","command":""})";
    client.send(postHead(body.size()) + body + postHead(bad.size()) + bad);
    const std::optional<RawResponse> first = client.readResponse();
    QVERIFY2(first, "no answer to the first pipelined POST");
    QCOMPARE(first->status, 200);
    const std::optional<RawResponse> second = client.readResponse();
    QVERIFY2(second, "no answer to the second pipelined POST");
    QCOMPARE(second->status, 400);
    client.send(getHealth());
    const std::optional<RawResponse> third = client.readResponse();
    QVERIFY(third);
    QVERIFY(isHealthy(*third));
}

void Tst_ConnectionGuard::serverStaysHealthy()
{
    // Every kind of rejection in turn, then ordinary traffic.
    {
        RawClient huge;
        QVERIFY(huge.connectTo(m_server->url()));
        huge.send(postHead(20 * 1024 * 1024));
        const std::optional<RawResponse> response = huge.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 413);
    }
    {
        RawClient chunked;
        QVERIFY(chunked.connectTo(m_server->url()));
        chunked.send("POST /api/v6/task HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
        const std::optional<RawResponse> response = chunked.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 411);
    }
    {
        RawClient endless;
        QVERIFY(endless.connectTo(m_server->url()));
        endless.send("GET / HTTP/1.1\r\n" + QByteArray(100 * 1024, 'h'));
        const std::optional<RawResponse> response = endless.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 431);
    }
    for (int i = 0; i < 3; ++i)
        checkServerHealthy();
    HttpTestClient client(*m_server);
    const HttpResult created = client.post(QStringLiteral("/api/v6/task"),
                                           Json{{"alias", "after"}, {"image", "alpine"}, {"command", "true"}});
    QCOMPARE(created.status, 200);
    const HttpResult list = client.get(QStringLiteral("/api/v6/task"));
    QCOMPARE(list.status, 200);
    QCOMPARE(list.json()["total"].get<int>(), 1);
}

void Tst_ConnectionGuard::headerUnderLimitServed()
{
    // 60 KiB of header, under the 64 KiB limit: an ordinary request.
    RawClient client;
    QVERIFY(client.connectTo(m_server->url()));
    client.send("GET /api/v6/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + QByteArray(60 * 1024, 'a')
                + "\r\n\r\n");
    const std::optional<RawResponse> response = client.readResponse();
    QVERIFY(response);
    QVERIFY(isHealthy(*response));
    client.send(getHealth());
    const std::optional<RawResponse> next = client.readResponse();
    QVERIFY(next);
    QVERIFY(isHealthy(*next));
}

QTEST_GUILESS_MAIN(Tst_ConnectionGuard)
#include "tst_connectionguard.moc"
