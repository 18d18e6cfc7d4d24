#include "commandline.h"

#include <client/flotillaclient.h>
#include <client/logtailer.h>

#include <QCoreApplication>
#include <QFile>
#include <QLockFile>
#include <QProcessEnvironment>
#include <QStandardPaths>

#include <cerrno>
#include <cstdio>
#include <pwd.h>
#include <signal.h>
#include <unistd.h>

namespace Flotilla {

namespace {

QCommandLineOption option(const QString &name, const QString &description, const QString &valueName = {})
{
    return QCommandLineOption(name, description, valueName);
}

QList<QCommandLineOption> globalOptions()
{
    return {
        option(QStringLiteral("server"),
               QStringLiteral("Base URL of the server, e.g. http://127.0.0.1:5000 "
                              "(default: the local control plane)."),
               QStringLiteral("URL")),
        option(QStringLiteral("token-env"),
               QStringLiteral("Send the token in environment variable VAR as a bearer token."), QStringLiteral("VAR")),
        option(QStringLiteral("output"), QStringLiteral("table (default) or json."), QStringLiteral("FORMAT")),
        QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show help.")),
        option(QStringLiteral("version"), QStringLiteral("Show the version.")),
    };
}

QString optional(const std::optional<qint64> &value)
{
    return value ? QString::number(*value) : QString();
}

QString timeText(const std::optional<QDateTime> &time)
{
    return time ? time->toUTC().toString(Qt::ISODate) : QString();
}

QString envText(const EnvList &env)
{
    QStringList parts;
    for (const EnvVar &var : env)
        parts << var.name + u'=' + var.value;
    return parts.join(u' ');
}

bool parseEnv(const QStringList &entries, EnvList *env, QString *problem)
{
    for (const QString &entry : entries) {
        const qsizetype equals = entry.indexOf(u'=');
        const QString name = entry.left(equals);
        const QString nameProblem = equals > 0 ? envNameProblem(name) : QString();
        if (equals <= 0 || !nameProblem.isEmpty()) {
            *problem = QStringLiteral("--env takes NAME=VALUE, e.g. --env GREETING=hello; got \"%1\"%2")
                           .arg(entry, nameProblem.isEmpty() ? QString() : QStringLiteral(" (") + nameProblem + u')');
            return false;
        }
        env->append(EnvVar{name, entry.mid(equals + 1)});
    }
    return true;
}

bool parseCount(const QCommandLineParser &parser, const QString &name, std::optional<qint64> *value, QString *problem)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const qint64 number = parser.value(name).toLongLong(&ok);
    if (!ok || number < 0) {
        *problem = QStringLiteral("--%1 takes a whole number >= 0; got \"%2\"").arg(name, parser.value(name));
        return false;
    }
    *value = number;
    return true;
}

// $USER, else $LOGNAME, else the passwd entry of the real user.
QString loginName()
{
    for (const char *variable : {"USER", "LOGNAME"}) {
        const QString name = qEnvironmentVariable(variable);
        if (!name.isEmpty())
            return name;
    }
    if (const passwd *entry = ::getpwuid(::getuid()))
        return QString::fromLocal8Bit(entry->pw_name);
    return {};
}

} // namespace

struct CommandLine::Command
{
    QString name;
    QString arguments; // for the synopsis, e.g. "ID_OR_ALIAS"
    QString description;
    QList<QCommandLineOption> options;
    int minPositional = 0;
    int maxPositional = 0;
    void (CommandLine::*handler)() = nullptr;
    QString names; // for groups, tags, clusters
};

