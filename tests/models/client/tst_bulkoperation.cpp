// BulkOperation: runs stopped through a real control plane, and, against an
// upstream imitation that counts requests, each item asked for once, failures
// reported item by item, at most four items at once, and abort().
#include "awaitjob.h"
#include "fixtureserver.h"
#include "testserver.h"

#include <client/bulkoperation.h>
#include <client/flotillaclient.h>

#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

const QString definitionId = QStringLiteral("def-1");

QString runPath(const QString &runId)
{
    return QStringLiteral("/api/v1/task/%1/history/%2").arg(definitionId, runId);
}

QList<BulkItem> runItems(int count)
{
    QList<BulkItem> items;
    for (int i = 1; i <= count; ++i)
        items.append({QStringLiteral("run-%1").arg(i), QStringLiteral("alias-%1").arg(i)});
    return items;
}

} // namespace

class Tst_BulkOperation final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void stopsEveryRunOnTheControlPlane();
    void asksForEachItemOnce();
    void partialFailureIsReportedItemByItem();
    void laterStepsFollowASuccess();
    void atMostFourItemsAtOnce();
    void abortEndsAtOnce();
    void nothingToDoFinishesOnce();

private:
    // Stops each item's run of definitionId through `client`.
    static BulkOperation::Step terminateStep(FlotillaClient *client);

    std::unique_ptr<FixtureServer> m_upstream;
    std::unique_ptr<FlotillaClient> m_client;
};

void Tst_BulkOperation::init()
{
    m_upstream = std::make_unique<FixtureServer>();
    QVERIFY(m_upstream->listen());
    m_client = std::make_unique<FlotillaClient>(m_upstream->url(), ServerFlavour::SeedEra);
}

void Tst_BulkOperation::cleanup()
{
    m_client.reset();
    m_upstream.reset();
}

BulkOperation::Step Tst_BulkOperation::terminateStep(FlotillaClient *client)
{
    return [client](const BulkItem &item, const ApiJob *previous) -> ApiJob * {
        return previous ? nullptr : client->terminate(definitionId, item.id);
    };
}

void Tst_BulkOperation::stopsEveryRunOnTheControlPlane()
{
    TestServer server;
    QVERIFY(server.start());
    FlotillaClient client(server.url(), ServerFlavour::ControlPlane);
    client.setBearerToken(QString::fromUtf8(server.token()));
    HttpTestClient http(server);
    const QString id = createDefinition(http, {{"alias", "bulk-stop"}, {"image", "none"}, {"command", "sleep 600"}});
    QList<BulkItem> items;
    for (int i = 0; i < 5; ++i)
        items.append({QString::fromStdString(launch(http, id).value("run_id", "")), QStringLiteral("bulk-stop")});

    BulkOperation operation(items, [&client, id](const BulkItem &item, const ApiJob *previous) -> ApiJob * {
        return previous ? nullptr : client.terminate(id, item.id);
    });
    QSignalSpy progress(&operation, &BulkOperation::progress);
    QSignalSpy finished(&operation, &BulkOperation::finished);
    operation.start();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(operation.failures().size(), 0);
    QCOMPARE(operation.succeeded().size(), 5);
    QCOMPARE(progress.size(), 5);
    QCOMPARE(progress.constLast(), QVariantList({5, 5}));
    for (const BulkItem &item : items) {
        const Json run = waitForStatus(http, item.id, "STOPPED");
        QCOMPARE(QString::fromStdString(run.value("exit_reason", "")), QStringLiteral("Task terminated by user"));
    }
}

void Tst_BulkOperation::asksForEachItemOnce()
{
    m_upstream->setHandler([](const FixtureRequest &request) -> std::optional<FixtureResponse> {
        if (request.method != "DELETE")
            return std::nullopt;
        return FixtureResponse::json(R"({"terminated":true})");
    });
    const QList<BulkItem> items = runItems(5);
    BulkOperation operation(items, terminateStep(m_client.get()));
    QSignalSpy finished(&operation, &BulkOperation::finished);
    operation.start();
    QVERIFY(finished.wait(10000));
    QCOMPARE(operation.succeeded().size(), 5);
    QCOMPARE(m_upstream->requests().size(), 5);
    for (const BulkItem &item : items)
        QCOMPARE(m_upstream->count("DELETE", runPath(item.id).toUtf8()), 1);
}

void Tst_BulkOperation::partialFailureIsReportedItemByItem()
{
    m_upstream->setHandler([](const FixtureRequest &request) -> std::optional<FixtureResponse> {
        if (request.path.endsWith("/run-3"))
            return FixtureResponse{404, "application/json; charset=utf-8", R"({"error":"Run with id run-3 not found"})",
                                   false};
        if (request.path.endsWith("/run-5"))
            return FixtureResponse{500, "application/json; charset=utf-8", R"({"error":"ECS said no"})", false};
        return FixtureResponse::json(R"({"terminated":true})");
    });
    BulkOperation operation(runItems(5), terminateStep(m_client.get()));
    QSignalSpy succeeded(&operation, &BulkOperation::itemSucceeded);
    QSignalSpy finished(&operation, &BulkOperation::finished);
    operation.start();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(succeeded.size(), 3);
    QCOMPARE(operation.doneCount(), 5);
    QCOMPARE(operation.failures().size(), 2);
    QList<BulkFailure> failures = operation.failures();
    std::sort(failures.begin(), failures.end(),
              [](const BulkFailure &a, const BulkFailure &b) { return a.item.id < b.item.id; });
    QCOMPARE(failures[0].item.id, QStringLiteral("run-3"));
    QCOMPARE(failures[0].item.name, QStringLiteral("alias-3"));
    QCOMPARE(failures[0].error.httpStatus(), 404);
    QCOMPARE(failures[0].error.serverMessage(), QStringLiteral("Run with id run-3 not found"));
    QCOMPARE(failures[1].item.id, QStringLiteral("run-5"));
    QCOMPARE(failures[1].error.serverMessage(), QStringLiteral("ECS said no"));
    // Nothing was sent again, not even the server error.
    QCOMPARE(m_upstream->requests().size(), 5);
    QCOMPARE(m_upstream->count("DELETE", runPath(QStringLiteral("run-5")).toUtf8()), 1);
}

