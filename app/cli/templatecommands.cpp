#include "templatecommands.h"

#include "invocation.h"
#include "runcommands.h"

#include <client/flotillaclient.h>

#include <QUrlQuery>

namespace Flotilla {

namespace {

Command::Description describe(TemplateCommands::Action action)
{
    using Action = TemplateCommands::Action;
    const auto o = [](const char *name, const char *description, const char *valueName = nullptr) {
        return Command::option(name, description, valueName);
    };
    switch (action) {
    case Action::List:
        return {QStringLiteral("templates"),
                {},
                QStringLiteral("List the templates (the latest version of each)."),
                {o("all-versions", "List every version, not only the latest."), o("limit", "At most N entries.", "N"),
                 o("offset", "Skip the first N entries.", "N")},
                0,
                0};
    case Action::Show:
        return {QStringLiteral("template"),
                QStringLiteral("ID_OR_NAME[@VERSION]"),
                QStringLiteral("Show one template: its schema, defaults and command template."),
                {},
                1,
                1};
    case Action::Launch:
        return {QStringLiteral("launch-template"),
                QStringLiteral("ID_OR_NAME[@VERSION]"),
                QStringLiteral("Launch a run of a template (the latest version unless @VERSION)."),
                QList<QCommandLineOption>{
                    o("set", "Payload field (repeatable); a dotted KEY sets a nested field, VALUE is JSON or text.",
                      "KEY=VALUE"),
                    o("payload", "Payload JSON object from FILE, or - for standard input; --set applies on top.",
                      "FILE"),
                    o("cluster", "Cluster to run on.", "C"),
                    o("env", "Environment variable for the run (repeatable).", "NAME=VALUE"),
                    o("owner", "Owner of the run (default: the login user name).", "ID"),
                    o("follow", "Print the log as it arrives and exit with the run's exit code.")}
                    + Command::launchResourceOptions(),
                1,
                1};
    }
    Q_UNREACHABLE();
}

// "name@3" → ("name", "3"); "name" → ("name", "latest").
std::pair<QString, QString> nameAndVersion(const QString &key)
{
    const qsizetype at = key.lastIndexOf(u'@');
    if (at <= 0)
        return {key, QStringLiteral("latest")};
    return {key.left(at), key.mid(at + 1)};
}

bool isTemplateId(const QString &key)
{
    return key.startsWith(u"tpl-");
}

} // namespace

TemplateCommands::TemplateCommands(Action action)
    : Command(describe(action))
    , m_action(action)
{}

CommandList TemplateCommands::commands()
{
    CommandList list;
    for (Action action : {Action::List, Action::Show, Action::Launch})
        list.append(std::make_shared<TemplateCommands>(action));
    return list;
}

void TemplateCommands::run(Invocation &invocation) const
{
    if (!checkServesTemplates(invocation))
        return;
    switch (m_action) {
    case Action::List: return list(invocation);
    case Action::Show: return show(invocation);
    case Action::Launch: return launch(invocation);
    }
}

bool TemplateCommands::checkServesTemplates(Invocation &invocation)
{
    if (invocation.client()->servesTemplates())
        return true;
    invocation.usageError(QStringLiteral("this server (%1) has no templates; they arrived with upstream's /api/v7")
                              .arg(serverFlavourName(invocation.client()->flavour())));
    return false;
}

bool TemplateCommands::setPayloadValue(Json &payload, const QString &assignment, QString *error)
{
    const qsizetype equals = assignment.indexOf(u'=');
    if (equals <= 0) {
        *error = QStringLiteral("--set takes KEY=VALUE, not \"%1\"").arg(assignment);
        return false;
    }
    const QStringList path = assignment.left(equals).split(u'.');
    if (path.contains(QString())) {
        *error = QStringLiteral("--set key \"%1\" has an empty part; write a.b.c").arg(assignment.left(equals));
        return false;
    }
    const std::string text = toUtf8(assignment.mid(equals + 1));
    Json value = Json::parse(text, nullptr, false);
    if (value.is_discarded() || text.empty())
        value = text;
    Json *node = &payload;
    for (qsizetype i = 0; i < path.size(); ++i) {
        if (!node->is_object()) {
            *error = QStringLiteral("--set %1: %2 is not an object, so it has no fields")
                         .arg(assignment.left(equals), path.mid(0, i).join(u'.'));
            return false;
        }
        node = &(*node)[toUtf8(path[i])];
        if (i + 1 < path.size() && node->is_null())
            *node = Json::object();
    }
    *node = std::move(value);
    return true;
}

void TemplateCommands::print(Invocation &invocation, const Template &tpl)
{
    Output &output = invocation.output();
    if (output.isJson())
        return output.printJson(tpl.toJson());
    output.printFields({{QStringLiteral("Template ID"), tpl.templateId},
                        {QStringLiteral("Name"), tpl.templateName},
                        {QStringLiteral("Version"), QString::number(tpl.version)},
                        {QStringLiteral("Image"), tpl.image},
                        {QStringLiteral("Memory"), Output::text(tpl.memory)},
                        {QStringLiteral("CPU"), Output::text(tpl.cpu)},
                        {QStringLiteral("Env"), Output::text(tpl.env)},
                        {QStringLiteral("Schema"), toQString(tpl.schema.dump(2))},
                        {QStringLiteral("Defaults"), toQString(tpl.defaults.dump(2))},
                        {QStringLiteral("Command template"), tpl.commandTemplate}});
}

void TemplateCommands::list(Invocation &invocation) const
{
    QUrlQuery query;
    if (invocation.isSet(QStringLiteral("all-versions")))
        query.addQueryItem(QStringLiteral("latest_only"), QStringLiteral("false"));
    if (!addPaging(invocation, &query))
        return;
    invocation.whenDone<ResultJob<TemplateList>>(
        invocation.client()->listTemplates(query), [&invocation](ResultJob<TemplateList> *job) {
            const TemplateList &list = job->result();
            Output &output = invocation.output();
            if (output.isJson()) {
                output.printJsonArray(list.templates);
            } else {
                QList<QStringList> rows;
                for (const Template &t : list.templates)
                    rows.append(
                        {t.templateId, t.templateName, QString::number(t.version), t.image, Output::text(t.memory)});
                output.printTable({QStringLiteral("TEMPLATE ID"), QStringLiteral("NAME"), QStringLiteral("VERSION"),
                                   QStringLiteral("IMAGE"), QStringLiteral("MEMORY")},
                                  rows);
            }
            invocation.done();
        });
}

void TemplateCommands::fetch(Invocation &invocation, const QString &key, std::function<void(const Template &)> found)
{
    FlotillaClient *client = invocation.client();
    if (isTemplateId(key)) {
        return invocation.whenDone<ResultJob<Template>>(client->templateById(key),
                                                        [found](ResultJob<Template> *job) { found(job->result()); });
    }
    const auto [name, version] = nameAndVersion(key);
    // Upstream's list has no name filter (ours has): the exact name is picked here.
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("latest_only"), QStringLiteral("false"));
    query.addQueryItem(QStringLiteral("template_name"), name);
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("1000"));
    invocation.whenDone<ResultJob<TemplateList>>(client->listTemplates(query), [&invocation, name, version,
                                                                                found](ResultJob<TemplateList> *job) {
        const Template *latest = nullptr;
        for (const Template &t : job->result().templates) {
            if (t.templateName != name)
                continue;
            const bool wanted = version == u"latest" ? (!latest || t.version > latest->version)
                                                     : QString::number(t.version) == version;
            if (wanted)
                latest = &t;
        }
        if (!latest) {
            invocation.output().err(QStringLiteral("flotilla: no template %1 version %2\n").arg(name, version));
            return invocation.done(1);
        }
        found(*latest);
    });
}

