#include "profilestore.h"

#include "settings.h"

#include <algorithm>

namespace Flotilla {

ProfileStore::ProfileStore()
    : m_settings(std::make_unique<Settings>())
{}

ProfileStore::ProfileStore(const QString &settingsFile)
    : m_settings(std::make_unique<Settings>(settingsFile))
{}

ProfileStore::~ProfileStore() = default;

QString ProfileStore::fileName() const
{
    return m_settings->fileName();
}

QList<ServerProfile> ProfileStore::profiles() const
{
    QList<ServerProfile> list{ServerProfile::local()};
    QStringList names = m_settings->profileNames();
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
    if (!ServerProfile::nameProblem(name).isEmpty())
        return std::nullopt;
    return m_settings->storedProfile(name);
}

QString ProfileStore::save(const ServerProfile &profile)
{
    if (profile.isLocal())
        return QStringLiteral("\"local\" is the built-in profile of the local control plane; choose another name");
    if (const QString problem = profile.problem(); !problem.isEmpty())
        return problem;
    m_settings->storeProfile(profile);
    m_settings->sync();
    return {};
}

bool ProfileStore::remove(const QString &name)
{
    if (name == ServerProfile::localName || !profile(name))
        return false;
    m_settings->removeProfile(name);
    m_settings->sync();
    return true;
}

QString ProfileStore::defaultProfileName() const
{
    const QString name = m_settings->defaultProfileName();
    return profile(name) ? name : ServerProfile::localName.toString();
}

QString ProfileStore::setDefaultProfileName(const QString &name)
{
    if (!profile(name))
        return QStringLiteral("there is no profile \"%1\"").arg(name);
    m_settings->setDefaultProfileName(name);
    m_settings->sync();
    return {};
}

} // namespace Flotilla
