// WatchPoller: one list request a cycle serves every watch, against an
// imitation of upstream over real HTTP and against our control plane.
#include "awaitjob.h"
#include "fixtureserver.h"
#include "testserver.h"

#include <client/changefeed.h>
#include <client/flotillaclient.h>
#include <client/watchlist.h>
#include <client/watchpoller.h>

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

const QString profile = QStringLiteral("prod");

// The runs an imitated upstream knows; stopping one dates it after the others.
class FakeRuns
{
public:
    void add(const QString &runId, const QString &definitionId = QStringLiteral("def-1"))
    {
        Run run;
        run.runId = runId;
        run.definitionId = definitionId;
        run.alias = QStringLiteral("nightly");
        run.status = RunStatus::Running;
        run.queuedAt = QDateTime(QDate(2026, 1, 1), QTime(8, 0), Qt::UTC);
        run.startedAt = run.queuedAt;
        m_runs.append(run);
    }
    void stop(const QString &runId, qint64 exitCode)
    {
        for (Run &run : m_runs) {
            if (run.runId == runId) {
                run.status = RunStatus::Stopped;
                run.exitCode = exitCode;
                run.exitReason = QStringLiteral("Error");
                run.finishedAt = run.startedAt->addSecs(60 + m_stopped++);
            }
        }
    }
    std::optional<FixtureResponse> answer(const FixtureRequest &request) const
    {
        const QByteArray prefix = "/api/v6/history";
        if (request.method != "GET" || !request.path.startsWith(prefix))
            return std::nullopt;
        if (request.path.size() > prefix.size()) {
            const QString runId = QString::fromUtf8(request.path.mid(prefix.size() + 1));
            for (const Run &run : m_runs) {
                if (run.runId == runId)
                    return FixtureResponse::json(QByteArray::fromStdString(run.toJson().dump()));
            }
            return FixtureResponse{404, "application/json", R"({"error":"no such run"})", false};
        }
        const QStringList statuses = request.query.allQueryItemValues(QStringLiteral("status"));
        QList<Run> matching;
        for (const Run &run : m_runs) {
            if (statuses.contains(runStatusName(run.status)))
                matching.append(run);
        }
        if (statuses == QStringList{QStringLiteral("STOPPED")})
            std::sort(matching.begin(), matching.end(),
                      [](const Run &a, const Run &b) { return *a.finishedAt > *b.finishedAt; });
        const qsizetype limit = request.query.queryItemValue(QStringLiteral("limit")).toLongLong();
        Json history = Json::array();
        for (const Run &run : matching.first(std::min(limit, matching.size())))
            history.push_back(run.toJson());
        const Json list{{"history", history}, {"total", matching.size()}, {"limit", limit}, {"offset", 0}};
        return FixtureResponse::json(QByteArray::fromStdString(list.dump()));
    }

private:
    QList<Run> m_runs;
    int m_stopped = 0;
};

int countRequests(const FixtureServer &server, bool lists)
{
    const QList<FixtureRequest> requests = server.requests();
    return int(std::count_if(requests.cbegin(), requests.cend(), [lists](const FixtureRequest &request) {
        return (request.path == "/api/v6/history") == lists;
    }));
}

int countActiveLists(const FixtureServer &server)
{
    const QList<FixtureRequest> requests = server.requests();
    return int(std::count_if(requests.cbegin(), requests.cend(), [](const FixtureRequest &request) {
        return request.path == "/api/v6/history"
               && request.query.allQueryItemValues(QStringLiteral("status"))
                      == QStringList{QStringLiteral("QUEUED"), QStringLiteral("PENDING"), QStringLiteral("RUNNING")};
    }));
}

QStringList runIds(const QList<QVariantList> &signalArguments)
{
    QStringList ids;
    for (const QVariantList &arguments : signalArguments)
        ids.append(arguments.value(0).value<Run>().runId);
    ids.sort();
    return ids;
}

} // namespace

class Tst_WatchPoller final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void twentyWatchesOneRequestACycle();
    void definitionWatchFollowsNewRuns();
    void anUnknownRunIsDroppedQuietly();
    void followsARunOfTheLocalServer();

private:
    QTemporaryDir m_settingsDir;
};

void Tst_WatchPoller::initTestCase()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
}

void Tst_WatchPoller::init()
{
    QSettings(QStringLiteral("flotilla"), QStringLiteral("flotilla")).clear();
}

