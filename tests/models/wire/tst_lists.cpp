// List bodies of every era: DefinitionList, RunList, NameList (groups/tags)
// and ClustersList, including upstream's nulls and cluster objects
// (api-contract.md §3, §9).
#include "wirefixture.h"

#include <wire/lists.h>

#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_Lists final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void definitionListHead();
    void definitionListErrors();
    void runListEmptyHead();
    void runListWithRuns();
    void runListErrors();
    void groups_data();
    void groups();
    void tags();
    void nameListKeyMatters();
    void nameListErrors();
    void clusters_data();
    void clusters();
    void clustersErrors_data();
    void clustersErrors();
};

void Tst_Lists::definitionListHead()
{
    QStringList errors;
    const DefinitionList list = DefinitionList::fromJson(fixtureJson(QStringLiteral("definition-list-head.json")),
                                                         &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(list.definitions.size(), 1);
    const Definition &definition = list.definitions.first();
    QCOMPARE(definition.definitionId, QStringLiteral("examples-3f1c2a2e-6a7b-4c1d-9e55-0d1f2a3b4c5d"));
    QCOMPARE(definition.alias, QStringLiteral("hello-flotilla"));
    QCOMPARE(definition.memory, std::optional<qint64>(512));
    QVERIFY(definition.tags.isEmpty()); // "tags":[""]
    QVERIFY(definition.unknown.contains("ports"));
    QCOMPARE(list.page.total, 1);
    QCOMPARE(list.page.limit, 1024);
    QCOMPARE(list.page.offset, 0);
    QCOMPARE(list.page.sortBy, QStringLiteral("group_name"));
    QCOMPARE(list.page.order, QStringLiteral("asc"));
}

void Tst_Lists::definitionListErrors()
{
    QStringList errors;
    DefinitionList::fromJson(Json::parse(R"({"definitions":{},"total":"1"})"), &errors);
    QCOMPARE(errors.size(), 2);
    QVERIFY(errors.contains(QStringLiteral("definitions must be a JSON array")));
    QVERIFY(errors.contains(QStringLiteral("total must be a JSON integer, not \"1\"")));

    // An item's own mistakes come through.
    errors.clear();
    const DefinitionList list = DefinitionList::fromJson(
        Json::parse(R"({"definitions":[{"alias":"a","memory":1.5},7],"total":2})"), &errors);
    QCOMPARE(list.definitions.size(), 2);
    QCOMPARE(errors, QStringList({QStringLiteral("memory must be a JSON integer, not 1.5"),
                                  QStringLiteral("a definition must be a JSON object")}));
}

void Tst_Lists::runListEmptyHead()
{
    QStringList errors;
    const RunList list = RunList::fromJson(fixtureJson(QStringLiteral("run-list-empty-head.json")), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QVERIFY(list.history.isEmpty()); // "history":null
    QCOMPARE(list.page.total, 0);
    QCOMPARE(list.page.limit, 1024);
    QCOMPARE(list.page.offset, 0);
    QCOMPARE(list.page.sortBy, QStringLiteral("group_name"));
    QCOMPARE(list.page.order, QStringLiteral("asc"));
}

void Tst_Lists::runListWithRuns()
{
    // A HEAD-shaped list holding the run fixtures, with echo keys beside them.
    Json body = Json::object();
    body["history"] = Json::array({fixtureJson(QStringLiteral("run-queued-head.json")),
                                   fixtureJson(QStringLiteral("run-running-head.json")),
                                   fixtureJson(QStringLiteral("run-stopped-seed-era.json"))});
    body["engine"] = Json::array({"eks", "eks-spark"});
    body["status"] = Json::array({"QUEUED", "RUNNING", "STOPPED"});
    body["env_filters"] = Json::object();
    body["limit"] = 20;
    body["offset"] = 40;
    body["order"] = "desc";
    body["sort_by"] = "started_at";
    body["total"] = 43;

    QStringList errors;
    const RunList list = RunList::fromJson(body, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(list.history.size(), 3);
    QCOMPARE(list.history.at(0).status, RunStatus::Queued);
    QCOMPARE(list.history.at(1).status, RunStatus::Running);
    QCOMPARE(list.history.at(2).status, RunStatus::Stopped);
    QCOMPARE(list.history.at(2).instance.instanceId, QStringLiteral("i-0abc"));
    QCOMPARE(list.page.total, 43);
    QCOMPARE(list.page.limit, 20);
    QCOMPARE(list.page.offset, 40);
    QCOMPARE(list.page.sortBy, QStringLiteral("started_at"));
    QCOMPARE(list.page.order, QStringLiteral("desc"));
}

void Tst_Lists::runListErrors()
{
    QStringList errors;
    const RunList list = RunList::fromJson(Json::parse(R"({"history":[{"run_id":"a","status":"BOGUS"}],"limit":-1.0})"),
                                           &errors);
    QCOMPARE(list.history.size(), 1);
    QCOMPARE(errors.size(), 2);
    QVERIFY(errors.first().startsWith(QStringLiteral("status BOGUS is not one of")));
    QCOMPARE(errors.last(), QStringLiteral("limit must be a JSON integer, not -1.0"));

    errors.clear();
    RunList::fromJson(Json::parse(R"({"history":"none"})"), &errors);
    QCOMPARE(errors, QStringList{QStringLiteral("history must be a JSON array")});
}

void Tst_Lists::groups_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<qint64>("total");
    QTest::addColumn<qint64>("limit");

    QTest::newRow("head, empty and unpaged")
        << QStringLiteral("groups-head.json") << QStringList() << qint64(0) << qint64(0);
    QTest::newRow("seed era") << QStringLiteral("groups-seed-era.json")
                              << QStringList{QStringLiteral("examples"), QStringLiteral("testing")} << qint64(2)
                              << qint64(1024);
}

void Tst_Lists::groups()
{
    QFETCH(QString, name);
    QFETCH(QStringList, names);
    QFETCH(qint64, total);
    QFETCH(qint64, limit);

    QStringList errors;
    const NameList list = NameList::fromJson(fixtureJson(name), "groups", &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(list.names, names);
    QCOMPARE(list.page.total, total);
    QCOMPARE(list.page.limit, limit);
    QCOMPARE(list.page.offset, 0);
}

void Tst_Lists::tags()
{
    QStringList errors;
    const NameList list = NameList::fromJson(Json::parse(
                                                 R"({"tags":["nightly","demo"],"limit":10,"offset":5,"total":7})"),
                                             "tags", &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(list.names, (QStringList{QStringLiteral("nightly"), QStringLiteral("demo")}));
    QCOMPARE(list.page.total, 7);
    QCOMPARE(list.page.limit, 10);
    QCOMPARE(list.page.offset, 5);

    const NameList none = NameList::fromJson(Json::parse(R"({"tags":null,"total":0})"), "tags", &errors);
    QVERIFY(errors.isEmpty());
    QVERIFY(none.names.isEmpty());
}

void Tst_Lists::nameListKeyMatters()
{
    const Json body = Json::parse(R"({"groups":["g"],"tags":["t"],"total":1})");
    QStringList errors;
    QCOMPARE(NameList::fromJson(body, "groups", &errors).names, QStringList{QStringLiteral("g")});
    QCOMPARE(NameList::fromJson(body, "tags", &errors).names, QStringList{QStringLiteral("t")});
    // The groups body read as a tags list holds no tags.
    QVERIFY(NameList::fromJson(fixtureJson(QStringLiteral("groups-seed-era.json")), "tags", &errors).names.isEmpty());
    QVERIFY(errors.isEmpty());
}

void Tst_Lists::nameListErrors()
{
    QStringList errors;
    NameList::fromJson(Json::parse(R"({"groups":["a",1]})"), "groups", &errors);
    QCOMPARE(errors, QStringList{QStringLiteral("groups[1] must be a JSON string")});

    errors.clear();
    NameList::fromJson(Json::parse(R"({"tags":"a,b"})"), "tags", &errors);
    QCOMPARE(errors, QStringList{QStringLiteral("tags must be a JSON array")});
}

void Tst_Lists::clusters_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("clusters");

    QTest::newRow("head, objects with name")
        << QStringLiteral("clusters-head.json") << QStringList{QStringLiteral("cluster1")};
    QTest::newRow("head, null") << QStringLiteral("clusters-null-head.json") << QStringList();
    QTest::newRow("seed era, strings") << QStringLiteral("clusters-seed-era.json")
                                       << QStringList{QStringLiteral("default"), QStringLiteral("gpu")};
}

void Tst_Lists::clusters()
{
    QFETCH(QString, name);
    QFETCH(QStringList, clusters);

    QStringList errors;
    const ClustersList list = ClustersList::fromJson(fixtureJson(name), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(list.clusters, clusters);
}

void Tst_Lists::clustersErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("clusters");
    QTest::addColumn<QStringList>("errors");

    QTest::newRow("mixed strings and objects")
        << QByteArray(R"({"clusters":["a",{"name":"b","status":"active"}]})")
        << QStringList{QStringLiteral("a"), QStringLiteral("b")} << QStringList();
    QTest::newRow("number item") << QByteArray(R"({"clusters":["a",3]})") << QStringList{QStringLiteral("a")}
                                 << QStringList{QStringLiteral("clusters[1] must be a name or an object")};
    QTest::newRow("object name not a string") << QByteArray(R"({"clusters":[{"name":5}]})") << QStringList{QString()}
                                              << QStringList{QStringLiteral("clusters[0].name must be a JSON string")};
    QTest::newRow("clusters an object") << QByteArray(R"({"clusters":{"name":"a"}})") << QStringList()
                                        << QStringList{QStringLiteral("clusters must be a JSON array")};
    QTest::newRow("empty body") << QByteArray("{}") << QStringList() << QStringList();
}

void Tst_Lists::clustersErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, clusters);
    QFETCH(QStringList, errors);

    QStringList actualErrors;
    const ClustersList list = ClustersList::fromJson(Json::parse(body.toStdString()), &actualErrors);
    QCOMPARE(list.clusters, clusters);
    QCOMPARE(actualErrors, errors);
}

QTEST_GUILESS_MAIN(Tst_Lists)
#include "tst_lists.moc"
