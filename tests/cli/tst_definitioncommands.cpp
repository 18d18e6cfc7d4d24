// DefinitionCommands against a real control plane: create, show by id and
// by alias, list with filters, update, delete, and the usage errors.
#include "commandtesting.h"
#include "testserver.h"

#include <cli/definitioncommands.h>
#include <client/flotillaclient.h>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_DefinitionCommands final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void commandsInHelpOrder();
    void createAndShow();
    void listFiltersAndPages();
    void updateChangesOnlyWhatIsGiven();
    void deleteThenNotFound();
    void usageErrors_data();
    void usageErrors();

private:
    CommandResult run(DefinitionCommands::Action action, const QStringList &arguments)
    {
        return runCommand(DefinitionCommands(action), arguments, m_client.get());
    }

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FlotillaClient> m_client;
};

void Tst_DefinitionCommands::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_client = std::make_unique<FlotillaClient>(m_server->url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server->token()));
}

void Tst_DefinitionCommands::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
}

void Tst_DefinitionCommands::commandsInHelpOrder()
{
    QStringList names;
    for (const auto &command : DefinitionCommands::commands())
        names << command->name();
    QCOMPARE(names, (QStringList{QStringLiteral("definitions"), QStringLiteral("definition"), QStringLiteral("create"),
                                 QStringLiteral("update"), QStringLiteral("delete")}));
    const QString help = DefinitionCommands(DefinitionCommands::Action::Update).helpText();
    QVERIFY2(help.startsWith(QStringLiteral("Usage: flotilla [global options] update [options] ID_OR_ALIAS\n")),
             qPrintable(help));
    QVERIFY2(help.contains(QStringLiteral("--clear-tags")), qPrintable(help));
}

