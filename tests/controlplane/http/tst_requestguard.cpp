// RequestGuard: no web page and no other user can drive the control plane
// (api-contract §8). Each request is sent as an attacker would, byte for
// byte over a real socket, to a real control plane; each refusal must carry
// its status and a JSON error, and must leave no definition or run behind.
#include <http/requestguard.h>

#include <rawhttpclient.h>
#include <testserver.h>

#include <QHostInfo>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

const QByteArray createBody = R"({"alias":"pwned","image":"busybox","command":"id > /tmp/pwned"})";
const QByteArray launchBody = R"({"run_tags":{"owner_id":"attacker"}})";

struct Request
{
    Request(QByteArray method, QByteArray target, HeaderList headers, QByteArray body = {})
        : method(std::move(method))
        , target(std::move(target))
        , headers(std::move(headers))
        , body(std::move(body))
    {}

    QByteArray method;
    QByteArray target;
    HeaderList headers;
    QByteArray body;

    QByteArray bytes() const
    {
        QByteArray out = method + ' ' + target + " HTTP/1.1\r\n";
        for (const auto &[name, value] : headers)
            out += name + ": " + value + "\r\n";
        if (!body.isEmpty())
            out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        return out + "Connection: close\r\n\r\n" + body;
    }
};

QString errorOf(const RawResponse &response)
{
    const Json json = response.json();
    return json.is_object() && json.contains("error") && json["error"].is_string()
               ? QString::fromStdString(json["error"].get<std::string>())
               : QString();
}

} // namespace

class Tst_RequestGuard final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void loopbackNamesAreServed_data();
    void loopbackNamesAreServed();
    void foreignHostIsMisdirected_data();
    void foreignHostIsMisdirected();
    void allowedHostIsServedWithAnyPort();
    void foreignOriginIsForbidden_data();
    void foreignOriginIsForbidden();
    void allowedOriginIsServed();
    void bodyThatIsNotJsonIsUnsupported_data();
    void bodyThatIsNotJsonIsUnsupported();
    void tokenIsRequired_data();
    void tokenIsRequired();
    void preflightNeedsNoToken();
    void noTokenServerTakesRequestsWithoutOne();
    void machineNamesAreServedOffLoopback();

private:
    std::optional<RawResponse> send(const Request &request, TestServer *server = nullptr);
    QByteArray host(TestServer *server = nullptr) const;
    QByteArray bearer() const { return "Bearer " + m_server->token(); }
    // A request with everything right; tests change one thing.
    Request valid(QByteArray method, QByteArray target, QByteArray body = {}) const;
    // Fails the test unless the store still holds just the one definition and no run.
    void checkNothingDone();

    std::unique_ptr<TestServer> m_server;
    QString m_definitionId;
};

void Tst_RequestGuard::init()
{
    m_server = std::make_unique<TestServer>();
    m_server->options().parallelRuns = 0; // a launch that got through would stay QUEUED, visible
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    HttpTestClient client(*m_server);
    m_definitionId = createDefinition(client, {{"alias", "victim"}, {"image", "busybox"}, {"command", "true"}});
    QVERIFY(!m_definitionId.isEmpty());
}

void Tst_RequestGuard::cleanup()
{
    m_server.reset();
}

QByteArray Tst_RequestGuard::host(TestServer *server) const
{
    return "127.0.0.1:" + QByteArray::number((server ? server : m_server.get())->url().port());
}

Request Tst_RequestGuard::valid(QByteArray method, QByteArray target, QByteArray body) const
{
    Request request{std::move(method),
                    std::move(target),
                    {{"Host", host()}, {"Authorization", bearer()}},
                    std::move(body)};
    if (!request.body.isEmpty())
        request.headers.emplaceBack("Content-Type", "application/json");
    return request;
}

std::optional<RawResponse> Tst_RequestGuard::send(const Request &request, TestServer *server)
{
    RawClient client;
    if (!client.connectTo((server ? server : m_server.get())->url()))
        return std::nullopt;
    client.send(request.bytes());
    return client.readResponse();
}

