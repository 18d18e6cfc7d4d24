// Feeds one JSON document, parsed as the client parses answers, to every
// wire decoder (models/wire): whatever a server sends must decode to values
// and error sentences, never crash. What decodes cleanly must survive a round
// trip through toJson() unchanged.

#include <wire/definition.h>
#include <wire/launchrequest.h>
#include <wire/lists.h>
#include <wire/run.h>
#include <wire/template.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

using namespace Flotilla;

template <typename Value>
void checkRoundTrip(const Json &json, const char *type)
{
    QStringList errors;
    const Value value = Value::fromJson(json, &errors);
    if (!errors.isEmpty())
        return;
    const Json encoded = value.toJson();
    QStringList againErrors;
    const Json again = Value::fromJson(encoded, &againErrors).toJson();
    if (!againErrors.isEmpty() || again != encoded) {
        std::fprintf(stderr, "%s does not survive a round trip:\n in: %s\n out: %s\n again: %s\n errors: %s\n", type,
                     json.dump().c_str(), encoded.dump().c_str(), again.dump().c_str(),
                     qPrintable(againErrors.join(u"; ")));
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const Json json = parseNetworkJson(QByteArrayView(data, qsizetype(size)));
    if (json.is_discarded())
        return 0;
    checkRoundTrip<Definition>(json, "Definition");
    checkRoundTrip<Run>(json, "Run");
    checkRoundTrip<Template>(json, "Template");
    checkRoundTrip<TemplateLaunchRequest>(json, "TemplateLaunchRequest");

    QStringList errors;
    Definition definition = Definition::fromJson(json, &errors);
    definition.validate();
    DefinitionPatch::fromJson(json, &errors).applyTo(definition);
    definition.validate();
    LaunchRequest::fromJson(json, &errors);
    envProblems(envFromJson(json, QStringLiteral("env"), &errors), QStringLiteral("env"));
    stringListFromJson(json, QStringLiteral("tags"), &errors);
    DefinitionList::fromJson(json, &errors);
    RunList::fromJson(json, &errors);
    NameList::fromJson(json, "groups", &errors);
    NameList::fromJson(json, "tags", &errors);
    ClustersList::fromJson(json, &errors);
    TemplateList::fromJson(json, &errors);
    CreatedTemplate::fromJson(json, &errors);
    // A template as the server checks it, and a launch of it with the same
    // document as the payload: validation and rendering never crash.
    const Template tpl = Template::fromJson(json, &errors);
    tpl.validate();
    renderLaunch(tpl, json);
    return 0;
}
