// RunListModel: runs paged from a real control plane, sorted and filtered by
// the server, refreshed in place.
#include "awaitjob.h"
#include "holdingproxy.h"
#include "modeltesters.h"
#include "storefill.h"
#include "testserver.h"

#include <client/changefeed.h>
#include <lists/runlistmodel.h>

#include <QDir>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_RunListModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void pagesIn100kRunsWithoutReset();
    void refreshKeepsRowsSelectionAndPersistentIndexes();
    void manyNewRunsGoInAtTheTopInOrder();
    void filtersReloadFromTheFirstPage();
    void definitionScopesTheRuns();
    void sortableColumnsFollowTheServer();
    void changeFeedUpdatesRowsInPlace();
    void aRunEndingBetweenTwoReadsOfItStillLeavesTheTotal();
    void durationTicksForRunningRuns();
    void errorsAreReportedAndStopPaging();

private:
    void startServer(int parallelRuns = 4, const QStringList &allowedHosts = {});
    QString createDefinition(const QString &alias, const QString &group, const QString &command);
    Run launch(const QString &definitionId, const EnvList &env = {});

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FlotillaClient> m_client;
};

void Tst_RunListModel::cleanup()
{
    m_client.reset();
    m_server.reset();
}

void Tst_RunListModel::startServer(int parallelRuns, const QStringList &allowedHosts)
{
    ControlPlaneOptions options;
    options.parallelRuns = parallelRuns;
    options.allowedHosts = allowedHosts;
    m_server = std::make_unique<TestServer>(options);
    QVERIFY(m_server->start());
    m_client = std::make_unique<FlotillaClient>(m_server->url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server->token()));
}

QString Tst_RunListModel::createDefinition(const QString &alias, const QString &group, const QString &command)
{
    Definition definition;
    definition.alias = alias;
    definition.groupName = group;
    definition.image = QStringLiteral("none");
    definition.command = command;
    return await(m_client->createDefinition(definition))->result().definitionId;
}

Run Tst_RunListModel::launch(const QString &definitionId, const EnvList &env)
{
    LaunchRequest request;
    request.ownerId = QStringLiteral("tester");
    request.env = env;
    return await(m_client->launch(definitionId, request))->result();
}

void Tst_RunListModel::pagesIn100kRunsWithoutReset()
{
    constexpr int runs = 100000;
    ControlPlaneOptions options;
    options.parallelRuns = 0; // the stored QUEUED runs stay as they are
    m_server = std::make_unique<TestServer>(options);
    QVERIFY(QDir().mkpath(m_server->dataDir()));
    const FillResult filled = fillStore(m_server->dataDir() + QStringLiteral("/flotilla.sqlite"), 200, runs);
    QVERIFY2(filled.error.isEmpty(), qPrintable(filled.error));
    QVERIFY(m_server->start());
    m_client = std::make_unique<FlotillaClient>(m_server->url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server->token()));

    RunListModel model(m_client.get());
    model.setAutoRefresh(false);
    model.setPageSizes(5000, 40000); // few pages: the tester walks every row on each insert
    QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    ModelTesters testers(&model);
    while (model.canFetchMore({}) || model.isLoading()) {
        model.fetchMore({});
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 60000);
        QVERIFY2(!model.lastError().isError(), qPrintable(model.lastError().sentence()));
    }
    QCOMPARE(model.rowCount(), runs);
    QCOMPARE(model.totalCount(), runs);
    QCOMPARE(resets.size(), 0);
    // One insert per page; each page asks for as many rows as are loaded, up to the largest.
    QList<int> pageRows;
    for (const QList<QVariant> &insert : inserts)
        pageRows.append(insert.at(2).toInt() - insert.at(1).toInt() + 1);
    QCOMPARE(pageRows, (QList<int>{5000, 5000, 10000, 20000, 40000, 20000}));
    QSet<QString> ids;
    for (int row = 0; row < model.rowCount(); ++row) {
        ids.insert(model.index(row, RunListModel::RunId).data(RunListModel::IdRole).toString());
        if (row > 0) // newest first, by queued_at
            QVERIFY(model.itemAt(row - 1).queuedAt >= model.itemAt(row).queuedAt);
    }
    QCOMPARE(ids.size(), runs);
}

