// CommandTemplate (models/wire/commandtemplate): a command template in Go
// text/template syntax and the payload it renders with. When the input's
// first line is a JSON object it is the payload and the rest the template;
// otherwise the whole input is the template over a fixed payload. Parsing
// and rendering must never crash, hang or grow without bound; a template
// either parses or says why on a "line L, column C: " sentence, and so does
// rendering, whose output stays within 1 MiB.

#include <wire/commandtemplate.h>

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

const Json &fixedPayload()
{
    static const Json payload = Json::parse(
        R"({"name":"world","n":3,"half":0.5,"big":1e21,"yes":true,"nothing":null,"empty":"",)"
        R"("list":[1,"two",null,[3]],"map":{"b":2,"a":{"c":"d"}},"html":"<a&b>"})");
    return payload;
}

void checkError(const QString &error, const QByteArray &input)
{
    if (!error.startsWith(QLatin1String("line ")) || !error.contains(QLatin1String(", column ")))
        fail("an error does not say where", input);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));

    Json payload = fixedPayload();
    QByteArray text = input;
    const qsizetype newline = input.indexOf('\n');
    if (input.startsWith('{') && newline > 0) {
        Json parsed = parseNetworkJson(QByteArrayView(input).first(newline));
        if (parsed.is_object()) {
            payload = std::move(parsed);
            text = input.mid(newline + 1);
        }
    }

    QString error;
    const auto parsed = CommandTemplate::parse(QString::fromUtf8(text), &error);
    if (!parsed) {
        checkError(error, input);
        return 0;
    }
    const auto rendered = parsed->render(payload, &error);
    if (!rendered) {
        checkError(error, input);
        return 0;
    }
    if (rendered->toUtf8().size() > 1024 * 1024)
        fail("the output is longer than 1 MiB", input);
    return 0;
}
