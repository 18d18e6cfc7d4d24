// The templates of /api/v7/template on the local control plane, over real
// HTTP: create-or-version, validation, lists, launches that render and run
// (real processes, real logs), a template's runs, and the samples of a new
// data dir.
#include "jsoncompare.h"
#include "testserver.h"

#include <QDir>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

// A template with each kind of field the forms know.
Json greeter(const char *name = "greeter")
{
    Json tpl = Json::parse(R"({
        "image": "busybox",
        "memory": 64,
        "schema": {
            "type": "object",
            "required": ["name", "greeting", "times"],
            "properties": {
                "name": {"type": "string", "minLength": 1},
                "greeting": {"type": "string", "enum": ["hello", "hi"]},
                "times": {"type": "integer", "minimum": 1, "maximum": 5},
                "shout": {"type": "boolean"},
                "tags": {"type": "array", "items": {"type": "string"}}
            }
        },
        "defaults": {"greeting": "hello", "times": 2, "tags": ["a", "b"]},
        "command_template": "{{range $i, $t := .tags}}echo {{$i}}={{$t}}\n{{end}}{{if .shout}}echo {{upper .name}}{{else}}echo {{.greeting}} {{.name}}{{end}}"
    })");
    tpl["template_name"] = name;
    return tpl;
}

QString str(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString::fromStdString(value.dump());
}

Json launchBody(const Json &payload, const char *owner = "tester")
{
    return Json{{"owner_id", owner}, {"cluster_name", "local"}, {"template_payload", payload}};
}

} // namespace

class Tst_TemplateController final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void createsVersionOneThenVersions();
    void sameContentAnswersTheLatestVersion();
    void refusesATemplateListingEachProblem_data();
    void refusesATemplateListingEachProblem();
    void listsLatestVersionsByDefault();
    void listPagesAndSorts();
    void listRefusesBadQueries_data();
    void listRefusesBadQueries();
    void getUnknownIs404();
    void launchNeedsOwner();
    void launchRefusesPayloadListingEveryViolation();
    void launchRendersAndRuns();
    void launchByNameAndVersion();
    void dryRunStoresNothing();
    void templateRunRoutes();
    void stopsATemplateRun();
    void newDataDirHoldsTheSamples();
    void upstreamWebUiRequests();

private:
    Json create(const Json &tpl);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpTestClient> m_client;
};

void Tst_TemplateController::init()
{
    m_server = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_client = std::make_unique<HttpTestClient>(*m_server);
}

void Tst_TemplateController::cleanup()
{
    m_client.reset();
    m_server.reset();
}

Json Tst_TemplateController::create(const Json &tpl)
{
    const HttpResult result = m_client->post(QStringLiteral("/api/v7/template"), tpl);
    if (result.status != 200)
        qWarning("create answered %d: %s", result.status, result.body.constData());
    return result.json();
}

void Tst_TemplateController::createsVersionOneThenVersions()
{
    const Json first = create(greeter());
    JSON_COMPARE(first["did_create"], true);
    JSON_COMPARE(first["template"]["version"], 1);
    QVERIFY(str(first["template"]["template_id"]).startsWith(u"tpl-"));

    Json changed = greeter();
    changed["memory"] = 128;
    const Json second = create(changed);
    JSON_COMPARE(second["did_create"], true);
    JSON_COMPARE(second["template"]["version"], 2);
    QVERIFY(second["template"]["template_id"] != first["template"]["template_id"]);

    // Versions are never changed: the first still reads as it was stored.
    const HttpResult old = m_client->get(QStringLiteral("/api/v7/template/") + str(first["template"]["template_id"]));
    QCOMPARE(old.status, 200);
    JSON_COMPARE(old.json()["memory"], 64);
    JSON_COMPARE(old.json()["version"], 1);
}

