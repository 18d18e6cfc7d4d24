// flotilla, the command-line client: the real binary against a real control
// plane (runs execute as local processes on the `local` cluster).
#include "testpaths.h"
#include <testserver.h>

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

QString program()
{
    return TestPaths::binDir() + QStringLiteral("/flotilla");
}

struct CliResult
{
    bool ended = false;
    int exitCode = -1;
    QString out;
    QString err;

    QString describe() const { return QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(exitCode).arg(out, err); }
};

// Runs flotilla with HOME in `home`; the event loop runs meanwhile, so the
// in-process control plane keeps answering.
CliResult runCli(const QString &home, const QStringList &arguments, const QString &token = QStringLiteral("unused"),
                 const QList<std::pair<QString, QString>> &extraEnvironment = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), home);
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/.config"));
    for (const auto &[name, value] : extraEnvironment)
        environment.insert(name, value);
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
    environment.insert(QStringLiteral("USER"), QStringLiteral("cli-tester"));
    environment.insert(QStringLiteral("FLOTILLA_TEST_TOKEN"), token);
    process.setProcessEnvironment(environment);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(program(), arguments);
    CliResult result;
    result.ended = finished.wait(60000);
    if (!result.ended) {
        process.kill();
        process.waitForFinished(10000);
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

Json parseJson(const QString &text)
{
    return Json::parse(text.toStdString(), nullptr, false);
}

QString launchedRunId(const QString &err)
{
    static const QRegularExpression pattern(QStringLiteral("launched run (\\S+)"));
    return pattern.match(err).captured(1);
}

} // namespace

class Tst_Cli final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void version();
    void help();
    void createAndList();
    void definitionByIdAndAlias();
    void launchFollowPrintsTheLog();
    void launchFollowExitsWithTheRunsCode();
    void logsAndRun();
    void runsByStatus();
    void stopARunningRun();
    void groupsTagsClusters();
    void deleteDefinition();
    void updateDefinition();
    void tokenFromEnvironment();
    void usageErrors_data();
    void usageErrors();
    void serverErrorExitsOne();
    void noLocalServer();
    void discoversTheLocalServer();
    void tablesFitTheTerminal();
    void profilesAddListDefaultRemove();
    void profileChoosesServerOwnerAndCluster();
    void openShowsWhatALinkPointsTo();
    void profileSecretsComeFromTheKeychain();
    void profileSecretsNeedAKeychain();

private:
    CliResult cli(const QStringList &arguments)
    {
        return runCli(m_home.path(), QStringList{QStringLiteral("--server"), m_server->url().toString()} + arguments);
    }

    QTemporaryDir m_home;
    std::unique_ptr<TestServer> m_server;
    QString m_definitionId;
};

void Tst_Cli::initTestCase()
{
    QVERIFY2(QFile::exists(program()), qPrintable(program() + QStringLiteral(" is missing; build flotilla")));
    QVERIFY(m_home.isValid());
    // The commands are the subject here, named servers as --server URL; the
    // token of the local server is found by discoversTheLocalServer().
    ControlPlaneOptions options;
    options.tokenRequired = false;
    m_server = std::make_unique<TestServer>(options);
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
}

void Tst_Cli::cleanupTestCase()
{
    m_server.reset();
}

