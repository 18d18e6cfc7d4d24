// LogTailer: every line once, in order, across token styles, idle back-off,
// raw text and a control plane restarted in the middle of a run.
#include "awaitjob.h"
#include "fixtureserver.h"
#include "testserver.h"

#include <client/flotillaclient.h>
#include <client/logtailer.h>
#include <wire/timestamp.h>

#include <sys/stat.h>

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

Q_DECLARE_METATYPE(Flotilla::ServerFlavour)

namespace {

QString expectedLines(int count)
{
    QString text;
    for (int i = 1; i <= count; ++i)
        text += QStringLiteral("line %1\n").arg(i);
    return text;
}

// What a tailer appends, and when it finishes.
struct TailRecording
{
    explicit TailRecording(LogTailer &tailer)
        : finished(&tailer, &LogTailer::finished)
    {
        QObject::connect(&tailer, &LogTailer::appended, &tailer, [this](const QString &piece) { text += piece; });
    }
    QString text;
    QSignalSpy finished;
};

} // namespace

class Tst_LogTailer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsARunToItsEnd();
    void rawTextMode();
    void survivesAControlPlaneRestart();
    void cloudWatchTokens();
    void lineCounterAndAnswersWithoutLastSeen();
    void backsOffWhileIdle();
    void lateLinesAfterStopped_data();
    void lateLinesAfterStopped();
    void missingRunEndsTailing();
    void silentServerIsReportedAndRetried();
    void waitBringsALineWithoutTheFastTimer();

private:
    Run launchOn(FlotillaClient &client, const QString &command);
};

Run Tst_LogTailer::launchOn(FlotillaClient &client, const QString &command)
{
    Definition definition;
    definition.alias = QStringLiteral("tail-") + QString::number(QDateTime::currentMSecsSinceEpoch());
    definition.image = QStringLiteral("none");
    definition.command = command;
    auto *created = await(client.createDefinition(definition));
    if (!created->succeeded())
        qWarning("%s", qPrintable(created->error().sentence()));
    LaunchRequest request;
    request.ownerId = QStringLiteral("tester");
    return await(client.launch(created->result().definitionId, request))->result();
}

void Tst_LogTailer::followsARunToItsEnd()
{
    TestServer server;
    QVERIFY(server.start());
    FlotillaClient client(server.url(), ServerFlavour::ControlPlane);
    client.setBearerToken(QString::fromUtf8(server.token()));
    const Run run = launchOn(client, QStringLiteral("for i in $(seq 1 50); do echo line $i; sleep 0.01; done"));
    QVERIFY(!run.runId.isEmpty());
    LogTailer tailer(&client, run.runId);
    tailer.setFastInterval(50);
    tailer.setIdleInterval(400);
    TailRecording tail(tailer);
    tailer.start();
    QVERIFY(tail.finished.wait(60000));
    QCOMPARE(tail.text, expectedLines(50));
    QVERIFY(!tailer.isActive());
    QVERIFY(tailer.isFinished());
}

void Tst_LogTailer::rawTextMode()
{
    TestServer server;
    QVERIFY(server.start());
    FlotillaClient client(server.url(), ServerFlavour::ControlPlane);
    client.setBearerToken(QString::fromUtf8(server.token()));
    const Run run = launchOn(client, QStringLiteral("for i in $(seq 1 30); do echo line $i; sleep 0.01; done"));
    LogTailer tailer(&client, run.runId);
    tailer.setMode(LogTailer::Mode::RawText);
    tailer.setFastInterval(50);
    tailer.setIdleInterval(400);
    TailRecording tail(tailer);
    QSignalSpy resets(&tailer, &LogTailer::reset);
    tailer.start();
    QVERIFY(tail.finished.wait(60000));
    QCOMPARE(tail.text, expectedLines(30));
    QCOMPARE(resets.size(), 0);
}

// The control plane goes away while the run writes and comes back on another
// port; the same client, pointed at the new address, carries on.
void Tst_LogTailer::survivesAControlPlaneRestart()
{
    TestServer server;
    QVERIFY(server.start());
    FlotillaClient client(server.url(), ServerFlavour::ControlPlane);
    client.setBearerToken(QString::fromUtf8(server.token()));
    client.setTimeout(5000);
    const Run run = launchOn(client, QStringLiteral("for i in $(seq 1 200); do echo line $i; sleep 0.01; done"));
    LogTailer tailer(&client, run.runId);
    tailer.setFastInterval(50);
    tailer.setIdleInterval(400);
    TailRecording tail(tailer);
    QSignalSpy errors(&tailer, &LogTailer::errorOccurred);
    tailer.start();
    QTRY_VERIFY_WITH_TIMEOUT(tail.text.contains(u"line 20\n"), 30000);
    QVERIFY(!tail.text.contains(u"line 200\n")); // still in the middle
    server.stop();
    QVERIFY(server.start());
    client.setBaseUrl(server.url());
    QVERIFY(tail.finished.wait(60000));
    QCOMPARE(tail.text, expectedLines(200));
    for (const QList<QVariant> &error : std::as_const(errors))
        QVERIFY(error.value(0).value<ApiError>().isTransient());
}

