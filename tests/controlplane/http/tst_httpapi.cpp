// The Flotilla API of the local control plane, over real HTTP (contract §1-4, 6-8).
//
// Two kinds of servers are used:
// - a read-only "list server", seeded once in initTestCase() with six
//   definitions and eight runs, for the list semantics of contract §6;
// - a fresh server per test function (and per data row), started in init(),
//   for everything that writes.
#include "jsoncompare.h"
#include "testpaths.h"
#include "testserver.h"

#include <exec/localexecutor.h>
#include <exec/logstore.h>
#include <exec/runscheduler.h>
#include <http/httpapi.h>
#include <store/store.h>

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>
#include <new>
#include <optional>

using namespace Flotilla;
using namespace Flotilla::Testing;

// The test's own JSON type: plain nlohmann::json, whose objects compare
// equal whatever the order of their keys (Flotilla::Json may keep order).
using JsonDoc = nlohmann::json;

namespace {

const QByteArray jsonContentType = QByteArrayLiteral("application/json; charset=utf-8");

const QRegularExpression uuid4Pattern(
    QStringLiteral(R"(^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$)"));
const QRegularExpression timePattern(QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)"));

QString text(const JsonDoc &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>())
                             : QStringLiteral("<not a string: %1>").arg(QString::fromStdString(value.dump()));
}

QString dumped(const JsonDoc &value)
{
    return QString::fromStdString(value.dump());
}

// A JSON literal of the test itself.
JsonDoc J(const char *literal)
{
    return JsonDoc::parse(literal);
}

HttpResult post(HttpTestClient &client, const QString &path, const JsonDoc &body)
{
    return client.request("POST", path, QByteArray::fromStdString(body.dump()));
}

HttpResult put(HttpTestClient &client, const QString &path, const JsonDoc &body)
{
    return client.request("PUT", path, QByteArray::fromStdString(body.dump()));
}

QSet<QString> keysOf(const JsonDoc &object)
{
    QSet<QString> keys;
    for (auto it = object.begin(); it != object.end(); ++it)
        keys.insert(QString::fromStdString(it.key()));
    return keys;
}

QString keysText(const QSet<QString> &keys)
{
    QStringList list(keys.begin(), keys.end());
    list.sort();
    return list.join(u',');
}

// Checks status, Content-Type and that the body is a JSON object; fails the
// current test (and answers null) otherwise.
JsonDoc expectJson(const HttpResult &result, int status, const char *file, int line)
{
    const auto fail = [&](const QString &message) {
        QTest::qFail(qPrintable(message), file, line);
        return JsonDoc();
    };
    if (result.status != status) {
        return fail(QStringLiteral("expected HTTP %1, got %2 (network error %3): %4")
                        .arg(status)
                        .arg(result.status)
                        .arg(int(result.error))
                        .arg(QString::fromUtf8(result.body.left(2000))));
    }
    if (result.header("Content-Type") != jsonContentType) {
        return fail(QStringLiteral("Content-Type is \"%1\", expected \"%2\"")
                        .arg(QString::fromUtf8(result.header("Content-Type")), QString::fromUtf8(jsonContentType)));
    }
    JsonDoc json = JsonDoc::parse(result.body.constData(), result.body.constData() + result.body.size(), nullptr, false);
    if (json.is_discarded() || !json.is_object())
        return fail(QStringLiteral("the body is not a JSON object: %1").arg(QString::fromUtf8(result.body.left(2000))));
    return json;
}

// An error answer: the status, JSON, and exactly {"error":"<non-empty string>"}.
QString expectError(const HttpResult &result, int status, const char *file, int line)
{
    const JsonDoc json = expectJson(result, status, file, line);
    if (QTest::currentTestFailed())
        return {};
    if (json.size() != 1 || !json.contains("error") || !json["error"].is_string()
        || json["error"].get<std::string>().empty()) {
        QTest::qFail(qPrintable(QStringLiteral("not an error body {\"error\":\"...\"}: %1").arg(dumped(json))), file,
                     line);
        return {};
    }
    return text(json["error"]);
}

// Compares the order of a list's items with contract §6: values in the
// requested direction, missing values last either way, ties broken by id
// (ascending for asc; for desc the contract does not say which way, so
// any one direction, the same for every tie, is accepted).
std::optional<JsonDoc> sortValue(const JsonDoc &item, const QString &sortBy)
{
    const std::string field = sortBy == u"cluster_name" ? std::string("cluster") : sortBy.toStdString();
    if (!item.contains(field) || item[field].is_null())
        return std::nullopt;
    const JsonDoc &value = item[field];
    if (value.is_string() && value.get<std::string>().empty())
        return std::nullopt; // "group_name":"" means no group
    return value;
}

QString orderProblem(const JsonDoc &items, const std::string &idKey, const QString &sortBy, bool descending)
{
    int tieDirection = 0; // +1 ascending ids, -1 descending, 0 not seen yet
    for (size_t i = 1; i < items.size(); ++i) {
        const JsonDoc &a = items[i - 1];
        const JsonDoc &b = items[i];
        const std::optional<JsonDoc> va = sortValue(a, sortBy);
        const std::optional<JsonDoc> vb = sortValue(b, sortBy);
        const QString where = QStringLiteral(" at positions %1 and %2: %3 then %4")
                                  .arg(i - 1)
                                  .arg(i)
                                  .arg(va ? dumped(*va) : QStringLiteral("<missing>"),
                                       vb ? dumped(*vb) : QStringLiteral("<missing>"));
        if (!va && vb)
            return QStringLiteral("a missing value comes before a present one") + where;
        if (va && !vb)
            continue;
        if (va && vb && *va != *vb) {
            if (descending ? !(*va > *vb) : !(*va < *vb))
                return QStringLiteral("values out of order") + where;
            continue;
        }
        const std::string ida = a[idKey].get<std::string>();
        const std::string idb = b[idKey].get<std::string>();
        if (ida == idb)
            return QStringLiteral("the same item twice") + where;
        const int direction = ida < idb ? 1 : -1;
        if (!descending && direction != 1)
            return QStringLiteral("a tie is not broken by ascending id") + where;
        if (tieDirection == 0)
            tieDirection = direction;
        else if (direction != tieDirection)
            return QStringLiteral("ties are broken by id in both directions") + where;
    }
    return {};
}

} // namespace

namespace QTest {
template <>
inline char *toString(const JsonDoc &value)
{
    return qstrdup(value.dump().c_str());
}
} // namespace QTest

#define RETURN_IF_FAILED()                                                                                             \
    do {                                                                                                               \
        if (QTest::currentTestFailed())                                                                                \
            return;                                                                                                    \
    } while (false)

// Declares `var` as the JSON object of `result`, which must have `status`.
#define EXPECT_JSON(var, result, status)                                                                               \
    const JsonDoc var = expectJson((result), (status), __FILE__, __LINE__);                                            \
    RETURN_IF_FAILED()

// Declares `var` as the message of an error answer with `status`.
#define EXPECT_ERROR(var, result, status)                                                                              \
    const QString var = expectError((result), (status), __FILE__, __LINE__);                                           \
    RETURN_IF_FAILED()

// Checks an error answer whose message does not matter here.
#define EXPECT_FAILURE(result, status)                                                                                 \
    do {                                                                                                               \
        expectError((result), (status), __FILE__, __LINE__);                                                           \
        RETURN_IF_FAILED();                                                                                            \
    } while (false)

// These tests are about the API, not execution: nothing runs, so every run
// keeps the status the test gives it.
static ControlPlaneOptions runsStayQueued()
{
    ControlPlaneOptions options;
    options.parallelRuns = 0;
    return options;
}

class Tst_HttpApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    // Routes and wire conventions
    void routes_data();
    void routes();
    void emptyLists();
    void definitionShape_data();
    void definitionShape();
    void launch_data();
    void launch();
    void caseInsensitiveDefinitionKeys();
    void nonIntegerNumbers_data();
    void nonIntegerNumbers();
    void validationReasonsJoined();
    void errors_data();
    void errors();
    void bodyLimit();
    void token();
    void cors();
    void corsOffByDefault();

    // Definitions and runs over their life
    void updateMerges();
    void deleteKeepsRuns();
    void terminate();
    void logsOfQueuedRun();
    void logsOfRunStoppedBeforeStart();
    void restartKeepsEverything();
    void corruptRowAnswers500();
    void launchOutlivesTheApi();
    void placementOptions();
    void events();
    void statusETag();

    // Lists (contract §6), on the seeded list server
    void listSorting_data();
    void listSorting();
    void definitionFilters_data();
    void definitionFilters();
    void runFilters_data();
    void runFilters();
    void definitionHistory();
    void filteredSortedPage();
    void timeFilters();
    void unparsableTimeMessage();
    void filterEcho_data();
    void filterEcho();
    void nameLists_data();
    void nameLists();

private:
    QString expand(QString text, const QHash<QString, QString> &vars) const;
    JsonDoc create(HttpTestClient &client, const JsonDoc &body);
    JsonDoc launchRun(HttpTestClient &client, const QString &path, const JsonDoc &body);
    void seedForErrors();
    void checkFilter(const QString &path, const QStringList &expected, const std::string &itemsKey,
                     const std::string &idKey);

    // The seeded, read-only list server
    std::unique_ptr<TestServer> m_listServer;
    std::unique_ptr<HttpTestClient> m_listClient;
    QHash<QString, QString> m_listIds; // label (d1.., r1..) → id
    QHash<QString, QString> m_labels;  // id → label

    // A fresh server per test function and data row
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpTestClient> m_client;
    QHash<QString, QString> m_vars; // {placeholder} → value for data rows
};

QString Tst_HttpApi::expand(QString text, const QHash<QString, QString> &vars) const
{
    for (auto it = vars.constBegin(); it != vars.constEnd(); ++it)
        text.replace(u'{' + it.key() + u'}', it.value());
    return text;
}

JsonDoc Tst_HttpApi::create(HttpTestClient &client, const JsonDoc &body)
{
    return expectJson(post(client, QStringLiteral("/api/v1/task"), body), 200, __FILE__, __LINE__);
}

JsonDoc Tst_HttpApi::launchRun(HttpTestClient &client, const QString &path, const JsonDoc &body)
{
    return expectJson(put(client, path, body), 200, __FILE__, __LINE__);
}

// ---------------------------------------------------------------------------
// Fixtures

void Tst_HttpApi::initTestCase()
{
    m_listServer = std::make_unique<TestServer>(runsStayQueued());
    QVERIFY(m_listServer->start());
    m_listClient = std::make_unique<HttpTestClient>(*m_listServer);
    HttpTestClient &c = *m_listClient;

    const std::pair<const char *, const char *> definitions[] = {
        {"d1", R"({"alias":"alpha-job","group_name":"grp-b","image":"repo/alpha:1","command":"echo alpha","memory":512,
                   "cpu":250,"env":[{"name":"A","value":"1"},{"name":"B","value":"x"}],"tags":["red","blue"]})"},
        {"d2", R"({"alias":"beta-job","group_name":"grp-a","image":"repo/beta:2","command":"echo beta && sleep 1",
                   "memory":128,"env":[{"name":"A","value":"2"}],"tags":["blue"]})"},
        {"d3", R"({"alias":"gamma","image":"other/gamma","command":"run gamma","env":[{"name":"A","value":"1"}]})"},
        {"d4", R"({"alias":"delta-job","group_name":"grp-a","image":"repo/alpha:2","command":"echo delta","memory":512,
                   "env":[{"name":"B","value":"x"},{"name":"A","value":"1"}],"tags":["green"]})"},
        {"d5", R"({"alias":"epsilon","group_name":"grp-c","image":"zeta/img","command":"printf eps","memory":64,
                   "tags":["red"]})"},
        {"d6", R"({"alias":"zed","image":"aaa/first","command":"true","memory":2048})"},
    };
    for (const auto &[label, body] : definitions) {
        const JsonDoc created = create(c, J(body));
        RETURN_IF_FAILED();
        const QString id = text(created["definition_id"]);
        m_listIds.insert(QString::fromLatin1(label), id);
        m_labels.insert(id, QString::fromLatin1(label));
    }

    const auto path = [this](const char *format, const char *definition) {
        return QString::fromLatin1(format).arg(m_listIds.value(QString::fromLatin1(definition)));
    };
    const std::tuple<const char *, QString, const char *> runs[] = {
        {"r1", path("/api/v1/task/%1/execute", "d1"), R"({"env":[{"name":"X","value":"1"}]})"},
        {"r2", path("/api/v4/task/%1/execute", "d1"),
         R"({"run_tags":{"owner_id":"alice"},"env":[{"name":"X","value":"2"},{"name":"Y","value":"y"}]})"},
        {"r3", path("/api/v2/task/%1/execute", "d2"),
         R"({"run_tags":{"owner_email":"bob@example.com","team_name":"team"},"env":[{"name":"X","value":"1"}]})"},
        {"r4", QStringLiteral("/api/v1/task/alias/gamma/execute"), R"({"run_tags":{"owner_id":"alice"}})"},
        {"r5", path("/api/v6/task/%1/execute", "d4"), R"({"run_tags":{"owner_id":"carol"},"command":"echo override"})"},
        {"r6", path("/api/v4/task/%1/execute", "d5"),
         R"({"run_tags":{"owner_id":"alice"},"env":[{"name":"X","value":"1"},{"name":"Y","value":"y"}]})"},
        {"r7", path("/api/v1/task/%1/execute", "d6"), R"({})"},
        {"r8", path("/api/v4/task/%1/execute", "d2"), R"({"run_tags":{"owner_id":"dave"}})"},
    };
    for (const auto &[label, route, body] : runs) {
        const JsonDoc run = launchRun(c, route, J(body));
        RETURN_IF_FAILED();
        const QString id = text(run["run_id"]);
        m_listIds.insert(QString::fromLatin1(label), id);
        m_labels.insert(id, QString::fromLatin1(label));
    }
    for (const auto &[run, definition] : {std::pair{"r2", "d1"}, std::pair{"r5", "d4"}, std::pair{"r7", "d6"}}) {
        const QString route = QStringLiteral("/api/v1/task/%1/history/%2")
                                  .arg(m_listIds.value(QString::fromLatin1(definition)),
                                       m_listIds.value(QString::fromLatin1(run)));
        EXPECT_JSON(stopped, c.del(route), 200);
        QCOMPARE(text(stopped["status"]), QStringLiteral("STOPPED"));
    }
}

void Tst_HttpApi::init()
{
    m_vars.clear();
    m_server = std::make_unique<TestServer>(runsStayQueued());
    QVERIFY(m_server->start());
    m_client = std::make_unique<HttpTestClient>(*m_server);
}

void Tst_HttpApi::cleanup()
{
    m_client.reset();
    m_server.reset();
}

// Two definitions with one run each, named for the data rows:
// {def} {alias} {run} and {other} {otherAlias} {otherRun}.
void Tst_HttpApi::seedForErrors()
{
    const JsonDoc def = create(*m_client,
                               J(R"({"alias":"err-def","group_name":"grp","image":"img","command":"echo hi"})"));
    RETURN_IF_FAILED();
    const JsonDoc other = create(*m_client, J(R"({"alias":"other-def","image":"img","command":"echo other"})"));
    RETURN_IF_FAILED();
    m_vars.insert(QStringLiteral("def"), text(def["definition_id"]));
    m_vars.insert(QStringLiteral("alias"), QStringLiteral("err-def"));
    m_vars.insert(QStringLiteral("other"), text(other["definition_id"]));
    m_vars.insert(QStringLiteral("otherAlias"), QStringLiteral("other-def"));
    const JsonDoc run = launchRun(*m_client, expand(QStringLiteral("/api/v1/task/{def}/execute"), m_vars),
                                  JsonDoc::object());
    RETURN_IF_FAILED();
    const JsonDoc otherRun = launchRun(*m_client, expand(QStringLiteral("/api/v1/task/{other}/execute"), m_vars),
                                       JsonDoc::object());
    RETURN_IF_FAILED();
    m_vars.insert(QStringLiteral("run"), text(run["run_id"]));
    m_vars.insert(QStringLiteral("otherRun"), text(otherRun["run_id"]));
}

// ---------------------------------------------------------------------------
// Routes and wire conventions

