#include "samples.h"

#include "httplogging.h"
#include "templatecontroller.h"
#include <store/store.h>

#include <QUuid>

namespace Flotilla {

namespace {

const auto sampleImage = QStringLiteral("docker.io/library/busybox:latest");

Definition helloDefinition()
{
    Definition sample;
    sample.definitionId = QStringLiteral("examples-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    sample.alias = QStringLiteral("hello-flotilla");
    sample.groupName = QStringLiteral("examples");
    sample.image = sampleImage;
    sample.command = QStringLiteral("echo \"hello ${USERNAME}\"");
    sample.memory = 64;
    sample.env = {EnvVar{QStringLiteral("USERNAME"), QStringLiteral("world")}};
    sample.tags = {QStringLiteral("example")};
    return sample;
}

// A string, an enum, an integer with bounds, a boolean and an array. The
// schema's "default" keywords repeat the defaults: upstream's web UI fills its
// form from them.
Template helloTemplate()
{
    Template sample;
    sample.templateName = QStringLiteral("hello-template");
    sample.image = sampleImage;
    sample.memory = 64;
    sample.cpu = 256; // upstream's web UI requires CPU in its launch form
    sample.tags = {QStringLiteral("example")};
    sample.schema = Json::parse(R"({
        "type": "object",
        "title": "Hello template",
        "required": ["name", "greeting", "times"],
        "properties": {
            "name": {"type": "string", "title": "Name", "description": "Who to greet", "minLength": 1,
                     "default": "world"},
            "greeting": {"type": "string", "title": "Greeting", "enum": ["hello", "hi", "good morning"],
                         "default": "hello"},
            "times": {"type": "integer", "title": "Times", "description": "How many lines to print",
                      "minimum": 1, "maximum": 10, "default": 3},
            "shout": {"type": "boolean", "title": "Shout", "description": "Print in capitals", "default": false},
            "tags": {"type": "array", "title": "Tags", "description": "Printed one per line",
                     "items": {"type": "string"}, "default": ["example"]}
        }
    })");
    sample.defaults = Json::parse(
        R"({"name": "world", "greeting": "hello", "times": 3, "shout": false, "tags": ["example"]})");
    sample.commandTemplate = QStringLiteral("{{- $line := printf \"%s, %s!\" .greeting .name -}}\n"
                                            "{{- if .shout}}{{$line = upper $line}}{{end -}}\n"
                                            "for i in $(seq {{.times}}); do echo {{quote $line}}; done\n"
                                            "{{- range $i, $tag := .tags}}\n"
                                            "echo \"tag {{$i}}: {{$tag}}\"\n"
                                            "{{- end}}\n");
    return sample;
}

} // namespace

void addSamples(Store &store, TemplateController &templates)
{
    if (!store.insertDefinition(helloDefinition()))
        qCWarning(lcHttp, "cannot add the sample definition: %s", qPrintable(store.lastError()));
    HttpResponse error;
    if (!templates.createOrVersion(helloTemplate(), &error))
        qCWarning(lcHttp, "cannot add the sample template: %s", error.body.constData());
}

} // namespace Flotilla
