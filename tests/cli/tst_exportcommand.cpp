// ExportCommand against two real control planes: a definition and a template
// exported from one, written to a file and created on the other with
// `create --from-file`, arrive with equal fields; bad files and mixed options
// are usage errors that say what to fix.
#include "commandtesting.h"
#include "jsoncompare.h"
#include "testserver.h"

#include <cli/definitioncommands.h>
#include <cli/exportcommands.h>
#include <client/flotillaclient.h>

#include <QTemporaryDir>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_ExportCommand final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void definitionMovesToAnotherServer();
    void templateMovesToAnotherServer();
    void aliasTakenGivesTheServersMessage();
    void badFiles_data();
    void badFiles();
    void fromFileTakesNoOtherOptions();

private:
    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }
    CommandResult createFromFile(const QString &path, FlotillaClient *client)
    {
        return runCommand(DefinitionCommands(DefinitionCommands::Action::Create), {QStringLiteral("--from-file"), path},
                          client);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<TestServer> m_servers[2];
    std::unique_ptr<FlotillaClient> m_clients[2];
};

void Tst_ExportCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    for (int i = 0; i < 2; ++i) {
        m_servers[i] = std::make_unique<TestServer>();
        QString error;
        QVERIFY2(m_servers[i]->start(&error), qPrintable(error));
        m_clients[i] = std::make_unique<FlotillaClient>(m_servers[i]->url(), ServerFlavour::ControlPlane);
        m_clients[i]->setBearerToken(QString::fromUtf8(m_servers[i]->token()));
    }
}

void Tst_ExportCommand::cleanupTestCase()
{
    for (int i = 0; i < 2; ++i) {
        m_clients[i].reset();
        m_servers[i].reset();
    }
}

void Tst_ExportCommand::definitionMovesToAnotherServer()
{
    HttpTestClient source(*m_servers[0]);
    const Json original = Json::parse(R"({"alias":"mover","group_name":"moving","image":"alpine:3",
        "command":"echo \"moved $X\"","memory":96,"cpu":512,"env":[{"name":"X","value":"1"},{"name":"Y","value":"a b"}],
        "tags":["one","two"]})");
    const QString id = createDefinition(source, original);
    QVERIFY(!id.isEmpty());

    // By alias; the file is what `flotilla export mover > file.json` writes.
    CommandResult exported = runCommand(ExportCommand(), {QStringLiteral("mover")}, m_clients[0].get());
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.describe()));
    const Json body = parseJson(exported.out);
    QVERIFY2(!body.contains("definition_id"), qPrintable(exported.out));
    JSON_COMPARE(body["alias"], "mover");
    // --output json changes nothing: the file is always the create body.
    QCOMPARE(runCommand(ExportCommand(), {id, QStringLiteral("--output"), QStringLiteral("json")}, m_clients[0].get())
                 .out,
             exported.out);

    const CommandResult created = createFromFile(writeFile(QStringLiteral("mover.json"), exported.out.toUtf8()),
                                                 m_clients[1].get());
    QVERIFY2(created.exitCode == 0, qPrintable(created.describe()));

    HttpTestClient target(*m_servers[1]);
    Json copy = target.get(QStringLiteral("/api/v1/task/alias/mover")).json();
    Json first = source.get(QStringLiteral("/api/v1/task/") + id).json();
    QVERIFY(copy["definition_id"] != first["definition_id"]);
    copy.erase("definition_id");
    first.erase("definition_id");
    JSON_COMPARE(copy, first);
}

void Tst_ExportCommand::templateMovesToAnotherServer()
{
    HttpTestClient source(*m_servers[0]);
    const Json tpl = Json::parse(R"({"template_name":"greeter","image":"alpine:3","memory":64,
        "schema":{"type":"object","properties":{"name":{"type":"string"}}},"defaults":{"name":"world"},
        "command_template":"echo hello {{.name}}","env":[{"name":"A","value":"1"}],"tags":["t"]})");
    QCOMPARE(source.post(QStringLiteral("/api/v7/template"), tpl).status, 200);

    CommandResult exported = runCommand(ExportCommand(), {QStringLiteral("--template"), QStringLiteral("greeter")},
                                        m_clients[0].get());
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.describe()));
    QVERIFY2(!parseJson(exported.out).contains("template_id"), qPrintable(exported.out));
    const CommandResult created = createFromFile(writeFile(QStringLiteral("greeter.json"), exported.out.toUtf8()),
                                                 m_clients[1].get());
    QVERIFY2(created.exitCode == 0, qPrintable(created.describe()));
    QVERIFY2(created.out.contains(u"greeter"), qPrintable(created.describe()));

    HttpTestClient target(*m_servers[1]);
    const auto only = [](HttpTestClient &client) {
        Json list = client.get(QStringLiteral("/api/v7/template")).json()["templates"];
        Json found;
        for (Json &t : list) {
            if (t["template_name"] == "greeter")
                found = t;
        }
        found.erase("template_id");
        return found;
    };
    JSON_COMPARE(only(target), only(source));
}

void Tst_ExportCommand::aliasTakenGivesTheServersMessage()
{
    HttpTestClient target(*m_servers[1]);
    createDefinition(target, Json::parse(R"({"alias":"taken","image":"i","command":"c"})"));
    const CommandResult result = createFromFile(writeFile(QStringLiteral("taken.json"),
                                                          R"({"alias":"taken","image":"i","command":"c"})"),
                                                m_clients[1].get());
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(u"taken"), qPrintable(result.describe()));
}

void Tst_ExportCommand::badFiles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not json") << QByteArray("{alias") << QStringLiteral("is not JSON");
    QTest::newRow("memory") << QByteArray(R"({"alias":"a","image":"i","command":"c","memory":"1G"})")
                            << QStringLiteral("memory must be a JSON integer");
    QTest::newRow("image") << QByteArray(R"({"alias":"a","command":"c"})") << QStringLiteral("image is required");
}

void Tst_ExportCommand::badFiles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    const QString path = writeFile(QStringLiteral("bad.json"), bytes);
    const CommandResult result = createFromFile(path, m_clients[1].get());
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(path) && result.err.contains(expected), qPrintable(result.describe()));

    const CommandResult missing = createFromFile(m_dir.filePath(QStringLiteral("absent.json")), m_clients[1].get());
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(u"cannot read --from-file"), qPrintable(missing.describe()));
}

void Tst_ExportCommand::fromFileTakesNoOtherOptions()
{
    const CommandResult result = runCommand(DefinitionCommands(DefinitionCommands::Action::Create),
                                            {QStringLiteral("--from-file"), QStringLiteral("x.json"),
                                             QStringLiteral("--alias"), QStringLiteral("a")},
                                            m_clients[1].get());
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(u"takes no --alias"), qPrintable(result.describe()));
}

QTEST_GUILESS_MAIN(Tst_ExportCommand)
#include "tst_exportcommand.moc"