void Tst_TemplateController::sameContentAnswersTheLatestVersion()
{
    const Json first = create(greeter());
    Json changed = greeter();
    changed["command_template"] = "echo {{.name}}";
    const Json second = create(changed);
    const Json again = create(changed);
    JSON_COMPARE(again["did_create"], false);
    JSON_COMPARE(again["template"]["template_id"], second["template"]["template_id"]);
    JSON_COMPARE(again["template"]["version"], 2);
    // Back to the first content is a change too: version 3.
    JSON_COMPARE(create(greeter())["template"]["version"], 3);
    JSON_COMPARE(first["template"]["version"], 1);
}

void Tst_TemplateController::refusesATemplateListingEachProblem_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("problems");
    QTest::newRow("empty") << QByteArray(
        "{}") << QStringList{"template_name", "schema must be specified", "command_template", "image", "memory"};
    Json badSchema = greeter();
    badSchema["schema"] = Json::parse(R"({"type": 5})");
    QTest::newRow("schema not a JSON Schema")
        << QByteArray::fromStdString(badSchema.dump()) << QStringList{"schema is not a valid JSON Schema"};
    Json unparsed = greeter();
    unparsed["command_template"] = "echo {{.name";
    QTest::newRow("command does not parse")
        << QByteArray::fromStdString(unparsed.dump()) << QStringList{"command_template does not parse", "line 1"};
    Json unsupported = greeter();
    unsupported["command_template"] = "echo {{template \"x\" .}}";
    QTest::newRow("outside the subset") << QByteArray::fromStdString(unsupported.dump())
                                        << QStringList{"command_template does not parse", "template"};
    QTest::newRow("not JSON") << QByteArray("{\"template_name\":") << QStringList{"JSON"};
    QTest::newRow("wrong types") << QByteArray(R"({"template_name": 5, "schema": [], "memory": "lots"})")
                                 << QStringList{"template_name", "schema", "memory"};
}

void Tst_TemplateController::refusesATemplateListingEachProblem()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, problems);
    const HttpResult result = m_client->request("POST", QStringLiteral("/api/v7/template"), body);
    QCOMPARE(result.status, 400);
    const QString error = str(result.json()["error"]);
    for (const QString &problem : problems)
        QVERIFY2(error.contains(problem), qPrintable(error));
    JSON_COMPARE(m_client->get(QStringLiteral("/api/v7/template")).json()["total"], 0);
}

void Tst_TemplateController::listsLatestVersionsByDefault()
{
    create(greeter("a"));
    Json a2 = greeter("a");
    a2["memory"] = 99;
    create(a2);
    create(greeter("b"));
    const Json latest = m_client->get(QStringLiteral("/api/v7/template")).json();
    JSON_COMPARE(latest["total"], 2);
    QCOMPARE(latest["templates"].size(), 2u);
    JSON_COMPARE(latest["templates"][0]["template_name"], "a");
    JSON_COMPARE(latest["templates"][0]["version"], 2);
    JSON_COMPARE(latest["templates"][1]["template_name"], "b");
    JSON_COMPARE(latest["sort_by"], "template_name");

    const Json all = m_client->get(QStringLiteral("/api/v7/template?latest_only=false")).json();
    JSON_COMPARE(all["total"], 3);
}

void Tst_TemplateController::listPagesAndSorts()
{
    for (const char *name : {"c", "a", "b"})
        create(greeter(name));
    const Json page = m_client->get(QStringLiteral("/api/v7/template?limit=2&offset=1&order=desc")).json();
    JSON_COMPARE(page["total"], 3);
    QCOMPARE(page["templates"].size(), 2u);
    JSON_COMPARE(page["templates"][0]["template_name"], "b");
    JSON_COMPARE(page["templates"][1]["template_name"], "a");
    JSON_COMPARE(page["limit"], 2);
    JSON_COMPARE(page["offset"], 1);
    const Json byName = m_client->get(QStringLiteral("/api/v7/template?template_name=b")).json();
    JSON_COMPARE(byName["total"], 1);
}

void Tst_TemplateController::listRefusesBadQueries_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("says");
    QTest::newRow("latest_only") << "latest_only=maybe"
                                 << "latest_only";
    QTest::newRow("sort_by") << "sort_by=image"
                             << "template_name, version";
    QTest::newRow("limit") << "limit=-1"
                           << "limit";
    QTest::newRow("unknown") << "colour=red"
                             << "colour";
}

