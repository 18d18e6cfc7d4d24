#include "exportcommands.h"

#include "definitioncommands.h"
#include "invocation.h"
#include "templatecommands.h"

#include <client/flotillaclient.h>
#include <wire/exportfile.h>

namespace Flotilla {

ExportCommand::ExportCommand()
    : Command({QStringLiteral("export"),
               QStringLiteral("ID_OR_ALIAS"),
               QStringLiteral("Print a task definition as upstream's create body, for create --from-file."),
               {option("template", "Export a template (ID_OR_NAME[@VERSION]) instead of a definition.")},
               1,
               1})
{}

void ExportCommand::run(Invocation &invocation) const
{
    const QString key = invocation.positional().constFirst();
    if (!invocation.isSet(QStringLiteral("template"))) {
        return DefinitionCommands::fetch(invocation, key, [&invocation](const Definition &definition) {
            invocation.output().out(QString::fromUtf8(ExportFile::write(definition)));
            invocation.done();
        });
    }
    if (!TemplateCommands::checkServesTemplates(invocation))
        return;
    TemplateCommands::fetch(invocation, key, [&invocation](const Template &tpl) {
        invocation.output().out(QString::fromUtf8(ExportFile::write(tpl)));
        invocation.done();
    });
}

void ExportCommand::createFromFile(Invocation &invocation, const QString &path)
{
    QByteArray bytes;
    if (const QString problem = readFile(QStringLiteral("from-file"), path, &bytes); !problem.isEmpty())
        return invocation.usageError(problem);
    QString error;
    const std::optional<ExportFile> file = ExportFile::read(bytes, &error);
    if (!file)
        return invocation.usageError(QStringLiteral("--from-file %1: %2").arg(path, error));
    FlotillaClient *client = invocation.client();
    if (file->kind == ExportFile::Kind::Definition) {
        return invocation.whenDone<ResultJob<Definition>>(client->createDefinition(file->definition),
                                                          [&invocation](ResultJob<Definition> *job) {
                                                              DefinitionCommands::print(invocation, job->result());
                                                              invocation.done();
                                                          });
    }
    if (!TemplateCommands::checkServesTemplates(invocation))
        return;
    invocation.whenDone<ResultJob<CreatedTemplate>>(client->createTemplate(file->tpl),
                                                    [&invocation](ResultJob<CreatedTemplate> *job) {
                                                        TemplateCommands::print(invocation, job->result().tpl);
                                                        invocation.done();
                                                    });
}

} // namespace Flotilla
