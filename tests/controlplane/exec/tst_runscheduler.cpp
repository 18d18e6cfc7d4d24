// Scheduling on the local cluster through a real control plane: the
// parallel limit, terminate in every state, recovery after a restart, the
// events and measured peaks, and many launches at once.
#include "testserver.h"

#include <QDir>
#include <QFile>
#include <QHostInfo>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_RunScheduler final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parallelLimitKeepsLaunchOrder();
    void terminateQueued();
    void terminateRunningWithSigterm();
    void terminateEscalatesToSigkill();
    void terminateStoppedIsRefused();
    void terminationOutlivesARestart();
    void runsOutliveARestart();
    void vanishedRunIsFinishedOnRestart();
    void aSpareNeverReplacesARunsLog();
    void runOfTheEarlierShellWrapperIsFollowed();
    void twoHundredConcurrentLaunches();
    void usageIsSampled();
    void restartKeepsPeaksAndEvents();

private:
    QString gatedCommand(const QString &gate) const
    {
        return QStringLiteral("while [ ! -e %1 ]; do sleep 0.02; done; echo released").arg(gate);
    }
    // Holds 64 MB (tail keeps a line that never ends) until the gate opens.
    QString memoryHog(const QString &gate) const
    {
        return QStringLiteral("{ head -c 67108864 /dev/zero; %1; } | tail >/dev/null").arg(gatedCommand(gate));
    }
    QTemporaryDir m_gates;
};

static QString runIdOf(const Json &run)
{
    return QString::fromStdString(run.value("run_id", ""));
}

// Polls the run until `done` holds (callers check it); the run as last read.
template <typename Condition>
static Json waitForRun(HttpTestClient &client, const QString &runId, Condition done)
{
    Json run;
    (void) QTest::qWaitFor([&] { return done(run = client.get(QStringLiteral("/api/v1/history/") + runId).json()); },
                           20000);
    return run;
}

static bool holdsMemory(const Json &run)
{
    return run.value("max_memory_used", 0) >= 48;
}

void Tst_RunScheduler::parallelLimitKeepsLaunchOrder()
{
    TestServer server;
    server.options().parallelRuns = 2;
    QVERIFY(server.start());
    HttpTestClient client(server);
    const QString gate = m_gates.filePath(QStringLiteral("limit"));
    const QString id = createDefinition(client, {{"alias", "gated"},
                                                 {"image", "none"},
                                                 {"command", gatedCommand(gate).toStdString()}});
    QStringList runs;
    for (int i = 0; i < 5; ++i)
        runs.append(runIdOf(launch(client, id)));
    waitForStatus(client, runs[1], "RUNNING");
    QCOMPARE(waitForStatus(client, runs[0], "RUNNING").value("status", ""), "RUNNING");
    for (int i = 2; i < 5; ++i)
        QCOMPARE(client.get(QStringLiteral("/api/v1/history/") + runs[i]).json().value("status", ""), "QUEUED");
    QFile(gate).open(QIODevice::WriteOnly);
    for (const QString &run : runs)
        QCOMPARE(waitForStatus(client, run, "STOPPED").value("exit_code", -1), 0);

    // One at a time, each run starts only after the one launched before it ended.
    TestServer serial;
    serial.options().parallelRuns = 1;
    QVERIFY(serial.start());
    HttpTestClient serialClient(serial);
    const QString quick = createDefinition(serialClient, {{"alias", "quick"}, {"image", "none"}, {"command", "true"}});
    QStringList serialRuns;
    for (int i = 0; i < 5; ++i)
        serialRuns.append(runIdOf(launch(serialClient, quick)));
    QDateTime previousEnd;
    for (const QString &run : serialRuns) {
        const Json stopped = waitForStatus(serialClient, run, "STOPPED");
        const QDateTime start = QDateTime::fromString(QString::fromStdString(stopped["started_at"]), Qt::ISODateWithMs);
        QVERIFY2(!previousEnd.isValid() || start >= previousEnd, stopped.dump().c_str());
        previousEnd = QDateTime::fromString(QString::fromStdString(stopped["finished_at"]), Qt::ISODateWithMs);
    }
}