void Tst_HttpApi::routes_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("key"); // a member the answer must have

    const QByteArray definition = R"({"alias":"new-def","image":"img","command":"true"})";
    const QByteArray owner = R"({"run_tags":{"owner_id":"me"}})";
    for (const char *v : {"v1", "v6"}) {
        const QString p = QStringLiteral("/api/%1").arg(QLatin1String(v));
        const auto row = [v](const char *what) -> QTestData & { return QTest::addRow("%s %s", v, what); };
        row("list definitions") << QByteArray("GET") << p + "/task" << QByteArray() << "definitions";
        row("list definitions, trailing slash") << QByteArray("GET") << p + "/task/" << QByteArray() << "definitions";
        row("create definition") << QByteArray("POST") << p + "/task" << definition << "definition_id";
        row("get definition") << QByteArray("GET") << p + "/task/{def}" << QByteArray() << "definition_id";
        row("update definition") << QByteArray("PUT") << p + "/task/{def}" << QByteArray(R"({"image":"img:2"})")
                                 << "definition_id";
        row("delete definition") << QByteArray("DELETE") << p + "/task/{def}" << QByteArray() << "deleted";
        row("get by alias") << QByteArray("GET") << p + "/task/alias/{alias}" << QByteArray() << "definition_id";
        row("launch by alias") << QByteArray("PUT") << p + "/task/alias/{alias}/execute" << owner << "run_id";
        row("definition history") << QByteArray("GET") << p + "/task/{def}/history" << QByteArray() << "history";
        row("definition run") << QByteArray("GET") << p + "/task/{def}/history/{run}" << QByteArray() << "run_id";
        row("terminate run") << QByteArray("DELETE") << p + "/task/{def}/history/{run}" << QByteArray() << "terminated";
        row("task history run") << QByteArray("GET") << p + "/task/history/{run}" << QByteArray() << "run_id";
        row("history run") << QByteArray("GET") << p + "/history/{run}" << QByteArray() << "run_id";
        row("all runs") << QByteArray("GET") << p + "/history" << QByteArray() << "history";
        row("logs") << QByteArray("GET") << p + "/{run}/logs" << QByteArray() << "log";
        row("events") << QByteArray("GET") << p + "/{run}/events" << QByteArray() << "pod_events";
    }
    QTest::newRow("v6 status") << QByteArray("GET") << "/api/v6/{run}/status" << QByteArray() << "cluster_name";
    QTest::newRow("v1 launch") << QByteArray("PUT") << "/api/v1/task/{def}/execute" << QByteArray("{}") << "run_id";
    QTest::newRow("v6 launch (v4 rules)") << QByteArray("PUT") << "/api/v6/task/{def}/execute" << owner << "run_id";
    QTest::newRow("v2 launch") << QByteArray("PUT") << "/api/v2/task/{def}/execute"
                               << QByteArray(R"({"run_tags":{"owner_email":"me@example.com","team_name":"t"}})")
                               << "run_id";
    QTest::newRow("v4 launch") << QByteArray("PUT") << "/api/v4/task/{def}/execute" << owner << "run_id";
    for (const char *prefix : {"", "/v1", "/v6"}) {
        for (const char *list : {"groups", "tags", "clusters"})
            QTest::addRow("%s/%s", prefix, list)
                << QByteArray("GET") << QStringLiteral("/api%1/%2").arg(QLatin1String(prefix), QLatin1String(list))
                << QByteArray() << QString::fromLatin1(list);
    }
    QTest::newRow("v6 health") << QByteArray("GET") << "/api/v6/health" << QByteArray() << "status";
}

// Every route of contract §1 answers 200 with a JSON object.
void Tst_HttpApi::routes()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, key);

    const JsonDoc def = create(
        *m_client, J(R"({"alias":"route-def","group_name":"rg","image":"img","command":"true","tags":["t1"]})"));
    RETURN_IF_FAILED();
    const JsonDoc run = launchRun(*m_client, QStringLiteral("/api/v1/task/%1/execute").arg(text(def["definition_id"])),
                                  JsonDoc::object());
    RETURN_IF_FAILED();
    const QHash<QString, QString> vars{{QStringLiteral("def"), text(def["definition_id"])},
                                       {QStringLiteral("alias"), QStringLiteral("route-def")},
                                       {QStringLiteral("run"), text(run["run_id"])}};

    EXPECT_JSON(answer, m_client->request(method, expand(path, vars), body), 200);
    QVERIFY2(answer.contains(key.toStdString()), qPrintable(dumped(answer)));

    if (key == u"status")
        JSON_COMPARE(answer, J(R"({"status":"healthy"})"));
    if (key == u"clusters")
        JSON_COMPARE(answer, J(R"({"clusters":["local"]})"));
    if (key == u"groups")
        JSON_COMPARE(answer["groups"], J(R"(["rg"])"));
    if (key == u"tags")
        JSON_COMPARE(answer["tags"], J(R"(["t1"])"));
    if (key == u"deleted")
        JSON_COMPARE(answer, J(R"({"deleted":true})"));
    if (key == u"log")
        JSON_COMPARE(answer, J(R"({"log":"","last_seen":""})"));
    if (key == u"terminated")
        JSON_COMPARE(answer["terminated"], JsonDoc(true));
    if (key == u"pod_events")
        JSON_COMPARE(answer["total"], JsonDoc(answer["pod_events"].size()));
    if (key == u"cluster_name")
        QCOMPARE(text(answer["run_id"]), vars.value(QStringLiteral("run")));
    if (key == u"history" || key == u"definitions")
        QCOMPARE(answer[key.toStdString()].size(), size_t(1));
    if (key == u"run_id" && method == "GET")
        QCOMPARE(text(answer["run_id"]), vars.value(QStringLiteral("run")));
    if (key == u"definition_id" && method != "POST")
        QCOMPARE(text(answer["definition_id"]), vars.value(QStringLiteral("def")));
}

// Empty lists are arrays, never null, with the documented defaults.
void Tst_HttpApi::emptyLists()
{
    for (const char *v : {"v1", "v6"}) {
        EXPECT_JSON(definitions, m_client->get(QStringLiteral("/api/%1/task").arg(QLatin1String(v))), 200);
        JSON_COMPARE(definitions, J(R"({"definitions":[],"total":0,"limit":1024,"offset":0,"sort_by":"group_name",
                                        "order":"asc","env_filters":{}})"));
        EXPECT_JSON(runs, m_client->get(QStringLiteral("/api/%1/history").arg(QLatin1String(v))), 200);
        JSON_COMPARE(runs, J(R"({"history":[],"total":0,"limit":1024,"offset":0,"sort_by":"group_name",
                                 "order":"asc","env_filters":{}})"));
    }
    for (const char *prefix : {"", "/v1", "/v6"}) {
        EXPECT_JSON(groups, m_client->get(QStringLiteral("/api%1/groups").arg(QLatin1String(prefix))), 200);
        JSON_COMPARE(groups, J(R"({"groups":[],"total":0,"limit":1024,"offset":0})"));
        EXPECT_JSON(tags, m_client->get(QStringLiteral("/api%1/tags").arg(QLatin1String(prefix))), 200);
        JSON_COMPARE(tags, J(R"({"tags":[],"total":0,"limit":1024,"offset":0})"));
    }
    // A definition without runs has an empty history.
    const JsonDoc def = create(*m_client, J(R"({"alias":"lonely","image":"img","command":"true"})"));
    RETURN_IF_FAILED();
    EXPECT_JSON(history, m_client->get(QStringLiteral("/api/v1/task/%1/history").arg(text(def["definition_id"]))), 200);
    JSON_COMPARE(history["history"], JsonDoc::array());
    JSON_COMPARE(history["total"], JsonDoc(0));
}

void Tst_HttpApi::definitionShape_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("grouped");

    QTest::newRow("full") << QByteArray(R"({"alias":"full","group_name":"my_group-1","image":"ubuntu:24.04",
        "command":"echo \"hi ünïcode\"","memory":512,"cpu":250,"env":[{"name":"A","value":"1"},{"name":"B","value":""}],
        "tags":["x","y"]})")
                          << true;
    QTest::newRow("minimal, no group") << QByteArray(R"({"alias":"minimal","image":"img","command":"true"})") << false;
    QTest::newRow("empty group") << QByteArray(R"({"alias":"nogroup","group_name":"","image":"img","command":"true",
        "env":[],"tags":[]})") << false;
    QTest::newRow("alias with spaces and unicode")
        << QByteArray(R"({"alias":"my job ü+1","group_name":"G_1","image":"img",
        "command":"true","tags":["ü"]})")
        << true;
    QTest::newRow("unknown keys ignored") << QByteArray(R"({"alias":"extra","image":"img","command":"true",
        "description":"not ours","gpu":1,"labels":{"a":"b"},"definition_id":"chosen-by-client"})")
                                          << false;
}

// A created definition: server-assigned id, never-null arrays, optional
// numbers absent, and the same document at every read path.
void Tst_HttpApi::definitionShape()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, grouped);
    const JsonDoc sent = JsonDoc::parse(body.toStdString());

    EXPECT_JSON(created, m_client->request("POST", QStringLiteral("/api/v1/task"), body), 200);

    QSet<QString> keys{QStringLiteral("definition_id"), QStringLiteral("alias"),   QStringLiteral("group_name"),
                       QStringLiteral("image"),         QStringLiteral("command"), QStringLiteral("env"),
                       QStringLiteral("tags")};
    if (sent.contains("memory"))
        keys.insert(QStringLiteral("memory"));
    if (sent.contains("cpu"))
        keys.insert(QStringLiteral("cpu"));
    QCOMPARE(keysText(keysOf(created)), keysText(keys));

    const QString id = text(created["definition_id"]);
    if (grouped) {
        const QString group = text(sent["group_name"]);
        QVERIFY2(id.startsWith(group + u'-'), qPrintable(id));
        QVERIFY2(uuid4Pattern.match(id.mid(group.size() + 1)).hasMatch(), qPrintable(id));
    } else {
        QVERIFY2(uuid4Pattern.match(id).hasMatch(), qPrintable(id));
    }
    for (const char *field : {"alias", "image", "command"})
        JSON_COMPARE(created[field], sent[field]);
    JSON_COMPARE(created["group_name"], sent.value("group_name", JsonDoc("")));
    JSON_COMPARE(created["env"], sent.value("env", JsonDoc::array()));
    JSON_COMPARE(created["tags"], sent.value("tags", JsonDoc::array()));
    if (sent.contains("memory"))
        JSON_COMPARE(created["memory"], sent["memory"]);
    if (sent.contains("cpu"))
        JSON_COMPARE(created["cpu"], sent["cpu"]);

    for (const QString &path : {QStringLiteral("/api/v1/task/%1").arg(id), QStringLiteral("/api/v6/task/%1").arg(id),
                                QStringLiteral("/api/v1/task/alias/%1").arg(text(sent["alias"])),
                                QStringLiteral("/api/v6/task/alias/%1").arg(text(sent["alias"]))}) {
        EXPECT_JSON(read, m_client->get(path), 200);
        JSON_COMPARE(read, created);
    }
    EXPECT_JSON(list, m_client->get(QStringLiteral("/api/v1/task")), 200);
    JSON_COMPARE(list["definitions"], JsonDoc::array({created}));

    // The alias works as a path segment for launches too.
    EXPECT_JSON(run,
                put(*m_client, QStringLiteral("/api/v1/task/alias/%1/execute").arg(text(sent["alias"])),
                    J(R"({"run_tags":{"owner_id":"me"}})")),
                200);
    JSON_COMPARE(run["alias"], created["alias"]);
    JSON_COMPARE(run["definition_id"], created["definition_id"]);
}

void Tst_HttpApi::launch_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("command");
    QTest::addColumn<int>("memory");
    QTest::addColumn<int>("cpu");
    QTest::addColumn<QByteArray>("env"); // the launch env, in request order

    // The definition: command "echo def", memory 256, cpu 100, env DEF_ONLY=d.
    const QString v1 = QStringLiteral("/api/v1/task/{def}/execute");
    const QString v2 = QStringLiteral("/api/v2/task/{def}/execute");
    const QString v4 = QStringLiteral("/api/v4/task/{def}/execute");
    const QString v6 = QStringLiteral("/api/v6/task/{def}/execute");
    const QString alias1 = QStringLiteral("/api/v1/task/alias/launch-def/execute");
    const QString alias6 = QStringLiteral("/api/v6/task/alias/launch-def/execute");
    const QByteArray overrides = R"("command":"echo other","memory":999,"cpu":7)";

    QTest::newRow("v1 empty body") << v1 << QByteArray("{}") << "v1-unknown"
                                   << "echo def" << 256 << 100 << QByteArray("[]");
    QTest::newRow("v1 env in request order")
        << v1 << QByteArray(R"({"env":[{"name":"Z","value":"1"},{"name":"A","value":"2"},{"name":"M","value":""}]})")
        << "v1-unknown"
        << "echo def" << 256 << 100
        << QByteArray(R"([{"name":"Z","value":"1"},{"name":"A","value":"2"},{"name":"M","value":""}])");
    QTest::newRow("v1 ignores overrides and owner")
        << v1 << QByteArray(R"({"run_tags":{"owner_id":"zed"},)" + overrides + "}") << "v1-unknown"
        << "echo def" << 256 << 100 << QByteArray("[]");
    QTest::newRow("v1 explicit cluster") << v1 << QByteArray(R"({"cluster":"local"})") << "v1-unknown"
                                         << "echo def" << 256 << 100 << QByteArray("[]");
    QTest::newRow("v1 empty cluster is the default") << v1 << QByteArray(R"({"cluster":""})") << "v1-unknown"
                                                     << "echo def" << 256 << 100 << QByteArray("[]");
    QTest::newRow("v2 owner_email is the user")
        << v2
        << QByteArray(
               R"({"run_tags":{"owner_email":"ann@example.com","team_name":"team"},"env":[{"name":"K","value":"v"}]})")
        << "ann@example.com"
        << "echo def" << 256 << 100 << QByteArray(R"([{"name":"K","value":"v"}])");
    QTest::newRow("v2 ignores overrides")
        << v2 << QByteArray(R"({"run_tags":{"owner_email":"ann@example.com","team_name":"team"},)" + overrides + "}")
        << "ann@example.com"
        << "echo def" << 256 << 100 << QByteArray("[]");
    QTest::newRow("v2 keys any case") << v2
                                      << QByteArray(
                                             R"({"Run_Tags":{"OWNER_EMAIL":"ann@example.com","Team_Name":"team"}})")
                                      << "ann@example.com"
                                      << "echo def" << 256 << 100 << QByteArray("[]");
    QTest::newRow("v4 owner_id, no overrides") << v4 << QByteArray(R"({"run_tags":{"owner_id":"u4"}})") << "u4"
                                               << "echo def" << 256 << 100 << QByteArray("[]");
    QTest::newRow("v4 overrides") << v4 << QByteArray(R"({"run_tags":{"owner_id":"u4"},)" + overrides + "}") << "u4"
                                  << "echo other" << 999 << 7 << QByteArray("[]");
    QTest::newRow("v4 memory override only")
        << v4 << QByteArray(R"({"run_tags":{"owner_id":"u4"},"memory":64})") << "u4"
        << "echo def" << 64 << 100 << QByteArray("[]");
    QTest::newRow("v4 upstream-only keys ignored")
        << v4 << QByteArray(R"({"run_tags":{"owner_id":"u4"},"engine":"eks","tier":"4",
                               "description":"x","labels":{"a":"b"}})")
        << "u4"
        << "echo def" << 256 << 100 << QByteArray("[]");
    QTest::newRow("v4 OWNER_ID as the web UI sends it")
        << v4 << QByteArray(R"({"run_tags":{"OWNER_ID":"webui"}})") << "webui"
        << "echo def" << 256 << 100 << QByteArray("[]");
    QTest::newRow("v4 all keys upper case")
        << v4
        << QByteArray(
               R"({"RUN_TAGS":{"OWNER_ID":"ci"},"ENV":[{"NAME":"K","VALUE":"v"}],"Command":"echo ci","MEMORY":77,"CPU":9})")
        << "ci"
        << "echo ci" << 77 << 9 << QByteArray(R"([{"name":"K","value":"v"}])");
    QTest::newRow("v6 = v4 overrides") << v6 << QByteArray(R"({"run_tags":{"owner_id":"u6"},)" + overrides + "}")
                                       << "u6"
                                       << "echo other" << 999 << 7 << QByteArray("[]");
    QTest::newRow("alias v1 path, v4 rules")
        << alias1 << QByteArray(R"({"run_tags":{"owner_id":"ua"},)" + overrides + "}") << "ua"
        << "echo other" << 999 << 7 << QByteArray("[]");
    QTest::newRow("alias v6 path") << alias6
                                   << QByteArray(R"({"run_tags":{"owner_id":"ua"},"env":[{"name":"E","value":"e"}]})")
                                   << "ua"
                                   << "echo def" << 256 << 100 << QByteArray(R"([{"name":"E","value":"e"}])");
}

