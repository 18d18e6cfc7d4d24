// RunListReader: the SAX path for run lists must decode every body it takes
// exactly as RunList::fromJson does, and leave every body that needs the
// tolerant DOM path (warnings, problems, duplicate keys) to it.
#include "testpaths.h"
#include <wire/runlistreader.h>

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Flotilla;

namespace {

std::string fixtureText(const QString &name)
{
    QFile file(TestPaths::fixturesDir() + u'/' + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(name));
    return file.readAll().toStdString();
}

// Everything a RunList holds, as text to compare.
QString dumped(const RunList &list)
{
    Json history = Json::array();
    for (const Run &run : list.history)
        history.push_back(run.toJson());
    const Json json = {{"history", history},
                       {"total", list.page.total},
                       {"limit", list.page.limit},
                       {"offset", list.page.offset},
                       {"sort_by", toUtf8(list.page.sortBy)},
                       {"order", toUtf8(list.page.order)}};
    return toQString(json.dump(2));
}

struct DomResult
{
    bool isObject = false;
    RunList list;
    QStringList warnings;
};

DomResult readWithDom(const std::string &body)
{
    DomResult result;
    const Json json = Json::parse(body, nullptr, false);
    result.isObject = !json.is_discarded() && json.is_object();
    if (result.isObject)
        result.list = RunList::fromJson(json, &result.warnings);
    return result;
}

// One quoted JSON string; keeps the test bodies free of escaped quotes.
std::string q(const char *text)
{
    return Json(text).dump();
}

std::string listOf(const std::string &runs)
{
    return "{" + q("history") + ":[" + runs + "]," + q("total") + ":2}";
}

} // namespace

class Tst_RunListReader final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fixtures_data();
    void fixtures();
    void regular_data();
    void regular();
    void irregular_data();
    void irregular();
    void sharesRepeatedStrings();
};

void Tst_RunListReader::fixtures_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("takenBySax"); // run and run list bodies are regular: the fast path must not give up on them

    const QStringList names = QDir(TestPaths::fixturesDir()).entryList({QStringLiteral("*.json")}, QDir::Files);
    QVERIFY(names.size() > 10);
    for (const QString &name : names) {
        const std::string text = fixtureText(name);
        const bool isList = name.startsWith(QStringLiteral("run-list-"));
        const bool isRun = name.startsWith(QStringLiteral("run-")) && !isList;
        QTest::addRow("%s", qPrintable(name)) << QByteArray::fromStdString(text) << (isRun || isList);
        QTest::addRow("%s as the runs of a list", qPrintable(name))
            << QByteArray::fromStdString(listOf(text + "," + text)) << isRun;
    }
}

// The whole rule, on every upstream body: the SAX path decodes exactly the
// bodies the DOM path decodes without a word, and to the same RunList.
void Tst_RunListReader::fixtures()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, takenBySax);
    const std::string text = body.toStdString();

    const DomResult dom = readWithDom(text);
    const std::optional<RunList> sax = RunListReader::read(text);
    QVERIFY(!takenBySax || sax.has_value());
    if (!dom.isObject || !dom.warnings.isEmpty()) {
        QVERIFY2(!sax.has_value(), qPrintable(dom.warnings.join(u"; ")));
        return;
    }
    QVERIFY(sax.has_value());
    QCOMPARE(dumped(*sax), dumped(dom.list));
}