void Tst_RunScheduler::terminateQueued()
{
    TestServer server;
    server.options().parallelRuns = 0; // nothing starts
    QVERIFY(server.start());
    HttpTestClient client(server);
    const QString id = createDefinition(client, {{"alias", "held"}, {"image", "none"}, {"command", "true"}});
    const QString run = runIdOf(launch(client, id));
    const Json stopped = client.del(QStringLiteral("/api/v1/task/%1/history/%2").arg(id, run)).json();
    QCOMPARE(stopped.value("status", ""), "STOPPED");
    QCOMPARE(stopped.value("terminated", false), true);
    QCOMPARE(stopped.value("exit_reason", ""), "Task terminated by user");
    QVERIFY(!stopped.contains("exit_code"));
    QVERIFY(!stopped.contains("started_at"));
}

void Tst_RunScheduler::terminateRunningWithSigterm()
{
    TestServer server;
    QVERIFY(server.start());
    HttpTestClient client(server);
    const QString id = createDefinition(client, {{"alias", "sleeper"},
                                                 {"image", "none"},
                                                 {"command",
                                                  "trap 'echo got TERM; exit 7' TERM; echo ready; sleep 60 & wait"}});
    const QString run = runIdOf(launch(client, id));
    waitForStatus(client, run, "RUNNING");
    QTRY_VERIFY(readLogByPaging(client, run).contains("ready"));
    const Json answer = client.del(QStringLiteral("/api/v1/task/%1/history/%2").arg(id, run)).json();
    QCOMPARE(answer.value("terminated", false), true);
    const Json stopped = waitForStatus(client, run, "STOPPED");
    QCOMPARE(stopped.value("exit_code", -1), 7);
    QCOMPARE(stopped.value("exit_reason", ""), "Task terminated by user");
    QCOMPARE(readLogByPaging(client, run), "ready\ngot TERM\n");
    QCOMPARE(eventReasons(stopped),
             QStringList({"Queued", "Placed", "Started", "TerminateRequested", "SignalSent", "Exited"}));
    const QString pid = QString::fromStdString(stopped["instance"]["instance_id"]);
    for (const Json &event : stopped["pod_events"])
        QCOMPARE(event.value("source_object", ""),
                 event.value("reason", "") == "Queued" ? "run/" + run.toStdString() : "process/" + pid.toStdString());
    QCOMPARE(stopped["pod_events"][4].value("message", ""), "Sent SIGTERM to stop the run");
    QCOMPARE(stopped["pod_events"][5].value("message", ""), "Exited with code 7");
}

void Tst_RunScheduler::terminateEscalatesToSigkill()
{
    TestServer server;
    server.options().terminateGraceMs = 300;
    QVERIFY(server.start());
    HttpTestClient client(server);
    const QString id = createDefinition(client,
                                        {{"alias", "stubborn"},
                                         {"image", "none"},
                                         {"command", "trap '' TERM; echo ready; while true; do sleep 0.05; done"}});
    const QString run = runIdOf(launch(client, id));
    QTRY_VERIFY(readLogByPaging(client, run).contains("ready"));
    client.del(QStringLiteral("/api/v1/task/%1/history/%2").arg(id, run));
    const Json stopped = waitForStatus(client, run, "STOPPED");
    QCOMPARE(stopped.value("exit_code", -1), 137);
    QCOMPARE(stopped.value("exit_reason", ""), "Task terminated by user");
    QCOMPARE(eventReasons(stopped), QStringList({"Queued", "Placed", "Started", "TerminateRequested", "SignalSent",
                                                 "KilledAfterGrace", "Exited"}));
    QCOMPARE(stopped["pod_events"][5].value("event_type", ""), "Warning");
}

void Tst_RunScheduler::terminateStoppedIsRefused()
{
    TestServer server;
    QVERIFY(server.start());
    HttpTestClient client(server);
    const QString id = createDefinition(client, {{"alias", "quick"}, {"image", "none"}, {"command", "true"}});
    const QString run = runIdOf(launch(client, id));
    waitForStatus(client, run, "STOPPED");
    QCOMPARE(client.del(QStringLiteral("/api/v1/task/%1/history/%2").arg(id, run)).status, 400);
}