// A launch answers the new QUEUED run with the documented env, user and
// overrides, and every run read path answers the same document.
void Tst_HttpApi::launch()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, user);
    QFETCH(QString, command);
    QFETCH(int, memory);
    QFETCH(int, cpu);
    QFETCH(QByteArray, env);

    const JsonDoc def = create(*m_client,
                               J(R"({"alias":"launch-def","group_name":"lg","image":"img:1","command":"echo def",
                                             "memory":256,"cpu":100,"env":[{"name":"DEF_ONLY","value":"d"}]})"));
    RETURN_IF_FAILED();
    const QString defId = text(def["definition_id"]);
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-60);

    EXPECT_JSON(run, m_client->request("PUT", expand(path, {{QStringLiteral("def"), defId}}), body), 200);

    QCOMPARE(keysText(keysOf(run)),
             QStringLiteral(
                 "alias,cluster,command,cpu,definition_id,engine,env,executable_id,executable_type,group_name,"
                 "image,instance,memory,pod_events,queued_at,run_id,status,user"));
    const QString runId = text(run["run_id"]);
    QVERIFY2(uuid4Pattern.match(runId).hasMatch(), qPrintable(runId));
    QCOMPARE(text(run["definition_id"]), defId);
    QCOMPARE(text(run["alias"]), QStringLiteral("launch-def"));
    QCOMPARE(text(run["group_name"]), QStringLiteral("lg"));
    QCOMPARE(text(run["image"]), QStringLiteral("img:1"));
    QCOMPARE(text(run["command"]), command);
    QCOMPARE(text(run["cluster"]), QStringLiteral("local"));
    QCOMPARE(text(run["engine"]), QStringLiteral("local"));
    QCOMPARE(text(run["status"]), QStringLiteral("QUEUED"));
    QCOMPARE(text(run["user"]), user);
    JSON_COMPARE(run["memory"], JsonDoc(memory));
    JSON_COMPARE(run["cpu"], JsonDoc(cpu));
    JSON_COMPARE(run["instance"], J(R"({"dns_name":"","instance_id":""})"));
    const QString queuedAt = text(run["queued_at"]);
    QVERIFY2(timePattern.match(queuedAt).hasMatch(), qPrintable(queuedAt));
    const QDateTime queued = QDateTime::fromString(queuedAt, Qt::ISODateWithMs);
    QVERIFY2(queued >= before && queued <= QDateTime::currentDateTimeUtc().addSecs(60), qPrintable(queuedAt));

    JsonDoc expectedEnv = JsonDoc::array({JsonDoc{{"name", "FLOTILLA_RUN_ID"}, {"value", runId.toStdString()}},
                                          JsonDoc{{"name", "FLOTILLA_SERVER_MODE"}, {"value", "local"}},
                                          JsonDoc{{"name", "FLOTILLA_RUN_OWNER_ID"}, {"value", user.toStdString()}}});
    for (const JsonDoc &var : JsonDoc::parse(env.toStdString()))
        expectedEnv.push_back(var);
    JSON_COMPARE(run["env"], expectedEnv);

    for (const QString &read :
         {QStringLiteral("/api/v1/history/%1").arg(runId), QStringLiteral("/api/v6/history/%1").arg(runId),
          QStringLiteral("/api/v1/task/history/%1").arg(runId),
          QStringLiteral("/api/v1/task/%1/history/%2").arg(defId, runId),
          QStringLiteral("/api/v6/task/%1/history/%2").arg(defId, runId)}) {
        EXPECT_JSON(again, m_client->get(read), 200);
        JSON_COMPARE(again, run);
    }
    EXPECT_JSON(history, m_client->get(QStringLiteral("/api/v1/task/%1/history").arg(defId)), 200);
    JSON_COMPARE(history["history"], JsonDoc::array({run}));
    EXPECT_JSON(all, m_client->get(QStringLiteral("/api/v1/history")), 200);
    JSON_COMPARE(all["history"], JsonDoc::array({run}));
}

// gpu and node_lifecycle are recorded as sent; the engine is the cluster's.
void Tst_HttpApi::placementOptions()
{
    const JsonDoc def = create(*m_client, J(R"({"alias":"placed","image":"img","command":"true"})"));
    RETURN_IF_FAILED();
    const QString path = QStringLiteral("/api/v4/task/%1/execute").arg(text(def["definition_id"]));
    EXPECT_JSON(run, put(*m_client, path, J(R"({"run_tags":{"owner_id":"me"},"gpu":1,"node_lifecycle":"spot",
                                                "engine":"eks"})")),
                200);
    JSON_COMPARE(run["gpu"], JsonDoc(1));
    QCOMPARE(text(run["node_lifecycle"]), QStringLiteral("spot"));
    QCOMPARE(text(run["engine"]), QStringLiteral("local"));
    EXPECT_ERROR(lifecycle, put(*m_client, path, J(R"({"run_tags":{"owner_id":"me"},"node_lifecycle":"normal"})")), 400);
    QCOMPARE(lifecycle, QStringLiteral("node_lifecycle must be \"ondemand\" or \"spot\", not \"normal\""));
    EXPECT_ERROR(gpu, put(*m_client, path, J(R"({"run_tags":{"owner_id":"me"},"gpu":-1})")), 400);
    QCOMPARE(gpu, QStringLiteral("gpu must be a number of GPUs, 0 or more"));
}

// A run's events, in upstream's shape, at v1 and v6.
void Tst_HttpApi::events()
{
    const JsonDoc def = create(*m_client, J(R"({"alias":"eventful","image":"img","command":"true"})"));
    RETURN_IF_FAILED();
    const JsonDoc run = launchRun(*m_client, QStringLiteral("/api/v1/task/%1/execute").arg(text(def["definition_id"])),
                                  JsonDoc::object());
    RETURN_IF_FAILED();
    const QString runId = text(run["run_id"]);
    for (const char *v : {"v1", "v6"}) {
        EXPECT_JSON(events, m_client->get(QStringLiteral("/api/%1/%2/events").arg(QLatin1String(v), runId)), 200);
        QCOMPARE(keysText(keysOf(events)), QStringLiteral("pod_events,total"));
        JSON_COMPARE(events["pod_events"], run["pod_events"]);
        JSON_COMPARE(events["total"], JsonDoc(2));
        const JsonDoc &queued = events["pod_events"][0];
        QCOMPARE(keysText(keysOf(queued)), QStringLiteral("event_type,message,reason,source_object,timestamp"));
        QCOMPARE(text(queued["reason"]), QStringLiteral("Queued"));
        QCOMPARE(text(queued["event_type"]), QStringLiteral("Normal"));
        QCOMPARE(text(queued["source_object"]), QStringLiteral("run/") + runId);
        QCOMPARE(text(queued["message"]), QStringLiteral("Queued for cluster local"));
        JSON_COMPARE(queued["timestamp"], run["queued_at"]);
        QCOMPARE(text(events["pod_events"][1]["message"]),
                 QStringLiteral("Waiting for a free slot: cluster local runs at most 0 at once"));
        EXPECT_ERROR(missing, m_client->get(QStringLiteral("/api/%1/no-such-run/events").arg(QLatin1String(v))), 404);
        QCOMPARE(missing, QStringLiteral("Run with id no-such-run not found"));
    }
}

// v6 status: upstream's fields and caching headers; the ETag changes with the run.
void Tst_HttpApi::statusETag()
{
    const JsonDoc def = create(*m_client, J(R"({"alias":"polled","image":"img","command":"true"})"));
    RETURN_IF_FAILED();
    const QString defId = text(def["definition_id"]);
    const JsonDoc run = launchRun(*m_client, QStringLiteral("/api/v1/task/%1/execute").arg(defId), JsonDoc::object());
    RETURN_IF_FAILED();
    const QString runId = text(run["run_id"]);
    const QString path = QStringLiteral("/api/v6/%1/status").arg(runId);

    const HttpResult first = m_client->get(path);
    EXPECT_JSON(status, first, 200);
    QCOMPARE(keysText(keysOf(status)),
             QStringLiteral("alias,cluster_name,definition_id,engine,queued_at,run_id,status"));
    QCOMPARE(text(status["status"]), QStringLiteral("QUEUED"));
    QCOMPARE(text(status["cluster_name"]), QStringLiteral("local"));
    JSON_COMPARE(status["queued_at"], run["queued_at"]);
    QCOMPARE(first.header("Cache-Control"), QByteArray("max-age=5"));
    const QByteArray tag = first.header("ETag");
    QVERIFY2(QRegularExpression(QStringLiteral(R"(^"QUEUED-unknown-[0-9a-f]{12}"$)"))
                 .match(QString::fromLatin1(tag))
                 .hasMatch(),
             tag.constData());

    const HttpResult unchanged = m_client->request("GET", path, {}, {{"If-None-Match", tag}});
    QCOMPARE(unchanged.status, 304);
    QVERIFY(unchanged.body.isEmpty());
    QCOMPARE(unchanged.header("ETag"), tag);

    QCOMPARE(m_client->del(QStringLiteral("/api/v1/task/%1/history/%2").arg(defId, runId)).status, 200);
    const HttpResult changed = m_client->request("GET", path, {}, {{"If-None-Match", tag}});
    EXPECT_JSON(stopped, changed, 200);
    QCOMPARE(text(stopped["status"]), QStringLiteral("STOPPED"));
    QCOMPARE(text(stopped["exit_reason"]), QStringLiteral("Task terminated by user"));
    QVERIFY(changed.header("ETag").startsWith("\"STOPPED-unknown-"));

    EXPECT_ERROR(missing, m_client->get(QStringLiteral("/api/v6/no-such-run/status")), 404);
    QCOMPARE(missing, QStringLiteral("Run with id no-such-run not found"));
}

// Request keys match case-insensitively on create and update.
void Tst_HttpApi::caseInsensitiveDefinitionKeys()
{
    EXPECT_JSON(created,
                post(*m_client, QStringLiteral("/api/v1/task"),
                     J(R"({"ALIAS":"loud","Group_Name":"grp","IMAGE":"img","Command":"true","MEMORY":256,
                                              "Cpu":5,"ENV":[{"NAME":"K","Value":"v"}],"TAGS":["t"]})")),
                200);
    const QString id = text(created["definition_id"]);
    QVERIFY2(id.startsWith(u"grp-"), qPrintable(id));
    JsonDoc expected = J(R"({"alias":"loud","group_name":"grp","image":"img","command":"true","memory":256,"cpu":5,
                          "env":[{"name":"K","value":"v"}],"tags":["t"]})");
    expected["definition_id"] = id.toStdString();
    JSON_COMPARE(created, expected);

    EXPECT_JSON(updated,
                put(*m_client, QStringLiteral("/api/v1/task/%1").arg(id), J(R"({"IMAGE":"img:2","Memory":512})")), 200);
    expected["image"] = "img:2";
    expected["memory"] = 512;
    JSON_COMPARE(updated, expected);

    EXPECT_JSON(byAlias, m_client->get(QStringLiteral("/api/v1/task/alias/loud")), 200);
    JSON_COMPARE(byAlias, expected);
}

void Tst_HttpApi::nonIntegerNumbers_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");

    const QByteArray base = R"("alias":"n","image":"img","command":"true")";
    QTest::newRow("create memory 1.5") << QByteArray("POST") << "/api/v1/task"
                                       << QByteArray("{" + base + R"(,"memory":1.5})") << "memory";
    QTest::newRow("create memory \"5\"") << QByteArray("POST") << "/api/v1/task"
                                         << QByteArray("{" + base + R"(,"memory":"5"})") << "memory";
    QTest::newRow("create memory true") << QByteArray("POST") << "/api/v1/task"
                                        << QByteArray("{" + base + R"(,"memory":true})") << "memory";
    QTest::newRow("create cpu 2.5") << QByteArray("POST") << "/api/v1/task" << QByteArray("{" + base + R"(,"cpu":2.5})")
                                    << "cpu";
    QTest::newRow("create MEMORY 1.5") << QByteArray("POST") << "/api/v1/task"
                                       << QByteArray("{" + base + R"(,"MEMORY":1.5})") << "memory";
    QTest::newRow("update memory \"5\"") << QByteArray("PUT") << "/api/v1/task/{def}" << QByteArray(R"({"memory":"5"})")
                                         << "memory";
    QTest::newRow("update cpu 1.5") << QByteArray("PUT") << "/api/v1/task/{def}" << QByteArray(R"({"cpu":1.5})")
                                    << "cpu";
    QTest::newRow("v4 launch memory 1.5") << QByteArray("PUT") << "/api/v4/task/{def}/execute"
                                          << QByteArray(R"({"run_tags":{"owner_id":"me"},"memory":1.5})") << "memory";
    QTest::newRow("v4 launch memory \"5\"") << QByteArray("PUT") << "/api/v4/task/{def}/execute"
                                            << QByteArray(R"({"run_tags":{"owner_id":"me"},"memory":"5"})") << "memory";
    QTest::newRow("v4 launch cpu \"1\"") << QByteArray("PUT") << "/api/v4/task/{def}/execute"
                                         << QByteArray(R"({"run_tags":{"owner_id":"me"},"cpu":"1"})") << "cpu";
}

// Integers must be JSON integers: anything else is a 400 that names the field.
void Tst_HttpApi::nonIntegerNumbers()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, field);

    const JsonDoc def = create(*m_client, J(R"({"alias":"num-def","image":"img","command":"true","memory":128})"));
    RETURN_IF_FAILED();
    const QString defId = text(def["definition_id"]);
    EXPECT_ERROR(message, m_client->request(method, expand(path, {{QStringLiteral("def"), defId}}), body), 400);
    QVERIFY2(message.contains(field), qPrintable(message));

    // Nothing changed, nothing launched.
    EXPECT_JSON(list, m_client->get(QStringLiteral("/api/v1/task")), 200);
    JSON_COMPARE(list["definitions"], JsonDoc::array({def}));
    EXPECT_JSON(runs, m_client->get(QStringLiteral("/api/v1/history")), 200);
    JSON_COMPARE(runs["total"], JsonDoc(0));
}

// Every failing validation rule is reported, one per line.
void Tst_HttpApi::validationReasonsJoined()
{
    const auto check = [this](const QByteArray &method, const QString &path, const QByteArray &body,
                              const QStringList &fields) {
        const QString message = expectError(m_client->request(method, path, body), 400, __FILE__, __LINE__);
        RETURN_IF_FAILED();
        const QStringList lines = message.split(u'\n');
        QVERIFY2(lines.size() == fields.size(), qPrintable(QStringLiteral("expected %1 lines for %2, got: %3")
                                                               .arg(fields.size())
                                                               .arg(fields.join(u','), message)));
        for (const QString &field : fields) {
            const bool named = std::any_of(lines.begin(), lines.end(),
                                           [&](const QString &line) { return line.contains(field); });
            QVERIFY2(named, qPrintable(QStringLiteral("no line names %1: %2").arg(field, message)));
        }
    };

    check("POST", QStringLiteral("/api/v1/task"), "{}",
          {QStringLiteral("alias"), QStringLiteral("image"), QStringLiteral("command")});
    RETURN_IF_FAILED();
    check("POST", QStringLiteral("/api/v1/task"),
          R"({"alias":"a/b","group_name":"bad group!","image":"img","command":"true","memory":0,"cpu":-1,
              "env":[{"name":"OK","value":"1"},{"name":"A=B","value":"1"}]})",
          {QStringLiteral("alias"), QStringLiteral("group_name"), QStringLiteral("memory"), QStringLiteral("cpu"),
           QStringLiteral("env[1]")});
    RETURN_IF_FAILED();
    const JsonDoc tooLong{{"alias", std::string(256, 'a')},
                          {"group_name", std::string(256, 'g')},
                          {"image", " "},
                          {"command", ""}};
    check("POST", QStringLiteral("/api/v1/task"), QByteArray::fromStdString(tooLong.dump()),
          {QStringLiteral("alias"), QStringLiteral("group_name"), QStringLiteral("image"), QStringLiteral("command")});
    RETURN_IF_FAILED();
    check("POST", QStringLiteral("/api/v1/task"),
          R"({"alias":"e","image":"img","command":"true","env":[{"name":"","value":"x"}]})",
          {QStringLiteral("env[0]")});
    RETURN_IF_FAILED();

    // 255 characters are still fine.
    const JsonDoc longestBody{{"alias", std::string(255, 'a')},
                              {"group_name", std::string(255, 'g')},
                              {"image", "img"},
                              {"command", "true"}};
    EXPECT_JSON(longest, post(*m_client, QStringLiteral("/api/v1/task"), longestBody), 200);
    QCOMPARE(text(longest["alias"]).size(), 255);

    // Updates are validated the same way, on the merged definition.
    const JsonDoc def = create(*m_client, J(R"({"alias":"valid","image":"img","command":"true"})"));
    RETURN_IF_FAILED();
    const QString path = QStringLiteral("/api/v1/task/%1").arg(text(def["definition_id"]));
    check("PUT", path, R"({"alias":"","image":"","memory":-5})",
          {QStringLiteral("alias"), QStringLiteral("image"), QStringLiteral("memory")});
    RETURN_IF_FAILED();
    check("PUT", path, R"({"command":"  ","group_name":"a b"})",
          {QStringLiteral("command"), QStringLiteral("group_name")});
    RETURN_IF_FAILED();
    EXPECT_JSON(unchanged, m_client->get(path), 200);
    JSON_COMPARE(unchanged, def);
}

