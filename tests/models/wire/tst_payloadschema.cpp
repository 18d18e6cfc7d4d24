// PayloadSchema: template parameter schemas (JSON Schema draft 7) and their
// payloads: every keyword a template uses, accepted and broken, with the
// path and rule of each violation; schemas that are not valid, each mistake
// named; schemas that would never finish; and mergeDefaults.
#include <wire/payloadschema.h>

#include <QTest>

using namespace Flotilla;

Q_DECLARE_METATYPE(Flotilla::SchemaViolation)

namespace {

Json json(const char *text)
{
    return Json::parse(text);
}

// "path|rule|message" per violation, which reads well in a failed QCOMPARE.
QStringList described(const QList<SchemaViolation> &violations)
{
    QStringList lines;
    for (const SchemaViolation &violation : violations)
        lines.append(violation.path + u'|' + violation.rule + u'|' + violation.message);
    return lines;
}

PayloadSchema parsed(const Json &schema)
{
    QStringList problems;
    const std::optional<PayloadSchema> result = PayloadSchema::parse(schema, &problems);
    if (!result)
        qFatal("schema refused: %s", qPrintable(problems.join(u'\n')));
    return *result;
}

} // namespace

class Tst_PayloadSchema final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void accepts_data();
    void accepts();
    void rejects_data();
    void rejects();
    void severalViolationsOnce();
    void invalidSchemas_data();
    void invalidSchemas();
    void pathological_data();
    void pathological();
    void mergeDefaults_data();
    void mergeDefaults();
};

void Tst_PayloadSchema::accepts_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QByteArray>("payload");

    QTest::newRow("empty schema") << QByteArray(R"({})") << QByteArray(R"({"anything":[1,"x"]})");
    QTest::newRow("required") << QByteArray(R"({"required":["threads"]})") << QByteArray(R"({"threads":4})");
    QTest::newRow("nested required") << QByteArray(R"({"properties":{"job":{"type":"object","required":["image"]}}})")
                                     << QByteArray(R"({"job":{"image":"busybox"}})");
    QTest::newRow("nested required, parent absent")
        << QByteArray(R"({"properties":{"job":{"type":"object","required":["image"]}}})") << QByteArray(R"({})");
    QTest::newRow("type string") << QByteArray(R"({"type":"string"})") << QByteArray(R"("x")");
    QTest::newRow("type number") << QByteArray(R"({"type":"number"})") << QByteArray(R"(1.5)");
    QTest::newRow("type number takes integers") << QByteArray(R"({"type":"number"})") << QByteArray(R"(2)");
    QTest::newRow("type integer") << QByteArray(R"({"type":"integer"})") << QByteArray(R"(-7)");
    QTest::newRow("type integer takes 3.0") << QByteArray(R"({"type":"integer"})") << QByteArray(R"(3.0)");
    QTest::newRow("type boolean") << QByteArray(R"({"type":"boolean"})") << QByteArray(R"(false)");
    QTest::newRow("type array") << QByteArray(R"({"type":"array"})") << QByteArray(R"([])");
    QTest::newRow("type object") << QByteArray(R"({"type":"object"})") << QByteArray(R"({})");
    QTest::newRow("type null") << QByteArray(R"({"type":"null"})") << QByteArray(R"(null)");
    QTest::newRow("type list") << QByteArray(R"({"type":["string","null"]})") << QByteArray(R"(null)");
    QTest::newRow("items") << QByteArray(R"({"items":{"type":"string"}})") << QByteArray(R"(["a","b"])");
    QTest::newRow("items tuple") << QByteArray(R"({"items":[{"type":"string"},{"type":"integer"}]})")
                                 << QByteArray(R"(["a",1,true])");
    QTest::newRow("minItems") << QByteArray(R"({"minItems":2})") << QByteArray(R"([1,2])");
    QTest::newRow("minItems ignores non-arrays") << QByteArray(R"({"minItems":2})") << QByteArray(R"("x")");
    QTest::newRow("enum") << QByteArray(R"({"enum":["fast","slow",3]})") << QByteArray(R"("slow")");
    QTest::newRow("enum number as 3.0") << QByteArray(R"({"enum":["fast","slow",3]})") << QByteArray(R"(3.0)");
    QTest::newRow("minimum equal") << QByteArray(R"({"minimum":1})") << QByteArray(R"(1)");
    QTest::newRow("maximum equal") << QByteArray(R"({"maximum":64})") << QByteArray(R"(64)");
    QTest::newRow("exclusiveMinimum above") << QByteArray(R"({"exclusiveMinimum":0})") << QByteArray(R"(0.001)");
    QTest::newRow("minLength in characters") << QByteArray(R"({"minLength":2})") << QByteArray(R"("äö")");
    QTest::newRow("maxLength in characters") << QByteArray(R"({"maxLength":2})") << QByteArray(R"("äö")");
    QTest::newRow("pattern searches") << QByteArray(R"({"pattern":"[0-9]+"})") << QByteArray(R"("v12")");
    QTest::newRow("pattern ignores numbers") << QByteArray(R"({"pattern":"^a$"})") << QByteArray(R"(5)");
    QTest::newRow("properties") << QByteArray(R"({"properties":{"a":{"type":"integer"}}})")
                                << QByteArray(R"({"a":1,"b":"other"})");
    QTest::newRow("additionalProperties false")
        << QByteArray(R"({"properties":{"a":{}},"additionalProperties":false})") << QByteArray(R"({"a":1})");
    QTest::newRow("annotations") << QByteArray(R"({"title":"T","description":"D","default":{"a":1},"type":"object"})")
                                 << QByteArray(R"({})");
    QTest::newRow("format is an annotation") << QByteArray(R"({"format":"date"})") << QByteArray(R"("not a date")");
    QTest::newRow("recursive schema") << QByteArray(
        R"({"definitions":{"node":{"type":"object","properties":{"children":{"type":"array",)"
        R"("items":{"$ref":"#/definitions/node"}}}}},"$ref":"#/definitions/node"})")
                                      << QByteArray(R"({"children":[{"children":[]},{}]})");
}