void Tst_Cli::version()
{
    const CliResult result = runCli(m_home.path(), {QStringLiteral("--version")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains(QStringLiteral(FLOTILLA_VERSION)), qPrintable(result.describe()));
}

void Tst_Cli::help()
{
    CliResult result = runCli(m_home.path(), {QStringLiteral("--help")});
    QCOMPARE(result.exitCode, 0);
    for (const char *word :
         {"definitions", "launch", "runs", "events", "logs", "stop", "clusters", "--server", "--output"})
        QVERIFY2(result.out.contains(QLatin1String(word)), qPrintable(result.describe()));
    // The longest name still has its gap before the description.
    QVERIFY2(result.out.contains(QStringLiteral("\n  launch-template  Launch")), qPrintable(result.describe()));

    for (const QStringList &arguments : {QStringList{QStringLiteral("help"), QStringLiteral("launch")},
                                         QStringList{QStringLiteral("launch"), QStringLiteral("--help")}}) {
        result = runCli(m_home.path(), arguments);
        QCOMPARE(result.exitCode, 0);
        for (const char *word : {"--follow", "--cluster", "--env", "--owner", "ID_OR_ALIAS"})
            QVERIFY2(result.out.contains(QLatin1String(word)), qPrintable(result.describe()));
    }
}

void Tst_Cli::createAndList()
{
    CliResult result = cli({QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("create"),
                            QStringLiteral("--alias"), QStringLiteral("cli-hello"), QStringLiteral("--image"),
                            QStringLiteral("alpine:3"), QStringLiteral("--command"), QStringLiteral("echo hello $NAME"),
                            QStringLiteral("--group"), QStringLiteral("cli-group"), QStringLiteral("--memory"),
                            QStringLiteral("64"), QStringLiteral("--env"), QStringLiteral("NAME=nobody"),
                            QStringLiteral("--tag"), QStringLiteral("cli-tag")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const Json created = parseJson(result.out);
    QVERIFY2(created.is_object() && created.contains("definition_id"), qPrintable(result.describe()));
    m_definitionId = toQString(created["definition_id"].get<std::string>());
    QCOMPARE(created["memory"].get<int>(), 64);

    result = cli({QStringLiteral("create"), QStringLiteral("--alias"), QStringLiteral("cli-exit3"),
                  QStringLiteral("--image"), QStringLiteral("alpine:3"), QStringLiteral("--command"),
                  QStringLiteral("exit 3")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    result = cli({QStringLiteral("create"), QStringLiteral("--alias"), QStringLiteral("cli-sleep"),
                  QStringLiteral("--image"), QStringLiteral("alpine:3"), QStringLiteral("--command"),
                  QStringLiteral("sleep 30")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));

    result = cli({QStringLiteral("definitions")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.out.startsWith(QStringLiteral("ID")), qPrintable(result.describe()));
    QVERIFY2(result.out.contains(QStringLiteral("cli-hello")) && result.out.contains(m_definitionId),
             qPrintable(result.describe()));
    // Aligned columns: ALIAS starts at the same position on every line.
    const QStringList lines = result.out.split(u'\n', Qt::SkipEmptyParts);
    const qsizetype aliasColumn = lines.constFirst().indexOf(QStringLiteral("ALIAS"));
    for (const QString &line : lines.mid(1))
        QVERIFY2(line.mid(aliasColumn).startsWith(QStringLiteral("cli-")), qPrintable(result.describe()));

    result = cli({QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("definitions"),
                  QStringLiteral("--alias"), QStringLiteral("hello")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const Json list = parseJson(result.out);
    QVERIFY2(list.is_array() && list.size() == 1, qPrintable(result.describe()));
    QCOMPARE(list[0]["alias"].get<std::string>(), std::string("cli-hello"));

    result = cli({QStringLiteral("definitions"), QStringLiteral("--group"), QStringLiteral("cli-group"),
                  QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("--limit"), QStringLiteral("5")});
    QVERIFY2(result.exitCode == 0 && parseJson(result.out).size() == 1, qPrintable(result.describe()));
}

void Tst_Cli::definitionByIdAndAlias()
{
    CliResult result = cli({QStringLiteral("definition"), m_definitionId});
    QVERIFY2(result.exitCode == 0 && result.out.contains(QStringLiteral("cli-hello")), qPrintable(result.describe()));
    result = cli({QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("definition"),
                  QStringLiteral("cli-hello")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(toQString(parseJson(result.out)["definition_id"].get<std::string>()), m_definitionId);
}

void Tst_Cli::launchFollowPrintsTheLog()
{
    const CliResult result = cli({QStringLiteral("launch"), QStringLiteral("cli-hello"), QStringLiteral("--cluster"),
                                  QStringLiteral("local"), QStringLiteral("--env"), QStringLiteral("NAME=world"),
                                  QStringLiteral("--follow")});
    QVERIFY2(result.ended && result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.out.contains(QStringLiteral("hello world")), qPrintable(result.describe()));
    QVERIFY2(!launchedRunId(result.err).isEmpty(), qPrintable(result.describe()));
}

void Tst_Cli::launchFollowExitsWithTheRunsCode()
{
    const CliResult result = cli({QStringLiteral("launch"), QStringLiteral("cli-exit3"), QStringLiteral("--cluster"),
                                  QStringLiteral("local"), QStringLiteral("--follow")});
    QVERIFY2(result.ended && result.exitCode == 3, qPrintable(result.describe()));
}

void Tst_Cli::logsAndRun()
{
    CliResult result = cli({QStringLiteral("launch"), m_definitionId, QStringLiteral("--cluster"),
                            QStringLiteral("local"), QStringLiteral("--env"), QStringLiteral("NAME=logs"),
                            QStringLiteral("--follow")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QString runId = launchedRunId(result.err);

    result = cli({QStringLiteral("logs"), runId});
    QVERIFY2(result.exitCode == 0 && result.out.contains(QStringLiteral("hello logs")), qPrintable(result.describe()));
    result = cli({QStringLiteral("logs"), runId, QStringLiteral("--follow")});
    QVERIFY2(result.exitCode == 0 && result.out.contains(QStringLiteral("hello logs")), qPrintable(result.describe()));

    result = cli({QStringLiteral("run"), runId});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.out.contains(QStringLiteral("STOPPED")) && result.out.contains(QStringLiteral("cli-tester")),
             qPrintable(result.describe()));
    result = cli({QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("run"), runId});
    const Json run = parseJson(result.out);
    QVERIFY2(result.exitCode == 0 && run.is_object(), qPrintable(result.describe()));
    QCOMPARE(run["exit_code"].get<int>(), 0);
}

void Tst_Cli::runsByStatus()
{
    CliResult result = cli({QStringLiteral("runs"), QStringLiteral("--status"), QStringLiteral("STOPPED")});
    QVERIFY2(result.exitCode == 0 && result.out.startsWith(QStringLiteral("RUN ID")), qPrintable(result.describe()));
    QVERIFY2(result.out.contains(QStringLiteral("cli-exit3")) && result.out.contains(QStringLiteral("cli-hello")),
             qPrintable(result.describe()));

    result = cli({QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("runs"),
                  QStringLiteral("--definition"), m_definitionId});
    const Json runs = parseJson(result.out);
    QVERIFY2(result.exitCode == 0 && runs.is_array() && runs.size() == 2, qPrintable(result.describe()));
    for (const Json &run : runs)
        QCOMPARE(toQString(run["definition_id"].get<std::string>()), m_definitionId);

    result = cli({QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("runs"),
                  QStringLiteral("--status"), QStringLiteral("RUNNING")});
    QVERIFY2(result.exitCode == 0 && parseJson(result.out).empty(), qPrintable(result.describe()));
}

void Tst_Cli::stopARunningRun()
{
    CliResult result = cli({QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("launch"),
                            QStringLiteral("cli-sleep"), QStringLiteral("--cluster"), QStringLiteral("local")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QString runId = toQString(parseJson(result.out)["run_id"].get<std::string>());
    HttpTestClient http(*m_server);
    QCOMPARE(waitForStatus(http, runId, "RUNNING")["status"].get<std::string>(), std::string("RUNNING"));

    result = cli({QStringLiteral("stop"), runId});
    QVERIFY2(result.exitCode == 0 && result.out.contains(runId), qPrintable(result.describe()));
    QCOMPARE(waitForStatus(http, runId, "STOPPED")["status"].get<std::string>(), std::string("STOPPED"));
}

void Tst_Cli::groupsTagsClusters()
{
    CliResult result = cli({QStringLiteral("groups")});
    QVERIFY2(result.exitCode == 0 && result.out.split(u'\n').contains(QStringLiteral("cli-group")),
             qPrintable(result.describe()));
    result = cli({QStringLiteral("tags")});
    QVERIFY2(result.exitCode == 0 && result.out.split(u'\n').contains(QStringLiteral("cli-tag")),
             qPrintable(result.describe()));
    result = cli({QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("clusters")});
    const Json clusters = parseJson(result.out);
    QVERIFY2(result.exitCode == 0 && clusters.is_array(), qPrintable(result.describe()));
    QVERIFY2(std::find(clusters.begin(), clusters.end(), Json("local")) != clusters.end(),
             qPrintable(result.describe()));
}

void Tst_Cli::deleteDefinition()
{
    CliResult result = cli({QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("create"),
                            QStringLiteral("--alias"), QStringLiteral("cli-doomed"), QStringLiteral("--image"),
                            QStringLiteral("alpine:3"), QStringLiteral("--command"), QStringLiteral("true")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QString id = toQString(parseJson(result.out)["definition_id"].get<std::string>());
    result = cli({QStringLiteral("delete"), id});
    QVERIFY2(result.exitCode == 0 && result.out.contains(id), qPrintable(result.describe()));
    result = cli({QStringLiteral("definition"), id});
    QVERIFY2(result.exitCode == 1, qPrintable(result.describe()));
}

void Tst_Cli::updateDefinition()
{
    CliResult result = cli({QStringLiteral("create"), QStringLiteral("--alias"), QStringLiteral("cli-changing"),
                            QStringLiteral("--image"), QStringLiteral("alpine:3"), QStringLiteral("--command"),
                            QStringLiteral("true"), QStringLiteral("--tag"), QStringLiteral("old-tag"),
                            QStringLiteral("--env"), QStringLiteral("KEEP=1")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    result = cli({QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("update"),
                  QStringLiteral("cli-changing"), QStringLiteral("--image"), QStringLiteral("alpine:3.19"),
                  QStringLiteral("--memory"), QStringLiteral("128"), QStringLiteral("--tag"),
                  QStringLiteral("new-tag")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    Json updated = parseJson(result.out);
    QCOMPARE(updated["image"].get<std::string>(), std::string("alpine:3.19"));
    QCOMPARE(updated["memory"].get<int>(), 128);
    QVERIFY2(updated["tags"] == Json::array({"new-tag"}), qPrintable(result.describe()));
    QCOMPARE(updated["command"].get<std::string>(), std::string("true"));
    QCOMPARE(updated["env"].size(), size_t(1));

    result = cli({QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("definition"),
                  QStringLiteral("cli-changing")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(parseJson(result.out)["image"].get<std::string>(), std::string("alpine:3.19"));

    result = cli({QStringLiteral("update"), QStringLiteral("cli-changing")});
    QVERIFY2(result.exitCode == 2 && result.err.contains(QStringLiteral("at least one change")),
             qPrintable(result.describe()));
    result = cli({QStringLiteral("update"), QStringLiteral("no-such-definition"), QStringLiteral("--image"),
                  QStringLiteral("x")});
    QVERIFY2(result.exitCode == 1 && result.err.contains(QStringLiteral("not found")), qPrintable(result.describe()));
}

void Tst_Cli::tokenFromEnvironment()
{
    TestServer server;
    server.options().token = "s3cret";
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    const QStringList arguments{QStringLiteral("--server"), server.url().toString(), QStringLiteral("--token-env"),
                                QStringLiteral("FLOTILLA_TEST_TOKEN"), QStringLiteral("clusters")};
    CliResult result = runCli(m_home.path(), arguments, QStringLiteral("s3cret"));
    QVERIFY2(result.exitCode == 0 && result.out.contains(QStringLiteral("local")), qPrintable(result.describe()));
    result = runCli(m_home.path(), arguments, QStringLiteral("wrong"));
    QVERIFY2(result.exitCode == 1 && result.err.contains(QStringLiteral("401")), qPrintable(result.describe()));
}

void Tst_Cli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no command") << QStringList{} << QStringLiteral("COMMAND");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")}
                                     << QStringLiteral("unknown command \"frobnicate\"");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("runs"), QStringLiteral("--bogus")}
                                    << QStringLiteral("bogus");
    QTest::newRow("bad env") << QStringList{QStringLiteral("launch"), QStringLiteral("x"), QStringLiteral("--env"),
                                            QStringLiteral("NOEQUALS")}
                             << QStringLiteral("NAME=VALUE");
    QTest::newRow("missing required") << QStringList{QStringLiteral("create"), QStringLiteral("--alias"),
                                                     QStringLiteral("a")}
                                      << QStringLiteral("--image");
    QTest::newRow("missing argument") << QStringList{QStringLiteral("run")} << QStringLiteral("RUN_ID");
    QTest::newRow("extra argument") << QStringList{QStringLiteral("run"), QStringLiteral("a"), QStringLiteral("b")}
                                    << QStringLiteral("unexpected argument \"b\"");
    QTest::newRow("bad status") << QStringList{QStringLiteral("runs"), QStringLiteral("--status"),
                                               QStringLiteral("DONE")}
                                << QStringLiteral("STOPPED");
    QTest::newRow("bad output") << QStringList{QStringLiteral("--output"), QStringLiteral("xml"), QStringLiteral("runs")}
                                << QStringLiteral("table or json");
    QTest::newRow("bad limit") << QStringList{QStringLiteral("definitions"), QStringLiteral("--limit"),
                                              QStringLiteral("many")}
                               << QStringLiteral("--limit");
    QTest::newRow("unset token variable")
        << QStringList{QStringLiteral("--token-env"), QStringLiteral("FLOTILLA_NO_SUCH_VARIABLE"),
                       QStringLiteral("runs")}
        << QStringLiteral("FLOTILLA_NO_SUCH_VARIABLE");
    QTest::newRow("bad timeout") << QStringList{QStringLiteral("--timeout"), QStringLiteral("0"), QStringLiteral("runs")}
                                 << QStringLiteral(
                                        "--timeout takes seconds, more than 0, such as 30 or 0.5; got \"0\"");
}

void Tst_Cli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const CliResult result = cli(arguments);
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY2(result.err.contains(message), qPrintable(result.describe()));
}

void Tst_Cli::serverErrorExitsOne()
{
    CliResult result = cli({QStringLiteral("run"), QStringLiteral("no-such-run")});
    QVERIFY2(result.exitCode == 1, qPrintable(result.describe()));
    QVERIFY2(result.err.contains(QStringLiteral("Run with id no-such-run not found")), qPrintable(result.describe()));
    QVERIFY(result.out.isEmpty());

    result = cli({QStringLiteral("launch"), QStringLiteral("no-such-definition"), QStringLiteral("--follow")});
    QVERIFY2(result.exitCode == 1 && result.err.contains(QStringLiteral("not found")), qPrintable(result.describe()));

    result = cli({QStringLiteral("logs"), QStringLiteral("no-such-run"), QStringLiteral("--follow")});
    QVERIFY2(result.ended && result.exitCode == 1 && result.err.contains(QStringLiteral("not found")),
             qPrintable(result.describe()));

    // Nothing listens there.
    result = runCli(m_home.path(),
                    {QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:1"), QStringLiteral("groups")});
    QVERIFY2(result.exitCode == 1 && !result.err.isEmpty(), qPrintable(result.describe()));
}

void Tst_Cli::noLocalServer()
{
    QTemporaryDir home;
    const CliResult result = runCli(home.path(), {QStringLiteral("clusters")});
    QVERIFY2(result.exitCode == 1 && result.err.contains(QStringLiteral("flotilla-local")),
             qPrintable(result.describe()));
}

void Tst_Cli::discoversTheLocalServer()
{
    QTemporaryDir home;
    const QString dataDir = home.path() + QStringLiteral("/.local/share/flotilla/flotilla");
    QVERIFY(QDir().mkpath(dataDir));
    TestServer server;
    server.options().dataDir = dataDir;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QVERIFY(!server.token().isEmpty()); // nobody tells the CLI: it reads it beside the URL
    CliResult result = runCli(home.path(), {QStringLiteral("clusters")});
    QVERIFY2(result.exitCode == 0 && result.out.split(u'\n').contains(QStringLiteral("local")),
             qPrintable(result.describe()));
    result = runCli(home.path(), {QStringLiteral("create"), QStringLiteral("--alias"), QStringLiteral("found"),
                                  QStringLiteral("--image"), QStringLiteral("none"), QStringLiteral("--command"),
                                  QStringLiteral("echo found it")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    result = runCli(home.path(), {QStringLiteral("launch"), QStringLiteral("found"), QStringLiteral("--cluster"),
                                  QStringLiteral("local"), QStringLiteral("--follow")});
    QVERIFY2(result.exitCode == 0 && result.out == QStringLiteral("found it\n"), qPrintable(result.describe()));
}

void Tst_Cli::tablesFitTheTerminal()
{
    const auto longestLine = [](const QString &text) {
        qsizetype longest = 0;
        for (const QString &line : text.split(u'\n'))
            longest = std::max(longest, line.size());
        return longest;
    };
    const QStringList arguments{QStringLiteral("--server"), m_server->url().toString(), QStringLiteral("definitions")};
    CliResult whole = runCli(m_home.path(), arguments); // a pipe: whole cells
    QVERIFY2(whole.exitCode == 0 && longestLine(whole.out) > 70, qPrintable(whole.describe()));
    CliResult fitted = runCli(m_home.path(), arguments, {}, {{QStringLiteral("COLUMNS"), QStringLiteral("70")}});
    QVERIFY2(fitted.exitCode == 0 && longestLine(fitted.out) <= 70, qPrintable(fitted.describe()));
    QVERIFY2(fitted.out.contains(u'\u2026'), qPrintable(fitted.describe()));
    QCOMPARE(fitted.out.count(u'\n'), whole.out.count(u'\n'));
}

void Tst_Cli::profilesAddListDefaultRemove()
{
    QTemporaryDir home;
    const auto run = [&](const QStringList &arguments) { return runCli(home.path(), arguments); };
    const QStringList add{QStringLiteral("profiles"),  QStringLiteral("add"),
                          QStringLiteral("prod"),      QStringLiteral("https://flotilla.example.com"),
                          QStringLiteral("--flavour"), QStringLiteral("upstream"),
                          QStringLiteral("--owner"),   QStringLiteral("ada"),
                          QStringLiteral("--cluster"), QStringLiteral("k8s")};
    CliResult result = run(add);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    result = run(add);
    QVERIFY2(result.exitCode == 2 && result.err.contains(QStringLiteral("exists already")),
             qPrintable(result.describe()));

    result = run(
        {QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("profiles"), QStringLiteral("list")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    Json list = parseJson(result.out);
    QCOMPARE(list.size(), size_t(2));
    QVERIFY(list[0]["name"] == "local");
    QVERIFY(list[0]["default"] == true);
    QVERIFY(list[1]["url"] == "https://flotilla.example.com");
    QVERIFY(list[1]["flavour"] == "upstream");
    QVERIFY(list[1]["owner_id"] == "ada");
    QVERIFY(list[1]["default_cluster"] == "k8s");
    QVERIFY(list[1]["has_secrets"] == false);

    result = run({QStringLiteral("profiles"), QStringLiteral("default"), QStringLiteral("prod")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    result = run({QStringLiteral("profiles"), QStringLiteral("list")});
    QVERIFY2(result.out.contains(QRegularExpression(QStringLiteral("\\*\\s+prod"))), qPrintable(result.describe()));

    result = run({QStringLiteral("profiles"), QStringLiteral("remove"), QStringLiteral("local")});
    QVERIFY2(result.exitCode == 1 && result.err.contains(QStringLiteral("built in")), qPrintable(result.describe()));
    result = run({QStringLiteral("profiles"), QStringLiteral("remove"), QStringLiteral("prod")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    result = run({QStringLiteral("profiles"), QStringLiteral("remove"), QStringLiteral("prod")});
    QVERIFY2(result.exitCode == 1 && result.err.contains(QStringLiteral("no profile")), qPrintable(result.describe()));

    result = run({QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("http://h"),
                  QStringLiteral("--flavour"), QStringLiteral("new")});
    QVERIFY2(result.exitCode == 2 && result.err.contains(QStringLiteral("seed-era")), qPrintable(result.describe()));
    result = run({QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("x")});
    QVERIFY2(result.exitCode == 2 && result.err.contains(QStringLiteral("add NAME URL")), qPrintable(result.describe()));
    result = run({QStringLiteral("profiles"), QStringLiteral("rename")});
    QVERIFY2(result.exitCode == 2 && result.err.contains(QStringLiteral("list, add, set, remove or default")),
             qPrintable(result.describe()));
    result = run({QStringLiteral("--profile"), QStringLiteral("nope"), QStringLiteral("groups")});
    QVERIFY2(result.exitCode == 2 && result.err.contains(QStringLiteral("no profile \"nope\"")),
             qPrintable(result.describe()));
}

void Tst_Cli::profileChoosesServerOwnerAndCluster()
{
    QTemporaryDir home;
    CliResult result = runCli(home.path(),
                              {QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("here"),
                               m_server->url().toString(), QStringLiteral("--owner"), QStringLiteral("profile-owner"),
                               QStringLiteral("--cluster"), QStringLiteral("local"), QStringLiteral("--default")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    // The default profile, whose flavour (auto) is detected on the way.
    result = runCli(home.path(),
                    {QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("launch"), m_definitionId});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const Json run = parseJson(result.out);
    QVERIFY(run["user"] == "profile-owner");
    QVERIFY(run["cluster"] == "local");

    result = runCli(home.path(), {QStringLiteral("--profile"), QStringLiteral("here"), QStringLiteral("--server"),
                                  m_server->url().toString(), QStringLiteral("groups")});
    QVERIFY2(result.exitCode == 2 && result.err.contains(QStringLiteral("not both")), qPrintable(result.describe()));
}

void Tst_Cli::openShowsWhatALinkPointsTo()
{
    QTemporaryDir home;
    CliResult result = runCli(home.path(), {QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("here"),
                                            m_server->url().toString()});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    // The default profile is "local", which is not running: the link's profile is used.
    result = runCli(home.path(), {QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("open"),
                                  QStringLiteral("flotilla://here/definition/") + m_definitionId});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(QString::fromStdString(parseJson(result.out).value("definition_id", "")), m_definitionId);

    result = cli({QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("launch"), m_definitionId,
                  QStringLiteral("--cluster"), QStringLiteral("local")});
    const QString runId = QString::fromStdString(parseJson(result.out).value("run_id", ""));
    QVERIFY2(!runId.isEmpty(), qPrintable(result.describe()));
    const CliResult shown = runCli(home.path(),
                                   {QStringLiteral("open"), QStringLiteral("flotilla://here/run/") + runId});
    const CliResult asRun = cli({QStringLiteral("run"), runId});
    QVERIFY2(shown.exitCode == 0 && shown.out.contains(runId), qPrintable(shown.describe()));
    QCOMPARE(shown.out.section(u'\n', 0, 0), asRun.out.section(u'\n', 0, 0)); // as `flotilla run` prints it

    const std::pair<QStringList, QString> bad[] = {
        {{QStringLiteral("flotilla://nowhere/run/") + runId},
         QStringLiteral("the profile \"nowhere\", which is not set up here")},
        {{QStringLiteral("flotilla://here/job/") + runId}, QStringLiteral("unknown kind of item \"job\"")},
        {{QStringLiteral("https://here/run/") + runId}, QStringLiteral("is not a flotilla:// link")},
        {{QStringLiteral("--profile"), QStringLiteral("here"), QStringLiteral("flotilla://here/run/") + runId},
         QStringLiteral("open names its server itself (profile \"here\"); leave out --server and --profile")},
    };
    for (const auto &[arguments, message] : bad) {
        result = runCli(home.path(), QStringList{QStringLiteral("open")} + arguments);
        QVERIFY2(result.exitCode == 2 && result.err.contains(message), qPrintable(result.describe()));
    }
    result = runCli(home.path(), {QStringLiteral("open"), QStringLiteral("flotilla://here/run/no-such-run")});
    QVERIFY2(result.exitCode == 1 && result.err.contains(QStringLiteral("404")), qPrintable(result.describe()));
}

void Tst_Cli::profileSecretsComeFromTheKeychain()
{
    TestServer server;
    server.options().token = "s3cret-token";
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QTemporaryDir home;
    CliResult result = runCli(home.path(),
                              {QStringLiteral("--token-env"), QStringLiteral("FLOTILLA_TEST_TOKEN"),
                               QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("secured"),
                               server.url().toString()},
                              QStringLiteral("s3cret-token"));
    QVERIFY2(result.exitCode == 0 && result.err.contains(QStringLiteral("keychain")), qPrintable(result.describe()));
    // Not in the settings file: from the keychain.
    QProcess grep;
    grep.start(QStringLiteral("grep"), {QStringLiteral("-rl"), QStringLiteral("s3cret-token"), home.path()});
    QVERIFY(grep.waitForFinished());
    QCOMPARE(grep.readAllStandardOutput(), QByteArray());
    result = runCli(home.path(), {QStringLiteral("--profile"), QStringLiteral("secured"), QStringLiteral("clusters")});
    QVERIFY2(result.exitCode == 0 && result.out.contains(QStringLiteral("local")), qPrintable(result.describe()));
    result = runCli(home.path(), {QStringLiteral("profiles"), QStringLiteral("remove"), QStringLiteral("secured")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
}

void Tst_Cli::profileSecretsNeedAKeychain()
{
    QTemporaryDir home;
    const QList<std::pair<QString, QString>> noKeychain{{QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                                                         QStringLiteral("unix:path=") + home.path()
                                                             + QStringLiteral("/no-bus")},
                                                        {QStringLiteral("DISPLAY"), QString()}};
    CliResult result = runCli(home.path(),
                              {QStringLiteral("--token-env"), QStringLiteral("FLOTILLA_TEST_TOKEN"),
                               QStringLiteral("profiles"), QStringLiteral("add"), QStringLiteral("secured"),
                               m_server->url().toString()},
                              QStringLiteral("must-not-leak"), noKeychain);
    QVERIFY2(result.exitCode == 1 && result.err.contains(QStringLiteral("keychain"))
                 && result.err.contains(QStringLiteral("not added")),
             qPrintable(result.describe()));
    QProcess grep;
    grep.start(QStringLiteral("grep"), {QStringLiteral("-rl"), QStringLiteral("must-not-leak"), home.path()});
    QVERIFY(grep.waitForFinished());
    QCOMPARE(grep.readAllStandardOutput(), QByteArray());
    result = runCli(home.path(), {QStringLiteral("profiles"), QStringLiteral("list")});
    QVERIFY2(!result.out.contains(QStringLiteral("secured")), qPrintable(result.describe()));
}

QTEST_GUILESS_MAIN(Tst_Cli)
#include "tst_cli.moc"