void Tst_RunScheduler::terminationOutlivesARestart()
{
    // An answered terminate is a write like any other: a control plane that
    // dies during the grace period must not forget it. The SIGKILL was only
    // a timer in memory, so a run ignoring SIGTERM went on after a restart
    // and ended as if nobody had stopped it.
    TestServer server;
    server.options().terminateGraceMs = 300;
    QVERIFY(server.start());
    auto client = std::make_unique<HttpTestClient>(server);
    const QString id = createDefinition(*client,
                                        {{"alias", "stubborn"},
                                         {"image", "none"},
                                         {"command", "trap '' TERM; echo ready; while true; do sleep 0.05; done"}});
    const QString run = runIdOf(launch(*client, id));
    waitForStatus(*client, run, "RUNNING");
    QTRY_VERIFY(readLogByPaging(*client, run).contains("ready"));
    QCOMPARE(client->del(QStringLiteral("/api/v1/task/%1/history/%2").arg(id, run)).status, 200);
    server.stop(); // before the grace ends
    QVERIFY(server.start());
    client = std::make_unique<HttpTestClient>(server);
    const Json stopped = waitForStatus(*client, run, "STOPPED");
    QCOMPARE(stopped.value("exit_code", -1), 137);
    QCOMPARE(stopped.value("exit_reason", ""), "Task terminated by user");
}

void Tst_RunScheduler::runsOutliveARestart()
{
    TestServer server;
    QVERIFY(server.start());
    auto client = std::make_unique<HttpTestClient>(server);
    const QString gate = m_gates.filePath(QStringLiteral("restart"));
    const QString id = createDefinition(*client, {{"alias", "survivor"},
                                                  {"image", "none"},
                                                  {"command",
                                                   ("echo before; " + gatedCommand(gate) + "; exit 4").toStdString()}});
    const QString run = runIdOf(launch(*client, id));
    QTRY_VERIFY(readLogByPaging(*client, run).contains("before"));
    server.stop();
    QFile(gate).open(QIODevice::WriteOnly); // it ends while no control plane watches
    QVERIFY(server.start());
    client = std::make_unique<HttpTestClient>(server);
    const Json stopped = waitForStatus(*client, run, "STOPPED");
    QCOMPARE(stopped.value("exit_code", -1), 4);
    QCOMPARE(readLogByPaging(*client, run), "before\nreleased\n");
}

void Tst_RunScheduler::vanishedRunIsFinishedOnRestart()
{
    TestServer server;
    QVERIFY(server.start());
    auto client = std::make_unique<HttpTestClient>(server);
    const QString id = createDefinition(*client, {{"alias", "doomed"}, {"image", "none"}, {"command", "sleep 60"}});
    const QString run = runIdOf(launch(*client, id));
    waitForStatus(*client, run, "RUNNING");
    server.stop();
    // The machine rebooted, say: the wrapper and the command are gone.
    const QString control = server.dataDir() + QStringLiteral("/runs/") + run;
    const auto [wrapper, child] = runPidsIn(control);
    QVERIFY(child > 1 && wrapper > 1);
    ::kill(wrapper, SIGKILL); // first, so it cannot record the command's end
    // Ended: gone, or a zombie until init reaps it (its launcher ended with the control plane).
    const auto ended = [pid = wrapper] {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            return true;
        const QByteArray text = stat.readAll();
        return text.mid(text.lastIndexOf(')') + 2, 1) == "Z";
    };
    QTRY_VERIFY(ended());
    ::kill(-child, SIGKILL);
    QVERIFY(server.start());
    client = std::make_unique<HttpTestClient>(server);
    const Json stopped = waitForStatus(*client, run, "STOPPED");
    QVERIFY(!stopped.contains("exit_code"));
    QCOMPARE(stopped.value("exit_reason", ""), "Control plane restarted and the run could not be recovered");
}

