#include "profilecommands.h"

#include "invocation.h"

#include <client/profilestore.h>
#include <client/secretjob.h>
#include <wire/localserver.h>

#include <QHash>
#include <QProcessEnvironment>
#include <QRegularExpression>

namespace Flotilla {

ProfileCommands::ProfileCommands()
    : Command(
        {QStringLiteral("profiles"),
         QStringLiteral("list | add NAME URL | set NAME | remove NAME | default NAME"),
         QStringLiteral("Manage server profiles. add keeps the token of --token-env and the headers of\n"
                        "--header-env in the system keychain, never in the settings file. set changes\n"
                        "the options given (--flavour, --owner, --cluster, --web-ui) of a profile."),
         {option("flavour", "With add or set: auto (default), control-plane, upstream or seed-era.", "F"),
          option("owner", "With add or set: owner id for launches (default: the login user name).", "ID"),
          option("cluster", "With add or set: cluster for launches (default: the server's).", "C"),
          option("web-ui",
                 "With add or set: address of the server's upstream web UI; copied links name its pages too "
                 "(\"\" for none).",
                 "URL"),
          option("header-env", "With add: send header NAME with the value of environment variable VAR (repeatable).",
                 "NAME=VAR"),
          option("default", "With add: make it the default profile.")},
         1,
         3})
{}

void ProfileCommands::run(Invocation &invocation) const
{
    const QString action = invocation.positional().constFirst();
    struct Action
    {
        QString usage;
        int positional; // "profiles" included
        void (*handler)(Invocation &);
    };
    const QHash<QString, Action> actions = {
        {QStringLiteral("list"), {QStringLiteral("list"), 1, &ProfileCommands::list}},
        {QStringLiteral("add"), {QStringLiteral("add NAME URL [options]"), 3, &ProfileCommands::add}},
        {QStringLiteral("set"), {QStringLiteral("set NAME [options]"), 2, &ProfileCommands::set}},
        {QStringLiteral("remove"), {QStringLiteral("remove NAME"), 2, &ProfileCommands::remove}},
        {QStringLiteral("default"), {QStringLiteral("default NAME"), 2, &ProfileCommands::makeDefault}},
    };
    const auto found = actions.constFind(action);
    if (found == actions.cend())
        return invocation.usageError(
            QStringLiteral("profiles takes list, add, set, remove or default; got \"%1\"").arg(action));
    if (invocation.positional().size() != found->positional)
        return invocation.usageError(
            QStringLiteral("usage: flotilla profiles %1; see flotilla help profiles").arg(found->usage));
    found->handler(invocation);
}

void ProfileCommands::makeDefault(Invocation &invocation)
{
    const QString problem = invocation.profileStore().setDefaultProfileName(invocation.positional().at(1));
    if (!problem.isEmpty()) {
        invocation.output().err(QStringLiteral("flotilla: %1; see flotilla profiles list\n").arg(problem));
        return invocation.done(1);
    }
    invocation.done();
}

void ProfileCommands::list(Invocation &invocation)
{
    const QString defaultName = invocation.profileStore().defaultProfileName();
    const QList<ServerProfile> profiles = invocation.profileStore().profiles();
    // The local control plane's URL is known only while it runs.
    const QString dataDir = invocation.dataDir();
    const auto urlOf = [&dataDir](const ServerProfile &profile) {
        if (!profile.isLocal())
            return profile.baseUrl.toString();
        const std::optional<LocalServer> local = LocalServer::find(dataDir);
        return local ? local->url.toString() : QString();
    };
    Output &output = invocation.output();
    if (output.isJson()) {
        Json array = Json::array();
        for (const ServerProfile &profile : profiles) {
            array.push_back({{"name", profile.name.toStdString()},
                             {"url", urlOf(profile).toStdString()},
                             {"flavour", serverFlavourName(profile.flavour).toStdString()},
                             {"owner_id", profile.ownerId.toStdString()},
                             {"default_cluster", profile.defaultCluster.toStdString()},
                             {"has_secrets", profile.hasSecrets},
                             {"web_ui", profile.webUi.toString().toStdString()},
                             {"default", profile.name == defaultName}});
        }
        output.printJson(array);
        return invocation.done();
    }
    QList<QStringList> rows;
    for (const ServerProfile &profile : profiles) {
        const QString url = urlOf(profile);
        rows.append({profile.name == defaultName ? QStringLiteral("*") : QString(), profile.name,
                     url.isEmpty() ? QStringLiteral("(not running)") : url, serverFlavourName(profile.flavour),
                     profile.ownerId, profile.defaultCluster,
                     profile.hasSecrets ? QStringLiteral("keychain") : QString(), profile.webUi.toString()});
    }
    output.printTable({QStringLiteral("DEFAULT"), QStringLiteral("NAME"), QStringLiteral("URL"),
                       QStringLiteral("FLAVOUR"), QStringLiteral("OWNER"), QStringLiteral("CLUSTER"),
                       QStringLiteral("SECRETS"), QStringLiteral("WEB UI")},
                      rows);
    invocation.done();
}

void ProfileCommands::add(Invocation &invocation)
{
    ServerProfile profile;
    profile.name = invocation.positional().at(1);
    profile.baseUrl = QUrl(invocation.positional().at(2));
    if (!applyOptions(invocation, &profile))
        return;
    if (invocation.profileStore().profile(profile.name))
        return invocation.usageError(
            QStringLiteral("a profile \"%1\" exists already; remove it first").arg(profile.name));

    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const auto fromEnvironment = [&](const QString &option, const QString &variable, QString *value) {
        *value = environment.value(variable);
        if (value->isEmpty())
            invocation.usageError(
                QStringLiteral("--%1: the environment variable %2 is not set or empty").arg(option, variable));
        return !value->isEmpty();
    };
    ProfileSecrets secrets;
    const QString tokenVariable = invocation.globalOption(QStringLiteral("token-env")).value_or(QString());
    if (!tokenVariable.isEmpty() && !fromEnvironment(QStringLiteral("token-env"), tokenVariable, &secrets.bearerToken))
        return;
    for (const QString &entry : invocation.values(QStringLiteral("header-env"))) {
        const qsizetype equals = entry.indexOf(u'=');
        const QByteArray name = entry.left(equals).toLatin1();
        static const QRegularExpression token(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
        if (equals <= 0 || !token.match(entry.left(equals)).hasMatch())
            return invocation.usageError(QStringLiteral("--header-env takes NAME=VAR with an HTTP header name, e.g. "
                                                        "--header-env X-Auth=MY_AUTH_VAR; got \"%1\"")
                                             .arg(entry));
        QString value;
        if (!fromEnvironment(QStringLiteral("header-env"), entry.mid(equals + 1), &value))
            return;
        secrets.headers.append({name, value.toUtf8()});
    }

    const auto save = [&invocation](const ServerProfile &profile) {
        if (const QString problem = invocation.profileStore().save(profile); !problem.isEmpty())
            return invocation.usageError(problem);
        if (invocation.isSet(QStringLiteral("default")))
            invocation.profileStore().setDefaultProfileName(profile.name);
        invocation.output().err(QStringLiteral("flotilla: added profile %1%2\n")
                                    .arg(profile.name, profile.hasSecrets
                                                           ? QStringLiteral(" (secrets in the system keychain)")
                                                           : QString()));
        invocation.done();
    };
    if (secrets.isEmpty())
        return save(profile);
    profile.hasSecrets = true;
    auto *write = new SecretJob(SecretJob::Operation::Write, profile.name, &invocation);
    write->setSecrets(secrets);
    QObject::connect(write, &SecretJob::finished, &invocation, [&invocation, save, profile](SecretJob *job) {
        if (!job->succeeded()) {
            invocation.output().err(QStringLiteral("flotilla: %1 The profile was not added.\n").arg(job->errorString()));
            return invocation.done(1);
        }
        save(profile);
    });
    write->start();
}

bool ProfileCommands::applyOptions(Invocation &invocation, ServerProfile *profile)
{
    const QString flavour = invocation.value(QStringLiteral("flavour"));
    if (invocation.isSet(QStringLiteral("flavour"))) {
        const std::optional<ServerFlavour> known = serverFlavourFromName(flavour);
        if (!known) {
            invocation.usageError(
                QStringLiteral("--flavour takes auto, control-plane, upstream or seed-era; got \"%1\"").arg(flavour));
            return false;
        }
        profile->flavour = *known;
    }
    if (invocation.isSet(QStringLiteral("owner")))
        profile->ownerId = invocation.value(QStringLiteral("owner"));
    if (invocation.isSet(QStringLiteral("cluster")))
        profile->defaultCluster = invocation.value(QStringLiteral("cluster"));
    if (invocation.isSet(QStringLiteral("web-ui")))
        profile->webUi = QUrl(invocation.value(QStringLiteral("web-ui")));
    if (const QString problem = profile->problem(); !problem.isEmpty()) {
        invocation.usageError(problem);
        return false;
    }
    return true;
}

void ProfileCommands::set(Invocation &invocation)
{
    const QString name = invocation.positional().at(1);
    std::optional<ServerProfile> profile = invocation.profileStore().profile(name);
    if (!profile || profile->isLocal()) {
        return invocation.usageError(
            profile ? QStringLiteral("\"local\" is built in and cannot be changed")
                    : QStringLiteral("there is no profile \"%1\"; see flotilla profiles list").arg(name));
    }
    if (!applyOptions(invocation, &*profile))
        return;
    if (const QString problem = invocation.profileStore().save(*profile); !problem.isEmpty())
        return invocation.usageError(problem);
    invocation.output().err(QStringLiteral("flotilla: updated profile %1\n").arg(name));
    invocation.done();
}

void ProfileCommands::remove(Invocation &invocation)
{
    const QString name = invocation.positional().at(1);
    const std::optional<ServerProfile> profile = invocation.profileStore().profile(name);
    if (!profile || profile->isLocal()) {
        invocation.output().err(
            QStringLiteral("flotilla: %1\n")
                .arg(profile ? QStringLiteral("\"local\" is built in and cannot be removed")
                             : QStringLiteral("there is no profile \"%1\"; see flotilla profiles list").arg(name)));
        return invocation.done(1);
    }
    const auto forget = [&invocation, name] {
        invocation.profileStore().remove(name);
        invocation.output().err(QStringLiteral("flotilla: removed profile %1\n").arg(name));
        invocation.done();
    };
    if (!profile->hasSecrets)
        return forget();
    auto *job = new SecretJob(SecretJob::Operation::Remove, name, &invocation);
    QObject::connect(job, &SecretJob::finished, &invocation, [&invocation, forget](SecretJob *removed) {
        // Keep the profile while its secrets are in the keychain, so they are never orphaned.
        if (!removed->succeeded()) {
            invocation.output().err(QStringLiteral("flotilla: %1 The profile was kept.\n").arg(removed->errorString()));
            return invocation.done(1);
        }
        forget();
    });
    job->start();
}

} // namespace Flotilla
