#include "launchdialog.h"
#include "ui_launchdialog.h"
#include <widgets/formproblems.h>

#include <client/flotillaclient.h>

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QPushButton>

namespace Flotilla {

LaunchDialog::LaunchDialog(FlotillaClient *client, const ServerProfile &profile, const Definition &definition,
                           const std::optional<Run> &retryOf, QWidget *parent)
    : LaunchDialog(client, profile, QList<Definition>{definition}, retryOf, parent)
{}

LaunchDialog::LaunchDialog(FlotillaClient *client, const ServerProfile &profile, const QList<Definition> &definitions,
                           QWidget *parent)
    : LaunchDialog(client, profile, definitions, std::nullopt, parent)
{}

LaunchDialog::LaunchDialog(FlotillaClient *client, const ServerProfile &profile, const QList<Definition> &definitions,
                           const std::optional<Run> &retryOf, QWidget *parent)
    : LaunchFormDialog(profile, parent)
    , m_ui(std::make_unique<Ui::LaunchDialog>())
    , m_client(client)
    , m_definitions(definitions)
{
    Q_ASSERT(!definitions.isEmpty());
    const Definition &definition = definitions.constFirst();
    m_ui->setupUi(this);
    setUpLaunchForm({m_ui->clusterCombo, m_ui->clusterComboProblem, m_ui->ownerEdit, m_ui->ownerEditProblem,
                     m_ui->envEditor, m_ui->launchProblem, m_ui->form, m_ui->cpuSpin, m_ui->engineCombo,
                     m_ui->nodeLifecycleCombo},
                    m_ui->buttonBox, client, retryOf,
                    isForMany() ? LaunchFormFields::Defined{}
                                : LaunchFormFields::Defined{definition.env, definition.cpu});
    if (isForMany()) {
        QStringList aliases;
        for (const Definition &each : definitions)
            aliases.append(each.alias);
        setWindowTitle(tr("Launch %n Definitions", nullptr, int(definitions.size())));
        m_ui->definitionNameLabel->setText(tr("Definitions:"));
        m_ui->definitionName->setText(aliases.join(QStringLiteral(", ")));
        m_ui->definitionName->setWordWrap(true);
        m_ui->envEditorLabel->setText(tr("Added e&nvironment:"));
        m_ui->envEditor->setToolTip(tr("Added to each definition's own environment"));
        m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Launch %n", nullptr, int(definitions.size())));
    } else {
        setWindowTitle(retryOf ? tr("Retry %1").arg(definition.alias) : tr("Launch %1").arg(definition.alias));
        m_ui->definitionName->setText(definition.groupName.isEmpty()
                                          ? definition.alias
                                          : tr("%1 (group %2)").arg(definition.alias, definition.groupName));
    }
    m_ui->commandEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->commandEdit->setPlainText(retryOf ? retryOf->command : definition.command);
    const std::optional<qint64> memory = retryOf && retryOf->memory ? retryOf->memory : definition.memory;
    m_ui->memorySpin->setValue(isForMany() ? 0 : int(memory.value_or(0)));
    // Several definitions keep their own commands.
    m_ui->form->setRowVisible(m_ui->commandEdit, takesOverrides() && !isForMany());
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

LaunchRequest LaunchDialog::request(const Definition &definition) const
{
    LaunchRequest request;
    request.cluster = fields().chosenCluster();
    request.env = m_ui->envEditor->envVars();
    request.ownerId = fields().ownerId();
    if (takesOverrides()) {
        if (const QString command = m_ui->commandEdit->toPlainText(); !isForMany() && command != definition.command)
            request.command = command;
        if (const int memory = m_ui->memorySpin->value(); memory > 0 && memory != definition.memory.value_or(0))
            request.memory = memory;
    }
    request.cpu = fields().chosenCpu(definition.cpu);
    request.placement = fields().chosenPlacement();
    return request;
}

ResultJob<Run> *LaunchDialog::createLaunchJob()
{
    if (isForMany())
        return nullptr;
    const Definition &definition = m_definitions.constFirst();
    return m_client->launch(definition.definitionId, request(definition));
}

} // namespace Flotilla