void Tst_RunScheduler::aSpareNeverReplacesARunsLog()
{
    // A run placed after a restart may have its log already; the log made
    // ahead for the next launch is not put in its place.
    TestServer server;
    server.options().parallelRuns = 1;
    QVERIFY(server.start());
    auto client = std::make_unique<HttpTestClient>(server);
    const QString gate = m_gates.filePath(QStringLiteral("spare"));
    const QString id = createDefinition(*client, {{"alias", "spare"},
                                                  {"image", "none"},
                                                  {"command", gatedCommand(gate).toStdString()}});
    const QString first = runIdOf(launch(*client, id));
    waitForStatus(*client, first, "RUNNING");
    const QString second = runIdOf(launch(*client, id)); // waits for the slot
    QTRY_VERIFY(QFileInfo::exists(server.dataDir() + QStringLiteral("/logs/.spare-local.log")));
    server.stop();
    QFile log(server.dataDir() + QStringLiteral("/logs/") + second + QStringLiteral(".log"));
    QVERIFY(log.open(QIODevice::WriteOnly) && log.write("earlier\n") == 8);
    log.close();
    QFile(gate).open(QIODevice::WriteOnly);
    QVERIFY(server.start());
    client = std::make_unique<HttpTestClient>(server);
    QCOMPARE(waitForStatus(*client, second, "STOPPED").value("exit_code", -1), 0);
    QCOMPARE(readLogByPaging(*client, second), "earlier\nreleased\n");
}

void Tst_RunScheduler::runOfTheEarlierShellWrapperIsFollowed()
{
    // Runs started before an upgrade go on under the shell script that wrapped
    // them, which recorded wrapper.pid and child.pid, each with a `.written` marker.
    TestServer server;
    QVERIFY(server.start());
    auto client = std::make_unique<HttpTestClient>(server);
    const QString id = createDefinition(*client, {{"alias", "upgraded"},
                                                  {"image", "none"},
                                                  {"command", "echo before; while true; do sleep 0.05; done"}});
    const QString run = runIdOf(launch(*client, id));
    waitForStatus(*client, run, "RUNNING");
    QTRY_VERIFY(readLogByPaging(*client, run).contains("before"));
    server.stop();
    const QString control = server.dataDir() + QStringLiteral("/runs/") + run;
    const auto [wrapper, child] = runPidsIn(control);
    QVERIFY(child > 1 && wrapper > 1);
    for (const auto &[name, pid] :
         {std::pair{QStringLiteral("wrapper.pid"), wrapper}, {QStringLiteral("child.pid"), child}}) {
        QFile file(control + u'/' + name);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(QByteArray::number(pid) + '\n') > 0);
        QVERIFY(QFile(file.fileName() + QStringLiteral(".written")).open(QIODevice::WriteOnly));
    }
    QVERIFY(QFile::remove(control + QStringLiteral("/pids")));

    QVERIFY(server.start());
    client = std::make_unique<HttpTestClient>(server);
    QCOMPARE(waitForStatus(*client, run, "RUNNING").value("status", ""), "RUNNING"); // its wrapper.pid is alive
    // Stopping it signals the group child.pid names.
    QCOMPARE(client->del(QStringLiteral("/api/v1/task/%1/history/%2").arg(id, run)).status, 200);
    const Json stopped = waitForStatus(*client, run, "STOPPED");
    QCOMPARE(stopped.value("exit_code", -1), 128 + SIGTERM);
    QCOMPARE(stopped.value("exit_reason", ""), "Task terminated by user");
    QVERIFY(eventReasons(stopped).contains(QStringLiteral("Recovered")));
}

