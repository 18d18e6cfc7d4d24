// Command: the help of a command and the option checks every command
// shares (counts, --env, --limit/--offset), through a small command.
#include "commandtesting.h"

#include <QUrlQuery>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

// Checks what the test asks and reports what it read as JSON.
class ProbeCommand final : public Command
{
public:
    ProbeCommand()
        : Command(
            {QStringLiteral("probe"),
             QStringLiteral("THING"),
             QStringLiteral("Probe the checks."),
             {option("env", "Environment variable (repeatable).", "NAME=VALUE"), option("limit", "At most N.", "N"),
              option("offset", "Skip N.", "N"), option("memory", "Memory in MB.", "MB"), option("quiet", "Say less.")},
             1,
             1})
    {}

    bool needsServer() const override { return false; }

    void run(Invocation &invocation) const override
    {
        EnvList env;
        std::optional<qint64> memory;
        QUrlQuery query;
        if (!parseEnv(invocation, &env) || !parseCount(invocation, QStringLiteral("memory"), &memory)
            || !addPaging(invocation, &query))
            return;
        Json envJson = Json::object();
        for (const EnvVar &var : env)
            envJson[toUtf8(var.name)] = toUtf8(var.value);
        invocation.output().printJson(
            {{"env", envJson}, {"memory", memory ? Json(*memory) : Json()}, {"query", toUtf8(query.toString())}});
        invocation.done();
    }
};

} // namespace

class Tst_Command final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void helpText();
    void globalOptions();
    void optionsAreRead();
    void badOptions_data();
    void badOptions();
};

void Tst_Command::helpText()
{
    const QString help = ProbeCommand().helpText();
    QVERIFY2(help.startsWith(QStringLiteral("Usage: flotilla [global options] probe [options] THING\n\n"
                                            "Probe the checks.\n\nOptions:\n")),
             qPrintable(help));
    QVERIFY2(help.contains(QStringLiteral("--env <NAME=VALUE>")) && help.contains(QStringLiteral("--quiet")),
             qPrintable(help));
}

void Tst_Command::globalOptions()
{
    QStringList names;
    for (const QCommandLineOption &option : Command::globalOptions())
        names << option.names().constLast();
    QCOMPARE(names, (QStringList{QStringLiteral("server"), QStringLiteral("profile"), QStringLiteral("token-env"),
                                 QStringLiteral("output"), QStringLiteral("timeout"), QStringLiteral("help"),
                                 QStringLiteral("version")}));
}

void Tst_Command::optionsAreRead()
{
    const CommandResult result = runCommand(ProbeCommand(),
                                            {QStringLiteral("thing"), QStringLiteral("--env"), QStringLiteral("A=1=2"),
                                             QStringLiteral("--env"), QStringLiteral("B="), QStringLiteral("--memory"),
                                             QStringLiteral("0"), QStringLiteral("--limit"), QStringLiteral("5"),
                                             QStringLiteral("--offset"), QStringLiteral("10")},
                                            nullptr);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const Json read = parseJson(result.out);
    QVERIFY2(read["env"] == Json({{"A", "1=2"}, {"B", ""}}), qPrintable(result.describe()));
    QVERIFY2(read["memory"] == 0, qPrintable(result.describe()));
    QVERIFY2(read["query"] == "limit=5&offset=10", qPrintable(result.describe()));
}

void Tst_Command::badOptions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("env without =") << QStringList{QStringLiteral("--env"), QStringLiteral("NOEQUALS")}
                                   << QStringLiteral(
                                          "--env takes NAME=VALUE, e.g. --env GREETING=hello; got \"NOEQUALS\"");
    QTest::newRow("env without a name") << QStringList{QStringLiteral("--env"), QStringLiteral("=x")}
                                        << QStringLiteral("--env takes NAME=VALUE");
    QTest::newRow("negative count") << QStringList{QStringLiteral("--memory"), QStringLiteral("-5")}
                                    << QStringLiteral("--memory takes a whole number >= 0; got \"-5\"");
    QTest::newRow("bad offset") << QStringList{QStringLiteral("--offset"), QStringLiteral("1.5")}
                                << QStringLiteral("--offset takes a whole number >= 0; got \"1.5\"");
}

void Tst_Command::badOptions()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const CommandResult result = runCommand(ProbeCommand(), QStringList{QStringLiteral("thing")} + arguments, nullptr);
    QVERIFY2(result.exitCode == 2 && result.out.isEmpty(), qPrintable(result.describe()));
    QVERIFY2(result.err.startsWith(QStringLiteral("flotilla: ") + message), qPrintable(result.describe()));
}

QTEST_GUILESS_MAIN(Tst_Command)
#include "tst_command.moc"
