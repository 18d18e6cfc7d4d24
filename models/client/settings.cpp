#include "settings.h"

#include <QFile>
#include <QSettings>

namespace Flotilla {

namespace {

const QString profilesGroup = QStringLiteral("profiles");
const QString defaultProfileKey = QStringLiteral("defaultProfile");
const QString runsRefreshKey = QStringLiteral("refresh/runsSeconds");
const QString currentPageKey = QStringLiteral("navigation/page");
const QString notifyWatchedKey = QStringLiteral("notifications/watchedRuns");
const QString failuresStayKey = QStringLiteral("notifications/failuresStay");
const QString keepInTrayKey = QStringLiteral("tray/keepRunning");
const QString trayNoticeKey = QStringLiteral("tray/noticeShown");

QString profileKey(const QString &name, const char *field)
{
    return profilesGroup + u'/' + name + u'/' + QLatin1String(field);
}

QString launchKey(const QString &profileName, const char *field)
{
    return QStringLiteral("launch/") + profileName + u'/' + QLatin1String(field);
}

QString starredKey(const QString &profileName, const char *kind)
{
    return QStringLiteral("starred/") + profileName + u'/' + QLatin1String(kind);
}

const char *starredKind(LaunchItem::Kind kind)
{
    return kind == LaunchItem::Kind::Template ? "templates" : "definitions";
}

QString starLabelKey(const QString &profileName, const LaunchItem &item)
{
    return starredKey(profileName, starredKind(item.kind)) + QStringLiteral("Labels/") + item.id;
}

QString layoutKey(Settings::Layout which)
{
    switch (which) {
    case Settings::Layout::MainWindowGeometry: return QStringLiteral("mainWindow/geometry");
    case Settings::Layout::MainWindowState: return QStringLiteral("mainWindow/state");
    case Settings::Layout::DefinitionsSplitter: return QStringLiteral("definitions/splitter");
    case Settings::Layout::DefinitionsHeader: return QStringLiteral("definitions/header");
    case Settings::Layout::RunsHeader: return QStringLiteral("runs/header");
    case Settings::Layout::RunViewGeometry: return QStringLiteral("runView/geometry");
    }
    Q_UNREACHABLE();
}

QString watchKey(const QString &profileName, const char *field)
{
    return QStringLiteral("watch/") + profileName + u'/' + QLatin1String(field);
}

QString recentLaunchesKey(const QString &profileName)
{
    return QStringLiteral("launch/") + profileName + QStringLiteral("/recent");
}

// A launch item as one string: "definition|template" TAB id TAB label.
QString launchItemText(const LaunchItem &item)
{
    const QString kind = item.kind == LaunchItem::Kind::Template ? QStringLiteral("template")
                                                                 : QStringLiteral("definition");
    return QStringList{kind, item.id, item.label}.join(u'\t');
}

std::optional<LaunchItem> launchItemFromText(const QString &text)
{
    const QStringList parts = text.split(u'\t');
    if (parts.size() != 3 || parts.at(1).isEmpty())
        return std::nullopt;
    if (parts.at(0) != u"definition" && parts.at(0) != u"template")
        return std::nullopt;
    return LaunchItem{parts.at(0) == u"template" ? LaunchItem::Kind::Template : LaunchItem::Kind::Definition,
                      parts.at(1), parts.at(2)};
}

std::optional<QString> optionalString(const QSettings &settings, const QString &key)
{
    return settings.contains(key) ? std::optional(settings.value(key).toString()) : std::nullopt;
}

} // namespace

Settings::Settings()
    : m_settings(std::make_unique<QSettings>(QStringLiteral("flotilla"), QStringLiteral("flotilla")))
{}

Settings::Settings(const QString &fileName)
    : m_settings(std::make_unique<QSettings>(fileName, QSettings::IniFormat))
{}

Settings::~Settings() = default;

QString Settings::fileName() const
{
    return m_settings->fileName();
}

void Settings::sync()
{
    m_settings->sync();
    QFile::setPermissions(m_settings->fileName(), QFile::ReadOwner | QFile::WriteOwner);
}

QStringList Settings::profileNames() const
{
    m_settings->beginGroup(profilesGroup);
    const QStringList names = m_settings->childGroups();
    m_settings->endGroup();
    return names;
}

std::optional<ServerProfile> Settings::storedProfile(const QString &name) const
{
    if (!m_settings->contains(profileKey(name, "url")))
        return std::nullopt;
    ServerProfile profile;
    profile.name = name;
    profile.baseUrl = QUrl(m_settings->value(profileKey(name, "url")).toString());
    profile.flavour = serverFlavourFromName(m_settings->value(profileKey(name, "flavour")).toString())
                          .value_or(ServerFlavour::Auto);
    profile.ownerId = m_settings->value(profileKey(name, "ownerId")).toString();
    profile.defaultCluster = m_settings->value(profileKey(name, "defaultCluster")).toString();
    profile.hasSecrets = m_settings->value(profileKey(name, "hasSecrets")).toBool();
    profile.webUi = QUrl(m_settings->value(profileKey(name, "webUi")).toString());
    return profile;
}

void Settings::storeProfile(const ServerProfile &profile)
{
    m_settings->setValue(profileKey(profile.name, "url"), profile.baseUrl.toString());
    m_settings->setValue(profileKey(profile.name, "flavour"), serverFlavourName(profile.flavour));
    m_settings->setValue(profileKey(profile.name, "ownerId"), profile.ownerId);
    m_settings->setValue(profileKey(profile.name, "defaultCluster"), profile.defaultCluster);
    m_settings->setValue(profileKey(profile.name, "hasSecrets"), profile.hasSecrets);
    m_settings->setValue(profileKey(profile.name, "webUi"), profile.webUi.toString());
}

void Settings::removeProfile(const QString &name)
{
    m_settings->remove(profilesGroup + u'/' + name);
    m_settings->remove(QStringLiteral("starred/") + name);
    if (defaultProfileName() == name)
        m_settings->remove(defaultProfileKey);
}

QString Settings::defaultProfileName() const
{
    return m_settings->value(defaultProfileKey).toString();
}

void Settings::setDefaultProfileName(const QString &name)
{
    m_settings->setValue(defaultProfileKey, name);
}

std::optional<QString> Settings::lastLaunchCluster(const QString &profileName) const
{
    return optionalString(*m_settings, launchKey(profileName, "cluster"));
}

std::optional<QString> Settings::lastLaunchOwnerId(const QString &profileName) const
{
    return optionalString(*m_settings, launchKey(profileName, "ownerId"));
}

void Settings::setLastLaunch(const QString &profileName, const QString &cluster, const QString &ownerId)
{
    m_settings->setValue(launchKey(profileName, "cluster"), cluster);
    m_settings->setValue(launchKey(profileName, "ownerId"), ownerId);
}

QStringList Settings::watchedProfiles() const
{
    m_settings->beginGroup(QStringLiteral("watch"));
    const QStringList names = m_settings->childGroups();
    m_settings->endGroup();
    return names;
}

QStringList Settings::watchedRuns(const QString &profileName) const
{
    return m_settings->value(watchKey(profileName, "runs")).toStringList();
}

void Settings::setWatchedRuns(const QString &profileName, const QStringList &runIds)
{
    m_settings->setValue(watchKey(profileName, "runs"), runIds);
}

QStringList Settings::watchedDefinitions(const QString &profileName) const
{
    return m_settings->value(watchKey(profileName, "definitions")).toStringList();
}

void Settings::setWatchedDefinitions(const QString &profileName, const QStringList &definitionIds)
{
    m_settings->setValue(watchKey(profileName, "definitions"), definitionIds);
}

QList<LaunchItem> Settings::recentLaunches(const QString &profileName) const
{
    QList<LaunchItem> items;
    const QStringList texts = m_settings->value(recentLaunchesKey(profileName)).toStringList();
    for (const QString &text : texts) {
        // A hand-edited line that does not parse is skipped, not fatal.
        if (const std::optional<LaunchItem> item = launchItemFromText(text))
            items.append(*item);
    }
    return items;
}

void Settings::addRecentLaunch(const QString &profileName, const LaunchItem &item)
{
    QList<LaunchItem> items = recentLaunches(profileName);
    items.removeIf([&item](const LaunchItem &old) { return old.kind == item.kind && old.id == item.id; });
    items.prepend(item);
    QStringList texts;
    for (const LaunchItem &kept : std::as_const(items).first(std::min(int(items.size()), maxRecentLaunches)))
        texts.append(launchItemText(kept));
    m_settings->setValue(recentLaunchesKey(profileName), texts);
}

bool Settings::notifyWatchedRuns() const
{
    return m_settings->value(notifyWatchedKey, true).toBool();
}

void Settings::setNotifyWatchedRuns(bool on)
{
    m_settings->setValue(notifyWatchedKey, on);
}

bool Settings::failuresStayUntilDismissed() const
{
    return m_settings->value(failuresStayKey, false).toBool();
}

void Settings::setFailuresStayUntilDismissed(bool on)
{
    m_settings->setValue(failuresStayKey, on);
}

bool Settings::keepRunningInTray() const
{
    return m_settings->value(keepInTrayKey, true).toBool();
}

void Settings::setKeepRunningInTray(bool on)
{
    m_settings->setValue(keepInTrayKey, on);
}

bool Settings::trayNoticeShown() const
{
    return m_settings->value(trayNoticeKey, false).toBool();
}

void Settings::setTrayNoticeShown(bool shown)
{
    m_settings->setValue(trayNoticeKey, shown);
}

QStringList Settings::starred(const QString &profileName, const char *kind) const
{
    return m_settings->value(starredKey(profileName, kind)).toStringList();
}

void Settings::setStarred(const QString &profileName, const LaunchItem &item, bool starred)
{
    const char *kind = starredKind(item.kind);
    if (starred && !item.label.isEmpty())
        m_settings->setValue(starLabelKey(profileName, item), item.label);
    else if (!starred)
        m_settings->remove(starLabelKey(profileName, item));
    QStringList ids = this->starred(profileName, kind);
    if (ids.contains(item.id) == starred)
        return;
    if (starred)
        ids.append(item.id);
    else
        ids.removeAll(item.id);
    if (ids.isEmpty())
        m_settings->remove(starredKey(profileName, kind));
    else
        m_settings->setValue(starredKey(profileName, kind), ids);
}

QList<LaunchItem> Settings::starredLaunchItems(const QString &profileName) const
{
    QList<LaunchItem> items;
    for (const LaunchItem::Kind kind : {LaunchItem::Kind::Definition, LaunchItem::Kind::Template}) {
        for (const QString &id : starred(profileName, starredKind(kind))) {
            LaunchItem item{kind, id, {}};
            item.label = m_settings->value(starLabelKey(profileName, item), id).toString();
            items.append(item);
        }
    }
    return items;
}

QStringList Settings::starredDefinitions(const QString &profileName) const
{
    return starred(profileName, "definitions");
}

QStringList Settings::starredTemplates(const QString &profileName) const
{
    return starred(profileName, "templates");
}

int Settings::runsRefreshSeconds() const
{
    return std::max(m_settings->value(runsRefreshKey, 0).toInt(), 0);
}

void Settings::setRunsRefreshSeconds(int seconds)
{
    m_settings->setValue(runsRefreshKey, std::max(seconds, 0));
}

QByteArray Settings::layout(Layout which) const
{
    return m_settings->value(layoutKey(which)).toByteArray();
}

void Settings::setLayout(Layout which, const QByteArray &state)
{
    m_settings->setValue(layoutKey(which), state);
}

int Settings::currentPage() const
{
    return m_settings->value(currentPageKey, 0).toInt();
}

void Settings::setCurrentPage(int page)
{
    m_settings->setValue(currentPageKey, page);
}

} // namespace Flotilla
