// The change feed of /api/v6/changes, our extension, over real HTTP against
// a real control plane: numbers, answers at once and held ones, the reload
// marker and the parameters it refuses.
#include "jsoncompare.h"
#include "testserver.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

Json definitionBody(const char *alias)
{
    return Json{{"alias", alias}, {"image", "busybox"}, {"command", "echo fed"}, {"memory", 64}};
}

QStringList changeList(const Json &answer)
{
    QStringList changes;
    for (const Json &change : answer.value("changes", Json::array()))
        changes.append(QString::fromStdString(change.value("kind", "") + ' ' + change.value("id", "")));
    return changes;
}

} // namespace

class Tst_ChangeController final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void withoutSinceAnswersTheLatestNumber();
    void answersAtOnceWithWhatChanged();
    void heldUntilARunIsLaunched();
    void heldAnsweredEmptyAtTheDeadline();
    void prunedSinceAsksForAReload();
    void refusesBadParameters_data();
    void refusesBadParameters();
    void needsTheToken();

private:
    qint64 latestSeq();

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpTestClient> m_client;
};

void Tst_ChangeController::init()
{
    m_server = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_client = std::make_unique<HttpTestClient>(*m_server);
}

void Tst_ChangeController::cleanup()
{
    m_client.reset();
    m_server.reset();
}

qint64 Tst_ChangeController::latestSeq()
{
    return m_client->get(QStringLiteral("/api/v6/changes")).json().value("seq", qint64(-1));
}

void Tst_ChangeController::withoutSinceAnswersTheLatestNumber()
{
    const HttpResult empty = m_client->get(QStringLiteral("/api/v6/changes?wait=30"));
    QCOMPARE(empty.status, 200);
    JSON_COMPARE(empty.json(), Json::parse(R"({"seq": 0, "reset": false, "changes": []})"));
    QVERIFY(!createDefinition(*m_client, definitionBody("one")).isEmpty());
    QCOMPARE(latestSeq(), qint64(1));
}

void Tst_ChangeController::answersAtOnceWithWhatChanged()
{
    const QString definitionId = createDefinition(*m_client, definitionBody("fed"));
    QVERIFY(!definitionId.isEmpty());
    const QString runId = QString::fromStdString(launch(*m_client, definitionId).value("run_id", ""));
    QVERIFY(!runId.isEmpty());
    waitForStatus(*m_client, runId, "STOPPED");
    const qint64 seq = latestSeq();
    QVERIFY(seq > 2); // the launch and the run's steps

    const Json answer = m_client->get(QStringLiteral("/api/v6/changes?since=0&wait=30")).json();
    JSON_COMPARE(answer["seq"], seq);
    JSON_COMPARE(answer["reset"], false);
    // Each item once, at its latest number.
    QCOMPARE(changeList(answer),
             QStringList({QStringLiteral("definition ") + definitionId, QStringLiteral("run ") + runId}));
    JSON_COMPARE(answer["changes"][1]["seq"], seq);
    QVERIFY(answer["changes"][0]["seq"].get<qint64>() < seq);

    // From the definition's number on, only the run.
    const qint64 afterDefinition = answer["changes"][0]["seq"].get<qint64>();
    QCOMPARE(changeList(m_client->get(QStringLiteral("/api/v6/changes?since=%1").arg(afterDefinition)).json()),
             QStringList{QStringLiteral("run ") + runId});
    // Nothing new and no wait: at once, empty.
    const Json none = m_client->get(QStringLiteral("/api/v6/changes?since=%1&wait=0").arg(seq)).json();
    JSON_COMPARE(none, Json({{"seq", seq}, {"reset", false}, {"changes", Json::array()}}));
}

void Tst_ChangeController::heldUntilARunIsLaunched()
{
    const QString definitionId = createDefinition(*m_client, definitionBody("held"));
    QVERIFY(!definitionId.isEmpty());
    const qint64 seq = latestSeq();
    RawClient held;
    QVERIFY(sendHeld(held, *m_server, QStringLiteral("/api/v6/changes?since=%1&wait=30").arg(seq)));

    const QString runId = QString::fromStdString(launch(*m_client, definitionId).value("run_id", ""));
    QVERIFY(!runId.isEmpty());
    // Well before the 30 s of its wait.
    const std::optional<RawResponse> answer = held.readResponse(5000);
    QVERIFY(answer);
    QCOMPARE(answer->status, 200);
    QVERIFY2(changeList(answer->json()).contains(QStringLiteral("run ") + runId), answer->body.constData());
    QVERIFY(answer->json()["seq"].get<qint64>() > seq);
}

