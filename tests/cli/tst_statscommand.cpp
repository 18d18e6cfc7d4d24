// StatsCommand against a real control plane holding a known history
// (knownhistory.h): the figures worked out by hand, as fields and as JSON,
// by id and by alias, --last, and the usage errors.
#include "commandtesting.h"
#include "knownhistory.h"
#include "storefill.h"
#include "testserver.h"

#include <cli/statscommand.h>
#include <client/flotillaclient.h>

#include <QDir>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_StatsCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void figuresOfTheKnownHistory();
    void json();
    void lastTakesTheNewest();
    void noRunsYet();
    void usageErrors_data();
    void usageErrors();
    void unknownDefinition();

private:
    CommandResult run(const QStringList &arguments) { return runCommand(StatsCommand(), arguments, m_client.get()); }

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FlotillaClient> m_client;
};

void Tst_StatsCommand::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(QDir().mkpath(m_server->dataDir()));
    Definition idle = knownHistoryDefinition();
    idle.definitionId = QStringLiteral("idle-0003");
    idle.alias = QStringLiteral("idle");
    const QString error = storeRuns(m_server->dataDir() + QStringLiteral("/flotilla.sqlite"),
                                    {knownHistoryDefinition(), idle}, knownHistoryRuns());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QString startError;
    QVERIFY2(m_server->start(&startError), qPrintable(startError));
    m_client = std::make_unique<FlotillaClient>(m_server->url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server->token()));
}

void Tst_StatsCommand::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
}

void Tst_StatsCommand::figuresOfTheKnownHistory()
{
    for (const QString &key : {knownHistoryDefinition().alias, knownHistoryDefinition().definitionId}) {
        const CommandResult result = run({key});
        QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
        QCOMPARE(result.out, QStringLiteral("Runs:            9\n"
                                            "Success rate:    55.6% (5 of 9)\n"
                                            "Median duration: 1m 45s\n"
                                            "p90 duration:    6m 30s\n"
                                            "Max duration:    10m 00s\n"
                                            "Max memory:      512 MB\n"));
    }
}

void Tst_StatsCommand::json()
{
    const CommandResult result = run(
        {QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("nightly-etl")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const Json json = parseJson(result.out);
    QCOMPARE(json["count"].get<qint64>(), 9);
    QCOMPARE(json["succeeded"].get<qint64>(), 5);
    QCOMPARE(json["success_rate"].get<double>(), 5.0 / 9.0);
    QCOMPARE(json["median_duration_ms"].get<qint64>(), 105000);
    QCOMPARE(json["p90_duration_ms"].get<qint64>(), 390000);
    QCOMPARE(json["max_duration_ms"].get<qint64>(), 600000);
    QCOMPARE(json["max_memory_mb"].get<qint64>(), 512);
}

void Tst_StatsCommand::lastTakesTheNewest()
{
    // The last four: day 6 (stopped, 300 s), 7 (150 s), 8 (600 s, 200 MB), 9 (never started).
    const CommandResult result = run({QStringLiteral("nightly-etl"), QStringLiteral("--last"), QStringLiteral("4")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.out, QStringLiteral("Runs:            4\n"
                                        "Success rate:    50.0% (2 of 4)\n"
                                        "Median duration: 5m 00s\n"
                                        "p90 duration:    9m 00s\n"
                                        "Max duration:    10m 00s\n"
                                        "Max memory:      200 MB\n"));
}

void Tst_StatsCommand::noRunsYet()
{
    const CommandResult result = run({QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("idle")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const Json json = parseJson(result.out);
    QCOMPARE(json["count"].get<qint64>(), 0);
    QVERIFY(json["success_rate"].is_null());
    QVERIFY(json["median_duration_ms"].is_null());
    QVERIFY(json["max_memory_mb"].is_null());
}

void Tst_StatsCommand::usageErrors_data()
{
    QTest::addColumn<QString>("last");
    for (const char *bad : {"0", "-3", "1001", "ten", "2.5", ""})
        QTest::newRow(bad) << QString::fromLatin1(bad);
}

void Tst_StatsCommand::usageErrors()
{
    QFETCH(QString, last);
    const CommandResult result = run({QStringLiteral("nightly-etl"), QStringLiteral("--last"), last});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(QStringLiteral("--last takes a whole number from 1 to 1000; got \"%1\"").arg(last)),
             qPrintable(result.describe()));
    QVERIFY(result.out.isEmpty());
}

void Tst_StatsCommand::unknownDefinition()
{
    const CommandResult result = run({QStringLiteral("no-such-job")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(QStringLiteral("no-such-job")), qPrintable(result.describe()));
}

QTEST_GUILESS_MAIN(Tst_StatsCommand)
#include "tst_statscommand.moc"