void Tst_BulkOperation::laterStepsFollowASuccess()
{
    // A stop that reads the run first, as the CLI's stop does.
    m_upstream->setHandler([](const FixtureRequest &request) -> std::optional<FixtureResponse> {
        if (request.method == "GET" && request.path.endsWith("/run-2"))
            return FixtureResponse{404, "application/json; charset=utf-8", R"({"error":"no run-2"})", false};
        if (request.method == "GET")
            return FixtureResponse::json(QByteArray(R"({"run_id":")") + request.path.split('/').constLast()
                                         + R"(","definition_id":"def-1","status":"RUNNING"})");
        return FixtureResponse::json(R"({"terminated":true})");
    });
    FlotillaClient *client = m_client.get();
    BulkOperation operation(runItems(3), [client](const BulkItem &item, const ApiJob *previous) -> ApiJob * {
        if (!previous)
            return client->run(item.id);
        if (const auto *read = dynamic_cast<const ResultJob<Run> *>(previous))
            return client->terminate(read->result().definitionId, read->result().runId);
        return nullptr;
    });
    QSignalSpy finished(&operation, &BulkOperation::finished);
    operation.start();
    QVERIFY(finished.wait(10000));
    QCOMPARE(operation.succeeded().size(), 2);
    QCOMPARE(operation.failures().size(), 1);
    QCOMPARE(operation.failures().constFirst().item.id, QStringLiteral("run-2"));
    QCOMPARE(m_upstream->count("DELETE", runPath(QStringLiteral("run-1")).toUtf8()), 1);
    QCOMPARE(m_upstream->count("DELETE", runPath(QStringLiteral("run-2")).toUtf8()), 0);
    QCOMPARE(m_upstream->count("DELETE", runPath(QStringLiteral("run-3")).toUtf8()), 1);
}

void Tst_BulkOperation::atMostFourItemsAtOnce()
{
    // run-1 is answered; the others never are, so four stay under way.
    m_upstream->setHandler([](const FixtureRequest &request) -> std::optional<FixtureResponse> {
        if (request.path.endsWith("/run-1"))
            return FixtureResponse::json(R"({"terminated":true})");
        FixtureResponse silence;
        silence.neverAnswer = true;
        return silence;
    });
    BulkOperation operation(runItems(10), terminateStep(m_client.get()));
    QCOMPARE(operation.concurrency(), 4);
    QSignalSpy progress(&operation, &BulkOperation::progress);
    operation.start();
    QCOMPARE(operation.inFlight(), 4);
    QVERIFY(progress.wait(10000));
    QCOMPARE(progress.constFirst(), QVariantList({1, 10}));
    QCOMPARE(operation.inFlight(), 4); // run-5 took run-1's place
    QTRY_COMPARE(m_upstream->requests().size(), 5);
    QCOMPARE(m_upstream->count("DELETE", runPath(QStringLiteral("run-5")).toUtf8()), 1);
    QCOMPARE(m_upstream->count("DELETE", runPath(QStringLiteral("run-6")).toUtf8()), 0);
    operation.abort();
}

void Tst_BulkOperation::abortEndsAtOnce()
{
    FixtureResponse silence;
    silence.neverAnswer = true;
    m_upstream->setHandler([silence](const FixtureRequest &) { return std::optional(silence); });
    BulkOperation operation(runItems(6), terminateStep(m_client.get()));
    QSignalSpy finished(&operation, &BulkOperation::finished);
    QSignalSpy progress(&operation, &BulkOperation::progress);
    operation.start();
    QTRY_COMPARE(m_upstream->requests().size(), 4);
    operation.abort();
    QCOMPARE(finished.size(), 1);
    QVERIFY(operation.wasAborted());
    QCOMPARE(operation.inFlight(), 0);
    QCOMPARE(operation.doneCount(), 0);
    QCOMPARE(progress.size(), 0);
    operation.abort();
    QCOMPARE(finished.size(), 1);
}

void Tst_BulkOperation::nothingToDoFinishesOnce()
{
    BulkOperation operation({}, terminateStep(m_client.get()));
    QSignalSpy finished(&operation, &BulkOperation::finished);
    operation.start();
    QCOMPARE(finished.size(), 0); // not from inside start()
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(operation.total(), 0);
}

QTEST_GUILESS_MAIN(Tst_BulkOperation)
#include "tst_bulkoperation.moc"