void Tst_LogTailer::cloudWatchTokens()
{
    FixtureServer fake;
    QVERIFY(fake.listen());
    const QByteArray first = "f/32797019482293329766487489112145098696112137148578922496";
    const QByteArray second = "f/32797019482293329766487489112145098696112137148578922999";
    bool stopped = false;
    fake.setHandler([&](const FixtureRequest &request) -> std::optional<FixtureResponse> {
        if (request.path == "/api/v1/run1/logs") {
            const QByteArray token = request.query.queryItemValue(QStringLiteral("last_seen"), QUrl::FullyDecoded)
                                         .toUtf8();
            if (token.isEmpty())
                return FixtureResponse::json(FixtureServer::fixture(QStringLiteral("logs-seed-era.json")));
            if (token == first)
                return FixtureResponse::json("{\"last_seen\":\"" + second + "\",\"log\":\"line 4\\nline 5\"}");
            return FixtureResponse::json("{\"last_seen\":\"" + token
                                         + "\",\"log\":\"\"}"); // nothing new: the same token
        }
        if (request.path == "/api/v1/history/run1") {
            FixtureResponse response = FixtureResponse::json(
                FixtureServer::fixture(QStringLiteral("run-stopped-seed-era.json")));
            if (!stopped) // the first status read sees it running
                response.body.replace("\"STOPPED\"", "\"RUNNING\"");
            stopped = true;
            return response;
        }
        return std::nullopt;
    });
    FlotillaClient client(fake.url(), ServerFlavour::SeedEra);
    LogTailer tailer(&client, QStringLiteral("run1"));
    tailer.setFastInterval(20);
    tailer.setIdleInterval(100);
    TailRecording tail(tailer);
    tailer.start();
    QVERIFY(tail.finished.wait(10000));
    QCOMPARE(tail.text, QStringLiteral("+ set -e\n+ echo 'hello yourusername'\nhello yourusername\nline 4\nline 5\n"));
    QCOMPARE(tailer.lastSeen(), QString::fromLatin1(second));
}

// Current upstream: a decimal line counter, `{"last_seen":"","log":""}` while
// the run is queued (the token is not echoed), and a seed-era `{"log":""}`.
void Tst_LogTailer::lineCounterAndAnswersWithoutLastSeen()
{
    FixtureServer fake;
    QVERIFY(fake.listen());
    int logCalls = 0;
    int statusCalls = 0;
    fake.setHandler([&](const FixtureRequest &request) -> std::optional<FixtureResponse> {
        if (request.path == "/api/v6/r/logs") {
            ++logCalls;
            const QString token = request.query.queryItemValue(QStringLiteral("last_seen"));
            if (logCalls == 1)
                return FixtureResponse::json(FixtureServer::fixture(QStringLiteral("logs-queued-seed-era.json")));
            if (logCalls == 2)
                return FixtureResponse::json("{\"last_seen\":\"\",\"log\":\"\"}");
            if (token.isEmpty())
                return FixtureResponse::json(FixtureServer::fixture(QStringLiteral("logs-head.json")));
            if (token == u"3")
                return FixtureResponse::json("{\"last_seen\":\"5\",\"log\":\"last\\nlines\\n\"}");
            return FixtureResponse::json("{\"last_seen\":\"" + token.toUtf8() + "\",\"log\":\"\"}");
        }
        if (request.path == "/api/v6/history/r") {
            ++statusCalls;
            return FixtureResponse::json(FixtureServer::fixture(
                statusCalls < 3 ? QStringLiteral("run-queued-head.json") : QStringLiteral("run-stopped-head.json")));
        }
        return std::nullopt;
    });
    FlotillaClient client(fake.url(), ServerFlavour::CurrentUpstream);
    LogTailer tailer(&client, QStringLiteral("r"));
    tailer.setFastInterval(20);
    tailer.setIdleInterval(80);
    TailRecording tail(tailer);
    tailer.start();
    QVERIFY(tail.finished.wait(10000));
    QCOMPARE(tail.text, QStringLiteral("+ echo 'hello jdoe'\nhello jdoe\nlast\nlines\n"));
    QCOMPARE(tailer.lastSeen(), QStringLiteral("5"));
}

