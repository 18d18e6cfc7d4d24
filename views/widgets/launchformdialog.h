#pragma once

#include <client/apijob.h>
#include <client/serverprofile.h>
#include <wire/launchrequest.h>
#include <wire/run.h>

#include <QDialog>
#include <QPointer>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Flotilla {

class EnvVarEditor;
class FlotillaClient;

// The fields every launch form has (cluster, owner, env, CPU, engine and
// node lifecycle) and its problem labels: how they start (a retried run's
// cluster, env, CPU and placement, else the last launch with the profile,
// else the profile's defaults), which the server takes (CPU everywhere but
// the seed era, engine and node lifecycle on current upstream only), what
// they say while the owner is missing, and where a launch's answer lands.
struct LaunchFormFields
{
    QComboBox *cluster;
    QLabel *clusterProblem;
    QLineEdit *owner;
    QLabel *ownerProblem;
    EnvVarEditor *env;
    QLabel *launchProblem;
    QFormLayout *form; // holds the rows below
    QSpinBox *cpu;
    QComboBox *engine;
    QComboBox *nodeLifecycle;

    // The form's own values, which a retried run's override.
    struct Defined
    {
        EnvList env;
        std::optional<qint64> cpu;
    };

    void setUp(FlotillaClient *client, const ServerProfile &profile, const std::optional<Run> &retryOf,
               const Defined &defined) const;
    std::optional<QString> chosenCluster() const; // nothing: the server's default
    // The CPU when it differs from what is defined; nothing: as defined.
    std::optional<qint64> chosenCpu(const std::optional<qint64> &defined) const;
    // The engine and node lifecycle chosen, where the server takes them.
    LaunchPlacement chosenPlacement() const;
    QString ownerId() const;
    // Whether the owner is given or not needed; says what to do next to it otherwise.
    bool checkOwner(bool needed) const;
    void clearProblems() const;
    // Keeps the cluster and owner chosen as the profile's last launch.
    void remember(const QString &profileName) const;
    // A failed launch's error (also under the cluster when it is about the
    // cluster), or, for a launched run, the cluster and owner remembered for
    // the profile. Returns whether it launched.
    bool finish(const ApiJob &job, const QString &profileName) const;
};

// What the launch dialogs (a definition's, a template's) share: the fields
// above, the Launch button (Ctrl+Enter too), enabled while the form is valid
// and no launch is under way, and the launch itself: a failure stays in the
// form, a success is remembered, announced and closes it.
class LaunchFormDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LaunchFormDialog)

public:
    ~LaunchFormDialog() override;

Q_SIGNALS:
    void launched(const Flotilla::Run &run);

protected:
    LaunchFormDialog(const ServerProfile &profile, QWidget *parent);

    // Call once the form's widgets exist; `defined`: the form's values unless a retried run brings its own.
    void setUpLaunchForm(const LaunchFormFields &fields, QDialogButtonBox *buttons, FlotillaClient *client,
                         const std::optional<Run> &retryOf, const LaunchFormFields::Defined &defined);
    const LaunchFormFields &fields() const { return m_fields; }
    // The form's own check decides; the button follows.
    void setValid(bool valid);
    virtual void validate() = 0;
    // The request of the form as it is; the base starts and follows it.
    // Null: the form only gathers values for its caller to launch with (one
    // form for several definitions); Launch then accepts it.
    virtual ResultJob<Run> *createLaunchJob() = 0;

private:
    void launch();
    void launchFinished(ResultJob<Run> *job);

    ServerProfile m_profile;
    LaunchFormFields m_fields{};
    QDialogButtonBox *m_buttons = nullptr;
    QPointer<ApiJob> m_launchJob;
    bool m_valid = false;
};

} // namespace Flotilla