void Tst_TemplateController::listRefusesBadQueries()
{
    QFETCH(QString, query);
    QFETCH(QString, says);
    const HttpResult result = m_client->get(QStringLiteral("/api/v7/template?") + query);
    QCOMPARE(result.status, 400);
    QVERIFY2(str(result.json()["error"]).contains(says), result.body.constData());
}

void Tst_TemplateController::getUnknownIs404()
{
    const HttpResult result = m_client->get(QStringLiteral("/api/v7/template/tpl-nope"));
    QCOMPARE(result.status, 404);
    QVERIFY(str(result.json()["error"]).contains(u"tpl-nope"));
    QCOMPARE(m_client->put(QStringLiteral("/api/v7/template/tpl-nope/execute"), launchBody(Json::object())).status, 404);
    QCOMPARE(m_client->get(QStringLiteral("/api/v7/template/tpl-nope/history")).status, 404);
}

void Tst_TemplateController::launchNeedsOwner()
{
    const QString id = str(create(greeter())["template"]["template_id"]);
    Json body = launchBody(Json{{"name", "x"}});
    body.erase("owner_id");
    const HttpResult result = m_client->put(QStringLiteral("/api/v7/template/%1/execute").arg(id), body);
    QCOMPARE(result.status, 400);
    QVERIFY(str(result.json()["error"]).contains(u"owner_id"));
}

void Tst_TemplateController::launchRefusesPayloadListingEveryViolation()
{
    const QString id = str(create(greeter())["template"]["template_id"]);
    const Json payload = Json::parse(R"({"name": 7, "greeting": "yo", "times": 9, "tags": ["ok", 3]})");
    const HttpResult result = m_client->put(QStringLiteral("/api/v7/template/%1/execute").arg(id), launchBody(payload));
    QCOMPARE(result.status, 400);
    const Json answer = result.json();
    QSet<QString> seen;
    for (const Json &violation : answer["violations"])
        seen.insert(str(violation["path"]) + u' ' + str(violation["rule"]));
    const QSet<QString> expected{QStringLiteral("/name type"), QStringLiteral("/greeting enum"),
                                 QStringLiteral("/times maximum"), QStringLiteral("/tags/1 type")};
    QVERIFY2(seen == expected, qPrintable(QStringList(seen.values()).join(u", ")));
    const QString error = str(answer["error"]);
    QCOMPARE(error.count(u'\n'), 3); // one line each
    QVERIFY(error.contains(u"template_payload/times"));
    JSON_COMPARE(m_client->get(QStringLiteral("/api/v6/history")).json()["total"], 0);
}

void Tst_TemplateController::launchRendersAndRuns()
{
    const QString id = str(create(greeter())["template"]["template_id"]);
    const HttpResult launched = m_client->put(QStringLiteral("/api/v7/template/%1/execute").arg(id),
                                              launchBody(Json{{"name", "world"}}));
    QCOMPARE(launched.status, 200);
    const Json run = launched.json();
    JSON_COMPARE(run["executable_type"], "template");
    QCOMPARE(str(run["executable_id"]), id);
    QCOMPARE(str(run["definition_id"]), id);
    JSON_COMPARE(run["alias"], "greeter v1");
    JSON_COMPARE(run["user"], "tester");
    JSON_COMPARE(run["memory"], 64);
    QCOMPARE(str(run["command"]), QStringLiteral("echo 0=a\necho 1=b\necho hello world"));
    // The payload the run ran: the request's over the defaults.
    JSON_COMPARE(run["execution_request_custom"]["template_payload"],
                 Json::parse(R"({"name": "world", "greeting": "hello", "times": 2, "tags": ["a", "b"]})"));

    const QString runId = str(run["run_id"]);
    const Json finished = waitForStatus(*m_client, runId, "STOPPED");
    JSON_COMPARE(finished["exit_code"], 0);
    QCOMPARE(readLogByPaging(*m_client, runId), QByteArray("0=a\n1=b\nhello world\n"));

    const Json history = m_client->get(QStringLiteral("/api/v7/template/%1/history").arg(id)).json();
    JSON_COMPARE(history["total"], 1);
    QCOMPARE(str(history["history"][0]["run_id"]), runId);
    JSON_COMPARE(m_client->get(QStringLiteral("/api/v6/history")).json()["total"], 1);
}

