// Routing: the most specific pattern wins whatever the order routes were
// added in; 404 and 405 answers say what exists.
#include <http/router.h>
#include <wire/jsonreader.h>

#include <QTest>

#include <algorithm>

using namespace Flotilla;

namespace {

HttpRequest request(const QByteArray &method, const QByteArray &path)
{
    HttpRequest request;
    request.method = method;
    request.path = path;
    return request;
}

// A handler answering its name and arguments.
Router::Handler named(const QByteArray &name)
{
    return [name](const HttpRequest &, const Router::Args &args) {
        HttpResponse response;
        response.body = name + ':' + args.join(u',').toUtf8();
        return response;
    };
}

} // namespace

class Tst_Router final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mostSpecificWins_data();
    void mostSpecificWins();
    void arguments();
    void unknownPath();
    void wrongMethod();
};

void Tst_Router::mostSpecificWins_data()
{
    QTest::addColumn<bool>("reversed");
    QTest::newRow("general first") << true;
    QTest::newRow("specific first") << false;
}

void Tst_Router::mostSpecificWins()
{
    QFETCH(bool, reversed);
    QList<std::pair<QString, QByteArray>> routes{{QStringLiteral("v1/task/alias/*"), "alias"},
                                                 {QStringLiteral("v1/task/*/history"), "history"},
                                                 {QStringLiteral("v1/task/*"), "task"},
                                                 {QStringLiteral("v1/*/logs"), "logs"}};
    if (reversed)
        std::reverse(routes.begin(), routes.end());
    Router router;
    for (const auto &[pattern, name] : routes)
        router.add("GET", pattern, named(name));
    QCOMPARE(router.route(request("GET", "/api/v1/task/alias/history")).body, QByteArray("alias:history"));
    QCOMPARE(router.route(request("GET", "/api/v1/task/x/history")).body, QByteArray("history:x"));
    QCOMPARE(router.route(request("GET", "/api/v1/task/logs")).body, QByteArray("task:logs"));
    QCOMPARE(router.route(request("GET", "/api/v1/run/logs")).body, QByteArray("logs:run"));
}

void Tst_Router::arguments()
{
    Router router;
    router.add("DELETE", QStringLiteral("v1/task/*/history/*"), named("terminate"));
    QCOMPARE(router.route(request("DELETE", "/api/v1/task/a%2Fb/history/r/")).body, QByteArray("terminate:a/b,r"));
    // "*" never matches an empty segment.
    QCOMPARE(router.route(request("DELETE", "/api/v1/task//history/r")).status, 404);
}

void Tst_Router::unknownPath()
{
    Router router;
    router.add("GET", QStringLiteral("v6/health"), named("health"));
    for (const QByteArray &path : {QByteArray("/api/v6/healthz"), QByteArray("/v6/health"), QByteArray("/api/")}) {
        const HttpResponse response = router.route(request("GET", path));
        QCOMPARE(response.status, 404);
        QVERIFY2(response.body.contains("no such route"), response.body.constData());
    }
}

void Tst_Router::wrongMethod()
{
    Router router;
    router.add("GET", QStringLiteral("v1/task/*"), named("get"));
    router.add("PUT", QStringLiteral("v1/task/*"), named("put"));
    router.add("GET", QStringLiteral("v1/*/logs"), named("logs"));
    const HttpResponse response = router.route(request("POST", "/api/v1/task/logs"));
    QCOMPARE(response.status, 405);
    QCOMPARE(headerValue(response.headers, "Allow"), QByteArray("GET, PUT"));
    QVERIFY2(response.body.contains("use GET or PUT"), response.body.constData());
}

QTEST_GUILESS_MAIN(Tst_Router)
#include "tst_router.moc"
