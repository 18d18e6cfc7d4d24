// CompareCommand against a real control plane: two runs of one definition
// with different env and exit codes, and logs that differ in a timestamp
// (masked by default) and in two known places.
#include "commandtesting.h"
#include "testserver.h"

#include <cli/comparecommand.h>
#include <client/flotillaclient.h>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_CompareCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fieldsAndEnv();
    void logsAsHunks();
    void emptyMaskComparesWholeLines();
    void json();
    void usageErrors();
    void unknownRunFails();

private:
    CommandResult compare(const QStringList &arguments)
    {
        return runCommand(CompareCommand(), arguments, m_client.get());
    }

    TestServer m_server;
    std::unique_ptr<FlotillaClient> m_client;
    QString m_left;
    QString m_right;
};

void Tst_CompareCommand::initTestCase()
{
    QVERIFY(m_server.start());
    m_client = std::make_unique<FlotillaClient>(m_server.url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server.token()));
    HttpTestClient http(m_server);
    const QString definition = createDefinition(
        http, Json{{"alias", "nightly"},
                   {"image", "none"},
                   {"command", "echo \"$(date -u +%Y-%m-%dT%H:%M:%S.%NZ) starting\"; "
                               "for i in 1 2 3 4 5 6 7 8 9 10; do echo \"step $i\"; "
                               "if [ $i = 5 ] && [ -n \"$DEBUG\" ]; then echo 'DEBUG cache warm'; fi; done; "
                               "if [ \"$MODE\" = strict ]; then echo 'failed: 3 rows invalid'; exit 2; fi; "
                               "echo finished"}});
    QVERIFY(!definition.isEmpty());
    const auto runWith = [&](const Json &env) {
        const QString runId = QString::fromStdString(
            launch(http, definition, Json{{"run_tags", {{"owner_id", "ada"}}}, {"env", env}}).value("run_id", ""));
        waitForStatus(http, runId, "STOPPED");
        return runId;
    };
    m_left = runWith(
        Json::array({Json{{"name", "MODE"}, {"value", "lenient"}}, Json{{"name", "REGION"}, {"value", "eu"}},
                     Json{{"name", "BATCH"}, {"value", "100"}}}));
    m_right = runWith(Json::array({Json{{"name", "MODE"}, {"value", "strict"}}, Json{{"name", "DEBUG"}, {"value", "1"}},
                                   Json{{"name", "BATCH"}, {"value", "100"}}}));
}

void Tst_CompareCommand::fieldsAndEnv()
{
    const CommandResult result = compare({m_left, m_right});
    QVERIFY2(result.ended && result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY(result.out.startsWith(QStringLiteral("--- %1 nightly\n+++ %2 nightly\n").arg(m_left, m_right)));
    for (const QString &line : {QStringLiteral(" image: none\n"), QStringLiteral(" cluster: local\n"),
                                QStringLiteral(" owner: ada\n"), QStringLiteral("-exit code: 0\n+exit code: 2\n")})
        QVERIFY2(result.out.contains(line), qPrintable(result.out));
    // Env: only what differs, removed and changed as -, added and changed as +;
    // the control plane's FLOTILLA_RUN_ID differs too.
    const QRegularExpression env(QStringLiteral("\n\\+env DEBUG=1\n-env FLOTILLA_RUN_ID=%1\n\\+env FLOTILLA_RUN_ID=%2\n"
                                                "-env MODE=lenient\n\\+env MODE=strict\n-env REGION=eu\n$")
                                     .arg(m_left, m_right));
    QVERIFY2(env.match(result.out).hasMatch(), qPrintable(result.out));
    QVERIFY(!result.out.contains(u"BATCH"));
    QVERIFY(!result.out.contains(u"command:")); // the same command
    QVERIFY(!result.out.contains(u"log:"));     // without --logs
}

void Tst_CompareCommand::logsAsHunks()
{
    const CommandResult result = compare({m_left, m_right, QStringLiteral("--logs")});
    QVERIFY2(result.ended && result.exitCode == 0, qPrintable(result.describe()));
    // The first lines differ only in their time: masked, outside the hunk.
    QVERIFY2(result.out.endsWith(QStringLiteral("-env REGION=eu\n"
                                                "log:\n"
                                                "@@ -4,9 +4,10 @@\n"
                                                " step 3\n step 4\n step 5\n"
                                                "+DEBUG cache warm\n"
                                                " step 6\n step 7\n step 8\n step 9\n step 10\n"
                                                "-finished\n"
                                                "+failed: 3 rows invalid\n")),
             qPrintable(result.out));
}

void Tst_CompareCommand::emptyMaskComparesWholeLines()
{
    const CommandResult result = compare({m_left, m_right, QStringLiteral("--logs"), QStringLiteral("--mask=")});
    QVERIFY2(result.ended && result.exitCode == 0, qPrintable(result.describe()));
    const QRegularExpression firstLine(
        QStringLiteral("\nlog:\n@@ -1,12 \\+1,13 @@\n-\\d{4}-\\d\\d-\\d\\dT[^ ]+Z starting\n"
                       "\\+\\d{4}-\\d\\d-\\d\\dT[^ ]+Z starting\n step 1\n"));
    QVERIFY2(firstLine.match(result.out).hasMatch(), qPrintable(result.out));
}

void Tst_CompareCommand::json()
{
    const CommandResult result = compare(
        {m_left, m_right, QStringLiteral("--logs"), QStringLiteral("--output"), QStringLiteral("json")});
    QVERIFY2(result.ended && result.exitCode == 0, qPrintable(result.describe()));
    const Json json = parseJson(result.out);
    QCOMPARE(json["left"].get<std::string>(), m_left.toStdString());
    QCOMPARE(json["env"].size(), size_t(4)); // DEBUG, FLOTILLA_RUN_ID, MODE, REGION
    QCOMPARE(json["env"][0]["name"].get<std::string>(), "DEBUG");
    QCOMPARE(json["env"][0]["change"].get<std::string>(), "added");
    QCOMPARE(json["log"]["only_right"].get<int>(), 1);
    QCOMPARE(json["log"]["changed"].get<int>(), 1);
    QCOMPARE(json["log"]["first_difference"].get<int>(), 7); // the row of the DEBUG line, from 1
    bool exitDiffers = false;
    for (const Json &field : json["fields"]) {
        if (field["field"] == "exit code")
            exitDiffers = field["differs"].get<bool>();
    }
    QVERIFY(exitDiffers);
}

void Tst_CompareCommand::usageErrors()
{
    CommandResult result = compare(
        {m_left, m_right, QStringLiteral("--logs"), QStringLiteral("--mask"), QStringLiteral("(unclosed")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(u"--mask: The mask is not a valid regular expression"), qPrintable(result.err));
    result = compare({m_left, m_right, QStringLiteral("--mask"), QStringLiteral("x")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(u"--mask goes with --logs"), qPrintable(result.err));
}

void Tst_CompareCommand::unknownRunFails()
{
    const CommandResult result = compare({m_left, QStringLiteral("no-such-run")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(u"no-such-run"), qPrintable(result.err));
}

QTEST_GUILESS_MAIN(Tst_CompareCommand)
#include "tst_comparecommand.moc"