void Tst_RunScheduler::twoHundredConcurrentLaunches()
{
    TestServer server;
    QVERIFY(server.start());
    HttpTestClient client(server);
    const QString id = createDefinition(client, {{"alias", "many"},
                                                 {"image", "none"},
                                                 {"command", "echo start $FLOTILLA_RUN_ID; echo end"}});
    // Launch all 200 without waiting for each answer.
    QNetworkAccessManager manager;
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 200; ++i) {
        QNetworkRequest request(QUrl(server.url().toString() + QStringLiteral("/api/v4/task/%1/execute").arg(id)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + server.token());
        replies.append(manager.put(request, QByteArrayLiteral("{\"run_tags\":{\"owner_id\":\"load\"}}")));
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.begin(), replies.end(),
                                         [](QNetworkReply *r) { return r->isFinished(); }),
                             60000);
    QStringList runs;
    for (QNetworkReply *reply : replies) {
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        runs.append(runIdOf(Json::parse(reply->readAll().toStdString())));
        reply->deleteLater();
    }
    runs.removeDuplicates();
    QCOMPARE(runs.size(), 200);
    for (const QString &run : runs) {
        const Json stopped = waitForStatus(client, run, "STOPPED", 120000);
        QVERIFY2(stopped.value("exit_code", -1) == 0, stopped.dump().c_str());
        QCOMPARE(readLogByPaging(client, run), "start " + run.toUtf8() + "\nend\n");
    }
}

void Tst_RunScheduler::usageIsSampled()
{
    TestServer server;
    QVERIFY(server.start());
    HttpTestClient client(server);
    const QString gate = m_gates.filePath(QStringLiteral("usage"));
    const QString id = createDefinition(client, {{"alias", "hog"},
                                                 {"image", "none"},
                                                 {"memory", 256},
                                                 {"cpu", 512},
                                                 {"command", memoryHog(gate).toStdString()}});
    const QString run = runIdOf(launch(client, id));
    const Json sampled = waitForRun(client, run, holdsMemory);
    QVERIFY2(holdsMemory(sampled) && sampled.contains("max_cpu_used"), sampled.dump().c_str());
    QFile(gate).open(QIODevice::WriteOnly);
    const Json stopped = waitForStatus(client, run, "STOPPED");
    QVERIFY2(holdsMemory(stopped), stopped.dump().c_str());
    // Nothing limits a run on local, so no limit is claimed.
    QVERIFY(!stopped.contains("memory_limit"));
    QVERIFY(!stopped.contains("cpu_limit"));
    QCOMPARE(stopped.value("memory", 0), 256);
    QCOMPARE(stopped.value("attempt_count", 0), 1);
    QCOMPARE(stopped["instance"].value("dns_name", ""), QHostInfo::localHostName().toStdString());
}

void Tst_RunScheduler::restartKeepsPeaksAndEvents()
{
    TestServer server;
    QVERIFY(server.start());
    auto client = std::make_unique<HttpTestClient>(server);
    const QString gate = m_gates.filePath(QStringLiteral("peaks"));
    const QString id = createDefinition(*client, {{"alias", "hog"},
                                                  {"image", "none"},
                                                  {"command", memoryHog(gate).toStdString()}});
    const QString run = runIdOf(launch(*client, id));
    const Json before = waitForRun(*client, run, holdsMemory);
    QVERIFY2(holdsMemory(before), before.dump().c_str());
    server.stop();
    QVERIFY(server.start());
    client = std::make_unique<HttpTestClient>(server);
    const auto wasRecovered = [](const Json &r) { return eventReasons(r).contains(QStringLiteral("Recovered")); };
    const Json recovered = waitForRun(*client, run, wasRecovered);
    QVERIFY2(wasRecovered(recovered), recovered.dump().c_str());
    QVERIFY(recovered.value("max_memory_used", 0) >= before.value("max_memory_used", 0));
    QFile(gate).open(QIODevice::WriteOnly);
    const Json stopped = waitForStatus(*client, run, "STOPPED");
    QCOMPARE(eventReasons(stopped), QStringList({"Queued", "Placed", "Started", "Recovered", "Exited"}));
    QVERIFY(stopped.value("max_memory_used", 0) >= before.value("max_memory_used", 0));
    QVERIFY(stopped.value("max_cpu_used", -1) >= before.value("max_cpu_used", 0));
}

QTEST_GUILESS_MAIN(Tst_RunScheduler)
#include "tst_runscheduler.moc"
