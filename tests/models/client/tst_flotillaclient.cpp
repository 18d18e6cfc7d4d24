// FlotillaClient and its jobs: every call against a real control plane, the
// upstream flavours against an imitation serving real upstream bodies, and
// the failure cases (silence, refusal, 4xx/5xx, retries).
#include "awaitjob.h"
#include "fixtureserver.h"
#include "jsoncompare.h"
#include "testpaths.h"
#include "testserver.h"

#include <client/flavourdetectionjob.h>
#include <client/flotillaclient.h>

#include <QLoggingCategory>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QThreadPool>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

Json bodyOf(const FixtureRequest &request)
{
    return Json::parse(request.body.toStdString(), nullptr, false);
}

// The messages of the flotilla.client category while it is alive.
class ClientLog final
{
public:
    ClientLog()
    {
        s_messages.clear();
        m_previous = qInstallMessageHandler(&ClientLog::handle);
        QLoggingCategory::setFilterRules(QStringLiteral("flotilla.client.info=true"));
    }
    ~ClientLog()
    {
        qInstallMessageHandler(m_previous);
        QLoggingCategory::setFilterRules({});
    }
    static QList<std::pair<QtMsgType, QString>> messages() { return s_messages; }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        if (qstrcmp(context.category, "flotilla.client") == 0)
            s_messages.append({type, message});
    }

    static inline QList<std::pair<QtMsgType, QString>> s_messages;
    QtMessageHandler m_previous = nullptr;
};

} // namespace

class Tst_FlotillaClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    // our control plane
    void detectsControlPlane();
    void definitionCalls();
    void runCalls();
    void logsAndTerminate();
    void metadataCalls();
    void serverErrorsAreVerbatim();
    void bearerTokenIsSent();
    void eventsAndStatusOfControlPlaneRuns();

    // upstream imitations
    void detectsCurrentUpstream();
    void detectsSeedEra();
    void currentUpstreamBodies();
    void seedEraBodies();
    void templateCallsAgainstCurrentUpstream();
    void eventsAndStatusAgainstCurrentUpstream();
    void whoServesEventsAndStatus();
    void unknownFieldsSurviveARoundTrip();
    void launchRoutesPerFlavour();
    void plainText404AndJson500AreVerbatim();
    void everyFixtureIsAccepted_data();
    void everyFixtureIsAccepted();
    void queryValuesAreEncoded();

    // failures
    void silentServerTimesOut();
    void abortFinishesAsCancelled();
    void bigAnswersParseOffTheUiThread();
    void abortWinsOverABackgroundParse();
    void getsRetryOnUnavailable();
    void failuresAndRetriesAreLogged();
    void writesNeverRetry();
    void refusedConnectionIsATransportError();
    void autoDeleteAfterFinished();

private:
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FlotillaClient> m_client;
    std::unique_ptr<FixtureServer> m_fake;

    void startControlPlane();
    void startFake(ServerFlavour flavour);
};

void Tst_FlotillaClient::init()
{
    m_server.reset();
    m_client.reset();
    m_fake.reset();
}

void Tst_FlotillaClient::cleanup()
{
    m_client.reset();
    m_server.reset();
    m_fake.reset();
}

void Tst_FlotillaClient::startControlPlane()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    m_client = std::make_unique<FlotillaClient>(m_server->url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server->token()));
    m_client->setTimeout(10000);
}

void Tst_FlotillaClient::startFake(ServerFlavour flavour)
{
    m_fake = std::make_unique<FixtureServer>();
    QVERIFY(m_fake->listen());
    m_client = std::make_unique<FlotillaClient>(m_fake->url(), flavour);
    m_client->setTimeout(5000);
}

static Definition sampleDefinition(const QString &alias, const QString &command = QStringLiteral("echo hello"))
{
    Definition definition;
    definition.alias = alias;
    definition.groupName = QStringLiteral("client");
    definition.image = QStringLiteral("none");
    definition.command = command;
    definition.memory = 64;
    definition.env = {{QStringLiteral("A"), QStringLiteral("1")}};
    definition.tags = {QStringLiteral("t1")};
    return definition;
}

void Tst_FlotillaClient::detectsControlPlane()
{
    startControlPlane();
    m_client->setFlavour(ServerFlavour::Auto);
    auto *job = await(m_client->detectFlavour());
    QVERIFY2(job->succeeded(), qPrintable(job->error().sentence()));
    QCOMPARE(job->result(), ServerFlavour::ControlPlane);
    QCOMPARE(m_client->flavour(), ServerFlavour::ControlPlane);
}

void Tst_FlotillaClient::definitionCalls()
{
    startControlPlane();
    auto *created = await(m_client->createDefinition(sampleDefinition(QStringLiteral("greeter"))));
    QVERIFY2(created->succeeded(), qPrintable(created->error().sentence()));
    const Definition definition = created->result();
    QVERIFY(definition.definitionId.startsWith(u"client-"));
    QCOMPARE(definition.alias, QStringLiteral("greeter"));
    QCOMPARE(definition.memory, 64);
    QCOMPARE(definition.tags, QStringList{QStringLiteral("t1")});

    auto *fetched = await(m_client->definition(definition.definitionId));
    QVERIFY(fetched->succeeded());
    QCOMPARE(fetched->result().command, QStringLiteral("echo hello"));
    QCOMPARE(fetched->result().env.value(0).name, QStringLiteral("A"));

    auto *byAlias = await(m_client->definitionByAlias(QStringLiteral("greeter")));
    QVERIFY(byAlias->succeeded());
    QCOMPARE(byAlias->result().definitionId, definition.definitionId);

    QVERIFY(await(m_client->createDefinition(sampleDefinition(QStringLiteral("other"))))->succeeded());
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("alias"), QStringLiteral("greet"));
    auto *list = await(m_client->listDefinitions(query));
    QVERIFY(list->succeeded());
    QCOMPARE(list->result().page.total, 1);
    QCOMPARE(list->result().definitions.value(0).alias, QStringLiteral("greeter"));
    auto *all = await(m_client->listDefinitions());
    QCOMPARE(all->result().definitions.size(), 2);

    Definition changed = fetched->result();
    changed.command = QStringLiteral("echo changed");
    changed.memory = 128;
    auto *updated = await(m_client->updateDefinition(changed));
    QVERIFY2(updated->succeeded(), qPrintable(updated->error().sentence()));
    QCOMPARE(updated->result().command, QStringLiteral("echo changed"));
    QCOMPARE(updated->result().memory, 128);
    QCOMPARE(updated->result().definitionId, definition.definitionId);

    auto *taken = await(m_client->createDefinition(sampleDefinition(QStringLiteral("greeter"))));
    QVERIFY(!taken->succeeded());
    QCOMPARE(taken->error().httpStatus(), 409);
    QVERIFY(!taken->error().serverMessage().isEmpty());

    auto *deleted = await(m_client->deleteDefinition(definition.definitionId));
    QVERIFY(deleted->succeeded());
    QVERIFY(deleted->result());
    auto *gone = await(m_client->definition(definition.definitionId));
    QCOMPARE(gone->error().httpStatus(), 404);
    QCOMPARE(gone->error().serverMessage(),
             QStringLiteral("Definition with ID %1 not found").arg(definition.definitionId));
}

