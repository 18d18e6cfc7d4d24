#include "commandline.h"

#include <client/flavourdetectionjob.h>
#include <client/flotillaclient.h>
#include <client/logtailer.h>
#include <client/profilestore.h>
#include <client/secretjob.h>
#include <wire/localserver.h>

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>

#include <cstdio>
#include <sys/ioctl.h>
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
                              "(default: the default profile)."),
               QStringLiteral("URL")),
        option(QStringLiteral("profile"), QStringLiteral("Use the server profile NAME (see `flotilla profiles list`)."),
               QStringLiteral("NAME")),
        option(QStringLiteral("token-env"),
               QStringLiteral("Send the token in environment variable VAR as a bearer token "
                              "(with profiles add: the token to keep in the keychain)."),
               QStringLiteral("VAR")),
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

// The terminal's width: $COLUMNS when set, else the tty's; 0 when stdout is
// not a terminal (pipes get whole cells).
int terminalWidth()
{
    if (const int columns = qEnvironmentVariableIntValue("COLUMNS"); columns > 0)
        return columns;
    winsize size{};
    if (::isatty(STDOUT_FILENO) && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0)
        return size.ws_col;
    return 0;
}

// Narrows the widest columns until a row fits the terminal, keeping every
// column at least as wide as its header (or 8).
void fitToTerminal(QList<qsizetype> *widths, const QStringList &headers)
{
    const int available = terminalWidth();
    if (available <= 0 || widths->isEmpty())
        return;
    qsizetype total = 2 * (widths->size() - 1);
    for (qsizetype width : std::as_const(*widths))
        total += width;
    while (total > available) {
        qsizetype widest = -1;
        for (qsizetype i = 0; i < widths->size(); ++i) {
            const qsizetype floor = std::max<qsizetype>(headers.at(i).size(), 8);
            if (widths->at(i) > floor && (widest < 0 || widths->at(i) > widths->at(widest)))
                widest = i;
        }
        if (widest < 0)
            return; // as narrow as it gets; the terminal wraps the rest
        --(*widths)[widest];
        --total;
    }
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
    bool needsServer = true;
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
              o("cluster", "Only runs on cluster C.", "C"), o("alias", "Only runs of aliases containing TEXT.", "TEXT"),
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
        c.append({QStringLiteral("profiles"),
                  QStringLiteral("list | add NAME URL | remove NAME | default NAME"),
                  QStringLiteral("Manage server profiles. add keeps the token of --token-env and the headers of\n"
                                 "--header-env in the system keychain, never in the settings file."),
                  {o("flavour", "With add: auto (default), control-plane, upstream or seed-era.", "F"),
                   o("owner", "With add: owner id for launches (default: the login user name).", "ID"),
                   o("cluster", "With add: cluster for launches (default: the server's).", "C"),
                   o("header-env",
                     "With add: send header NAME with the value of environment variable VAR (repeatable).", "NAME=VAR"),
                   o("default", "With add: make it the default profile.")},
                  1,
                  3,
                  &CommandLine::profiles,
                  {},
                  false});
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

void CommandLine::start()
{
    run();
}

QString CommandLine::generalHelp() const
{
    QString text = QStringLiteral(
        "Usage: flotilla [--server URL | --profile NAME] [--token-env VAR] [--output table|json] "
        "COMMAND [ARGS]\n\n"
        "A client of the Flotilla API. With neither --server nor --profile it uses the default\n"
        "profile; out of the box that is \"local\", the local control plane (flotilla-local)\n"
        "serving the default data dir.\n\nCommands:\n");
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
    const QString output = globalOption(QStringLiteral("output")).value_or(QStringLiteral("table"));
    if (output != u"table" && output != u"json")
        return usageError(QStringLiteral("--output takes table or json; got \"%1\"").arg(output));
    m_json = output == u"json";
    if (!m_command->needsServer)
        return runCommand();
    if (setUpClient())
        connectToServer();
}

std::optional<QString> CommandLine::globalOption(const QString &name) const
{
    // Global options may come before the command or after it.
    if (m_parser.isSet(name))
        return m_parser.value(name);
    if (m_global.isSet(name))
        return m_global.value(name);
    return std::nullopt;
}

bool CommandLine::setUpClient()
{
    const auto value = [this](const QString &name) { return globalOption(name).value_or(QString()); };
    const auto isSet = [this](const QString &name) { return globalOption(name).has_value(); };

    if (isSet(QStringLiteral("server")) && isSet(QStringLiteral("profile"))) {
        usageError(QStringLiteral("give either --server or --profile, not both"));
        return false;
    }
    if (isSet(QStringLiteral("server"))) {
        m_profile.baseUrl = QUrl::fromUserInput(value(QStringLiteral("server")));
        if (!m_profile.baseUrl.isValid() || m_profile.baseUrl.host().isEmpty()) {
            usageError(QStringLiteral("--server takes a URL such as http://127.0.0.1:5000; got \"%1\"")
                           .arg(value(QStringLiteral("server"))));
            return false;
        }
    } else {
        const QString name = isSet(QStringLiteral("profile")) ? value(QStringLiteral("profile"))
                                                              : profileStore().defaultProfileName();
        const std::optional<ServerProfile> profile = profileStore().profile(name);
        if (!profile) {
            usageError(QStringLiteral("there is no profile \"%1\"; see flotilla profiles list").arg(name));
            return false;
        }
        m_profile = *profile;
    }
    QByteArray localToken;
    if (m_profile.isLocal()) {
        const QString dataDir = defaultDataDir();
        const std::optional<LocalServer> local = LocalServer::find(dataDir);
        if (!local) {
            err(QStringLiteral("flotilla: no local control plane is running for %1; start one with `flotilla-local`, "
                               "or name a server with --server URL or --profile NAME\n")
                    .arg(dataDir));
            done(1);
            return false;
        }
        m_profile.baseUrl = local->url;
        localToken = local->token;
    }
    m_client = new FlotillaClient(m_profile.baseUrl, m_profile.flavour, this);
    // The local server's own token, found beside its URL: nobody types it.
    if (!localToken.isEmpty())
        m_client->setBearerToken(QString::fromUtf8(localToken));
    if (isSet(QStringLiteral("token-env"))) {
        const QString variable = value(QStringLiteral("token-env"));
        m_tokenOverride = QProcessEnvironment::systemEnvironment().value(variable);
        if (m_tokenOverride.isEmpty()) {
            usageError(QStringLiteral("--token-env %1: the environment variable %1 is not set or empty").arg(variable));
            return false;
        }
    }
    return true;
}

void CommandLine::connectToServer()
{
    const auto settleFlavourThenRun = [this] {
        if (!m_tokenOverride.isEmpty())
            m_client->setBearerToken(m_tokenOverride);
        if (m_client->flavour() != ServerFlavour::Auto)
            return runCommand();
        whenDone<FlavourDetectionJob>(m_client->detectFlavour(), [this](FlavourDetectionJob *) { runCommand(); });
    };
    if (!m_profile.hasSecrets)
        return settleFlavourThenRun();
    auto *read = new SecretJob(SecretJob::Operation::Read, m_profile.name, this);
    connect(read, &SecretJob::finished, this, [this, settleFlavourThenRun](SecretJob *job) {
        if (!job->succeeded()) {
            err(QStringLiteral("flotilla: %1\n").arg(job->errorString()));
            return done(1);
        }
        job->secrets().applyTo(m_client);
        settleFlavourThenRun();
    });
    read->start();
}

ProfileStore &CommandLine::profileStore()
{
    if (!m_profileStore)
        m_profileStore = std::make_unique<ProfileStore>();
    return *m_profileStore;
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
    else
        request.cluster = m_profile.defaultCluster;
    request.ownerId = m_parser.isSet(QStringLiteral("owner")) ? m_parser.value(QStringLiteral("owner"))
                                                              : m_profile.launchOwnerId();
    if (request.ownerId.isEmpty())
        return usageError(QStringLiteral("launch needs --owner ID: the login user name is unknown here"));
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
    if (m_parser.isSet(QStringLiteral("cluster")))
        query.addQueryItem(QStringLiteral("cluster_name"), m_parser.value(QStringLiteral("cluster")));
    if (m_parser.isSet(QStringLiteral("alias")))
        query.addQueryItem(QStringLiteral("alias"), m_parser.value(QStringLiteral("alias")));
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

// --- profiles -----------------------------------------------------------------

void CommandLine::profiles()
{
    const QString action = m_positional.constFirst();
    struct Action
    {
        QString usage;
        int positional; // "profiles" included
        void (CommandLine::*handler)();
    };
    const QHash<QString, Action> actions = {
        {QStringLiteral("list"), {QStringLiteral("list"), 1, &CommandLine::listProfiles}},
        {QStringLiteral("add"), {QStringLiteral("add NAME URL [options]"), 3, &CommandLine::addProfile}},
        {QStringLiteral("remove"), {QStringLiteral("remove NAME"), 2, &CommandLine::removeProfile}},
        {QStringLiteral("default"), {QStringLiteral("default NAME"), 2, nullptr}},
    };
    const auto found = actions.constFind(action);
    if (found == actions.cend())
        return usageError(QStringLiteral("profiles takes list, add, remove or default; got \"%1\"").arg(action));
    if (m_positional.size() != found->positional)
        return usageError(QStringLiteral("usage: flotilla profiles %1; see flotilla help profiles").arg(found->usage));
    if (found->handler)
        return (this->*found->handler)();
    if (const QString problem = profileStore().setDefaultProfileName(m_positional.at(1)); !problem.isEmpty()) {
        err(QStringLiteral("flotilla: %1; see flotilla profiles list\n").arg(problem));
        return done(1);
    }
    done();
}

void CommandLine::listProfiles()
{
    const QString defaultName = profileStore().defaultProfileName();
    const QList<ServerProfile> profiles = profileStore().profiles();
    // The local control plane's URL is known only while it runs.
    const auto urlOf = [](const ServerProfile &profile) {
        if (!profile.isLocal())
            return profile.baseUrl.toString();
        const std::optional<LocalServer> local = LocalServer::find(defaultDataDir());
        return local ? local->url.toString() : QString();
    };
    if (m_json) {
        Json array = Json::array();
        for (const ServerProfile &profile : profiles) {
            array.push_back({{"name", profile.name.toStdString()},
                             {"url", urlOf(profile).toStdString()},
                             {"flavour", serverFlavourName(profile.flavour).toStdString()},
                             {"owner_id", profile.ownerId.toStdString()},
                             {"default_cluster", profile.defaultCluster.toStdString()},
                             {"has_secrets", profile.hasSecrets},
                             {"default", profile.name == defaultName}});
        }
        printJson(array);
        return done();
    }
    QList<QStringList> rows;
    for (const ServerProfile &profile : profiles) {
        const QString url = urlOf(profile);
        rows.append({profile.name == defaultName ? QStringLiteral("*") : QString(), profile.name,
                     url.isEmpty() ? QStringLiteral("(not running)") : url, serverFlavourName(profile.flavour),
                     profile.ownerId, profile.defaultCluster,
                     profile.hasSecrets ? QStringLiteral("keychain") : QString()});
    }
    printTable({QStringLiteral("DEFAULT"), QStringLiteral("NAME"), QStringLiteral("URL"), QStringLiteral("FLAVOUR"),
                QStringLiteral("OWNER"), QStringLiteral("CLUSTER"), QStringLiteral("SECRETS")},
               rows);
    done();
}

void CommandLine::addProfile()
{
    ServerProfile profile;
    profile.name = m_positional.at(1);
    profile.baseUrl = QUrl(m_positional.at(2));
    const QString flavour = m_parser.value(QStringLiteral("flavour"));
    if (m_parser.isSet(QStringLiteral("flavour"))) {
        const std::optional<ServerFlavour> known = serverFlavourFromName(flavour);
        if (!known)
            return usageError(
                QStringLiteral("--flavour takes auto, control-plane, upstream or seed-era; got \"%1\"").arg(flavour));
        profile.flavour = *known;
    }
    profile.ownerId = m_parser.value(QStringLiteral("owner"));
    profile.defaultCluster = m_parser.value(QStringLiteral("cluster"));
    if (const QString problem = profile.problem(); !problem.isEmpty())
        return usageError(problem);
    if (profileStore().profile(profile.name))
        return usageError(QStringLiteral("a profile \"%1\" exists already; remove it first").arg(profile.name));

    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const auto fromEnvironment = [&](const QString &option, const QString &variable, QString *value) {
        *value = environment.value(variable);
        if (value->isEmpty())
            usageError(QStringLiteral("--%1: the environment variable %2 is not set or empty").arg(option, variable));
        return !value->isEmpty();
    };
    ProfileSecrets secrets;
    const QString tokenVariable = globalOption(QStringLiteral("token-env")).value_or(QString());
    if (!tokenVariable.isEmpty() && !fromEnvironment(QStringLiteral("token-env"), tokenVariable, &secrets.bearerToken))
        return;
    for (const QString &entry : m_parser.values(QStringLiteral("header-env"))) {
        const qsizetype equals = entry.indexOf(u'=');
        const QByteArray name = entry.left(equals).toLatin1();
        static const QRegularExpression token(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
        if (equals <= 0 || !token.match(entry.left(equals)).hasMatch())
            return usageError(QStringLiteral("--header-env takes NAME=VAR with an HTTP header name, e.g. "
                                             "--header-env X-Auth=MY_AUTH_VAR; got \"%1\"")
                                  .arg(entry));
        QString value;
        if (!fromEnvironment(QStringLiteral("header-env"), entry.mid(equals + 1), &value))
            return;
        secrets.headers.append({name, value.toUtf8()});
    }

    const auto save = [this](const ServerProfile &profile) {
        if (const QString problem = profileStore().save(profile); !problem.isEmpty())
            return usageError(problem);
        if (m_parser.isSet(QStringLiteral("default")))
            profileStore().setDefaultProfileName(profile.name);
        err(QStringLiteral("flotilla: added profile %1%2\n")
                .arg(profile.name,
                     profile.hasSecrets ? QStringLiteral(" (secrets in the system keychain)") : QString()));
        done();
    };
    if (secrets.isEmpty())
        return save(profile);
    profile.hasSecrets = true;
    auto *write = new SecretJob(SecretJob::Operation::Write, profile.name, this);
    write->setSecrets(secrets);
    connect(write, &SecretJob::finished, this, [this, save, profile](SecretJob *job) {
        if (!job->succeeded()) {
            err(QStringLiteral("flotilla: %1 The profile was not added.\n").arg(job->errorString()));
            return done(1);
        }
        save(profile);
    });
    write->start();
}

void CommandLine::removeProfile()
{
    const QString name = m_positional.at(1);
    const std::optional<ServerProfile> profile = profileStore().profile(name);
    if (!profile || profile->isLocal()) {
        err(QStringLiteral("flotilla: %1\n")
                .arg(profile ? QStringLiteral("\"local\" is built in and cannot be removed")
                             : QStringLiteral("there is no profile \"%1\"; see flotilla profiles list").arg(name)));
        return done(1);
    }
    const auto forget = [this, name] {
        profileStore().remove(name);
        err(QStringLiteral("flotilla: removed profile %1\n").arg(name));
        done();
    };
    if (!profile->hasSecrets)
        return forget();
    auto *remove = new SecretJob(SecretJob::Operation::Remove, name, this);
    connect(remove, &SecretJob::finished, this, [this, forget](SecretJob *job) {
        // Keep the profile while its secrets are in the keychain, so they are never orphaned.
        if (!job->succeeded()) {
            err(QStringLiteral("flotilla: %1 The profile was kept.\n").arg(job->errorString()));
            return done(1);
        }
        forget();
    });
    remove->start();
}

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
    fitToTerminal(&widths, headers);
    const auto line = [&widths](const QStringList &cells) {
        QString text;
        for (qsizetype i = 0; i < cells.size(); ++i) {
            QString cell = cells[i].simplified();
            if (cell.size() > widths[i])
                cell = cell.left(widths[i] - 1) + u'\u2026';
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
