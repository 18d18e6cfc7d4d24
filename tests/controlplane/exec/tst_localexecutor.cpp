// The local cluster, driven through the API of a real control plane:
// processes, their env, exit codes and logs.
#include "testserver.h"

#include <QDir>
#include <QFileInfo>
#include <QTest>

#include <cerrno>
#include <signal.h>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_LocalExecutor final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void envMergeAndReservedVariables();
    void exitCodes_data();
    void exitCodes();
    void stderrIsCaptured();
    void leftoverProcessesEndWithTheRun();
    void hundredThousandLinesPageBackIdentical();
    void aThreeMebibyteLine();
    void workingDirectoryPerRun();
    void launchesTakeDirsMadeAhead();
    void logTextNeedingEscapes();

private:
    QString runCommand(const QString &command);

    TestServer m_server;
    std::unique_ptr<HttpTestClient> m_client;
    int m_definitions = 0;
};

void Tst_LocalExecutor::initTestCase()
{
    m_server.options().parallelRuns = 8;
    QVERIFY(m_server.start());
    m_client = std::make_unique<HttpTestClient>(m_server);
}

QString Tst_LocalExecutor::runCommand(const QString &command)
{
    const QString id = createDefinition(*m_client, {{"alias", "cmd-" + std::to_string(++m_definitions)},
                                                    {"image", "none"},
                                                    {"command", command.toStdString()}});
    return QString::fromStdString(launch(*m_client, id).value("run_id", ""));
}

void Tst_LocalExecutor::envMergeAndReservedVariables()
{
    const QString id = createDefinition(
        *m_client, {{"alias", "env"},
                    {"image", "none"},
                    {"command", "echo \"A=$A B=$B C=$C\"; env | grep ^FLOTILLA_ | sort"},
                    {"env", {{{"name", "A"}, {"value", "definition"}}, {{"name", "B"}, {"value", "definition"}}}}});
    const Json run = launch(*m_client, id,
                            {{"run_tags", {{"owner_id", "ada"}}},
                             {"env", {{{"name", "B"}, {"value", "launch"}}, {{"name", "C"}, {"value", "with space"}}}}});
    const QString runId = QString::fromStdString(run["run_id"]);
    const Json stopped = waitForStatus(*m_client, runId, "STOPPED");
    QCOMPARE(stopped.value("exit_code", -1), 0);
    const QByteArray log = readLogByPaging(*m_client, runId);
    QCOMPARE(log, "A=definition B=launch C=with space\n"
                  "FLOTILLA_RUN_ID="
                      + runId.toUtf8()
                      + "\n"
                        "FLOTILLA_RUN_OWNER_ID=ada\n"
                        "FLOTILLA_SERVER_MODE=local\n");
}

void Tst_LocalExecutor::exitCodes_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("success") << "true" << 0;
    QTest::newRow("exit 3") << "exit 3" << 3;
    QTest::newRow("killed") << "kill -9 $$" << 137;
}

void Tst_LocalExecutor::exitCodes()
{
    QFETCH(QString, command);
    QFETCH(int, exitCode);
    const QString runId = runCommand(command);
    const Json run = waitForStatus(*m_client, runId, "STOPPED");
    QCOMPARE(run.value("exit_code", -1), exitCode);
    QVERIFY(!run.contains("exit_reason"));
    QVERIFY(run.contains("started_at"));
    QVERIFY(run.contains("finished_at"));
    QVERIFY(!run["instance"]["instance_id"].get<std::string>().empty());
}

void Tst_LocalExecutor::stderrIsCaptured()
{
    const QString runId = runCommand(QStringLiteral("echo out; echo err >&2; echo out again"));
    waitForStatus(*m_client, runId, "STOPPED");
    QCOMPARE(readLogByPaging(*m_client, runId), "out\nerr\nout again\n");
}

void Tst_LocalExecutor::leftoverProcessesEndWithTheRun()
{
    // The background sleep shares the run's output; the run must not wait for it.
    const QString runId = runCommand(QStringLiteral("sleep 300 & echo started"));
    const Json stopped = waitForStatus(*m_client, runId, "STOPPED");
    QCOMPARE(stopped.value("exit_code", -1), 0);
    QCOMPARE(readLogByPaging(*m_client, runId), "started\n");
    // Nothing of the run's process group is left.
    const pid_t group = pid_t(std::stol(stopped["instance"]["instance_id"].get<std::string>()));
    QVERIFY(group > 1);
    QTRY_VERIFY(::kill(-group, 0) != 0 && errno == ESRCH);
}