void Tst_TemplateController::launchByNameAndVersion()
{
    create(greeter());
    Json second = greeter();
    second["command_template"] = "echo v2 {{.name}}";
    create(second);
    const auto launchAt = [this](const QString &version) {
        return m_client->put(QStringLiteral("/api/v7/template/name/greeter/version/%1/execute").arg(version),
                             launchBody(Json{{"name", "n"}}));
    };
    QCOMPARE(str(launchAt(QStringLiteral("1")).json()["command"]), QStringLiteral("echo 0=a\necho 1=b\necho hello n"));
    QCOMPARE(str(launchAt(QStringLiteral("2")).json()["command"]), QStringLiteral("echo v2 n"));
    QCOMPARE(str(launchAt(QStringLiteral("latest")).json()["command"]), QStringLiteral("echo v2 n"));
    const HttpResult missing = launchAt(QStringLiteral("9"));
    QCOMPARE(missing.status, 404);
    QVERIFY(str(missing.json()["error"]).contains(u"template_version: 9"));
}

void Tst_TemplateController::dryRunStoresNothing()
{
    const QString id = str(create(greeter())["template"]["template_id"]);
    Json body = launchBody(Json{{"name", "dry"}, {"shout", true}});
    body["dry_run"] = true;
    const HttpResult result = m_client->put(QStringLiteral("/api/v7/template/%1/execute").arg(id), body);
    QCOMPARE(result.status, 200);
    QCOMPARE(str(result.json()["command"]), QStringLiteral("echo 0=a\necho 1=b\necho DRY"));
    JSON_COMPARE(m_client->get(QStringLiteral("/api/v6/history")).json()["total"], 0);
}

void Tst_TemplateController::templateRunRoutes()
{
    const QString id = str(create(greeter())["template"]["template_id"]);
    const QString other = str(create(greeter("other"))["template"]["template_id"]);
    const QString runId = str(
        m_client->put(QStringLiteral("/api/v7/template/%1/execute").arg(id), launchBody(Json{{"name", "r"}}))
            .json()["run_id"]);
    QCOMPARE(m_client->get(QStringLiteral("/api/v7/template/history/") + runId).status, 200);
    QCOMPARE(m_client->get(QStringLiteral("/api/v7/template/%1/history/%2").arg(id, runId)).status, 200);
    QCOMPARE(m_client->get(QStringLiteral("/api/v7/template/%1/history/%2").arg(other, runId)).status, 404);
    QCOMPARE(m_client->get(QStringLiteral("/api/v7/template/history/nope")).status, 404);
    waitForStatus(*m_client, runId, "STOPPED");
}

void Tst_TemplateController::stopsATemplateRun()
{
    Json sleeper = greeter("sleeper");
    sleeper["command_template"] = "echo started; sleep {{.times}}0";
    const QString id = str(create(sleeper)["template"]["template_id"]);
    const QString runId = str(
        m_client->put(QStringLiteral("/api/v7/template/%1/execute").arg(id), launchBody(Json{{"name", "s"}}))
            .json()["run_id"]);
    waitForStatus(*m_client, runId, "RUNNING");
    const HttpResult stopped = m_client->del(QStringLiteral("/api/v7/template/%1/history/%2").arg(id, runId));
    QCOMPARE(stopped.status, 200);
    JSON_COMPARE(stopped.json()["terminated"], true);
    JSON_COMPARE(waitForStatus(*m_client, runId, "STOPPED")["status"], "STOPPED");
}

