#pragma once

#include "serverprofile.h"

#include <QByteArray>
#include <QStringList>

#include <memory>
#include <optional>

class QSettings;

namespace Flotilla {

// Something to launch again: a definition or a template, by id, with the
// name people know it by.
struct LaunchItem
{
    enum class Kind { Definition, Template };
    Kind kind = Kind::Definition;
    QString id;
    QString label;

    bool operator==(const LaunchItem &) const = default;
};

// Every key of the settings file, in one place. The desktop app, `flotilla`
// and flotilla-local share the file (~/.config/flotilla/flotilla.conf by
// default); nothing secret goes in it (see SecretJob).
class Settings final
{
    Q_DISABLE_COPY_MOVE(Settings)

public:
    Settings();                                 // the user's settings file
    explicit Settings(const QString &fileName); // an INI file elsewhere
    ~Settings();

    QString fileName() const;
    // Writes pending changes out and keeps the file the user's own (it names
    // servers and owners).
    void sync();

    // The stored server profiles ("local" is built in and never stored).
    QStringList profileNames() const;
    std::optional<ServerProfile> storedProfile(const QString &name) const;
    void storeProfile(const ServerProfile &profile);
    void removeProfile(const QString &name);
    QString defaultProfileName() const; // empty: none chosen
    void setDefaultProfileName(const QString &name);

    // What the launch dialog remembers per profile; empty optional: never launched.
    std::optional<QString> lastLaunchCluster(const QString &profileName) const;
    std::optional<QString> lastLaunchOwnerId(const QString &profileName) const;
    void setLastLaunch(const QString &profileName, const QString &cluster, const QString &ownerId);

    // What is watched per profile (WatchList keeps them): run ids and definition ids.
    QStringList watchedProfiles() const; // those with watches stored
    QStringList watchedRuns(const QString &profileName) const;
    void setWatchedRuns(const QString &profileName, const QStringList &runIds);
    QStringList watchedDefinitions(const QString &profileName) const;
    void setWatchedDefinitions(const QString &profileName, const QStringList &definitionIds);

    // What was launched lately per profile, newest first (the tray's Launch menu).
    QList<LaunchItem> recentLaunches(const QString &profileName) const;
    // Puts `item` first, once, and keeps the newest maxRecentLaunches.
    void addRecentLaunch(const QString &profileName, const LaunchItem &item);
    static constexpr int maxRecentLaunches = 5;

    // Notifications and the tray.
    bool notifyWatchedRuns() const; // default on
    void setNotifyWatchedRuns(bool on);
    bool failuresStayUntilDismissed() const; // default off
    void setFailuresStayUntilDismissed(bool on);
    bool keepRunningInTray() const; // while runs are active; default on
    void setKeepRunningInTray(bool on);
    bool trayNoticeShown() const; // "Flotilla keeps running in the tray" was said once
    void setTrayNoticeShown(bool shown);

    // The starred definitions and templates of a profile, by id, oldest star
    // first. Their pages list them first; the tray offers them to launch.
    QStringList starredDefinitions(const QString &profileName) const;
    QStringList starredTemplates(const QString &profileName) const;
    // Stars or unstars `item` (by kind and id); its label is kept for the tray.
    void setStarred(const QString &profileName, const LaunchItem &item, bool starred);
    // Definitions first, then templates, each oldest star first; a star of an
    // older version, kept without a label, shows its id.
    QList<LaunchItem> starredLaunchItems(const QString &profileName) const;

    // How often the runs page reloads, in seconds; 0: automatically.
    int runsRefreshSeconds() const;
    void setRunsRefreshSeconds(int seconds);

    // Saved geometry and layout of the windows (QWidget::saveGeometry and friends).
    enum class Layout {
        MainWindowGeometry,
        MainWindowState,
        DefinitionsSplitter,
        DefinitionsHeader,
        RunsHeader,
        RunViewGeometry,
    };
    QByteArray layout(Layout which) const;
    void setLayout(Layout which, const QByteArray &state);
    int currentPage() const;
    void setCurrentPage(int page);

private:
    QStringList starred(const QString &profileName, const char *kind) const;

    std::unique_ptr<QSettings> m_settings;
};

} // namespace Flotilla