void Tst_FlotillaClient::runCalls()
{
    startControlPlane();
    const Definition definition = await(m_client->createDefinition(sampleDefinition(QStringLiteral("runner"))))->result();
    LaunchRequest request;
    request.ownerId = QStringLiteral("alice");
    request.env = {{QStringLiteral("GREETING"), QStringLiteral("hi")}};
    auto *launched = await(m_client->launch(definition.definitionId, request));
    QVERIFY2(launched->succeeded(), qPrintable(launched->error().sentence()));
    const Run run = launched->result();
    QCOMPARE(run.status, RunStatus::Queued);
    QCOMPARE(run.user, QStringLiteral("alice"));
    QCOMPARE(run.cluster, QStringLiteral("local"));
    QVERIFY(run.env.contains(EnvVar{QStringLiteral("GREETING"), QStringLiteral("hi")}));

    request.ownerId = QStringLiteral("bob");
    request.command = QStringLiteral("echo by alias");
    auto *byAlias = await(m_client->launchByAlias(QStringLiteral("runner"), request));
    QVERIFY2(byAlias->succeeded(), qPrintable(byAlias->error().sentence()));
    QCOMPARE(byAlias->result().user, QStringLiteral("bob"));
    QCOMPARE(byAlias->result().command, QStringLiteral("echo by alias"));

    auto *one = await(m_client->run(run.runId));
    QVERIFY(one->succeeded());
    QCOMPARE(one->result().runId, run.runId);

    auto *all = await(m_client->listRuns());
    QVERIFY(all->succeeded());
    QCOMPARE(all->result().page.total, 2);
    QUrlQuery byUser;
    byUser.addQueryItem(QStringLiteral("user"), QStringLiteral("bob"));
    auto *filtered = await(m_client->listRuns(byUser, definition.definitionId));
    QVERIFY(filtered->succeeded());
    QCOMPARE(filtered->result().history.size(), 1);
    QCOMPARE(filtered->result().history.value(0).user, QStringLiteral("bob"));

    LaunchRequest badCluster;
    badCluster.ownerId = QStringLiteral("alice");
    badCluster.cluster = QStringLiteral("nowhere");
    auto *refused = await(m_client->launch(definition.definitionId, badCluster));
    QCOMPARE(refused->error().httpStatus(), 400);
    QVERIFY(refused->error().serverMessage().contains(u"local"));
    QCOMPARE(refused->attempts(), 1);
}

void Tst_FlotillaClient::logsAndTerminate()
{
    startControlPlane();
    const Definition quick = await(m_client->createDefinition(sampleDefinition(QStringLiteral("talker"),
                                                                               QStringLiteral("echo one; echo two"))))
                                 ->result();
    LaunchRequest request;
    request.ownerId = QStringLiteral("alice");
    const Run run = await(m_client->launch(quick.definitionId, request))->result();
    QTRY_VERIFY_WITH_TIMEOUT(await(m_client->run(run.runId))->result().status == RunStatus::Stopped, 20000);

    auto *first = await(m_client->logs(run.runId));
    QVERIFY(first->succeeded());
    QCOMPARE(first->result().log, QStringLiteral("one\ntwo\n"));
    QVERIFY(first->result().lastSeen.has_value());
    auto *again = await(m_client->logs(run.runId, *first->result().lastSeen));
    QVERIFY(again->succeeded());
    QCOMPARE(again->result().log, QString());
    QCOMPARE(again->result().lastSeen, first->result().lastSeen);
    auto *raw = await(m_client->rawLog(run.runId));
    QVERIFY(raw->succeeded());
    QCOMPARE(raw->result(), QByteArray("one\ntwo\n"));
    auto *badToken = await(m_client->logs(run.runId, QStringLiteral("forged")));
    QCOMPARE(badToken->error().httpStatus(), 400);
    QVERIFY(badToken->error().serverMessage().contains(u"forged"));

    const Definition sleeper = await(m_client->createDefinition(
                                         sampleDefinition(QStringLiteral("sleeper"), QStringLiteral("sleep 60"))))
                                   ->result();
    const Run longRun = await(m_client->launch(sleeper.definitionId, request))->result();
    auto *terminated = await(m_client->terminate(sleeper.definitionId, longRun.runId));
    QVERIFY2(terminated->succeeded(), qPrintable(terminated->error().sentence()));
    QVERIFY(terminated->result().terminated);
    QVERIFY(terminated->result().run.has_value());
    QCOMPARE(terminated->result().run->runId, longRun.runId);
    QTRY_VERIFY_WITH_TIMEOUT(await(m_client->run(longRun.runId))->result().status == RunStatus::Stopped, 20000);
    auto *twice = await(m_client->terminate(sleeper.definitionId, longRun.runId));
    QCOMPARE(twice->error().httpStatus(), 400);
    QCOMPARE(twice->attempts(), 1);
}

void Tst_FlotillaClient::metadataCalls()
{
    startControlPlane();
    Definition tagged = sampleDefinition(QStringLiteral("tagged"));
    tagged.groupName = QStringLiteral("alpha");
    tagged.tags = {QStringLiteral("red"), QStringLiteral("blue")};
    QVERIFY(await(m_client->createDefinition(tagged))->succeeded());
    auto *groups = await(m_client->groups());
    QVERIFY(groups->succeeded());
    QCOMPARE(groups->result().names, QStringList{QStringLiteral("alpha")});
    QUrlQuery name;
    name.addQueryItem(QStringLiteral("name"), QStringLiteral("re"));
    auto *tags = await(m_client->tags(name));
    QVERIFY(tags->succeeded());
    QCOMPARE(tags->result().names, QStringList{QStringLiteral("red")});
    auto *clusters = await(m_client->clusters());
    QVERIFY(clusters->succeeded());
    QCOMPARE(clusters->result().clusters, QStringList{QStringLiteral("local")});
}

