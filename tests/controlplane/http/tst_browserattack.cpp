// A real browser attacks the control plane (api-contract §8): Debian's
// chromium, headless, opens a page of another origin that tries, with fetch
// and a form, to create definitions and launch runs with every method and
// content type a page can use. Against the default server nothing may come
// of it. Against a --no-token server that allows the page's origin the same
// page does succeed, which shows that the test can tell the two apart. A
// third page reaches the server under a name of its own, as after DNS
// rebinding, and must be turned away by the Host check alone.
#include <fixtureserver.h>
#include <testserver.h>

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

// %API% is the control plane's origin, %ID% the definition to launch.
const char attackPage[] = R"html(<!doctype html>
<meta charset="utf-8"><title>a page on the web</title>
<iframe name="sink" style="display:none"></iframe>
<form id="csrf" method="POST" enctype="text/plain" target="sink">
  <input name='{"alias":"from-page-form","image":"busybox","command":"id","pad":"' value='"}'>
</form>
<script>
const api = "%API%";
const json = {"Content-Type": "application/json"};
const define = (alias) => JSON.stringify({alias, image: "busybox", command: "id > /tmp/pwned"});
const launch = JSON.stringify({run_tags: {owner_id: "page"}});
const attempts = [
  ["read definitions", "/api/v1/task", {}],
  ["create, json", "/api/v1/task", {method: "POST", headers: json, body: define("from-page-json")}],
  ["create, text/plain", "/api/v1/task",
   {method: "POST", headers: {"Content-Type": "text/plain"}, body: define("from-page-text")}],
  ["create, text/plain, no-cors", "/api/v1/task",
   {method: "POST", mode: "no-cors", headers: {"Content-Type": "text/plain"}, body: define("from-page-nocors")}],
  ["create, form, no-cors", "/api/v1/task",
   {method: "POST", mode: "no-cors", headers: {"Content-Type": "application/x-www-form-urlencoded"},
    body: "alias=from-page-urlencoded&image=busybox&command=id"}],
  ["launch, json", "/api/v4/task/%ID%/execute", {method: "PUT", headers: json, body: launch}],
  ["launch, text/plain", "/api/v4/task/%ID%/execute",
   {method: "PUT", headers: {"Content-Type": "text/plain"}, body: launch}],
  ["launch by alias, json", "/api/v1/task/alias/victim/execute", {method: "PUT", headers: json, body: launch}],
  ["delete", "/api/v1/task/%ID%", {method: "DELETE"}],
];
(async () => {
  const results = [];
  for (const [name, path, init] of attempts) {
    try {
      const reply = await fetch(api + path, init);
      results.push({name, status: reply.status, type: reply.type});
    } catch (error) {
      results.push({name, error: String(error)});
    }
  }
  // The classic cross-site form post: text/plain, no preflight, no script needed.
  const form = document.getElementById("csrf");
  form.action = api + "/api/v1/task";
  await new Promise((done) => {
    document.querySelector("iframe").onload = done;
    setTimeout(done, 5000);
    form.submit();
  });
  results.push({name: "form post", submitted: true});
  await fetch("/report", {method: "POST", body: JSON.stringify(results)});
})();
</script>
)html";

} // namespace

class Tst_BrowserAttack final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void pageOfAnotherOriginChangesNothing();
    void allowedOriginWithoutTokenSucceeds();
    void reboundNameIsTurnedAway();

private:
    // Serves the attack page against `api`, opens it in chromium (mapping
    // attacker.example to 127.0.0.1) and waits for the page's report.
    Json attack(const QString &pageHost, const QUrl &api, const QString &definitionId, FixtureServer &page);
    Json definitions(TestServer &server);
    Json runs(TestServer &server);
    QString victim(TestServer &server);

    QString m_chromium;
};

void Tst_BrowserAttack::initTestCase()
{
    m_chromium = QStandardPaths::findExecutable(QStringLiteral("chromium"));
    if (m_chromium.isEmpty())
        QSKIP("Debian's chromium is not installed (./dev.sh installs it)");
}

Json Tst_BrowserAttack::attack(const QString &pageHost, const QUrl &api, const QString &definitionId,
                               FixtureServer &page)
{
    QByteArray html = attackPage;
    html.replace("%API%", api.toString(QUrl::RemovePath).toUtf8()).replace("%ID%", definitionId.toUtf8());
    page.serve("GET", "/", FixtureResponse{200, "text/html; charset=utf-8", html, false});
    page.serve("POST", "/report", FixtureResponse{204, {}, {}, false});
    QUrl pageUrl = page.url();
    pageUrl.setHost(pageHost);

    QTemporaryDir profile;
    QProcess browser;
    browser.setProcessChannelMode(QProcess::MergedChannels);
    browser.start(m_chromium, {QStringLiteral("--headless"), QStringLiteral("--no-sandbox"),
                               QStringLiteral("--disable-gpu"), QStringLiteral("--disable-quic"),
                               QStringLiteral("--no-first-run"), QStringLiteral("--disable-background-networking"),
                               QStringLiteral("--disable-component-update"), QStringLiteral("--disable-sync"),
                               QStringLiteral("--host-resolver-rules=MAP attacker.example 127.0.0.1"),
                               QStringLiteral("--user-data-dir=") + profile.path(), pageUrl.toString()});
    const bool reported = QTest::qWaitFor([&page] { return page.count("POST", "/report") > 0; }, 90000);
    browser.kill();
    browser.waitForFinished(10000);
    if (!reported) {
        qWarning("chromium said: %s", browser.readAll().constData());
        return Json();
    }
    for (const FixtureRequest &request : page.requests()) {
        if (request.path == "/report")
            return Json::parse(request.body.toStdString(), nullptr, false);
    }
    return Json();
}