void Tst_HttpApi::errors_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("fragments"); // each must appear in the error message
    QTest::addColumn<QString>("allow");         // the Allow header's methods for a 405

    const auto row = [](const char *name, const char *method, const QString &path, const QByteArray &body, int status,
                        const QStringList &fragments, const QString &allow = {}) {
        QTest::newRow(name) << QByteArray(method) << path << body << status << fragments << allow;
    };
    const QByteArray owner = R"({"run_tags":{"owner_id":"me"}})";
    const QString task = QStringLiteral("/api/v1/task");
    const QString history = QStringLiteral("/api/v1/history");

    // 400: bodies
    row("empty body", "POST", task, {}, 400, {QStringLiteral("empty")});
    row("blank body", "POST", task, "  \n ", 400, {QStringLiteral("empty")});
    row("bad JSON", "POST", task, "{\"alias\":", 400, {QStringLiteral("JSON")});
    row("array body", "POST", task, "[1,2]", 400, {QStringLiteral("object")});
    row("string body", "POST", task, "\"alias\"", 400, {QStringLiteral("object")});
    row("update with bad JSON", "PUT", "/api/v1/task/{def}", "{nope}", 400, {QStringLiteral("JSON")});
    row("launch with empty body", "PUT", "/api/v4/task/{def}/execute", {}, 400, {QStringLiteral("empty")});
    row("launch with array body", "PUT", "/api/v1/task/{def}/execute", "[]", 400, {QStringLiteral("object")});
    row("alias as number", "POST", task, R"({"alias":5,"image":"i","command":"c"})", 400, {QStringLiteral("alias")});
    row("env not an array", "POST", task, R"({"alias":"a","image":"i","command":"c","env":{}})", 400,
        {QStringLiteral("env")});
    row("tags not strings", "POST", task, R"({"alias":"a","image":"i","command":"c","tags":[1]})", 400,
        {QStringLiteral("tags")});
    row("env name with NUL", "POST", task,
        R"({"alias":"a","image":"i","command":"c","env":[{"name":"A\u0000B","value":"x"}]})", 400,
        {QStringLiteral("env[0].name")});
    row("env value with NUL", "POST", task,
        R"({"alias":"a","image":"i","command":"c","env":[{"name":"A","value":"x\u0000"}]})", 400,
        {QStringLiteral("env[0].value")});
    row("launch env not an array", "PUT", "/api/v1/task/{def}/execute", R"({"env":"A=1"})", 400,
        {QStringLiteral("env")});
    row("launch env name with =", "PUT", "/api/v1/task/{def}/execute", R"({"env":[{"name":"A=1","value":"x"}]})", 400,
        {QStringLiteral("env")});

    // 400: list queries
    row("limit not a number", "GET", task + "?limit=abc", {}, 400, {QStringLiteral("limit"), QStringLiteral("abc")});
    row("limit negative", "GET", task + "?limit=-1", {}, 400, {QStringLiteral("limit")});
    row("limit fraction", "GET", history + "?limit=1.5", {}, 400, {QStringLiteral("limit")});
    row("offset not a number", "GET", history + "?offset=x", {}, 400, {QStringLiteral("offset")});
    row("offset negative", "GET", task + "?offset=-3", {}, 400, {QStringLiteral("offset")});
    row("definition sort_by", "GET", task + "?sort_by=bogus", {}, 400,
        {QStringLiteral("bogus"), QStringLiteral("alias"), QStringLiteral("image"), QStringLiteral("group_name"),
         QStringLiteral("memory")});
    row("definition sort_by run field", "GET", task + "?sort_by=queued_at", {}, 400,
        {QStringLiteral("queued_at"), QStringLiteral("memory")});
    row("run sort_by", "GET", history + "?sort_by=memory", {}, 400,
        {QStringLiteral("run_id"), QStringLiteral("cluster_name"), QStringLiteral("status"),
         QStringLiteral("started_at"), QStringLiteral("finished_at"), QStringLiteral("queued_at"),
         QStringLiteral("group_name"), QStringLiteral("alias")});
    row("order", "GET", task + "?order=up", {}, 400,
        {QStringLiteral("up"), QStringLiteral("asc"), QStringLiteral("desc")});
    row("run order", "GET", history + "?order=sideways", {}, 400, {QStringLiteral("asc"), QStringLiteral("desc")});
    row("unknown definition filter", "GET", task + "?x=1", {}, 400, {QStringLiteral("unknown filter [x]")});
    row("status is no definition filter", "GET", task + "?status=QUEUED", {}, 400,
        {QStringLiteral("unknown filter [status]")});
    row("unknown run filter", "GET", history + "?bogus=1", {}, 400, {QStringLiteral("unknown filter [bogus]")});
    row("unknown filter on definition history", "GET", "/api/v1/task/{def}/history?nope=1", {}, 400,
        {QStringLiteral("unknown filter [nope]")});
    row("unknown groups filter", "GET", "/api/groups?alias=x", {}, 400, {QStringLiteral("unknown filter [alias]")});
    row("unknown tags filter", "GET", "/api/v1/tags?sort_by=name", {}, 400,
        {QStringLiteral("unknown filter [sort_by]")});
    row("groups limit", "GET", "/api/v6/groups?limit=x", {}, 400, {QStringLiteral("limit")});
    row("tags offset", "GET", "/api/tags?offset=-2", {}, 400, {QStringLiteral("offset")});
    row("bad status", "GET", history + "?status=DONE", {}, 400, {QStringLiteral("DONE")});
    row("bad status among good", "GET", history + "?status=QUEUED&status=queued", {}, 400, {QStringLiteral("queued")});
    row("queued_at_since", "GET", history + "?queued_at_since=yesterday", {}, 400,
        {QStringLiteral("queued_at_since"), QStringLiteral("yesterday")});
    row("started_at_until", "GET", history + "?started_at_until=2026-13-01T00:00:00Z", {}, 400,
        {QStringLiteral("started_at_until")});
    row("finished_at_since", "GET", history + "?finished_at_since=2026-01-01", {}, 400,
        {QStringLiteral("finished_at_since")});
    row("time filter on definitions", "GET", task + "?queued_at_since=2026-01-01T00:00:00Z", {}, 400,
        {QStringLiteral("unknown filter [queued_at_since]")});
    row("env without bar on runs", "GET", history + "?env=NOPIPE", {}, 400,
        {QStringLiteral("NOPIPE"), QStringLiteral("|")});
    row("env without bar on definitions", "GET", task + "?env=A", {}, 400, {QStringLiteral("|")});
    row("env without name", "GET", history + "?env=%7Cvalue", {}, 400, {QStringLiteral("|")});

    // 400: launches
    row("v1 unknown cluster", "PUT", "/api/v1/task/{def}/execute", R"({"cluster":"mars"})", 400,
        {QStringLiteral("mars"), QStringLiteral("local")});
    row("v4 unknown cluster", "PUT", "/api/v4/task/{def}/execute", R"({"cluster":"mars","run_tags":{"owner_id":"me"}})",
        400, {QStringLiteral("mars"), QStringLiteral("local")});
    row("v2 without run_tags", "PUT", "/api/v2/task/{def}/execute", "{}", 400,
        {QStringLiteral("owner_email"), QStringLiteral("team_name")});
    row("v2 without owner_email", "PUT", "/api/v2/task/{def}/execute", R"({"run_tags":{"team_name":"t"}})", 400,
        {QStringLiteral("owner_email")});
    row("v2 without team_name", "PUT", "/api/v2/task/{def}/execute", R"({"run_tags":{"owner_email":"a@b"}})", 400,
        {QStringLiteral("team_name")});
    row("v2 with owner_id only", "PUT", "/api/v2/task/{def}/execute", owner, 400, {QStringLiteral("owner_email")});
    row("v4 without owner_id", "PUT", "/api/v4/task/{def}/execute", "{}", 400, {QStringLiteral("owner_id")});
    row("v4 with empty owner_id", "PUT", "/api/v4/task/{def}/execute", R"({"run_tags":{"owner_id":""}})", 400,
        {QStringLiteral("owner_id")});
    row("v4 with owner_email only", "PUT", "/api/v4/task/{def}/execute",
        R"({"run_tags":{"owner_email":"a@b","team_name":"t"}})", 400, {QStringLiteral("owner_id")});
    row("v6 without owner_id", "PUT", "/api/v6/task/{def}/execute", "{}", 400, {QStringLiteral("owner_id")});
    row("alias without owner_id", "PUT", "/api/v1/task/alias/{alias}/execute", R"({"env":[]})", 400,
        {QStringLiteral("owner_id")});
    row("v6 alias without owner_id", "PUT", "/api/v6/task/alias/{alias}/execute", "{}", 400,
        {QStringLiteral("owner_id")});
    row("v4 memory override 0", "PUT", "/api/v4/task/{def}/execute", R"({"run_tags":{"owner_id":"me"},"memory":0})",
        400, {QStringLiteral("memory")});

    // 404
    row("unknown definition", "GET", "/api/v1/task/nope-123", {}, 404, {QStringLiteral("nope-123")});
    row("unknown definition v6", "GET", "/api/v6/task/nope-123", {}, 404, {QStringLiteral("nope-123")});
    row("update unknown definition", "PUT", "/api/v1/task/nope-123", R"({"image":"x"})", 404,
        {QStringLiteral("nope-123")});
    row("delete unknown definition", "DELETE", "/api/v1/task/nope-123", {}, 404, {QStringLiteral("nope-123")});
    row("unknown alias", "GET", "/api/v1/task/alias/no-such-alias", {}, 404, {QStringLiteral("no-such-alias")});
    row("alias is exact", "GET", "/api/v1/task/alias/err", {}, 404, {QStringLiteral("err")});
    row("v1 launch unknown definition", "PUT", "/api/v1/task/nope-123/execute", "{}", 404, {QStringLiteral("nope-123")});
    row("v2 launch unknown definition", "PUT", "/api/v2/task/nope-123/execute",
        R"({"run_tags":{"owner_email":"a@b","team_name":"t"}})", 404, {QStringLiteral("nope-123")});
    row("v4 launch unknown definition", "PUT", "/api/v4/task/nope-123/execute", owner, 404,
        {QStringLiteral("nope-123")});
    row("v6 launch unknown definition", "PUT", "/api/v6/task/nope-123/execute", owner, 404,
        {QStringLiteral("nope-123")});
    row("launch unknown alias", "PUT", "/api/v1/task/alias/no-such-alias/execute", owner, 404,
        {QStringLiteral("no-such-alias")});
    row("history of unknown definition", "GET", "/api/v1/task/nope-123/history", {}, 404, {QStringLiteral("nope-123")});
    row("unknown run", "GET", "/api/v1/history/no-run", {}, 404, {QStringLiteral("no-run")});
    row("unknown run v6", "GET", "/api/v6/history/no-run", {}, 404, {QStringLiteral("no-run")});
    row("unknown run via task/history", "GET", "/api/v1/task/history/no-run", {}, 404, {QStringLiteral("no-run")});
    row("unknown run of definition", "GET", "/api/v1/task/{def}/history/no-run", {}, 404, {QStringLiteral("no-run")});
    row("run of another definition", "GET", "/api/v1/task/{def}/history/{otherRun}", {}, 404,
        {QStringLiteral("{otherRun}")});
    row("terminate unknown run", "DELETE", "/api/v1/task/{def}/history/no-run", {}, 404, {QStringLiteral("no-run")});
    row("terminate run of another definition", "DELETE", "/api/v1/task/{def}/history/{otherRun}", {}, 404,
        {QStringLiteral("{otherRun}")});
    row("terminate with unknown definition", "DELETE", "/api/v1/task/nope-123/history/{run}", {}, 404, {});
    row("logs of unknown run", "GET", "/api/v1/no-run/logs", {}, 404, {QStringLiteral("no-run")});
    row("unknown path under /api", "GET", "/api/nope", {}, 404, {QStringLiteral("/api/nope")});
    row("unknown path outside /api", "GET", "/nope", {}, 404, {QStringLiteral("/nope")});
    row("root", "GET", "/", {}, 404, {});
    row("unknown version", "GET", "/api/v3/task", {}, 404, {});
    row("health is v6 only", "GET", "/api/v1/health", {}, 404, {});
    row("too deep", "GET", "/api/v1/task/a/b/c/d/e", {}, 404, {});
    row("unknown path, POST", "POST", "/api/v1/nothing/here", "{}", 404, {});

    // 405
    row("DELETE task list", "DELETE", task, {}, 405, {QStringLiteral("DELETE")}, QStringLiteral("GET,POST"));
    row("PATCH task list", "PATCH", task, "{}", 405, {}, QStringLiteral("GET,POST"));
    row("POST definition", "POST", "/api/v1/task/{def}", "{}", 405, {}, QStringLiteral("DELETE,GET,PUT"));
    row("GET execute", "GET", "/api/v1/task/{def}/execute", {}, 405, {}, QStringLiteral("PUT"));
    row("POST v4 execute", "POST", "/api/v4/task/{def}/execute", owner, 405, {}, QStringLiteral("PUT"));
    row("GET v2 execute", "GET", "/api/v2/task/{def}/execute", {}, 405, {}, QStringLiteral("PUT"));
    row("GET alias execute", "GET", "/api/v1/task/alias/{alias}/execute", {}, 405, {}, QStringLiteral("PUT"));
    row("PUT history", "PUT", history, "{}", 405, {}, QStringLiteral("GET"));
    row("DELETE history run", "DELETE", "/api/v1/history/{run}", {}, 405, {}, QStringLiteral("GET"));
    row("POST definition history", "POST", "/api/v1/task/{def}/history", "{}", 405, {}, QStringLiteral("GET"));
    row("PUT definition run", "PUT", "/api/v1/task/{def}/history/{run}", "{}", 405, {}, QStringLiteral("DELETE,GET"));
    row("POST groups", "POST", "/api/groups", "{}", 405, {}, QStringLiteral("GET"));
    row("DELETE v6 tags", "DELETE", "/api/v6/tags", {}, 405, {}, QStringLiteral("GET"));
    row("PUT clusters", "PUT", "/api/v1/clusters", "{}", 405, {}, QStringLiteral("GET"));
    row("POST health", "POST", "/api/v6/health", "{}", 405, {}, QStringLiteral("GET"));
    row("DELETE logs", "DELETE", "/api/v1/{run}/logs", {}, 405, {}, QStringLiteral("GET"));

    // 409
    row("alias taken on create", "POST", task, R"({"alias":"err-def","image":"i","command":"c"})", 409,
        {QStringLiteral("err-def")});
    row("alias taken on rename", "PUT", "/api/v1/task/{other}", R"({"alias":"err-def"})", 409,
        {QStringLiteral("err-def")});
    row("alias taken on rename, any key case", "PUT", "/api/v6/task/{other}", R"({"ALIAS":"err-def"})", 409,
        {QStringLiteral("err-def")});
    for (const char *name : {"FLOTILLA_RUN_ID", "FLOTILLA_SERVER_MODE", "FLOTILLA_RUN_OWNER_ID"}) {
        const QByteArray env = QByteArray(R"("env":[{"name":"OK","value":"1"},{"name":")") + name
                               + R"(","value":"x"}])";
        const QStringList fragments{QStringLiteral("environment variable %1 is reserved").arg(QLatin1String(name))};
        QTest::addRow("reserved %s, v1", name) << QByteArray("PUT") << QStringLiteral("/api/v1/task/{def}/execute")
                                               << QByteArray("{" + env + "}") << 409 << fragments << QString();
        QTest::addRow("reserved %s, v2", name)
            << QByteArray("PUT") << QStringLiteral("/api/v2/task/{def}/execute")
            << QByteArray(R"({"run_tags":{"owner_email":"a@b","team_name":"t"},)" + env + "}") << 409 << fragments
            << QString();
        QTest::addRow("reserved %s, v4", name)
            << QByteArray("PUT") << QStringLiteral("/api/v4/task/{def}/execute")
            << QByteArray(R"({"run_tags":{"owner_id":"me"},)" + env + "}") << 409 << fragments << QString();
        QTest::addRow("reserved %s, alias", name)
            << QByteArray("PUT") << QStringLiteral("/api/v6/task/alias/{alias}/execute")
            << QByteArray(R"({"run_tags":{"owner_id":"me"},)" + env + "}") << 409 << fragments << QString();
    }
}

