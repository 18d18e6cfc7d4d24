// ListQuery::parse: the list routes' query semantics (api-contract.md §6).
#include <store/listquery.h>

#include <wire/timestamp.h>

#include <QTest>
#include <QUrlQuery>

using namespace Flotilla;

Q_DECLARE_METATYPE(Flotilla::ListKind)
Q_DECLARE_METATYPE(Flotilla::ListQuery::Match)

namespace {

// "a=1&b=2" as the HTTP layer hands it over: decoded pairs in request order.
QueryItems itemsOf(const QString &query)
{
    return QUrlQuery(query).queryItems(QUrl::FullyDecoded);
}

std::optional<ListQuery> parse(ListKind kind, const QString &query, QString *error)
{
    return ListQuery::parse(kind, itemsOf(query), error);
}

const ListQuery::Filter *filterOf(const ListQuery &query, const QString &key)
{
    for (const ListQuery::Filter &filter : query.filters) {
        if (filter.key == key)
            return &filter;
    }
    return nullptr;
}

qint64 msecs(const char *time)
{
    return Timestamp::parse(QString::fromLatin1(time))->toMSecsSinceEpoch();
}

} // namespace

class Tst_ListQuery final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void defaults_data();
    void defaults();
    void limitAndOffset_data();
    void limitAndOffset();
    void sortBy_data();
    void sortBy();
    void order_data();
    void order();
    void firstPagingValueCounts();
    void errors_data();
    void errors();
    void filterColumnsAndMatch_data();
    void filterColumnsAndMatch();
    void repeatedKeysCollectValues();
    void repeatedKeyInAnotherCase();
    void keysCaseInsensitiveEchoedAsSent();
    void statusValues();
    void envFilters();
    void envLastValueWins();
    void timeBounds_data();
    void timeBounds();
    void severalTimeBounds();
    void namesKind();
    void addExactFilter();
};

void Tst_ListQuery::defaults_data()
{
    QTest::addColumn<ListKind>("kind");
    QTest::addColumn<QString>("sortBy");

    QTest::newRow("definitions") << ListKind::Definitions << QStringLiteral("group_name");
    QTest::newRow("runs") << ListKind::Runs << QStringLiteral("group_name");
    QTest::newRow("names") << ListKind::Names << QString();
}

void Tst_ListQuery::defaults()
{
    QFETCH(ListKind, kind);
    QFETCH(QString, sortBy);

    QString error;
    const std::optional<ListQuery> query = ListQuery::parse(kind, {}, &error);
    QVERIFY2(query.has_value(), qPrintable(error));
    QCOMPARE(query->limit, 1024);
    QCOMPARE(query->offset, 0);
    QCOMPARE(query->sortBy, sortBy);
    QCOMPARE(query->sortColumn, sortBy); // group_name sorts on its own column
    QCOMPARE(query->descending, false);
    QVERIFY(query->filters.isEmpty());
    QVERIFY(query->timeBounds.isEmpty());
    QVERIFY(query->envFilters.isEmpty());
}

void Tst_ListQuery::limitAndOffset_data()
{
    QTest::addColumn<ListKind>("kind");
    QTest::addColumn<QString>("query");
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<qint64>("offset");

    QTest::newRow("limit 0") << ListKind::Definitions << QStringLiteral("limit=0") << qint64(0) << qint64(0);
    QTest::newRow("limit 20 offset 40") << ListKind::Runs << QStringLiteral("limit=20&offset=40") << qint64(20)
                                        << qint64(40);
    QTest::newRow("offset only") << ListKind::Runs << QStringLiteral("offset=7") << qint64(1024) << qint64(7);
    QTest::newRow("large") << ListKind::Definitions << QStringLiteral("limit=9000000000&offset=9000000001")
                           << qint64(9000000000) << qint64(9000000001);
    QTest::newRow("names") << ListKind::Names << QStringLiteral("limit=3&offset=1") << qint64(3) << qint64(1);
    QTest::newRow("upper-case keys") << ListKind::Definitions << QStringLiteral("LIMIT=2&Offset=3") << qint64(2)
                                     << qint64(3);
}

