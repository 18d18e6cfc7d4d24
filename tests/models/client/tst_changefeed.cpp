// ChangeFeed: one long poll of our control plane's change feed per client.
#include "awaitjob.h"
#include "fixtureserver.h"
#include "testserver.h"

#include <client/changefeed.h>
#include <client/flotillaclient.h>

#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_ChangeFeed final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void oneRequestServesEverySubscriber();
    void stopsWithTheLastSubscriber();
    void resetAsksForAReload();
    void malformedAnswerIsAClearError();
    void olderServerLeavesItUnhealthy();
    void otherFlavoursSendNothing();
    void resumesAfterTheServerComesBack();

private:
    QString createDefinition(const QString &alias);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FlotillaClient> m_client;
};

void Tst_ChangeFeed::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(m_server->start());
    m_client = std::make_unique<FlotillaClient>(m_server->url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server->token()));
}

void Tst_ChangeFeed::cleanup()
{
    m_client.reset();
    m_server.reset();
}

QString Tst_ChangeFeed::createDefinition(const QString &alias)
{
    Definition definition;
    definition.alias = alias;
    definition.image = QStringLiteral("none");
    definition.command = QStringLiteral("true");
    return await(m_client->createDefinition(definition))->result().definitionId;
}

void Tst_ChangeFeed::oneRequestServesEverySubscriber()
{
    ChangeFeed *feed = m_client->changeFeed();
    QCOMPARE(m_client->changeFeed(), feed);
    QObject first, second, third;
    QSignalSpy healthy(feed, &ChangeFeed::healthyChanged);
    QSignalSpy changed(feed, &ChangeFeed::changed);
    feed->subscribe(&first);
    feed->subscribe(&second);
    feed->subscribe(&third);
    QVERIFY(healthy.wait());
    QVERIFY(feed->isHealthy());
    QCOMPARE(feed->requestsSent(), 2); // the latest number, then the held request

    const QString definitionId = createDefinition(QStringLiteral("fed"));
    QTRY_COMPARE(changed.size(), 1);
    const auto changes = changed.first().first().value<QList<FeedChange>>();
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.first().kind, QStringLiteral("definition"));
    QCOMPARE(changes.first().id, definitionId);
    QCOMPARE(changes.first().seq, feed->seq());
    QCOMPARE(feed->requestsSent(), 3); // one held request again, for all three
}

void Tst_ChangeFeed::stopsWithTheLastSubscriber()
{
    ChangeFeed *feed = m_client->changeFeed();
    QSignalSpy healthy(feed, &ChangeFeed::healthyChanged);
    {
        QObject subscriber;
        feed->subscribe(&subscriber);
        QVERIFY(healthy.wait());
    } // destroyed: unsubscribed
    QCOMPARE(healthy.size(), 2);
    QCOMPARE(healthy.last().first().toBool(), false);
    QCOMPARE(feed->seq(), -1);
    const QList<ApiJob *> jobs = m_client->findChildren<ApiJob *>();
    QVERIFY(std::all_of(jobs.cbegin(), jobs.cend(), [](ApiJob *job) { return job->isFinished(); })); // none held
}

void Tst_ChangeFeed::resetAsksForAReload()
{
    FixtureServer fixture;
    QVERIFY(fixture.listen());
    fixture.setHandler([](const FixtureRequest &request) -> std::optional<FixtureResponse> {
        if (request.path != "/api/v6/changes")
            return std::nullopt;
        if (!request.query.hasQueryItem(QStringLiteral("since")))
            return FixtureResponse::json(R"({"seq":5,"reset":false,"changes":[]})");
        if (request.query.queryItemValue(QStringLiteral("since")) == u"5")
            return FixtureResponse::json(R"({"seq":20000,"reset":true,"changes":[]})");
        return FixtureResponse{200, "application/json", {}, true}; // held
    });
    FlotillaClient client(fixture.url(), ServerFlavour::ControlPlane);
    QObject subscriber;
    QSignalSpy reset(client.changeFeed(), &ChangeFeed::resetRequired);
    client.changeFeed()->subscribe(&subscriber);
    QVERIFY(reset.wait());
    QCOMPARE(client.changeFeed()->seq(), 20000);
    QVERIFY(client.changeFeed()->isHealthy());
}

void Tst_ChangeFeed::malformedAnswerIsAClearError()
{
    FixtureServer fixture;
    QVERIFY(fixture.listen());
    fixture.serve("GET", "/api/v6/changes", FixtureResponse::json(R"({"changes":[]})"));
    FlotillaClient client(fixture.url(), ServerFlavour::ControlPlane);
    QObject subscriber;
    QSignalSpy failed(client.changeFeed(), &ChangeFeed::errorOccurred);
    client.changeFeed()->subscribe(&subscriber);
    QVERIFY(failed.wait());
    const QString message = failed.first().first().value<ApiError>().sentence();
    QVERIFY2(message.contains(u"`seq`"), qPrintable(message));
    QVERIFY(!client.changeFeed()->isHealthy());
}

void Tst_ChangeFeed::olderServerLeavesItUnhealthy()
{
    FixtureServer fixture; // no such route: upstream's router 404
    QVERIFY(fixture.listen());
    FlotillaClient client(fixture.url(), ServerFlavour::ControlPlane);
    ChangeFeed *feed = client.changeFeed();
    feed->setRetryInterval(20);
    QObject subscriber;
    QSignalSpy failed(feed, &ChangeFeed::errorOccurred);
    QSignalSpy healthy(feed, &ChangeFeed::healthyChanged);
    feed->subscribe(&subscriber);
    QTRY_VERIFY(failed.size() >= 2); // tried again after the retry interval
    QCOMPARE(failed.first().first().value<ApiError>().httpStatus(), 404);
    QVERIFY(healthy.isEmpty());
}

void Tst_ChangeFeed::otherFlavoursSendNothing()
{
    FixtureServer fixture;
    QVERIFY(fixture.listen());
    for (ServerFlavour flavour : {ServerFlavour::CurrentUpstream, ServerFlavour::SeedEra}) {
        FlotillaClient client(fixture.url(), flavour);
        QObject subscriber;
        client.changeFeed()->subscribe(&subscriber);
        QVERIFY(!client.changeFeed()->isHealthy());
        QCOMPARE(client.changeFeed()->requestsSent(), 0);
    }
    QCOMPARE(fixture.requests().size(), 0);
}

void Tst_ChangeFeed::resumesAfterTheServerComesBack()
{
    ChangeFeed *feed = m_client->changeFeed();
    feed->setRetryInterval(50);
    QObject subscriber;
    QSignalSpy healthy(feed, &ChangeFeed::healthyChanged);
    feed->subscribe(&subscriber);
    QVERIFY(healthy.wait());
    m_server->stop(); // the held request ends with the connection
    QTRY_VERIFY(!feed->isHealthy());
    QVERIFY(m_server->start());
    m_client->setBaseUrl(m_server->url());
    m_client->setBearerToken(QString::fromUtf8(m_server->token()));
    QTRY_VERIFY(feed->isHealthy());
    QSignalSpy changed(feed, &ChangeFeed::changed);
    createDefinition(QStringLiteral("after-restart"));
    QTRY_COMPARE(changed.size(), 1);
}

QTEST_GUILESS_MAIN(Tst_ChangeFeed)
#include "tst_changefeed.moc"
