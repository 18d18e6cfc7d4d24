// TemplateCommands: templates, template and launch-template against a real
// control plane (runs execute as local processes), --set parsing, and a
// seed-era server, which has no templates.
#include "commandtesting.h"
#include "jsoncompare.h"
#include "testserver.h"

#include <cli/templatecommands.h>
#include <client/flotillaclient.h>

#include <QTemporaryFile>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_TemplateCommands final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void commandsInHelpOrder();
    void setParsesValuesAndNestedKeys_data();
    void setParsesValuesAndNestedKeys();
    void setRefusesWhatItCannotSet();
    void listAndShow();
    void launchFollowEndsWithTheRunsExitCode();
    void launchWithPayloadFileAndVersion();
    void rejectedPayloadExitsTwoWithEachViolation();
    void seedEraHasNoTemplates();

private:
    CommandResult run(TemplateCommands::Action action, const QStringList &arguments, FlotillaClient *client = nullptr)
    {
        return runCommand(TemplateCommands(action), arguments, client ? client : m_client.get(),
                          [](Invocation &invocation) {
                              ServerProfile profile;
                              profile.ownerId = QStringLiteral("template-tester");
                              profile.defaultCluster = QStringLiteral("local");
                              invocation.setProfile(profile);
                          });
    }

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FlotillaClient> m_client;
};

void Tst_TemplateCommands::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_client = std::make_unique<FlotillaClient>(m_server->url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server->token()));
    HttpTestClient http(*m_server);
    Json tpl = Json::parse(R"({
        "template_name": "exiter",
        "image": "none",
        "memory": 32,
        "schema": {"type": "object", "required": ["code"],
                   "properties": {"code": {"type": "integer", "minimum": 0, "maximum": 9},
                                  "words": {"type": "array", "items": {"type": "string"}},
                                  "opts": {"type": "object", "properties": {"loud": {"type": "boolean"}}}}},
        "defaults": {"code": 0, "words": ["hi"]},
        "command_template": "echo {{join \" \" .words}}{{with .opts}}{{if .loud}}!{{end}}{{end}}; exit {{.code}}"
    })");
    QCOMPARE(http.post(QStringLiteral("/api/v7/template"), tpl).status, 200);
    tpl["command_template"] = "echo second {{.code}}";
    JSON_COMPARE(http.post(QStringLiteral("/api/v7/template"), tpl).json()["template"]["version"], 2);
}

void Tst_TemplateCommands::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
}

void Tst_TemplateCommands::commandsInHelpOrder()
{
    QStringList names;
    for (const auto &command : TemplateCommands::commands())
        names << command->name();
    QCOMPARE(names,
             (QStringList{QStringLiteral("templates"), QStringLiteral("template"), QStringLiteral("launch-template")}));
}

void Tst_TemplateCommands::setParsesValuesAndNestedKeys_data()
{
    QTest::addColumn<QStringList>("assignments");
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("text") << QStringList{"name=world"} << QByteArray(R"({"name":"world"})");
    QTest::newRow("number") << QStringList{"n=3"} << QByteArray(R"({"n":3})");
    QTest::newRow("float") << QStringList{"x=0.5"} << QByteArray(R"({"x":0.5})");
    QTest::newRow("boolean") << QStringList{"b=true"} << QByteArray(R"({"b":true})");
    QTest::newRow("json array") << QStringList{R"(l=["a",1])"} << QByteArray(R"({"l":["a",1]})");
    QTest::newRow("quoted number stays text") << QStringList{R"(s="3")"} << QByteArray(R"({"s":"3"})");
    QTest::newRow("empty is text") << QStringList{"e="} << QByteArray(R"({"e":""})");
    QTest::newRow("text with =") << QStringList{"q=a=b"} << QByteArray(R"({"q":"a=b"})");
    QTest::newRow("nested") << QStringList{"a.b.c=1", "a.d=x"} << QByteArray(R"({"a":{"b":{"c":1},"d":"x"}})");
    QTest::newRow("later wins") << QStringList{"n=1", "n=2"} << QByteArray(R"({"n":2})");
}

void Tst_TemplateCommands::setParsesValuesAndNestedKeys()
{
    QFETCH(QStringList, assignments);
    QFETCH(QByteArray, payload);
    Json built = Json::object();
    for (const QString &assignment : assignments) {
        QString error;
        QVERIFY2(TemplateCommands::setPayloadValue(built, assignment, &error), qPrintable(error));
    }
    QCOMPARE(QByteArray::fromStdString(built.dump()), payload);
}

