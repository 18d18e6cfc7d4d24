#pragma once

#include <client/serverprofile.h>
#include <wire/definition.h>
#include <wire/run.h>

#include <QDialog>
#include <QPointer>

#include <memory>
#include <optional>

namespace Flotilla {

namespace Ui {
class LaunchDialog;
}

class ApiJob;
class FlotillaClient;

// Launches a definition (or retries a run of it): cluster, owner, env and,
// where the server flavour takes them, command and memory overrides, which
// are sent only when they differ from the definition. The cluster and owner
// chosen are remembered per profile. Ctrl+Enter launches.
class LaunchDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LaunchDialog)

public:
    // Cluster and owner start as last launched with this profile, else as the
    // profile's defaults (its cluster; its owner id, else the login name).
    LaunchDialog(FlotillaClient *client, const ServerProfile &profile, const Definition &definition,
                 const std::optional<Run> &retryOf = std::nullopt, QWidget *parent = nullptr);
    ~LaunchDialog() override;

Q_SIGNALS:
    void launched(const Flotilla::Run &run);

private:
    bool takesOverrides() const;
    void validate();
    void launch();
    void launchFinished(ApiJob *job, const Run &run);

    std::unique_ptr<Ui::LaunchDialog> m_ui;
    FlotillaClient *m_client;
    QString m_profileName;
    Definition m_definition;
    QPointer<ApiJob> m_launchJob;
    bool m_valid = false;
};

} // namespace Flotilla
