// RunCommands: launch, runs, run, logs and stop against a real control
// plane (runs execute as local processes), and logs against an imitation of
// a 2018 ("seed-era") upstream server, which pages its log with last_seen
// and ignores raw_text.
#include "commandtesting.h"
#include "fixtureserver.h"
#include "jsoncompare.h"
#include "testserver.h"

#include <cli/runcommands.h>
#include <cli/templatecommands.h>
#include <client/flotillaclient.h>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

const QByteArray seedToken = "f/32797019482293329766487489112145098696112137148578922496";
const QByteArray seedNextToken = "f/32797019482293329766487489112145098696112137148578922999";

// The seed era's CloudWatch paging for run1: the fixture's page, one more,
// then the same token and nothing new. raw_text is ignored, as it was.
std::optional<FixtureResponse> seedEraLogs(const FixtureRequest &request)
{
    if (request.path == "/api/v1/run1/logs") {
        const QByteArray token = request.query.queryItemValue(QStringLiteral("last_seen"), QUrl::FullyDecoded).toUtf8();
        if (token.isEmpty())
            return FixtureResponse::json(FixtureServer::fixture(QStringLiteral("logs-seed-era.json")));
        if (token == seedToken)
            return FixtureResponse::json("{\"last_seen\":\"" + seedNextToken + "\",\"log\":\"line 4\\nline 5\"}");
        return FixtureResponse::json("{\"last_seen\":\"" + token + "\",\"log\":\"\"}");
    }
    if (request.path == "/api/v1/history/run1")
        return FixtureResponse::json(FixtureServer::fixture(QStringLiteral("run-stopped-seed-era.json")));
    return std::nullopt;
}

const QString seedEraLog = QStringLiteral(
    "+ set -e\n+ echo 'hello yourusername'\nhello yourusername\nline 4\nline 5\n");

} // namespace

class Tst_RunCommands final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void commandsInHelpOrder();
    void launchFollowEndsWithTheRunsExitCode();
    void showRunEndsWithANewline();
    void logsOfTheControlPlane();
    void runsByStatusAndDefinition();
    void stopARunningRun();
    void stopSeveralRuns();
    void stopReportsEachRunThatFailed();
    void stopByDefinitionAndStatusNeedsYes();
    void stopUsageErrors_data();
    void stopUsageErrors();
    void launchUsageErrors();
    void seedEraLogsArePagedNotJson();
    void seedEraLogsAsJson();
    void seedEraLogsFollow();
    void runsFinishedSinceAndUntil();
    void launchSendsResourcesAndPlacement();
    void launchResourceUsageErrors_data();
    void launchResourceUsageErrors();
    void showRunPrintsResourcesAndLastEvents();
    void eventsOfAnUpstreamRun();
    void eventsFollowUntilStopped();
    void eventsOfTheControlPlane();

private:
    CommandResult run(RunCommands::Action action, const QStringList &arguments, FlotillaClient *client = nullptr)
    {
        return runCommand(RunCommands(action), arguments, client ? client : m_client.get(), [](Invocation &invocation) {
            ServerProfile profile;
            profile.ownerId = QStringLiteral("run-tester");
            invocation.setProfile(profile);
        });
    }
    QString createDefinition(const QString &alias, const QString &command);
    QString launchedRunId(const CommandResult &result) const;
    // Launches `count` runs of `definitionId` and waits until each is RUNNING.
    QStringList runningRuns(const QString &definitionId, int count);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FlotillaClient> m_client;
    QString m_helloId;
};

void Tst_RunCommands::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_client = std::make_unique<FlotillaClient>(m_server->url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server->token()));
    m_helloId = createDefinition(QStringLiteral("rc-hello"), QStringLiteral("echo hello $NAME"));
    QVERIFY(!m_helloId.isEmpty());
}

void Tst_RunCommands::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
}