void Tst_LocalExecutor::hundredThousandLinesPageBackIdentical()
{
    const QString runId = runCommand(
        QStringLiteral("i=0; while [ $i -lt 100000 ]; do echo \"line $i é€\"; i=$((i+1)); done"));
    waitForStatus(*m_client, runId, "STOPPED", 120000);
    QByteArray expected;
    for (int i = 0; i < 100000; ++i)
        expected += "line " + QByteArray::number(i) + " é€\n";
    int chunks = 0;
    QCOMPARE(readLogByPaging(*m_client, runId, &chunks), expected);
    QVERIFY(chunks > 2); // more than 1 MiB: it really paged
    const HttpResult raw = m_client->get(QStringLiteral("/api/v1/%1/logs?raw_text=true").arg(runId));
    QCOMPARE(raw.header("content-type"), "text/plain; charset=utf-8");
    QCOMPARE(raw.body, expected);
}

void Tst_LocalExecutor::aThreeMebibyteLine()
{
    // 3 MiB of two-byte characters and no newline inside: chunks must cut at
    // character boundaries and lose nothing.
    const QString runId = runCommand(
        QStringLiteral("head -c 1572864 /dev/zero | tr '\\0' x | sed 's/x/é/g'; echo; echo tail"));
    waitForStatus(*m_client, runId, "STOPPED", 120000);
    const QByteArray expected = QByteArray(1572864, 'x').replace("x", "é") + "\ntail\n";
    int chunks = 0;
    const QByteArray log = readLogByPaging(*m_client, runId, &chunks);
    QCOMPARE(log.size(), expected.size());
    QVERIFY(log == expected);
    QVERIFY(chunks >= 4);
}

void Tst_LocalExecutor::workingDirectoryPerRun()
{
    const QString first = runCommand(QStringLiteral("touch marker; pwd"));
    const QString second = runCommand(QStringLiteral("ls; pwd"));
    waitForStatus(*m_client, first, "STOPPED");
    waitForStatus(*m_client, second, "STOPPED");
    const QByteArray firstLog = readLogByPaging(*m_client, first);
    const QByteArray secondLog = readLogByPaging(*m_client, second);
    QVERIFY(firstLog.contains(first.toUtf8()));
    QVERIFY(!secondLog.contains("marker"));
    QVERIFY(firstLog.trimmed() != secondLog.trimmed());
}

void Tst_LocalExecutor::launchesTakeDirsMadeAhead()
{
    // After a launch, the next one's control dir, work dir and log are made
    // ahead under the cluster's spare name; the next launch renames them.
    const QString spare = m_server.dataDir() + QStringLiteral("/runs/.spare-local");
    const QString spareLog = m_server.dataDir() + QStringLiteral("/logs/.spare-local.log");
    const QString first = runCommand(QStringLiteral("touch marker; pwd"));
    waitForStatus(*m_client, first, "STOPPED");
    QTRY_VERIFY(QFileInfo(spare + QStringLiteral("/work")).isDir());
    QVERIFY(QDir(spare + QStringLiteral("/work")).isEmpty());
    QVERIFY(QFileInfo::exists(spareLog));
    QCOMPARE(QFileInfo(spareLog).size(), 0);
    const QString second = runCommand(QStringLiteral("ls -A; pwd"));
    waitForStatus(*m_client, second, "STOPPED");
    QCOMPARE(readLogByPaging(*m_client, second),
             (m_server.dataDir() + QStringLiteral("/runs/") + second + QStringLiteral("/work\n")).toUtf8());
    QTRY_VERIFY(QFileInfo(spare + QStringLiteral("/work")).isDir());
}

void Tst_LocalExecutor::logTextNeedingEscapes()
{
    // printf's own escapes: \\ a backslash, \t a tab, \001 and \303\251 (é) as bytes.
    const QString runId = runCommand(QStringLiteral("printf 'quote\" backslash\\\\ tab\\t ctrl\\001 \\303\\251\\n'"));
    const QString invalid = runCommand(QStringLiteral("printf 'bad \\377 byte\\n'"));
    waitForStatus(*m_client, runId, "STOPPED");
    waitForStatus(*m_client, invalid, "STOPPED");
    QCOMPARE(readLogByPaging(*m_client, runId), QByteArray("quote\" backslash\\ tab\t ctrl\x01 \xc3\xa9\n"));
    // JSON carries text: an invalid byte becomes U+FFFD there; raw_text keeps it.
    QCOMPARE(readLogByPaging(*m_client, invalid), QByteArray("bad \xef\xbf\xbd byte\n"));
    QCOMPARE(m_client->get(QStringLiteral("/api/v1/%1/logs?raw_text=true").arg(invalid)).body,
             QByteArray("bad \xff byte\n"));
}

QTEST_GUILESS_MAIN(Tst_LocalExecutor)
#include "tst_localexecutor.moc"
