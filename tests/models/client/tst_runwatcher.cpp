// RunWatcher: a run's record followed until STOPPED.
#include "awaitjob.h"
#include "fixtureserver.h"
#include "testserver.h"

#include <client/changefeed.h>
#include <client/flotillaclient.h>
#include <client/runwatcher.h>

#include <QFile>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_RunWatcher final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void followsARunUntilStopped();
    void followsARunThroughTheChangeFeed();
    void stoppedRunFinishesAtOnce();
    void terminatedRunFinishesWithItsReason();
    void missingRunEndsWatching();
    void transientErrorsKeepWatching();
    void staleStatusIsIgnored();
    void watchesThroughStatusOnControlPlane();
    void notModifiedCostsNoRunFetch();
    void refusedStatusFallsBackToTheWholeRun();
    void seedEraFetchesTheWholeRun();
    void changedRecordAtTheSameStatusIsAnUpdate();

private:
    Run launch(const QString &command);
    // A run that exits 3 once release() is called, not after a time a busy machine may outlast.
    Run launchHeldRun();
    void release();
    QTemporaryDir m_gates;
    QString m_definitionId;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FlotillaClient> m_client;
};

void Tst_RunWatcher::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    m_client = std::make_unique<FlotillaClient>(m_server->url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server->token()));
}

void Tst_RunWatcher::cleanup()
{
    m_client.reset();
    m_server.reset();
}

Run Tst_RunWatcher::launch(const QString &command)
{
    Definition definition;
    definition.alias = QStringLiteral("watched-") + QString::number(QDateTime::currentMSecsSinceEpoch());
    definition.image = QStringLiteral("none");
    definition.command = command;
    m_definitionId = await(m_client->createDefinition(definition))->result().definitionId;
    LaunchRequest request;
    request.ownerId = QStringLiteral("tester");
    return await(m_client->launch(m_definitionId, request))->result();
}

Run Tst_RunWatcher::launchHeldRun()
{
    QFile::remove(m_gates.filePath(QStringLiteral("release")));
    return launch(QStringLiteral("while [ ! -e '%1' ]; do sleep 0.02; done; exit 3")
                      .arg(m_gates.filePath(QStringLiteral("release"))));
}

void Tst_RunWatcher::release()
{
    QFile gate(m_gates.filePath(QStringLiteral("release")));
    QVERIFY(gate.open(QIODevice::WriteOnly));
}

void Tst_RunWatcher::followsARunUntilStopped()
{
    const Run run = launchHeldRun();
    RunWatcher watcher(m_client.get(), run.runId);
    watcher.setInterval(50);
    QList<RunStatus> seen;
    connect(&watcher, &RunWatcher::updated, this, [this, &seen](const Run &update) {
        seen.append(update.status);
        release(); // seen before it stops
    });
    QSignalSpy finished(&watcher, &RunWatcher::finished);
    watcher.start();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.size(), 1);
    const Run stopped = finished.first().value(0).value<Run>();
    QCOMPARE(stopped.status, RunStatus::Stopped);
    QCOMPARE(stopped.exitCode, 3);
    QVERIFY(stopped.finishedAt.has_value());
    QVERIFY(seen.size() >= 2); // something before STOPPED, then STOPPED
    QCOMPARE(seen.last(), RunStatus::Stopped);
    QVERIFY(std::is_sorted(seen.cbegin(), seen.cend(), [](RunStatus a, RunStatus b) { return int(a) < int(b); }));
    QVERIFY(!watcher.isActive());
    QVERIFY(watcher.isFinished());
}

void Tst_RunWatcher::followsARunThroughTheChangeFeed()
{
    const Run run = launchHeldRun();
    RunWatcher watcher(m_client.get(), run.runId);
    watcher.setInterval(24 * 3600 * 1000); // only the feed can explain an update
    QSignalSpy updated(&watcher, &RunWatcher::updated);
    QSignalSpy finished(&watcher, &RunWatcher::finished);
    watcher.start();
    QTRY_VERIFY(m_client->changeFeed()->isHealthy() && !updated.isEmpty());
    release();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().value(0).value<Run>().exitCode, 3);
    QVERIFY(updated.size() >= 2); // the first answer, then what the feed named
    QVERIFY(!watcher.isActive());
    QVERIFY(!m_client->changeFeed()->isHealthy()); // its only subscriber left: stopped
}