QString Tst_RunCommands::createDefinition(const QString &alias, const QString &command)
{
    HttpTestClient http(*m_server);
    return Testing::createDefinition(http, Json{{"alias", toUtf8(alias)},
                                                {"image", "none"},
                                                {"group_name", "rc"},
                                                {"command", toUtf8(command)}});
}

QString Tst_RunCommands::launchedRunId(const CommandResult &result) const
{
    return QRegularExpression(QStringLiteral("launched run (\\S+)")).match(result.err).captured(1);
}

void Tst_RunCommands::commandsInHelpOrder()
{
    QStringList names;
    for (const auto &command : RunCommands::commands())
        names << command->name();
    QCOMPARE(names, (QStringList{QStringLiteral("launch"), QStringLiteral("runs"), QStringLiteral("run"),
                                 QStringLiteral("events"), QStringLiteral("logs"), QStringLiteral("stop")}));
}

void Tst_RunCommands::launchFollowEndsWithTheRunsExitCode()
{
    CommandResult result = run(RunCommands::Action::Launch,
                               {QStringLiteral("rc-hello"), QStringLiteral("--cluster"), QStringLiteral("local"),
                                QStringLiteral("--env"), QStringLiteral("NAME=world"), QStringLiteral("--follow")});
    QVERIFY2(result.ended && result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.out, QStringLiteral("hello world\n"));
    QVERIFY2(!launchedRunId(result).isEmpty(), qPrintable(result.describe()));

    createDefinition(QStringLiteral("rc-exit3"), QStringLiteral("exit 3"));
    result = run(RunCommands::Action::Launch, {QStringLiteral("rc-exit3"), QStringLiteral("--cluster"),
                                               QStringLiteral("local"), QStringLiteral("--follow")});
    QVERIFY2(result.ended && result.exitCode == 3, qPrintable(result.describe()));
}