// Every error is JSON {"error":...} with the documented status, and changes nothing.
void Tst_HttpApi::errors()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QStringList, fragments);
    QFETCH(QString, allow);

    seedForErrors();
    RETURN_IF_FAILED();
    EXPECT_JSON(definitionsBefore, m_client->get(QStringLiteral("/api/v1/task")), 200);
    EXPECT_JSON(runsBefore, m_client->get(QStringLiteral("/api/v1/history")), 200);

    const HttpResult result = m_client->request(method, expand(path, m_vars),
                                                expand(QString::fromUtf8(body), m_vars).toUtf8());
    EXPECT_ERROR(message, result, status);
    for (const QString &fragment : fragments) {
        const QString expected = expand(fragment, m_vars);
        QVERIFY2(message.contains(expected), qPrintable(QStringLiteral("\"%1\" is not in: %2").arg(expected, message)));
    }
    if (status == 405) {
        QStringList methods;
        for (const QByteArray &m : result.header("Allow").split(','))
            methods.append(QString::fromLatin1(m.trimmed()));
        methods.sort();
        QCOMPARE(methods.join(u','), allow);
    }

    EXPECT_JSON(definitionsAfter, m_client->get(QStringLiteral("/api/v1/task")), 200);
    JSON_COMPARE(definitionsAfter, definitionsBefore);
    EXPECT_JSON(runsAfter, m_client->get(QStringLiteral("/api/v1/history")), 200);
    JSON_COMPARE(runsAfter, runsBefore);
}

// A body over 1 MiB is answered 413 and changes nothing; one under it is fine.
void Tst_HttpApi::bodyLimit()
{
    const QByteArray big = R"({"alias":"big","image":"img","command":")" + QByteArray(2 * 1024 * 1024, 'x') + R"("})";
    EXPECT_ERROR(message, m_client->request("POST", QStringLiteral("/api/v1/task"), big), 413);
    QVERIFY2(message.contains(u"1048576"), qPrintable(message));

    seedForErrors();
    RETURN_IF_FAILED();
    const QByteArray bigLaunch = R"({"run_tags":{"owner_id":"me"},"command":")" + QByteArray(2 * 1024 * 1024, 'y')
                                 + R"("})";
    EXPECT_FAILURE(m_client->request("PUT", expand(QStringLiteral("/api/v4/task/{def}/execute"), m_vars), bigLaunch),
                   413);

    EXPECT_JSON(health, m_client->get(QStringLiteral("/api/v6/health")), 200);
    EXPECT_JSON(definitions, m_client->get(QStringLiteral("/api/v1/task?alias=big")), 200);
    JSON_COMPARE(definitions["total"], JsonDoc(0));
    EXPECT_JSON(runs, m_client->get(QStringLiteral("/api/v1/history")), 200);
    JSON_COMPARE(runs["total"], JsonDoc(2));

    const std::string command(900 * 1024, 'z');
    EXPECT_JSON(created,
                post(*m_client, QStringLiteral("/api/v1/task"),
                     JsonDoc{{"alias", "almost"}, {"image", "img"}, {"command", command}}),
                200);
    QCOMPARE(created["command"].get<std::string>().size(), command.size());
}

// With a token, every request but a CORS preflight needs "Authorization: Bearer <token>".
void Tst_HttpApi::token()
{
    TestServer server(runsStayQueued());
    server.options().token = "s3cret";
    server.options().corsOrigins = {QStringLiteral("http://ui.example")};
    QVERIFY(server.start());
    QCOMPARE(server.token(), QByteArray("s3cret"));
    HttpTestClient client(server.url()); // no token unless a request carries one
    const QList<QPair<QByteArray, QByteArray>> right{{"Authorization", "Bearer s3cret"}};
    const QByteArray definition = R"({"alias":"secret-def","image":"img","command":"true"})";

    EXPECT_ERROR(missing, client.get(QStringLiteral("/api/v1/task")), 401);
    QVERIFY2(missing.contains(u"Authorization"), qPrintable(missing));
    EXPECT_FAILURE(client.get(QStringLiteral("/api/v6/health")), 401);
    EXPECT_FAILURE(client.request("POST", QStringLiteral("/api/v1/task"), definition), 401);
    EXPECT_FAILURE(client.request("GET", QStringLiteral("/api/v1/task"), {}, {{"Authorization", "Bearer nope"}}), 401);
    EXPECT_FAILURE(client.request("GET", QStringLiteral("/api/v1/task"), {}, {{"Authorization", "Bearer s3cret2"}}),
                   401);
    EXPECT_FAILURE(client.request("GET", QStringLiteral("/api/v1/task"), {}, {{"Authorization", "s3cret"}}), 401);
    EXPECT_FAILURE(client.request("POST", QStringLiteral("/api/v1/task"), definition,
                                  {{"Authorization", "Bearer nope"}}),
                   401);

    EXPECT_JSON(empty, client.request("GET", QStringLiteral("/api/v1/task"), {}, right), 200);
    // The scheme is case-insensitive, the token is not.
    EXPECT_JSON(lowerScheme,
                client.request("GET", QStringLiteral("/api/v1/task"), {}, {{"Authorization", "bearer s3cret"}}), 200);
    EXPECT_FAILURE(client.request("GET", QStringLiteral("/api/v1/task"), {}, {{"Authorization", "Bearer S3CRET"}}), 401);
    JSON_COMPARE(empty["total"], JsonDoc(0)); // the refused POSTs created nothing
    EXPECT_JSON(created, client.request("POST", QStringLiteral("/api/v1/task"), definition, right), 200);
    EXPECT_JSON(read,
                client.request("GET", QStringLiteral("/api/v1/task/") + text(created["definition_id"]), {}, right),
                200);
    JSON_COMPARE(read, created);
    EXPECT_JSON(health, client.request("GET", QStringLiteral("/api/v6/health"), {}, right), 200);

    // A preflight carries no credentials.
    const HttpResult preflight = client.request("OPTIONS", QStringLiteral("/api/v1/task"), {},
                                                {{"Origin", "http://ui.example"},
                                                 {"Access-Control-Request-Method", "POST"},
                                                 {"Access-Control-Request-Headers", "authorization, content-type"}});
    QCOMPARE(preflight.status, 200);
    QCOMPARE(preflight.header("Access-Control-Allow-Origin"), QByteArray("http://ui.example"));
    QVERIFY2(preflight.header("Access-Control-Allow-Headers").toLower().contains("authorization"),
             preflight.header("Access-Control-Allow-Headers").constData());
}

// CORS with an allowed origin configured.
void Tst_HttpApi::cors()
{
    TestServer server(runsStayQueued());
    server.options().corsOrigins = {QStringLiteral("http://ui.example")};
    QVERIFY(server.start());
    HttpTestClient client(server);

    for (const QByteArray &method : {QByteArray("GET"), QByteArray("POST"), QByteArray("PUT"), QByteArray("DELETE")}) {
        const HttpResult preflight = client.request("OPTIONS", QStringLiteral("/api/v1/task"), {},
                                                    {{"Origin", "http://ui.example"},
                                                     {"Access-Control-Request-Method", method},
                                                     {"Access-Control-Request-Headers", "content-type"}});
        QCOMPARE(preflight.status, 200);
        QCOMPARE(preflight.header("Access-Control-Allow-Origin"), QByteArray("http://ui.example"));
        QVERIFY2(preflight.header("Access-Control-Allow-Methods").contains(method),
                 preflight.header("Access-Control-Allow-Methods").constData());
        const QByteArray headers = preflight.header("Access-Control-Allow-Headers").toLower();
        QVERIFY2(headers.contains("content-type") && headers.contains("authorization"), headers.constData());
    }
    const HttpResult deepPreflight = client.request("OPTIONS", QStringLiteral("/api/v4/task/x/execute"), {},
                                                    {{"Origin", "http://ui.example"},
                                                     {"Access-Control-Request-Method", "PUT"}});
    QCOMPARE(deepPreflight.status, 200);
    QCOMPARE(deepPreflight.header("Access-Control-Allow-Origin"), QByteArray("http://ui.example"));

    // Actual requests from the allowed origin carry Access-Control-Allow-Origin, errors too.
    const HttpResult get = client.request("GET", QStringLiteral("/api/v1/task"), {}, {{"Origin", "http://ui.example"}});
    QCOMPARE(get.status, 200);
    QCOMPARE(get.header("Access-Control-Allow-Origin"), QByteArray("http://ui.example"));
    const HttpResult post = client.request("POST", QStringLiteral("/api/v1/task"),
                                           R"({"alias":"c","image":"i","command":"true"})",
                                           {{"Origin", "http://ui.example"}});
    QCOMPARE(post.status, 200);
    QCOMPARE(post.header("Access-Control-Allow-Origin"), QByteArray("http://ui.example"));
    const HttpResult missing = client.request("GET", QStringLiteral("/api/v1/task/none"), {},
                                              {{"Origin", "http://ui.example"}});
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.header("Access-Control-Allow-Origin"), QByteArray("http://ui.example"));

    // Another origin: 403 on requests (tst_requestguard) and preflights, no Allow-Origin.
    const HttpResult evilGet = client.request("GET", QStringLiteral("/api/v1/task"), {},
                                              {{"Origin", "http://evil.example"}});
    QCOMPARE(evilGet.status, 403);
    QVERIFY2(evilGet.header("Access-Control-Allow-Origin").isEmpty(),
             evilGet.header("Access-Control-Allow-Origin").constData());
    EXPECT_ERROR(evilMessage,
                 client.request("OPTIONS", QStringLiteral("/api/v1/task"), {},
                                {{"Origin", "http://evil.example"}, {"Access-Control-Request-Method", "GET"}}),
                 403);
    QVERIFY2(evilMessage.contains(u"http://evil.example"), qPrintable(evilMessage));
    // Origins match exactly.
    const HttpResult similar = client.request("OPTIONS", QStringLiteral("/api/v1/task"), {},
                                              {{"Origin", "http://ui.example:8080"},
                                               {"Access-Control-Request-Method", "GET"}});
    QCOMPARE(similar.status, 403);
    QVERIFY(similar.header("Access-Control-Allow-Origin").isEmpty());
    // Without an Origin there is nothing to allow.
    const HttpResult plain = client.get(QStringLiteral("/api/v1/task"));
    QCOMPARE(plain.status, 200);
    QVERIFY(plain.header("Access-Control-Allow-Origin").isEmpty());
}

// Without configured origins, no CORS header at all, and every request
// from a page is refused.
void Tst_HttpApi::corsOffByDefault()
{
    const auto noCorsHeaders = [](const HttpResult &result) {
        for (const auto &[name, value] : result.headers) {
            if (name.toLower().startsWith("access-control-"))
                return false;
        }
        return true;
    };
    const HttpResult get = m_client->request("GET", QStringLiteral("/api/v1/task"), {},
                                             {{"Origin", "http://ui.example"}});
    QCOMPARE(get.status, 403);
    QVERIFY(noCorsHeaders(get));
    const HttpResult post = m_client->request("POST", QStringLiteral("/api/v1/task"),
                                              R"({"alias":"c","image":"i","command":"true"})",
                                              {{"Origin", "http://ui.example"}});
    QCOMPARE(post.status, 403);
    QVERIFY(noCorsHeaders(post));
    const HttpResult preflight = m_client->request("OPTIONS", QStringLiteral("/api/v1/task"), {},
                                                   {{"Origin", "http://ui.example"},
                                                    {"Access-Control-Request-Method", "GET"}});
    QVERIFY2(preflight.status != 200, qPrintable(QString::number(preflight.status)));
    QVERIFY(noCorsHeaders(preflight));
}

// ---------------------------------------------------------------------------
// Definitions and runs over their life

// PUT replaces the fields present (env and tags as whole lists), keeps the
// others, and never changes definition_id.
void Tst_HttpApi::updateMerges()
{
    JsonDoc def = create(*m_client,
                         J(R"({"alias":"merge","group_name":"g1","image":"img:1","command":"echo 1","memory":128,"cpu":50,
                                      "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"tags":["t1","t2"]})"));
    RETURN_IF_FAILED();
    const QString id = text(def["definition_id"]);
    const QString path = QStringLiteral("/api/v1/task/%1").arg(id);

    EXPECT_JSON(first,
                put(*m_client, path,
                    J(R"({"image":"img:2","env":[{"name":"C","value":"3"}],"definition_id":"hijack"})")),
                200);
    def["image"] = "img:2";
    def["env"] = J(R"([{"name":"C","value":"3"}])");
    JSON_COMPARE(first, def);
    EXPECT_JSON(read1, m_client->get(path), 200);
    JSON_COMPARE(read1, def);

    EXPECT_JSON(second, put(*m_client, path, J(R"({"tags":["t3"],"memory":256,"command":"echo 2"})")), 200);
    def["tags"] = J(R"(["t3"])");
    def["memory"] = 256;
    def["command"] = "echo 2";
    JSON_COMPARE(second, def);

    // A new group and alias: the id stays, the alias follows.
    EXPECT_JSON(third, put(*m_client, path, J(R"({"group_name":"g2","alias":"merged","cpu":75})")), 200);
    def["group_name"] = "g2";
    def["alias"] = "merged";
    def["cpu"] = 75;
    JSON_COMPARE(third, def);
    QCOMPARE(text(third["definition_id"]), id);
    EXPECT_JSON(byAlias, m_client->get(QStringLiteral("/api/v1/task/alias/merged")), 200);
    JSON_COMPARE(byAlias, def);
    EXPECT_FAILURE(m_client->get(QStringLiteral("/api/v1/task/alias/merge")), 404);
    EXPECT_JSON(groups, m_client->get(QStringLiteral("/api/groups")), 200);
    JSON_COMPARE(groups["groups"], J(R"(["g2"])"));
    EXPECT_JSON(tags, m_client->get(QStringLiteral("/api/tags")), 200);
    JSON_COMPARE(tags["tags"], J(R"(["t3"])"));
    EXPECT_JSON(byEnv, m_client->get(QStringLiteral("/api/v1/task?env=C|3")), 200);
    JSON_COMPARE(byEnv["total"], JsonDoc(1));
    EXPECT_JSON(byOldEnv, m_client->get(QStringLiteral("/api/v1/task?env=A|1")), 200);
    JSON_COMPARE(byOldEnv["total"], JsonDoc(0));

    // Empty lists clear; keeping one's own alias is no conflict; an empty body changes nothing.
    EXPECT_JSON(fourth, put(*m_client, path, J(R"({"env":[],"tags":[],"alias":"merged"})")), 200);
    def["env"] = JsonDoc::array();
    def["tags"] = JsonDoc::array();
    JSON_COMPARE(fourth, def);
    EXPECT_JSON(fifth, put(*m_client, path, JsonDoc::object()), 200);
    JSON_COMPARE(fifth, def);
    EXPECT_JSON(v6, put(*m_client, QStringLiteral("/api/v6/task/%1").arg(id), J(R"({"image":"img:6"})")), 200);
    def["image"] = "img:6";
    JSON_COMPARE(v6, def);
    EXPECT_JSON(list, m_client->get(QStringLiteral("/api/v1/task")), 200);
    JSON_COMPARE(list["definitions"], JsonDoc::array({def}));
    EXPECT_JSON(noTags, m_client->get(QStringLiteral("/api/tags")), 200);
    JSON_COMPARE(noTags["tags"], JsonDoc::array());

    // A run launched now uses the merged definition.
    const JsonDoc run = launchRun(*m_client, path + QStringLiteral("/execute"), JsonDoc::object());
    RETURN_IF_FAILED();
    QCOMPARE(text(run["image"]), QStringLiteral("img:6"));
    QCOMPARE(text(run["alias"]), QStringLiteral("merged"));
    QCOMPARE(text(run["group_name"]), QStringLiteral("g2"));
    JSON_COMPARE(run["memory"], JsonDoc(256));
}