void Tst_LogTailer::backsOffWhileIdle()
{
    FixtureServer fake;
    QVERIFY(fake.listen());
    LogTailer *tailer = nullptr;
    QList<int> delays; // the pause before each log request after the first
    int logRequests = 0;
    fake.setHandler([&](const FixtureRequest &request) -> std::optional<FixtureResponse> {
        if (request.path == "/api/v1/r/logs") {
            if (++logRequests > 1)
                delays.append(tailer->scheduledDelay());
            // Text for the first three requests, then nothing new.
            if (logRequests <= 3)
                return FixtureResponse::json("{\"last_seen\":\"" + QByteArray::number(logRequests)
                                             + "\",\"log\":\"x\\n\"}");
            return FixtureResponse::json("{\"last_seen\":\"3\",\"log\":\"\"}");
        }
        if (request.path == "/api/v1/history/r")
            return FixtureResponse::json(FixtureServer::fixture(QStringLiteral("run-running-head.json")));
        return std::nullopt;
    });
    FlotillaClient client(fake.url(), ServerFlavour::ControlPlane);
    LogTailer logTailer(&client, QStringLiteral("r"));
    tailer = &logTailer;
    logTailer.setFastInterval(1);
    logTailer.setIdleInterval(16);
    logTailer.setWaitSeconds(0); // the fake speaks the JSON form
    logTailer.start();
    QTRY_VERIFY_WITH_TIMEOUT(logRequests >= 10, 20000);
    logTailer.stop();
    // While text flows the next request follows after the fast interval; once
    // idle the pauses double up to the idle interval.
    QCOMPARE(delays.mid(0, 9), (QList<int>{1, 1, 1, 1, 2, 4, 8, 16, 16}));
}

void Tst_LogTailer::lateLinesAfterStopped_data()
{
    QTest::addColumn<ServerFlavour>("flavour");
    QTest::addColumn<bool>("waits");
    QTest::newRow("current upstream") << ServerFlavour::CurrentUpstream << true;
    QTest::newRow("seed era") << ServerFlavour::SeedEra << true;
    QTest::newRow("control plane") << ServerFlavour::ControlPlane << false;
}

// Upstream's log store delivers lines after the run is STOPPED (CloudWatch,
// upstream issue #260): there the tail goes on for two minutes of an injected
// clock and picks up a late line; our control plane's log is complete at once.
void Tst_LogTailer::lateLinesAfterStopped()
{
    QFETCH(ServerFlavour, flavour);
    QFETCH(bool, waits);
    FixtureServer fake;
    QVERIFY(fake.listen());
    QDateTime now = QDateTime::currentDateTimeUtc();
    bool sawRunning = false;
    bool stopped = false;
    bool lateLineWritten = false;
    int logCallsAfterStop = 0;
    fake.setHandler([&](const FixtureRequest &request) -> std::optional<FixtureResponse> {
        if (request.path.endsWith("/r/logs")) {
            logCallsAfterStop += stopped ? 1 : 0;
            const QString token = request.query.queryItemValue(QStringLiteral("last_seen"));
            if (token.isEmpty())
                return FixtureResponse::json(R"({"last_seen":"3","log":"one\ntwo\n"})");
            if (token == u"3" && lateLineWritten)
                return FixtureResponse::json(R"({"last_seen":"4","log":"late\n"})");
            return FixtureResponse::json("{\"last_seen\":\"" + token.toUtf8() + "\",\"log\":\"\"}");
        }
        if (request.path.endsWith("/history/r")) {
            if (!sawRunning) { // the first status read sees it running
                sawRunning = true;
                return FixtureResponse::json(FixtureServer::fixture(QStringLiteral("run-running-head.json")));
            }
            stopped = true;
            Json run = Json::parse(FixtureServer::fixture(QStringLiteral("run-stopped-head.json")).toStdString());
            run["finished_at"] = toUtf8(Timestamp::format(now));
            return FixtureResponse::json(QByteArray::fromStdString(run.dump()));
        }
        return std::nullopt;
    });
    FlotillaClient client(fake.url(), flavour);
    LogTailer tailer(&client, QStringLiteral("r"));
    tailer.setClock([&now] { return now; });
    tailer.setFastInterval(5);
    tailer.setIdleInterval(10);
    tailer.setWaitSeconds(0); // the fake speaks the JSON form
    TailRecording tail(tailer);
    tailer.start();
    if (!waits) {
        QVERIFY(tail.finished.wait(10000));
        QCOMPARE(tail.text, QStringLiteral("one\ntwo\n"));
        QCOMPARE(logCallsAfterStop, 1); // the one read after STOPPED
        return;
    }
    QTRY_VERIFY_WITH_TIMEOUT(logCallsAfterStop >= 3, 10000);
    QVERIFY(tail.finished.isEmpty());
    lateLineWritten = true;
    QTRY_COMPARE_WITH_TIMEOUT(tail.text, QStringLiteral("one\ntwo\nlate\n"), 10000);
    const int callsAtLateLine = logCallsAfterStop;
    now = now.addSecs(100); // still within the two minutes
    QTRY_VERIFY_WITH_TIMEOUT(logCallsAfterStop >= callsAtLateLine + 3, 10000);
    QVERIFY(tail.finished.isEmpty());
    now = now.addSecs(21);
    QVERIFY(tail.finished.wait(10000));
    QCOMPARE(tail.text, QStringLiteral("one\ntwo\nlate\n"));
    QCOMPARE(tailer.lastSeen(), QStringLiteral("4"));
}