// Defect 13: the fields of one run end with a newline, as a shell prompt expects.
void Tst_RunCommands::showRunEndsWithANewline()
{
    CommandResult result = run(RunCommands::Action::Launch,
                               {m_helloId, QStringLiteral("--cluster"), QStringLiteral("local"),
                                QStringLiteral("--env"), QStringLiteral("NAME=shown"), QStringLiteral("--follow")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QString runId = launchedRunId(result);

    result = run(RunCommands::Action::Show, {runId});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const auto field = [&result](const QString &name, const QString &value) {
        return result.out.contains(
            QRegularExpression(QStringLiteral("^%1:\\s+%2$").arg(name, value), QRegularExpression::MultilineOption));
    };
    QVERIFY2(field(QStringLiteral("Run ID"), runId), qPrintable(result.describe()));
    QVERIFY2(field(QStringLiteral("Status"), QStringLiteral("STOPPED")), qPrintable(result.describe()));
    QVERIFY2(field(QStringLiteral("User"), QStringLiteral("run-tester")), qPrintable(result.describe()));
    QVERIFY2(result.out.endsWith(u'\n') && !result.out.endsWith(QStringLiteral("\n\n")), qPrintable(result.describe()));

    result = run(RunCommands::Action::Show, {QStringLiteral("--output"), QStringLiteral("json"), runId});
    QVERIFY2(result.exitCode == 0 && result.out.endsWith(QStringLiteral("}\n")), qPrintable(result.describe()));
    QCOMPARE(parseJson(result.out)["exit_code"].get<int>(), 0);

    result = run(RunCommands::Action::Show, {QStringLiteral("no-such-run")});
    QVERIFY2(result.exitCode == 1 && result.err.contains(QStringLiteral("not found")) && result.out.isEmpty(),
             qPrintable(result.describe()));
}

void Tst_RunCommands::logsOfTheControlPlane()
{
    CommandResult result = run(RunCommands::Action::Launch,
                               {m_helloId, QStringLiteral("--cluster"), QStringLiteral("local"),
                                QStringLiteral("--env"), QStringLiteral("NAME=logs"), QStringLiteral("--follow")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QString runId = launchedRunId(result);
    result = run(RunCommands::Action::Logs, {runId});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.out, QStringLiteral("hello logs\n"));
    result = run(RunCommands::Action::Logs, {QStringLiteral("--output"), QStringLiteral("json"), runId});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(parseJson(result.out)["log"].get<std::string>(), std::string("hello logs\n"));
    result = run(RunCommands::Action::Logs, {runId, QStringLiteral("--follow")});
    QVERIFY2(result.exitCode == 0 && result.out == QStringLiteral("hello logs\n"), qPrintable(result.describe()));
    result = run(RunCommands::Action::Logs, {QStringLiteral("no-such-run"), QStringLiteral("--follow")});
    QVERIFY2(result.ended && result.exitCode == 1 && result.err.contains(QStringLiteral("not found")),
             qPrintable(result.describe()));
}

void Tst_RunCommands::runsByStatusAndDefinition()
{
    const CommandResult launched = run(RunCommands::Action::Launch,
                                       {m_helloId, QStringLiteral("--cluster"), QStringLiteral("local"),
                                        QStringLiteral("--follow")});
    QVERIFY2(launched.exitCode == 0, qPrintable(launched.describe()));
    CommandResult result = run(RunCommands::Action::List, {QStringLiteral("--status"), QStringLiteral("stopped")});
    QVERIFY2(result.exitCode == 0 && result.out.startsWith(QStringLiteral("RUN ID")), qPrintable(result.describe()));
    QVERIFY2(result.out.contains(QStringLiteral("rc-hello")), qPrintable(result.describe()));

    result = run(RunCommands::Action::List,
                 {QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("--definition"), m_helloId,
                  QStringLiteral("--limit"), QStringLiteral("1")});
    const Json runs = parseJson(result.out);
    QVERIFY2(result.exitCode == 0 && runs.is_array() && runs.size() == 1, qPrintable(result.describe()));
    QCOMPARE(toQString(runs[0]["definition_id"].get<std::string>()), m_helloId);

    result = run(RunCommands::Action::List, {QStringLiteral("--status"), QStringLiteral("DONE")});
    QVERIFY2(result.exitCode == 2 && result.err.contains(QStringLiteral("--status takes one of")),
             qPrintable(result.describe()));
}

void Tst_RunCommands::stopARunningRun()
{
    createDefinition(QStringLiteral("rc-sleep"), QStringLiteral("sleep 30"));
    CommandResult result = run(RunCommands::Action::Launch,
                               {QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("rc-sleep"),
                                QStringLiteral("--cluster"), QStringLiteral("local")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QString runId = toQString(parseJson(result.out)["run_id"].get<std::string>());
    HttpTestClient http(*m_server);
    QCOMPARE(waitForStatus(http, runId, "RUNNING")["status"].get<std::string>(), std::string("RUNNING"));
    result = run(RunCommands::Action::Stop, {runId});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.out, QStringLiteral("stopped %1\n").arg(runId));
    QCOMPARE(waitForStatus(http, runId, "STOPPED")["status"].get<std::string>(), std::string("STOPPED"));
}

QStringList Tst_RunCommands::runningRuns(const QString &definitionId, int count)
{
    HttpTestClient http(*m_server);
    QStringList runIds;
    for (int i = 0; i < count; ++i)
        runIds.append(toQString(launch(http, definitionId).value("run_id", "")));
    for (const QString &runId : std::as_const(runIds))
        waitForStatus(http, runId, "RUNNING");
    return runIds;
}

void Tst_RunCommands::stopSeveralRuns()
{
    const QStringList runIds = runningRuns(createDefinition(QStringLiteral("rc-stop-many"),
                                                            QStringLiteral("sleep 600")),
                                           3);
    const CommandResult result = run(RunCommands::Action::Stop, runIds);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    // Each reported, in the order given.
    QCOMPARE(result.out, QStringLiteral("stopped %1\nstopped %2\nstopped %3\n").arg(runIds[0], runIds[1], runIds[2]));
    HttpTestClient http(*m_server);
    for (const QString &runId : runIds)
        QCOMPARE(waitForStatus(http, runId, "STOPPED").value("exit_reason", ""),
                 std::string("Task terminated by user"));
}

void Tst_RunCommands::stopReportsEachRunThatFailed()
{
    const QStringList running = runningRuns(createDefinition(QStringLiteral("rc-stop-partly"),
                                                             QStringLiteral("sleep 600")),
                                            1);
    const QString unknown = QStringLiteral("00000000-0000-4000-8000-000000000000");
    CommandResult result = run(RunCommands::Action::Stop, {unknown, running[0]});
    QVERIFY2(result.exitCode == 1, qPrintable(result.describe()));
    QCOMPARE(result.out, QStringLiteral("stopped %1\n").arg(running[0]));
    QVERIFY2(result.err.contains(QStringLiteral("flotilla: %1 not stopped: ").arg(unknown))
                 && result.err.contains(QStringLiteral("HTTP 404"))
                 && result.err.contains(QStringLiteral("1 of 2 runs not stopped")),
             qPrintable(result.describe()));
    HttpTestClient http(*m_server);
    waitForStatus(http, running[0], "STOPPED");

    // A run that has stopped already: the server's 400, in JSON too.
    result = run(RunCommands::Action::Stop, {QStringLiteral("--output"), QStringLiteral("json"), running[0]});
    QVERIFY2(result.exitCode == 1, qPrintable(result.describe()));
    const Json answer = parseJson(result.out);
    QCOMPARE(answer.value("terminated", true), false);
    QVERIFY2(answer.value("error", "").find("HTTP 400") != std::string::npos, qPrintable(result.describe()));
}

void Tst_RunCommands::stopByDefinitionAndStatusNeedsYes()
{
    const QString definitionId = createDefinition(QStringLiteral("rc-stop-matching"), QStringLiteral("sleep 600"));
    HttpTestClient http(*m_server);
    // One run that has ended, which must stay out of it.
    const QString ended = runningRuns(definitionId, 1).constFirst();
    QCOMPARE(run(RunCommands::Action::Stop, {ended}).exitCode, 0);
    waitForStatus(http, ended, "STOPPED");
    const QStringList runIds = runningRuns(definitionId, 3);

    CommandResult result = run(RunCommands::Action::Stop,
                               {QStringLiteral("--definition"), QStringLiteral("rc-stop-matching"),
                                QStringLiteral("--status"), QStringLiteral("RUNNING")});
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY2(result.err.contains(QStringLiteral("3 runs of rc-stop-matching with status RUNNING"))
                 && result.err.contains(QStringLiteral("add --yes")),
             qPrintable(result.describe()));
    for (const QString &runId : runIds)
        QVERIFY2(result.out.contains(runId), qPrintable(result.describe()));
    QVERIFY(!result.out.contains(ended));
    for (const QString &runId : runIds)
        QCOMPARE(http.get(QStringLiteral("/api/v1/history/") + runId).json().value("status", ""),
                 std::string("RUNNING"));

    // By id this time, statuses as a comma list.
    result = run(RunCommands::Action::Stop, {QStringLiteral("--definition"), definitionId, QStringLiteral("--status"),
                                             QStringLiteral("running,queued"), QStringLiteral("--yes")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.err.contains(QStringLiteral("3 runs of rc-stop-matching with status RUNNING or QUEUED")),
             qPrintable(result.describe()));
    QCOMPARE(result.out.count(QStringLiteral("stopped ")), 3);
    for (const QString &runId : runIds) {
        QVERIFY2(result.out.contains(QStringLiteral("stopped %1\n").arg(runId)), qPrintable(result.describe()));
        waitForStatus(http, runId, "STOPPED");
    }

    result = run(RunCommands::Action::Stop, {QStringLiteral("--definition"), definitionId, QStringLiteral("--yes")});
    QVERIFY2(result.exitCode == 0 && result.out.isEmpty(), qPrintable(result.describe()));
    QVERIFY2(result.err.contains(QStringLiteral("0 runs of rc-stop-matching")), qPrintable(result.describe()));
}

void Tst_RunCommands::stopUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("nothing") << QStringList() << QStringLiteral("RUN_IDs or --definition");
    QTest::newRow("both") << QStringList{QStringLiteral("run1"), QStringLiteral("--definition"), QStringLiteral("d")}
                          << QStringLiteral("RUN_IDs or --definition");
    QTest::newRow("status without definition")
        << QStringList{QStringLiteral("run1"), QStringLiteral("--status"), QStringLiteral("RUNNING")}
        << QStringLiteral("--status goes with --definition");
    QTest::newRow("yes without definition") << QStringList{QStringLiteral("run1"), QStringLiteral("--yes")}
                                            << QStringLiteral("--yes goes with --definition");
    QTest::newRow("unknown status") << QStringList{QStringLiteral("--definition"), QStringLiteral("d"),
                                                   QStringLiteral("--status"), QStringLiteral("RUNNING,DONE")}
                                    << QStringLiteral("--status takes one of");
    QTest::newRow("stopped") << QStringList{QStringLiteral("--definition"), QStringLiteral("d"),
                                            QStringLiteral("--status"), QStringLiteral("stopped")}
                             << QStringLiteral("have stopped already");
}

void Tst_RunCommands::stopUsageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const CommandResult result = run(RunCommands::Action::Stop, arguments);
    QVERIFY2(result.exitCode == 2 && result.err.contains(message), qPrintable(result.describe()));
}

void Tst_RunCommands::launchUsageErrors()
{
    CommandResult result = run(RunCommands::Action::Launch,
                               {QStringLiteral("x"), QStringLiteral("--env"), QStringLiteral("NOEQUALS")});
    QVERIFY2(result.exitCode == 2 && result.err.contains(QStringLiteral("NAME=VALUE")), qPrintable(result.describe()));
    result = run(RunCommands::Action::Launch, {QStringLiteral("no-such-definition")});
    QVERIFY2(result.exitCode == 1 && result.err.contains(QStringLiteral("not found")), qPrintable(result.describe()));
}

// Defect 1: a seed-era server ignores raw_text and answers with its first
// JSON page; logs printed that JSON. It pages with last_seen instead.
void Tst_RunCommands::seedEraLogsArePagedNotJson()
{
    FixtureServer seedEra;
    QVERIFY(seedEra.listen());
    seedEra.setHandler(seedEraLogs);
    FlotillaClient client(seedEra.url(), ServerFlavour::SeedEra);
    const CommandResult result = run(RunCommands::Action::Logs, {QStringLiteral("run1")}, &client);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(!result.out.contains(QStringLiteral("last_seen")), qPrintable(result.describe()));
    QCOMPARE(result.out, seedEraLog);
}

void Tst_RunCommands::seedEraLogsAsJson()
{
    FixtureServer seedEra;
    QVERIFY(seedEra.listen());
    seedEra.setHandler(seedEraLogs);
    FlotillaClient client(seedEra.url(), ServerFlavour::SeedEra);
    const CommandResult result = run(RunCommands::Action::Logs,
                                     {QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("run1")},
                                     &client);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(toQString(parseJson(result.out)["log"].get<std::string>()), seedEraLog);
}

void Tst_RunCommands::seedEraLogsFollow()
{
    FixtureServer seedEra;
    QVERIFY(seedEra.listen());
    seedEra.setHandler(seedEraLogs);
    FlotillaClient client(seedEra.url(), ServerFlavour::SeedEra);
    const CommandResult result = run(RunCommands::Action::Logs, {QStringLiteral("run1"), QStringLiteral("--follow")},
                                     &client);
    QCOMPARE(result.out, seedEraLog);
    // The fixture run stopped with exit code 0.
    QVERIFY2(result.ended && result.exitCode == 0, qPrintable(result.describe()));
}

void Tst_RunCommands::runsFinishedSinceAndUntil()
{
    const CommandResult launched = run(RunCommands::Action::Launch,
                                       {m_helloId, QStringLiteral("--cluster"), QStringLiteral("local"),
                                        QStringLiteral("--follow")});
    QVERIFY2(launched.exitCode == 0, qPrintable(launched.describe()));
    const QString runId = launchedRunId(launched);
    const auto listed = [this](const QStringList &filters) {
        const CommandResult result = run(RunCommands::Action::List,
                                         QStringList{QStringLiteral("--output"), QStringLiteral("json")} + filters);
        QStringList ids;
        for (const Json &item : parseJson(result.out))
            ids << toQString(item["run_id"].get<std::string>());
        return ids;
    };
    QVERIFY(listed({QStringLiteral("--finished-until"), QStringLiteral("2999-01-01T00:00:00Z")}).contains(runId));
    QVERIFY(listed({QStringLiteral("--finished-since"), QStringLiteral("2000-01-01T00:00:00+02:00")}).contains(runId));
    QVERIFY(!listed({QStringLiteral("--finished-since"), QStringLiteral("2999-01-01T00:00:00Z")}).contains(runId));
    QVERIFY(!listed({QStringLiteral("--finished-until"), QStringLiteral("2000-01-01T00:00:00Z")}).contains(runId));

    const CommandResult bad = run(RunCommands::Action::List,
                                  {QStringLiteral("--finished-until"), QStringLiteral("yesterday")});
    QVERIFY2(bad.exitCode == 2 && bad.err.contains(u"--finished-until takes an RFC 3339 time")
                 && bad.err.contains(u"\"yesterday\""),
             qPrintable(bad.describe()));
}

void Tst_RunCommands::launchSendsResourcesAndPlacement()
{
    FixtureServer upstream;
    QVERIFY(upstream.listen());
    upstream.serveFixture("PUT", "/api/v6/task/d/execute", QStringLiteral("run-queued-head.json"));
    FlotillaClient client(upstream.url(), ServerFlavour::CurrentUpstream);
    const CommandResult result = run(RunCommands::Action::Launch,
                                     {QStringLiteral("d"), QStringLiteral("--cpu"), QStringLiteral("2048"),
                                      QStringLiteral("--memory"), QStringLiteral("4096"), QStringLiteral("--engine"),
                                      QStringLiteral("eks"), QStringLiteral("--node-lifecycle"),
                                      QStringLiteral("OnDemand")},
                                     &client);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const Json body = Json::parse(upstream.requests().constLast().body.toStdString());
    JSON_COMPARE(body["cpu"], 2048);
    JSON_COMPARE(body["memory"], 4096);
    JSON_COMPARE(body["engine"], "eks");
    JSON_COMPARE(body["node_lifecycle"], "ondemand");
    QVERIFY(!body.contains("gpu"));
    const QString help = RunCommands(RunCommands::Action::Launch).helpText();
    for (const char *option : {"--cpu <UNITS>", "--memory <MB>", "--engine <E>", "--node-lifecycle <L>"})
        QVERIFY2(help.contains(QLatin1String(option)), option);
}

void Tst_RunCommands::launchResourceUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("error");
    QTest::newRow("lifecycle") << QStringList{QStringLiteral("--node-lifecycle"), QStringLiteral("sometimes")}
                               << QStringLiteral("--node-lifecycle takes ondemand or spot; got \"sometimes\"");
    QTest::newRow("cpu") << QStringList{QStringLiteral("--cpu=-1")}
                         << QStringLiteral("--cpu takes a whole number >= 0; got \"-1\"");
    QTest::newRow("memory") << QStringList{QStringLiteral("--memory"), QStringLiteral("lots")}
                            << QStringLiteral("--memory takes a whole number >= 0; got \"lots\"");
    QTest::newRow("engine") << QStringList{QStringLiteral("--engine"), QStringLiteral(" ")}
                            << QStringLiteral("--engine takes an engine's name");
}

// launch and launch-template share the parsing; nothing reaches a server.
void Tst_RunCommands::launchResourceUsageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, error);
    FlotillaClient nowhere(QUrl(QStringLiteral("http://127.0.0.1:9")), ServerFlavour::ControlPlane);
    CommandResult result = run(RunCommands::Action::Launch, QStringList{QStringLiteral("d")} + arguments, &nowhere);
    QVERIFY2(result.exitCode == 2 && result.err.contains(error), qPrintable(result.describe()));
    result = runCommand(TemplateCommands(TemplateCommands::Action::Launch),
                        QStringList{QStringLiteral("t")} + arguments, &nowhere, [](Invocation &invocation) {
                            ServerProfile profile;
                            profile.ownerId = QStringLiteral("run-tester");
                            invocation.setProfile(profile);
                        });
    QVERIFY2(result.exitCode == 2 && result.err.contains(error), qPrintable(result.describe()));
}

