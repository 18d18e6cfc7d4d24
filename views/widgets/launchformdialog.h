#pragma once

#include <client/apijob.h>
#include <client/serverprofile.h>
#include <wire/run.h>

#include <QDialog>
#include <QPointer>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace Flotilla {

class EnvVarEditor;
class FlotillaClient;

// The fields every launch form has (cluster, owner, env) and its problem
// labels: how they start (a retried run's cluster and env, else the last
// launch with the profile, else the profile's defaults), what they say while
// the owner is missing, and where a launch's answer lands.
struct LaunchFormFields
{
    QComboBox *cluster;
    QLabel *clusterProblem;
    QLineEdit *owner;
    QLabel *ownerProblem;
    EnvVarEditor *env;
    QLabel *launchProblem;

    // `env`: the form's variables unless a retried run brings its own.
    void setUp(FlotillaClient *client, const ServerProfile &profile, const std::optional<Run> &retryOf,
               const EnvList &env) const;
    std::optional<QString> chosenCluster() const; // nothing: the server's default
    QString ownerId() const;
    // Whether the owner is given or not needed; says what to do next to it otherwise.
    bool checkOwner(bool needed) const;
    void clearProblems() const;
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

    // Call once the form's widgets exist; `env`: the form's variables unless a retried run brings its own.
    void setUpLaunchForm(const LaunchFormFields &fields, QDialogButtonBox *buttons, FlotillaClient *client,
                         const std::optional<Run> &retryOf, const EnvList &env);
    const LaunchFormFields &fields() const { return m_fields; }
    // The form's own check decides; the button follows.
    void setValid(bool valid);
    virtual void validate() = 0;
    // The request of the form as it is; the base starts and follows it.
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