void Tst_TemplateController::newDataDirHoldsTheSamples()
{
    ControlPlaneOptions options;
    options.addSamples = true;
    options.defaultCluster = QStringLiteral("local");
    auto server = std::make_unique<TestServer>(options);
    QVERIFY(server->start());
    {
        HttpTestClient client(*server);
        const Json definitions = client.get(QStringLiteral("/api/v6/task")).json();
        JSON_COMPARE(definitions["total"], 1);
        JSON_COMPARE(definitions["definitions"][0]["alias"], "hello-flotilla");
        const Json templates = client.get(QStringLiteral("/api/v7/template")).json();
        JSON_COMPARE(templates["total"], 1);
        const Json sample = templates["templates"][0];
        JSON_COMPARE(sample["template_name"], "hello-template");
        const Json properties = sample["schema"]["properties"];
        JSON_COMPARE(properties["name"]["type"], "string");
        QVERIFY(properties["greeting"].contains("enum"));
        JSON_COMPARE(properties["times"]["maximum"], 10);
        // The defaults as "default" keywords too: upstream's web UI fills its form from them.
        JSON_COMPARE(properties["name"]["default"], "world");
        JSON_COMPARE(sample["cpu"], 256);
        JSON_COMPARE(properties["shout"]["type"], "boolean");
        JSON_COMPARE(properties["tags"]["type"], "array");

        // It renders and runs with its defaults alone.
        const Json run = client
                             .put(QStringLiteral("/api/v7/template/%1/execute").arg(str(sample["template_id"])),
                                  launchBody(Json::object()))
                             .json();
        waitForStatus(client, str(run["run_id"]), "STOPPED");
        QCOMPARE(readLogByPaging(client, str(run["run_id"])),
                 QByteArray("hello, world!\nhello, world!\nhello, world!\ntag 0: example\n"));

        // Deleting a sample sticks across a restart.
        const QString helloId = str(definitions["definitions"][0]["definition_id"]);
        QCOMPARE(client.del(QStringLiteral("/api/v6/task/") + helloId).status, 200);
    }
    server->stop();
    QVERIFY(server->start());
    HttpTestClient client(*server);
    JSON_COMPARE(client.get(QStringLiteral("/api/v6/task")).json()["total"], 0);
    JSON_COMPARE(client.get(QStringLiteral("/api/v7/template")).json()["total"], 1);
}

// What upstream's web UI sends (web-ui-features.md: listTemplates, getTemplate,
// runTemplate, listTemplateHistoryByTemplateID): its extra launch fields
// (engine, node_lifecycle, cluster rather than cluster_name) are taken.
void Tst_TemplateController::upstreamWebUiRequests()
{
    const QString id = str(create(greeter())["template"]["template_id"]);
    const Json list = m_client
                          ->get(QStringLiteral("/api/v7/template?offset=0&limit=20&sort_by=template_name&order=asc"))
                          .json();
    JSON_COMPARE(list["templates"][0]["template_id"], id.toStdString());
    QCOMPARE(m_client->get(QStringLiteral("/api/v7/template/") + id).status, 200);
    const HttpResult launched = m_client->put(
        QStringLiteral("/api/v7/template/%1/execute").arg(id),
        Json::parse(R"({"template_payload": {"name": "web"}, "cluster": "local", "engine": "eks", "cpu": 512,
                        "memory": 64, "node_lifecycle": "spot", "env": [], "owner_id": "webui"})"));
    QCOMPARE(launched.status, 200);
    JSON_COMPARE(launched.json()["cluster"], "local");
    JSON_COMPARE(launched.json()["cpu"], 512);
    JSON_COMPARE(launched.json()["user"], "webui");
    const QString runId = str(launched.json()["run_id"]);
    const Json history = m_client
                             ->get(QStringLiteral("/api/v7/template/%1/history?offset=0&limit=20&sort_by=started_at"
                                                  "&order=desc&status=QUEUED&status=PENDING&status=RUNNING"
                                                  "&status=STOPPED")
                                       .arg(id))
                             .json();
    JSON_COMPARE(history["total"], 1);
    waitForStatus(*m_client, runId, "STOPPED");
}

QTEST_GUILESS_MAIN(Tst_TemplateController)
#include "tst_templatecontroller.moc"
