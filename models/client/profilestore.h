#pragma once

#include "serverprofile.h"

#include <QList>
#include <QSettings>

#include <memory>
#include <optional>

namespace Flotilla {

// The server profiles, kept in QSettings and shared by the desktop app and
// the `flotilla` command line (~/.config/flotilla/flotilla.conf by default).
// Only what is not secret is stored here; see SecretStore for the rest.
// "local" always exists and is the default until another one is chosen.
class ProfileStore final
{
    Q_DISABLE_COPY_MOVE(ProfileStore)

public:
    ProfileStore(); // the user's settings file
    explicit ProfileStore(const QString &settingsFile);

    QList<ServerProfile> profiles() const; // "local" first, then by name
    std::optional<ServerProfile> profile(const QString &name) const;
    // Adds or replaces; returns what to fix when the profile is invalid.
    QString save(const ServerProfile &profile);
    bool remove(const QString &name); // false: no such stored profile

    QString defaultProfileName() const;
    QString setDefaultProfileName(const QString &name); // returns what to fix
    QString fileName() const { return m_settings->fileName(); }

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace Flotilla