void Tst_RequestGuard::checkNothingDone()
{
    HttpTestClient client(*m_server);
    const Json definitions = client.get(QStringLiteral("/api/v1/task")).json();
    QCOMPARE(definitions.value("total", -1), 1);
    QCOMPARE(QString::fromStdString(definitions["definitions"][0].value("definition_id", "")), m_definitionId);
    QCOMPARE(client.get(QStringLiteral("/api/v1/history")).json().value("total", -1), 0);
}

void Tst_RequestGuard::loopbackNamesAreServed_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::newRow("127.0.0.1") << QByteArray("127.0.0.1");
    QTest::newRow("localhost") << QByteArray("localhost");
    QTest::newRow("LocalHost (names ignore case)") << QByteArray("LocalHost");
    QTest::newRow("[::1]") << QByteArray("[::1]");
}

void Tst_RequestGuard::loopbackNamesAreServed()
{
    QFETCH(QByteArray, name);
    Request request = valid("POST", "/api/v1/task", createBody);
    request.headers[0].second = name + ':' + QByteArray::number(m_server->url().port());
    const std::optional<RawResponse> response = send(request);
    QVERIFY(response);
    QCOMPARE(response->status, 200);
}

void Tst_RequestGuard::foreignHostIsMisdirected_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("hostHeader"); // %PORT% is the server's port
    const QList<QPair<const char *, QByteArray>> hosts = {
        {"DNS rebinding", "attacker.example:%PORT%"},
        {"another IP address", "10.11.12.13:%PORT%"},
        {"a loopback name on another port", "127.0.0.1:1"},
        {"a loopback name without the port", "localhost"},
        {"a name that starts like localhost", "localhost.attacker.example:%PORT%"},
        {"an empty Host", ""},
        {"no Host at all", QByteArray()},
    };
    for (const auto &[what, hostHeader] : hosts) {
        for (const char *method : {"POST", "PUT", "GET"})
            QTest::addRow("%s, %s", what, method) << QByteArray(method) << hostHeader;
    }
}

void Tst_RequestGuard::foreignHostIsMisdirected()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, hostHeader);
    Request request = method == "POST" ? valid(method, "/api/v1/task", createBody)
                      : method == "PUT"
                          ? valid(method, "/api/v4/task/" + m_definitionId.toUtf8() + "/execute", launchBody)
                          : valid(method, "/api/v1/task");
    if (hostHeader.isNull())
        request.headers.removeFirst();
    else
        request.headers[0].second = QByteArray(hostHeader).replace("%PORT%", QByteArray::number(m_server->url().port()));
    request.headers.emplaceBack("Origin", "http://" + hostHeader); // what a rebound page sends along
    const std::optional<RawResponse> response = send(request);
    QVERIFY(response);
    QCOMPARE(response->status, 421);
    const QString error = errorOf(*response);
    QVERIFY2(error.contains(QStringLiteral("accepts 127.0.0.1:%1, localhost:%1").arg(m_server->url().port())),
             qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("--allow-host")), qPrintable(error));
    checkNothingDone();
}

void Tst_RequestGuard::allowedHostIsServedWithAnyPort()
{
    ControlPlaneOptions options;
    options.allowedHosts = {QStringLiteral("Flotilla.Example")};
    TestServer proxied(options);
    QVERIFY(proxied.start());
    for (const QByteArray &name : {QByteArray("flotilla.example"), QByteArray("flotilla.example:443")}) {
        const std::optional<RawResponse> response = send(
            Request{"GET", "/api/v6/health", {{"Host", name}, {"Authorization", "Bearer " + proxied.token()}}},
            &proxied);
        QVERIFY(response);
        QCOMPARE(response->status, 200);
    }
    const std::optional<RawResponse> other = send(
        Request{"GET", "/api/v6/health", {{"Host", "other.example"}, {"Authorization", "Bearer " + proxied.token()}}},
        &proxied);
    QVERIFY(other);
    QCOMPARE(other->status, 421);
    QVERIFY2(errorOf(*other).contains(QStringLiteral("flotilla.example")), qPrintable(errorOf(*other)));
}

void Tst_RequestGuard::foreignOriginIsForbidden_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target"); // %ID% is the definition's id
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("GET") << QByteArray("GET") << QByteArray("/api/v1/task") << QByteArray();
    QTest::newRow("POST") << QByteArray("POST") << QByteArray("/api/v1/task") << createBody;
    QTest::newRow("PUT") << QByteArray("PUT") << QByteArray("/api/v4/task/%ID%/execute") << launchBody;
    QTest::newRow("DELETE") << QByteArray("DELETE") << QByteArray("/api/v1/task/%ID%") << QByteArray();
    QTest::newRow("OPTIONS") << QByteArray("OPTIONS") << QByteArray("/api/v1/task") << QByteArray();
}