// DELETE answers {"deleted":true}; the definition is gone, its runs are not.
void Tst_HttpApi::deleteKeepsRuns()
{
    const JsonDoc def = create(
        *m_client, J(R"({"alias":"doomed","group_name":"dg","image":"img","command":"true","tags":["dt"]})"));
    RETURN_IF_FAILED();
    const JsonDoc keep = create(*m_client, J(R"({"alias":"kept","image":"img","command":"true"})"));
    RETURN_IF_FAILED();
    const QString id = text(def["definition_id"]);
    const JsonDoc run1 = launchRun(*m_client, QStringLiteral("/api/v1/task/%1/execute").arg(id), JsonDoc::object());
    RETURN_IF_FAILED();
    const JsonDoc run2 = launchRun(*m_client, QStringLiteral("/api/v4/task/%1/execute").arg(id),
                                   J(R"({"run_tags":{"owner_id":"me"}})"));
    RETURN_IF_FAILED();
    launchRun(*m_client, QStringLiteral("/api/v1/task/%1/execute").arg(text(keep["definition_id"])), JsonDoc::object());
    RETURN_IF_FAILED();

    EXPECT_JSON(deleted, m_client->del(QStringLiteral("/api/v1/task/%1").arg(id)), 200);
    JSON_COMPARE(deleted, J(R"({"deleted":true})"));

    EXPECT_FAILURE(m_client->get(QStringLiteral("/api/v1/task/%1").arg(id)), 404);
    EXPECT_FAILURE(m_client->del(QStringLiteral("/api/v1/task/%1").arg(id)), 404);
    EXPECT_FAILURE(m_client->get(QStringLiteral("/api/v1/task/alias/doomed")), 404);
    EXPECT_FAILURE(m_client->get(QStringLiteral("/api/v1/task/%1/history").arg(id)), 404);
    EXPECT_FAILURE(put(*m_client, QStringLiteral("/api/v1/task/%1/execute").arg(id), JsonDoc::object()), 404);
    EXPECT_FAILURE(put(*m_client, QStringLiteral("/api/v1/task/%1").arg(id), J(R"({"image":"x"})")), 404);

    EXPECT_JSON(list, m_client->get(QStringLiteral("/api/v1/task")), 200);
    JSON_COMPARE(list["definitions"], JsonDoc::array({keep}));
    EXPECT_JSON(groups, m_client->get(QStringLiteral("/api/groups")), 200);
    JSON_COMPARE(groups["groups"], JsonDoc::array());
    EXPECT_JSON(tags, m_client->get(QStringLiteral("/api/tags")), 200);
    JSON_COMPARE(tags["tags"], JsonDoc::array());

    EXPECT_JSON(runs, m_client->get(QStringLiteral("/api/v1/history?sort_by=run_id")), 200);
    JSON_COMPARE(runs["total"], JsonDoc(3));
    EXPECT_JSON(runsOfDeleted, m_client->get(QStringLiteral("/api/v1/history?definition_id=%1").arg(id)), 200);
    JSON_COMPARE(runsOfDeleted["total"], JsonDoc(2));
    for (const JsonDoc &run : {run1, run2}) {
        EXPECT_JSON(read, m_client->get(QStringLiteral("/api/v1/history/%1").arg(text(run["run_id"]))), 200);
        JSON_COMPARE(read, run);
        const auto &items = runsOfDeleted["history"];
        QVERIFY(std::find(items.begin(), items.end(), run) != items.end());
    }

    // The alias is free again.
    const JsonDoc reborn = create(*m_client, J(R"({"alias":"doomed","image":"img","command":"true"})"));
    RETURN_IF_FAILED();
    QVERIFY(text(reborn["definition_id"]) != id);
}

// Terminating a QUEUED run stops it at once; a STOPPED run cannot be terminated.
void Tst_HttpApi::terminate()
{
    const JsonDoc def = create(*m_client, J(R"({"alias":"stoppable","image":"img","command":"sleep 100"})"));
    RETURN_IF_FAILED();
    const QString defId = text(def["definition_id"]);
    const JsonDoc run = launchRun(*m_client, QStringLiteral("/api/v4/task/%1/execute").arg(defId),
                                  J(R"({"run_tags":{"owner_id":"me"}})"));
    RETURN_IF_FAILED();
    const QString runId = text(run["run_id"]);
    const QString path = QStringLiteral("/api/v1/task/%1/history/%2").arg(defId, runId);

    EXPECT_JSON(stopped, m_client->del(path), 200);
    JSON_COMPARE(stopped["terminated"], JsonDoc(true));
    QCOMPARE(text(stopped["status"]), QStringLiteral("STOPPED"));
    QCOMPARE(text(stopped["exit_reason"]), QStringLiteral("Task terminated by user"));
    QCOMPARE(text(stopped["run_id"]), runId);
    QVERIFY2(timePattern.match(text(stopped["finished_at"])).hasMatch(), qPrintable(dumped(stopped)));
    QVERIFY(text(stopped["finished_at"]) >= text(stopped["queued_at"]));
    QVERIFY2(!stopped.contains("started_at"), qPrintable(dumped(stopped))); // it never started
    for (const char *unchanged :
         {"definition_id", "alias", "image", "command", "queued_at", "user", "env", "cluster", "engine", "instance"})
        JSON_COMPARE(stopped[unchanged], run[unchanged]);

    EXPECT_JSON(read, m_client->get(QStringLiteral("/api/v1/history/%1").arg(runId)), 200);
    QCOMPARE(text(read["status"]), QStringLiteral("STOPPED"));
    JSON_COMPARE(read["finished_at"], stopped["finished_at"]);
    JSON_COMPARE(read["exit_reason"], stopped["exit_reason"]);

    EXPECT_ERROR(again, m_client->del(path), 400);
    QVERIFY2(again.contains(u"STOPPED"), qPrintable(again));
    EXPECT_FAILURE(m_client->del(QStringLiteral("/api/v6/task/%1/history/%2").arg(defId, runId)), 400);
    EXPECT_JSON(still, m_client->get(QStringLiteral("/api/v1/history/%1").arg(runId)), 200);
    JSON_COMPARE(still, read);

    // The v6 mirror terminates too.
    const JsonDoc run2 = launchRun(*m_client, QStringLiteral("/api/v1/task/%1/execute").arg(defId), JsonDoc::object());
    RETURN_IF_FAILED();
    EXPECT_JSON(stopped2, m_client->del(QStringLiteral("/api/v6/task/%1/history/%2").arg(defId, text(run2["run_id"]))),
                200);
    QCOMPARE(text(stopped2["status"]), QStringLiteral("STOPPED"));
    JSON_COMPARE(stopped2["terminated"], JsonDoc(true));

    EXPECT_JSON(queued, m_client->get(QStringLiteral("/api/v1/history?status=QUEUED")), 200);
    JSON_COMPARE(queued["total"], JsonDoc(0));
    EXPECT_JSON(stoppedList, m_client->get(QStringLiteral("/api/v1/history?status=STOPPED")), 200);
    JSON_COMPARE(stoppedList["total"], JsonDoc(2));
}

// A QUEUED run has no log yet.
void Tst_HttpApi::logsOfQueuedRun()
{
    const JsonDoc def = create(*m_client, J(R"({"alias":"logger","image":"img","command":"echo hi"})"));
    RETURN_IF_FAILED();
    const JsonDoc run = launchRun(*m_client, QStringLiteral("/api/v1/task/%1/execute").arg(text(def["definition_id"])),
                                  JsonDoc::object());
    RETURN_IF_FAILED();
    const QString runId = text(run["run_id"]);

    for (const QString &path :
         {QStringLiteral("/api/v1/%1/logs"), QStringLiteral("/api/v6/%1/logs"),
          QStringLiteral("/api/v1/%1/logs?last_seen="), QStringLiteral("/api/v1/%1/logs?raw_text=false")}) {
        EXPECT_JSON(logs, m_client->get(path.arg(runId)), 200);
        JSON_COMPARE(logs, J(R"({"log":"","last_seen":""})"));
    }
    for (const QString &path :
         {QStringLiteral("/api/v1/%1/logs?raw_text=true"), QStringLiteral("/api/v6/%1/logs?raw_text=true")}) {
        const HttpResult raw = m_client->get(path.arg(runId));
        QCOMPARE(raw.status, 200);
        QCOMPARE(raw.header("Content-Type"), QByteArray("text/plain; charset=utf-8"));
        QCOMPARE(raw.body, QByteArray());
    }
}

// A run terminated while QUEUED is STOPPED without output: an empty log, a
// token that comes back unchanged, and 400 for a token never issued.
void Tst_HttpApi::logsOfRunStoppedBeforeStart()
{
    const JsonDoc def = create(*m_client, J(R"({"alias":"quiet","image":"img","command":"echo hi"})"));
    RETURN_IF_FAILED();
    const QString defId = text(def["definition_id"]);
    const JsonDoc run = launchRun(*m_client, QStringLiteral("/api/v1/task/%1/execute").arg(defId), JsonDoc::object());
    RETURN_IF_FAILED();
    const QString runId = text(run["run_id"]);
    EXPECT_JSON(stopped, m_client->del(QStringLiteral("/api/v1/task/%1/history/%2").arg(defId, runId)), 200);
    QCOMPARE(text(stopped["status"]), QStringLiteral("STOPPED"));

    EXPECT_JSON(first, m_client->get(QStringLiteral("/api/v1/%1/logs").arg(runId)), 200);
    QCOMPARE(keysText(keysOf(first)), QStringLiteral("last_seen,log"));
    QCOMPARE(text(first["log"]), QString());
    QVERIFY(first["last_seen"].is_string());
    const QString token = text(first["last_seen"]);
    EXPECT_JSON(again,
                m_client->get(QStringLiteral("/api/v6/%1/logs?last_seen=%2")
                                  .arg(runId, QString::fromLatin1(QUrl::toPercentEncoding(token)))),
                200);
    JSON_COMPARE(again, first);

    for (const char *bogus : {"bogus", "f%2F3279", "257", "0.0000000000000000", "-1"}) {
        EXPECT_ERROR(message,
                     m_client->get(QStringLiteral("/api/v1/%1/logs?last_seen=%2").arg(runId, QLatin1String(bogus))),
                     400);
        QVERIFY2(message.contains(u"last_seen"), qPrintable(message));
    }
    const HttpResult raw = m_client->get(QStringLiteral("/api/v1/%1/logs?raw_text=true").arg(runId));
    QCOMPARE(raw.status, 200);
    QCOMPARE(raw.header("Content-Type"), QByteArray("text/plain; charset=utf-8"));
    QCOMPARE(raw.body, QByteArray());
}

// Stopping the control plane and starting it again on the same data dir
// keeps every definition and run exactly.
void Tst_HttpApi::restartKeepsEverything()
{
    const JsonDoc d1 = create(*m_client,
                              J(R"({"alias":"persist-1","group_name":"pg","image":"img:1","command":"echo 1","memory":300,
                                            "cpu":20,"env":[{"name":"E","value":"ü"}],"tags":["pt","qt"]})"));
    RETURN_IF_FAILED();
    const JsonDoc d2 = create(*m_client, J(R"({"alias":"persist-2","image":"img:2","command":"echo 2"})"));
    RETURN_IF_FAILED();
    const QString id1 = text(d1["definition_id"]);
    const QString id2 = text(d2["definition_id"]);
    const JsonDoc r1 = launchRun(*m_client, QStringLiteral("/api/v1/task/%1/execute").arg(id1),
                                 J(R"({"env":[{"name":"R","value":"1"}]})"));
    RETURN_IF_FAILED();
    const JsonDoc r2 = launchRun(*m_client, QStringLiteral("/api/v4/task/%1/execute").arg(id2),
                                 J(R"({"run_tags":{"owner_id":"me"},"command":"echo override","memory":64})"));
    RETURN_IF_FAILED();
    const JsonDoc r3 = launchRun(*m_client, QStringLiteral("/api/v2/task/%1/execute").arg(id1),
                                 J(R"({"run_tags":{"owner_email":"a@b","team_name":"t"}})"));
    RETURN_IF_FAILED();
    expectJson(m_client->del(QStringLiteral("/api/v1/task/%1/history/%2").arg(id1, text(r3["run_id"]))), 200, __FILE__,
               __LINE__);
    RETURN_IF_FAILED();

    const QStringList paths{
        QStringLiteral("/api/v1/task/%1").arg(id1),
        QStringLiteral("/api/v1/task/%1").arg(id2),
        QStringLiteral("/api/v1/task/alias/persist-2"),
        QStringLiteral("/api/v1/history/%1").arg(text(r1["run_id"])),
        QStringLiteral("/api/v1/history/%1").arg(text(r2["run_id"])),
        QStringLiteral("/api/v1/history/%1").arg(text(r3["run_id"])),
        QStringLiteral("/api/v1/task?sort_by=alias"),
        QStringLiteral("/api/v1/history?sort_by=run_id"),
        QStringLiteral("/api/v1/history?sort_by=queued_at&order=desc"),
        QStringLiteral("/api/v1/task/%1/history").arg(id1),
        QStringLiteral("/api/groups"),
        QStringLiteral("/api/tags"),
        QStringLiteral("/api/clusters"),
    };
    QList<JsonDoc> before;
    for (const QString &path : paths) {
        EXPECT_JSON(answer, m_client->get(path), 200);
        before.append(answer);
    }
    JSON_COMPARE(before[7]["total"], JsonDoc(3));

    m_client.reset();
    m_server->stop();
    QVERIFY(m_server->start());
    m_client = std::make_unique<HttpTestClient>(*m_server);

    for (qsizetype i = 0; i < paths.size(); ++i) {
        EXPECT_JSON(answer, m_client->get(paths[i]), 200);
        QVERIFY2(answer == before[i],
                 qPrintable(QStringLiteral("%1 changed across the restart:\n before: %2\n  after: %3")
                                .arg(paths[i], dumped(before[i]), dumped(answer))));
    }

    // It goes on working: aliases stay unique, launches and terminations work.
    EXPECT_FAILURE(post(*m_client, QStringLiteral("/api/v1/task"),
                        J(R"({"alias":"persist-1","image":"i","command":"c"})")),
                   409);
    launchRun(*m_client, QStringLiteral("/api/v1/task/%1/execute").arg(id1), JsonDoc::object());
    RETURN_IF_FAILED();
    EXPECT_JSON(r1stopped, m_client->del(QStringLiteral("/api/v1/task/%1/history/%2").arg(id1, text(r1["run_id"]))),
                200);
    QCOMPARE(text(r1stopped["status"]), QStringLiteral("STOPPED"));
    EXPECT_JSON(all, m_client->get(QStringLiteral("/api/v1/history")), 200);
    JSON_COMPARE(all["total"], JsonDoc(4));
}

// ---------------------------------------------------------------------------
// Lists (contract §6) on the seeded list server:
//
//   d1 alpha-job  grp-b  repo/alpha:1  "echo alpha"            512  env A=1 B=x  tags red blue
//   d2 beta-job   grp-a  repo/beta:2   "echo beta && sleep 1"  128  env A=2      tags blue
//   d3 gamma      -      other/gamma   "run gamma"             -    env A=1
//   d4 delta-job  grp-a  repo/alpha:2  "echo delta"            512  env B=x A=1  tags green
//   d5 epsilon    grp-c  zeta/img      "printf eps"            64                tags red
//   d6 zed        -      aaa/first     "true"                  2048
//
//   r1 d1 v1     v1-unknown       X=1        QUEUED
//   r2 d1 v4     alice            X=2 Y=y    STOPPED
//   r3 d2 v2     bob@example.com  X=1        QUEUED
//   r4 d3 alias  alice                       QUEUED
//   r5 d4 v6     carol  (command "echo override")  STOPPED
//   r6 d5 v4     alice            X=1 Y=y    QUEUED
//   r7 d6 v1     v1-unknown                  STOPPED
//   r8 d2 v4     dave                        QUEUED

void Tst_HttpApi::listSorting_data()
{
    QTest::addColumn<QString>("list");
    QTest::addColumn<QString>("sortBy"); // empty: the default
    QTest::addColumn<QString>("order");  // empty: the default

    QTest::newRow("task default") << "task" << QString() << QString();
    QTest::newRow("task default, desc") << "task" << QString() << "desc";
    for (const char *sortBy : {"alias", "image", "group_name", "memory"}) {
        for (const char *order : {"asc", "desc"})
            QTest::addRow("task %s %s", sortBy, order)
                << "task" << QString::fromLatin1(sortBy) << QString::fromLatin1(order);
    }
    QTest::newRow("history default") << "history" << QString() << QString();
    QTest::newRow("history queued_at, default order") << "history"
                                                      << "queued_at" << QString();
    for (const char *sortBy :
         {"run_id", "cluster_name", "status", "started_at", "finished_at", "queued_at", "group_name", "alias"}) {
        for (const char *order : {"asc", "desc"})
            QTest::addRow("history %s %s", sortBy, order)
                << "history" << QString::fromLatin1(sortBy) << QString::fromLatin1(order);
    }
}

// Every sort_by in both directions: the order of contract §6, and pages of
// three that add up to the whole list with a stable total.
void Tst_HttpApi::listSorting()
{
    QFETCH(QString, list);
    QFETCH(QString, sortBy);
    QFETCH(QString, order);

    const bool runs = list == u"history";
    const QString base = runs ? QStringLiteral("/api/v1/history") : QStringLiteral("/api/v1/task");
    const std::string itemsKey = runs ? "history" : "definitions";
    const std::string idKey = runs ? "run_id" : "definition_id";
    const size_t count = runs ? 8 : 6;
    QStringList params;
    if (!sortBy.isEmpty())
        params.append(QStringLiteral("sort_by=") + sortBy);
    if (!order.isEmpty())
        params.append(QStringLiteral("order=") + order);
    const QString effectiveSort = sortBy.isEmpty() ? QStringLiteral("group_name") : sortBy;
    const QString effectiveOrder = order.isEmpty() ? QStringLiteral("asc") : order;

    EXPECT_JSON(all, m_listClient->get(base + u'?' + params.join(u'&')), 200);
    QCOMPARE(text(all["sort_by"]), effectiveSort);
    QCOMPARE(text(all["order"]), effectiveOrder);
    JSON_COMPARE(all["total"], JsonDoc(count));
    const JsonDoc &items = all[itemsKey];
    QCOMPARE(items.size(), count);
    QSet<QString> ids;
    for (const JsonDoc &item : items)
        ids.insert(text(item[idKey]));
    QCOMPARE(ids.size(), qsizetype(count));

    const QString problem = orderProblem(items, idKey, effectiveSort, effectiveOrder == u"desc");
    QStringList labels;
    for (const JsonDoc &item : items)
        labels.append(m_labels.value(text(item[idKey])));
    QVERIFY2(problem.isEmpty(), qPrintable(problem + QStringLiteral("; order: ") + labels.join(u' ')));

    JsonDoc paged = JsonDoc::array();
    for (size_t offset = 0; offset < count + 3; offset += 3) {
        QStringList pageParams = params;
        pageParams << QStringLiteral("limit=3") << QStringLiteral("offset=%1").arg(offset);
        EXPECT_JSON(page, m_listClient->get(base + u'?' + pageParams.join(u'&')), 200);
        JSON_COMPARE(page["total"], JsonDoc(count));
        JSON_COMPARE(page["limit"], JsonDoc(3));
        JSON_COMPARE(page["offset"], JsonDoc(offset));
        QCOMPARE(page[itemsKey].size(), std::min<size_t>(3, offset < count ? count - offset : 0));
        for (const JsonDoc &item : page[itemsKey])
            paged.push_back(item);
    }
    JSON_COMPARE(paged, items);

    EXPECT_JSON(none, m_listClient->get(base + u'?' + (params + QStringList{QStringLiteral("limit=0")}).join(u'&')),
                200);
    JSON_COMPARE(none[itemsKey], JsonDoc::array());
    JSON_COMPARE(none["total"], JsonDoc(count));
}

