// RunWatcher: a run's record followed until STOPPED.
#include "awaitjob.h"
#include "fixtureserver.h"
#include "testserver.h"

#include <client/flotillaclient.h>
#include <client/runwatcher.h>

#include <QSignalSpy>
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
    void stoppedRunFinishesAtOnce();
    void terminatedRunFinishesWithItsReason();
    void missingRunEndsWatching();
    void transientErrorsKeepWatching();
    void staleStatusIsIgnored();

private:
    Run launch(const QString &command);
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

void Tst_RunWatcher::followsARunUntilStopped()
{
    const Run run = launch(QStringLiteral("sleep 0.5; exit 3"));
    RunWatcher watcher(m_client.get(), run.runId);
    watcher.setInterval(50);
    QList<RunStatus> seen;
    connect(&watcher, &RunWatcher::updated, this, [&seen](const Run &update) { seen.append(update.status); });
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
    QVERIFY(finished.wait(30000));
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
    fake.setHandler([&](const FixtureRequest &) -> std::optional<FixtureResponse> {
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

QTEST_GUILESS_MAIN(Tst_RunWatcher)
#include "tst_runwatcher.moc"