const QList<CommandLine::Command> &CommandLine::commands()
{
    static const QList<Command> list = [] {
        const auto o = [](const char *name, const char *description, const char *valueName = nullptr) {
            return option(QLatin1String(name), QLatin1String(description),
                          valueName ? QLatin1String(valueName) : QString());
        };
        const QCommandLineOption limit = o("limit", "At most N entries.", "N");
        const QCommandLineOption offset = o("offset", "Skip the first N entries.", "N");
        const QCommandLineOption env = o("env", "Environment variable for the run (repeatable).", "NAME=VALUE");
        QList<Command> c;
        c.append({QStringLiteral("definitions"),
                  {},
                  QStringLiteral("List the task definitions."),
                  {o("group", "Only definitions of group G.", "G"), o("alias", "Only aliases containing TEXT.", "TEXT"),
                   limit, offset},
                  0,
                  0,
                  &CommandLine::listDefinitions,
                  {}});
        c.append({QStringLiteral("definition"),
                  QStringLiteral("ID_OR_ALIAS"),
                  QStringLiteral("Show one task definition."),
                  {},
                  1,
                  1,
                  &CommandLine::showDefinition,
                  {}});
        c.append(
            {QStringLiteral("create"),
             {},
             QStringLiteral("Create a task definition."),
             {o("alias", "Alias of the definition (required).", "A"), o("image", "Container image (required).", "I"),
              o("command", "Command to run (required).", "C"), o("group", "Group name.", "G"),
              o("memory", "Memory limit in MB.", "MB"), env, o("tag", "Tag (repeatable).", "T")},
             0,
             0,
             &CommandLine::createDefinition,
             {}});
        c.append(
            {QStringLiteral("update"),
             QStringLiteral("ID_OR_ALIAS"),
             QStringLiteral("Change a task definition; options not given keep their values."),
             {o("alias", "New alias.", "A"), o("image", "New container image.", "I"), o("command", "New command.", "C"),
              o("group", "New group name.", "G"), o("memory", "New memory limit in MB.", "MB"),
              o("env", "Environment variable (repeatable; replaces all of them).", "NAME=VALUE"),
              o("clear-env", "Remove every environment variable (with no --env)."),
              o("tag", "Tag (repeatable; replaces all of them).", "T"),
              o("clear-tags", "Remove every tag (with no --tag).")},
             1,
             1,
             &CommandLine::updateDefinition,
             {}});
        c.append({QStringLiteral("delete"),
                  QStringLiteral("ID"),
                  QStringLiteral("Delete a task definition."),
                  {},
                  1,
                  1,
                  &CommandLine::deleteDefinition,
                  {}});
        c.append({QStringLiteral("launch"),
                  QStringLiteral("ID_OR_ALIAS"),
                  QStringLiteral("Launch a run of a definition."),
                  {o("cluster", "Cluster to run on.", "C"), env,
                   o("owner", "Owner of the run (default: the login user name).", "ID"),
                   o("follow", "Print the log as it arrives and exit with the run's exit code.")},
                  1,
                  1,
                  &CommandLine::launch,
                  {}});
        c.append(
            {QStringLiteral("runs"),
             {},
             QStringLiteral("List runs."),
             {o("definition", "Only runs of definition ID.", "ID"),
              o("status", "Only runs with status S: QUEUED, PENDING, RUNNING, STOPPED, NEEDS_RETRY (repeatable).", "S"),
              limit, offset},
             0,
             0,
             &CommandLine::listRuns,
             {}});
        c.append({QStringLiteral("run"),
                  QStringLiteral("RUN_ID"),
                  QStringLiteral("Show one run."),
                  {},
                  1,
                  1,
                  &CommandLine::showRun,
                  {}});
        c.append({QStringLiteral("logs"),
                  QStringLiteral("RUN_ID"),
                  QStringLiteral("Print the log of a run."),
                  {o("follow", "Keep printing as the log grows and exit with the run's exit code.")},
                  1,
                  1,
                  &CommandLine::logs,
                  {}});
        c.append({QStringLiteral("stop"),
                  QStringLiteral("RUN_ID"),
                  QStringLiteral("Stop a run."),
                  {},
                  1,
                  1,
                  &CommandLine::stopRun,
                  {}});
        c.append({QStringLiteral("groups"),
                  {},
                  QStringLiteral("List the group names."),
                  {},
                  0,
                  0,
                  nullptr,
                  QStringLiteral("groups")});
        c.append(
            {QStringLiteral("tags"), {}, QStringLiteral("List the tags."), {}, 0, 0, nullptr, QStringLiteral("tags")});
        c.append({QStringLiteral("clusters"),
                  {},
                  QStringLiteral("List the clusters."),
                  {},
                  0,
                  0,
                  nullptr,
                  QStringLiteral("clusters")});
        c.append({QStringLiteral("help"),
                  QStringLiteral("[COMMAND]"),
                  QStringLiteral("Show help, of one command or of all."),
                  {},
                  0,
                  1,
                  nullptr,
                  {}});
        return c;
    }();
    return list;
}

