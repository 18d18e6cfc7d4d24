#pragma once

#include "serverprofile.h"

#include <QList>

#include <memory>
#include <optional>

namespace Flotilla {

class Settings;

// The server profiles, kept in the settings file (Settings) and shared by the
// desktop app and the `flotilla` command line. Only what is not secret is
// stored there; see SecretJob for the rest.
// "local" always exists and is the default until another one is chosen.
class ProfileStore final
{
    Q_DISABLE_COPY_MOVE(ProfileStore)

public:
    ProfileStore(); // the user's settings file
    explicit ProfileStore(const QString &settingsFile);
    ~ProfileStore();

    QList<ServerProfile> profiles() const; // "local" first, then by name
    std::optional<ServerProfile> profile(const QString &name) const;
    // Adds or replaces; returns what to fix when the profile is invalid.
    QString save(const ServerProfile &profile);
    bool remove(const QString &name); // false: no such stored profile

    QString defaultProfileName() const;
    QString setDefaultProfileName(const QString &name); // returns what to fix
    QString fileName() const;

private:
    std::unique_ptr<Settings> m_settings;
};

} // namespace Flotilla
