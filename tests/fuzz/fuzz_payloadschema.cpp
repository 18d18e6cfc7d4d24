// PayloadSchema (models/wire/payloadschema): a template's JSON Schema and a
// payload to check against it. The input is the schema's JSON text, a line
// holding only "---", then the payload's JSON text (without the separator,
// the same text is both). Each is parsed as the client parses answers. Must
// never crash, hang or overflow the stack, whatever the schema (recursive
// $ref, huge regexes, deep nesting). Beyond that:
//  - parse() gives either a schema or at least one problem, never neither;
//  - every violation has a rule and a message, and a path that is "" or a
//    JSON Pointer into the payload;
//  - the payload merged with itself as defaults is unchanged.

#include <wire/payloadschema.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Flotilla;

namespace {

void fail(const char *what, const QByteArray &input)
{
    std::fprintf(stderr, "%s (input: %s)\n", what, input.toPercentEncoding().constData());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype separator = input.indexOf("\n---\n");
    const QByteArrayView schemaText = separator < 0 ? QByteArrayView(input) : QByteArrayView(input).first(separator);
    const QByteArrayView payloadText = separator < 0 ? QByteArrayView(input)
                                                     : QByteArrayView(input).sliced(separator + 5);

    const Json schemaJson = parseNetworkJson(schemaText);
    const Json payload = parseNetworkJson(payloadText);
    if (schemaJson.is_discarded() || payload.is_discarded())
        return 0;

    if (mergeDefaults(payload, payload) != (payload.is_null() ? Json::object() : payload))
        fail("a payload merged with itself changed", input);

    QStringList problems;
    const std::optional<PayloadSchema> schema = PayloadSchema::parse(schemaJson, &problems);
    if (schema.has_value() == !problems.isEmpty())
        fail("parse() gave a schema with problems, or neither", input);
    if (!schema)
        return 0;
    for (const SchemaViolation &violation : schema->validate(payload)) {
        if (violation.rule.isEmpty() || violation.message.isEmpty())
            fail("a violation without rule or message", input);
        if (!violation.path.isEmpty()) {
            try {
                if (!payload.contains(Json::json_pointer(violation.path.toStdString()))
                    && violation.rule != QLatin1String("required") && violation.rule != QLatin1String("dependencies"))
                    fail("a violation's path is not in the payload", input);
            } catch (const Json::exception &) {
                fail("a violation's path is not a JSON Pointer", input);
            }
        }
    }
    return 0;
}