namespace {

const QByteArray eksRunId = "eks-3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d";

} // namespace

void Tst_RunCommands::showRunPrintsResourcesAndLastEvents()
{
    FixtureServer upstream;
    QVERIFY(upstream.listen());
    upstream.serveFixture("GET", "/api/v6/history/" + eksRunId, QStringLiteral("run-running-eks-usage-head.json"));
    FlotillaClient client(upstream.url(), ServerFlavour::CurrentUpstream);
    const CommandResult result = run(RunCommands::Action::Show, {QString::fromLatin1(eksRunId)}, &client);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const auto field = [&result](const QString &name, const QString &value) {
        return result.out.contains(
            QRegularExpression(QStringLiteral("^%1:\\s+%2$").arg(name, QRegularExpression::escape(value)),
                               QRegularExpression::MultilineOption));
    };
    QVERIFY2(field(QStringLiteral("Memory"), QStringLiteral("512 MB requested, 512 MB limit, 387 MB max used")),
             qPrintable(result.out));
    QVERIFY2(field(QStringLiteral("CPU"), QStringLiteral("512 requested, 512 limit, 431 max used")),
             qPrintable(result.out));
    QVERIFY2(field(QStringLiteral("Engine"), QStringLiteral("eks")), qPrintable(result.out));
    QVERIFY2(field(QStringLiteral("Node lifecycle"), QStringLiteral("spot")), qPrintable(result.out));
    QVERIFY2(field(QStringLiteral("Attempts"), QStringLiteral("1")), qPrintable(result.out));
    QVERIFY2(!result.out.contains(QStringLiteral("GPU:")), qPrintable(result.out)); // not sent
    const QString events = result.out.mid(result.out.indexOf(QStringLiteral("Events")));
    QVERIFY2(events.startsWith(QStringLiteral("Events (last 5 of 7):\n")), qPrintable(result.out));
    QCOMPARE(events.count(u'\n'), 6);
    QVERIFY2(!events.contains(u"FailedScheduling"), qPrintable(events)); // older than the last five
    QVERIFY2(events.endsWith(QStringLiteral("  2024-05-01T12:00:31Z  Normal   Started  Started container %1\n")
                                 .arg(QString::fromLatin1(eksRunId))),
             qPrintable(events));
}

