#pragma once

#include <client/serverprofile.h>
#include <widgets/launchformdialog.h>
#include <wire/definition.h>
#include <wire/run.h>

#include <memory>
#include <optional>

namespace Flotilla {

namespace Ui {
class LaunchDialog;
}

class FlotillaClient;

// Launches a definition (or retries a run of it): cluster, owner, env and,
// where the server flavour takes them, command, memory and CPU overrides,
// which are sent only when they differ from the definition, and engine and
// node lifecycle (current upstream). The cluster and owner chosen are
// remembered per profile. Ctrl+Enter launches.
//
// Opened for several definitions it is one form for all: no command, no
// env to start with (each run keeps its definition's own env and adds the
// form's), resources "as defined" unless set; Launch only accepts, and the
// caller launches each with request().
class LaunchDialog final : public LaunchFormDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LaunchDialog)

public:
    // Cluster and owner start as last launched with this profile, else as the
    // profile's defaults (its cluster; its owner id, else the login name).
    LaunchDialog(FlotillaClient *client, const ServerProfile &profile, const Definition &definition,
                 const std::optional<Run> &retryOf = std::nullopt, QWidget *parent = nullptr);
    LaunchDialog(FlotillaClient *client, const ServerProfile &profile, const QList<Definition> &definitions,
                 QWidget *parent = nullptr);
    ~LaunchDialog() override;

    // The launch of `definition` with the form as it is.
    LaunchRequest request(const Definition &definition) const;

private:
    LaunchDialog(FlotillaClient *client, const ServerProfile &profile, const QList<Definition> &definitions,
                 const std::optional<Run> &retryOf, QWidget *parent);
    bool isForMany() const { return m_definitions.size() > 1; }
    bool takesOverrides() const;
    void validate() override;
    ResultJob<Run> *createLaunchJob() override;

    std::unique_ptr<Ui::LaunchDialog> m_ui;
    FlotillaClient *m_client;
    QList<Definition> m_definitions;
};

} // namespace Flotilla