void Tst_RunListReader::regular_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("runs");

    const auto add = [](const char *name, const std::string &body, int runs) {
        QTest::newRow(name) << QByteArray::fromStdString(body) << runs;
    };
    add("empty object", "{}", 0);
    add("null history", "{" + q("history") + ":null," + q("total") + ":0}", 0);
    add("empty history", listOf(""), 0);
    add("keys in any case",
        listOf("{" + q("RUN_ID") + ":" + q("r1") + "," + q("Status") + ":" + q("STOPPED") + "," + q("Exit_Code")
               + ":-1," + q("ENV") + ":[{" + q("Name") + ":" + q("A") + "," + q("VALUE") + ":" + q("1") + "}],"
               + q("Instance") + ":{" + q("DNS_name") + ":" + q("h") + "}}"),
        1);
    add("nulls are absent",
        listOf("{" + q("run_id") + ":null," + q("status") + ":null," + q("exit_code") + ":null," + q("queued_at")
               + ":null," + q("env") + ":null," + q("instance") + ":null," + q("memory") + ":null}"),
        1);
    add("null inside env and instance",
        listOf("{" + q("env") + ":[{" + q("name") + ":null," + q("value") + ":null}]," + q("instance") + ":{"
               + q("instance_id") + ":null}}"),
        1);
    add("unknown keys that hold known names",
        "{" + q("engine") + ":[" + q("eks") + "]," + q("env_filters") + ":{" + q("history") + ":[1,2]}," + q("history")
            + ":[{" + q("spark") + ":{" + q("run_id") + ":" + q("no") + "," + q("env") + ":[{" + q("name") + ":3}]},"
            + q("run_id") + ":" + q("yes") + "," + q("pods") + ":[[{" + q("status") + ":7}]]" + "," + q("flag")
            + ":true," + q("ratio") + ":0.5," + q("huge") + ":18446744073709551615}]," + q("total") + ":1}",
        1);
    add("unknown keys in env entries and instance",
        listOf("{" + q("env") + ":[{" + q("name") + ":" + q("A") + "," + q("secret") + ":{" + q("x") + ":[]},"
               + q("value") + ":" + q("1") + "}]," + q("instance") + ":{" + q("zone") + ":[" + q("a") + "],"
               + q("dns_name") + ":" + q("h") + "}}"),
        1);
    add("every time form",
        listOf("{" + q("queued_at") + ":" + q("2024-05-01T12:00:00.123456789-07:00") + "," + q("started_at") + ":"
               + q("2024-05-01 12:00:31Z") + "," + q("finished_at") + ":" + q("2024-05-01t12:01:00.5+05:30") + "}"),
        1);
    add("largest integers", listOf("{" + q("memory") + ":9223372036854775807," + q("cpu") + ":-9223372036854775808}"),
        1);
    add("text that needs decoding",
        listOf("{" + q("alias") + ":" + q("caf\u00e9 \u2603 \\u00e9") + "," + q("command") + ":"
               + q("echo \\\"hi\\\"\\n") + "}"),
        1);
    add("two runs", listOf("{" + q("run_id") + ":" + q("a") + "},{" + q("run_id") + ":" + q("b") + "}"), 2);
}

void Tst_RunListReader::regular()
{
    QFETCH(QByteArray, body);
    QFETCH(int, runs);
    const std::string text = body.toStdString();

    const DomResult dom = readWithDom(text);
    QVERIFY(dom.isObject);
    QCOMPARE(dom.warnings, QStringList());
    const std::optional<RunList> sax = RunListReader::read(text);
    QVERIFY(sax.has_value());
    QCOMPARE(sax->history.size(), runs);
    QCOMPARE(dumped(*sax), dumped(dom.list));
}

