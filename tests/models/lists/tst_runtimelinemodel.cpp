// RunTimelineModel: the runs of a time range from a real control plane, every
// page of them, grouped into rows, with running runs that end live.
#include "awaitjob.h"
#include "modeltesters.h"
#include "storefill.h"
#include "testserver.h"

#include <client/flotillaclient.h>
#include <lists/runtimelinemodel.h>

#include <QDir>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_RunTimelineModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void rowsPerClusterOrDefinition();
    void runningRunsAreInAndEndLive();
    void aRangeBeforeTheRunsIsEmpty();
    void everyPageIsLoaded();

private:
    QString createDefinition(const QString &alias, const QString &command);
    Run launch(const QString &definitionId);
    Run waitUntil(const QString &runId, RunStatus status);
    // The bar of `runId` in `model`, or none.
    std::optional<TimelineBar> barOf(const RunTimelineModel &model, const QString &runId) const;

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FlotillaClient> m_client;
};

void Tst_RunTimelineModel::init()
{
    ControlPlaneOptions options;
    options.containerEngines.clear();
    m_server = std::make_unique<TestServer>(options);
    QVERIFY(m_server->start());
    m_client = std::make_unique<FlotillaClient>(m_server->url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server->token()));
}

void Tst_RunTimelineModel::cleanup()
{
    m_client.reset();
    m_server.reset();
}

QString Tst_RunTimelineModel::createDefinition(const QString &alias, const QString &command)
{
    Definition definition;
    definition.alias = alias;
    definition.groupName = QStringLiteral("timeline");
    definition.image = QStringLiteral("none");
    definition.command = command;
    return await(m_client->createDefinition(definition))->result().definitionId;
}

Run Tst_RunTimelineModel::launch(const QString &definitionId)
{
    LaunchRequest request;
    request.ownerId = QStringLiteral("tester");
    return await(m_client->launch(definitionId, request))->result();
}

Run Tst_RunTimelineModel::waitUntil(const QString &runId, RunStatus status)
{
    Run run;
    static_cast<void>(QTest::qWaitFor([&] { return (run = await(m_client->run(runId))->result()).status == status; },
                                      30000)); // the caller checks the status
    return run;
}

std::optional<TimelineBar> Tst_RunTimelineModel::barOf(const RunTimelineModel &model, const QString &runId) const
{
    for (const TimelineRow &row : model.rows()) {
        for (const TimelineBar &bar : row.bars) {
            if (model.run(bar).runId == runId)
                return bar;
        }
    }
    return std::nullopt;
}

void Tst_RunTimelineModel::rowsPerClusterOrDefinition()
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-60);
    const QString quick = createDefinition(QStringLiteral("quick"), QStringLiteral("true"));
    const QString failing = createDefinition(QStringLiteral("failing"), QStringLiteral("exit 3"));
    const Run first = launch(quick);
    const Run second = launch(quick);
    const Run failed = launch(failing);
    for (const Run &run : {first, second, failed})
        QCOMPARE(waitUntil(run.runId, RunStatus::Stopped).status, RunStatus::Stopped);

    RunTimelineModel model;
    ModelTesters testers(&model);
    model.setRange(before, {});
    model.setClient(m_client.get());
    QTRY_COMPARE(model.runCount(), 3);
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), 1); // every run went to the one cluster
    QCOMPARE(model.index(0, RunTimelineModel::Name).data().toString(), QStringLiteral("local"));
    QCOMPARE(model.index(0, RunTimelineModel::Runs).data().toInt(), 3);
    QCOMPARE(barOf(model, failed.runId)->outcome, std::optional(RunOutcome::Failed));
    QCOMPARE(barOf(model, first.runId)->outcome, std::optional(RunOutcome::Succeeded));

    QSignalSpy headers(&model, &QAbstractItemModel::headerDataChanged);
    model.setGrouping(TimelineGrouping::ByDefinition);
    QCOMPARE(headers.size(), 1);
    QCOMPARE(model.headerData(RunTimelineModel::Name, Qt::Horizontal).toString(), QStringLiteral("Definition"));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, RunTimelineModel::Name).data().toString(), QStringLiteral("failing"));
    QCOMPARE(model.index(1, RunTimelineModel::Name).data().toString(), QStringLiteral("quick"));
    QCOMPARE(model.index(1, RunTimelineModel::Runs).data().toInt(), 2);
    QCOMPARE(model.rows()[1].bars.size(), 2);
}