void Tst_ListQuery::limitAndOffset()
{
    QFETCH(ListKind, kind);
    QFETCH(QString, query);
    QFETCH(qint64, limit);
    QFETCH(qint64, offset);

    QString error;
    const std::optional<ListQuery> parsed = parse(kind, query, &error);
    QVERIFY2(parsed.has_value(), qPrintable(error));
    QCOMPARE(parsed->limit, limit);
    QCOMPARE(parsed->offset, offset);
}

void Tst_ListQuery::sortBy_data()
{
    QTest::addColumn<ListKind>("kind");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("sortBy");
    QTest::addColumn<QString>("column");

    for (const char *field : {"alias", "image", "group_name", "memory"}) {
        QTest::addRow("definitions %s", field) << ListKind::Definitions << QString::fromLatin1(field)
                                               << QString::fromLatin1(field) << QString::fromLatin1(field);
    }
    for (const char *field : {"run_id", "status", "started_at", "finished_at", "queued_at", "group_name", "alias"}) {
        QTest::addRow("runs %s", field) << ListKind::Runs << QString::fromLatin1(field) << QString::fromLatin1(field)
                                        << QString::fromLatin1(field);
    }
    QTest::newRow("runs cluster_name") << ListKind::Runs << QStringLiteral("cluster_name")
                                       << QStringLiteral("cluster_name") << QStringLiteral("cluster");
    QTest::newRow("value case-insensitive, canonical echo")
        << ListKind::Definitions << QStringLiteral("MEMORY") << QStringLiteral("memory") << QStringLiteral("memory");
}

void Tst_ListQuery::sortBy()
{
    QFETCH(ListKind, kind);
    QFETCH(QString, value);
    QFETCH(QString, sortBy);
    QFETCH(QString, column);

    QString error;
    const std::optional<ListQuery> query = ListQuery::parse(kind, {{QStringLiteral("sort_by"), value}}, &error);
    QVERIFY2(query.has_value(), qPrintable(error));
    QCOMPARE(query->sortBy, sortBy);
    QCOMPARE(query->sortColumn, column);
    QCOMPARE(query->descending, false);
}

void Tst_ListQuery::order_data()
{
    QTest::addColumn<ListKind>("kind");
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("descending");

    QTest::newRow("asc") << ListKind::Definitions << QStringLiteral("order=asc") << false;
    QTest::newRow("desc") << ListKind::Definitions << QStringLiteral("order=desc") << true;
    QTest::newRow("runs desc with sort") << ListKind::Runs << QStringLiteral("sort_by=started_at&order=desc") << true;
    QTest::newRow("key in upper case") << ListKind::Runs << QStringLiteral("ORDER=desc") << true;
}

void Tst_ListQuery::order()
{
    QFETCH(ListKind, kind);
    QFETCH(QString, query);
    QFETCH(bool, descending);

    QString error;
    const std::optional<ListQuery> parsed = parse(kind, query, &error);
    QVERIFY2(parsed.has_value(), qPrintable(error));
    QCOMPARE(parsed->descending, descending);
}

void Tst_ListQuery::firstPagingValueCounts()
{
    // As upstream (Go's url.Values.Get): the first of repeated paging keys counts.
    QString error;
    const std::optional<ListQuery> query = parse(ListKind::Runs,
                                                 QStringLiteral(
                                                     "limit=5&limit=-1&offset=2&offset=x&sort_by=alias&sort_by=bogus"
                                                     "&order=desc&order=sideways"),
                                                 &error);
    QVERIFY2(query.has_value(), qPrintable(error));
    QCOMPARE(query->limit, 5);
    QCOMPARE(query->offset, 2);
    QCOMPARE(query->sortBy, QStringLiteral("alias"));
    QCOMPARE(query->descending, true);
}