void Tst_HttpApi::checkFilter(const QString &path, const QStringList &expected, const std::string &itemsKey,
                              const std::string &idKey)
{
    EXPECT_JSON(answer, m_listClient->get(expand(path, m_listIds)), 200);
    QStringList labels;
    for (const JsonDoc &item : answer[itemsKey])
        labels.append(m_labels.value(text(item[idKey]), QStringLiteral("?")));
    labels.sort();
    QStringList sortedExpected = expected;
    sortedExpected.sort();
    QCOMPARE(labels.join(u' '), sortedExpected.join(u' '));
    JSON_COMPARE(answer["total"], JsonDoc(expected.size()));

    // total ignores paging.
    EXPECT_JSON(page, m_listClient->get(expand(path, m_listIds) + QStringLiteral("&limit=1&offset=1")), 200);
    JSON_COMPARE(page["total"], JsonDoc(expected.size()));
    QCOMPARE(page[itemsKey].size(), size_t(expected.size() > 1 ? 1 : 0));
}

void Tst_HttpApi::definitionFilters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");

    const auto row = [](const char *query, const char *expected) {
        QTest::newRow(query) << QString::fromUtf8(query)
                             << QString::fromLatin1(expected).split(u' ', Qt::SkipEmptyParts);
    };
    row("sort_by=alias", "d1 d2 d3 d4 d5 d6");
    row("group_name=grp-a", "d2 d4");
    row("group_name=grp-a&group_name=grp-c", "d2 d4 d5");
    row("group_name=grp", "");
    row("GROUP_NAME=grp-b", "d1");
    row("alias=job", "d1 d2 d4");
    row("alias=alpha&alias=gam", "d1 d3");
    row("alias=alpha-job", "d1");
    row("alias=%25", "");
    row("alias=_", "");
    row("image=repo/alpha", "d1 d4");
    row("image=repo", "d1 d2 d4");
    row("command=echo", "d1 d2 d4");
    row("command=sleep 1", "d2");
    row("command=eps&command=true", "d5 d6");
    row("definition_id={d3}", "d3");
    row("definition_id={d3}&definition_id={d6}", "d3 d6");
    row("definition_id=d3", "");
    row("tag=blue", "d1 d2");
    row("tag=red&tag=green", "d1 d4 d5");
    row("tag=re", "");
    row("env=A|1", "d1 d3 d4");
    row("env=A|1&env=B|x", "d1 d4");
    row("env=B|x&env=A|2", "");
    row("env=A|2&env=A|1", "d1 d3 d4");
    row("env=A|1&env=A|2", "d2");
    row("env=A|", "");
    row("env=B|x&group_name=grp-a", "d4");
    row("image=repo&tag=blue", "d1 d2");
    row("alias=job&group_name=grp-a&tag=green", "d4");
    row("alias=nothing-like-this", "");
}

// Definition filters: exact, substring, any-of for repeated keys, env pairs, tags.
void Tst_HttpApi::definitionFilters()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    checkFilter(QStringLiteral("/api/v1/task?") + query, expected, "definitions", "definition_id");
    RETURN_IF_FAILED();
    checkFilter(QStringLiteral("/api/v6/task?") + query, expected, "definitions", "definition_id");
}

void Tst_HttpApi::runFilters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");

    const auto row = [](const char *query, const char *expected) {
        QTest::newRow(query) << QString::fromUtf8(query)
                             << QString::fromLatin1(expected).split(u' ', Qt::SkipEmptyParts);
    };
    row("sort_by=run_id", "r1 r2 r3 r4 r5 r6 r7 r8");
    row("status=QUEUED", "r1 r3 r4 r6 r8");
    row("status=STOPPED", "r2 r5 r7");
    row("status=RUNNING", "");
    row("status=QUEUED&status=STOPPED", "r1 r2 r3 r4 r5 r6 r7 r8");
    row("user=alice", "r2 r4 r6");
    row("user=v1-unknown", "r1 r7");
    row("user=bob@example.com", "r3");
    row("user=alice&user=dave", "r2 r4 r6 r8");
    row("user=ali", "");
    row("group_name=grp-a", "r3 r5 r8");
    row("group_name=grp-a&group_name=grp-b", "r1 r2 r3 r5 r8");
    row("cluster_name=local", "r1 r2 r3 r4 r5 r6 r7 r8");
    row("cluster=local", "r1 r2 r3 r4 r5 r6 r7 r8");
    row("cluster_name=loc", "");
    row("definition_id={d1}", "r1 r2");
    row("definition_id={d1}&definition_id={d5}", "r1 r2 r6");
    row("alias=job", "r1 r2 r3 r5 r8");
    row("alias=gamma&alias=zed", "r4 r7");
    row("alias=%25", "");
    row("alias=_", "");
    row("image=repo/alpha", "r1 r2 r5");
    row("image=img", "r6");
    row("command=override", "r5");
    row("command=echo", "r1 r2 r3 r5 r8");
    row("command=delta", "");
    row("env=X|1", "r1 r3 r6");
    row("env=X|1&env=Y|y", "r6");
    row("env=X|2&env=X|1", "r1 r3 r6");
    row("env=X|1&env=X|2", "r2");
    row("env=FLOTILLA_SERVER_MODE|local", "r1 r2 r3 r4 r5 r6 r7 r8");
    row("env=FLOTILLA_RUN_OWNER_ID|alice", "r2 r4 r6");
    row("env=A|1", "");
    row("status=STOPPED&user=alice", "r2");
    row("user=alice&status=QUEUED&env=Y|y", "r6");
    row("status=QUEUED&alias=job&user=v1-unknown&user=dave", "r1 r8");
}

// Run filters: exact, substring, any-of for repeated keys, env pairs.
void Tst_HttpApi::runFilters()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    checkFilter(QStringLiteral("/api/v1/history?") + query, expected, "history", "run_id");
    RETURN_IF_FAILED();
    checkFilter(QStringLiteral("/api/v6/history?") + query, expected, "history", "run_id");
}

// /task/{id}/history lists that definition's runs only, with the run list's query rules.
void Tst_HttpApi::definitionHistory()
{
    const struct
    {
        const char *definition;
        const char *query;
        QStringList expected;
    } cases[] = {
        {"d1", "", {QStringLiteral("r1"), QStringLiteral("r2")}},
        {"d1", "?status=STOPPED", {QStringLiteral("r2")}},
        {"d1", "?user=alice&user=v1-unknown", {QStringLiteral("r1"), QStringLiteral("r2")}},
        {"d1", "?env=X|1", {QStringLiteral("r1")}},
        {"d2", "?sort_by=queued_at&order=desc", {QStringLiteral("r3"), QStringLiteral("r8")}},
        {"d2", "?user=alice", {}},
        {"d3", "", {QStringLiteral("r4")}},
        {"d5", "?alias=eps", {QStringLiteral("r6")}},
    };
    for (const auto &c : cases) {
        QString path = QStringLiteral("/api/v1/task/%1/history%2")
                           .arg(m_listIds.value(QString::fromLatin1(c.definition)), QString::fromLatin1(c.query));
        EXPECT_JSON(answer, m_listClient->get(path), 200);
        QStringList labels;
        for (const JsonDoc &item : answer["history"]) {
            labels.append(m_labels.value(text(item["run_id"])));
            QCOMPARE(text(item["definition_id"]), m_listIds.value(QString::fromLatin1(c.definition)));
        }
        labels.sort();
        QCOMPARE(labels, c.expected);
        JSON_COMPARE(answer["total"], JsonDoc(c.expected.size()));
        EXPECT_JSON(v6, m_listClient->get(path.replace(QStringLiteral("/v1/"), QStringLiteral("/v6/"))), 200);
        JSON_COMPARE(v6, answer);
    }
    // Paging within a definition's history.
    const QString d1 = m_listIds.value(QStringLiteral("d1"));
    EXPECT_JSON(full, m_listClient->get(QStringLiteral("/api/v1/task/%1/history?sort_by=run_id").arg(d1)), 200);
    EXPECT_JSON(second,
                m_listClient->get(QStringLiteral("/api/v1/task/%1/history?sort_by=run_id&limit=1&offset=1").arg(d1)),
                200);
    JSON_COMPARE(second["total"], JsonDoc(2));
    JSON_COMPARE(second["history"], JsonDoc::array({full["history"][1]}));
}

// Filters, sorting and paging together.
void Tst_HttpApi::filteredSortedPage()
{
    EXPECT_JSON(defs, m_listClient->get(QStringLiteral("/api/v1/task?group_name=grp-a&sort_by=alias&order=desc")), 200);
    JSON_COMPARE(defs["total"], JsonDoc(2));
    QCOMPARE(defs["definitions"].size(), size_t(2));
    QCOMPARE(text(defs["definitions"][0]["alias"]), QStringLiteral("delta-job"));
    QCOMPARE(text(defs["definitions"][1]["alias"]), QStringLiteral("beta-job"));

    EXPECT_JSON(byMemory, m_listClient->get(QStringLiteral("/api/v1/task?sort_by=memory")), 200);
    QStringList memoryOrder;
    for (const JsonDoc &item : byMemory["definitions"])
        memoryOrder.append(m_labels.value(text(item["definition_id"])));
    // d1 and d4 tie at 512 and are ordered by id; d3 has no memory and comes last.
    const QStringList tie = m_listIds.value(QStringLiteral("d1")) < m_listIds.value(QStringLiteral("d4"))
                                ? QStringList{QStringLiteral("d1"), QStringLiteral("d4")}
                                : QStringList{QStringLiteral("d4"), QStringLiteral("d1")};
    QCOMPARE(memoryOrder, QStringList({QStringLiteral("d5"), QStringLiteral("d2")}) + tie
                              + QStringList({QStringLiteral("d6"), QStringLiteral("d3")}));

    EXPECT_JSON(byGroupDesc, m_listClient->get(QStringLiteral("/api/v1/task?sort_by=group_name&order=desc")), 200);
    QStringList groupOrder;
    for (const JsonDoc &item : byGroupDesc["definitions"])
        groupOrder.append(text(item["group_name"]));
    QCOMPARE(groupOrder, QStringList({QStringLiteral("grp-c"), QStringLiteral("grp-b"), QStringLiteral("grp-a"),
                                      QStringLiteral("grp-a"), QString(), QString()}));

    EXPECT_JSON(queued, m_listClient->get(QStringLiteral("/api/v1/history?status=QUEUED&sort_by=alias&order=desc")),
                200);
    const JsonDoc &all = queued["history"];
    QCOMPARE(all.size(), size_t(5));
    EXPECT_JSON(page,
                m_listClient->get(
                    QStringLiteral("/api/v1/history?status=QUEUED&sort_by=alias&order=desc&limit=2&offset=1")),
                200);
    JSON_COMPARE(page["total"], JsonDoc(5));
    JSON_COMPARE(page["history"], JsonDoc::array({all[1], all[2]}));
    EXPECT_JSON(beyond, m_listClient->get(QStringLiteral("/api/v1/history?status=QUEUED&offset=5")), 200);
    JSON_COMPARE(beyond["total"], JsonDoc(5));
    JSON_COMPARE(beyond["history"], JsonDoc::array());
    EXPECT_JSON(farBeyond, m_listClient->get(QStringLiteral("/api/v1/task?offset=1000&limit=5")), 200);
    JSON_COMPARE(farBeyond["total"], JsonDoc(6));
    JSON_COMPARE(farBeyond["definitions"], JsonDoc::array());

    // finished_at desc: the three STOPPED runs first, the rest (no finished_at) last.
    EXPECT_JSON(finished, m_listClient->get(QStringLiteral("/api/v1/history?sort_by=finished_at&order=desc")), 200);
    QStringList statuses;
    for (const JsonDoc &item : finished["history"])
        statuses.append(text(item["status"]));
    QCOMPARE(statuses.mid(0, 3), QStringList(3, QStringLiteral("STOPPED")));
    QCOMPARE(statuses.mid(3), QStringList(5, QStringLiteral("QUEUED")));
}

// *_since is inclusive, *_until exclusive; runs without the time never match.
void Tst_HttpApi::timeFilters()
{
    EXPECT_JSON(all, m_listClient->get(QStringLiteral("/api/v1/history?sort_by=queued_at")), 200);
    QList<QPair<QString, QString>> queued; // queued_at, label
    QList<QPair<QString, QString>> finished;
    for (const JsonDoc &item : all["history"]) {
        const QString label = m_labels.value(text(item["run_id"]));
        QVERIFY2(timePattern.match(text(item["queued_at"])).hasMatch(), qPrintable(dumped(item)));
        queued.append({text(item["queued_at"]), label});
        if (item.contains("finished_at")) {
            QVERIFY2(timePattern.match(text(item["finished_at"])).hasMatch(), qPrintable(dumped(item)));
            finished.append({text(item["finished_at"]), label});
        }
        QVERIFY2(!item.contains("started_at"), qPrintable(dumped(item)));
    }
    QCOMPARE(queued.size(), 8);
    QCOMPARE(finished.size(), 3);

    const auto check = [this](const QString &query, const QStringList &expected) {
        EXPECT_JSON(answer, m_listClient->get(QStringLiteral("/api/v1/history?") + query), 200);
        QStringList labels;
        for (const JsonDoc &item : answer["history"])
            labels.append(m_labels.value(text(item["run_id"])));
        labels.sort();
        QStringList sorted = expected;
        sorted.sort();
        QVERIFY2(labels == sorted,
                 qPrintable(QStringLiteral("%1: got %2, expected %3").arg(query, labels.join(u' '), sorted.join(u' '))));
        JSON_COMPARE(answer["total"], JsonDoc(expected.size()));
    };
    const auto matching = [](const QList<QPair<QString, QString>> &times,
                             const std::function<bool(const QString &)> &keep) {
        QStringList labels;
        for (const auto &[time, label] : times) {
            if (keep(time))
                labels.append(label);
        }
        return labels;
    };

    const QString t = queued[3].first;
    const QString tPlus2 = QDateTime::fromString(t, Qt::ISODateWithMs).toOffsetFromUtc(7200).toString(Qt::ISODateWithMs);
    QVERIFY2(tPlus2.endsWith(u"+02:00"), qPrintable(tPlus2));
    const QStringList since = matching(queued, [&](const QString &time) { return time >= t; });
    const QStringList until = matching(queued, [&](const QString &time) { return time < t; });
    QVERIFY(!since.isEmpty());

    check(QStringLiteral("queued_at_since=") + t, since);
    RETURN_IF_FAILED();
    check(QStringLiteral("queued_at_until=") + t, until);
    RETURN_IF_FAILED();
    check(QStringLiteral("queued_at_since=%1&queued_at_until=%1").arg(t), {});
    RETURN_IF_FAILED();
    check(QStringLiteral("queued_at_since=") + QString(tPlus2).replace(u'+', QStringLiteral("%2B")), since);
    RETURN_IF_FAILED();
    check(QStringLiteral("queued_at_until=") + QString(tPlus2).replace(u'+', QStringLiteral("%2B")), until);
    RETURN_IF_FAILED();
    check(QStringLiteral("queued_at_since=2000-01-01T00:00:00Z&queued_at_until=2999-01-01T00:00:00Z"),
          matching(queued, [](const QString &) { return true; }));
    RETURN_IF_FAILED();
    check(QStringLiteral("queued_at_since=") + t + QStringLiteral("&status=QUEUED"),
          matching(queued, [&](const QString &time) {
              return time >= t;
          }).filter(QRegularExpression(QStringLiteral("^r[13468]$"))));
    RETURN_IF_FAILED();

    std::sort(finished.begin(), finished.end());
    const QString firstFinished = finished.first().first;
    check(QStringLiteral("finished_at_since=") + firstFinished,
          matching(finished, [](const QString &) { return true; }));
    RETURN_IF_FAILED();
    check(QStringLiteral("finished_at_until=") + firstFinished, {});
    RETURN_IF_FAILED();
    check(QStringLiteral("finished_at_until=2999-01-01T00:00:00.000Z"),
          {QStringLiteral("r2"), QStringLiteral("r5"), QStringLiteral("r7")});
    RETURN_IF_FAILED();
    const QString lastFinished = finished.last().first; // two runs may share its millisecond
    check(QStringLiteral("finished_at_since=") + lastFinished,
          matching(finished, [&](const QString &time) { return time >= lastFinished; }));
    RETURN_IF_FAILED();
    check(QStringLiteral("started_at_since=2000-01-01T00:00:00Z"), {});
    RETURN_IF_FAILED();
    check(QStringLiteral("started_at_until=2999-01-01T00:00:00Z"), {});
}

