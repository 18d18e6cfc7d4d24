#include "launchdialog.h"
#include "ui_launchdialog.h"
#include <widgets/clustercombo.h>
#include <widgets/formproblems.h>

#include <client/flotillaclient.h>
#include <client/settings.h>

#include <QFontDatabase>
#include <QPushButton>
#include <QShortcut>

namespace Flotilla {

LaunchDialog::LaunchDialog(FlotillaClient *client, const ServerProfile &profile, const Definition &definition,
                           const std::optional<Run> &retryOf, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::LaunchDialog>())
    , m_client(client)
    , m_profileName(profile.name)
    , m_definition(definition)
{
    m_ui->setupUi(this);
    setWindowTitle(retryOf ? tr("Retry %1").arg(definition.alias) : tr("Launch %1").arg(definition.alias));
    for (QLabel *label : {m_ui->clusterComboProblem, m_ui->ownerEditProblem, m_ui->launchProblem})
        styleAsProblem(label);
    m_ui->definitionName->setText(definition.groupName.isEmpty()
                                      ? definition.alias
                                      : tr("%1 (group %2)").arg(definition.alias, definition.groupName));
    QPushButton *launchButton = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    launchButton->setText(tr("&Launch"));
    launchButton->setToolTip(tr("Launch (Ctrl+Enter)"));
    m_ui->commandEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    setUpClusterCombo(m_ui->clusterCombo, client);

    const Settings settings;
    m_ui->clusterCombo->setEditText(
        retryOf ? retryOf->cluster : settings.lastLaunchCluster(profile.name).value_or(profile.defaultCluster));
    m_ui->ownerEdit->setText(settings.lastLaunchOwnerId(profile.name).value_or(profile.launchOwnerId()));
    m_ui->commandEdit->setPlainText(retryOf ? retryOf->command : definition.command);
    const std::optional<qint64> memory = retryOf && retryOf->memory ? retryOf->memory : definition.memory;
    m_ui->memorySpin->setValue(int(memory.value_or(0)));
    EnvList env = retryOf ? retryOf->env : definition.env;
    env.removeIf([](const EnvVar &var) { return reservedEnvNames().contains(var.name); });
    m_ui->envEditor->setEnvVars(env);
    m_ui->form->setRowVisible(m_ui->commandEdit, takesOverrides());
    m_ui->form->setRowVisible(m_ui->memorySpin, takesOverrides());

    connect(m_ui->ownerEdit, &QLineEdit::textChanged, this, &LaunchDialog::validate);
    connect(m_ui->envEditor, &EnvVarEditor::changed, this, &LaunchDialog::validate);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &LaunchDialog::launch);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (const QKeyCombination keys : {Qt::CTRL | Qt::Key_Return, Qt::CTRL | Qt::Key_Enter})
        connect(new QShortcut(keys, this), &QShortcut::activated, this, &LaunchDialog::launch);
    validate();
}

LaunchDialog::~LaunchDialog() = default;

bool LaunchDialog::takesOverrides() const
{
    // The seed-era v1 launch knows only cluster and env.
    return m_client->flavour() != ServerFlavour::SeedEra;
}

void LaunchDialog::validate()
{
    const bool needsOwner = m_client->flavour() != ServerFlavour::SeedEra;
    const bool hasOwner = !m_ui->ownerEdit->text().trimmed().isEmpty();
    showProblem(m_ui->ownerEditProblem, needsOwner && !hasOwner
                                            ? tr("The server records who launched a run; enter your user name.")
                                            : QString());
    m_valid = (hasOwner || !needsOwner) && m_ui->envEditor->problems().isEmpty();
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(m_valid && !m_launchJob);
}

void LaunchDialog::launch()
{
    if (!m_valid || m_launchJob)
        return;
    LaunchRequest request;
    if (const QString cluster = m_ui->clusterCombo->currentText().trimmed(); !cluster.isEmpty())
        request.cluster = cluster;
    request.env = m_ui->envEditor->envVars();
    request.ownerId = m_ui->ownerEdit->text().trimmed();
    if (takesOverrides()) {
        if (const QString command = m_ui->commandEdit->toPlainText(); command != m_definition.command)
            request.command = command;
        if (const int memory = m_ui->memorySpin->value(); memory > 0 && memory != m_definition.memory.value_or(0))
            request.memory = memory;
    }
    ResultJob<Run> *job = m_client->launch(m_definition.definitionId, request);
    connect(job, &ApiJob::finished, this, [this, job] { launchFinished(job, job->result()); });
    m_launchJob = job;
    showProblem(m_ui->launchProblem, {});
    showProblem(m_ui->clusterComboProblem, {});
    validate();
    job->start();
}

void LaunchDialog::launchFinished(ApiJob *job, const Run &run)
{
    m_launchJob = nullptr;
    validate();
    if (!job->succeeded()) {
        showProblem(m_ui->launchProblem, job->error().sentence());
        // "unknown cluster [x]; valid clusters: ..." belongs under the cluster.
        if (job->error().serverMessage().contains(QStringLiteral("cluster"), Qt::CaseInsensitive))
            showProblem(m_ui->clusterComboProblem, job->error().serverMessage());
        return;
    }
    Settings().setLastLaunch(m_profileName, m_ui->clusterCombo->currentText().trimmed(),
                             m_ui->ownerEdit->text().trimmed());
    Q_EMIT launched(run);
    accept();
}

} // namespace Flotilla