void Tst_LogTailer::missingRunEndsTailing()
{
    FixtureServer fake;
    QVERIFY(fake.listen());
    fake.serve("GET", "/api/v1/nope/logs",
               {404, "application/json", "{\"error\":\"Run with id nope not found\"}\n", false});
    FlotillaClient client(fake.url(), ServerFlavour::ControlPlane);
    LogTailer tailer(&client, QStringLiteral("nope"));
    QSignalSpy errors(&tailer, &LogTailer::errorOccurred);
    QSignalSpy finished(&tailer, &LogTailer::finished);
    tailer.start();
    QVERIFY(errors.wait(5000));
    const ApiError error = errors.first().value(0).value<ApiError>();
    QCOMPARE(error.httpStatus(), 404);
    QCOMPARE(error.serverMessage(), QStringLiteral("Run with id nope not found"));
    QVERIFY(!tailer.isActive());
    QCOMPARE(finished.size(), 0);
}

void Tst_LogTailer::silentServerIsReportedAndRetried()
{
    FixtureServer fake;
    QVERIFY(fake.listen());
    fake.setNeverAnswer(true);
    FlotillaClient client(fake.url(), ServerFlavour::ControlPlane);
    client.setTimeout(200);
    LogTailer tailer(&client, QStringLiteral("r"));
    tailer.setFastInterval(20);
    tailer.setIdleInterval(40);
    tailer.setWaitSeconds(0); // polls: a held request would outlast the client's timeout
    QSignalSpy errors(&tailer, &LogTailer::errorOccurred);
    tailer.start();
    QTRY_VERIFY_WITH_TIMEOUT(errors.size() >= 2, 10000);
    QVERIFY(errors.first().value(0).value<ApiError>().isTimeout());
    QVERIFY(tailer.isActive());
    tailer.stop();
}

// Against our control plane the tailer waits on the server (raw chunks with
// `wait`): with timers of an hour, every line still arrives as it is written.
void Tst_LogTailer::waitBringsALineWithoutTheFastTimer()
{
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("go"));
    QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    TestServer server;
    QVERIFY(server.start());
    FlotillaClient client(server.url(), ServerFlavour::ControlPlane);
    client.setBearerToken(QString::fromUtf8(server.token()));
    client.setTimeout(5000); // below the wait: the job's own timeout covers it
    const Run run = launchOn(client,
                             QStringLiteral("printf 'first \\377\\r\\n'; read line < '%1'; echo \"$line\"").arg(fifo));
    QVERIFY(!run.runId.isEmpty());
    LogTailer tailer(&client, run.runId);
    const int hour = 3600 * 1000;
    tailer.setFastInterval(hour);
    tailer.setIdleInterval(hour);
    TailRecording tail(tailer);
    QByteArray bytes;
    connect(&tailer, &LogTailer::appendedUtf8, this, [&bytes](const QByteArray &piece) { bytes += piece; });
    tailer.start();
    QTRY_COMPARE_WITH_TIMEOUT(bytes, QByteArray("first \xff\r\n"), 20000);
    QCOMPARE(tail.text, QString::fromUtf8("first \xff\r\n"));

    QFile go(fifo);
    QVERIFY(go.open(QIODevice::WriteOnly)); // the run reads it once it is open
    go.write("second\n");
    go.close();
    QVERIFY(tail.finished.wait(20000));
    QCOMPARE(bytes, QByteArray("first \xff\r\nsecond\n"));
    QCOMPARE(tail.text, QString::fromUtf8("first \xff\r\nsecond\n"));
    // Each answer asked again at once; none waited for a timer or asked for the run.
    QVERIFY2(tailer.requestCount() <= 6, qPrintable(QString::number(tailer.requestCount())));
}

QTEST_GUILESS_MAIN(Tst_LogTailer)
#include "tst_logtailer.moc"