void Tst_ListQuery::errors_data()
{
    QTest::addColumn<ListKind>("kind");
    QTest::addColumn<QueryItems>("items");
    QTest::addColumn<QString>("error");

    const auto one = [](const char *key, const QString &value) {
        return QueryItems{{QString::fromLatin1(key), value}};
    };
    const auto nonNegative = [](const char *key, const char *value) {
        return QStringLiteral("%1 must be a non-negative integer, not \"%2\"")
            .arg(QLatin1String(key), QLatin1String(value));
    };
    QTest::newRow("negative limit") << ListKind::Definitions << one("limit", QStringLiteral("-1"))
                                    << nonNegative("limit", "-1");
    QTest::newRow("word limit") << ListKind::Runs << one("limit", QStringLiteral("ten")) << nonNegative("limit", "ten");
    QTest::newRow("fractional limit") << ListKind::Runs << one("limit", QStringLiteral("1.5"))
                                      << nonNegative("limit", "1.5");
    QTest::newRow("empty limit") << ListKind::Runs << one("limit", QString()) << nonNegative("limit", "");
    QTest::newRow("hex limit") << ListKind::Runs << one("limit", QStringLiteral("0x10"))
                               << nonNegative("limit", "0x10");
    QTest::newRow("overflowing limit") << ListKind::Runs << one("limit", QStringLiteral("99999999999999999999"))
                                       << nonNegative("limit", "99999999999999999999");
    QTest::newRow("negative offset") << ListKind::Runs << one("offset", QStringLiteral("-3"))
                                     << nonNegative("offset", "-3");
    QTest::newRow("word offset") << ListKind::Names << one("offset", QStringLiteral("x")) << nonNegative("offset", "x");
    QTest::newRow("upper-case key, lower-case message")
        << ListKind::Definitions << one("LIMIT", QStringLiteral("-1")) << nonNegative("limit", "-1");

    QTest::newRow("bad definitions sort_by")
        << ListKind::Definitions << one("sort_by", QStringLiteral("bogus"))
        << QStringLiteral("sort_by \"bogus\" is not supported; use one of alias, image, group_name, memory");
    QTest::newRow("run sort_by for definitions")
        << ListKind::Definitions << one("sort_by", QStringLiteral("started_at"))
        << QStringLiteral("sort_by \"started_at\" is not supported; use one of alias, image, group_name, memory");
    const QString runSorts = QStringLiteral(
        "run_id, cluster_name, status, started_at, finished_at, queued_at, group_name, alias");
    QTest::newRow("seed's image sort_by for runs")
        << ListKind::Runs << one("sort_by", QStringLiteral("image"))
        << QStringLiteral("sort_by \"image\" is not supported; use one of ") + runSorts;
    QTest::newRow("cluster column name is not a sort_by")
        << ListKind::Runs << one("sort_by", QStringLiteral("cluster"))
        << QStringLiteral("sort_by \"cluster\" is not supported; use one of ") + runSorts;
    QTest::newRow("SQL in sort_by") << ListKind::Runs << one("sort_by", QStringLiteral("alias; DROP TABLE runs"))
                                    << QStringLiteral(
                                           "sort_by \"alias; DROP TABLE runs\" is not supported; use one of ")
                                           + runSorts;
    QTest::newRow("empty sort_by") << ListKind::Runs << one("sort_by", QString())
                                   << QStringLiteral("sort_by \"\" is not supported; use one of ") + runSorts;

    QTest::newRow("bad order") << ListKind::Runs << one("order", QStringLiteral("up"))
                               << QStringLiteral("order \"up\" is not supported; use asc or desc");
    QTest::newRow("empty order") << ListKind::Definitions << one("order", QString())
                                 << QStringLiteral("order \"\" is not supported; use asc or desc");

    QTest::newRow("unknown key") << ListKind::Definitions << one("foo", QStringLiteral("1"))
                                 << QStringLiteral("unknown filter [foo]");
    QTest::newRow("unknown key echoed as sent")
        << ListKind::Runs << one("Bogus_Key", QStringLiteral("1")) << QStringLiteral("unknown filter [Bogus_Key]");
    QTest::newRow("status is not a definition filter")
        << ListKind::Definitions << one("status", QStringLiteral("RUNNING"))
        << QStringLiteral("unknown filter [status]");
    QTest::newRow("definitions take no time bounds")
        << ListKind::Definitions << one("started_at_since", QStringLiteral("2026-11-27T07:01:26Z"))
        << QStringLiteral("unknown filter [started_at_since]");
    QTest::newRow("unknown time field") << ListKind::Runs
                                        << one("created_at_since", QStringLiteral("2026-11-27T07:01:26Z"))
                                        << QStringLiteral("unknown filter [created_at_since]");
    QTest::newRow("bare _since") << ListKind::Runs << one("_since", QStringLiteral("2026-11-27T07:01:26Z"))
                                 << QStringLiteral("unknown filter [_since]");
    QTest::newRow("empty key") << ListKind::Runs << one("", QStringLiteral("x")) << QStringLiteral("unknown filter []");

    const QString statuses = QStringLiteral("QUEUED, PENDING, RUNNING, STOPPED, NEEDS_RETRY");
    QTest::newRow("bad status") << ListKind::Runs << one("status", QStringLiteral("DONE"))
                                << QStringLiteral("invalid status [DONE]; use one of ") + statuses;
    QTest::newRow("bad second status") << ListKind::Runs
                                       << QueryItems{{QStringLiteral("status"), QStringLiteral("RUNNING")},
                                                     {QStringLiteral("status"), QStringLiteral("nope")}}
                                       << QStringLiteral("invalid status [nope]; use one of ") + statuses;
    QTest::newRow("empty status") << ListKind::Runs << one("status", QString())
                                  << QStringLiteral("invalid status []; use one of ") + statuses;

    const auto badTime = [](const char *key, const QString &value) {
        return QLatin1String(key) + QStringLiteral(" \"") + value
               + QStringLiteral("\" is not an RFC 3339 time such as 2026-11-27T07:01:26Z (send + as %2B)");
    };
    QTest::newRow("bad time") << ListKind::Runs << one("started_at_since", QStringLiteral("yesterday"))
                              << badTime("started_at_since", QStringLiteral("yesterday"));
    QTest::newRow("time without zone") << ListKind::Runs
                                       << one("finished_at_until", QStringLiteral("2026-11-27T07:01:26"))
                                       << badTime("finished_at_until", QStringLiteral("2026-11-27T07:01:26"));
    QTest::newRow("unescaped + became a space")
        << ListKind::Runs << one("queued_at_since", QStringLiteral("2026-11-27T07:01:26 01:00"))
        << badTime("queued_at_since", QStringLiteral("2026-11-27T07:01:26 01:00"));
    QTest::newRow("invalid date") << ListKind::Runs << one("queued_at_until", QStringLiteral("2026-02-30T00:00:00Z"))
                                  << badTime("queued_at_until", QStringLiteral("2026-02-30T00:00:00Z"));
    QTest::newRow("bad time key echoed as sent") << ListKind::Runs << one("Started_At_Since", QStringLiteral("x"))
                                                 << badTime("Started_At_Since", QStringLiteral("x"));

    QTest::newRow("env without |") << ListKind::Definitions << one("env", QStringLiteral("USERNAME=flotilla"))
                                   << QStringLiteral("env filter \"USERNAME=flotilla\" must be NAME|VALUE");
    QTest::newRow("env without name") << ListKind::Runs << one("env", QStringLiteral("|value"))
                                      << QStringLiteral("env filter \"|value\" must be NAME|VALUE");
    QTest::newRow("env empty") << ListKind::Runs << one("env", QString())
                               << QStringLiteral("env filter \"\" must be NAME|VALUE");

    QTest::newRow("names: sort_by") << ListKind::Names << one("sort_by", QStringLiteral("name"))
                                    << QStringLiteral("unknown filter [sort_by]");
    QTest::newRow("names: order") << ListKind::Names << one("order", QStringLiteral("asc"))
                                  << QStringLiteral("unknown filter [order]");
    QTest::newRow("names: env") << ListKind::Names << one("env", QStringLiteral("A|b"))
                                << QStringLiteral("unknown filter [env]");
    QTest::newRow("names: alias") << ListKind::Names << one("alias", QStringLiteral("a"))
                                  << QStringLiteral("unknown filter [alias]");
    QTest::newRow("names: group_name") << ListKind::Names << one("group_name", QStringLiteral("a"))
                                       << QStringLiteral("unknown filter [group_name]");
    QTest::newRow("name is not a definitions filter")
        << ListKind::Definitions << one("name", QStringLiteral("a")) << QStringLiteral("unknown filter [name]");

    QTest::newRow("the first mistake is reported") << ListKind::Runs
                                                   << QueryItems{{QStringLiteral("alias"), QStringLiteral("ok")},
                                                                 {QStringLiteral("limit"), QStringLiteral("-5")},
                                                                 {QStringLiteral("nope"), QStringLiteral("1")}}
                                                   << nonNegative("limit", "-5");
}

