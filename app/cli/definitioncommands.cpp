#include "definitioncommands.h"

#include "exportcommands.h"
#include "invocation.h"

#include <client/flotillaclient.h>

#include <QUrlQuery>

namespace Flotilla {

namespace {

Command::Description describe(DefinitionCommands::Action action)
{
    using Action = DefinitionCommands::Action;
    const auto o = [](const char *name, const char *description, const char *valueName = nullptr) {
        return Command::option(name, description, valueName);
    };
    switch (action) {
    case Action::List:
        return {QStringLiteral("definitions"),
                {},
                QStringLiteral("List the task definitions."),
                {o("group", "Only definitions of group G.", "G"), o("alias", "Only aliases containing TEXT.", "TEXT"),
                 o("image", "Only definitions whose image contains TEXT.", "TEXT"),
                 o("limit", "At most N entries.", "N"), o("offset", "Skip the first N entries.", "N")},
                0,
                0};
    case Action::Show:
        return {QStringLiteral("definition"),
                QStringLiteral("ID_OR_ALIAS"),
                QStringLiteral("Show one task definition."),
                {},
                1,
                1};
    case Action::Create:
        return {QStringLiteral("create"),
                {},
                QStringLiteral("Create a task definition, or what a file of `export` holds."),
                {o("alias", "Alias of the definition (required).", "A"), o("image", "Container image (required).", "I"),
                 o("command", "Command to run (required).", "C"), o("group", "Group name.", "G"),
                 o("memory", "Memory limit in MB.", "MB"),
                 o("env", "Environment variable for the run (repeatable).", "NAME=VALUE"),
                 o("tag", "Tag (repeatable).", "T"),
                 o("from-file",
                   "Create the definition or template in FILE (upstream's create body, as `export` writes it; - for "
                   "standard input) instead of from the options.",
                   "FILE")},
                0,
                0};
    case Action::Update:
        return {QStringLiteral("update"),
                QStringLiteral("ID_OR_ALIAS"),
                QStringLiteral("Change a task definition; options not given keep their values."),
                {o("alias", "New alias.", "A"), o("image", "New container image.", "I"),
                 o("command", "New command.", "C"), o("group", "New group name.", "G"),
                 o("memory", "New memory limit in MB.", "MB"),
                 o("env", "Environment variable (repeatable; replaces all of them).", "NAME=VALUE"),
                 o("clear-env", "Remove every environment variable (with no --env)."),
                 o("tag", "Tag (repeatable; replaces all of them).", "T"),
                 o("clear-tags", "Remove every tag (with no --tag).")},
                1,
                1};
    case Action::Delete:
        return {QStringLiteral("delete"), QStringLiteral("ID"), QStringLiteral("Delete a task definition."), {}, 1, 1};
    }
    Q_UNREACHABLE();
}

} // namespace

DefinitionCommands::DefinitionCommands(Action action)
    : Command(describe(action))
    , m_action(action)
{}

CommandList DefinitionCommands::commands()
{
    CommandList list;
    for (Action action : {Action::List, Action::Show, Action::Create, Action::Update, Action::Delete})
        list.append(std::make_shared<DefinitionCommands>(action));
    return list;
}

void DefinitionCommands::run(Invocation &invocation) const
{
    switch (m_action) {
    case Action::List: return list(invocation);
    case Action::Show: return show(invocation);
    case Action::Create: return create(invocation);
    case Action::Update: return update(invocation);
    case Action::Delete: return remove(invocation);
    }
}

void DefinitionCommands::print(Invocation &invocation, const Definition &d)
{
    Output &output = invocation.output();
    if (output.isJson())
        return output.printJson(d.toJson());
    output.printFields({{QStringLiteral("ID"), d.definitionId},
                        {QStringLiteral("Alias"), d.alias},
                        {QStringLiteral("Group"), d.groupName},
                        {QStringLiteral("Image"), d.image},
                        {QStringLiteral("Command"), d.command},
                        {QStringLiteral("Memory"), Output::text(d.memory)},
                        {QStringLiteral("CPU"), Output::text(d.cpu)},
                        {QStringLiteral("Env"), Output::text(d.env)},
                        {QStringLiteral("Tags"), d.tags.join(QStringLiteral(", "))}});
}

void DefinitionCommands::list(Invocation &invocation) const
{
    QUrlQuery query;
    if (invocation.isSet(QStringLiteral("group")))
        query.addQueryItem(QStringLiteral("group_name"), invocation.value(QStringLiteral("group")));
    for (const char *filter : {"alias", "image"}) {
        const QString key = QString::fromLatin1(filter);
        if (invocation.isSet(key))
            query.addQueryItem(key, invocation.value(key));
    }
    if (!addPaging(invocation, &query))
        return;
    invocation.whenDone<ResultJob<DefinitionList>>(
        invocation.client()->listDefinitions(query), [&invocation](ResultJob<DefinitionList> *job) {
            const DefinitionList &list = job->result();
            Output &output = invocation.output();
            if (output.isJson()) {
                output.printJsonArray(list.definitions);
            } else {
                QList<QStringList> rows;
                for (const Definition &d : list.definitions)
                    rows.append({d.definitionId, d.alias, d.groupName, d.image, Output::text(d.memory), d.command});
                output.printTable({QStringLiteral("ID"), QStringLiteral("ALIAS"), QStringLiteral("GROUP"),
                                   QStringLiteral("IMAGE"), QStringLiteral("MEMORY"), QStringLiteral("COMMAND")},
                                  rows);
            }
            invocation.done();
        });
}

void DefinitionCommands::fetch(Invocation &invocation, const QString &key, std::function<void(const Definition &)> found)
{
    FlotillaClient *client = invocation.client();
    auto *job = client->definition(key);
    QObject::connect(job, &ApiJob::finished, &invocation, [&invocation, client, job, key, found] {
        if (job->succeeded())
            return found(job->result());
        if (job->error().httpStatus() != 404)
            return invocation.apiError(job->error());
        invocation.whenDone<ResultJob<Definition>>(client->definitionByAlias(key),
                                                   [found](ResultJob<Definition> *byAlias) {
                                                       found(byAlias->result());
                                                   });
    });
    job->start();
}

void DefinitionCommands::show(Invocation &invocation) const
{
    fetch(invocation, invocation.positional().constFirst(), [&invocation](const Definition &definition) {
        print(invocation, definition);
        invocation.done();
    });
}

void DefinitionCommands::update(Invocation &invocation) const
{
    DefinitionPatch patch;
    const auto text = [&invocation](const char *name, std::optional<QString> *field) {
        if (invocation.isSet(QLatin1String(name)))
            *field = invocation.value(QLatin1String(name));
    };
    text("alias", &patch.alias);
    text("image", &patch.image);
    text("command", &patch.command);
    text("group", &patch.groupName);
    if (!parseCount(invocation, QStringLiteral("memory"), &patch.memory))
        return;
    if (invocation.isSet(QStringLiteral("env")) || invocation.isSet(QStringLiteral("clear-env"))) {
        EnvList env;
        if (!parseEnv(invocation, &env))
            return;
        patch.env = env;
    }
    if (invocation.isSet(QStringLiteral("tag")) || invocation.isSet(QStringLiteral("clear-tags")))
        patch.tags = invocation.values(QStringLiteral("tag"));
    if (!patch.alias && !patch.image && !patch.command && !patch.groupName && !patch.memory && !patch.env && !patch.tags)
        return invocation.usageError(
            QStringLiteral("update needs at least one change, e.g. --image I; see flotilla help update"));
    fetch(invocation, invocation.positional().constFirst(), [&invocation, patch](const Definition &current) {
        Definition changed = current;
        patch.applyTo(changed);
        invocation.whenDone<ResultJob<Definition>>(invocation.client()->updateDefinition(changed),
                                                   [&invocation](ResultJob<Definition> *job) {
                                                       print(invocation, job->result());
                                                       invocation.done();
                                                   });
    });
}

void DefinitionCommands::create(Invocation &invocation) const
{
    if (invocation.isSet(QStringLiteral("from-file"))) {
        for (const QCommandLineOption &option : options()) {
            const QString name = option.names().constFirst();
            if (name != u"from-file" && invocation.isSet(name))
                return invocation.usageError(
                    QStringLiteral("create --from-file takes no --%1: change the file instead").arg(name));
        }
        return ExportCommand::createFromFile(invocation, invocation.value(QStringLiteral("from-file")));
    }
    Definition definition;
    QStringList missing;
    for (const char *name : {"alias", "image", "command"}) {
        if (!invocation.isSet(QLatin1String(name)))
            missing << QStringLiteral("--") + QLatin1String(name);
    }
    if (!missing.isEmpty())
        return invocation.usageError(
            QStringLiteral("create needs %1; see flotilla help create").arg(missing.join(QStringLiteral(", "))));
    definition.alias = invocation.value(QStringLiteral("alias"));
    definition.image = invocation.value(QStringLiteral("image"));
    definition.command = invocation.value(QStringLiteral("command"));
    definition.groupName = invocation.value(QStringLiteral("group"));
    definition.tags = invocation.values(QStringLiteral("tag"));
    if (!parseCount(invocation, QStringLiteral("memory"), &definition.memory) || !parseEnv(invocation, &definition.env))
        return;
    invocation.whenDone<ResultJob<Definition>>(invocation.client()->createDefinition(definition),
                                               [&invocation](ResultJob<Definition> *job) {
                                                   print(invocation, job->result());
                                                   invocation.done();
                                               });
}

void DefinitionCommands::remove(Invocation &invocation) const
{
    const QString id = invocation.positional().constFirst();
    invocation.whenDone<ResultJob<bool>>(invocation.client()->deleteDefinition(id), [&invocation,
                                                                                     id](ResultJob<bool> *) {
        if (invocation.output().isJson())
            invocation.output().printJson(Json{{"deleted", true}, {"definition_id", toUtf8(id)}});
        else
            invocation.output().out(QStringLiteral("deleted %1\n").arg(id));
        invocation.done();
    });
}

} // namespace Flotilla