void Tst_PayloadSchema::accepts()
{
    QFETCH(QByteArray, schema);
    QFETCH(QByteArray, payload);
    QCOMPARE(described(parsed(json(schema)).validate(json(payload))), QStringList());
}

void Tst_PayloadSchema::rejects_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QStringList>("violations");

    QTest::newRow("required") << QByteArray(R"({"required":["threads"]})") << QByteArray(R"({})")
                              << QStringList{"/threads|required|is required"};
    QTest::newRow("nested required") << QByteArray(
        R"({"properties":{"job":{"type":"object","required":["image","cmd"]}}})")
                                     << QByteArray(R"({"job":{"cmd":"true"}})")
                                     << QStringList{"/job/image|required|is required"};
    QTest::newRow("type string") << QByteArray(R"({"properties":{"s":{"type":"string"}}})") << QByteArray(R"({"s":1})")
                                 << QStringList{"/s|type|must be a string"};
    QTest::newRow("type number") << QByteArray(R"({"type":"number"})") << QByteArray(R"("1")")
                                 << QStringList{"|type|must be a number"};
    QTest::newRow("type integer") << QByteArray(R"({"properties":{"threads":{"type":"integer"}}})")
                                  << QByteArray(R"({"threads":2.5})")
                                  << QStringList{"/threads|type|must be an integer"};
    QTest::newRow("type boolean") << QByteArray(R"({"type":"boolean"})") << QByteArray(R"("true")")
                                  << QStringList{"|type|must be true or false"};
    QTest::newRow("type array") << QByteArray(R"({"type":"array"})") << QByteArray(R"({})")
                                << QStringList{"|type|must be an array"};
    QTest::newRow("type object") << QByteArray(R"({"type":"object"})") << QByteArray(R"([])")
                                 << QStringList{"|type|must be an object"};
    QTest::newRow("type null") << QByteArray(R"({"type":"null"})") << QByteArray(R"(0)")
                               << QStringList{"|type|must be null"};
    QTest::newRow("type list") << QByteArray(R"({"type":["string","null"]})") << QByteArray(R"(1)")
                               << QStringList{"|type|must be a string or null"};
    QTest::newRow("items") << QByteArray(R"({"properties":{"tags":{"items":{"type":"string"}}}})")
                           << QByteArray(R"({"tags":["a","b",3]})") << QStringList{"/tags/2|type|must be a string"};
    QTest::newRow("items tuple") << QByteArray(R"({"items":[{"type":"string"},{"type":"integer"}]})")
                                 << QByteArray(R"(["a","b"])") << QStringList{"/1|type|must be an integer"};
    QTest::newRow("minItems") << QByteArray(R"({"properties":{"tags":{"minItems":2}}})")
                              << QByteArray(R"({"tags":["a"]})")
                              << QStringList{"/tags|minItems|must have at least 2 items"};
    QTest::newRow("enum") << QByteArray(R"({"properties":{"mode":{"enum":["fast","slow",3]}}})")
                          << QByteArray(R"({"mode":"medium"})")
                          << QStringList{R"(/mode|enum|must be one of "fast", "slow", 3)"};
    QTest::newRow("minimum") << QByteArray(R"({"properties":{"threads":{"minimum":1}}})")
                             << QByteArray(R"({"threads":0})") << QStringList{"/threads|minimum|must be at least 1"};
    QTest::newRow("minimum fraction") << QByteArray(R"({"minimum":0.25})") << QByteArray(R"(0.1)")
                                      << QStringList{"|minimum|must be at least 0.25"};
    QTest::newRow("maximum") << QByteArray(R"({"properties":{"threads":{"maximum":64}}})")
                             << QByteArray(R"({"threads":65})") << QStringList{"/threads|maximum|must be at most 64"};
    QTest::newRow("exclusiveMinimum") << QByteArray(R"({"exclusiveMinimum":0})") << QByteArray(R"(0)")
                                      << QStringList{"|exclusiveMinimum|must be greater than 0"};
    QTest::newRow("minLength") << QByteArray(R"({"properties":{"name":{"minLength":3}}})")
                               << QByteArray(R"({"name":"ab"})")
                               << QStringList{"/name|minLength|must be at least 3 characters long"};
    QTest::newRow("maxLength") << QByteArray(R"({"properties":{"name":{"maxLength":2}}})")
                               << QByteArray(R"({"name":"äöü"})")
                               << QStringList{"/name|maxLength|must be at most 2 characters long"};
    QTest::newRow("pattern") << QByteArray(R"({"properties":{"name":{"pattern":"^[a-z]+$"}}})")
                             << QByteArray(R"({"name":"Bad"})")
                             << QStringList{"/name|pattern|must match the pattern ^[a-z]+$"};
    QTest::newRow("additionalProperties false, each")
        << QByteArray(R"({"properties":{"a":{}},"additionalProperties":false})")
        << QByteArray(R"({"a":1,"b":2,"c/d":3})")
        << QStringList{"/b|additionalProperties|is not allowed here; remove it",
                       "/c~1d|additionalProperties|is not allowed here; remove it"};
    QTest::newRow("names that look like indexes")
        << QByteArray(R"({"properties":{"0":{"properties":{"[x]":{"type":"string"}}}}})")
        << QByteArray(R"({"0":{"[x]":1}})") << QStringList{"/0/[x]|type|must be a string"};
    QTest::newRow("through $ref") << QByteArray(R"({"definitions":{"port":{"type":"integer","maximum":65535}},)"
                                                R"("properties":{"ports":{"items":{"$ref":"#/definitions/port"}}}})")
                                  << QByteArray(R"({"ports":[80,70000]})")
                                  << QStringList{"/ports/1|maximum|must be at most 65535"};
    QTest::newRow("allOf picks the broken one") << QByteArray(R"({"allOf":[{"minimum":1},{"minimum":10}]})")
                                                << QByteArray(R"(5)") << QStringList{"|minimum|must be at least 10"};
}

