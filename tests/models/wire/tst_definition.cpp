// Definition and DefinitionPatch: the wire form (api-contract.md §2, §3, §9)
// and the validation rules of §3.
#include "wirefixture.h"

#include <wire/definition.h>

#include <QTest>

#include <functional>

using namespace Flotilla;
using namespace Flotilla::Testing;

using DefinitionChange = std::function<void(Definition &)>;
Q_DECLARE_METATYPE(DefinitionChange)

namespace {

Json parse(const char *text)
{
    return Json::parse(text);
}

// QCOMPARE cannot take nlohmann::json itself (its conversion operators make
// QTest's qfloat16 overload ambiguous); compare the compact texts instead.
QByteArray dumped(const Json &json)
{
    return QByteArray::fromStdString(json.dump());
}
#define QCOMPARE_JSON(actual, expected) QCOMPARE(dumped(actual), dumped(expected))

Definition validDefinition()
{
    Definition definition;
    definition.definitionId = QStringLiteral("examples-3f1c2a2e-6a7b-4c1d-9e55-0d1f2a3b4c5d");
    definition.alias = QStringLiteral("hello-flotilla");
    definition.groupName = QStringLiteral("examples");
    definition.image = QStringLiteral("ubuntu:latest");
    definition.command = QStringLiteral("echo \"hello ${USERNAME}\"");
    definition.memory = 512;
    definition.cpu = 250;
    definition.env = {{QStringLiteral("USERNAME"), QStringLiteral("flotilla")}, {QStringLiteral("EMPTY"), QString()}};
    definition.tags = {QStringLiteral("demo"), QStringLiteral("nightly")};
    return definition;
}

bool sameDefinition(const Definition &a, const Definition &b)
{
    return a.definitionId == b.definitionId && a.alias == b.alias && a.groupName == b.groupName && a.image == b.image
           && a.command == b.command && a.memory == b.memory && a.cpu == b.cpu && a.env == b.env && a.tags == b.tags
           && a.adaptiveResourceAllocation == b.adaptiveResourceAllocation && a.unknown == b.unknown;
}

} // namespace

class Tst_Definition final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fromJsonUpstreamHead();
    void fromJsonSeedEra();
    void fromJsonMinimal();
    void toJsonShape();
    void toJsonOmitsUnsetMemoryAndCpu();
    void roundTrip();
    void unknownFieldsSurviveRoundTrip_data();
    void unknownFieldsSurviveRoundTrip();
    void emptyTags_data();
    void emptyTags();
    void caseInsensitiveKeys();
    void duplicateKeysLastWins();
    void nullIsAbsent();
    void typeErrors_data();
    void typeErrors();
    void severalTypeErrorsAtOnce();
    void validateAcceptsValid_data();
    void validateAcceptsValid();
    void validateRejects_data();
    void validateRejects();
    void validateGroupNameWithTrailingNewline();
    void validateSeveralReasons();
    void patchFromJsonPresence();
    void patchAppliesOnlyPresentFields_data();
    void patchAppliesOnlyPresentFields();
    void patchReplacesEnvAndTagsAsWholeLists();
    void patchTypeErrors();
};