void Tst_RunListModel::refreshKeepsRowsSelectionAndPersistentIndexes()
{
    startServer();
    const QString definitionId = createDefinition(QStringLiteral("refreshed"), QStringLiteral("g"),
                                                  QStringLiteral("sleep 0.3"));
    const Run first = launch(definitionId);
    const Run second = launch(definitionId);

    RunListModel model(m_client.get());
    model.setRefreshInterval(50);
    ModelTesters testers(&model);
    QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
    model.fetchMore({});
    QTRY_COMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, RunListModel::RunId).data(RunListModel::IdRole).toString(), second.runId);

    QItemSelectionModel selection(&model);
    selection.select(model.index(1, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    const QPersistentModelIndex firstRun = model.index(1, RunListModel::Status);

    // The runs finish: their rows change in place.
    QTRY_VERIFY_WITH_TIMEOUT(model.itemAt(0).status == RunStatus::Stopped
                                 && model.itemAt(1).status == RunStatus::Stopped,
                             20000);
    QCOMPARE(firstRun.data().toString(), QStringLiteral("STOPPED"));
    QCOMPARE(model.index(1, RunListModel::ExitCode).data().toInt(), 0);
    QCOMPARE(model.index(1, RunListModel::Engine).data().toString(), model.itemAt(1).engine);
    QCOMPARE(model.headerData(RunListModel::MaxMemory, Qt::Horizontal).toString(), QStringLiteral("Max memory (MB)"));
    QCOMPARE(model.index(1, 0).data(RunListModel::ObjectRole).value<Run>().runId, first.runId);

    // A new run goes in at the top; the old rows move down with their selection.
    const Run third = launch(definitionId);
    QTRY_COMPARE(model.rowCount(), 3);
    QCOMPARE(model.itemAt(0).runId, third.runId);
    QVERIFY(firstRun.isValid());
    QCOMPARE(firstRun.row(), 2);
    QCOMPARE(firstRun.data(RunListModel::IdRole).toString(), first.runId);
    QVERIFY(selection.isRowSelected(2, {}));
    QCOMPARE(selection.selectedRows().size(), 1);
    QCOMPARE(model.totalCount(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(model.itemAt(0).status, RunStatus::Stopped, 20000);
    QCOMPARE(resets.size(), 0);
}

void Tst_RunListModel::manyNewRunsGoInAtTheTopInOrder()
{
    startServer(0); // runs stay QUEUED
    const QString definitionId = createDefinition(QStringLiteral("busy"), {}, QStringLiteral("true"));
    const Run oldest = launch(definitionId);
    RunListModel model(m_client.get());
    model.setAutoRefresh(false);
    ModelTesters testers(&model);
    QTRY_COMPARE(model.rowCount(), 1);

    // More than one refresh asks for at first: no gap may open under them.
    QStringList launched;
    for (int i = 0; i < 60; ++i)
        launched.prepend(launch(definitionId).runId);
    QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
    model.refresh();
    QTRY_COMPARE(model.rowCount(), 61);
    // In the server's order: runs queued in the same millisecond are ordered by id.
    RunListModel reloaded(m_client.get());
    reloaded.setAutoRefresh(false);
    reloaded.fetchMore({});
    QTRY_COMPARE(reloaded.rowCount(), 61);
    QStringList ids;
    for (int row = 0; row < 61; ++row) {
        QCOMPARE(model.itemAt(row).runId, reloaded.itemAt(row).runId);
        ids.append(model.itemAt(row).runId);
    }
    ids.removeLast();
    QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()), QSet<QString>(launched.cbegin(), launched.cend()));
    QCOMPARE(model.itemAt(60).runId, oldest.runId);
    QCOMPARE(model.totalCount(), 61);
    QCOMPARE(resets.size(), 0);
}

void Tst_RunListModel::filtersReloadFromTheFirstPage()
{
    startServer(0); // runs stay QUEUED
    const QString alpha = createDefinition(QStringLiteral("alpha-report"), QStringLiteral("finance"),
                                           QStringLiteral("true"));
    const QString beta = createDefinition(QStringLiteral("beta-export"), QStringLiteral("ops"), QStringLiteral("true"));
    for (int i = 0; i < 3; ++i)
        launch(alpha, {{QStringLiteral("MODE"), QStringLiteral("full")}});
    launch(beta, {{QStringLiteral("MODE"), QStringLiteral("delta")}});

    RunListModel model(m_client.get());
    model.setPageSize(2);
    ModelTesters testers(&model);
    model.fetchMore({});
    QTRY_COMPARE(model.rowCount(), 2);
    QCOMPARE(model.totalCount(), 4);
    QVERIFY(model.canFetchMore({}));

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setGroupFilter(QStringLiteral("ops"));
    model.setAliasFilter(QStringLiteral("export")); // both in one reload
    QTRY_COMPARE(model.totalCount(), 1);
    QCOMPARE(resets.size(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.itemAt(0).definitionId, beta);

    model.setGroupFilter({});
    model.setAliasFilter(QStringLiteral("report"));
    model.setEnvFilter({{QStringLiteral("MODE"), QStringLiteral("full")}});
    QTRY_COMPARE(model.totalCount(), 3);

    model.setStatusFilter({RunStatus::Stopped});
    QTRY_COMPARE(model.totalCount(), 0);
    QCOMPARE(model.rowCount(), 0);
    model.setStatusFilter({RunStatus::Queued, RunStatus::Stopped});
    QTRY_COMPARE(model.totalCount(), 3);

    model.setStartedBetween(QDateTime::currentDateTimeUtc().addDays(-1), {});
    QTRY_COMPARE(model.totalCount(), 0); // queued runs have not started
    model.setStartedBetween({}, {});
    model.setClusterFilter(QStringLiteral("local"));
    QTRY_COMPARE(model.totalCount(), 3);
}

void Tst_RunListModel::definitionScopesTheRuns()
{
    startServer(0);
    const QString alpha = createDefinition(QStringLiteral("alpha"), {}, QStringLiteral("true"));
    const QString beta = createDefinition(QStringLiteral("beta"), {}, QStringLiteral("true"));
    launch(alpha);
    const Run betaRun = launch(beta);

    RunListModel model(m_client.get());
    ModelTesters testers(&model);
    model.setDefinitionId(beta);
    QTRY_COMPARE(model.totalCount(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data(RunListModel::IdRole).toString(), betaRun.runId);
}

void Tst_RunListModel::sortableColumnsFollowTheServer()
{
    startServer(0);
    const QString definitionId = createDefinition(QStringLiteral("sorted"), {}, QStringLiteral("true"));
    const Run older = launch(definitionId);
    const Run newer = launch(definitionId);

    RunListModel model(m_client.get());
    ModelTesters testers(&model);
    QCOMPARE(model.sortColumn(), int(RunListModel::QueuedAt));
    QCOMPARE(model.sortOrder(), Qt::DescendingOrder);
    for (int column : {RunListModel::Status, RunListModel::Alias, RunListModel::Group, RunListModel::Cluster,
                       RunListModel::QueuedAt, RunListModel::StartedAt, RunListModel::FinishedAt, RunListModel::RunId})
        QVERIFY2(model.isSortable(column), qPrintable(QString::number(column)));
    for (int column : {RunListModel::Duration, RunListModel::ExitCode, RunListModel::User})
        QVERIFY(!model.isSortable(column));

    model.fetchMore({});
    QTRY_COMPARE(model.rowCount(), 2);
    QCOMPARE(model.itemAt(0).runId, newer.runId);
    model.sort(RunListModel::QueuedAt, Qt::AscendingOrder);
    QTRY_VERIFY(model.rowCount() == 2 && model.itemAt(0).runId == older.runId);
    model.sort(RunListModel::ExitCode, Qt::DescendingOrder); // not sortable: ignored
    QCOMPARE(model.sortColumn(), int(RunListModel::QueuedAt));

    // Upstream cannot sort runs by queued_at or alias: newest first falls back to started_at.
    m_client->setFlavour(ServerFlavour::CurrentUpstream);
    QVERIFY(!model.isSortable(RunListModel::QueuedAt));
    QVERIFY(!model.isSortable(RunListModel::Alias));
    QVERIFY(model.isSortable(RunListModel::StartedAt));
    QCOMPARE(model.sortColumn(), int(RunListModel::StartedAt));
    QCOMPARE(model.refreshInterval(), 5000);
}

void Tst_RunListModel::changeFeedUpdatesRowsInPlace()
{
    startServer();
    const QString definitionId = createDefinition(QStringLiteral("fed"), QStringLiteral("g"),
                                                  QStringLiteral("sleep 0.3"));
    RunListModel model(m_client.get());
    model.setRefreshInterval(24 * 3600 * 1000); // only the feed can explain an update
    ModelTesters testers(&model);
    model.fetchMore({});
    QTRY_VERIFY(!model.isLoading() && model.totalCount() == 0);
    QTRY_VERIFY(model.isFollowingChanges());
    QSignalSpy resets(&model, &QAbstractItemModel::modelAboutToBeReset);
    QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    RunListModel active(m_client.get());
    active.setRefreshInterval(24 * 3600 * 1000);
    active.setStatusFilter({RunStatus::Queued, RunStatus::Pending, RunStatus::Running});
    ModelTesters activeTesters(&active);
    active.fetchMore({});
    QTRY_VERIFY(!active.isLoading() && active.isFollowingChanges());
    QSignalSpy activeInserts(&active, &QAbstractItemModel::rowsInserted);

    const Run run = launch(definitionId); // not loaded: the feed's refresh brings it
    QTRY_COMPARE(model.rowCount(), 1);
    QCOMPARE(model.itemAt(0).runId, run.runId);
    // Loaded: each change of it is fetched and put in its row.
    QTRY_COMPARE_WITH_TIMEOUT(model.itemAt(0).status, RunStatus::Stopped, 20000);
    QCOMPARE(model.itemAt(0).exitCode, 0);
    QCOMPARE(inserts.size(), 1);
    QCOMPARE(resets.size(), 0);
    QVERIFY(!changes.isEmpty());
    // A list of active runs shows how the run ended, and counts it out.
    QTRY_VERIFY(!activeInserts.isEmpty());
    QTRY_COMPARE(active.totalCount(), 0);
    QCOMPARE(active.itemAt(0).status, RunStatus::Stopped);
}

void Tst_RunListModel::aRunEndingBetweenTwoReadsOfItStillLeavesTheTotal()
{
    // The run stays QUEUED until it is stopped; the relay is a reverse proxy to the server.
    startServer(0, {QStringLiteral("127.0.0.1")});
    const QString definitionId = createDefinition(QStringLiteral("ending"), {}, QStringLiteral("true"));
    const Run run = launch(definitionId);
    HoldingProxy proxy(m_server->url());
    QVERIFY(proxy.listen());
    FlotillaClient client(proxy.url(), ServerFlavour::ControlPlane);
    client.setBearerToken(QString::fromUtf8(m_server->token()));
    // The feed is healthy before the model loads: no refresh of its own.
    QObject feedKeeper;
    client.changeFeed()->subscribe(&feedKeeper);
    QTRY_VERIFY(client.changeFeed()->isHealthy());
    RunListModel model(&client);
    model.setAutoRefresh(false);
    model.setStatusFilter({RunStatus::Queued});
    ModelTesters testers(&model);
    model.fetchMore({});
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.totalCount(), 1);

    // The order a burst of ending runs makes now and then, one answer at a time.
    const QByteArray runRead = "/history/" + run.runId.toUtf8() + ' ';
    proxy.setHoldRule([&](const QByteArray &line) {
        const bool head = line.contains("/history?") && !line.contains("status=PENDING");
        return head || line.contains(runRead);
    });
    model.refresh(); // its first read, of the newest runs, sees the run queued
    QTRY_COMPARE(proxy.heldRequests().size(), 1);
    QVERIFY(await(m_client->terminate(definitionId, run.runId))->succeeded());
    QTRY_COMPARE(proxy.heldRequests().size(), 2); // the feed's read of the run
    proxy.release(0);
    // The runs not ended no longer include it: the refresh reads it as well.
    QTRY_COMPARE(proxy.heldRequests().size(), 2);
    QVERIFY(proxy.heldRequests().at(1).contains(runRead));
    proxy.setHoldRule({});
    proxy.release(0); // the feed's read puts the end in the row first
    QTRY_COMPARE(model.itemAt(0).status, RunStatus::Stopped);
    QCOMPARE(model.totalCount(), 1);
    proxy.release(0); // after the refresh's own read, the filter's total follows
    QTRY_COMPARE(model.totalCount(), 0);
    QCOMPARE(model.rowCount(), 1);
}

void Tst_RunListModel::durationTicksForRunningRuns()
{
    startServer();
    const QString definitionId = createDefinition(QStringLiteral("long"), {}, QStringLiteral("sleep 30"));
    launch(definitionId);
    RunListModel model(m_client.get());
    model.setRefreshInterval(50);
    ModelTesters testers(&model);
    model.fetchMore({});
    QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() == 1 && model.itemAt(0).status == RunStatus::Running, 20000);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(changed.cbegin(), changed.cend(),
                                         [](const QList<QVariant> &arguments) {
                                             return arguments.at(0).toModelIndex().column() == RunListModel::Duration
                                                    && arguments.at(1).toModelIndex().column()
                                                           == RunListModel::Duration;
                                         }),
                             5000);
    QVERIFY(model.index(0, RunListModel::Duration).data(RunListModel::DurationRole).toLongLong() >= 0);
    QVERIFY(!model.index(0, RunListModel::Duration).data().toString().isEmpty());
}

void Tst_RunListModel::errorsAreReportedAndStopPaging()
{
    startServer(0);
    RunListModel model(m_client.get());
    ModelTesters testers(&model);
    QSignalSpy errors(&model, &PagedTableModel::errorOccurred);
    QSignalSpy loading(&model, &PagedTableModel::loadingChanged);
    model.setDefinitionId(QStringLiteral("no-such-definition"));
    QVERIFY(errors.wait(10000));
    const ApiError error = errors.first().value(0).value<ApiError>();
    QCOMPARE(error.httpStatus(), 404);
    QVERIFY(error.sentence().contains(QStringLiteral("no-such-definition")));
    QVERIFY(!model.isLoading());
    QVERIFY(!model.canFetchMore({}));
    QCOMPARE(model.lastError().httpStatus(), 404);
    QVERIFY(loading.size() >= 2);
    QCOMPARE(loading.last().value(0).toBool(), false);
}

QTEST_GUILESS_MAIN(Tst_RunListModel)
#include "tst_runlistmodel.moc"
