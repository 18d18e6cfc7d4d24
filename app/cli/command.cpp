#include "command.h"

#include "invocation.h"

#include <QCommandLineParser>
#include <QFile>
#include <QUrlQuery>

#include <cstdio>

namespace Flotilla {

Command::Command(Description description)
    : m_description(std::move(description))
{}

Command::~Command() = default;

QCommandLineOption Command::option(const char *name, const char *description, const char *valueName)
{
    return QCommandLineOption(QLatin1String(name), QLatin1String(description),
                              valueName ? QLatin1String(valueName) : QString());
}

QList<QCommandLineOption> Command::globalOptions()
{
    return {
        option("server", "Base URL of the server, e.g. http://127.0.0.1:5000 (default: the default profile).", "URL"),
        option("profile", "Use the server profile NAME (see `flotilla profiles list`).", "NAME"),
        option("token-env",
               "Send the token in environment variable VAR as a bearer token "
               "(with profiles add: the token to keep in the keychain).",
               "VAR"),
        option("output", "table (default) or json.", "FORMAT"),
        option("timeout", "Seconds to wait for each answer of the server (default: 30); --follow tries again after.",
               "SECONDS"),
        QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show help.")),
        option("version", "Show the version."),
    };
}

QString Command::profileFromArguments(Invocation &) const
{
    return {};
}

QString Command::helpText() const
{
    QString text = QStringLiteral("Usage: flotilla [global options] %1%2%3\n\n%4\n")
                       .arg(name(), options().isEmpty() ? QString() : QStringLiteral(" [options]"),
                            arguments().isEmpty() ? QString() : u' ' + arguments(), description());
    if (!options().isEmpty()) {
        QCommandLineParser parser;
        parser.addOptions(options());
        const QString helpText = parser.helpText();
        text += u'\n' + helpText.mid(helpText.indexOf(QStringLiteral("Options:")));
    }
    return text;
}

bool Command::parseCount(Invocation &invocation, const QString &name, std::optional<qint64> *value)
{
    if (!invocation.isSet(name))
        return true;
    bool ok = false;
    const qint64 number = invocation.value(name).toLongLong(&ok);
    if (!ok || number < 0) {
        invocation.usageError(
            QStringLiteral("--%1 takes a whole number >= 0; got \"%2\"").arg(name, invocation.value(name)));
        return false;
    }
    *value = number;
    return true;
}

bool Command::parseEnv(Invocation &invocation, EnvList *env)
{
    for (const QString &entry : invocation.values(QStringLiteral("env"))) {
        const qsizetype equals = entry.indexOf(u'=');
        const QString name = entry.left(equals);
        const QString nameProblem = equals > 0 ? envNameProblem(name) : QString();
        if (equals <= 0 || !nameProblem.isEmpty()) {
            invocation.usageError(
                QStringLiteral("--env takes NAME=VALUE, e.g. --env GREETING=hello; got \"%1\"%2")
                    .arg(entry, nameProblem.isEmpty() ? QString() : QStringLiteral(" (") + nameProblem + u')'));
            return false;
        }
        env->append(EnvVar{name, entry.mid(equals + 1)});
    }
    return true;
}

QString Command::readFile(const QString &option, const QString &path, QByteArray *text)
{
    QFile file;
    const bool opened = path == u"-" ? file.open(stdin, QIODevice::ReadOnly)
                                     : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened)
        return QStringLiteral("cannot read --%1 %2: %3").arg(option, path, file.errorString());
    *text = file.readAll();
    return {};
}

bool Command::addPaging(Invocation &invocation, QUrlQuery *query)
{
    std::optional<qint64> limit, offset;
    if (!parseCount(invocation, QStringLiteral("limit"), &limit)
        || !parseCount(invocation, QStringLiteral("offset"), &offset))
        return false;
    if (limit)
        query->addQueryItem(QStringLiteral("limit"), QString::number(*limit));
    if (offset)
        query->addQueryItem(QStringLiteral("offset"), QString::number(*offset));
    return true;
}

QList<QCommandLineOption> Command::launchResourceOptions()
{
    return {option("memory", "Memory to ask for, in MB (default: the definition's).", "MB"),
            option("cpu", "CPU to ask for, in CPU units: 1024 is one core (default: the definition's).", "UNITS"),
            option("engine",
                   "Execution engine: eks or eks-spark on upstream; on flotilla-local the cluster's "
                   "kind (local, podman, docker), recorded.",
                   "E"),
            option("node-lifecycle", "Kind of node: ondemand or spot (upstream's EKS engine; recorded elsewhere).",
                   "L")};
}

bool Command::parseLaunchResources(Invocation &invocation, LaunchResources *resources)
{
    if (!parseCount(invocation, QStringLiteral("memory"), &resources->memory)
        || !parseCount(invocation, QStringLiteral("cpu"), &resources->cpu))
        return false;
    if (invocation.isSet(QStringLiteral("engine"))) {
        const QString engine = invocation.value(QStringLiteral("engine")).trimmed();
        if (engine.isEmpty()) {
            invocation.usageError(QStringLiteral("--engine takes an engine's name, e.g. --engine eks"));
            return false;
        }
        resources->placement.engine = engine;
    }
    if (invocation.isSet(QStringLiteral("node-lifecycle"))) {
        const QString lifecycle = invocation.value(QStringLiteral("node-lifecycle")).trimmed().toLower();
        if (lifecycle != u"ondemand" && lifecycle != u"spot") {
            invocation.usageError(QStringLiteral("--node-lifecycle takes ondemand or spot; got \"%1\"")
                                      .arg(invocation.value(QStringLiteral("node-lifecycle"))));
            return false;
        }
        resources->placement.nodeLifecycle = lifecycle;
    }
    return true;
}

} // namespace Flotilla
