// A container cluster through a real control plane and a real engine, with
// the test image ./dev.sh builds (localhost/flotilla-test/busybox:latest).
// FLOTILLA_TEST_ENGINE names the engine: podman (the default) or docker;
// CTest runs the program once for each.
#include "testserver.h"

#include <QProcess>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

const char testImage[] = "localhost/flotilla-test/busybox:latest";

QString engineName()
{
    return qEnvironmentVariable("FLOTILLA_TEST_ENGINE", QStringLiteral("podman"));
}

QByteArray engine(const QStringList &arguments, int *exitCode = nullptr)
{
    QProcess process;
    process.start(engineName(), arguments);
    process.waitForFinished(60000);
    if (exitCode)
        *exitCode = process.exitCode();
    return process.readAllStandardOutput().trimmed();
}

} // namespace

class Tst_ContainerExecutor final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void envExitCodeAndStderr();
    void labelsMemoryAndTerminate();
    void oomKilled();
    void missingImage();
    void terminateWhilePending();
    void survivesARestart();
    void limitsUsageAndEvents();
    void oomKilledHasAnEvent();
    void removedFromOutside();

private:
    QString define(const Json &extra);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpTestClient> m_client;
    int m_definitions = 0;
};

void Tst_ContainerExecutor::initTestCase()
{
    int status = 0;
    engine({QStringLiteral("image"), QStringLiteral("inspect"), QLatin1String(testImage)}, &status);
    if (status != 0)
        QSKIP(qPrintable(engineName()
                         + QStringLiteral(" or the test image is missing here; ./dev.sh test builds "
                                          "the image where the engine works")));
    m_server = std::make_unique<TestServer>();
    m_server->options().containerEngines = {engineName()};
    m_server->options().terminateGraceMs = 1000;
    QVERIFY(m_server->start());
    m_client = std::make_unique<HttpTestClient>(*m_server);
    const Json clusters = m_client->get(QStringLiteral("/api/v1/clusters")).json();
    QVERIFY(clusters["clusters"] == Json::array({"local", engineName().toStdString()}));
}

QString Tst_ContainerExecutor::define(const Json &extra)
{
    Json definition{{"alias", "container-" + std::to_string(++m_definitions)}, {"image", testImage}};
    definition.update(extra);
    return createDefinition(*m_client, definition);
}

void Tst_ContainerExecutor::envExitCodeAndStderr()
{
    const QString id = define(
        {{"command", "echo \"A=$A B=$B\"; echo oops >&2; env | grep ^FLOTILLA_ | sort; exit 3"},
         {"env", {{{"name", "A"}, {"value", "definition"}}, {{"name", "B"}, {"value", "definition"}}}}});
    const Json launched = launch(*m_client, id,
                                 {{"run_tags", {{"owner_id", "ada"}}},
                                  {"env", {{{"name", "B"}, {"value", "launch value"}}}}});
    QCOMPARE(launched.value("cluster", ""), engineName().toStdString()); // the default out of the box
    const QString run = QString::fromStdString(launched["run_id"]);
    const Json stopped = waitForStatus(*m_client, run, "STOPPED", 60000);
    QCOMPARE(stopped.value("exit_code", -1), 3);
    QCOMPARE(stopped.value("engine", ""), engineName().toStdString());
    const QString containerId = QString::fromStdString(stopped["instance"]["instance_id"]);
    QCOMPARE(containerId.size(), 64);
    QCOMPARE(readLogByPaging(*m_client, run), "A=definition B=launch value\noops\n"
                                              "FLOTILLA_RUN_ID="
                                                  + run.toUtf8()
                                                  + "\n"
                                                    "FLOTILLA_RUN_OWNER_ID=ada\n"
                                                    "FLOTILLA_SERVER_MODE=local\n");
    int exists = 0;
    QTRY_VERIFY((engine({QStringLiteral("container"), QStringLiteral("inspect"), containerId}, &exists), exists != 0));
}