void Tst_ListQuery::errors()
{
    QFETCH(ListKind, kind);
    QFETCH(QueryItems, items);
    QFETCH(QString, error);

    QString actual;
    const std::optional<ListQuery> query = ListQuery::parse(kind, items, &actual);
    QVERIFY(!query.has_value());
    QCOMPARE(actual, error);
}

void Tst_ListQuery::filterColumnsAndMatch_data()
{
    QTest::addColumn<ListKind>("kind");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("column");
    QTest::addColumn<ListQuery::Match>("match");

    using M = ListQuery::Match;
    QTest::newRow("definitions alias") << ListKind::Definitions << QStringLiteral("alias") << QStringLiteral("alias")
                                       << M::Substring;
    QTest::newRow("definitions image") << ListKind::Definitions << QStringLiteral("image") << QStringLiteral("image")
                                       << M::Substring;
    QTest::newRow("definitions command") << ListKind::Definitions << QStringLiteral("command")
                                         << QStringLiteral("command") << M::Substring;
    QTest::newRow("definitions group_name")
        << ListKind::Definitions << QStringLiteral("group_name") << QStringLiteral("group_name") << M::Exact;
    QTest::newRow("definitions definition_id")
        << ListKind::Definitions << QStringLiteral("definition_id") << QStringLiteral("definition_id") << M::Exact;
    QTest::newRow("definitions tag") << ListKind::Definitions << QStringLiteral("tag") << QStringLiteral("tag")
                                     << M::Exact;
    QTest::newRow("runs group_name") << ListKind::Runs << QStringLiteral("group_name") << QStringLiteral("group_name")
                                     << M::Exact;
    QTest::newRow("runs cluster_name") << ListKind::Runs << QStringLiteral("cluster_name") << QStringLiteral("cluster")
                                       << M::Exact;
    QTest::newRow("runs cluster") << ListKind::Runs << QStringLiteral("cluster") << QStringLiteral("cluster")
                                  << M::Exact;
    QTest::newRow("runs status") << ListKind::Runs << QStringLiteral("status") << QStringLiteral("status") << M::Exact;
    QTest::newRow("runs definition_id") << ListKind::Runs << QStringLiteral("definition_id")
                                        << QStringLiteral("definition_id") << M::Exact;
    QTest::newRow("runs user") << ListKind::Runs << QStringLiteral("user") << QStringLiteral("user") << M::Exact;
    QTest::newRow("runs engine") << ListKind::Runs << QStringLiteral("engine") << QStringLiteral("engine") << M::Exact;
    QTest::newRow("runs alias") << ListKind::Runs << QStringLiteral("alias") << QStringLiteral("alias") << M::Substring;
    QTest::newRow("runs image") << ListKind::Runs << QStringLiteral("image") << QStringLiteral("image") << M::Substring;
    QTest::newRow("runs command") << ListKind::Runs << QStringLiteral("command") << QStringLiteral("command")
                                  << M::Substring;
    QTest::newRow("names name") << ListKind::Names << QStringLiteral("name") << QStringLiteral("name") << M::Substring;
}