void Tst_PayloadSchema::rejects()
{
    QFETCH(QByteArray, schema);
    QFETCH(QByteArray, payload);
    QFETCH(QStringList, violations);
    QCOMPARE(described(parsed(json(schema)).validate(json(payload))), violations);
}

void Tst_PayloadSchema::severalViolationsOnce()
{
    const PayloadSchema schema = parsed(json(R"({
        "type": "object",
        "title": "Render job",
        "required": ["threads", "scene"],
        "additionalProperties": false,
        "properties": {
            "threads": {"type": "integer", "minimum": 1, "maximum": 64, "default": 4},
            "scene": {"type": "string", "minLength": 1},
            "quality": {"enum": ["draft", "final"]},
            "tags": {"type": "array", "minItems": 1, "items": {"type": "string", "maxLength": 8}},
            "output": {
                "type": "object",
                "required": ["bucket"],
                "properties": {"bucket": {"type": "string", "pattern": "^[a-z0-9-]+$"}}
            }
        }
    })"));
    const QList<SchemaViolation> violations = schema.validate(json(R"({
        "threads": 100,
        "quality": "best",
        "tags": ["ok", "much too long", 7],
        "output": {"region": "eu"},
        "colour": true
    })"));
    QCOMPARE(described(violations).join(u'\n'), (QStringList{
                                                    "/colour|additionalProperties|is not allowed here; remove it",
                                                    "/output/bucket|required|is required",
                                                    R"(/quality|enum|must be one of "draft", "final")",
                                                    "/scene|required|is required",
                                                    "/tags/1|maxLength|must be at most 8 characters long",
                                                    "/tags/2|type|must be a string",
                                                    "/threads|maximum|must be at most 64",
                                                }
                                                     .join(u'\n')));
}

