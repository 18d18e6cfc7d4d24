#pragma once

#include <client/serverprofile.h>
#include <wire/run.h>
#include <wire/template.h>

#include <QDialog>
#include <QPointer>

#include <memory>
#include <optional>

namespace Flotilla {

namespace Ui {
class TemplateLaunchDialog;
}

class ApiJob;
class FlotillaClient;

// Launches a template (or retries a run of it): a form generated from its
// schema, and the same payload as JSON, kept in step both ways. Every edit
// is checked as the server will check it (the schema, then the command
// template rendered with the payload over the defaults); the problems show
// next to their fields and the rendered command below. Cluster, owner,
// memory and env as in the definitions' launch form. Ctrl+Enter launches.
class TemplateLaunchDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TemplateLaunchDialog)

public:
    TemplateLaunchDialog(FlotillaClient *client, const ServerProfile &profile, const Template &tpl,
                         const std::optional<Run> &retryOf = std::nullopt, QWidget *parent = nullptr);
    ~TemplateLaunchDialog() override;

    // The payload as the form and the JSON tab have it.
    Json payload() const { return m_payload; }

Q_SIGNALS:
    void launched(const Flotilla::Run &run);

private:
    void formChanged();
    void jsonEdited();
    void validate();
    void launch();
    void launchFinished(ApiJob *job, const Run &run);

    std::unique_ptr<Ui::TemplateLaunchDialog> m_ui;
    FlotillaClient *m_client;
    QString m_profileName;
    Template m_template;
    Json m_payload = Json::object();
    QPointer<ApiJob> m_launchJob;
    bool m_payloadValid = false;
    bool m_valid = false;
};

} // namespace Flotilla