void Tst_RunWatcher::stoppedRunFinishesAtOnce()
{
    const Run run = launch(QStringLiteral("true"));
    QTRY_VERIFY_WITH_TIMEOUT(await(m_client->run(run.runId))->result().status == RunStatus::Stopped, 20000);
    RunWatcher watcher(m_client.get(), run.runId);
    QSignalSpy updated(&watcher, &RunWatcher::updated);
    QSignalSpy finished(&watcher, &RunWatcher::finished);
    watcher.start(); // the default 5 s interval never comes into play
    QVERIFY(finished.wait(5000));
    QCOMPARE(updated.size(), 1);
    QCOMPARE(watcher.run().exitCode, 0);
}

void Tst_RunWatcher::terminatedRunFinishesWithItsReason()
{
    const Run run = launch(QStringLiteral("sleep 60"));
    RunWatcher watcher(m_client.get(), run.runId);
    watcher.setInterval(50);
    QSignalSpy finished(&watcher, &RunWatcher::finished);
    watcher.start();
    QVERIFY(await(m_client->terminate(m_definitionId, run.runId))->succeeded());
    // The terminate answer may come after the watcher saw the run end.
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(watcher.run().exitReason, QStringLiteral("Task terminated by user"));
}

void Tst_RunWatcher::missingRunEndsWatching()
{
    RunWatcher watcher(m_client.get(), QStringLiteral("no-such-run"));
    QSignalSpy errors(&watcher, &RunWatcher::errorOccurred);
    watcher.start();
    QVERIFY(errors.wait(5000));
    const ApiError error = errors.first().value(0).value<ApiError>();
    QCOMPARE(error.httpStatus(), 404);
    QCOMPARE(error.serverMessage(), QStringLiteral("Run with id no-such-run not found"));
    QVERIFY(!watcher.isActive());
}

void Tst_RunWatcher::transientErrorsKeepWatching()
{
    FixtureServer fake;
    QVERIFY(fake.listen());
    int calls = 0;
    fake.setHandler([&calls](const FixtureRequest &) -> std::optional<FixtureResponse> {
        ++calls;
        if (calls <= 2)
            return FixtureResponse{502, "text/plain", "bad gateway\n", false};
        return FixtureResponse::json(FixtureServer::fixture(QStringLiteral("run-stopped-head.json")));
    });
    FlotillaClient client(fake.url(), ServerFlavour::CurrentUpstream);
    client.setMaxRetries(0); // let the watcher see each failure
    RunWatcher watcher(&client, QStringLiteral("eks-3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d"));
    watcher.setInterval(20);
    QSignalSpy errors(&watcher, &RunWatcher::errorOccurred);
    QSignalSpy finished(&watcher, &RunWatcher::finished);
    watcher.start();
    QVERIFY(finished.wait(5000));
    QCOMPARE(errors.size(), 2);
    QCOMPARE(errors.first().value(0).value<ApiError>().serverMessage(), QStringLiteral("bad gateway"));
    QCOMPARE(watcher.run().exitReason, QStringLiteral("Task terminated by user"));
}

void Tst_RunWatcher::staleStatusIsIgnored()
{
    FixtureServer fake;
    QVERIFY(fake.listen());
    const QStringList answers = {QStringLiteral("run-running-head.json"), QStringLiteral("run-queued-head.json"),
                                 QStringLiteral("run-stopped-head.json")};
    int calls = 0;
    // No /status here (the router's 404): the watcher reads the whole run.
    fake.setHandler([&](const FixtureRequest &request) -> std::optional<FixtureResponse> {
        if (!request.path.startsWith("/api/v6/history/"))
            return std::nullopt;
        return FixtureResponse::json(FixtureServer::fixture(answers.value(calls++, answers.last())));
    });
    FlotillaClient client(fake.url(), ServerFlavour::CurrentUpstream);
    RunWatcher watcher(&client, QStringLiteral("eks-3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d"));
    watcher.setInterval(20);
    QList<RunStatus> seen;
    connect(&watcher, &RunWatcher::updated, this, [&seen](const Run &update) { seen.append(update.status); });
    QSignalSpy finished(&watcher, &RunWatcher::finished);
    watcher.start();
    QVERIFY(finished.wait(5000));
    QCOMPARE(seen, (QList<RunStatus>{RunStatus::Running, RunStatus::Stopped}));
}