void Tst_RequestGuard::foreignOriginIsForbidden()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    Request request = valid(method, target.replace("%ID%", m_definitionId.toUtf8()), body);
    request.headers.emplaceBack("Origin", "http://attacker.example");
    const std::optional<RawResponse> response = send(request);
    QVERIFY(response);
    QCOMPARE(response->status, 403);
    QVERIFY2(errorOf(*response).contains(QStringLiteral("origin http://attacker.example is not allowed")),
             qPrintable(errorOf(*response)));
    QVERIFY(response->header("Access-Control-Allow-Origin").isEmpty());
    checkNothingDone();
}

void Tst_RequestGuard::allowedOriginIsServed()
{
    ControlPlaneOptions options;
    options.corsOrigins = {QStringLiteral("http://localhost:3000/")};
    TestServer server(options);
    QVERIFY(server.start());
    const std::optional<RawResponse> response = send(Request{"GET",
                                                             "/api/v6/health",
                                                             {{"Host", host(&server)},
                                                              {"Authorization", "Bearer " + server.token()},
                                                              {"Origin", "http://localhost:3000"}}},
                                                     &server);
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->header("Access-Control-Allow-Origin"), QByteArray("http://localhost:3000"));
}

void Tst_RequestGuard::bodyThatIsNotJsonIsUnsupported_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("text/plain") << QByteArray("text/plain") << createBody;
    QTest::newRow("text/plain;charset=UTF-8") << QByteArray("text/plain;charset=UTF-8") << createBody;
    QTest::newRow("form") << QByteArray("application/x-www-form-urlencoded")
                          << QByteArray("alias=pwned&image=busybox&command=id");
    QTest::newRow("multipart") << QByteArray("multipart/form-data; boundary=x") << createBody;
    QTest::newRow("none") << QByteArray() << createBody;
    QTest::newRow("json-like but not json") << QByteArray("application/jsonp") << createBody;
}

void Tst_RequestGuard::bodyThatIsNotJsonIsUnsupported()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    for (const QByteArray &target :
         {QByteArray("/api/v1/task"), "/api/v4/task/" + m_definitionId.toUtf8() + "/execute"}) {
        Request request = valid(target.endsWith("execute") ? "PUT" : "POST", target, body);
        request.headers.removeLast();
        if (!contentType.isEmpty())
            request.headers.emplaceBack("Content-Type", contentType);
        const std::optional<RawResponse> response = send(request);
        QVERIFY(response);
        QCOMPARE(response->status, 415);
        QVERIFY2(errorOf(*response).contains(QStringLiteral("Content-Type: application/json")),
                 qPrintable(errorOf(*response)));
    }
    checkNothingDone();
    // JSON with parameters and in any case is JSON.
    Request json = valid("POST", "/api/v1/task", createBody);
    json.headers.last().second = "Application/JSON; charset=utf-8";
    const std::optional<RawResponse> created = send(json);
    QVERIFY(created);
    QCOMPARE(created->status, 200);
}

void Tst_RequestGuard::tokenIsRequired_data()
{
    QTest::addColumn<QByteArray>("authorization"); // null: no header
    QTest::addColumn<QString>("error");
    QTest::newRow("missing") << QByteArray() << QStringLiteral("needs a token");
    QTest::newRow("wrong") << QByteArray("Bearer not-the-token") << QStringLiteral("token is wrong");
    QTest::newRow("empty") << QByteArray("Bearer ") << QStringLiteral("token is wrong");
    QTest::newRow("last byte differs") << QByteArray("%LAST%") << QStringLiteral("token is wrong");
    QTest::newRow("one byte short") << QByteArray("%SHORT%") << QStringLiteral("token is wrong");
    QTest::newRow("basic auth") << QByteArray("Basic dXNlcjpwYXNz") << QStringLiteral("token is wrong");
}