void Tst_Definition::fromJsonUpstreamHead()
{
    QStringList errors;
    const Definition definition = Definition::fromJson(fixtureJson("definition-head.json"), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(definition.definitionId, QStringLiteral("examples-3f1c2a2e-6a7b-4c1d-9e55-0d1f2a3b4c5d"));
    QCOMPARE(definition.alias, QStringLiteral("hello-flotilla"));
    QCOMPARE(definition.groupName, QStringLiteral("examples"));
    QCOMPARE(definition.image, QStringLiteral("ubuntu:latest"));
    QCOMPARE(definition.command, QStringLiteral("echo \"hello ${USERNAME}\""));
    QCOMPARE(definition.memory, std::optional<qint64>(512));
    QCOMPARE(definition.cpu, std::optional<qint64>());
    QCOMPARE(definition.env, (EnvList{{QStringLiteral("USERNAME"), QStringLiteral("flotilla")}}));
    QVERIFY(definition.tags.isEmpty()); // upstream's "tags":[""]
    QCOMPARE_JSON(definition.unknown, parse(R"({"ports":[]})"));
    QVERIFY(definition.validate().isEmpty());
}

void Tst_Definition::fromJsonSeedEra()
{
    QStringList errors;
    const Definition definition = Definition::fromJson(fixtureJson("definition-seed-era.json"), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(definition.definitionId, QStringLiteral("examples-5c042dbe-5895-465e-bb53-c53c07dcd5ea"));
    QCOMPARE(definition.alias, QStringLiteral("hello-flotilla"));
    QCOMPARE(definition.memory, std::optional<qint64>(512));
    QCOMPARE(definition.env, (EnvList{{QStringLiteral("USERNAME"), QStringLiteral("_fill_me_in_")}}));
    QVERIFY(definition.tags.isEmpty()); // no tags key at all
    QVERIFY(definition.unknown.contains("arn"));
    QVERIFY(definition.unknown.contains("container_name"));
    QCOMPARE(definition.unknown.size(), std::size_t(2));
}

void Tst_Definition::fromJsonMinimal()
{
    QStringList errors;
    const Definition definition = Definition::fromJson(fixtureJson("definition-minimal-head.json"), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(definition.definitionId, QStringLiteral("A"));
    QCOMPARE(definition.alias, QStringLiteral("aliasA"));
    QVERIFY(definition.image.isEmpty());
    QVERIFY(definition.command.isEmpty());
    QVERIFY(!definition.memory.has_value());
    QVERIFY(definition.env.isEmpty());
    QVERIFY(definition.tags.isEmpty());
    // Decoding is tolerant; storing it is not.
    QCOMPARE(definition.validate(),
             QStringList({QStringLiteral("image is required"), QStringLiteral("command is required")}));
}

void Tst_Definition::toJsonShape()
{
    const Json json = validDefinition().toJson();
    QVERIFY(json.is_object());
    QCOMPARE_JSON(json.at("definition_id"), Json("examples-3f1c2a2e-6a7b-4c1d-9e55-0d1f2a3b4c5d"));
    QCOMPARE_JSON(json.at("alias"), Json("hello-flotilla"));
    QCOMPARE_JSON(json.at("group_name"), Json("examples"));
    QCOMPARE_JSON(json.at("image"), Json("ubuntu:latest"));
    QCOMPARE_JSON(json.at("command"), Json("echo \"hello ${USERNAME}\""));
    QCOMPARE_JSON(json.at("memory"), Json(512));
    QCOMPARE_JSON(json.at("cpu"), Json(250));
    QCOMPARE_JSON(json.at("env"), parse(R"([{"name":"USERNAME","value":"flotilla"},{"name":"EMPTY","value":""}])"));
    QCOMPARE_JSON(json.at("tags"), parse(R"(["demo","nightly"])"));
    QCOMPARE(json.size(), std::size_t(9));
}

void Tst_Definition::toJsonOmitsUnsetMemoryAndCpu()
{
    Definition definition;
    const Json json = definition.toJson();
    QVERIFY(!json.contains("memory"));
    QVERIFY(!json.contains("cpu"));
    QVERIFY(!json.contains("adaptive_resource_allocation")); // omitted when null, as upstream
    // Arrays are never null (§2).
    QCOMPARE_JSON(json.at("env"), Json::array());
    QCOMPARE_JSON(json.at("tags"), Json::array());
    QCOMPARE_JSON(json.at("group_name"), Json(""));
}

void Tst_Definition::roundTrip()
{
    Definition original = validDefinition();
    original.unknown = parse(R"({"ports":[80]})");
    original.adaptiveResourceAllocation = false; // false is a value, kept as such
    QCOMPARE_JSON(original.toJson().at("adaptive_resource_allocation"), Json(false));
    original.env.append({QStringLiteral("UNICODE"), QStringLiteral("gr\u00fc\u00df \U0001F600 \"q\" \\")});

    QStringList errors;
    const Definition back = Definition::fromJson(original.toJson(), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QVERIFY(sameDefinition(back, original));

    // And through text, as the store and the network carry it.
    const Definition viaText = Definition::fromJson(Json::parse(original.toJson().dump()), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QVERIFY(sameDefinition(viaText, original));
    QCOMPARE_JSON(viaText.toJson(), original.toJson());
}

void Tst_Definition::unknownFieldsSurviveRoundTrip_data()
{
    QTest::addColumn<QString>("fixtureName");
    QTest::addColumn<QStringList>("unknownKeys");

    QTest::newRow("head") << QStringLiteral("definition-head.json") << QStringList{QStringLiteral("ports")};
    QTest::newRow("seed era") << QStringLiteral("definition-seed-era.json")
                              << QStringList{QStringLiteral("arn"), QStringLiteral("container_name")};
}

void Tst_Definition::unknownFieldsSurviveRoundTrip()
{
    QFETCH(QString, fixtureName);
    QFETCH(QStringList, unknownKeys);

    const Json original = fixtureJson(fixtureName);
    QStringList errors;
    Definition definition = Definition::fromJson(original, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));

    // An edit in the client, then PUT back: the unknown fields ride along.
    definition.command = QStringLiteral("true");
    const Json sent = definition.toJson();
    for (const QString &key : unknownKeys) {
        const std::string k = toUtf8(key);
        QVERIFY2(sent.contains(k), qPrintable(key));
        QCOMPARE_JSON(sent.at(k), original.at(k));
    }
    QCOMPARE_JSON(sent.at("command"), Json("true"));

    const Definition again = Definition::fromJson(sent, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE_JSON(again.unknown, definition.unknown);
    QCOMPARE_JSON(again.toJson(), sent);
}

void Tst_Definition::emptyTags_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("tags");

    QTest::newRow("upstream [\"\"]") << QByteArray(R"({"tags":[""]})") << QStringList();
    QTest::newRow("empty array") << QByteArray(R"({"tags":[]})") << QStringList();
    QTest::newRow("null") << QByteArray(R"({"tags":null})") << QStringList();
    QTest::newRow("absent") << QByteArray(R"({})") << QStringList();
    QTest::newRow("empty among real ones")
        << QByteArray(R"({"tags":["","a","","b"]})") << QStringList{QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("duplicates collapse") << QByteArray(R"({"tags":["a","b","a"]})")
                                         << QStringList{QStringLiteral("a"), QStringLiteral("b")};
}

void Tst_Definition::emptyTags()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, tags);

    QStringList errors;
    const Definition definition = Definition::fromJson(Json::parse(body.toStdString()), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(definition.tags, tags);
    Json expected = Json::array();
    for (const QString &tag : tags)
        expected.push_back(toUtf8(tag));
    QCOMPARE_JSON(definition.toJson().at("tags"), expected);
}

void Tst_Definition::caseInsensitiveKeys()
{
    const Json body = parse(R"({"DEFINITION_ID":"d1","Alias":"a1","GROUP_NAME":"g1","iMaGe":"img",)"
                            R"("COMMAND":"cmd","MEMORY":64,"Cpu":100,)"
                            R"("ENV":[{"NAME":"K","Value":"v"}],"TAGS":["t"],"Ports":[1]})");
    QStringList errors;
    const Definition definition = Definition::fromJson(body, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(definition.definitionId, QStringLiteral("d1"));
    QCOMPARE(definition.alias, QStringLiteral("a1"));
    QCOMPARE(definition.groupName, QStringLiteral("g1"));
    QCOMPARE(definition.image, QStringLiteral("img"));
    QCOMPARE(definition.command, QStringLiteral("cmd"));
    QCOMPARE(definition.memory, std::optional<qint64>(64));
    QCOMPARE(definition.cpu, std::optional<qint64>(100));
    QCOMPARE(definition.env, (EnvList{{QStringLiteral("K"), QStringLiteral("v")}}));
    QCOMPARE(definition.tags, QStringList{QStringLiteral("t")});
    // Known keys in another case are not kept as unknown ones (they would
    // come back beside the canonical key); unknown keys keep their spelling.
    QCOMPARE_JSON(definition.unknown, parse(R"({"Ports":[1]})"));
    const Json out = definition.toJson();
    QVERIFY(!out.contains("Alias"));
    QCOMPARE_JSON(out.at("alias"), Json("a1"));

    const DefinitionPatch patch = DefinitionPatch::fromJson(parse(R"({"IMAGE":"other","mEmOrY":1})"), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(patch.image, std::optional<QString>(QStringLiteral("other")));
    QCOMPARE(patch.memory, std::optional<qint64>(1));
}

void Tst_Definition::duplicateKeysLastWins()
{
    // jsonreader.h: "keys match case-insensitively (the last duplicate wins)",
    // as with Go's decoder, which assigns every matching key in document order.
    QStringList errors;
    const Definition upperLast = Definition::fromJson(parse(R"({"alias":"first","ALIAS":"second"})"), &errors);
    const Definition lowerLast = Definition::fromJson(parse(R"({"ALIAS":"first","alias":"second"})"), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(lowerLast.alias, QStringLiteral("second"));
    QCOMPARE(upperLast.alias, QStringLiteral("second"));
}

void Tst_Definition::nullIsAbsent()
{
    QStringList errors;
    const Definition definition = Definition::fromJson(
        parse(R"({"definition_id":null,"alias":null,"group_name":null,"image":null,"command":null,)"
              R"("memory":null,"cpu":null,"env":null,"tags":null})"),
        &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QVERIFY(definition.alias.isEmpty());
    QVERIFY(!definition.memory.has_value());
    QVERIFY(!definition.cpu.has_value());
    QVERIFY(definition.env.isEmpty());
    QVERIFY(definition.tags.isEmpty());
    QCOMPARE_JSON(definition.unknown, Json::object());
}

void Tst_Definition::typeErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");

    QTest::newRow("memory 1.5") << QByteArray(R"({"memory":1.5})")
                                << QStringLiteral("memory must be a JSON integer, not 1.5");
    QTest::newRow("memory string") << QByteArray(R"({"memory":"512"})")
                                   << QStringLiteral("memory must be a JSON integer, not \"512\"");
    QTest::newRow("memory too large") << QByteArray(R"({"memory":18446744073709551615})")
                                      << QStringLiteral("memory must be a JSON integer, not 18446744073709551615");
    QTest::newRow("cpu bool") << QByteArray(R"({"cpu":true})")
                              << QStringLiteral("cpu must be a JSON integer, not true");
    QTest::newRow("adaptive_resource_allocation string")
        << QByteArray(R"({"adaptive_resource_allocation":"yes"})")
        << QStringLiteral("adaptive_resource_allocation must be true or false, not \"yes\"");
    QTest::newRow("alias number") << QByteArray(R"({"alias":5})") << QStringLiteral("alias must be a JSON string");
    QTest::newRow("definition_id array") << QByteArray(R"({"definition_id":[]})")
                                         << QStringLiteral("definition_id must be a JSON string");
    QTest::newRow("env object") << QByteArray(R"({"env":{"A":"b"}})") << QStringLiteral("env must be a JSON array");
    QTest::newRow("env string") << QByteArray(R"({"env":"A=b"})") << QStringLiteral("env must be a JSON array");
    QTest::newRow("env item string") << QByteArray(R"({"env":["A=b"]})")
                                     << QStringLiteral("env[0] must be an object {\"name\":..,\"value\":..}");
    QTest::newRow("second env item null") << QByteArray(R"({"env":[{"name":"A","value":"b"},null]})")
                                          << QStringLiteral("env[1] must be an object {\"name\":..,\"value\":..}");
    QTest::newRow("env name number") << QByteArray(R"({"env":[{"name":1,"value":"b"}]})")
                                     << QStringLiteral("env[0].name must be a JSON string");
    QTest::newRow("env value number") << QByteArray(R"({"env":[{"name":"A","value":1}]})")
                                      << QStringLiteral("env[0].value must be a JSON string");
    QTest::newRow("tags string") << QByteArray(R"({"tags":"a"})") << QStringLiteral("tags must be a JSON array");
    QTest::newRow("tag number") << QByteArray(R"({"tags":["a",2]})") << QStringLiteral("tags[1] must be a JSON string");
    QTest::newRow("not an object") << QByteArray(R"([1,2])") << QStringLiteral("a definition must be a JSON object");
}

void Tst_Definition::typeErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);

    QStringList errors;
    Definition::fromJson(Json::parse(body.toStdString()), &errors);
    QCOMPARE(errors, QStringList{error});
}

void Tst_Definition::severalTypeErrorsAtOnce()
{
    QStringList errors;
    const Definition definition = Definition::fromJson(
        parse(R"({"alias":"ok","memory":1.5,"cpu":"x","env":[7],"tags":{},"image":false})"), &errors);
    QCOMPARE(errors.size(), 5);
    const auto mentions = [&errors](const QString &start) {
        return std::any_of(errors.cbegin(), errors.cend(), [&](const QString &e) { return e.startsWith(start); });
    };
    QVERIFY(mentions(QStringLiteral("memory must be a JSON integer")));
    QVERIFY(mentions(QStringLiteral("cpu must be a JSON integer")));
    QVERIFY(mentions(QStringLiteral("env[0] must be an object")));
    QVERIFY(mentions(QStringLiteral("tags must be a JSON array")));
    QVERIFY(mentions(QStringLiteral("image must be a JSON string")));
    // The good fields are still read.
    QCOMPARE(definition.alias, QStringLiteral("ok"));
}

void Tst_Definition::validateAcceptsValid_data()
{
    QTest::addColumn<DefinitionChange>("change");

    QTest::newRow("as built") << DefinitionChange([](Definition &) {});
    QTest::newRow("alias of 255") << DefinitionChange([](Definition &d) { d.alias = QString(255, u'a'); });
    QTest::newRow("alias of 255 non-ASCII")
        << DefinitionChange([](Definition &d) { d.alias = QString(255, QChar(0x00e9)); });
    QTest::newRow("alias with spaces and dots")
        << DefinitionChange([](Definition &d) { d.alias = QStringLiteral("my job v1.2"); });
    QTest::newRow("no group") << DefinitionChange([](Definition &d) { d.groupName.clear(); });
    QTest::newRow("group of every allowed kind")
        << DefinitionChange([](Definition &d) { d.groupName = QStringLiteral("AZaz09_-"); });
    QTest::newRow("group of 255") << DefinitionChange([](Definition &d) { d.groupName = QString(255, u'g'); });
    QTest::newRow("no memory") << DefinitionChange([](Definition &d) { d.memory.reset(); });
    QTest::newRow("memory 1") << DefinitionChange([](Definition &d) { d.memory = 1; });
    QTest::newRow("no cpu") << DefinitionChange([](Definition &d) { d.cpu.reset(); });
    QTest::newRow("cpu 1") << DefinitionChange([](Definition &d) { d.cpu = 1; });
    QTest::newRow("no env") << DefinitionChange([](Definition &d) { d.env.clear(); });
    QTest::newRow("env value with =") << DefinitionChange([](Definition &d) {
        d.env = {{QStringLiteral("A"), QStringLiteral("b=c")}};
    });
    QTest::newRow("env name lower-case with digits") << DefinitionChange([](Definition &d) {
        d.env = {{QStringLiteral("a_1"), QString()}};
    });
    QTest::newRow("no tags") << DefinitionChange([](Definition &d) { d.tags.clear(); });
}

void Tst_Definition::validateAcceptsValid()
{
    QFETCH(DefinitionChange, change);
    Definition definition = validDefinition();
    change(definition);
    QCOMPARE(definition.validate(), QStringList());
}

void Tst_Definition::validateRejects_data()
{
    QTest::addColumn<DefinitionChange>("change");
    QTest::addColumn<QString>("problem");

    QTest::newRow("alias empty") << DefinitionChange([](Definition &d) { d.alias.clear(); })
                                 << QStringLiteral("alias is required");
    QTest::newRow("alias blank") << DefinitionChange([](Definition &d) { d.alias = QStringLiteral("  \t"); })
                                 << QStringLiteral("alias is required");
    QTest::newRow("alias of 256") << DefinitionChange([](Definition &d) { d.alias = QString(256, u'a'); })
                                  << QStringLiteral("alias must be at most 255 characters");
    QTest::newRow("alias with /") << DefinitionChange([](Definition &d) { d.alias = QStringLiteral("team/job"); })
                                  << QStringLiteral("alias must not contain '/'");
    QTest::newRow("alias only /") << DefinitionChange([](Definition &d) { d.alias = QStringLiteral("/"); })
                                  << QStringLiteral("alias must not contain '/'");
    QTest::newRow("image empty") << DefinitionChange([](Definition &d) { d.image.clear(); })
                                 << QStringLiteral("image is required");
    QTest::newRow("image blank") << DefinitionChange([](Definition &d) { d.image = QStringLiteral(" "); })
                                 << QStringLiteral("image is required");
    QTest::newRow("command empty") << DefinitionChange([](Definition &d) { d.command.clear(); })
                                   << QStringLiteral("command is required");
    QTest::newRow("command blank") << DefinitionChange([](Definition &d) { d.command = QStringLiteral("\n"); })
                                   << QStringLiteral("command is required");
    const QString groupPattern = QStringLiteral("group_name may only contain letters, digits, '_' and '-'");
    QTest::newRow("group with space") << DefinitionChange([](Definition &d) {
        d.groupName = QStringLiteral("my group");
    }) << groupPattern;
    QTest::newRow("group with dot") << DefinitionChange([](Definition &d) { d.groupName = QStringLiteral("a.b"); })
                                    << groupPattern;
    QTest::newRow("group with /") << DefinitionChange([](Definition &d) { d.groupName = QStringLiteral("a/b"); })
                                  << groupPattern;
    QTest::newRow("group non-ASCII letter")
        << DefinitionChange([](Definition &d) { d.groupName = QStringLiteral("gr\u00fcn"); }) << groupPattern;
    QTest::newRow("group with quote") << DefinitionChange([](Definition &d) { d.groupName = QStringLiteral("a'b"); })
                                      << groupPattern;
    QTest::newRow("group of 256") << DefinitionChange([](Definition &d) { d.groupName = QString(256, u'g'); })
                                  << QStringLiteral("group_name must be at most 255 characters");
    QTest::newRow("memory 0") << DefinitionChange([](Definition &d) { d.memory = 0; })
                              << QStringLiteral("memory must be a positive number of MB");
    QTest::newRow("memory negative") << DefinitionChange([](Definition &d) { d.memory = -512; })
                                     << QStringLiteral("memory must be a positive number of MB");
    QTest::newRow("cpu 0") << DefinitionChange([](Definition &d) { d.cpu = 0; })
                           << QStringLiteral("cpu must be a positive number of CPU units (1024 = one core)");
    QTest::newRow("cpu negative") << DefinitionChange([](Definition &d) { d.cpu = -1; })
                                  << QStringLiteral("cpu must be a positive number of CPU units (1024 = one core)");
    QTest::newRow("env name empty") << DefinitionChange([](Definition &d) {
        d.env = {{QString(), QStringLiteral("v")}};
    }) << QStringLiteral("env[0].name must not be empty");
    QTest::newRow("env name with =") << DefinitionChange([](Definition &d) {
        d.env = {{QStringLiteral("OK"), QString()}, {QStringLiteral("A=B"), QString()}};
    }) << QStringLiteral("env[1].name must not contain '='");
    QTest::newRow("env name with NUL") << DefinitionChange([](Definition &d) {
        d.env = {{QStringLiteral("A") + QChar(0) + QStringLiteral("B"), QString()}};
    }) << QStringLiteral("env[0].name must not contain a NUL character");
    QTest::newRow("env value with NUL") << DefinitionChange([](Definition &d) {
        d.env = {{QStringLiteral("A"), QStringLiteral("x") + QChar(0)}};
    }) << QStringLiteral("env[0].value must not contain a NUL character");
}

void Tst_Definition::validateRejects()
{
    QFETCH(DefinitionChange, change);
    QFETCH(QString, problem);

    Definition definition = validDefinition();
    change(definition);
    QCOMPARE(definition.validate(), QStringList{problem});
}

void Tst_Definition::validateGroupNameWithTrailingNewline()
{
    Definition definition = validDefinition();
    definition.groupName = QStringLiteral("examples\n");
    QCOMPARE(definition.validate(),
             QStringList{QStringLiteral("group_name may only contain letters, digits, '_' and '-'")});
}

void Tst_Definition::validateSeveralReasons()
{
    // An empty definition misses all three required fields.
    QCOMPARE(Definition().validate(),
             QStringList({QStringLiteral("alias is required"), QStringLiteral("image is required"),
                          QStringLiteral("command is required")}));

    Definition definition = validDefinition();
    definition.alias = QString(300, u'/');
    definition.image.clear();
    definition.groupName = QString(256, u'.');
    definition.memory = 0;
    definition.cpu = -3;
    definition.env = {{QString(), QString()}, {QStringLiteral("X"), QString()}, {QStringLiteral("="), QString()}};
    const QStringList problems = definition.validate();
    QCOMPARE(problems, QStringList({QStringLiteral("alias must be at most 255 characters"),
                                    QStringLiteral("alias must not contain '/'"), QStringLiteral("image is required"),
                                    QStringLiteral("group_name may only contain letters, digits, '_' and '-'"),
                                    QStringLiteral("group_name must be at most 255 characters"),
                                    QStringLiteral("memory must be a positive number of MB"),
                                    QStringLiteral("cpu must be a positive number of CPU units (1024 = one core)"),
                                    QStringLiteral("env[0].name must not be empty"),
                                    QStringLiteral("env[2].name must not contain '='")}));
}

void Tst_Definition::patchFromJsonPresence()
{
    QStringList errors;
    const DefinitionPatch empty = DefinitionPatch::fromJson(Json::object(), &errors);
    QVERIFY(errors.isEmpty());
    QVERIFY(!empty.alias && !empty.groupName && !empty.image && !empty.command);
    QVERIFY(!empty.memory && !empty.cpu && !empty.env && !empty.tags);

    const DefinitionPatch nulls = DefinitionPatch::fromJson(
        parse(R"({"alias":null,"memory":null,"env":null,"tags":null})"), &errors);
    QVERIFY(errors.isEmpty());
    QVERIFY(!nulls.alias && !nulls.memory && !nulls.env && !nulls.tags);

    const DefinitionPatch full = DefinitionPatch::fromJson(
        parse(R"({"alias":"","group_name":"","image":"i","command":"c","memory":1,"cpu":2,"env":[],"tags":[]})"),
        &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(full.alias, std::optional<QString>(QString()));
    QCOMPARE(full.groupName, std::optional<QString>(QString()));
    QCOMPARE(full.image, std::optional<QString>(QStringLiteral("i")));
    QCOMPARE(full.command, std::optional<QString>(QStringLiteral("c")));
    QCOMPARE(full.memory, std::optional<qint64>(1));
    QCOMPARE(full.cpu, std::optional<qint64>(2));
    QVERIFY(full.env.has_value() && full.env->isEmpty());
    QVERIFY(full.tags.has_value() && full.tags->isEmpty());
}

void Tst_Definition::patchAppliesOnlyPresentFields_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<DefinitionChange>("expectedChange");

    QTest::newRow("empty body") << QByteArray("{}") << DefinitionChange([](Definition &) {});
    QTest::newRow("all null") << QByteArray(
        R"({"alias":null,"image":null,"memory":null,"cpu":null,"env":null,"tags":null})")
                              << DefinitionChange([](Definition &) {});
    QTest::newRow("definition_id is never patched")
        << QByteArray(R"({"definition_id":"other"})") << DefinitionChange([](Definition &) {});
    QTest::newRow("unknown keys ignored")
        << QByteArray(R"({"ports":[1],"arn":"x"})") << DefinitionChange([](Definition &) {});
    QTest::newRow("alias") << QByteArray(R"({"alias":"renamed"})")
                           << DefinitionChange([](Definition &d) { d.alias = QStringLiteral("renamed"); });
    QTest::newRow("group cleared") << QByteArray(R"({"group_name":""})")
                                   << DefinitionChange([](Definition &d) { d.groupName.clear(); });
    QTest::newRow("image") << QByteArray(R"({"image":"alpine:3"})")
                           << DefinitionChange([](Definition &d) { d.image = QStringLiteral("alpine:3"); });
    QTest::newRow("command") << QByteArray(R"({"command":"true"})")
                             << DefinitionChange([](Definition &d) { d.command = QStringLiteral("true"); });
    QTest::newRow("memory only") << QByteArray(R"({"memory":2048})")
                                 << DefinitionChange([](Definition &d) { d.memory = 2048; });
    QTest::newRow("cpu only") << QByteArray(R"({"cpu":1000})") << DefinitionChange([](Definition &d) { d.cpu = 1000; });
    QTest::newRow("adaptive resource allocation")
        << QByteArray(R"({"adaptive_resource_allocation":true})")
        << DefinitionChange([](Definition &d) { d.adaptiveResourceAllocation = true; });
    QTest::newRow("several") << QByteArray(R"({"image":"a","command":"b","memory":3})")
                             << DefinitionChange([](Definition &d) {
                                    d.image = QStringLiteral("a");
                                    d.command = QStringLiteral("b");
                                    d.memory = 3;
                                });
}

void Tst_Definition::patchAppliesOnlyPresentFields()
{
    QFETCH(QByteArray, body);
    QFETCH(DefinitionChange, expectedChange);

    QStringList errors;
    const DefinitionPatch patch = DefinitionPatch::fromJson(Json::parse(body.toStdString()), &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));

    Definition definition = validDefinition();
    definition.unknown = parse(R"({"ports":[]})");
    Definition expected = definition;
    expectedChange(expected);

    patch.applyTo(definition);
    QVERIFY(sameDefinition(definition, expected));
    QCOMPARE_JSON(definition.toJson(), expected.toJson());
}

void Tst_Definition::patchReplacesEnvAndTagsAsWholeLists()
{
    QStringList errors;
    Definition definition = validDefinition();
    QCOMPARE(definition.env.size(), 2);

    // A one-item env replaces the whole list, it does not merge by name.
    DefinitionPatch::fromJson(parse(R"({"env":[{"name":"USERNAME","value":"other"}]})"), &errors).applyTo(definition);
    QCOMPARE(definition.env, (EnvList{{QStringLiteral("USERNAME"), QStringLiteral("other")}}));
    QCOMPARE(definition.tags, (QStringList{QStringLiteral("demo"), QStringLiteral("nightly")}));

    DefinitionPatch::fromJson(parse(R"({"tags":["new"]})"), &errors).applyTo(definition);
    QCOMPARE(definition.tags, QStringList{QStringLiteral("new")});
    QCOMPARE(definition.env.size(), 1);

    // An empty list clears; upstream's [""] clears tags too.
    DefinitionPatch::fromJson(parse(R"({"env":[]})"), &errors).applyTo(definition);
    QVERIFY(definition.env.isEmpty());
    QCOMPARE(definition.tags, QStringList{QStringLiteral("new")});
    DefinitionPatch::fromJson(parse(R"({"tags":[""]})"), &errors).applyTo(definition);
    QVERIFY(definition.tags.isEmpty());
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));

    // Env order and duplicates are kept as sent.
    DefinitionPatch::fromJson(
        parse(R"({"env":[{"name":"B","value":"1"},{"name":"A","value":"2"},{"name":"B","value":"3"}]})"), &errors)
        .applyTo(definition);
    QCOMPARE(definition.env, (EnvList{{QStringLiteral("B"), QStringLiteral("1")},
                                      {QStringLiteral("A"), QStringLiteral("2")},
                                      {QStringLiteral("B"), QStringLiteral("3")}}));
}

void Tst_Definition::patchTypeErrors()
{
    QStringList errors;
    const DefinitionPatch patch = DefinitionPatch::fromJson(parse(R"({"memory":"big","image":"ok","env":{}})"), &errors);
    QCOMPARE(errors.size(), 2);
    QVERIFY(errors.contains(QStringLiteral("memory must be a JSON integer, not \"big\"")));
    QVERIFY(errors.contains(QStringLiteral("env must be a JSON array")));
    QVERIFY(!patch.memory.has_value());
    QVERIFY(!patch.env.has_value());
    QCOMPARE(patch.image, std::optional<QString>(QStringLiteral("ok")));

    errors.clear();
    DefinitionPatch::fromJson(parse(R"("just a string")"), &errors);
    QCOMPARE(errors, QStringList{QStringLiteral("the body must be a JSON object")});
}

QTEST_GUILESS_MAIN(Tst_Definition)
#include "tst_definition.moc"