// On our server the watcher asks the run's status with the last ETag (which
// changes with anything in the run: peaks, events) whenever the change feed
// names the run, or every interval until the feed is up. Only a 200 costs a
// fetch of the whole run; whether a 304 comes depends on when the feed starts
// (notModifiedCostsNoRunFetch pins the 304 down against upstream's routes).
void Tst_RunWatcher::watchesThroughStatusOnControlPlane()
{
    const Run run = launchHeldRun();
    int statusAsks = 0;
    int notModified = 0;
    int runFetches = 0;
    connect(m_client->networkAccessManager(), &QNetworkAccessManager::finished, this, [&](QNetworkReply *reply) {
        if (reply->url().path().endsWith(u"/status")) {
            ++statusAsks;
            notModified += reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 304 ? 1 : 0;
            release(); // it ends once its status was asked
        } else if (reply->url().path().contains(u"/history/")) {
            ++runFetches;
        }
    });
    RunWatcher watcher(m_client.get(), run.runId);
    watcher.setInterval(20);
    QSignalSpy finished(&watcher, &RunWatcher::finished);
    watcher.start();
    QVERIFY2(finished.wait(30000), qPrintable(QStringLiteral("%1 asks, %2 not modified, %3 fetches, last seen %4")
                                                  .arg(statusAsks)
                                                  .arg(notModified)
                                                  .arg(runFetches)
                                                  .arg(watcher.etag())));
    QCOMPARE(watcher.run().exitCode, 3);
    QVERIFY(!watcher.etag().isEmpty());
    // Each 200 costs one fetch of the whole run; a 304 none.
    QVERIFY2(
        statusAsks > 0 && runFetches == statusAsks - notModified,
        qPrintable(
            QStringLiteral("%1 asks, %2 not modified, %3 fetches").arg(statusAsks).arg(notModified).arg(runFetches)));
}

namespace {

// An imitation of current upstream's run routes for one run: the whole run,
// and GetRunStatus with its `"<STATUS>-<exit code>"` ETag and 304.
struct UpstreamRun
{
    explicit UpstreamRun(FixtureServer &fake)
    {
        fake.setHandler([this](const FixtureRequest &request) -> std::optional<FixtureResponse> {
            const QByteArray status = stopped ? "STOPPED" : "RUNNING";
            if (request.path == "/api/v6/history/" + runId) {
                ++runFetches;
                return FixtureResponse::json(FixtureServer::fixture(stopped ? QStringLiteral("run-stopped-head.json")
                                                                            : QStringLiteral("run-running-head.json")));
            }
            if (request.path != "/api/v6/" + runId + "/status")
                return std::nullopt;
            const QByteArray etag = '"' + status + (stopped ? "-1" : "-unknown") + '"';
            ++statusAsks;
            if (request.headers.value("if-none-match") == etag) {
                ++notModified;
                return FixtureResponse{304, {}, {}, false};
            }
            QByteArray body = FixtureServer::fixture(QStringLiteral("status-head.json"));
            body.replace("\"RUNNING\"", '"' + status + '"');
            return FixtureResponse::json(body.trimmed());
        });
        publishEtag = [&fake, this] {
            fake.setAnswerHeader("/api/v6/" + runId + "/status", "ETag",
                                 stopped ? "\"STOPPED-1\"" : "\"RUNNING-unknown\"");
        };
        publishEtag();
    }
    void stop()
    {
        stopped = true;
        publishEtag();
    }

    QByteArray runId = "eks-3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d";
    bool stopped = false;
    int runFetches = 0;
    int statusAsks = 0;
    int notModified = 0;
    std::function<void()> publishEtag;
};

} // namespace