void Tst_RunListReader::irregular_data()
{
    QTest::addColumn<QByteArray>("body");

    const auto add = [](const char *name, const std::string &body) {
        QTest::newRow(name) << QByteArray::fromStdString(body);
    };
    add("empty", "");
    add("not JSON", "<html>502</html>");
    add("truncated", listOf("{" + q("run_id") + ":" + q("a") + "}").substr(0, 20));
    add("trailing garbage", "{}x");
    add("an array", "[]");
    add("a string", q("history"));
    add("history is an object", "{" + q("history") + ":{}}");
    add("history is a string", "{" + q("history") + ":" + q("none") + "}");
    add("a run is null", listOf("null"));
    add("a run is a number", listOf("1"));
    add("a run is an array", listOf("[]"));
    add("total is a string", "{" + q("total") + ":" + q("7") + "}");
    add("limit is a fraction", "{" + q("limit") + ":7.5}");
    add("offset is too big", "{" + q("offset") + ":9223372036854775808}");
    add("sort_by is a number", "{" + q("sort_by") + ":1}");
    add("run_id is a number", listOf("{" + q("run_id") + ":1}"));
    add("alias is an object", listOf("{" + q("alias") + ":{}}"));
    add("image is an array", listOf("{" + q("image") + ":[]}"));
    add("user is true", listOf("{" + q("user") + ":true}"));
    add("unknown status", listOf("{" + q("status") + ":" + q("DONE") + "}"));
    add("lower-case status", listOf("{" + q("status") + ":" + q("stopped") + "}"));
    add("exit_code is a string", listOf("{" + q("exit_code") + ":" + q("1") + "}"));
    add("memory is a fraction", listOf("{" + q("memory") + ":1.5}"));
    add("cpu is too big", listOf("{" + q("cpu") + ":18446744073709551615}"));
    add("bad time", listOf("{" + q("started_at") + ":" + q("yesterday") + "}"));
    add("time is a number", listOf("{" + q("queued_at") + ":1700000000}"));
    add("env is an object", listOf("{" + q("env") + ":{}}"));
    add("env entry is null", listOf("{" + q("env") + ":[null]}"));
    add("env entry is a string", listOf("{" + q("env") + ":[" + q("A=1") + "]}"));
    add("env name is a number", listOf("{" + q("env") + ":[{" + q("name") + ":1}]}"));
    add("instance is a string", listOf("{" + q("instance") + ":" + q("h") + "}"));
    add("instance_id is a number", listOf("{" + q("instance") + ":{" + q("instance_id") + ":1}}"));
    // Last key wins in the DOM path, in any spelling: left to it.
    add("run key twice", listOf("{" + q("alias") + ":" + q("a") + "," + q("ALIAS") + ":" + q("b") + "}"));
    add("run key then null", listOf("{" + q("alias") + ":" + q("a") + "," + q("alias") + ":null}"));
    add("list key twice", "{" + q("total") + ":1," + q("Total") + ":2}");
    add("history twice", "{" + q("history") + ":[{}]," + q("HISTORY") + ":[]}");
    add("env key twice",
        listOf("{" + q("env") + ":[{" + q("name") + ":" + q("A") + "," + q("name") + ":" + q("B") + "}]}"));
    add("instance key twice",
        listOf("{" + q("instance") + ":{" + q("dns_name") + ":" + q("a") + "," + q("Dns_Name") + ":" + q("b") + "}}"));
}

void Tst_RunListReader::irregular()
{
    QFETCH(QByteArray, body);
    QVERIFY(!RunListReader::read(body.toStdString()).has_value());
}

void Tst_RunListReader::sharesRepeatedStrings()
{
    const std::string run = "{" + q("run_id") + ":" + q("r") + "," + q("image") + ":" + q("ubuntu:latest") + ","
                            + q("env") + ":[{" + q("name") + ":" + q("LOG_LEVEL") + "," + q("value") + ":" + q("info")
                            + "}]}";
    const std::optional<RunList> list = RunListReader::read(listOf(run + "," + run));
    QVERIFY(list.has_value());
    QCOMPARE(list->history.size(), 2);
    const Run &first = list->history.at(0);
    const Run &second = list->history.at(1);
    QCOMPARE(second.image, QStringLiteral("ubuntu:latest"));
    QVERIFY(first.image.isSharedWith(second.image));
    QVERIFY(first.env.at(0).name.isSharedWith(second.env.at(0).name));
    QVERIFY(first.env.at(0).value.isSharedWith(second.env.at(0).value));
    // Run ids are unique: decoded per run, never pooled.
    QVERIFY(!first.runId.isSharedWith(second.runId));
}

QTEST_GUILESS_MAIN(Tst_RunListReader)
#include "tst_runlistreader.moc"
