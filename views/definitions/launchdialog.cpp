#include "launchdialog.h"
#include "ui_launchdialog.h"
#include <widgets/formproblems.h>

#include <client/flotillaclient.h>

#include <QFontDatabase>

namespace Flotilla {

LaunchDialog::LaunchDialog(FlotillaClient *client, const ServerProfile &profile, const Definition &definition,
                           const std::optional<Run> &retryOf, QWidget *parent)
    : LaunchFormDialog(profile, parent)
    , m_ui(std::make_unique<Ui::LaunchDialog>())
    , m_client(client)
    , m_definition(definition)
{
    m_ui->setupUi(this);
    setUpLaunchForm({m_ui->clusterCombo, m_ui->clusterComboProblem, m_ui->ownerEdit, m_ui->ownerEditProblem,
                     m_ui->envEditor, m_ui->launchProblem, m_ui->form, m_ui->cpuSpin, m_ui->engineCombo,
                     m_ui->nodeLifecycleCombo},
                    m_ui->buttonBox, client, retryOf, {definition.env, definition.cpu});
    setWindowTitle(retryOf ? tr("Retry %1").arg(definition.alias) : tr("Launch %1").arg(definition.alias));
    m_ui->definitionName->setText(definition.groupName.isEmpty()
                                      ? definition.alias
                                      : tr("%1 (group %2)").arg(definition.alias, definition.groupName));
    m_ui->commandEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->commandEdit->setPlainText(retryOf ? retryOf->command : definition.command);
    const std::optional<qint64> memory = retryOf && retryOf->memory ? retryOf->memory : definition.memory;
    m_ui->memorySpin->setValue(int(memory.value_or(0)));
    m_ui->form->setRowVisible(m_ui->commandEdit, takesOverrides());
    m_ui->form->setRowVisible(m_ui->memorySpin, takesOverrides());

    connect(m_ui->ownerEdit, &QLineEdit::textChanged, this, &LaunchDialog::validate);
    connect(m_ui->envEditor, &EnvVarEditor::changed, this, &LaunchDialog::validate);
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
    const bool ownerGiven = fields().checkOwner(m_client->flavour() != ServerFlavour::SeedEra);
    setValid(ownerGiven && m_ui->envEditor->problems().isEmpty());
}

ResultJob<Run> *LaunchDialog::createLaunchJob()
{
    LaunchRequest request;
    request.cluster = fields().chosenCluster();
    request.env = m_ui->envEditor->envVars();
    request.ownerId = fields().ownerId();
    if (takesOverrides()) {
        if (const QString command = m_ui->commandEdit->toPlainText(); command != m_definition.command)
            request.command = command;
        if (const int memory = m_ui->memorySpin->value(); memory > 0 && memory != m_definition.memory.value_or(0))
            request.memory = memory;
    }
    request.cpu = fields().chosenCpu(m_definition.cpu);
    request.placement = fields().chosenPlacement();
    return m_client->launch(m_definition.definitionId, request);
}

} // namespace Flotilla
