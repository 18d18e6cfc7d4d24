#include "serverprofile.h"

#include <pwd.h>
#include <unistd.h>

namespace Flotilla {

// $USER, else $LOGNAME, else the passwd entry of the real user.
static QString loginName()
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

QString ServerProfile::launchOwnerId() const
{
    return ownerId.isEmpty() ? loginName() : ownerId;
}

ServerProfile ServerProfile::local()
{
    ServerProfile profile;
    profile.name = localName.toString();
    profile.flavour = ServerFlavour::ControlPlane;
    return profile;
}

QString ServerProfile::nameProblem(const QString &name)
{
    if (name.isEmpty())
        return QStringLiteral("a profile name must not be empty");
    for (const QChar c : name) {
        // Names become QSettings groups and keychain keys: keep them plain.
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'-' && c != u'_' && c != u'.')
            return QStringLiteral("a profile name may contain only letters, digits, '-', '_' and '.'; got \"%1\"")
                .arg(name);
    }
    return {};
}

QString ServerProfile::problem() const
{
    if (const QString problem = nameProblem(name); !problem.isEmpty())
        return problem;
    if (!webUi.isEmpty() && !isHttpUrl(webUi))
        return QStringLiteral("the web UI address must be an http or https URL such as https://flotilla.example.com; "
                              "got \"%1\"")
            .arg(webUi.toString());
    if (isLocal())
        return {};
    if (!isHttpUrl(baseUrl))
        return QStringLiteral(
                   "the server URL must be an http or https URL such as https://flotilla.example.com; got \"%1\"")
            .arg(baseUrl.toString());
    return {};
}

bool ServerProfile::isHttpUrl(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty() && (url.scheme() == u"http" || url.scheme() == u"https");
}

} // namespace Flotilla