void Tst_WatchPoller::twentyWatchesOneRequestACycle()
{
    FakeRuns runs;
    QStringList watched;
    for (int i = 0; i < 20; ++i) {
        watched.append(QStringLiteral("run-%1").arg(i, 2, 10, QLatin1Char('0')));
        runs.add(watched.last());
    }
    runs.add(QStringLiteral("not-watched"));
    FixtureServer server;
    QVERIFY(server.listen());
    server.setHandler([&runs](const FixtureRequest &request) { return runs.answer(request); });
    FlotillaClient client(server.url(), ServerFlavour::CurrentUpstream);
    WatchList watches;
    watches.watchRuns(profile, watched);
    WatchPoller poller(&watches, profile);
    poller.setInterval(10);
    QSignalSpy changed(&poller, &WatchPoller::watchedRunChanged);
    QSignalSpy finished(&poller, &WatchPoller::watchedRunFinished);
    poller.setClient(&client);

    // The first cycle: the active list, and the recent ones once.
    QTRY_COMPARE(changed.size(), 20);
    QTRY_VERIFY(countActiveLists(server) >= 6);
    poller.setClient(nullptr);
    QCOMPARE(countRequests(server, true), countActiveLists(server) + 1);
    QCOMPARE(countRequests(server, false), 0); // no request per run, ever
    QCOMPARE(poller.activeRuns().size(), 21);
    QVERIFY(finished.isEmpty());

    // One ends: found among the recently finished, no fetch of its own.
    runs.stop(watched.at(3), 1);
    poller.setClient(&client);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.first().value(0).value<Run>().runId, watched.at(3));
    QCOMPARE(finished.first().value(0).value<Run>().exitCode, 1);
    QVERIFY(!watches.isRunWatched(profile, watched.at(3)));
    QCOMPARE(countRequests(server, false), 0);

    // Seven end at once: five are among the recent ones, two are fetched once each.
    for (int i = 10; i < 17; ++i)
        runs.stop(watched.at(i), 0);
    QTRY_COMPARE(finished.size(), 8);
    const int listsThen = countActiveLists(server);
    QTRY_VERIFY(countActiveLists(server) >= listsThen + 3);
    QCOMPARE(finished.size(), 8); // exactly once each
    QCOMPARE(countRequests(server, false), 2);
    QCOMPARE(watches.watchedRuns(profile).size(), 12);
    QCOMPARE(poller.recentlyFinished().size(), WatchPoller::recentlyFinishedCount);
    QCOMPARE(poller.activeRuns().size(), 13);
}

void Tst_WatchPoller::definitionWatchFollowsNewRuns()
{
    FakeRuns runs;
    runs.add(QStringLiteral("other"), QStringLiteral("def-2"));
    FixtureServer server;
    QVERIFY(server.listen());
    server.setHandler([&runs](const FixtureRequest &request) { return runs.answer(request); });
    FlotillaClient client(server.url(), ServerFlavour::CurrentUpstream);
    WatchList watches;
    watches.watchDefinition(profile, QStringLiteral("def-1"));
    WatchPoller poller(&watches, profile);
    poller.setInterval(10);
    QSignalSpy changed(&poller, &WatchPoller::watchedRunChanged);
    QSignalSpy finished(&poller, &WatchPoller::watchedRunFinished);
    poller.setClient(&client);
    QTRY_VERIFY(countActiveLists(server) >= 2);
    QVERIFY(changed.isEmpty()); // a run of another definition

    runs.add(QStringLiteral("new-1"));
    QTRY_COMPARE(changed.size(), 1);
    QCOMPARE(changed.first().value(0).value<Run>().runId, QStringLiteral("new-1"));
    runs.stop(QStringLiteral("new-1"), 2);
    QTRY_COMPARE(finished.size(), 1);
    // One that starts and ends between two polls is reported too.
    poller.setClient(nullptr);
    runs.add(QStringLiteral("quick"));
    runs.stop(QStringLiteral("quick"), 0);
    poller.setClient(&client);
    QTRY_COMPARE(finished.size(), 2);
    QCOMPARE(runIds(finished), (QStringList{QStringLiteral("new-1"), QStringLiteral("quick")}));
    QVERIFY(watches.isDefinitionWatched(profile, QStringLiteral("def-1"))); // it goes on
}

void Tst_WatchPoller::anUnknownRunIsDroppedQuietly()
{
    FakeRuns runs;
    FixtureServer server;
    QVERIFY(server.listen());
    server.setHandler([&runs](const FixtureRequest &request) { return runs.answer(request); });
    FlotillaClient client(server.url(), ServerFlavour::CurrentUpstream);
    WatchList watches;
    watches.watchRun(profile, QStringLiteral("gone"));
    WatchPoller poller(&watches, profile);
    QSignalSpy errors(&poller, &WatchPoller::errorOccurred);
    QSignalSpy finished(&poller, &WatchPoller::watchedRunFinished);
    poller.setClient(&client);
    QTRY_VERIFY(!watches.isRunWatched(profile, QStringLiteral("gone")));
    QVERIFY(errors.isEmpty());
    QVERIFY(finished.isEmpty());
}

void Tst_WatchPoller::followsARunOfTheLocalServer()
{
    TestServer server;
    QVERIFY(server.start());
    FlotillaClient client(server.url(), ServerFlavour::ControlPlane);
    client.setBearerToken(QString::fromUtf8(server.token()));
    Definition definition;
    definition.alias = QStringLiteral("watched-locally");
    definition.image = QStringLiteral("none");
    definition.command = QStringLiteral("sleep 0.3; exit 2");
    const QString definitionId = await(client.createDefinition(definition))->result().definitionId;
    LaunchRequest request;
    request.ownerId = QStringLiteral("tester");
    const Run run = await(client.launch(definitionId, request))->result();
    QVERIFY(!run.runId.isEmpty());

    WatchList watches;
    watches.watchRun(QStringLiteral("local"), run.runId);
    WatchPoller poller(&watches, QStringLiteral("local"));
    poller.setInterval(24 * 3600 * 1000); // the change feed, not the timer, brings the end
    QSignalSpy finished(&poller, &WatchPoller::watchedRunFinished);
    poller.setClient(&client);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    const Run ended = finished.first().value(0).value<Run>();
    QCOMPARE(ended.runId, run.runId);
    QCOMPARE(ended.exitCode, 2);
    QVERIFY(watches.watchedRuns(QStringLiteral("local")).isEmpty());
    QVERIFY(client.changeFeed()->isHealthy());
}

QTEST_GUILESS_MAIN(Tst_WatchPoller)
#include "tst_watchpoller.moc"