void Tst_ContainerExecutor::labelsMemoryAndTerminate()
{
    const QString id = define({{"command", "echo ready; sleep 60"}, {"memory", 64}});
    const QString run = QString::fromStdString(launch(*m_client, id)["run_id"]);
    waitForStatus(*m_client, run, "RUNNING", 60000);
    QTRY_VERIFY_WITH_TIMEOUT(readLogByPaging(*m_client, run).contains("ready"), 30000);
    const QByteArray inspected = engine({QStringLiteral("inspect"), QStringLiteral("flotilla-") + run,
                                         QStringLiteral("--format"),
                                         QStringLiteral("{{index .Config.Labels \"flotilla.run_id\"}} "
                                                        "{{index .Config.Labels \"flotilla.definition_id\"}} "
                                                        "{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}}")});
    QCOMPARE(inspected, run.toUtf8() + ' ' + id.toUtf8() + " 67108864 67108864");
    // sh as PID 1 ignores SIGTERM, so the engine's SIGKILL after the grace ends it.
    QCOMPARE(m_client->del(QStringLiteral("/api/v1/task/%1/history/%2").arg(id, run)).status, 200);
    const Json stopped = waitForStatus(*m_client, run, "STOPPED", 60000);
    QCOMPARE(stopped.value("exit_code", -1), 137);
    QCOMPARE(stopped.value("exit_reason", ""), "Task terminated by user");
}

void Tst_ContainerExecutor::oomKilled()
{
    const QString id = define(
        {{"command", "x=$(head -c 100000000 /dev/zero | tr '\\0' a); echo survived"}, {"memory", 16}});
    const QString run = QString::fromStdString(launch(*m_client, id)["run_id"]);
    const Json stopped = waitForStatus(*m_client, run, "STOPPED", 60000);
    QCOMPARE(stopped.value("exit_code", -1), 137);
    QCOMPARE(stopped.value("exit_reason", ""), "OOMKilled");
    QVERIFY(!readLogByPaging(*m_client, run).contains("survived"));
}

void Tst_ContainerExecutor::missingImage()
{
    const QString id = createDefinition(*m_client, {{"alias", "no-image"},
                                                    {"image", "localhost/flotilla-test/missing:latest"},
                                                    {"command", "true"}});
    const QString run = QString::fromStdString(launch(*m_client, id)["run_id"]);
    const Json stopped = waitForStatus(*m_client, run, "STOPPED", 60000);
    QCOMPARE(stopped.value("exit_reason", ""), "Image not found: localhost/flotilla-test/missing:latest");
    QVERIFY(!stopped.contains("exit_code"));
    QVERIFY(!stopped.contains("started_at"));
}