void Tst_DefinitionCommands::createAndShow()
{
    CommandResult result = run(DefinitionCommands::Action::Create,
                               {QStringLiteral("--alias"), QStringLiteral("dc-hello"), QStringLiteral("--image"),
                                QStringLiteral("alpine:3"), QStringLiteral("--command"), QStringLiteral("echo hi"),
                                QStringLiteral("--group"), QStringLiteral("dc-group"), QStringLiteral("--memory"),
                                QStringLiteral("64"), QStringLiteral("--env"), QStringLiteral("A=1"),
                                QStringLiteral("--tag"), QStringLiteral("t1"), QStringLiteral("--tag"),
                                QStringLiteral("t2")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.out.contains(
                 QRegularExpression(QStringLiteral("^Alias:\\s+dc-hello$"), QRegularExpression::MultilineOption)),
             qPrintable(result.describe()));
    QVERIFY2(result.out.contains(QStringLiteral("Tags:    t1, t2\n")), qPrintable(result.describe()));
    const QString id = QRegularExpression(QStringLiteral("^ID:\\s+(\\S+)$"), QRegularExpression::MultilineOption)
                           .match(result.out)
                           .captured(1);
    QVERIFY(!id.isEmpty());

    for (const QString &key : {id, QStringLiteral("dc-hello")}) {
        result = run(DefinitionCommands::Action::Show, {QStringLiteral("--output"), QStringLiteral("json"), key});
        QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
        const Json shown = parseJson(result.out);
        QCOMPARE(toQString(shown["definition_id"].get<std::string>()), id);
        QCOMPARE(shown["memory"].get<int>(), 64);
        QCOMPARE(shown["env"].size(), size_t(1));
    }
    result = run(DefinitionCommands::Action::Show, {QStringLiteral("dc-nothing")});
    QVERIFY2(result.exitCode == 1 && result.err.contains(QStringLiteral("not found")), qPrintable(result.describe()));
    QVERIFY(result.out.isEmpty());
}

void Tst_DefinitionCommands::listFiltersAndPages()
{
    for (const char *alias : {"dc-list-a", "dc-list-b"}) {
        const CommandResult created = run(DefinitionCommands::Action::Create,
                                          {QStringLiteral("--alias"), QLatin1String(alias), QStringLiteral("--image"),
                                           QStringLiteral("none"), QStringLiteral("--command"), QStringLiteral("true"),
                                           QStringLiteral("--group"), QStringLiteral("dc-listed")});
        QVERIFY2(created.exitCode == 0, qPrintable(created.describe()));
    }
    CommandResult result = run(DefinitionCommands::Action::List,
                               {QStringLiteral("--group"), QStringLiteral("dc-listed")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QStringList lines = result.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines.at(0).startsWith(QStringLiteral("ID")) && lines.at(0).contains(QStringLiteral("COMMAND")),
             qPrintable(result.out));

    result = run(DefinitionCommands::Action::List,
                 {QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("--group"),
                  QStringLiteral("dc-listed"), QStringLiteral("--limit"), QStringLiteral("1"),
                  QStringLiteral("--offset"), QStringLiteral("1")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const Json page = parseJson(result.out);
    QVERIFY2(page.is_array() && page.size() == 1, qPrintable(result.describe()));

    result = run(DefinitionCommands::Action::List, {QStringLiteral("--output"), QStringLiteral("json"),
                                                    QStringLiteral("--alias"), QStringLiteral("list-b")});
    QVERIFY2(result.exitCode == 0 && parseJson(result.out).size() == 1, qPrintable(result.describe()));

    // --image: a substring of the image.
    const CommandResult imaged = run(DefinitionCommands::Action::Create,
                                     {QStringLiteral("--alias"), QStringLiteral("dc-list-c"), QStringLiteral("--image"),
                                      QStringLiteral("registry.example/dc-tools:2"), QStringLiteral("--command"),
                                      QStringLiteral("true"), QStringLiteral("--group"), QStringLiteral("dc-listed")});
    QVERIFY2(imaged.exitCode == 0, qPrintable(imaged.describe()));
    result = run(DefinitionCommands::Action::List, {QStringLiteral("--output"), QStringLiteral("json"),
                                                    QStringLiteral("--image"), QStringLiteral("dc-tools")});
    const Json byImage = parseJson(result.out);
    QVERIFY2(result.exitCode == 0 && byImage.size() == 1, qPrintable(result.describe()));
    QCOMPARE(byImage[0]["alias"].get<std::string>(), std::string("dc-list-c"));
    QVERIFY(DefinitionCommands(DefinitionCommands::Action::List).helpText().contains(u"--image <TEXT>"));
}

void Tst_DefinitionCommands::updateChangesOnlyWhatIsGiven()
{
    CommandResult result = run(DefinitionCommands::Action::Create,
                               {QStringLiteral("--alias"), QStringLiteral("dc-changing"), QStringLiteral("--image"),
                                QStringLiteral("alpine:3"), QStringLiteral("--command"), QStringLiteral("true"),
                                QStringLiteral("--env"), QStringLiteral("KEEP=1"), QStringLiteral("--tag"),
                                QStringLiteral("old")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    result = run(DefinitionCommands::Action::Update,
                 {QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("dc-changing"),
                  QStringLiteral("--image"), QStringLiteral("alpine:3.19"), QStringLiteral("--clear-tags")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const Json updated = parseJson(result.out);
    QCOMPARE(updated["image"].get<std::string>(), std::string("alpine:3.19"));
    QCOMPARE(updated["command"].get<std::string>(), std::string("true"));
    QCOMPARE(updated["env"].size(), size_t(1));
    QVERIFY2(updated["tags"].empty(), qPrintable(result.describe()));

    result = run(DefinitionCommands::Action::Update, {QStringLiteral("dc-changing")});
    QVERIFY2(result.exitCode == 2 && result.err.contains(QStringLiteral("at least one change")),
             qPrintable(result.describe()));
}

void Tst_DefinitionCommands::deleteThenNotFound()
{
    CommandResult result = run(DefinitionCommands::Action::Create,
                               {QStringLiteral("--output"), QStringLiteral("json"), QStringLiteral("--alias"),
                                QStringLiteral("dc-doomed"), QStringLiteral("--image"), QStringLiteral("none"),
                                QStringLiteral("--command"), QStringLiteral("true")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QString id = toQString(parseJson(result.out)["definition_id"].get<std::string>());
    result = run(DefinitionCommands::Action::Delete, {id});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.out, QStringLiteral("deleted %1\n").arg(id));
    result = run(DefinitionCommands::Action::Delete, {id});
    QVERIFY2(result.exitCode == 1 && !result.err.isEmpty(), qPrintable(result.describe()));
}

void Tst_DefinitionCommands::usageErrors_data()
{
    QTest::addColumn<int>("action");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("create without image")
        << int(DefinitionCommands::Action::Create) << QStringList{QStringLiteral("--alias"), QStringLiteral("a")}
        << QStringLiteral("create needs --image, --command; see flotilla help create");
    QTest::newRow("bad memory") << int(DefinitionCommands::Action::Create)
                                << QStringList{QStringLiteral("--alias"),   QStringLiteral("a"),
                                               QStringLiteral("--image"),   QStringLiteral("i"),
                                               QStringLiteral("--command"), QStringLiteral("c"),
                                               QStringLiteral("--memory"),  QStringLiteral("-1")}
                                << QStringLiteral("--memory takes a whole number >= 0; got \"-1\"");
    QTest::newRow("bad env") << int(DefinitionCommands::Action::Update)
                             << QStringList{QStringLiteral("x"), QStringLiteral("--env"), QStringLiteral("=v")}
                             << QStringLiteral("--env takes NAME=VALUE");
    QTest::newRow("bad limit") << int(DefinitionCommands::Action::List)
                               << QStringList{QStringLiteral("--limit"), QStringLiteral("many")}
                               << QStringLiteral("--limit takes a whole number >= 0; got \"many\"");
}

void Tst_DefinitionCommands::usageErrors()
{
    QFETCH(int, action);
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const CommandResult result = run(DefinitionCommands::Action(action), arguments);
    QVERIFY2(result.exitCode == 2, qPrintable(result.describe()));
    QVERIFY2(result.err.startsWith(QStringLiteral("flotilla: ") + message), qPrintable(result.describe()));
}

QTEST_GUILESS_MAIN(Tst_DefinitionCommands)
#include "tst_definitioncommands.moc"