void Tst_RunCommands::eventsOfAnUpstreamRun()
{
    FixtureServer upstream;
    QVERIFY(upstream.listen());
    upstream.serveFixture("GET", "/api/v6/" + eksRunId + "/events", QStringLiteral("events-head.json"));
    upstream.serveFixture("GET", "/api/v1/history/run1", QStringLiteral("run-stopped-seed-era.json"));
    FlotillaClient client(upstream.url(), ServerFlavour::CurrentUpstream);
    CommandResult result = run(RunCommands::Action::Events, {QString::fromLatin1(eksRunId)}, &client);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QStringList lines = result.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 7);
    QCOMPARE(lines.first(), QStringLiteral("2024-05-01T12:00:01Z  Warning  FailedScheduling  0/12 nodes are available: "
                                           "12 Insufficient memory."));
    QVERIFY2(lines[1].contains(u"3->4"), qPrintable(lines[1]));

    result = run(RunCommands::Action::Events,
                 {QStringLiteral("--output"), QStringLiteral("json"), QString::fromLatin1(eksRunId)}, &client);
    const Json answer = parseJson(result.out);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    JSON_COMPARE(answer["total"], 7);
    JSON_COMPARE(answer["pod_events"][6]["reason"], "Started");

    // A seed-era server has no /events and its runs carry none.
    FlotillaClient seedEra(upstream.url(), ServerFlavour::SeedEra);
    result = run(RunCommands::Action::Events, {QStringLiteral("run1")}, &seedEra);
    QVERIFY2(result.exitCode == 0 && result.out.isEmpty(), qPrintable(result.describe()));
    QCOMPARE(upstream.count("GET", "/api/v1/run1/events"), 0);
}

