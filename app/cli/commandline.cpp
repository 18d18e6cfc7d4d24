#include "commandline.h"

#include "comparecommand.h"
#include "completioncommand.h"
#include "definitioncommands.h"
#include "exportcommands.h"
#include "invocation.h"
#include "namecommands.h"
#include "opencommand.h"
#include "profilecommands.h"
#include "runcommands.h"
#include "statscommand.h"
#include "templatecommands.h"

#include <client/flavourdetectionjob.h>
#include <client/flotillaclient.h>
#include <client/profilestore.h>
#include <client/secretjob.h>
#include <wire/localserver.h>

#include <QCoreApplication>
#include <QProcessEnvironment>

#include <algorithm>

namespace Flotilla {

namespace {

// `flotilla help [COMMAND]`.
class HelpCommand final : public Command
{
public:
    HelpCommand()
        : Command({QStringLiteral("help"),
                   QStringLiteral("[COMMAND]"),
                   QStringLiteral("Show help, of one command or of all."),
                   {},
                   0,
                   1})
    {}

    bool needsServer() const override { return false; }

    void run(Invocation &invocation) const override
    {
        const QStringList &positional = invocation.positional();
        if (positional.isEmpty()) {
            invocation.output().out(CommandLine::generalHelp());
        } else if (const Command *command = CommandLine::findCommand(positional.constFirst())) {
            invocation.output().out(command->helpText());
        } else {
            return invocation.usageError(QStringLiteral("unknown command \"%1\"; see flotilla --help for the commands")
                                             .arg(positional.constFirst()));
        }
        invocation.done();
    }
};

} // namespace

const CommandList &CommandLine::commands()
{
    static const CommandList list = DefinitionCommands::commands() + RunCommands::commands()
                                    + TemplateCommands::commands() + NameCommands::commands()
                                    + CommandList{std::make_shared<StatsCommand>(),
                                                  std::make_shared<CompareCommand>(),
                                                  std::make_shared<ExportCommand>(),
                                                  std::make_shared<OpenCommand>(),
                                                  std::make_shared<ProfileCommands>(),
                                                  std::make_shared<CompletionCommand>(CompletionCommand::Action::Script),
                                                  std::make_shared<HelpCommand>()};
    return list;
}

const Command *CommandLine::findCommand(const QString &name)
{
    // The hidden ones serve the completion scripts, not people: not in the help.
    static const CommandList hidden = CompletionCommand::hiddenCommands();
    for (const CommandList *list : {&commands(), &hidden}) {
        for (const auto &command : *list) {
            if (command->name() == name)
                return command.get();
        }
    }
    return nullptr;
}

CommandLine::CommandLine(QStringList arguments, QObject *parent)
    : QObject(parent)
    , m_arguments(std::move(arguments))
    , m_invocation(new Invocation(Output(), this))
{
    connect(m_invocation, &Invocation::finished, this, &CommandLine::finished);
}

CommandLine::~CommandLine() = default;

bool CommandLine::isFinished() const
{
    return m_invocation->isFinished();
}

int CommandLine::exitCode() const
{
    return m_invocation->exitCode();
}

void CommandLine::start()
{
    run();
}

QString CommandLine::generalHelp()
{
    QString text = QStringLiteral(
        "Usage: flotilla [--server URL | --profile NAME] [--token-env VAR] [--output table|json] "
        "COMMAND [ARGS]\n\n"
        "A client of the Flotilla API. With neither --server nor --profile it uses the default\n"
        "profile; out of the box that is \"local\", the local control plane (flotilla-local)\n"
        "serving the default data dir.\n\nCommands:\n");
    qsizetype width = 0;
    for (const auto &command : commands())
        width = std::max(width, command->name().size());
    for (const auto &command : commands())
        text += QStringLiteral("  %1  %2\n").arg(command->name().leftJustified(width), command->description());
    text += QStringLiteral("\nGlobal options:\n");
    QCommandLineParser parser;
    parser.addOptions(Command::globalOptions());
    const QString helpText = parser.helpText();
    text += helpText.mid(helpText.indexOf(QStringLiteral("Options:")) + 9);
    text += QStringLiteral("\nExit codes: 0 success, 1 server or transport error, 2 usage error;\n"
                           "launch --follow and logs --follow exit with the run's exit code.\n"
                           "See `flotilla help COMMAND` for a command's options.\n");
    return text;
}

void CommandLine::run()
{
    Invocation &invocation = *m_invocation;
    Output &output = invocation.output();
    QCommandLineParser &global = invocation.globalParser();
    global.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    global.addOptions(Command::globalOptions());
    if (!global.parse(m_arguments))
        return invocation.usageError(global.errorText() + QStringLiteral("; see flotilla --help"));
    invocation.setGlobalParsed();
    if (global.isSet(QStringLiteral("version"))) {
        output.out(QStringLiteral("flotilla %1\n").arg(QCoreApplication::applicationVersion()));
        return invocation.done();
    }
    QStringList rest = global.positionalArguments();
    if (global.isSet(QStringLiteral("help")) || rest.isEmpty()) {
        if (rest.isEmpty() && !global.isSet(QStringLiteral("help"))) {
            output.err(generalHelp());
            return invocation.usageError(QStringLiteral("a COMMAND is missing"));
        }
        if (const Command *command = rest.isEmpty() ? nullptr : findCommand(rest.constFirst()))
            output.out(command->helpText());
        else
            output.out(generalHelp());
        return invocation.done();
    }
    const QString name = rest.takeFirst();
    m_command = findCommand(name);
    if (!m_command)
        return invocation.usageError(
            QStringLiteral("unknown command \"%1\"; see flotilla --help for the commands").arg(name));

    if (!invocation.parseCommand(*m_command, QStringList{m_arguments.value(0)} + rest))
        return invocation.usageError(invocation.parser().errorText() + QStringLiteral("; see flotilla help ")
                                     + m_command->name());
    // `help` needs neither a server nor an --output, and takes any --help.
    if (m_command->name() == u"help")
        return m_command->run(invocation);
    if (invocation.isSet(QStringLiteral("help"))) {
        output.out(m_command->helpText());
        return invocation.done();
    }
    const QStringList &positional = invocation.positional();
    if (positional.size() < m_command->minPositional())
        return invocation.usageError(
            QStringLiteral("%1 needs %2; see flotilla help %1").arg(m_command->name(), m_command->arguments()));
    if (positional.size() > m_command->maxPositional())
        return invocation.usageError(QStringLiteral("%1: unexpected argument \"%2\"; see flotilla help %1")
                                         .arg(m_command->name(), positional.value(m_command->maxPositional())));
    const QString format = invocation.globalOption(QStringLiteral("output")).value_or(QStringLiteral("table"));
    if (format != u"table" && format != u"json")
        return invocation.usageError(QStringLiteral("--output takes table or json; got \"%1\"").arg(format));
    output.setJson(format == u"json");
    if (!m_command->needsServer())
        return runCommand();
    if (setUpClient())
        connectToServer();
}

bool CommandLine::setUpClient()
{
    Invocation &invocation = *m_invocation;
    const auto value = [&invocation](const QString &name) { return invocation.globalOption(name).value_or(QString()); };
    const auto isSet = [&invocation](const QString &name) { return invocation.globalOption(name).has_value(); };

    if (isSet(QStringLiteral("server")) && isSet(QStringLiteral("profile"))) {
        invocation.usageError(QStringLiteral("give either --server or --profile, not both"));
        return false;
    }
    const QString linked = m_command->profileFromArguments(invocation);
    if (invocation.isFinished())
        return false;
    if (!linked.isEmpty() && (isSet(QStringLiteral("server")) || isSet(QStringLiteral("profile")))) {
        invocation.usageError(
            QStringLiteral("%1 names its server itself (profile \"%2\"); leave out --server and --profile")
                .arg(m_command->name(), linked));
        return false;
    }
    ServerProfile profile;
    if (isSet(QStringLiteral("server"))) {
        profile.baseUrl = QUrl::fromUserInput(value(QStringLiteral("server")));
        if (!profile.baseUrl.isValid() || profile.baseUrl.host().isEmpty()) {
            invocation.usageError(QStringLiteral("--server takes a URL such as http://127.0.0.1:5000; got \"%1\"")
                                      .arg(value(QStringLiteral("server"))));
            return false;
        }
    } else {
        const QString name = !linked.isEmpty()                  ? linked
                             : isSet(QStringLiteral("profile")) ? value(QStringLiteral("profile"))
                                                                : invocation.profileStore().defaultProfileName();
        const std::optional<ServerProfile> named = invocation.profileStore().profile(name);
        if (!named) {
            invocation.usageError(QStringLiteral("there is no profile \"%1\"; see flotilla profiles list").arg(name));
            return false;
        }
        profile = *named;
    }
    QByteArray localToken;
    if (profile.isLocal()) {
        const QString dataDir = invocation.dataDir();
        const std::optional<LocalServer> local = LocalServer::find(dataDir);
        if (!local) {
            invocation.output().err(
                QStringLiteral("flotilla: no local control plane is running for %1; start one with `flotilla-local`, "
                               "or name a server with --server URL or --profile NAME\n")
                    .arg(dataDir));
            invocation.done(1);
            return false;
        }
        profile.baseUrl = local->url;
        localToken = local->token;
    }
    std::optional<int> timeoutMs;
    if (isSet(QStringLiteral("timeout"))) {
        bool ok = false;
        const double seconds = value(QStringLiteral("timeout")).toDouble(&ok);
        if (!ok || !(seconds > 0) || seconds > 86400) {
            invocation.usageError(QStringLiteral("--timeout takes seconds, more than 0, such as 30 or 0.5; got \"%1\"")
                                      .arg(value(QStringLiteral("timeout"))));
            return false;
        }
        timeoutMs = std::max(1, int(seconds * 1000));
    }
    invocation.setProfile(profile);
    m_client = new FlotillaClient(profile.baseUrl, profile.flavour, this);
    invocation.setClient(m_client);
    if (timeoutMs)
        m_client->setTimeout(*timeoutMs);
    // The local server's own token, found beside its URL: nobody types it.
    if (!localToken.isEmpty())
        m_client->setBearerToken(QString::fromUtf8(localToken));
    if (isSet(QStringLiteral("token-env"))) {
        const QString variable = value(QStringLiteral("token-env"));
        m_tokenOverride = QProcessEnvironment::systemEnvironment().value(variable);
        if (m_tokenOverride.isEmpty()) {
            invocation.usageError(
                QStringLiteral("--token-env %1: the environment variable %1 is not set or empty").arg(variable));
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
        m_invocation->whenDone<FlavourDetectionJob>(m_client->detectFlavour(),
                                                    [this](FlavourDetectionJob *) { runCommand(); });
    };
    const ServerProfile &profile = m_invocation->profile();
    if (!profile.hasSecrets)
        return settleFlavourThenRun();
    auto *read = new SecretJob(SecretJob::Operation::Read, profile.name, this);
    connect(read, &SecretJob::finished, this, [this, settleFlavourThenRun](SecretJob *job) {
        if (!job->succeeded()) {
            m_invocation->output().err(QStringLiteral("flotilla: %1\n").arg(job->errorString()));
            return m_invocation->done(1);
        }
        job->secrets().applyTo(m_client);
        settleFlavourThenRun();
    });
    read->start();
}

void CommandLine::runCommand()
{
    m_command->run(*m_invocation);
}

} // namespace Flotilla