void Tst_ChangeController::heldAnsweredEmptyAtTheDeadline()
{
    QVERIFY(!createDefinition(*m_client, definitionBody("quiet")).isEmpty());
    RawClient held;
    QVERIFY(sendHeld(held, *m_server, QStringLiteral("/api/v6/changes?since=1&wait=1")));
    const std::optional<RawResponse> answer = held.readResponse();
    QVERIFY(answer);
    QCOMPARE(answer->status, 200);
    JSON_COMPARE(answer->json(), Json::parse(R"({"seq": 1, "reset": false, "changes": []})"));
}

void Tst_ChangeController::prunedSinceAsksForAReload()
{
    for (const char *alias : {"a", "b", "c"})
        QVERIFY(!createDefinition(*m_client, definitionBody(alias)).isEmpty());
    // Numbers 1 and 2 leave the window, as 10,000 later writes would prune them.
    m_client.reset();
    m_server->stop();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("prune"));
        db.setDatabaseName(m_server->dataDir() + QStringLiteral("/flotilla.sqlite"));
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("DELETE FROM changes WHERE seq <= 2")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("prune"));
    QVERIFY(m_server->start());
    m_client = std::make_unique<HttpTestClient>(*m_server);

    for (const char *since : {"0", "1"}) {
        const HttpResult answer = m_client->get(QStringLiteral("/api/v6/changes?since=%1&wait=30").arg(since));
        QCOMPARE(answer.status, 200);
        JSON_COMPARE(answer.json(), Json::parse(R"({"seq": 3, "reset": true, "changes": []})"));
    }
    // From 2 on the feed still knows everything.
    const Json kept = m_client->get(QStringLiteral("/api/v6/changes?since=2")).json();
    JSON_COMPARE(kept["reset"], false);
    QCOMPARE(kept["changes"].size(), 1u);
}

void Tst_ChangeController::refusesBadParameters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("message");
    QTest::newRow("since not a number") << "since=abc"
                                        << "since must be the seq of an earlier answer";
    QTest::newRow("since negative") << "since=-1"
                                    << "not \"-1\"";
    QTest::newRow("since fraction") << "since=1.5"
                                    << "not \"1.5\"";
    QTest::newRow("since ahead") << "since=5"
                                 << "since 5 is ahead of this server's latest change 1";
    QTest::newRow("wait too long") << "since=0&wait=31"
                                   << "wait must be whole seconds from 0 to 30, not \"31\"";
    QTest::newRow("wait negative") << "since=0&wait=-1"
                                   << "not \"-1\"";
    QTest::newRow("wait not a number") << "wait=soon"
                                       << "not \"soon\"";
}

void Tst_ChangeController::refusesBadParameters()
{
    QFETCH(QString, query);
    QFETCH(QString, message);
    QVERIFY(!createDefinition(*m_client, definitionBody("one")).isEmpty());
    const HttpResult answer = m_client->get(QStringLiteral("/api/v6/changes?") + query);
    QCOMPARE(answer.status, 400);
    const QString error = QString::fromStdString(answer.json().value("error", ""));
    QVERIFY2(error.contains(message), qPrintable(error));
}

void Tst_ChangeController::needsTheToken()
{
    HttpTestClient stranger(m_server->url());
    QCOMPARE(stranger.get(QStringLiteral("/api/v6/changes")).status, 401);
    // A web page's request, after DNS rebinding or from its own origin, never reaches it.
    QCOMPARE(m_client->request("GET", QStringLiteral("/api/v6/changes"), {}, {{"Host", "attacker.example"}}).status,
             421);
    QCOMPARE(m_client->request("GET", QStringLiteral("/api/v6/changes"), {}, {{"Origin", "http://attacker.example"}})
                 .status,
             403);
}

QTEST_MAIN(Tst_ChangeController)
#include "tst_changecontroller.moc"
