#include "profilestore.h"

#include <QFile>

#include <algorithm>

namespace Flotilla {

namespace {

const QString profilesGroup = QStringLiteral("profiles");
const QString defaultKey = QStringLiteral("defaultProfile");

QString profileKey(const QString &name, const char *field)
{
    return profilesGroup + u'/' + name + u'/' + QLatin1String(field);
}

} // namespace

ProfileStore::ProfileStore()
    : m_settings(std::make_unique<QSettings>(QStringLiteral("flotilla"), QStringLiteral("flotilla")))
{}

ProfileStore::ProfileStore(const QString &settingsFile)
    : m_settings(std::make_unique<QSettings>(settingsFile, QSettings::IniFormat))
{}

QList<ServerProfile> ProfileStore::profiles() const
{
    QList<ServerProfile> list{ServerProfile::local()};
    m_settings->beginGroup(profilesGroup);
    QStringList names = m_settings->childGroups();
    m_settings->endGroup();
    std::sort(names.begin(), names.end());
    for (const QString &name : std::as_const(names)) {
        if (std::optional<ServerProfile> stored = profile(name); stored && !stored->isLocal())
            list.append(*stored);
    }
    return list;
}

std::optional<ServerProfile> ProfileStore::profile(const QString &name) const
{
    if (name == ServerProfile::localName)
        return ServerProfile::local();
    if (!ServerProfile::nameProblem(name).isEmpty() || !m_settings->contains(profileKey(name, "url")))
        return std::nullopt;
    ServerProfile profile;
    profile.name = name;
    profile.baseUrl = QUrl(m_settings->value(profileKey(name, "url")).toString());
    profile.flavour = serverFlavourFromName(m_settings->value(profileKey(name, "flavour")).toString())
                          .value_or(ServerFlavour::Auto);
    profile.ownerId = m_settings->value(profileKey(name, "ownerId")).toString();
    profile.defaultCluster = m_settings->value(profileKey(name, "defaultCluster")).toString();
    profile.hasSecrets = m_settings->value(profileKey(name, "hasSecrets")).toBool();
    return profile;
}

QString ProfileStore::save(const ServerProfile &profile)
{
    if (profile.isLocal())
        return QStringLiteral("\"local\" is the built-in profile of the local control plane; choose another name");
    if (const QString problem = profile.problem(); !problem.isEmpty())
        return problem;
    m_settings->setValue(profileKey(profile.name, "url"), profile.baseUrl.toString());
    m_settings->setValue(profileKey(profile.name, "flavour"), serverFlavourName(profile.flavour));
    m_settings->setValue(profileKey(profile.name, "ownerId"), profile.ownerId);
    m_settings->setValue(profileKey(profile.name, "defaultCluster"), profile.defaultCluster);
    m_settings->setValue(profileKey(profile.name, "hasSecrets"), profile.hasSecrets);
    m_settings->sync();
    // The file names servers and owners: keep it the user's own.
    QFile::setPermissions(m_settings->fileName(), QFile::ReadOwner | QFile::WriteOwner);
    return {};
}

bool ProfileStore::remove(const QString &name)
{
    if (name == ServerProfile::localName || !profile(name))
        return false;
    m_settings->remove(profilesGroup + u'/' + name);
    if (defaultProfileName() == name)
        m_settings->remove(defaultKey);
    m_settings->sync();
    return true;
}

QString ProfileStore::defaultProfileName() const
{
    const QString name = m_settings->value(defaultKey).toString();
    return profile(name) ? name : ServerProfile::localName.toString();
}

QString ProfileStore::setDefaultProfileName(const QString &name)
{
    if (!profile(name))
        return QStringLiteral("there is no profile \"%1\"").arg(name);
    m_settings->setValue(defaultKey, name);
    m_settings->sync();
    return {};
}

} // namespace Flotilla