void Tst_FlotillaClient::serverErrorsAreVerbatim()
{
    startControlPlane();
    Definition invalid;
    invalid.alias = QStringLiteral("a/b");
    auto *job = await(m_client->createDefinition(invalid));
    QCOMPARE(job->error().kind(), ApiError::Kind::Http);
    QCOMPARE(job->error().httpStatus(), 400);
    QVERIFY(job->error().serverMessage().contains(u"image"));
    QVERIFY(job->error().sentence().startsWith(job->error().serverMessage()));
    QUrlQuery bad;
    bad.addQueryItem(QStringLiteral("sort_by"), QStringLiteral("nonsense"));
    auto *list = await(m_client->listRuns(bad));
    QCOMPARE(list->error().httpStatus(), 400);
    QVERIFY(list->error().serverMessage().contains(u"nonsense"));
}

void Tst_FlotillaClient::bearerTokenIsSent()
{
    ControlPlaneOptions options;
    options.token = "s3cret";
    m_server = std::make_unique<TestServer>(options);
    QVERIFY(m_server->start());
    m_client = std::make_unique<FlotillaClient>(m_server->url());
    auto *detect = await(m_client->detectFlavour());
    QCOMPARE(detect->result(), ServerFlavour::ControlPlane);
    auto *refused = await(m_client->clusters());
    QCOMPARE(refused->error().httpStatus(), 401);
    QVERIFY(refused->error().serverMessage().contains(u"Bearer"));
    m_client->setBearerToken(QStringLiteral("s3cret"));
    QVERIFY(await(m_client->clusters())->succeeded());
}

void Tst_FlotillaClient::eventsAndStatusOfControlPlaneRuns()
{
    startControlPlane();
    const Definition definition = await(m_client->createDefinition(sampleDefinition(QStringLiteral("eventful"))))
                                      ->result();
    LaunchRequest request;
    request.ownerId = QStringLiteral("alice");
    const Run run = await(m_client->launch(definition.definitionId, request))->result();
    QTRY_VERIFY_WITH_TIMEOUT(await(m_client->run(run.runId))->result().status == RunStatus::Stopped, 20000);

    auto *events = await(m_client->runEvents(run.runId));
    QVERIFY2(events->succeeded(), qPrintable(events->error().sentence()));
    QVERIFY2(events->warnings().isEmpty(), qPrintable(events->warnings().join(u"; ")));
    QCOMPARE(events->url().path(), QStringLiteral("/api/v1/%1/events").arg(run.runId));
    QVERIFY(!events->result().events.isEmpty());
    QCOMPARE(events->result().total, events->result().events.size());
    for (const PodEvent &event : events->result().events) {
        QVERIFY(event.timestamp.has_value());
        QVERIFY2(event.eventType == u"Normal" || event.eventType == u"Warning", qPrintable(event.eventType));
        QVERIFY(!event.reason.isEmpty());
    }

    auto *status = await(m_client->runStatus(run.runId));
    QVERIFY2(status->succeeded(), qPrintable(status->error().sentence()));
    QCOMPARE(status->url().path(), QStringLiteral("/api/v6/%1/status").arg(run.runId));
    QVERIFY(!status->result().unchanged);
    QVERIFY(!status->result().etag.isEmpty());
    QCOMPARE(status->result().summary.runId, run.runId);
    QCOMPARE(status->result().summary.status, RunStatus::Stopped);
    QCOMPARE(status->result().summary.exitCode, std::optional<qint64>(0));
    auto *unchanged = await(m_client->runStatus(run.runId, status->result().etag));
    QVERIFY2(unchanged->succeeded(), qPrintable(unchanged->error().sentence()));
    QVERIFY(unchanged->result().unchanged);
    QCOMPARE(unchanged->result().etag, status->result().etag);
    auto *stale = await(m_client->runStatus(run.runId, QStringLiteral("\"QUEUED-unknown\"")));
    QVERIFY(!stale->result().unchanged);
    QCOMPARE(stale->result().summary.status, RunStatus::Stopped);

    QCOMPARE(await(m_client->runStatus(QStringLiteral("no-such-run")))->error().httpStatus(), 404);
}

void Tst_FlotillaClient::detectsCurrentUpstream()
{
    startFake(ServerFlavour::Auto);
    m_fake->serve("GET", "/api/v6/health",
                  {200, "application/json; charset=utf-8", "{\"status\":\"healthy\"}\n", false});
    m_fake->serveFixture("GET", "/api/v1/clusters", QStringLiteral("clusters-head.json"));
    auto *job = await(m_client->detectFlavour());
    QVERIFY2(job->succeeded(), qPrintable(job->error().sentence()));
    QCOMPARE(job->result(), ServerFlavour::CurrentUpstream);
    QCOMPARE(m_client->flavour(), ServerFlavour::CurrentUpstream);
    QCOMPARE(m_fake->count("GET", "/api/groups"), 1);
}

void Tst_FlotillaClient::detectsSeedEra()
{
    startFake(ServerFlavour::Auto);
    m_fake->serveFixture("GET", "/api/v1/clusters", QStringLiteral("clusters-seed-era.json"));
    auto *job = await(m_client->detectFlavour());
    QVERIFY2(job->succeeded(), qPrintable(job->error().sentence()));
    QCOMPARE(job->result(), ServerFlavour::SeedEra);

    FixtureServer nothing;
    QVERIFY(nothing.listen());
    m_client->setBaseUrl(nothing.url());
    auto *notFlotilla = await(m_client->detectFlavour());
    QVERIFY(!notFlotilla->succeeded());
    QCOMPARE(notFlotilla->error().serverMessage(), QStringLiteral("404 page not found"));
    QCOMPARE(m_client->flavour(), ServerFlavour::SeedEra); // unchanged by a failed detection
}