void Tst_ListQuery::filterColumnsAndMatch()
{
    QFETCH(ListKind, kind);
    QFETCH(QString, key);
    QFETCH(QString, column);
    QFETCH(ListQuery::Match, match);

    const QString value = key == u"status" ? QStringLiteral("RUNNING") : QStringLiteral("it's 100%_done");
    QString error;
    const std::optional<ListQuery> query = ListQuery::parse(kind, {{key, value}}, &error);
    QVERIFY2(query.has_value(), qPrintable(error));
    QCOMPARE(query->filters.size(), 1);
    const ListQuery::Filter &filter = query->filters.first();
    QCOMPARE(filter.key, key);
    QCOMPARE(filter.column, column);
    QCOMPARE(filter.match, match);
    QCOMPARE(filter.values, QStringList{value}); // kept verbatim; the store binds it
}

void Tst_ListQuery::repeatedKeysCollectValues()
{
    QString error;
    const std::optional<ListQuery> query = parse(
        ListKind::Runs,
        QStringLiteral("status=RUNNING&alias=a&status=QUEUED&cluster=c1&alias=b&status=PENDING&cluster_name=c2"),
        &error);
    QVERIFY2(query.has_value(), qPrintable(error));
    QCOMPARE(query->filters.size(), 4);

    const ListQuery::Filter *status = filterOf(*query, QStringLiteral("status"));
    QVERIFY(status);
    QCOMPARE(status->values,
             QStringList({QStringLiteral("RUNNING"), QStringLiteral("QUEUED"), QStringLiteral("PENDING")}));
    QCOMPARE(status->match, ListQuery::Match::Exact);

    const ListQuery::Filter *alias = filterOf(*query, QStringLiteral("alias"));
    QVERIFY(alias);
    QCOMPARE(alias->values, QStringList({QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(alias->match, ListQuery::Match::Substring);

    // cluster and cluster_name filter the same column but are echoed apart.
    const ListQuery::Filter *cluster = filterOf(*query, QStringLiteral("cluster"));
    const ListQuery::Filter *clusterName = filterOf(*query, QStringLiteral("cluster_name"));
    QVERIFY(cluster && clusterName);
    QCOMPARE(cluster->column, QStringLiteral("cluster"));
    QCOMPARE(clusterName->column, QStringLiteral("cluster"));
    QCOMPARE(cluster->values, QStringList{QStringLiteral("c1")});
    QCOMPARE(clusterName->values, QStringList{QStringLiteral("c2")});

    // Filters keep the order of their first appearance.
    QCOMPARE(query->filters.at(0).key, QStringLiteral("status"));
    QCOMPARE(query->filters.at(1).key, QStringLiteral("alias"));

    // The same value twice is harmless.
    const std::optional<ListQuery> twice = parse(ListKind::Definitions, QStringLiteral("group_name=g&group_name=g"),
                                                 &error);
    QVERIFY2(twice.has_value(), qPrintable(error));
    QCOMPARE(twice->filters.size(), 1);
}

void Tst_ListQuery::repeatedKeyInAnotherCase()
{
    // Keys match case-insensitively, so status=..&STATUS=.. repeats one key,
    // which means "any of" (§6). Two separate filters are ANDed by the store,
    // which no run can ever satisfy with two different exact values.
    QString error;
    const std::optional<ListQuery> query = parse(ListKind::Runs, QStringLiteral("status=RUNNING&STATUS=QUEUED"), &error);
    QVERIFY2(query.has_value(), qPrintable(error));
    QCOMPARE(query->filters.size(), 1);
}

void Tst_ListQuery::keysCaseInsensitiveEchoedAsSent()
{
    QString error;
    const std::optional<ListQuery> query = parse(
        ListKind::Runs,
        QStringLiteral("GROUP_NAME=g&Cluster_Name=c&Sort_By=Started_At&ORDER=DESC&Started_At_Since=2026-11-27T07:01:26Z"
                       "&ENV=A|b&Limit=5&OFFSET=1"),
        &error);
    QVERIFY2(query.has_value(), qPrintable(error));
    QCOMPARE(query->limit, 5);
    QCOMPARE(query->offset, 1);
    QCOMPARE(query->sortBy, QStringLiteral("started_at"));
    QCOMPARE(query->sortColumn, QStringLiteral("started_at"));
    QCOMPARE(query->descending, true);

    QCOMPARE(query->filters.size(), 2);
    QCOMPARE(query->filters.at(0).key, QStringLiteral("GROUP_NAME"));
    QCOMPARE(query->filters.at(0).column, QStringLiteral("group_name"));
    QCOMPARE(query->filters.at(1).key, QStringLiteral("Cluster_Name"));
    QCOMPARE(query->filters.at(1).column, QStringLiteral("cluster"));

    QCOMPARE(query->timeBounds.size(), 1);
    QCOMPARE(query->timeBounds.first().key, QStringLiteral("Started_At_Since"));
    QCOMPARE(query->timeBounds.first().column, QStringLiteral("started_at"));

    QCOMPARE(query->envFilters.size(), 1);
    QCOMPARE(query->envFilters.first(), (QPair<QString, QString>(QStringLiteral("A"), QStringLiteral("b"))));

    // Values are never case-folded.
    const std::optional<ListQuery> alias = parse(ListKind::Definitions, QStringLiteral("ALIAS=Hello"), &error);
    QVERIFY2(alias.has_value(), qPrintable(error));
    QCOMPARE(alias->filters.first().values, QStringList{QStringLiteral("Hello")});
}

void Tst_ListQuery::statusValues()
{
    for (const char *status : {"QUEUED", "PENDING", "RUNNING", "STOPPED", "NEEDS_RETRY"}) {
        QString error;
        const std::optional<ListQuery> query = ListQuery::parse(ListKind::Runs,
                                                                {{QStringLiteral("status"),
                                                                  QString::fromLatin1(status)}},
                                                                &error);
        QVERIFY2(query.has_value(), qPrintable(error));
        QCOMPARE(query->filters.first().values, QStringList{QString::fromLatin1(status)});
    }
}

void Tst_ListQuery::envFilters()
{
    QString error;
    const std::optional<ListQuery> query = ListQuery::parse(ListKind::Definitions,
                                                            {{QStringLiteral("env"),
                                                              QStringLiteral("USERNAME|flotilla")},
                                                             {QStringLiteral("env"), QStringLiteral("EMPTY|")},
                                                             {QStringLiteral("env"), QStringLiteral("PIPE|a|b")},
                                                             {QStringLiteral("env"), QStringLiteral("EQ|x=y")}},
                                                            &error);
    QVERIFY2(query.has_value(), qPrintable(error));
    using Pair = QPair<QString, QString>;
    QCOMPARE(query->envFilters, (QList<Pair>{{QStringLiteral("USERNAME"), QStringLiteral("flotilla")},
                                             {QStringLiteral("EMPTY"), QString()},
                                             {QStringLiteral("PIPE"), QStringLiteral("a|b")},
                                             {QStringLiteral("EQ"), QStringLiteral("x=y")}}));
    QVERIFY(query->filters.isEmpty()); // env is not a column filter
}

void Tst_ListQuery::envLastValueWins()
{
    QString error;
    const std::optional<ListQuery> query = parse(ListKind::Runs,
                                                 QStringLiteral("env=A|1&env=B|2&env=A|3&env=C|4&env=B|5"), &error);
    QVERIFY2(query.has_value(), qPrintable(error));
    using Pair = QPair<QString, QString>;
    // One pair per name, in first-seen order, with the name's last value.
    QCOMPARE(query->envFilters, (QList<Pair>{{QStringLiteral("A"), QStringLiteral("3")},
                                             {QStringLiteral("B"), QStringLiteral("5")},
                                             {QStringLiteral("C"), QStringLiteral("4")}}));

    // Names are case-sensitive, as environment variables are.
    const std::optional<ListQuery> cased = parse(ListKind::Runs, QStringLiteral("env=a|1&env=A|2"), &error);
    QVERIFY2(cased.has_value(), qPrintable(error));
    QCOMPARE(cased->envFilters.size(), 2);
}

void Tst_ListQuery::timeBounds_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("column");
    QTest::addColumn<bool>("since");
    QTest::addColumn<qint64>("msecs");

    QTest::newRow("started_at_since") << QStringLiteral("started_at_since") << QStringLiteral("2026-11-27T07:01:26Z")
                                      << QStringLiteral("started_at") << true << msecs("2026-11-27T07:01:26Z");
    QTest::newRow("started_at_until") << QStringLiteral("started_at_until") << QStringLiteral("2026-11-27T07:01:26.5Z")
                                      << QStringLiteral("started_at") << false << msecs("2026-11-27T07:01:26.500Z");
    QTest::newRow("finished_at_since") << QStringLiteral("finished_at_since")
                                       << QStringLiteral("2026-11-27T09:01:26.123+02:00")
                                       << QStringLiteral("finished_at") << true << msecs("2026-11-27T07:01:26.123Z");
    QTest::newRow("finished_at_until") << QStringLiteral("finished_at_until")
                                       << QStringLiteral("2024-05-01T12:00:00.123456789-07:00")
                                       << QStringLiteral("finished_at") << false << msecs("2024-05-01T19:00:00.123Z");
    QTest::newRow("queued_at_since") << QStringLiteral("queued_at_since") << QStringLiteral("1970-01-01T00:00:00Z")
                                     << QStringLiteral("queued_at") << true << qint64(0);
    QTest::newRow("queued_at_until") << QStringLiteral("queued_at_until") << QStringLiteral("2026-11-27T07:01:26z")
                                     << QStringLiteral("queued_at") << false << msecs("2026-11-27T07:01:26Z");
    QTest::newRow("key in upper case") << QStringLiteral("QUEUED_AT_UNTIL") << QStringLiteral("2026-11-27T07:01:26Z")
                                       << QStringLiteral("queued_at") << false << msecs("2026-11-27T07:01:26Z");
}

void Tst_ListQuery::timeBounds()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, column);
    QFETCH(bool, since);
    QFETCH(qint64, msecs);

    QString error;
    const std::optional<ListQuery> query = ListQuery::parse(ListKind::Runs, {{key, value}}, &error);
    QVERIFY2(query.has_value(), qPrintable(error));
    QVERIFY(query->filters.isEmpty());
    QCOMPARE(query->timeBounds.size(), 1);
    const ListQuery::TimeBound &bound = query->timeBounds.first();
    QCOMPARE(bound.key, key);
    QCOMPARE(bound.column, column);
    QCOMPARE(bound.since, since);
    QCOMPARE(bound.msecsSinceEpoch, msecs);
    QCOMPARE(bound.text, value);
}