Json Tst_BrowserAttack::definitions(TestServer &server)
{
    return HttpTestClient(server).get(QStringLiteral("/api/v1/task")).json();
}

Json Tst_BrowserAttack::runs(TestServer &server)
{
    return HttpTestClient(server).get(QStringLiteral("/api/v1/history")).json();
}

QString Tst_BrowserAttack::victim(TestServer &server)
{
    HttpTestClient client(server);
    return createDefinition(client, {{"alias", "victim"}, {"image", "busybox"}, {"command", "true"}});
}

void Tst_BrowserAttack::pageOfAnotherOriginChangesNothing()
{
    TestServer server;
    server.options().parallelRuns = 0; // a launch that got through would stay visible
    QVERIFY(server.start());
    const QString id = victim(server);
    QVERIFY(!id.isEmpty());
    FixtureServer page;
    QVERIFY(page.listen());

    const Json report = attack(QStringLiteral("127.0.0.1"), server.url(), id, page);
    QVERIFY2(report.is_array() && report.size() == 10, report.dump().c_str());
    for (const Json &result : report) // nothing the page could even read succeeded
        QVERIFY2(result.value("status", 0) != 200, result.dump().c_str());

    const Json listed = definitions(server);
    QCOMPARE(listed.value("total", -1), 1);
    QCOMPARE(QString::fromStdString(listed["definitions"][0].value("alias", "")), QStringLiteral("victim"));
    QCOMPARE(runs(server).value("total", -1), 0);
}

void Tst_BrowserAttack::allowedOriginWithoutTokenSucceeds()
{
    FixtureServer page;
    QVERIFY(page.listen());
    TestServer server;
    server.options().parallelRuns = 0;
    server.options().tokenRequired = false;
    server.options().corsOrigins = {page.url().toString(QUrl::RemovePath)};
    QVERIFY(server.start());
    const QString id = victim(server);
    QVERIFY(!id.isEmpty());

    const Json report = attack(QStringLiteral("127.0.0.1"), server.url(), id, page);
    QVERIFY2(report.is_array() && report.size() == 10, report.dump().c_str());

    // The JSON requests got through (the delete too), the text/plain and
    // form bodies did not.
    const Json listed = definitions(server);
    QStringList aliases;
    for (const Json &definition : listed["definitions"])
        aliases.append(QString::fromStdString(definition.value("alias", "")));
    QCOMPARE(aliases, QStringList{QStringLiteral("from-page-json")});
    QCOMPARE(runs(server).value("total", -1), 2); // by id and by alias
    QCOMPARE(report[1].value("status", 0), 200);
    QCOMPARE(report[2].value("status", 0), 415);
    QCOMPARE(report[6].value("status", 0), 415);
}

void Tst_BrowserAttack::reboundNameIsTurnedAway()
{
    // The page's origin is allowed and no token is needed, so only the Host
    // check stands between it and the server: the browser names the server
    // attacker.example, as it would after DNS rebinding.
    FixtureServer page;
    QVERIFY(page.listen());
    TestServer server;
    server.options().parallelRuns = 0;
    server.options().tokenRequired = false;
    server.options().corsOrigins = {QStringLiteral("http://attacker.example:%1").arg(page.url().port())};
    QVERIFY(server.start());
    const QString id = victim(server);
    QVERIFY(!id.isEmpty());
    QUrl rebound = server.url();
    rebound.setHost(QStringLiteral("attacker.example"));

    const Json report = attack(QStringLiteral("attacker.example"), rebound, id, page);
    QVERIFY2(report.is_array() && report.size() == 10, report.dump().c_str());
    QCOMPARE(report[0].value("status", 0), 421); // readable: the origin is allowed
    for (const Json &result : report)            // the rest failed their preflight, or are opaque
        QVERIFY2(result.value("status", 0) != 200, result.dump().c_str());
    QCOMPARE(definitions(server).value("total", -1), 1);
    QCOMPARE(runs(server).value("total", -1), 0);
}

QTEST_GUILESS_MAIN(Tst_BrowserAttack)
#include "tst_browserattack.moc"