void Tst_FlotillaClient::currentUpstreamBodies()
{
    startFake(ServerFlavour::CurrentUpstream);
    m_fake->serveFixture("GET", "/api/v6/task", QStringLiteral("definition-list-head.json"));
    m_fake->serveFixture("GET", "/api/v6/task/examples-3f1c2a2e-6a7b-4c1d-9e55-0d1f2a3b4c5d",
                         QStringLiteral("definition-head.json"));
    m_fake->serveFixture("GET", "/api/v6/history", QStringLiteral("run-list-empty-head.json"));
    m_fake->serveFixture("GET", "/api/v6/history/eks-3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d",
                         QStringLiteral("run-running-head.json"));
    m_fake->serveFixture("GET", "/api/v6/clusters", QStringLiteral("clusters-head.json"));
    m_fake->serveFixture("GET", "/api/v6/groups", QStringLiteral("groups-head.json"));
    m_fake->serveFixture("GET", "/api/v6/eks-3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d/logs", QStringLiteral("logs-head.json"));
    m_fake->serveFixture("DELETE", "/api/v6/task/d/history/r", QStringLiteral("terminated-head.json"));
    m_fake->serveFixture("DELETE", "/api/v6/task/d", QStringLiteral("deleted-head.json"));

    auto *list = await(m_client->listDefinitions());
    QVERIFY2(list->succeeded(), qPrintable(list->error().sentence()));
    QCOMPARE(list->result().definitions.size(), 1);
    QCOMPARE(list->result().definitions[0].alias, QStringLiteral("hello-flotilla"));
    QVERIFY(list->result().definitions[0].tags.isEmpty()); // "tags":[""]

    auto *definition = await(m_client->definition(QStringLiteral("examples-3f1c2a2e-6a7b-4c1d-9e55-0d1f2a3b4c5d")));
    QVERIFY(definition->succeeded());
    QCOMPARE(definition->result().memory, 512);
    QVERIFY(definition->result().unknown.contains("ports"));

    auto *runs = await(m_client->listRuns());
    QVERIFY(runs->succeeded()); // "history":null
    QVERIFY(runs->result().history.isEmpty());

    auto *run = await(m_client->run(QStringLiteral("eks-3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d")));
    QVERIFY(run->succeeded());
    QCOMPARE(run->result().status, RunStatus::Running);
    QCOMPARE(run->result().engine, QStringLiteral("eks"));
    QCOMPARE(run->result().instance.dnsName, QStringLiteral("ip-10-1-2-3.ec2.internal"));

    auto *clusters = await(m_client->clusters());
    QVERIFY(clusters->succeeded());
    QCOMPARE(clusters->result().clusters, QStringList{QStringLiteral("cluster1")});

    auto *groups = await(m_client->groups());
    QVERIFY(groups->succeeded());
    QVERIFY(groups->result().names.isEmpty());

    auto *logs = await(m_client->logs(QStringLiteral("eks-3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d")));
    QVERIFY(logs->succeeded());
    QCOMPARE(logs->result().lastSeen, QStringLiteral("3"));
    QCOMPARE(logs->result().log, QStringLiteral("+ echo 'hello jdoe'\nhello jdoe\n"));

    auto *terminated = await(m_client->terminate(QStringLiteral("d"), QStringLiteral("r")));
    QVERIFY(terminated->succeeded());
    QVERIFY(terminated->result().terminated);
    QVERIFY(!terminated->result().run);

    auto *deleted = await(m_client->deleteDefinition(QStringLiteral("d")));
    QVERIFY(deleted->succeeded());
    QVERIFY(deleted->result());
}

void Tst_FlotillaClient::eventsAndStatusAgainstCurrentUpstream()
{
    startFake(ServerFlavour::CurrentUpstream);
    const QString runId = QStringLiteral("eks-3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d");
    const QByteArray base = "/api/v6/" + runId.toLatin1();
    m_fake->serveFixture("GET", base, QStringLiteral("run-running-eks-usage-head.json"));
    m_fake->serveFixture("GET", "/api/v6/history/" + runId.toLatin1(),
                         QStringLiteral("run-running-eks-usage-head.json"));
    m_fake->serveFixture("GET", base + "/events", QStringLiteral("events-head.json"));
    m_fake->serveFixture("GET", "/api/v6/fresh/events", QStringLiteral("events-empty-head.json"));
    // Upstream's GetRunStatus: the ETag on every answer, 304 when it matches.
    const QByteArray etag = "\"RUNNING-unknown\"";
    m_fake->setAnswerHeader(base + "/status", "ETag", etag);
    m_fake->setHandler([&](const FixtureRequest &request) -> std::optional<FixtureResponse> {
        if (request.path != base + "/status")
            return std::nullopt;
        if (request.headers.value("if-none-match") == etag)
            return FixtureResponse{304, {}, {}, false};
        return FixtureResponse::json(FixtureServer::fixture(QStringLiteral("status-head.json")).trimmed());
    });

    auto *run = await(m_client->run(runId));
    QVERIFY2(run->succeeded(), qPrintable(run->error().sentence()));
    QCOMPARE(run->result().maxMemoryUsed, std::optional<qint64>(387));
    QCOMPARE(run->result().memoryLimit, std::optional<qint64>(512));
    QCOMPARE(run->result().maxCpuUsed, std::optional<qint64>(431));
    QCOMPARE(run->result().cpuLimit, std::optional<qint64>(512));
    QCOMPARE(run->result().attemptCount, std::optional<qint64>(1));
    QCOMPARE(run->result().nodeLifecycle, QStringLiteral("spot"));
    QCOMPARE(run->result().podEvents.size(), 7);

    auto *events = await(m_client->runEvents(runId));
    QVERIFY2(events->succeeded(), qPrintable(events->error().sentence()));
    QVERIFY(events->warnings().isEmpty());
    QCOMPARE(events->url().path(), QString::fromLatin1(base + "/events"));
    QCOMPARE(events->result().total, 7);
    QCOMPARE(events->result().events, run->result().podEvents);
    QCOMPARE(events->result().events.first().reason, QStringLiteral("FailedScheduling"));
    QVERIFY(events->result().events.first().isWarning());
    QCOMPARE(events->result().events.last().timestamp,
             std::optional<QDateTime>(QDateTime(QDate(2024, 5, 1), QTime(12, 0, 31), Qt::UTC)));
    auto *none = await(m_client->runEvents(QStringLiteral("fresh")));
    QVERIFY2(none->succeeded(), qPrintable(none->error().sentence()));
    QCOMPARE(none->result().total, 0);
    QVERIFY(none->result().events.isEmpty()); // "pod_events": null

    auto *status = await(m_client->runStatus(runId));
    QVERIFY2(status->succeeded(), qPrintable(status->error().sentence()));
    QVERIFY(!m_fake->requests().constLast().headers.contains("if-none-match"));
    QVERIFY(!status->result().unchanged);
    QCOMPARE(status->result().etag, QString::fromLatin1(etag));
    const RunStatusSummary &summary = status->result().summary;
    QCOMPARE(summary.runId, runId);
    QCOMPARE(summary.status, RunStatus::Running);
    QCOMPARE(summary.engine, QStringLiteral("eks"));
    QCOMPARE(summary.cluster, QStringLiteral("clusta"));
    QCOMPARE(summary.startedAt, std::optional<QDateTime>(QDateTime(QDate(2024, 5, 1), QTime(12, 0, 31), Qt::UTC)));

    auto *again = await(m_client->runStatus(runId, status->result().etag));
    QVERIFY2(again->succeeded(), qPrintable(again->error().sentence()));
    QCOMPARE(m_fake->requests().constLast().headers.value("if-none-match"), etag);
    QVERIFY(again->result().unchanged);
    QCOMPARE(again->result().etag, QString::fromLatin1(etag)); // kept for the next ask
    QVERIFY(again->result().summary.runId.isEmpty());

    auto *missing = await(m_client->runStatus(QStringLiteral("gone")));
    QCOMPARE(missing->error().httpStatus(), 404);
}

