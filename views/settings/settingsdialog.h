#pragma once

#include <client/profilesecrets.h>
#include <client/secretjob.h>
#include <client/serverprofile.h>

#include <QDialog>

#include <functional>
#include <memory>

namespace Flotilla {

namespace Ui {
class SettingsDialog;
}

class FlotillaClient;
class ProfileStore;

// The application settings: the server profiles (kept by ProfileStore, their
// secrets in the system keychain through SecretJob) and the general options
// (Settings). Every change is applied at once; the dialog only has Close.
// The name of a stored profile is fixed: add a new profile to rename one.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(ProfileStore *store, QWidget *parent = nullptr);
    ~SettingsDialog() override;

Q_SIGNALS:
    // A profile was added, changed or removed, or the default changed.
    void profilesChanged();

private:
    void reloadProfiles(const QString &selectName);
    QString selectedName() const;
    void showSelectedProfile();
    void showProfile(const ServerProfile &profile, bool isNew);
    void startNewProfile();
    void saveProfile();
    void confirmRemoveProfile();
    void removeProfile(const ServerProfile &profile);
    void makeDefault();
    void testConnection();
    ServerProfile profileFromForm() const;
    // The secrets typed in, or an empty optional with *problem set.
    std::optional<ProfileSecrets> secretsFromForm(QString *problem) const;
    // Runs one keychain operation on `profileName`; `then` gets the job when it succeeded.
    void runSecretJob(SecretJob::Operation operation, const QString &profileName, const ProfileSecrets &secrets,
                      const QString &failureNote, std::function<void(SecretJob *)> then);
    void setStatus(const QString &text, bool isProblem);
    void updateButtons();

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    ProfileStore *m_store;
    std::unique_ptr<FlotillaClient> m_testClient;
    bool m_isNewProfile = false;
    bool m_busy = false; // a keychain job or a connection test is running
};

} // namespace Flotilla
