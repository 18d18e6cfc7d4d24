#pragma once

#include "serverprofile.h"

#include <QByteArray>
#include <QStringList>

#include <memory>
#include <optional>

class QSettings;

namespace Flotilla {

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

    // The starred definitions and templates of a profile, by id, oldest star
    // first. Their pages list them first; the tray offers them to launch.
    QStringList starredDefinitions(const QString &profileName) const;
    QStringList starredTemplates(const QString &profileName) const;
    void setDefinitionStarred(const QString &profileName, const QString &definitionId, bool starred);
    void setTemplateStarred(const QString &profileName, const QString &templateId, bool starred);

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
    void setStarred(const QString &profileName, const char *kind, const QString &id, bool starred);

    std::unique_ptr<QSettings> m_settings;
};

} // namespace Flotilla