void Tst_FlotillaClient::whoServesEventsAndStatus()
{
    FlotillaClient client(QUrl(QStringLiteral("http://127.0.0.1:1")));
    const QList<std::pair<ServerFlavour, bool>> flavours = {{ServerFlavour::ControlPlane, true},
                                                            {ServerFlavour::CurrentUpstream, true},
                                                            {ServerFlavour::SeedEra, false},
                                                            {ServerFlavour::Auto, false}};
    for (const auto &[flavour, serves] : flavours) {
        client.setFlavour(flavour);
        QCOMPARE(client.servesRunEvents(), serves);
        QCOMPARE(client.servesRunStatus(), serves);
    }
}

void Tst_FlotillaClient::templateCallsAgainstCurrentUpstream()
{
    startFake(ServerFlavour::CurrentUpstream);
    QVERIFY(m_client->servesTemplates());
    m_fake->serveFixture("GET", "/api/v7/template", QStringLiteral("template-list-head.json"));
    m_fake->serveFixture("GET", "/api/v7/template/tpl-0b3e-4d59-8a11-2f6c7d8e9f01",
                         QStringLiteral("template-head.json"));
    m_fake->serveFixture("POST", "/api/v7/template", QStringLiteral("template-created-head.json"));
    m_fake->serveFixture("PUT", "/api/v7/template/tpl-0b3e-4d59-8a11-2f6c7d8e9f01/execute",
                         QStringLiteral("run-template-head.json"));
    m_fake->serveFixture("PUT", "/api/v7/template/name/train-model/version/latest/execute",
                         QStringLiteral("run-template-head.json"));
    m_fake->serveFixture("GET", "/api/v7/template/tpl-0b3e-4d59-8a11-2f6c7d8e9f01/history",
                         QStringLiteral("run-list-empty-head.json"));
    m_fake->serveFixture("DELETE", "/api/v7/template/tpl-0b3e-4d59-8a11-2f6c7d8e9f01/history/r",
                         QStringLiteral("terminated-head.json"));

    QUrlQuery query;
    query.addQueryItem(QStringLiteral("latest_only"), QStringLiteral("false"));
    auto *list = await(m_client->listTemplates(query));
    QVERIFY2(list->succeeded(), qPrintable(list->error().sentence()));
    QCOMPARE(list->result().page.total, 2);
    QCOMPARE(list->result().templates.size(), 2);
    const Template &sweep = list->result().templates[1];
    QCOMPARE(sweep.displayName(), QStringLiteral("sweep v1"));
    QVERIFY(sweep.env.isEmpty()); // "env":null
    QCOMPARE(m_fake->requests().constLast().query.queryItemValue(QStringLiteral("latest_only")),
             QStringLiteral("false"));

    auto *tpl = await(m_client->templateById(QStringLiteral("tpl-0b3e-4d59-8a11-2f6c7d8e9f01")));
    QVERIFY(tpl->succeeded());
    const Template &train = tpl->result();
    QCOMPARE(train.templateName, QStringLiteral("train-model"));
    QCOMPARE(train.version, 3);
    QCOMPARE(train.gpu, 1);
    JSON_COMPARE(train.schema["properties"]["optimizer"]["enum"][1], "sgd");
    JSON_COMPARE(train.defaults["epochs"], 10);
    // Upstream's fields we have no member for come back on a round trip.
    JSON_COMPARE(train.unknown["adaptive_resource_allocation"], true);
    JSON_COMPARE(train.toJson()["adaptive_resource_allocation"], true);

    auto *created = await(m_client->createTemplate(train));
    QVERIFY(created->succeeded());
    QVERIFY(!created->result().didCreate);
    QCOMPARE(created->result().tpl.templateId, train.templateId);
    const Json sent = Json::parse(m_fake->requests().constLast().body.toStdString());
    QVERIFY(!sent.contains("template_id")); // the server names ids and versions
    QVERIFY(!sent.contains("version"));

    TemplateLaunchRequest request;
    request.ownerId = QStringLiteral("jdoe");
    request.payload = Json::parse(R"({"dataset": "s3://bucket/d", "learning_rate": 0.1})");
    auto *launched = await(m_client->launchTemplate(train.templateId, request));
    QVERIFY(launched->succeeded());
    const Run &run = launched->result();
    QVERIFY(run.isTemplateRun());
    QCOMPARE(run.executableId, train.templateId);
    JSON_COMPARE(run.templatePayload["features"][1], "income");
    const Json body = Json::parse(m_fake->requests().constLast().body.toStdString());
    JSON_COMPARE(body["owner_id"], "jdoe"); // top level: v7 has no run_tags
    JSON_COMPARE(body["template_payload"]["learning_rate"], 0.1);

    QVERIFY(await(m_client->launchTemplateByName(QStringLiteral("train-model"), QStringLiteral("latest"), request))
                ->succeeded());
    QVERIFY(await(m_client->listTemplateRuns(train.templateId))->succeeded());
    auto *stopped = await(m_client->terminate(train.templateId, QStringLiteral("r"), true));
    QVERIFY2(stopped->succeeded(), qPrintable(stopped->error().sentence()));
}

void Tst_FlotillaClient::seedEraBodies()
{
    startFake(ServerFlavour::SeedEra);
    m_fake->serveFixture("GET", "/api/v1/task/alias/hello-flotilla", QStringLiteral("definition-seed-era.json"));
    m_fake->serveFixture("GET", "/api/v1/history/553c2489-49af-4a68-4c8c-014bd95e6e30",
                         QStringLiteral("run-stopped-seed-era.json"));
    m_fake->serveFixture("GET", "/api/v1/clusters", QStringLiteral("clusters-seed-era.json"));
    m_fake->serveFixture("GET", "/api/v1/groups", QStringLiteral("groups-seed-era.json"));
    m_fake->serveFixture("GET", "/api/v1/553c2489-49af-4a68-4c8c-014bd95e6e30/logs",
                         QStringLiteral("logs-seed-era.json"));
    m_fake->serveFixture("GET", "/api/v1/queued/logs", QStringLiteral("logs-queued-seed-era.json"));

    auto *definition = await(m_client->definitionByAlias(QStringLiteral("hello-flotilla")));
    QVERIFY2(definition->succeeded(), qPrintable(definition->error().sentence()));
    QCOMPARE(definition->result().definitionId, QStringLiteral("examples-5c042dbe-5895-465e-bb53-c53c07dcd5ea"));
    QVERIFY(definition->result().unknown.contains("arn"));
    QVERIFY(definition->result().unknown.contains("container_name"));

    auto *run = await(m_client->run(QStringLiteral("553c2489-49af-4a68-4c8c-014bd95e6e30")));
    QVERIFY(run->succeeded());
    QCOMPARE(run->result().status, RunStatus::Stopped);
    QCOMPARE(run->result().exitCode, 0);
    QCOMPARE(run->result().env.size(), 4);

    QCOMPARE(await(m_client->clusters())->result().clusters,
             (QStringList{QStringLiteral("default"), QStringLiteral("gpu")}));
    QCOMPARE(await(m_client->groups())->result().names,
             (QStringList{QStringLiteral("examples"), QStringLiteral("testing")}));

    auto *logs = await(m_client->logs(QStringLiteral("553c2489-49af-4a68-4c8c-014bd95e6e30")));
    QVERIFY(logs->succeeded());
    QVERIFY(logs->result().lastSeen->startsWith(u"f/3279"));
    auto *queued = await(m_client->logs(QStringLiteral("queued")));
    QVERIFY(queued->succeeded());
    QVERIFY(!queued->result().lastSeen.has_value());
    QVERIFY(queued->result().log.isEmpty());
}

void Tst_FlotillaClient::unknownFieldsSurviveARoundTrip()
{
    startFake(ServerFlavour::CurrentUpstream);
    m_fake->serveFixture("GET", "/api/v6/task/examples-3f1c2a2e-6a7b-4c1d-9e55-0d1f2a3b4c5d",
                         QStringLiteral("definition-head.json"));
    m_fake->serveFixture("PUT", "/api/v6/task/examples-3f1c2a2e-6a7b-4c1d-9e55-0d1f2a3b4c5d",
                         QStringLiteral("definition-head.json"));
    auto *fetched = await(m_client->definition(QStringLiteral("examples-3f1c2a2e-6a7b-4c1d-9e55-0d1f2a3b4c5d")));
    QVERIFY(fetched->succeeded());
    Definition edited = fetched->result();
    edited.command = QStringLiteral("echo edited");
    auto *saved = await(m_client->updateDefinition(edited));
    QVERIFY2(saved->succeeded(), qPrintable(saved->error().sentence()));
    const Json sent = bodyOf(m_fake->requests().last());
    QVERIFY(sent.contains("ports"));
    QVERIFY(sent["ports"] == Json::array());
    QVERIFY(sent["command"] == "echo edited");
    QVERIFY(sent["memory"] == 512);

    // seed era: arn and container_name come back too
    m_fake->serveFixture("GET", "/api/v6/task/seed", QStringLiteral("definition-seed-era.json"));
    m_fake->serveFixture("PUT", "/api/v6/task/examples-5c042dbe-5895-465e-bb53-c53c07dcd5ea",
                         QStringLiteral("definition-seed-era.json"));
    const Definition seed = await(m_client->definition(QStringLiteral("seed")))->result();
    QVERIFY(await(m_client->updateDefinition(seed))->succeeded());
    const Json seedSent = bodyOf(m_fake->requests().last());
    QVERIFY((seedSent.value("arn", "")
             == "arn:aws:ecs:us-east-1:123456789012:task-definition/examples-5c042dbe-5895-465e-bb53-c53c07dcd5ea:1"));
    QVERIFY(seedSent.contains("container_name"));
}

void Tst_FlotillaClient::launchRoutesPerFlavour()
{
    startFake(ServerFlavour::CurrentUpstream);
    m_fake->serveFixture("PUT", "/api/v6/task/d/execute", QStringLiteral("run-queued-head.json"));
    m_fake->serveFixture("PUT", "/api/v1/task/d/execute", QStringLiteral("run-stopped-seed-era.json"));
    m_fake->serveFixture("PUT", "/api/v4/task/d/execute", QStringLiteral("run-queued-head.json"));
    LaunchRequest request;
    request.ownerId = QStringLiteral("jdoe");
    request.cluster = QStringLiteral("clusta");
    request.env = {{QStringLiteral("USERNAME"), QStringLiteral("jdoe")}};

    auto *current = await(m_client->launch(QStringLiteral("d"), request));
    QVERIFY2(current->succeeded(), qPrintable(current->error().sentence()));
    QCOMPARE(current->result().status, RunStatus::Queued);
    QVERIFY(current->result().queuedAt.has_value()); // nanoseconds and -07:00
    Json sent = bodyOf(m_fake->requests().last());
    QCOMPARE(m_fake->requests().last().path, QByteArray("/api/v6/task/d/execute"));
    QVERIFY(sent["run_tags"]["owner_id"] == "jdoe");
    QVERIFY(sent["cluster"] == "clusta");

    m_client->setFlavour(ServerFlavour::SeedEra);
    QVERIFY(await(m_client->launch(QStringLiteral("d"), request))->succeeded());
    QCOMPARE(m_fake->requests().last().path, QByteArray("/api/v1/task/d/execute"));
    sent = bodyOf(m_fake->requests().last());
    QVERIFY(!sent.contains("run_tags"));
    QVERIFY(sent["env"][0]["name"] == "USERNAME");

    m_client->setFlavour(ServerFlavour::Auto);
    QVERIFY(await(m_client->launch(QStringLiteral("d"), request))->succeeded());
    QCOMPARE(m_fake->requests().last().path, QByteArray("/api/v4/task/d/execute"));
}

void Tst_FlotillaClient::plainText404AndJson500AreVerbatim()
{
    startFake(ServerFlavour::CurrentUpstream);
    m_fake->serveFixture("GET", "/api/v6/task/nope", QStringLiteral("error-head.json"), 404);
    m_fake->serve("GET", "/api/v6/history",
                  {500, "application/json; charset=utf-8",
                   "{\"error\":\"Invalid field to order by [x], must be one of [alias]\"}\n", false});
    auto *missing = await(m_client->definition(QStringLiteral("nope")));
    QCOMPARE(missing->error().httpStatus(), 404);
    QCOMPARE(missing->error().serverMessage(), QStringLiteral("Definition with ID nope not found"));
    QVERIFY(missing->error().sentence().contains(u"Definition with ID nope not found"));

    auto *router = await(m_client->definitionByAlias(QStringLiteral("x")));
    QCOMPARE(router->error().httpStatus(), 404);
    QCOMPARE(router->error().serverMessage(), QStringLiteral("404 page not found"));

    auto *fault = await(m_client->listRuns());
    QCOMPARE(fault->error().httpStatus(), 500);
    QCOMPARE(fault->error().serverMessage(), QStringLiteral("Invalid field to order by [x], must be one of [alias]"));
    QCOMPARE(fault->attempts(), 1); // a 500 is not transient
}

void Tst_FlotillaClient::everyFixtureIsAccepted_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = QDir(TestPaths::fixturesDir()).entryList({QStringLiteral("*.json")}, QDir::Files);
    QVERIFY(files.size() >= 20);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << file;
}