void Tst_TemplateCommands::setRefusesWhatItCannotSet()
{
    Json payload = Json::parse(R"({"n": 1})");
    QString error;
    QVERIFY(!TemplateCommands::setPayloadValue(payload, QStringLiteral("novalue"), &error));
    QVERIFY(error.contains(u"KEY=VALUE"));
    QVERIFY(!TemplateCommands::setPayloadValue(payload, QStringLiteral("a..b=1"), &error));
    QVERIFY(error.contains(u"empty part"));
    QVERIFY(!TemplateCommands::setPayloadValue(payload, QStringLiteral("n.m=1"), &error));
    QVERIFY2(error.contains(u"not an object"), qPrintable(error));
    JSON_COMPARE(payload, Json::parse(R"({"n": 1})")); // nothing lost
}

void Tst_TemplateCommands::listAndShow()
{
    CommandResult result = run(TemplateCommands::Action::List, {});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY(result.out.contains(u"exiter"));
    QCOMPARE(result.out.count(u"exiter"), 1); // the latest version only
    result = run(TemplateCommands::Action::List, {QStringLiteral("--all-versions")});
    QCOMPARE(result.out.count(u"exiter"), 2);

    result = run(TemplateCommands::Action::Show, {QStringLiteral("exiter")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY(result.out.contains(u"echo second"));
    result = run(TemplateCommands::Action::Show,
                 {QStringLiteral("exiter@1"), QStringLiteral("--output"), QStringLiteral("json")});
    const Json shown = parseJson(result.out);
    JSON_COMPARE(shown["version"], 1);
    result = run(TemplateCommands::Action::Show, {QString::fromStdString(shown["template_id"].get<std::string>())});
    QVERIFY(result.out.contains(u"exit {{.code}}"));
    result = run(TemplateCommands::Action::Show, {QStringLiteral("exiter@7")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.err.contains(u"no template exiter version 7"));
}

void Tst_TemplateCommands::launchFollowEndsWithTheRunsExitCode()
{
    CommandResult result = run(TemplateCommands::Action::Launch,
                               {QStringLiteral("exiter@1"), QStringLiteral("--set"), QStringLiteral("code=3"),
                                QStringLiteral("--set"), QStringLiteral(R"(words=["a","b"])"), QStringLiteral("--set"),
                                QStringLiteral("opts.loud=true"), QStringLiteral("--follow")});
    QVERIFY2(result.ended && result.exitCode == 3, qPrintable(result.describe()));
    QCOMPARE(result.out, QStringLiteral("a b!\n"));
    result = run(TemplateCommands::Action::Launch, {QStringLiteral("exiter@1"), QStringLiteral("--follow")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.out, QStringLiteral("hi\n"));
}

void Tst_TemplateCommands::launchWithPayloadFileAndVersion()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write(R"({"code": 4, "words": ["from", "file"]})");
    file.close();
    CommandResult result = run(TemplateCommands::Action::Launch,
                               {QStringLiteral("exiter"), QStringLiteral("--payload"), file.fileName(),
                                QStringLiteral("--set"), QStringLiteral("code=5"), QStringLiteral("--follow")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.out, QStringLiteral("second 5\n")); // the latest version, --set over the file

    file.open();
    file.resize(0);
    file.write("[1]");
    file.close();
    result = run(TemplateCommands::Action::Launch,
                 {QStringLiteral("exiter"), QStringLiteral("--payload"), file.fileName()});
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains(u"one JSON object"));
}

void Tst_TemplateCommands::rejectedPayloadExitsTwoWithEachViolation()
{
    const CommandResult result = run(TemplateCommands::Action::Launch,
                                     {QStringLiteral("exiter@1"), QStringLiteral("--set"), QStringLiteral("code=12"),
                                      QStringLiteral("--set"), QStringLiteral("words=[1]")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(u"template_payload/code") && result.err.contains(u"maximum"), qPrintable(result.err));
    QVERIFY2(result.err.contains(u"template_payload/words/0"), qPrintable(result.err));
    QCOMPARE(result.err.count(u"template_payload/"), 2);
}

void Tst_TemplateCommands::seedEraHasNoTemplates()
{
    FlotillaClient seedEra(QUrl(QStringLiteral("http://127.0.0.1:9")), ServerFlavour::SeedEra);
    const CommandResult result = run(TemplateCommands::Action::List, {}, &seedEra);
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains(u"has no templates"));
}

QTEST_GUILESS_MAIN(Tst_TemplateCommands)
#include "tst_templatecommands.moc"