void Tst_ListQuery::severalTimeBounds()
{
    QString error;
    const std::optional<ListQuery> query = parse(
        ListKind::Runs,
        QStringLiteral("started_at_since=2026-11-27T00:00:00Z&started_at_until=2026-11-28T00:00:00Z"
                       "&finished_at_until=2026-11-29T00:00:00Z"),
        &error);
    QVERIFY2(query.has_value(), qPrintable(error));
    QCOMPARE(query->timeBounds.size(), 3);
    QVERIFY(query->timeBounds.at(0).since);
    QVERIFY(!query->timeBounds.at(1).since);
    QCOMPARE(query->timeBounds.at(1).column, QStringLiteral("started_at"));
    QCOMPARE(query->timeBounds.at(2).column, QStringLiteral("finished_at"));
    QVERIFY(query->timeBounds.at(0).msecsSinceEpoch < query->timeBounds.at(1).msecsSinceEpoch);
}

void Tst_ListQuery::namesKind()
{
    QString error;
    const std::optional<ListQuery> query = parse(ListKind::Names, QStringLiteral("name=ex&limit=10&offset=2&name=te"),
                                                 &error);
    QVERIFY2(query.has_value(), qPrintable(error));
    QCOMPARE(query->limit, 10);
    QCOMPARE(query->offset, 2);
    QVERIFY(query->sortBy.isEmpty());
    QVERIFY(query->envFilters.isEmpty());
    QVERIFY(query->timeBounds.isEmpty());
    QCOMPARE(query->filters.size(), 1);
    const ListQuery::Filter &name = query->filters.first();
    QCOMPARE(name.key, QStringLiteral("name"));
    QCOMPARE(name.column, QStringLiteral("name"));
    QCOMPARE(name.match, ListQuery::Match::Substring);
    QCOMPARE(name.values, QStringList({QStringLiteral("ex"), QStringLiteral("te")}));
}

void Tst_ListQuery::addExactFilter()
{
    QString error;
    std::optional<ListQuery> query = parse(ListKind::Runs, QStringLiteral("status=RUNNING"), &error);
    QVERIFY2(query.has_value(), qPrintable(error));
    query->addExactFilter(QStringLiteral("definition_id"), QStringLiteral("definition_id"), QStringLiteral("d-1"));
    QCOMPARE(query->filters.size(), 2);
    const ListQuery::Filter &added = query->filters.last();
    QCOMPARE(added.key, QStringLiteral("definition_id"));
    QCOMPARE(added.column, QStringLiteral("definition_id"));
    QCOMPARE(added.match, ListQuery::Match::Exact);
    QCOMPARE(added.values, QStringList{QStringLiteral("d-1")});
}

QTEST_GUILESS_MAIN(Tst_ListQuery)
#include "tst_listquery.moc"
