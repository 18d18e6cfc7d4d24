#include "launchformdialog.h"

#include "envvareditor.h"
#include "formproblems.h"

#include <client/apijob.h>
#include <client/flotillaclient.h>
#include <client/settings.h>
#include <lists/clustersmodel.h>

#include <QComboBox>
#include <QCompleter>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>

namespace Flotilla {

namespace {

// The server's clusters, editable; empty is "the server's default".
void setUpClusterCombo(QComboBox *combo, FlotillaClient *client)
{
    auto *clusters = new ClustersModel(client, combo);
    combo->setModel(clusters);
    const QString serverDefault = QCoreApplication::translate("Flotilla::LaunchDialog", "the server's default");
    combo->setPlaceholderText(serverDefault); // keeps the combo from picking one itself
    combo->lineEdit()->setPlaceholderText(serverDefault);
    combo->completer()->setCompletionRole(Qt::DisplayRole); // the name models have no EditRole
    clusters->reload();
}

// Upstream's choices, the server's default first; a retried run's value
// the list does not know (another upstream engine) is added and chosen.
void setUpChoices(QComboBox *combo, const QList<std::pair<QString, QString>> &choices, const QString &chosen)
{
    combo->addItem(QCoreApplication::translate("Flotilla::LaunchDialog", "The server's default"), QString());
    for (const auto &[value, text] : choices)
        combo->addItem(text, value);
    if (!chosen.isEmpty() && combo->findData(chosen) < 0)
        combo->addItem(chosen, chosen);
    combo->setCurrentIndex(std::max(0, combo->findData(chosen)));
}

std::optional<QString> chosenChoice(const QComboBox *combo)
{
    const QString value = combo->currentData().toString();
    return combo->isVisibleTo(combo->window()) && !value.isEmpty() ? std::optional(value) : std::nullopt;
}

} // namespace

void LaunchFormFields::setUp(FlotillaClient *client, const ServerProfile &profile, const std::optional<Run> &retryOf,
                             const Defined &defined) const
{
    for (QLabel *label : {clusterProblem, ownerProblem, launchProblem})
        styleAsProblem(label);
    setUpClusterCombo(cluster, client);
    const Settings settings;
    cluster->setEditText(retryOf ? retryOf->cluster
                                 : settings.lastLaunchCluster(profile.name).value_or(profile.defaultCluster));
    owner->setText(settings.lastLaunchOwnerId(profile.name).value_or(profile.launchOwnerId()));
    EnvList variables = retryOf ? retryOf->env : defined.env;
    variables.removeIf([](const EnvVar &var) { return reservedEnvNames().contains(var.name); });
    this->env->setEnvVars(variables);

    // The seed-era launch knows only cluster and env; only current upstream
    // places runs by engine and node lifecycle (its EKS and ECS engines).
    form->setRowVisible(cpu, client->flavour() != ServerFlavour::SeedEra);
    const bool placed = client->flavour() == ServerFlavour::CurrentUpstream;
    form->setRowVisible(engine, placed);
    form->setRowVisible(nodeLifecycle, placed);
    cpu->setValue(int(retryOf && retryOf->cpu ? *retryOf->cpu : defined.cpu.value_or(0)));
    setUpChoices(engine,
                 {{QStringLiteral("eks"), QStringLiteral("EKS")}, {QStringLiteral("ecs"), QStringLiteral("ECS")}},
                 retryOf ? retryOf->engine : QString());
    setUpChoices(nodeLifecycle,
                 {{QStringLiteral("spot"), QCoreApplication::translate("Flotilla::LaunchDialog", "Spot")},
                  {QStringLiteral("ondemand"), QCoreApplication::translate("Flotilla::LaunchDialog", "On demand")}},
                 retryOf ? retryOf->nodeLifecycle : QString());
}

std::optional<qint64> LaunchFormFields::chosenCpu(const std::optional<qint64> &defined) const
{
    const int chosen = cpu->value();
    if (!cpu->isVisibleTo(cpu->window()) || chosen <= 0 || chosen == defined.value_or(0))
        return std::nullopt;
    return chosen;
}

LaunchPlacement LaunchFormFields::chosenPlacement() const
{
    LaunchPlacement placement;
    placement.engine = chosenChoice(engine);
    placement.nodeLifecycle = chosenChoice(nodeLifecycle);
    return placement;
}

std::optional<QString> LaunchFormFields::chosenCluster() const
{
    const QString chosen = cluster->currentText().trimmed();
    return chosen.isEmpty() ? std::nullopt : std::optional(chosen);
}

QString LaunchFormFields::ownerId() const
{
    return owner->text().trimmed();
}

bool LaunchFormFields::checkOwner(bool needed) const
{
    const bool missing = needed && ownerId().isEmpty();
    showProblem(ownerProblem,
                missing ? QCoreApplication::translate("Flotilla::LaunchDialog",
                                                      "The server records who launched a run; enter your user name.")
                        : QString());
    return !missing;
}

void LaunchFormFields::clearProblems() const
{
    showProblem(launchProblem, {});
    showProblem(clusterProblem, {});
}

bool LaunchFormFields::finish(const ApiJob &job, const QString &profileName) const
{
    if (!job.succeeded()) {
        showProblem(launchProblem, job.error().sentence());
        // "unknown cluster [x]; valid clusters: ..." belongs under the cluster.
        if (job.error().serverMessage().contains(QStringLiteral("cluster"), Qt::CaseInsensitive))
            showProblem(clusterProblem, job.error().serverMessage());
        return false;
    }
    remember(profileName);
    return true;
}

void LaunchFormFields::remember(const QString &profileName) const
{
    Settings().setLastLaunch(profileName, cluster->currentText().trimmed(), ownerId());
}

LaunchFormDialog::LaunchFormDialog(const ServerProfile &profile, QWidget *parent)
    : QDialog(parent)
    , m_profile(profile)
{}

LaunchFormDialog::~LaunchFormDialog() = default;

void LaunchFormDialog::setUpLaunchForm(const LaunchFormFields &fields, QDialogButtonBox *buttons,
                                       FlotillaClient *client, const std::optional<Run> &retryOf,
                                       const LaunchFormFields::Defined &defined)
{
    m_fields = fields;
    m_buttons = buttons;
    m_fields.setUp(client, m_profile, retryOf, defined);
    QPushButton *launchButton = buttons->button(QDialogButtonBox::Ok);
    launchButton->setText(QCoreApplication::translate("Flotilla::LaunchDialog", "&Launch"));
    launchButton->setToolTip(QCoreApplication::translate("Flotilla::LaunchDialog", "Launch (Ctrl+Enter)"));
    connect(buttons, &QDialogButtonBox::accepted, this, &LaunchFormDialog::launch);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (const QKeyCombination keys : {Qt::CTRL | Qt::Key_Return, Qt::CTRL | Qt::Key_Enter})
        connect(new QShortcut(keys, this), &QShortcut::activated, this, &LaunchFormDialog::launch);
}

void LaunchFormDialog::setValid(bool valid)
{
    m_valid = valid;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_valid && !m_launchJob);
}

void LaunchFormDialog::launch()
{
    if (!m_valid || m_launchJob)
        return;
    ResultJob<Run> *job = createLaunchJob();
    if (!job) {
        m_fields.remember(m_profile.name);
        return accept();
    }
    connect(job, &ApiJob::finished, this, [this, job] { launchFinished(job); });
    m_launchJob = job;
    m_fields.clearProblems();
    validate();
    job->start();
}

void LaunchFormDialog::launchFinished(ResultJob<Run> *job)
{
    m_launchJob = nullptr;
    validate();
    if (!m_fields.finish(*job, m_profile.name))
        return;
    Q_EMIT launched(job->result());
    accept();
}

} // namespace Flotilla