void Tst_RequestGuard::tokenIsRequired()
{
    QFETCH(QByteArray, authorization);
    QFETCH(QString, error);
    QByteArray token = m_server->token();
    QCOMPARE(token.size(), 64); // 256 bits as hex
    if (authorization == "%LAST%")
        authorization = "Bearer " + token.left(token.size() - 1) + (token.endsWith('0') ? '1' : '0');
    else if (authorization == "%SHORT%")
        authorization = "Bearer " + token.chopped(1);
    for (Request request : {valid("POST", "/api/v1/task", createBody),
                            valid("PUT", "/api/v4/task/" + m_definitionId.toUtf8() + "/execute", launchBody),
                            valid("GET", "/api/v6/health")}) {
        if (authorization.isNull())
            request.headers.removeAt(1);
        else
            request.headers[1].second = authorization;
        const std::optional<RawResponse> response = send(request);
        QVERIFY(response);
        QCOMPARE(response->status, 401);
        QVERIFY2(errorOf(*response).contains(error), qPrintable(errorOf(*response)));
        QCOMPARE(response->header("WWW-Authenticate"), QByteArray("Bearer"));
    }
    checkNothingDone();
    // The scheme ignores case, as RFC 9110 says; the token does not.
    Request lowerScheme = valid("GET", "/api/v6/health");
    lowerScheme.headers[1].second = "bearer " + token;
    QCOMPARE(send(lowerScheme)->status, 200);
    lowerScheme.headers[1].second = "Bearer " + token.toUpper();
    QCOMPARE(send(lowerScheme)->status, token == token.toUpper() ? 200 : 401);
}

void Tst_RequestGuard::preflightNeedsNoToken()
{
    ControlPlaneOptions options;
    options.corsOrigins = {QStringLiteral("http://localhost:3000")};
    TestServer server(options);
    QVERIFY(server.start());
    const std::optional<RawResponse> response = send(Request{"OPTIONS",
                                                             "/api/v1/task",
                                                             {{"Host", host(&server)},
                                                              {"Origin", "http://localhost:3000"},
                                                              {"Access-Control-Request-Method", "POST"},
                                                              {"Access-Control-Request-Headers", "content-type"}}},
                                                     &server);
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QCOMPARE(response->header("Access-Control-Allow-Origin"), QByteArray("http://localhost:3000"));
    QVERIFY(response->header("Access-Control-Allow-Headers").contains("Authorization"));
}

void Tst_RequestGuard::noTokenServerTakesRequestsWithoutOne()
{
    ControlPlaneOptions options;
    options.tokenRequired = false;
    TestServer server(options);
    QVERIFY(server.start());
    QVERIFY(server.token().isEmpty());
    const std::optional<RawResponse> response = send(
        Request{"POST", "/api/v1/task", {{"Host", host(&server)}, {"Content-Type", "application/json"}}, createBody},
        &server);
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    // The other rules hold all the same.
    const std::optional<RawResponse> rebound = send(
        Request{"GET", "/api/v1/task", {{"Host", "attacker.example:" + QByteArray::number(server.url().port())}}},
        &server);
    QCOMPARE(rebound->status, 421);
}

void Tst_RequestGuard::machineNamesAreServedOffLoopback()
{
    ControlPlaneOptions options;
    options.address = QHostAddress(QHostAddress::AnyIPv4);
    TestServer server(options);
    QVERIFY(server.start());
    const QByteArray port = QByteArray::number(server.url().port());
    const QByteArray machine = QHostInfo::localHostName().toUtf8();
    for (const QByteArray &name : {machine, QByteArray("127.0.0.1"), QByteArray("0.0.0.0")}) {
        const std::optional<RawResponse> response = send(Request{"GET",
                                                                 "/api/v6/health",
                                                                 {{"Host", name + ':' + port},
                                                                  {"Authorization", "Bearer " + server.token()}}},
                                                         &server);
        QVERIFY(response);
        QVERIFY2(response->status == 200, name.constData());
    }
    const std::optional<RawResponse> foreign = send(Request{"GET",
                                                            "/api/v6/health",
                                                            {{"Host", "attacker.example:" + port},
                                                             {"Authorization", "Bearer " + server.token()}}},
                                                    &server);
    QCOMPARE(foreign->status, 421);
}

QTEST_GUILESS_MAIN(Tst_RequestGuard)
#include "tst_requestguard.moc"