void Tst_PayloadSchema::invalidSchemas_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QStringList>("problems");

    QTest::newRow("not an object") << QByteArray(R"([1])")
                                   << QStringList{"the schema must be a JSON object, not array"};
    QTest::newRow("type a number") << QByteArray(R"({"type":5})")
                                   << QStringList{R"("type" at the top of the schema must be one of "array", )"
                                                  R"("boolean", "integer", "null", "number", "object", "string", )"
                                                  R"(or a non-empty array of distinct ones)"};
    QTest::newRow("unknown type name")
        << QByteArray(R"({"properties":{"a":{"type":"strin"}}})")
        << QStringList{R"("type" at /properties/a must be one of "array", "boolean", "integer", "null", )"
                       R"("number", "object", "string", or a non-empty array of distinct ones)"};
    QTest::newRow("minimum a string") << QByteArray(R"({"minimum":"x"})")
                                      << QStringList{R"("minimum" at the top of the schema must be a number)"};
    QTest::newRow("required a string") << QByteArray(R"({"required":"a"})")
                                       << QStringList{R"("required" at the top of the schema must be an array of )"
                                                      R"(distinct strings)"};
    QTest::newRow("maxLength negative") << QByteArray(R"({"items":{"maxLength":-1}})")
                                        << QStringList{R"("maxLength" at /items must be a non-negative integer)"};
    QTest::newRow("property not a schema")
        << QByteArray(R"({"properties":{"a":5}})")
        << QStringList{"/properties/a must be a schema (a JSON object or true/false)"};
    QTest::newRow("several") << QByteArray(R"({"type":"object","minimum":"x","required":[1],"maxItems":1.5})")
                             << QStringList{R"("maxItems" at the top of the schema must be a non-negative integer)",
                                            R"("minimum" at the top of the schema must be a number)",
                                            R"("required" at the top of the schema must be an array of distinct )"
                                            R"(strings)"};
    QTest::newRow("bad pattern")
        << QByteArray(R"({"properties":{"a":{"pattern":"(["}}})")
        << QStringList{"/properties/a/pattern is not a valid regular expression: missing terminating ] for "
                       "character class at offset 2"};
    QTest::newRow("bad patternProperties")
        << QByteArray(R"({"patternProperties":{"(":{}}})")
        << QStringList{"/patternProperties/( is named by an invalid regular expression: Mismatched '(' and ')' in "
                       "regular expression"};
    QTest::newRow("unresolvable $ref")
        << QByteArray(R"({"properties":{"a":{"$ref":"#/definitions/missing"}}})")
        << QStringList{"/properties/a/$ref points to nothing: #/definitions/missing is not in the schema"};
    QTest::newRow("remote $ref") << QByteArray(R"({"$ref":"http://example.com/schema.json"})")
                                 << QStringList{R"(/$ref must point inside this schema (start with "#"): other )"
                                                R"(documents are not fetched)"};
    QTest::newRow("$ref into data")
        << QByteArray(R"({"enum":[{"type":"string"}],"properties":{"a":{"$ref":"#/enum/0"}}})")
        << QStringList{R"(/properties/a/$ref must point to a schema (under "definitions", "properties", ...), )"
                       R"(not to #/enum/0)"};
    // Fuzz finding: valijson's parser overflowed a sanitized build's stack.
    QByteArray deepSchema;
    for (int i = 0; i < 70; ++i)
        deepSchema += R"({"properties":{"a":)";
    deepSchema += "{}" + QByteArray(140, '}');
    QTest::newRow("nested too deeply")
        << deepSchema << QStringList{"the schema nests 141 levels deep; at most 128 are allowed, so flatten it"};
}

void Tst_PayloadSchema::invalidSchemas()
{
    QFETCH(QByteArray, schema);
    QFETCH(QStringList, problems);
    QStringList found;
    QVERIFY(!PayloadSchema::parse(json(schema), &found));
    QCOMPARE(found.join(u'\n'), problems.join(u'\n'));
}

// Schemas and payloads that would recurse forever, take exponential time or
// overflow the stack are refused or cut short, quickly.
void Tst_PayloadSchema::pathological_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("outcome"); // a problem of the schema, or the first violation

    const QString loop = QStringLiteral("refers back to itself (through $ref, allOf, anyOf, oneOf, not, "
                                        "if/then/else or dependencies) without moving into properties or items, so "
                                        "no value could be checked against it");
    QTest::newRow("$ref to itself") << QByteArray(R"({"$ref":"#"})") << QByteArray("{}")
                                    << QStringLiteral("the top of the schema ") + loop;
    QTest::newRow("allOf back to the root") << QByteArray(R"({"allOf":[{"$ref":"#"}]})") << QByteArray("{}")
                                            << QStringLiteral("the top of the schema ") + loop;
    QTest::newRow("$ref cycle") << QByteArray(
        R"({"definitions":{"a":{"$ref":"#/definitions/b"},"b":{"not":{"$ref":"#/definitions/a"}}},)"
        R"("properties":{"x":{"$ref":"#/definitions/a"}}})")
                                << QByteArray("{}") << QStringLiteral("/definitions/a ") + loop;

    QByteArray longPattern = "^";
    longPattern += QByteArray(2000, 'a');
    QTest::newRow("huge pattern") << (R"({"pattern":")" + longPattern + R"("})") << QByteArray(R"("a")")
                                  << QStringLiteral("/pattern must be at most 1000 characters long");

    // std::regex would overflow the stack on this string; PCRE2 does not.
    QTest::newRow("long string against a pattern")
        << QByteArray(R"({"pattern":"^(a|b)*$"})") << ('"' + QByteArray(200000, 'a') + "x\"")
        << QStringLiteral("|pattern|must match the pattern ^(a|b)*$");
    QTest::newRow("long property name against patternProperties")
        << QByteArray(R"({"patternProperties":{"^(a|b)*$":{"type":"string"}}})")
        << ("{\"" + QByteArray(200000, 'a') + "\":1}")
        << QStringLiteral("/%1|patternProperties|has a name longer than 1000 characters, too long to check; shorten it")
               .arg(QString(200000, u'a'));

    // Each level tries both branches, and both fail at the bottom: 2^100.
    const QByteArray deepOne = QByteArray(100, '[') + '1' + QByteArray(100, ']');
    QTest::newRow("exponential")
        << QByteArray(R"({"anyOf":[{"type":"array","items":{"$ref":"#"}},{"type":"array","items":{"$ref":"#"}}]})")
        << deepOne
        << QStringLiteral("|schema|is too large or nests too deeply to check against this template's schema");
    const QByteArray deep = QByteArray(500, '[') + QByteArray(500, ']');
    QTest::newRow("deep payload, recursive schema")
        << QByteArray(R"({"type":"array","items":{"$ref":"#"}})") << deep << QString();
}

void Tst_PayloadSchema::pathological()
{
    QFETCH(QByteArray, schema);
    QFETCH(QByteArray, payload);
    QFETCH(QString, outcome);
    QStringList problems;
    const std::optional<PayloadSchema> parsedSchema = PayloadSchema::parse(json(schema), &problems);
    if (!parsedSchema) {
        QCOMPARE(problems, QStringList{outcome});
        return;
    }
    const QStringList violations = described(parsedSchema->validate(json(payload)));
    QCOMPARE(violations.value(0), outcome);
}

void Tst_PayloadSchema::mergeDefaults_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QByteArray>("defaults");
    QTest::addColumn<QByteArray>("merged");

    QTest::newRow("fills missing keys") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":2,"b":3})")
                                        << QByteArray(R"({"a":1,"b":3})");
    QTest::newRow("nested objects merge")
        << QByteArray(R"({"out":{"bucket":"mine"}})") << QByteArray(R"({"out":{"bucket":"b","region":"eu"}})")
        << QByteArray(R"({"out":{"bucket":"mine","region":"eu"}})");
    QTest::newRow("payload wins over an object")
        << QByteArray(R"({"out":"none"})") << QByteArray(R"({"out":{"bucket":"b"}})")
        << QByteArray(R"({"out":"none"})");
    QTest::newRow("null in the payload wins")
        << QByteArray(R"({"a":null})") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":null})");
    QTest::newRow("arrays are not merged")
        << QByteArray(R"({"tags":["x"]})") << QByteArray(R"({"tags":["a","b"]})") << QByteArray(R"({"tags":["x"]})");
    QTest::newRow("arrays of objects are not merged")
        << QByteArray(R"({"env":[{"name":"A"}]})") << QByteArray(R"({"env":[{"name":"B","value":"1"}]})")
        << QByteArray(R"({"env":[{"name":"A"}]})");
    QTest::newRow("null payload") << QByteArray(R"(null)") << QByteArray(R"({"a":{"b":1}})")
                                  << QByteArray(R"({"a":{"b":1}})");
    QTest::newRow("defaults not an object")
        << QByteArray(R"({"a":1})") << QByteArray(R"([1])") << QByteArray(R"({"a":1})");
    QTest::newRow("keys are case-sensitive") << QByteArray(R"({"Threads":1})") << QByteArray(R"({"threads":4})")
                                             << QByteArray(R"({"Threads":1,"threads":4})");
}

void Tst_PayloadSchema::mergeDefaults()
{
    QFETCH(QByteArray, payload);
    QFETCH(QByteArray, defaults);
    QFETCH(QByteArray, merged);
    QCOMPARE(QByteArray::fromStdString(Flotilla::mergeDefaults(json(payload), json(defaults)).dump()), merged);
}

QTEST_GUILESS_MAIN(Tst_PayloadSchema)
#include "tst_payloadschema.moc"
