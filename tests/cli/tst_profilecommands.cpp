// ProfileCommands over a settings file in a temporary dir: add, list,
// default, remove, the local control plane's URL while it runs, and the
// usage errors. (Secrets in the keychain: tst_cli.)
#include "commandtesting.h"
#include "testserver.h"

#include <cli/profilecommands.h>
#include <client/profilestore.h>

#include <QTemporaryDir>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_ProfileCommands final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void addListDefaultRemove();
    void setChangesOnlyTheOptionsGiven();
    void listShowsTheRunningLocalServer();
    void usageErrors_data();
    void usageErrors();

private:
    CommandResult run(const QStringList &arguments)
    {
        return runCommand(ProfileCommands(), arguments, nullptr, [this](Invocation &invocation) {
            invocation.setProfileStore(
                std::make_unique<ProfileStore>(m_dir->filePath(QStringLiteral("flotilla.conf"))));
            invocation.setDataDir(m_dir->filePath(QStringLiteral("data")));
        });
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void Tst_ProfileCommands::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void Tst_ProfileCommands::addListDefaultRemove()
{
    QVERIFY(!ProfileCommands().needsServer());
    CommandResult result = run({QStringLiteral("list")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.out.contains(QRegularExpression(QStringLiteral("^\\*\\s+local\\s+\\(not running\\)"),
                                                    QRegularExpression::MultilineOption)),
             qPrintable(result.describe()));

    const QStringList add{
        QStringLiteral("add"),       QStringLiteral("prod"),      QStringLiteral("https://f.example.com"),
        QStringLiteral("--flavour"), QStringLiteral("seed-era"),  QStringLiteral("--owner"),
        QStringLiteral("ada"),       QStringLiteral("--cluster"), QStringLiteral("k8s")};
    result = run(add);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.err, QStringLiteral("flotilla: added profile prod\n"));
    result = run(add);
    QVERIFY2(result.exitCode == 2 && result.err.contains(QStringLiteral("exists already")),
             qPrintable(result.describe()));

    result = run({QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("list")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const Json list = parseJson(result.out);
    QCOMPARE(list.size(), size_t(2));
    QVERIFY(list[1]["name"] == "prod" && list[1]["url"] == "https://f.example.com");
    QVERIFY(list[1]["flavour"] == "seed-era" && list[1]["owner_id"] == "ada" && list[1]["default_cluster"] == "k8s");
    QVERIFY(list[1]["default"] == false && list[1]["has_secrets"] == false);

    result = run({QStringLiteral("default"), QStringLiteral("prod")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    result = run({QStringLiteral("list")});
    QVERIFY2(result.out.contains(
                 QRegularExpression(QStringLiteral("^\\*\\s+prod\\s"), QRegularExpression::MultilineOption)),
             qPrintable(result.describe()));
    result = run({QStringLiteral("default"), QStringLiteral("nope")});
    QVERIFY2(result.exitCode == 1 && result.err.endsWith(QStringLiteral("; see flotilla profiles list\n")),
             qPrintable(result.describe()));

    result = run({QStringLiteral("remove"), QStringLiteral("local")});
    QVERIFY2(result.exitCode == 1 && result.err.contains(QStringLiteral("built in")), qPrintable(result.describe()));
    result = run({QStringLiteral("remove"), QStringLiteral("prod")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.err, QStringLiteral("flotilla: removed profile prod\n"));
    result = run({QStringLiteral("remove"), QStringLiteral("prod")});
    QVERIFY2(result.exitCode == 1 && result.err.contains(QStringLiteral("there is no profile \"prod\"")),
             qPrintable(result.describe()));
}

void Tst_ProfileCommands::setChangesOnlyTheOptionsGiven()
{
    CommandResult result = run({QStringLiteral("add"), QStringLiteral("prod"), QStringLiteral("https://f.example.com"),
                                QStringLiteral("--owner"), QStringLiteral("ada"), QStringLiteral("--web-ui"),
                                QStringLiteral("https://ui.example.com")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    result = run({QStringLiteral("set"), QStringLiteral("prod"), QStringLiteral("--web-ui"),
                  QStringLiteral("https://ui2.example.com/flotilla"), QStringLiteral("--cluster"),
                  QStringLiteral("k8s")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.err, QStringLiteral("flotilla: updated profile prod\n"));
    result = run({QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("list")});
    const Json list = parseJson(result.out);
    QVERIFY2(list[1]["web_ui"] == "https://ui2.example.com/flotilla", qPrintable(result.describe()));
    QVERIFY(list[1]["owner_id"] == "ada" && list[1]["default_cluster"] == "k8s");
    QVERIFY(list[0]["web_ui"] == "");
    // "" takes the web UI away.
    result = run({QStringLiteral("set"), QStringLiteral("prod"), QStringLiteral("--web-ui"), QString()});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY(
        parseJson(run({QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("list")}).out)[1]["web_ui"]
        == "");
}

void Tst_ProfileCommands::listShowsTheRunningLocalServer()
{
    TestServer server;
    server.options().dataDir = m_dir->filePath(QStringLiteral("data"));
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    const CommandResult result = run({QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("list")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const Json list = parseJson(result.out);
    QVERIFY2(list[0]["name"] == "local", qPrintable(result.describe()));
    QCOMPARE(toQString(list[0]["url"].get<std::string>()), server.url().toString());
}

void Tst_ProfileCommands::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown action") << QStringList{
        QStringLiteral("rename")} << QStringLiteral("profiles takes list, add, set, remove or default; got \"rename\"");
    QTest::newRow("add without URL") << QStringList{QStringLiteral("add"), QStringLiteral("x")}
                                     << QStringLiteral("usage: flotilla profiles add NAME URL [options]");
    QTest::newRow("list with a name") << QStringList{QStringLiteral("list"), QStringLiteral("x")}
                                      << QStringLiteral("usage: flotilla profiles list;");
    QTest::newRow("bad flavour") << QStringList{QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("http://h"),
                                                QStringLiteral("--flavour"), QStringLiteral("new")}
                                 << QStringLiteral("--flavour takes auto, control-plane, upstream or seed-era");
    QTest::newRow("bad web UI") << QStringList{QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("http://h"),
                                               QStringLiteral("--web-ui"), QStringLiteral("ui.example.com")}
                                << QStringLiteral("the web UI address must be an http or https URL");
    QTest::newRow("set a missing profile")
        << QStringList{QStringLiteral("set"), QStringLiteral("x")} << QStringLiteral("there is no profile \"x\"");
    QTest::newRow("set local") << QStringList{QStringLiteral("set"), QStringLiteral("local"), QStringLiteral("--owner"),
                                              QStringLiteral("ada")}
                               << QStringLiteral("\"local\" is built in and cannot be changed");
    QTest::newRow("bad header") << QStringList{QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("http://h"),
                                               QStringLiteral("--header-env"), QStringLiteral("Bad Name=VAR")}
                                << QStringLiteral("--header-env takes NAME=VAR");
    QTest::newRow("unset header variable")
        << QStringList{QStringLiteral("add"), QStringLiteral("x"), QStringLiteral("http://h"),
                       QStringLiteral("--header-env"), QStringLiteral("X-Auth=FLOTILLA_NO_SUCH_VARIABLE")}
        << QStringLiteral("--header-env: the environment variable FLOTILLA_NO_SUCH_VARIABLE is not set or empty");
}

void Tst_ProfileCommands::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const CommandResult result = run(arguments);
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY2(result.err.startsWith(QStringLiteral("flotilla: ") + message), qPrintable(result.describe()));
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("flotilla.conf")))
            || !run({QStringLiteral("list")}).out.contains(QStringLiteral(" x ")));
}

QTEST_GUILESS_MAIN(Tst_ProfileCommands)
#include "tst_profilecommands.moc"