void TemplateCommands::show(Invocation &invocation) const
{
    fetch(invocation, invocation.positional().constFirst(), [&invocation](const Template &tpl) {
        print(invocation, tpl);
        invocation.done();
    });
}

void TemplateCommands::launch(Invocation &invocation) const
{
    TemplateLaunchRequest request;
    if (!parseEnv(invocation, &request.env))
        return;
    if (invocation.isSet(QStringLiteral("payload"))) {
        QByteArray text;
        if (const QString problem = readFile(QStringLiteral("payload"), invocation.value(QStringLiteral("payload")),
                                             &text);
            !problem.isEmpty())
            return invocation.usageError(problem);
        request.payload = parseNetworkJson(text);
        if (!request.payload.is_object())
            return invocation.usageError(QStringLiteral("--payload %1 must hold one JSON object")
                                             .arg(invocation.value(QStringLiteral("payload"))));
    }
    for (const QString &assignment : invocation.values(QStringLiteral("set"))) {
        QString error;
        if (!setPayloadValue(request.payload, assignment, &error))
            return invocation.usageError(error);
    }
    if (invocation.isSet(QStringLiteral("cluster")))
        request.cluster = invocation.value(QStringLiteral("cluster"));
    else if (!invocation.profile().defaultCluster.isEmpty())
        request.cluster = invocation.profile().defaultCluster;
    LaunchResources resources;
    if (!parseLaunchResources(invocation, &resources))
        return;
    request.memory = resources.memory;
    request.cpu = resources.cpu;
    request.placement = resources.placement;
    request.ownerId = invocation.isSet(QStringLiteral("owner")) ? invocation.value(QStringLiteral("owner"))
                                                                : invocation.profile().launchOwnerId();
    if (request.ownerId.isEmpty())
        return invocation.usageError(
            QStringLiteral("launch-template needs --owner ID: the login user name is unknown here"));

    const QString key = invocation.positional().constFirst();
    FlotillaClient *client = invocation.client();
    ResultJob<Run> *job = nullptr;
    if (isTemplateId(key)) {
        job = client->launchTemplate(key, request);
    } else {
        const auto [name, version] = nameAndVersion(key);
        job = client->launchTemplateByName(name, version, request);
    }
    QObject::connect(job, &ApiJob::finished, &invocation, [&invocation, job] {
        if (!job->succeeded()) {
            // The payload broke the schema: each violation on its own line, and a usage error's code.
            if (job->error().httpStatus() == 400 && !job->error().serverMessage().isEmpty()) {
                invocation.output().err(QStringLiteral("flotilla: the server refused the payload:\n"));
                for (const QString &line : job->error().serverMessage().split(u'\n'))
                    invocation.output().err(QStringLiteral("  %1\n").arg(line));
                return invocation.done(2);
            }
            return invocation.apiError(job->error());
        }
        if (!invocation.isSet(QStringLiteral("follow"))) {
            RunCommands::print(invocation, job->result());
            return invocation.done();
        }
        invocation.output().err(QStringLiteral("flotilla: launched run %1\n").arg(job->result().runId));
        RunCommands::follow(invocation, job->result().runId);
    });
    job->start();
}

} // namespace Flotilla