const CommandLine::Command *CommandLine::findCommand(const QString &name)
{
    for (const Command &command : commands()) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

CommandLine::CommandLine(QStringList arguments, QObject *parent)
    : QObject(parent)
    , m_arguments(std::move(arguments))
{}

CommandLine::~CommandLine() = default;

QString CommandLine::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

QUrl CommandLine::localServer(const QString &dataDir)
{
    // As DataDirLock::runningServer: the lock's holder must be alive.
    QLockFile probe(dataDir + QStringLiteral("/control-plane.lock"));
    qint64 pid = 0;
    QString host, app;
    if (!probe.getLockInfo(&pid, &host, &app) || pid <= 0 || (::kill(pid_t(pid), 0) != 0 && errno != EPERM))
        return {};
    QFile file(dataDir + QStringLiteral("/control-plane.url"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QUrl url(QString::fromUtf8(file.readAll().trimmed()));
    return url.isValid() ? url : QUrl();
}

void CommandLine::start()
{
    run();
}

QString CommandLine::generalHelp() const
{
    QString text = QStringLiteral(
        "Usage: flotilla [--server URL] [--token-env VAR] [--output table|json] COMMAND [ARGS]\n\n"
        "A client of the Flotilla API. Without --server it talks to the local control plane\n"
        "(flotilla-local) serving the default data dir.\n\nCommands:\n");
    for (const Command &command : commands())
        text += QStringLiteral("  %1%2\n").arg(command.name.leftJustified(13), command.description);
    text += QStringLiteral("\nGlobal options:\n");
    QCommandLineParser parser;
    parser.addOptions(globalOptions());
    const QString helpText = parser.helpText();
    text += helpText.mid(helpText.indexOf(QStringLiteral("Options:")) + 9);
    text += QStringLiteral("\nExit codes: 0 success, 1 server or transport error, 2 usage error;\n"
                           "launch --follow and logs --follow exit with the run's exit code.\n"
                           "See `flotilla help COMMAND` for a command's options.\n");
    return text;
}

QString CommandLine::commandHelp(const Command &command) const
{
    QString text = QStringLiteral("Usage: flotilla [global options] %1%2%3\n\n%4\n")
                       .arg(command.name, command.options.isEmpty() ? QString() : QStringLiteral(" [options]"),
                            command.arguments.isEmpty() ? QString() : u' ' + command.arguments, command.description);
    if (!command.options.isEmpty()) {
        QCommandLineParser parser;
        parser.addOptions(command.options);
        const QString helpText = parser.helpText();
        text += u'\n' + helpText.mid(helpText.indexOf(QStringLiteral("Options:")));
    }
    return text;
}

void CommandLine::run()
{
    m_global.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    m_global.addOptions(globalOptions());
    if (!m_global.parse(m_arguments))
        return usageError(m_global.errorText() + QStringLiteral("; see flotilla --help"));
    if (m_global.isSet(QStringLiteral("version"))) {
        out(QStringLiteral("flotilla %1\n").arg(QCoreApplication::applicationVersion()));
        return done();
    }
    QStringList rest = m_global.positionalArguments();
    if (m_global.isSet(QStringLiteral("help")) || (rest.isEmpty())) {
        if (rest.isEmpty() && !m_global.isSet(QStringLiteral("help"))) {
            err(generalHelp());
            return usageError(QStringLiteral("a COMMAND is missing"));
        }
        if (!rest.isEmpty() && findCommand(rest.constFirst()))
            out(commandHelp(*findCommand(rest.constFirst())));
        else
            out(generalHelp());
        return done();
    }
    const QString name = rest.takeFirst();
    m_command = findCommand(name);
    if (!m_command)
        return usageError(QStringLiteral("unknown command \"%1\"; see flotilla --help for the commands").arg(name));

    m_parser.addOptions(globalOptions());
    m_parser.addOptions(m_command->options);
    if (!m_parser.parse(QStringList{m_arguments.value(0)} + rest))
        return usageError(m_parser.errorText() + QStringLiteral("; see flotilla help ") + m_command->name);
    m_positional = m_parser.positionalArguments();
    if (m_command->name == u"help") {
        if (m_positional.isEmpty()) {
            out(generalHelp());
        } else if (const Command *command = findCommand(m_positional.constFirst())) {
            out(commandHelp(*command));
        } else {
            return usageError(QStringLiteral("unknown command \"%1\"; see flotilla --help for the commands")
                                  .arg(m_positional.constFirst()));
        }
        return done();
    }
    if (m_parser.isSet(QStringLiteral("help"))) {
        out(commandHelp(*m_command));
        return done();
    }
    if (m_positional.size() < m_command->minPositional)
        return usageError(
            QStringLiteral("%1 needs %2; see flotilla help %1").arg(m_command->name, m_command->arguments));
    if (m_positional.size() > m_command->maxPositional)
        return usageError(QStringLiteral("%1: unexpected argument \"%2\"; see flotilla help %1")
                              .arg(m_command->name, m_positional.value(m_command->maxPositional)));
    if (!setUpClient())
        return;
    runCommand();
}

bool CommandLine::setUpClient()
{
    const auto value = [this](const QString &name) {
        return m_parser.isSet(name) ? m_parser.value(name) : m_global.value(name);
    };
    const auto isSet = [this](const QString &name) { return m_parser.isSet(name) || m_global.isSet(name); };

    const QString output = value(QStringLiteral("output"));
    if (isSet(QStringLiteral("output")) && output != u"table" && output != u"json") {
        usageError(QStringLiteral("--output takes table or json; got \"%1\"").arg(output));
        return false;
    }
    m_json = output == u"json";

    QUrl url;
    if (isSet(QStringLiteral("server"))) {
        url = QUrl::fromUserInput(value(QStringLiteral("server")));
        if (!url.isValid() || url.host().isEmpty()) {
            usageError(QStringLiteral("--server takes a URL such as http://127.0.0.1:5000; got \"%1\"")
                           .arg(value(QStringLiteral("server"))));
            return false;
        }
    } else {
        const QString dataDir = defaultDataDir();
        url = localServer(dataDir);
        if (url.isEmpty()) {
            err(QStringLiteral("flotilla: no local control plane is running for %1; start one with `flotilla-local` "
                               "or name a server with --server URL\n")
                    .arg(dataDir));
            done(1);
            return false;
        }
    }
    m_client = new FlotillaClient(url, ServerFlavour::Auto, this);
    if (isSet(QStringLiteral("token-env"))) {
        const QString variable = value(QStringLiteral("token-env"));
        const QString token = QProcessEnvironment::systemEnvironment().value(variable);
        if (token.isEmpty()) {
            usageError(QStringLiteral("--token-env %1: the environment variable %1 is not set or empty").arg(variable));
            return false;
        }
        m_client->setBearerToken(token);
    }
    return true;
}

void CommandLine::runCommand()
{
    if (m_command->handler)
        (this->*m_command->handler)();
    else
        names(m_command->names);
}

template <typename Job>
void CommandLine::whenDone(Job *job, std::function<void(Job *)> ok)
{
    connect(job, &ApiJob::finished, this, [this, job, ok = std::move(ok)] {
        if (!job->succeeded())
            return apiError(job->error());
        ok(job);
    });
    job->start();
}

// --- definitions ------------------------------------------------------------

bool CommandLine::addPaging(QUrlQuery *query)
{
    std::optional<qint64> limit, offset;
    QString problem;
    if (!parseCount(m_parser, QStringLiteral("limit"), &limit, &problem)
        || !parseCount(m_parser, QStringLiteral("offset"), &offset, &problem)) {
        usageError(problem);
        return false;
    }
    if (limit)
        query->addQueryItem(QStringLiteral("limit"), QString::number(*limit));
    if (offset)
        query->addQueryItem(QStringLiteral("offset"), QString::number(*offset));
    return true;
}

void CommandLine::listDefinitions()
{
    QUrlQuery query;
    if (m_parser.isSet(QStringLiteral("group")))
        query.addQueryItem(QStringLiteral("group_name"), m_parser.value(QStringLiteral("group")));
    if (m_parser.isSet(QStringLiteral("alias")))
        query.addQueryItem(QStringLiteral("alias"), m_parser.value(QStringLiteral("alias")));
    if (!addPaging(&query))
        return;
    whenDone<ResultJob<DefinitionList>>(m_client->listDefinitions(query), [this](ResultJob<DefinitionList> *job) {
        const DefinitionList &list = job->result();
        if (m_json) {
            printJsonArray(list.definitions);
        } else {
            QList<QStringList> rows;
            for (const Definition &d : list.definitions)
                rows.append({d.definitionId, d.alias, d.groupName, d.image, optional(d.memory), d.command});
            printTable({QStringLiteral("ID"), QStringLiteral("ALIAS"), QStringLiteral("GROUP"), QStringLiteral("IMAGE"),
                        QStringLiteral("MEMORY"), QStringLiteral("COMMAND")},
                       rows);
        }
        done();
    });
}

void CommandLine::fetchDefinition(const QString &key, std::function<void(const Definition &)> found)
{
    auto *job = m_client->definition(key);
    connect(job, &ApiJob::finished, this, [this, job, key, found] {
        if (job->succeeded())
            return found(job->result());
        if (job->error().httpStatus() != 404)
            return apiError(job->error());
        whenDone<ResultJob<Definition>>(m_client->definitionByAlias(key),
                                        [found](ResultJob<Definition> *byAlias) { found(byAlias->result()); });
    });
    job->start();
}

void CommandLine::showDefinition()
{
    fetchDefinition(m_positional.constFirst(), [this](const Definition &definition) {
        printDefinition(definition);
        done();
    });
}

void CommandLine::updateDefinition()
{
    DefinitionPatch patch;
    const auto text = [this](const char *name, std::optional<QString> *field) {
        if (m_parser.isSet(QLatin1String(name)))
            *field = m_parser.value(QLatin1String(name));
    };
    text("alias", &patch.alias);
    text("image", &patch.image);
    text("command", &patch.command);
    text("group", &patch.groupName);
    QString problem;
    if (!parseCount(m_parser, QStringLiteral("memory"), &patch.memory, &problem))
        return usageError(problem);
    if (m_parser.isSet(QStringLiteral("env")) || m_parser.isSet(QStringLiteral("clear-env"))) {
        EnvList env;
        if (!parseEnv(m_parser.values(QStringLiteral("env")), &env, &problem))
            return usageError(problem);
        patch.env = env;
    }
    if (m_parser.isSet(QStringLiteral("tag")) || m_parser.isSet(QStringLiteral("clear-tags")))
        patch.tags = m_parser.values(QStringLiteral("tag"));
    if (!patch.alias && !patch.image && !patch.command && !patch.groupName && !patch.memory && !patch.env && !patch.tags)
        return usageError(QStringLiteral("update needs at least one change, e.g. --image I; see flotilla help update"));
    fetchDefinition(m_positional.constFirst(), [this, patch](const Definition &current) {
        Definition changed = current;
        patch.applyTo(changed);
        whenDone<ResultJob<Definition>>(m_client->updateDefinition(changed), [this](ResultJob<Definition> *job) {
            printDefinition(job->result());
            done();
        });
    });
}

void CommandLine::createDefinition()
{
    Definition definition;
    QStringList missing;
    for (const char *name : {"alias", "image", "command"}) {
        if (!m_parser.isSet(QLatin1String(name)))
            missing << QStringLiteral("--") + QLatin1String(name);
    }
    if (!missing.isEmpty())
        return usageError(
            QStringLiteral("create needs %1; see flotilla help create").arg(missing.join(QStringLiteral(", "))));
    definition.alias = m_parser.value(QStringLiteral("alias"));
    definition.image = m_parser.value(QStringLiteral("image"));
    definition.command = m_parser.value(QStringLiteral("command"));
    definition.groupName = m_parser.value(QStringLiteral("group"));
    definition.tags = m_parser.values(QStringLiteral("tag"));
    QString problem;
    if (!parseCount(m_parser, QStringLiteral("memory"), &definition.memory, &problem)
        || !parseEnv(m_parser.values(QStringLiteral("env")), &definition.env, &problem))
        return usageError(problem);
    whenDone<ResultJob<Definition>>(m_client->createDefinition(definition), [this](ResultJob<Definition> *job) {
        printDefinition(job->result());
        done();
    });
}

void CommandLine::deleteDefinition()
{
    const QString id = m_positional.constFirst();
    whenDone<ResultJob<bool>>(m_client->deleteDefinition(id), [this, id](ResultJob<bool> *) {
        if (m_json)
            printJson(Json{{"deleted", true}, {"definition_id", toUtf8(id)}});
        else
            out(QStringLiteral("deleted %1\n").arg(id));
        done();
    });
}

// --- runs ---------------------------------------------------------------------

void CommandLine::launch()
{
    LaunchRequest request;
    QString problem;
    if (!parseEnv(m_parser.values(QStringLiteral("env")), &request.env, &problem))
        return usageError(problem);
    if (m_parser.isSet(QStringLiteral("cluster")))
        request.cluster = m_parser.value(QStringLiteral("cluster"));
    request.ownerId = m_parser.value(QStringLiteral("owner"));
    if (request.ownerId.isEmpty()) {
        request.ownerId = loginName();
        if (request.ownerId.isEmpty())
            return usageError(QStringLiteral("launch needs --owner ID: the login user name is unknown here"));
    }
    const QString key = m_positional.constFirst();
    const auto launched = [this](ResultJob<Run> *job) {
        if (!m_parser.isSet(QStringLiteral("follow"))) {
            printRun(job->result());
            return done();
        }
        err(QStringLiteral("flotilla: launched run %1\n").arg(job->result().runId));
        follow(job->result().runId);
    };
    auto *job = m_client->launch(key, request);
    connect(job, &ApiJob::finished, this, [this, job, key, request, launched] {
        if (job->succeeded())
            return launched(job);
        if (job->error().httpStatus() != 404)
            return apiError(job->error());
        whenDone<ResultJob<Run>>(m_client->launchByAlias(key, request), launched);
    });
    job->start();
}

void CommandLine::follow(const QString &runId)
{
    m_tailer = new LogTailer(m_client, runId, this);
    connect(m_tailer, &LogTailer::appended, this, [this](const QString &text) { out(text); });
    connect(m_tailer, &LogTailer::errorOccurred, this, [this](const ApiError &error) {
        if (!m_tailer->isActive())
            return apiError(error);
        err(QStringLiteral("flotilla: %1 (trying again)\n").arg(error.sentence()));
    });
    connect(m_tailer, &LogTailer::finished, this, [this, runId] {
        whenDone<ResultJob<Run>>(m_client->run(runId),
                                 [this](ResultJob<Run> *job) { finishWithRunExit(job->result()); });
    });
    m_tailer->start();
}

void CommandLine::finishWithRunExit(const Run &run)
{
    if (!run.exitCode) {
        err(QStringLiteral("flotilla: run %1 ended without an exit code%2\n")
                .arg(run.runId, run.exitReason.isEmpty() ? QString() : QStringLiteral(": ") + run.exitReason));
        return done(1);
    }
    const qint64 code = *run.exitCode;
    done(code >= 0 && code <= 255 ? int(code) : 1);
}

void CommandLine::listRuns()
{
    QUrlQuery query;
    for (const QString &status : m_parser.values(QStringLiteral("status"))) {
        const std::optional<RunStatus> known = runStatusFromName(status.toUpper());
        if (!known)
            return usageError(QStringLiteral("--status takes one of %1; got \"%2\"")
                                  .arg(runStatusNames().join(QStringLiteral(", ")), status));
        query.addQueryItem(QStringLiteral("status"), runStatusName(*known));
    }
    if (!addPaging(&query))
        return;
    whenDone<ResultJob<RunList>>(m_client->listRuns(query, m_parser.value(QStringLiteral("definition"))),
                                 [this](ResultJob<RunList> *job) {
                                     const RunList &list = job->result();
                                     if (m_json) {
                                         printJsonArray(list.history);
                                     } else {
                                         QList<QStringList> rows;
                                         for (const Run &r : list.history)
                                             rows.append({r.runId, r.alias, runStatusName(r.status),
                                                          optional(r.exitCode), r.cluster, r.user,
                                                          timeText(r.queuedAt)});
                                         printTable({QStringLiteral("RUN ID"), QStringLiteral("ALIAS"),
                                                     QStringLiteral("STATUS"), QStringLiteral("EXIT"),
                                                     QStringLiteral("CLUSTER"), QStringLiteral("USER"),
                                                     QStringLiteral("QUEUED")},
                                                    rows);
                                     }
                                     done();
                                 });
}

void CommandLine::showRun()
{
    whenDone<ResultJob<Run>>(m_client->run(m_positional.constFirst()), [this](ResultJob<Run> *job) {
        printRun(job->result());
        done();
    });
}

void CommandLine::logs()
{
    const QString runId = m_positional.constFirst();
    if (m_parser.isSet(QStringLiteral("follow")))
        return follow(runId);
    whenDone<ResultJob<QByteArray>>(m_client->rawLog(runId), [this](ResultJob<QByteArray> *job) {
        if (m_json)
            printJson(Json{{"log", job->result().toStdString()}});
        else
            out(QString::fromUtf8(job->result()));
        done();
    });
}

void CommandLine::stopRun()
{
    whenDone<ResultJob<Run>>(m_client->run(m_positional.constFirst()), [this](ResultJob<Run> *job) {
        const Run run = job->result();
        whenDone<ResultJob<Termination>>(m_client->terminate(run.definitionId, run.runId),
                                         [this, run](ResultJob<Termination> *) {
                                             if (m_json)
                                                 printJson(Json{{"terminated", true}, {"run_id", toUtf8(run.runId)}});
                                             else
                                                 out(QStringLiteral("stopped %1\n").arg(run.runId));
                                             done();
                                         });
    });
}

void CommandLine::names(const QString &which)
{
    const auto print = [this](const QStringList &names) {
        if (m_json) {
            Json array = Json::array();
            for (const QString &name : names)
                array.push_back(toUtf8(name));
            printJson(array);
        } else {
            for (const QString &name : names)
                out(name + u'\n');
        }
        done();
    };
    if (which == u"clusters") {
        whenDone<ResultJob<ClustersList>>(m_client->clusters(),
                                          [print](ResultJob<ClustersList> *job) { print(job->result().clusters); });
        return;
    }
    auto *job = which == u"groups" ? m_client->groups() : m_client->tags();
    whenDone<ResultJob<NameList>>(job, [print](ResultJob<NameList> *named) { print(named->result().names); });
}

// --- output -------------------------------------------------------------------

void CommandLine::printDefinition(const Definition &d)
{
    if (m_json)
        return printJson(d.toJson());
    printFields({{QStringLiteral("ID"), d.definitionId},
                 {QStringLiteral("Alias"), d.alias},
                 {QStringLiteral("Group"), d.groupName},
                 {QStringLiteral("Image"), d.image},
                 {QStringLiteral("Command"), d.command},
                 {QStringLiteral("Memory"), optional(d.memory)},
                 {QStringLiteral("CPU"), optional(d.cpu)},
                 {QStringLiteral("Env"), envText(d.env)},
                 {QStringLiteral("Tags"), d.tags.join(QStringLiteral(", "))}});
}

void CommandLine::printRun(const Run &r)
{
    if (m_json)
        return printJson(r.toJson());
    printFields({{QStringLiteral("Run ID"), r.runId},
                 {QStringLiteral("Definition"), r.definitionId},
                 {QStringLiteral("Alias"), r.alias},
                 {QStringLiteral("Status"), runStatusName(r.status)},
                 {QStringLiteral("Exit code"), optional(r.exitCode)},
                 {QStringLiteral("Exit reason"), r.exitReason},
                 {QStringLiteral("Cluster"), r.cluster},
                 {QStringLiteral("User"), r.user},
                 {QStringLiteral("Image"), r.image},
                 {QStringLiteral("Command"), r.command},
                 {QStringLiteral("Env"), envText(r.env)},
                 {QStringLiteral("Queued"), timeText(r.queuedAt)},
                 {QStringLiteral("Started"), timeText(r.startedAt)},
                 {QStringLiteral("Finished"), timeText(r.finishedAt)}});
}

void CommandLine::printJson(const Json &json)
{
    out(toQString(json.dump(2)) + u'\n');
}

void CommandLine::printTable(const QStringList &headers, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QString &header : headers)
        widths.append(header.size());
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row[i].simplified().size());
    }
    const auto line = [&widths](const QStringList &cells) {
        QString text;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            const QString cell = cells[i].simplified();
            text += i + 1 < cells.size() ? cell.leftJustified(widths[i] + 2) : cell;
        }
        return text + u'\n';
    };
    QString text = line(headers);
    for (const QStringList &row : rows)
        text += line(row);
    out(text);
}

void CommandLine::printFields(const QList<std::pair<QString, QString>> &fields)
{
    qsizetype width = 0;
    for (const auto &field : fields)
        width = std::max(width, field.first.size());
    QString text;
    for (const auto &field : fields)
        text += (field.first + u':').leftJustified(width + 2) + field.second + u'\n';
    out(text);
}

void CommandLine::out(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void CommandLine::err(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

void CommandLine::usageError(const QString &message)
{
    err(QStringLiteral("flotilla: %1\n").arg(message));
    done(2);
}

void CommandLine::apiError(const ApiError &error)
{
    err(QStringLiteral("flotilla: %1\n").arg(error.sentence()));
    done(1);
}

void CommandLine::done(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    m_exitCode = exitCode;
    if (m_tailer)
        m_tailer->stop();
    Q_EMIT finished(exitCode);
}

} // namespace Flotilla