// Each body through the job that reads its kind; no error, no warning.
void Tst_FlotillaClient::everyFixtureIsAccepted()
{
    QFETCH(QString, file);
    startFake(ServerFlavour::SeedEra);
    m_fake->serveFixture("GET", "/api/v1/task", file);
    m_fake->serveFixture("GET", "/api/v1/task/x", file);
    m_fake->serveFixture("GET", "/api/v1/history", file);
    m_fake->serveFixture("GET", "/api/v1/history/x", file);
    m_fake->serveFixture("GET", "/api/v1/clusters", file);
    m_fake->serveFixture("GET", "/api/v1/groups", file);
    m_fake->serveFixture("GET", "/api/v1/x/logs", file);
    m_fake->serveFixture("GET", "/api/v1/x/events", file);
    m_fake->serveFixture("GET", "/api/v6/x/status", file);
    m_fake->serveFixture("DELETE", "/api/v1/task/x/history/x", file);
    m_fake->serveFixture("DELETE", "/api/v1/task/x", file);
    m_fake->serveFixture("GET", "/api/v7/template", file);
    m_fake->serveFixture("GET", "/api/v7/template/x", file);
    m_fake->serveFixture("POST", "/api/v7/template", file);
    ApiJob *job = nullptr;
    const auto is = [&](const char *prefix) { return file.startsWith(QLatin1String(prefix)); };
    if (is("definition-list"))
        job = m_client->listDefinitions();
    else if (is("definition"))
        job = m_client->definition(QStringLiteral("x"));
    else if (is("run-list"))
        job = m_client->listRuns();
    else if (is("run-"))
        job = m_client->run(QStringLiteral("x"));
    else if (is("template-list"))
        job = m_client->listTemplates();
    else if (is("template-created"))
        job = m_client->createTemplate({});
    else if (is("template"))
        job = m_client->templateById(QStringLiteral("x"));
    else if (is("clusters"))
        job = m_client->clusters();
    else if (is("groups"))
        job = m_client->groups();
    else if (is("logs"))
        job = m_client->logs(QStringLiteral("x"));
    else if (is("events"))
        job = m_client->runEvents(QStringLiteral("x"));
    else if (is("status"))
        job = m_client->runStatus(QStringLiteral("x"));
    else if (is("terminated"))
        job = m_client->terminate(QStringLiteral("x"), QStringLiteral("x"));
    else if (is("deleted"))
        job = m_client->deleteDefinition(QStringLiteral("x"));
    else if (is("error")) {
        m_fake->serveFixture("GET", "/api/v1/task/nope", file, 404);
        job = await(m_client->definition(QStringLiteral("nope")));
        QCOMPARE(job->error().serverMessage(), QStringLiteral("Definition with ID nope not found"));
        return;
    }
    QVERIFY2(job, qPrintable(QStringLiteral("no job reads %1").arg(file)));
    await(job);
    QVERIFY2(job->succeeded(), qPrintable(job->error().sentence()));
    QVERIFY2(job->warnings().isEmpty(), qPrintable(job->warnings().join(u"; ")));
}

