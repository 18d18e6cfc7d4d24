// ExportFile: definitions and templates written as upstream's create bodies
// (without the fields a server assigns) and read back, with errors that name
// the field to fix.
#include "jsoncompare.h"
#include "wirefixture.h"

#include <wire/exportfile.h>

#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_ExportFile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void definitionBodyLeavesOutWhatServersAssign_data();
    void definitionBodyLeavesOutWhatServersAssign();
    void templateBodyLeavesOutIdAndVersion();
    void definitionRoundTrip();
    void templateRoundTrip();
    void badFilesNameTheField_data();
    void badFilesNameTheField();
    void fileNames_data();
    void fileNames();
};

void Tst_ExportFile::definitionBodyLeavesOutWhatServersAssign_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("head") << QStringLiteral("definition-head.json")
                          << QByteArray(R"({"env":[{"name":"USERNAME","value":"flotilla"}],"group_name":"examples",
                               "alias":"hello-flotilla","command":"echo \"hello ${USERNAME}\"","image":"ubuntu:latest",
                               "memory":512,"ports":[],"tags":[]})");
    // The seed era's ECS fields (arn, container_name) are the server's.
    QTest::newRow("seed era") << QStringLiteral("definition-seed-era.json")
                              << QByteArray(
                                     R"({"env":[{"name":"USERNAME","value":"_fill_me_in_"}],"image":"ubuntu:latest",
                                   "group_name":"examples","alias":"hello-flotilla","memory":512,
                                   "command":"echo \"hello ${USERNAME}\"","tags":[]})");
}

void Tst_ExportFile::definitionBodyLeavesOutWhatServersAssign()
{
    QFETCH(QString, fixture);
    QFETCH(QByteArray, expected);
    QStringList errors;
    const Definition definition = Definition::fromJson(fixtureJson(fixture), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    JSON_COMPARE(ExportFile::createBody(definition), nlohmann::json::parse(expected.toStdString()));
}

void Tst_ExportFile::templateBodyLeavesOutIdAndVersion()
{
    QStringList errors;
    const Template tpl = Template::fromJson(fixtureJson(QStringLiteral("template-head.json")), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    const Json body = ExportFile::createBody(tpl);
    QVERIFY(!body.contains("template_id"));
    QVERIFY(!body.contains("version"));
    QCOMPARE(body.value("template_name", ""), "train-model");
    // Upstream's fields this client does not know travel along.
    QCOMPARE(body.value("adaptive_resource_allocation", false), true);
}

void Tst_ExportFile::definitionRoundTrip()
{
    QStringList errors;
    Definition definition = Definition::fromJson(fixtureJson(QStringLiteral("definition-head.json")), &errors);
    definition.cpu = 512;
    definition.tags = {QStringLiteral("a"), QStringLiteral("b")};
    const QByteArray bytes = ExportFile::write(definition);
    QVERIFY(bytes.endsWith("}\n"));
    QString error;
    const std::optional<ExportFile> file = ExportFile::read(bytes, &error);
    QVERIFY2(file, qPrintable(error));
    QCOMPARE(file->kind, ExportFile::Kind::Definition);
    QCOMPARE(file->name(), QStringLiteral("hello-flotilla"));
    QVERIFY(file->definition.definitionId.isEmpty());
    definition.definitionId.clear();
    JSON_COMPARE(file->definition.toJson(), definition.toJson());
}

void Tst_ExportFile::templateRoundTrip()
{
    QStringList errors;
    Template tpl = Template::fromJson(fixtureJson(QStringLiteral("template-head.json")), &errors);
    QString error;
    const std::optional<ExportFile> file = ExportFile::read(ExportFile::write(tpl), &error);
    QVERIFY2(file, qPrintable(error));
    QCOMPARE(file->kind, ExportFile::Kind::Template);
    QCOMPARE(file->name(), QStringLiteral("train-model"));
    QVERIFY(file->tpl.sameContent(tpl));
    QVERIFY(file->tpl.templateId.isEmpty());
}

void Tst_ExportFile::badFilesNameTheField_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("not json") << QByteArray("alias: x") << QStringList{QStringLiteral("the file is not JSON")};
    QTest::newRow("array") << QByteArray("[]") << QStringList{QStringLiteral("not a JSON array")};
    QTest::newRow("memory text") << QByteArray(R"({"alias":"a","image":"i","command":"c","memory":"512"})")
                                 << QStringList{QStringLiteral("memory must be a JSON integer")};
    QTest::newRow("missing") << QByteArray(R"({"group_name":"g"})")
                             << QStringList{QStringLiteral("alias is required"), QStringLiteral("image is required"),
                                            QStringLiteral("command is required")};
    QTest::newRow("env") << QByteArray(R"({"alias":"a","image":"i","command":"c","env":{"A":"1"}})")
                         << QStringList{QStringLiteral("env must be a JSON array")};
    QTest::newRow("template") << QByteArray(R"({"template_name":"t","image":"i","memory":64,"schema":{}})")
                              << QStringList{QStringLiteral("schema must be specified"),
                                             QStringLiteral("string [command_template] must be specified")};
}

void Tst_ExportFile::badFilesNameTheField()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, expected);
    QString error;
    QVERIFY(!ExportFile::read(bytes, &error));
    for (const QString &part : expected)
        QVERIFY2(error.contains(part), qPrintable(error));
}

void Tst_ExportFile::fileNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringLiteral("hello-world") << QStringLiteral("hello-world.json");
    QTest::newRow("spaces") << QStringLiteral("my job: v2") << QStringLiteral("my_job__v2.json");
    QTest::newRow("hidden") << QStringLiteral(".profile") << QStringLiteral("_.profile.json");
    QTest::newRow("empty") << QString() << QStringLiteral("_.json");
}

void Tst_ExportFile::fileNames()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QCOMPARE(ExportFile::fileName(name), expected);
}

QTEST_GUILESS_MAIN(Tst_ExportFile)
#include "tst_exportfile.moc"
