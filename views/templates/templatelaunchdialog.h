#pragma once

#include <client/serverprofile.h>
#include <widgets/launchformdialog.h>
#include <wire/run.h>
#include <wire/templaterenderer.h>

#include <memory>
#include <optional>

namespace Flotilla {

namespace Ui {
class TemplateLaunchDialog;
}

class FlotillaClient;

// Launches a template (or retries a run of it): a form generated from its
// schema, and the same payload as JSON, kept in step both ways. Every edit
// is checked as the server will check it (the schema, then the command
// template rendered with the payload over the defaults); the problems show
// next to their fields and the rendered command below. Cluster, owner,
// memory and env as in the definitions' launch form. Ctrl+Enter launches.
class TemplateLaunchDialog final : public LaunchFormDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TemplateLaunchDialog)

public:
    TemplateLaunchDialog(FlotillaClient *client, const ServerProfile &profile, const Template &tpl,
                         const std::optional<Run> &retryOf = std::nullopt, QWidget *parent = nullptr);
    ~TemplateLaunchDialog() override;

    // The payload as the form and the JSON tab have it.
    Json payload() const { return m_payload; }

private:
    void formChanged();
    void jsonEdited();
    void validate() override;
    ResultJob<Run> *createLaunchJob() override;

    std::unique_ptr<Ui::TemplateLaunchDialog> m_ui;
    FlotillaClient *m_client;
    Template m_template;
    TemplateRenderer m_renderer; // parsed once: validate() runs on every edit
    Json m_payload = Json::object();
    bool m_payloadValid = false;
};

} // namespace Flotilla