void Tst_FlotillaClient::queryValuesAreEncoded()
{
    startFake(ServerFlavour::ControlPlane);
    m_fake->serveFixture("GET", "/api/v1/history", QStringLiteral("run-list-empty-head.json"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("started_at_since"), QStringLiteral("2024-05-01T12:00:00+02:00"));
    query.addQueryItem(QStringLiteral("status"), QStringLiteral("RUNNING"));
    query.addQueryItem(QStringLiteral("status"), QStringLiteral("QUEUED"));
    query.addQueryItem(QStringLiteral("env"), QStringLiteral("A|b c&d"));
    QVERIFY(await(m_client->listRuns(query))->succeeded());
    const FixtureRequest request = m_fake->requests().last();
    QCOMPARE(request.query.queryItemValue(QStringLiteral("started_at_since"), QUrl::FullyDecoded),
             QStringLiteral("2024-05-01T12:00:00+02:00"));
    QVERIFY(request.query.query(QUrl::FullyEncoded).contains(u"%2B02:00")
            || request.query.query(QUrl::FullyEncoded).contains(u"%2B02%3A00"));
    QCOMPARE(request.query.allQueryItemValues(QStringLiteral("status")),
             (QStringList{QStringLiteral("RUNNING"), QStringLiteral("QUEUED")}));
    QCOMPARE(request.query.queryItemValue(QStringLiteral("env"), QUrl::FullyDecoded), QStringLiteral("A|b c&d"));
}

void Tst_FlotillaClient::silentServerTimesOut()
{
    startFake(ServerFlavour::ControlPlane);
    m_fake->setNeverAnswer(true);
    m_client->setTimeout(300);
    // Finished within the wait: the 300 ms timeout ended it, not the default 30 s one.
    auto *job = await(m_client->listDefinitions(), 10000);
    QVERIFY(job->isFinished());
    QVERIFY(!job->succeeded());
    QVERIFY(job->error().isTimeout());
    QCOMPARE(job->error().kind(), ApiError::Kind::Transport);
    QCOMPARE(job->attempts(), 1);
    QVERIFY(job->error().sentence().contains(u"did not answer"));
}

void Tst_FlotillaClient::abortFinishesAsCancelled()
{
    startFake(ServerFlavour::ControlPlane);
    m_fake->setNeverAnswer(true);
    auto *job = m_client->listRuns();
    job->setAutoDelete(false);
    QSignalSpy finished(job, &ApiJob::finished);
    job->start();
    QTRY_COMPARE(m_fake->requests().size(), 1);
    job->abort();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(job->error().kind(), ApiError::Kind::Cancelled);
    job->abort(); // a second abort says nothing
    QCOMPARE(finished.size(), 1);
}

// A body of ResultJob::backgroundParseBytes or more is read on a pool thread;
// finished() still comes on the job's thread, with the result.
void Tst_FlotillaClient::bigAnswersParseOffTheUiThread()
{
    startFake(ServerFlavour::ControlPlane);
    const QByteArray big(ResultJob<int>::backgroundParseBytes, 'x');
    m_fake->serve("GET", "/api/big", FixtureResponse::json(big));
    m_fake->serve("GET", "/api/small", FixtureResponse::json("small"));
    for (const QString &path : {QStringLiteral("big"), QStringLiteral("small")}) {
        QThread *parsedOn = nullptr;
        auto *job = new ResultJob<qsizetype>(m_client.get(), ApiRequest{"GET", path, {}, {}, {}},
                                             [&parsedOn](const QByteArray &body, QString *, QStringList *warnings) {
                                                 parsedOn = QThread::currentThread();
                                                 warnings->append(QStringLiteral("a warning"));
                                                 return body.size();
                                             });
        QSignalSpy finished(job, &ApiJob::finished);
        await(job);
        QCOMPARE(finished.size(), 1);
        QVERIFY2(job->succeeded(), qPrintable(job->error().sentence()));
        QCOMPARE(job->warnings(), QStringList{QStringLiteral("a warning")});
        if (path == u"big") {
            QCOMPARE(job->result(), big.size() + 1); // the encoder's newline
            QVERIFY(parsedOn != QThread::currentThread());
        } else {
            QCOMPARE(job->result(), qsizetype(6));
            QCOMPARE(parsedOn, QThread::currentThread());
        }
    }
}

void Tst_FlotillaClient::abortWinsOverABackgroundParse()
{
    startFake(ServerFlavour::ControlPlane);
    m_fake->serve("GET", "/api/big", FixtureResponse::json(QByteArray(ResultJob<int>::backgroundParseBytes, 'x')));
    QSemaphore parsing;
    QSemaphore mayReturn;
    auto *job = new ResultJob<int>(m_client.get(), ApiRequest{"GET", QStringLiteral("big"), {}, {}, {}},
                                   [&](const QByteArray &, QString *, QStringList *) {
                                       parsing.release();
                                       mayReturn.acquire();
                                       return 42;
                                   });
    job->setAutoDelete(false);
    QSignalSpy finished(job, &ApiJob::finished);
    job->start();
    QTRY_VERIFY(parsing.available() > 0); // not tryAcquire(): QTRY_VERIFY evaluates twice
    job->abort();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(job->error().kind(), ApiError::Kind::Cancelled);
    mayReturn.release();
    QVERIFY(QThreadPool::globalInstance()->waitForDone(10000));
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(job->result(), 0);
    QCOMPARE(job->error().kind(), ApiError::Kind::Cancelled);
}

void Tst_FlotillaClient::getsRetryOnUnavailable()
{
    startFake(ServerFlavour::ControlPlane);
    int calls = 0;
    m_fake->setHandler([&calls](const FixtureRequest &) -> std::optional<FixtureResponse> {
        if (++calls < 3)
            return FixtureResponse{503, "text/plain", "busy\n", false};
        return FixtureResponse{200, "application/json",
                               FixtureServer::fixture(QStringLiteral("clusters-seed-era.json")), false};
    });
    auto *job = await(m_client->clusters());
    QVERIFY2(job->succeeded(), qPrintable(job->error().sentence()));
    QCOMPARE(job->attempts(), 3);
    QCOMPARE(job->result().clusters.size(), 2);

    calls = -100; // always busy: the last answer is the error
    m_client->setMaxRetries(2);
    auto *busy = await(m_client->clusters());
    QCOMPARE(busy->attempts(), 3);
    QCOMPARE(busy->error().httpStatus(), 503);
    QCOMPARE(busy->error().serverMessage(), QStringLiteral("busy"));
}

void Tst_FlotillaClient::failuresAndRetriesAreLogged()
{
    startFake(ServerFlavour::ControlPlane);
    m_fake->setHandler([](const FixtureRequest &) -> std::optional<FixtureResponse> {
        return FixtureResponse{503, "text/plain", "busy\n", false};
    });
    m_client->setMaxRetries(1);
    const ClientLog log;
    auto *busy = await(m_client->clusters());
    QCOMPARE(busy->attempts(), 2);
    const auto messages = ClientLog::messages();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages[0].first, QtInfoMsg);
    QVERIFY2(messages[0].second.startsWith(u"retry 1 of 1"), qPrintable(messages[0].second));
    QCOMPARE(messages[1].first, QtWarningMsg);
    QCOMPARE(messages[1].second, busy->error().sentence());
}