// An unparsable time names the key and the value, and tells how to send '+'.
void Tst_HttpApi::unparsableTimeMessage()
{
    // An unencoded '+' arrives as a space (form encoding), so the time does not parse.
    EXPECT_ERROR(message,
                 m_listClient->get(QStringLiteral("/api/v1/history?queued_at_since=2020-01-01T00:00:00+00:00")), 400);
    QVERIFY2(message.contains(u"queued_at_since"), qPrintable(message));
    QVERIFY2(message.contains(u"\"2020-01-01T00:00:00 00:00\""), qPrintable(message));
    QVERIFY2(message.contains(u"send + as %2B"), qPrintable(message));
}

void Tst_HttpApi::filterEcho_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("expected"); // the JSON under key
    QTest::addColumn<QString>("absent");      // a key that must not be there

    const auto row = [](const char *path, const char *key, const char *expected, const char *absent = "") {
        QTest::newRow(path) << QString::fromLatin1(path) << QString::fromLatin1(key) << QByteArray(expected)
                            << QString::fromLatin1(absent);
    };
    row("/api/v1/task?group_name=grp-a&group_name=grp-c", "group_name", R"(["grp-a","grp-c"])");
    row("/api/v1/task?Alias=job", "Alias", R"(["job"])", "alias");
    row("/api/v1/task?image=repo", "image", R"(["repo"])");
    row("/api/v1/task?command=echo", "command", R"(["echo"])");
    row("/api/v1/task?tag=red&tag=blue", "tag", R"(["red","blue"])");
    row("/api/v1/task?definition_id=abc", "definition_id", R"(["abc"])");
    row("/api/v1/task?env=A|1", "env_filters", R"({"A":"1"})");
    row("/api/v1/task?env=A|1&env=B|x", "env_filters", R"({"A":"1","B":"x"})");
    row("/api/v1/task", "env_filters", R"({})");
    row("/api/v1/task?sort_by=memory&order=desc", "sort_by", R"("memory")");
    row("/api/v1/task?sort_by=memory&order=desc", "order", R"("desc")");
    row("/api/v1/task?limit=2&offset=1", "limit", "2");
    row("/api/v1/task?limit=2&offset=1", "offset", "1");
    row("/api/v1/history?status=QUEUED&status=STOPPED", "status", R"(["QUEUED","STOPPED"])");
    row("/api/v1/history?cluster=local", "cluster", R"(["local"])", "cluster_name");
    row("/api/v1/history?cluster_name=local", "cluster_name", R"(["local"])", "cluster");
    row("/api/v1/history?user=alice&user=dave", "user", R"(["alice","dave"])");
    row("/api/v1/history?group_name=grp-a", "group_name", R"(["grp-a"])");
    row("/api/v1/history?alias=job", "alias", R"(["job"])");
    row("/api/v1/history?image=repo", "image", R"(["repo"])");
    row("/api/v1/history?command=echo%20alpha", "command", R"(["echo alpha"])");
    row("/api/v1/history?definition_id=abc", "definition_id", R"(["abc"])");
    row("/api/v1/history?queued_at_since=2000-01-01T00:00:00Z", "queued_at_since", R"(["2000-01-01T00:00:00Z"])");
    row("/api/v1/history?queued_at_until=2999-01-01T00:00:00.000Z", "queued_at_until",
        R"(["2999-01-01T00:00:00.000Z"])");
    row("/api/v1/history?started_at_since=2000-01-01T00:00:00Z", "started_at_since", R"(["2000-01-01T00:00:00Z"])");
    row("/api/v1/history?started_at_until=2999-01-01T00:00:00Z", "started_at_until", R"(["2999-01-01T00:00:00Z"])");
    row("/api/v1/history?finished_at_since=2000-01-01T00:00:00Z", "finished_at_since", R"(["2000-01-01T00:00:00Z"])");
    row("/api/v1/history?finished_at_until=2999-01-01T00:00:00Z", "finished_at_until", R"(["2999-01-01T00:00:00Z"])");
    row("/api/v1/history?env=X|1&env=Y|y", "env_filters", R"({"X":"1","Y":"y"})");
    row("/api/v1/history?env=X|2&env=X|1", "env_filters", R"({"X":"1"})");
    row("/api/v1/history", "env_filters", R"({})");
    row("/api/v1/history", "sort_by", R"("group_name")");
    row("/api/v1/history", "order", R"("asc")");
    row("/api/v1/history", "limit", "1024");
    row("/api/v1/history", "offset", "0");
    row("/api/v1/history?sort_by=queued_at&order=desc", "sort_by", R"("queued_at")");
    row("/api/groups?name=grp", "name", R"(["grp"])");
    row("/api/v1/tags?name=re", "name", R"(["re"])");
}

// Each filter is echoed under the key the client sent, as a string array.
void Tst_HttpApi::filterEcho()
{
    QFETCH(QString, path);
    QFETCH(QString, key);
    QFETCH(QByteArray, expected);
    QFETCH(QString, absent);

    EXPECT_JSON(answer, m_listClient->get(path), 200);
    QVERIFY2(answer.contains(key.toStdString()), qPrintable(dumped(answer)));
    JSON_COMPARE(answer[key.toStdString()], JsonDoc::parse(expected.toStdString()));
    if (!absent.isEmpty())
        QVERIFY2(!answer.contains(absent.toStdString()), qPrintable(dumped(answer)));
}

void Tst_HttpApi::nameLists_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<int>("total");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("offset");

    const QStringList groups{QStringLiteral("grp-a"), QStringLiteral("grp-b"), QStringLiteral("grp-c")};
    const QStringList tags{QStringLiteral("blue"), QStringLiteral("green"), QStringLiteral("red")};
    for (const char *prefix : {"/api", "/api/v1", "/api/v6"}) {
        const auto path = [prefix](const char *rest) { return QString::fromLatin1(prefix) + QString::fromLatin1(rest); };
        QTest::addRow("%s groups", prefix) << path("/groups") << groups << 3 << 1024 << 0;
        QTest::addRow("%s groups name=b", prefix) << path("/groups?name=b") << QStringList{groups[1]} << 1 << 1024 << 0;
        QTest::addRow("%s groups name=grp", prefix) << path("/groups?name=grp") << groups << 3 << 1024 << 0;
        QTest::addRow("%s groups name=zzz", prefix) << path("/groups?name=zzz") << QStringList() << 0 << 1024 << 0;
        QTest::addRow("%s groups name=%%", prefix) << path("/groups?name=%25") << QStringList() << 0 << 1024 << 0;
        QTest::addRow("%s groups limit=2", prefix) << path("/groups?limit=2") << groups.mid(0, 2) << 3 << 2 << 0;
        QTest::addRow("%s groups limit=2 offset=2", prefix)
            << path("/groups?limit=2&offset=2") << groups.mid(2) << 3 << 2 << 2;
        QTest::addRow("%s groups offset=5", prefix) << path("/groups?offset=5") << QStringList() << 3 << 1024 << 5;
        QTest::addRow("%s groups name=grp limit=1 offset=1", prefix)
            << path("/groups?name=grp&limit=1&offset=1") << QStringList{groups[1]} << 3 << 1 << 1;
        QTest::addRow("%s tags", prefix) << path("/tags") << tags << 3 << 1024 << 0;
        QTest::addRow("%s tags name=re", prefix)
            << path("/tags?name=re") << QStringList{tags[1], tags[2]} << 2 << 1024 << 0;
        QTest::addRow("%s tags name=red", prefix) << path("/tags?name=red") << QStringList{tags[2]} << 1 << 1024 << 0;
        QTest::addRow("%s tags limit=1 offset=1", prefix)
            << path("/tags?limit=1&offset=1") << QStringList{tags[1]} << 3 << 1 << 1;
        QTest::addRow("%s tags limit=0", prefix) << path("/tags?limit=0") << QStringList() << 3 << 0 << 0;
    }
}

// Groups and tags: the distinct non-empty names in use, sorted, filtered by
// `name` (substring), paged, with a total.
void Tst_HttpApi::nameLists()
{
    QFETCH(QString, path);
    QFETCH(QStringList, names);
    QFETCH(int, total);
    QFETCH(int, limit);
    QFETCH(int, offset);

    const std::string key = path.contains(u"/groups") ? "groups" : "tags";
    EXPECT_JSON(answer, m_listClient->get(path), 200);
    JsonDoc expectedNames = JsonDoc::array();
    for (const QString &name : names)
        expectedNames.push_back(name.toStdString());
    JSON_COMPARE(answer[key], expectedNames);
    JSON_COMPARE(answer["total"], JsonDoc(total));
    JSON_COMPARE(answer["limit"], JsonDoc(limit));
    JSON_COMPARE(answer["offset"], JsonDoc(offset));
    QSet<QString> keys{QString::fromStdString(key), QStringLiteral("total"), QStringLiteral("limit"),
                       QStringLiteral("offset")};
    if (path.contains(u"name="))
        keys.insert(QStringLiteral("name"));
    QCOMPARE(keysText(keysOf(answer)), keysText(keys));
}

// Defect 7: a stored document changed outside the control plane (a broken
// disk, a hand edit) fails the requests of that row only, naming it; lists
// leave it out (and the log says so), everything else goes on.
void Tst_HttpApi::corruptRowAnswers500()
{
    const JsonDoc brokenDefinition = create(*m_client, J(R"({"alias":"broken","image":"img","command":"echo 1"})"));
    RETURN_IF_FAILED();
    const JsonDoc intactDefinition = create(*m_client, J(R"({"alias":"intact","image":"img","command":"echo 2"})"));
    RETURN_IF_FAILED();
    const QString broken = text(brokenDefinition["definition_id"]);
    const QString intact = text(intactDefinition["definition_id"]);
    const QString launchPath = QStringLiteral("/api/v1/task/%1/execute").arg(intact);
    const QString brokenRun = text(launchRun(*m_client, launchPath, J("{}"))["run_id"]);
    RETURN_IF_FAILED();
    const QString intactRun = text(launchRun(*m_client, launchPath, J("{}"))["run_id"]);
    RETURN_IF_FAILED();
    m_client.reset();
    m_server->stop();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("corrupter"));
        db.setDatabaseName(m_server->dataDir() + QStringLiteral("/flotilla.sqlite"));
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.prepare(
            QStringLiteral("UPDATE definitions SET document = '{\"definition_id\": tr' WHERE definition_id = ?")));
        query.addBindValue(broken);
        QVERIFY(query.exec());
        QCOMPARE(query.numRowsAffected(), 1);
        QVERIFY(query.prepare(QStringLiteral("UPDATE runs SET document = 'not json' WHERE run_id = ?")));
        query.addBindValue(brokenRun);
        QVERIFY(query.exec());
        QCOMPARE(query.numRowsAffected(), 1);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("corrupter"));
    QVERIFY(m_server->start());
    m_client = std::make_unique<HttpTestClient>(*m_server);

    const QStringList brokenRequests{
        QStringLiteral("GET /api/v1/task/%1").arg(broken),
        QStringLiteral("GET /api/v1/task/alias/broken"),
        QStringLiteral("PUT /api/v1/task/%1").arg(broken),
        QStringLiteral("PUT /api/v1/task/%1/execute").arg(broken),
        QStringLiteral("PUT /api/v1/task/alias/broken/execute"),
        QStringLiteral("GET /api/v1/history/%1").arg(brokenRun),
        QStringLiteral("GET /api/v1/task/%1/history/%2").arg(intact, brokenRun),
        QStringLiteral("DELETE /api/v1/task/%1/history/%2").arg(intact, brokenRun),
        QStringLiteral("GET /api/v1/%1/logs").arg(brokenRun),
    };
    for (const QString &request : brokenRequests) {
        const QString method = request.section(u' ', 0, 0);
        const QString path = request.section(u' ', 1);
        const QByteArray body = method == u"PUT" ? QByteArray(R"({"run_tags":{"owner_id":"me"}})") : QByteArray();
        EXPECT_ERROR(message, m_client->request(method.toLatin1(), path, body), 500);
        const QString row = path.contains(brokenRun) ? brokenRun : broken;
        QVERIFY2(message.contains(row), qPrintable(request + QStringLiteral(": ") + message));
    }

    EXPECT_JSON(definition, m_client->get(QStringLiteral("/api/v1/task/%1").arg(intact)), 200);
    QCOMPARE(text(definition["alias"]), QStringLiteral("intact"));
    EXPECT_JSON(run, m_client->get(QStringLiteral("/api/v1/history/%1").arg(intactRun)), 200);
    QCOMPARE(text(run["run_id"]), intactRun);
    EXPECT_JSON(definitions, m_client->get(QStringLiteral("/api/v1/task")), 200);
    QCOMPARE(definitions["definitions"].size(), size_t(1));
    QCOMPARE(text(definitions["definitions"][0]["definition_id"]), intact);
    EXPECT_JSON(history, m_client->get(QStringLiteral("/api/v1/history")), 200);
    QCOMPARE(history["history"].size(), size_t(1));
    QCOMPARE(text(history["history"][0]["run_id"]), intactRun);
    // A broken definition can still be deleted.
    EXPECT_JSON(deleted, m_client->del(QStringLiteral("/api/v1/task/%1").arg(broken)), 200);
    EXPECT_JSON(health, m_client->get(QStringLiteral("/api/v6/health")), 200);
}

// Defect 8: a launch answered just before the API object goes (the desktop
// stops its control plane) still reaches the scheduler, and nothing touches
// the destroyed API afterwards.
void Tst_HttpApi::launchOutlivesTheApi()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Store store;
    QString error;
    QVERIFY2(store.open(dir.path() + QStringLiteral("/flotilla.sqlite"), &error), qPrintable(error));
    LogStore logs(dir.path() + QStringLiteral("/logs"));
    QVERIFY2(logs.open(&error), qPrintable(error));
    RunScheduler scheduler(store, SchedulerOptions{1, 0});
    scheduler.addExecutor(
        std::make_unique<LocalExecutor>(TestPaths::runProgram(), dir.path() + QStringLiteral("/runs"), logs));

    // The API lives in memory the test wipes once it is destroyed, so any
    // later use of it crashes at once instead of reading stale bytes.
    alignas(HttpApi) unsigned char memory[sizeof(HttpApi)];
    auto *api = new (memory) HttpApi(store, logs, scheduler, ApiOptions{AccessPolicy{"t", {}, {}}});
    api->setListening(QHostAddress(QHostAddress::LocalHost), 5000);
    const auto request = [api](const QByteArray &method, const QByteArray &path, const QByteArray &body) {
        return api->handle(HttpRequest{method,
                                       path,
                                       {},
                                       {{"Host", "127.0.0.1:5000"},
                                        {"Authorization", "Bearer t"},
                                        {"Content-Type", "application/json"}},
                                       body});
    };
    const HttpResponse created = request("POST", "/api/v1/task", R"({"alias":"a","image":"i","command":"true"})");
    QCOMPARE(created.status, 200);
    const std::string id = JsonDoc::parse(created.body.toStdString())["definition_id"].get<std::string>();
    // A launch is answered once its commit is done; the server asks at once when it cannot wait.
    const HttpResponse held = request("PUT", "/api/v1/task/" + QByteArray::fromStdString(id) + "/execute", "{}");
    QVERIFY(held.held);
    const HttpResponse launched = *held.held(true);
    QCOMPARE(launched.status, 200);
    const QString runId = QString::fromStdString(
        JsonDoc::parse(launched.body.toStdString())["run_id"].get<std::string>());
    api->~HttpApi();
    std::memset(memory, 0, sizeof memory);

    QTRY_VERIFY_WITH_TIMEOUT(store.run(runId) && store.run(runId)->status == RunStatus::Stopped, 30000);
    QCOMPARE(store.run(runId)->exitCode, std::optional<qint64>(0));
}

QTEST_GUILESS_MAIN(Tst_HttpApi)
#include "tst_httpapi.moc"