void Tst_RunWatcher::notModifiedCostsNoRunFetch()
{
    FixtureServer fake;
    QVERIFY(fake.listen());
    UpstreamRun upstream(fake);
    FlotillaClient client(fake.url(), ServerFlavour::CurrentUpstream);
    RunWatcher watcher(&client, QString::fromLatin1(upstream.runId));
    watcher.setInterval(10);
    QSignalSpy updated(&watcher, &RunWatcher::updated);
    QSignalSpy finished(&watcher, &RunWatcher::finished);
    watcher.start();
    QTRY_VERIFY_WITH_TIMEOUT(upstream.notModified >= 5, 10000);
    QCOMPARE(upstream.runFetches, 1); // only the first answer
    QCOMPARE(updated.size(), 1);
    QCOMPARE(watcher.etag(), QStringLiteral("\"RUNNING-unknown\""));
    upstream.stop();
    QVERIFY(finished.wait(10000));
    QCOMPARE(upstream.runFetches, 2);
    QCOMPARE(watcher.run().status, RunStatus::Stopped);
    QCOMPARE(watcher.etag(), QStringLiteral("\"STOPPED-1\""));
    QCOMPARE(upstream.statusAsks, upstream.notModified + 2);
}

void Tst_RunWatcher::refusedStatusFallsBackToTheWholeRun()
{
    FixtureServer fake;
    QVERIFY(fake.listen());
    fake.serve("GET", "/api/v6/r/status", {405, "text/plain", "", false}); // PUT only there
    fake.serveFixture("GET", "/api/v6/history/r", QStringLiteral("run-stopped-head.json"));
    FlotillaClient client(fake.url(), ServerFlavour::CurrentUpstream);
    RunWatcher watcher(&client, QStringLiteral("r"));
    QSignalSpy errors(&watcher, &RunWatcher::errorOccurred);
    QSignalSpy finished(&watcher, &RunWatcher::finished);
    watcher.start();
    QVERIFY(finished.wait(5000));
    QVERIFY(errors.isEmpty());
    QCOMPARE(fake.count("GET", "/api/v6/r/status"), 1);
    QVERIFY(watcher.etag().isEmpty());
}

void Tst_RunWatcher::seedEraFetchesTheWholeRun()
{
    FixtureServer fake;
    QVERIFY(fake.listen());
    fake.serveFixture("GET", "/api/v1/history/r", QStringLiteral("run-stopped-seed-era.json"));
    FlotillaClient client(fake.url(), ServerFlavour::SeedEra);
    RunWatcher watcher(&client, QStringLiteral("r"));
    QSignalSpy finished(&watcher, &RunWatcher::finished);
    watcher.start();
    QVERIFY(finished.wait(5000));
    QCOMPARE(fake.requests().size(), 1);
}

// Usage and events change while the status stays RUNNING.
void Tst_RunWatcher::changedRecordAtTheSameStatusIsAnUpdate()
{
    FixtureServer fake;
    QVERIFY(fake.listen());
    const QStringList answers = {QStringLiteral("run-running-head.json"), QStringLiteral("run-running-head.json"),
                                 QStringLiteral("run-running-eks-usage-head.json"),
                                 QStringLiteral("run-stopped-head.json")};
    int calls = 0;
    fake.setHandler([&](const FixtureRequest &) -> std::optional<FixtureResponse> {
        return FixtureResponse::json(FixtureServer::fixture(answers.value(calls++, answers.last())));
    });
    FlotillaClient client(fake.url(), ServerFlavour::SeedEra);
    RunWatcher watcher(&client, QStringLiteral("eks-3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d"));
    watcher.setInterval(10);
    QList<std::optional<qint64>> peaks;
    connect(&watcher, &RunWatcher::updated, this, [&peaks](const Run &update) { peaks.append(update.maxMemoryUsed); });
    QSignalSpy finished(&watcher, &RunWatcher::finished);
    watcher.start();
    QVERIFY(finished.wait(5000));
    // The second, identical answer is no update.
    QCOMPARE(peaks, (QList<std::optional<qint64>>{std::nullopt, 387, std::nullopt}));
}

QTEST_GUILESS_MAIN(Tst_RunWatcher)
#include "tst_runwatcher.moc"