void Tst_FlotillaClient::writesNeverRetry()
{
    startFake(ServerFlavour::ControlPlane);
    m_fake->setHandler([](const FixtureRequest &) -> std::optional<FixtureResponse> {
        return FixtureResponse{503, "text/plain", "busy\n", false};
    });
    LaunchRequest request;
    request.ownerId = QStringLiteral("x");
    auto *launch = await(m_client->launch(QStringLiteral("d"), request));
    QCOMPARE(launch->error().httpStatus(), 503);
    QCOMPARE(launch->attempts(), 1);
    QVERIFY(await(m_client->createDefinition(sampleDefinition(QStringLiteral("x"))))->attempts() == 1);
    QVERIFY(await(m_client->deleteDefinition(QStringLiteral("x")))->attempts() == 1);
    QCOMPARE(m_fake->requests().size(), 3);
}

void Tst_FlotillaClient::refusedConnectionIsATransportError()
{
    QTcpServer reserve;
    QVERIFY(reserve.listen(QHostAddress::LocalHost, 0));
    const quint16 port = reserve.serverPort();
    reserve.close();
    m_client = std::make_unique<FlotillaClient>(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)),
                                                ServerFlavour::ControlPlane);
    m_client->setMaxRetries(2);
    auto *job = await(m_client->run(QStringLiteral("r")));
    QCOMPARE(job->error().kind(), ApiError::Kind::Transport);
    QCOMPARE(job->error().transportError(), QNetworkReply::ConnectionRefusedError);
    QCOMPARE(job->attempts(), 3);
    QVERIFY(job->error().sentence().contains(QString::number(port)));
    auto *write = await(m_client->deleteDefinition(QStringLiteral("x")));
    QCOMPARE(write->attempts(), 1);
}

void Tst_FlotillaClient::autoDeleteAfterFinished()
{
    startFake(ServerFlavour::SeedEra);
    m_fake->serveFixture("GET", "/api/v1/clusters", QStringLiteral("clusters-seed-era.json"));
    QPointer<ResultJob<ClustersList>> job = m_client->clusters();
    QStringList seen;
    connect(job, &ApiJob::finished, this, [&seen, job] { seen = job->result().clusters; });
    QSignalSpy destroyed(job.data(), &QObject::destroyed);
    job->start();
    QVERIFY(destroyed.wait(5000));
    QCOMPARE(seen.size(), 2);
    QVERIFY(job.isNull());
}

QTEST_GUILESS_MAIN(Tst_FlotillaClient)
#include "tst_flotillaclient.moc"