// The events come in two steps while the run runs; each is printed once.
void Tst_RunCommands::eventsFollowUntilStopped()
{
    FixtureServer upstream;
    QVERIFY(upstream.listen());
    int runReads = 0;
    upstream.setHandler([&runReads](const FixtureRequest &request) -> std::optional<FixtureResponse> {
        if (request.path == "/api/v6/history/" + eksRunId) {
            ++runReads;
            return FixtureResponse::json(FixtureServer::fixture(runReads < 3
                                                                    ? QStringLiteral("run-running-eks-usage-head.json")
                                                                    : QStringLiteral("run-stopped-head.json")));
        }
        if (request.path == "/api/v6/" + eksRunId + "/events") {
            Json events = Json::parse(FixtureServer::fixture(QStringLiteral("events-head.json")).toStdString());
            if (runReads < 2) // the first three so far
                events["pod_events"].erase(events["pod_events"].begin() + 3, events["pod_events"].end());
            return FixtureResponse::json(QByteArray::fromStdString(events.dump()));
        }
        return std::nullopt; // no /status: the whole run each time
    });
    FlotillaClient client(upstream.url(), ServerFlavour::CurrentUpstream);
    const CommandResult result = run(RunCommands::Action::Events,
                                     {QString::fromLatin1(eksRunId), QStringLiteral("--follow")}, &client);
    QVERIFY2(result.ended && result.exitCode == 0, qPrintable(result.describe()));
    const QStringList lines = result.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 7);
    QVERIFY(lines.first().contains(u"FailedScheduling"));
    QVERIFY(lines.last().contains(u"Started"));
    QVERIFY(runReads >= 3);
}

void Tst_RunCommands::eventsOfTheControlPlane()
{
    createDefinition(QStringLiteral("rc-brief"), QStringLiteral("sleep 0.3"));
    CommandResult result = run(RunCommands::Action::Launch,
                               {QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("rc-brief"),
                                QStringLiteral("--cluster"), QStringLiteral("local")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QString runId = toQString(parseJson(result.out)["run_id"].get<std::string>());
    result = run(RunCommands::Action::Events, {runId, QStringLiteral("--follow")});
    QVERIFY2(result.ended && result.exitCode == 0, qPrintable(result.describe()));
    const QStringList followed = result.out.split(u'\n', Qt::SkipEmptyParts);
    QVERIFY2(!followed.isEmpty(), qPrintable(result.describe()));
    result = run(RunCommands::Action::Events, {runId});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.out.split(u'\n', Qt::SkipEmptyParts), followed); // nothing twice, nothing missed
    result = run(RunCommands::Action::Show, {runId});
    QVERIFY2(result.out.contains(QStringLiteral("\nEvents")), qPrintable(result.describe()));
}

QTEST_GUILESS_MAIN(Tst_RunCommands)
#include "tst_runcommands.moc"