void Tst_ContainerExecutor::terminateWhilePending()
{
    // PENDING lasts while the engine tries to pull the missing image.
    const QString id = createDefinition(*m_client, {{"alias", "pending"},
                                                    {"image", "localhost/flotilla-test/absent:latest"},
                                                    {"command", "true"}});
    const QString run = QString::fromStdString(launch(*m_client, id)["run_id"]);
    QCOMPARE(waitForStatus(*m_client, run, "PENDING", 30000).value("status", ""), "PENDING");
    const Json answer = m_client->del(QStringLiteral("/api/v1/task/%1/history/%2").arg(id, run)).json();
    QCOMPARE(answer.value("status", ""), "STOPPED");
    QCOMPARE(answer.value("exit_reason", ""), "Task terminated by user");
    // When the pull gives up, the run stays as the terminate left it. This
    // engine's pull only: ctest runs the other engine's copy of this test beside it.
    const auto pulling = [] {
        QProcess pgrep;
        pgrep.start(QStringLiteral("pgrep"),
                    {QStringLiteral("-f"),
                     engineName() + QStringLiteral(" pull --quiet localhost/flotilla-test/absent")});
        return !pgrep.waitForFinished(10000) || pgrep.exitStatus() != QProcess::NormalExit || pgrep.exitCode() == 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(!pulling(), 60000);
    const Json after = m_client->get(QStringLiteral("/api/v1/history/") + run).json();
    QCOMPARE(after.value("exit_reason", ""), "Task terminated by user");
    QVERIFY(!after.contains("started_at"));
}

void Tst_ContainerExecutor::survivesARestart()
{
    const QString id = define({{"command", "echo before; sleep 2; echo after; exit 6"}});
    const QString run = QString::fromStdString(launch(*m_client, id)["run_id"]);
    QTRY_VERIFY_WITH_TIMEOUT(readLogByPaging(*m_client, run).contains("before"), 30000);
    m_server->stop();
    QVERIFY(m_server->start());
    m_client = std::make_unique<HttpTestClient>(*m_server);
    const Json stopped = waitForStatus(*m_client, run, "STOPPED", 60000);
    QCOMPARE(stopped.value("exit_code", -1), 6);
    QCOMPARE(readLogByPaging(*m_client, run), "before\nafter\n");
}

void Tst_ContainerExecutor::limitsUsageAndEvents()
{
    // Holds 64 MB (tail keeps a line that never ends) until terminated.
    const QString id = define(
        {{"command", "{ head -c 67108864 /dev/zero; sleep 60; } | tail >/dev/null"}, {"memory", 256}, {"cpu", 512}});
    const QString run = QString::fromStdString(launch(*m_client, id)["run_id"]);
    const Json running = waitForStatus(*m_client, run, "RUNNING", 60000);
    QCOMPARE(running.value("memory_limit", 0), 256);
    QCOMPARE(running.value("cpu_limit", 0), 512);
    QCOMPARE(engine({QStringLiteral("inspect"), QStringLiteral("flotilla-") + run, QStringLiteral("--format"),
                     QStringLiteral("{{.HostConfig.NanoCpus}}")}),
             "500000000");
    Json sampled;
    QTRY_VERIFY_WITH_TIMEOUT((sampled = m_client->get(QStringLiteral("/api/v1/history/") + run).json(),
                              sampled.value("max_memory_used", 0) >= 48),
                             20000);
    QVERIFY2(sampled.value("max_memory_used", 0) <= 256, sampled.dump().c_str());
    QCOMPARE(m_client->del(QStringLiteral("/api/v1/task/%1/history/%2").arg(id, run)).status, 200);
    const Json stopped = waitForStatus(*m_client, run, "STOPPED", 60000);
    QVERIFY2(stopped.value("max_memory_used", 0) >= 48, stopped.dump().c_str());
    QVERIFY(stopped.contains("max_cpu_used"));
    QCOMPARE(eventReasons(stopped), QStringList({"Queued", "CheckingImage", "Placed", "Started", "TerminateRequested",
                                                 "SignalSent", "KilledAfterGrace", "Exited"}));
    const QString container = QString::fromStdString(stopped["instance"]["instance_id"]).left(12);
    QCOMPARE(stopped["pod_events"][2].value("source_object", ""), "container/" + container.toStdString());
    QCOMPARE(stopped["pod_events"][7].value("message", ""), "Exited with code 137");
}

void Tst_ContainerExecutor::oomKilledHasAnEvent()
{
    const QString id = define({{"command", "head -c 67108864 /dev/zero | tail >/dev/null"}, {"memory", 32}});
    const QString run = QString::fromStdString(launch(*m_client, id)["run_id"]);
    const Json stopped = waitForStatus(*m_client, run, "STOPPED", 60000);
    QCOMPARE(stopped.value("exit_reason", ""), "OOMKilled");
    QCOMPARE(stopped.value("memory_limit", 0), 32);
    const Json events = m_client->get(QStringLiteral("/api/v6/%1/events").arg(run)).json();
    const QStringList reasons = eventReasons(events);
    QCOMPARE(reasons.mid(reasons.size() - 2), QStringList({"OOMKilled", "Exited"}));
    const Json oom = events["pod_events"][reasons.size() - 2];
    QCOMPARE(oom.value("event_type", ""), "Warning");
    QCOMPARE(oom.value("message", ""), "Killed for using more than its memory limit of 32 MB");
    QCOMPARE(events.value("total", 0), reasons.size());
}

void Tst_ContainerExecutor::removedFromOutside()
{
    const QString id = define({{"command", "echo ready; sleep 60"}});
    const QString run = QString::fromStdString(launch(*m_client, id)["run_id"]);
    waitForStatus(*m_client, run, "RUNNING", 60000);
    QTRY_VERIFY_WITH_TIMEOUT(readLogByPaging(*m_client, run).contains("ready"), 30000);
    const QString name = QStringLiteral("flotilla-") + run;
    int status = -1;
    engine({QStringLiteral("rm"), QStringLiteral("-f"), name}, &status);
    QCOMPARE(status, 0);
    const Json stopped = waitForStatus(*m_client, run, "STOPPED", 60000);
    QVERIFY2(stopped.value("exit_code", Json()).is_null(), stopped.dump().c_str());
    QCOMPARE(stopped.value("exit_reason", ""), "the container " + name.toStdString() + " was removed outside flotilla");
    QVERIFY(eventReasons(stopped).contains(QStringLiteral("Failed")));
    QCOMPARE(readLogByPaging(*m_client, run), "ready\n");
}

QTEST_GUILESS_MAIN(Tst_ContainerExecutor)
#include "tst_containerexecutor.moc"