void Tst_RunTimelineModel::runningRunsAreInAndEndLive()
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-60);
    const QString sleeper = createDefinition(QStringLiteral("sleeper"), QStringLiteral("sleep 60"));
    const QString quick = createDefinition(QStringLiteral("quick"), QStringLiteral("true"));
    const Run running = launch(sleeper);
    const Run done = launch(quick);
    QCOMPARE(waitUntil(running.runId, RunStatus::Running).status, RunStatus::Running);
    QCOMPARE(waitUntil(done.runId, RunStatus::Stopped).status, RunStatus::Stopped);

    RunTimelineModel model;
    ModelTesters testers(&model);
    model.setRefreshInterval(200);
    model.setGrouping(TimelineGrouping::ByDefinition);
    model.setRange(before, {});
    model.setClient(m_client.get());
    QTRY_COMPARE(model.runCount(), 2);
    QVERIFY(barOf(model, running.runId)->running);
    QVERIFY(!barOf(model, running.runId)->outcome);
    QCOMPARE(model.rows().size(), 2);

    // Stopped by the user: the bar ends, in the colour of that, without a reload.
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QVERIFY(await(m_client->terminate(sleeper, running.runId))->succeeded());
    QTRY_VERIFY_WITH_TIMEOUT(!barOf(model, running.runId)->running, 20000);
    QCOMPARE(barOf(model, running.runId)->outcome, std::optional(RunOutcome::StoppedByUser));
    QCOMPARE(model.runCount(), 2); // in both lists for a while, shown once
    QCOMPARE(resets.size(), 0);

    // A run launched now comes in by itself.
    const Run later = launch(quick);
    QTRY_VERIFY_WITH_TIMEOUT(barOf(model, later.runId).has_value(), 20000);
}

void Tst_RunTimelineModel::aRangeBeforeTheRunsIsEmpty()
{
    const QString sleeper = createDefinition(QStringLiteral("sleeper"), QStringLiteral("sleep 60"));
    const QString quick = createDefinition(QStringLiteral("quick"), QStringLiteral("true"));
    const Run running = launch(sleeper);
    QCOMPARE(waitUntil(launch(quick).runId, RunStatus::Stopped).status, RunStatus::Stopped);
    QCOMPARE(waitUntil(running.runId, RunStatus::Running).status, RunStatus::Running);

    RunTimelineModel model;
    ModelTesters testers(&model);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    model.setRange(now.addSecs(-7200), now.addSecs(-3600));
    model.setClient(m_client.get());
    QSignalSpy loading(&model, &RunTimelineModel::loadingChanged);
    QTRY_VERIFY(!loading.isEmpty() && !model.isLoading());
    QCOMPARE(model.runCount(), 0);
    QCOMPARE(model.rowCount(), 0);

    // Up to now, the running run overlaps even a range that starts later than it.
    model.setRange(now.addSecs(10), {});
    QTRY_COMPARE(model.runCount(), 1);
    QCOMPARE(model.run(model.rows()[0].bars[0]).runId, running.runId);
}

void Tst_RunTimelineModel::everyPageIsLoaded()
{
    // Runs over the last 90 days, the newest 1% still queued (no bar).
    constexpr int runs = 3000;
    m_client.reset();
    m_server.reset();
    ControlPlaneOptions options;
    options.parallelRuns = 0;
    options.containerEngines.clear();
    m_server = std::make_unique<TestServer>(options);
    QVERIFY(QDir().mkpath(m_server->dataDir()));
    const FillResult filled = fillStore(m_server->dataDir() + QStringLiteral("/flotilla.sqlite"), 20, runs);
    QVERIFY2(filled.error.isEmpty(), qPrintable(filled.error));
    QVERIFY(m_server->start());
    m_client = std::make_unique<FlotillaClient>(m_server->url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server->token()));
    HttpTestClient http(*m_server);
    const qint64 stopped = http.get(QStringLiteral("/api/v6/history?status=STOPPED&limit=1")).json()["total"];
    QVERIFY(stopped > 2000);

    RunTimelineModel model;
    ModelTesters testers(&model);
    model.setGrouping(TimelineGrouping::ByDefinition);
    model.setRange(QDateTime::currentDateTimeUtc().addDays(-91), {});
    model.setClient(m_client.get());
    // Pages of 500 growing to 2,000, each fetched unasked.
    QTRY_COMPARE_WITH_TIMEOUT(model.runCount(), int(stopped), 30000);
    QTRY_VERIFY(!model.isLoading());
    QVERIFY(model.rowCount() > 1 && model.rowCount() <= 20); // the busy definitions and some others
    int bars = 0;
    for (const TimelineRow &row : model.rows())
        bars += int(row.bars.size());
    QCOMPARE(bars, int(stopped));
}

QTEST_GUILESS_MAIN(Tst_RunTimelineModel)
#include "tst_runtimelinemodel.moc"
