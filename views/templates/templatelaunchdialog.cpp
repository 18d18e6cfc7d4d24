#include "templatelaunchdialog.h"
#include "ui_templatelaunchdialog.h"
#include <widgets/formproblems.h>

#include <client/flotillaclient.h>

#include <QFontDatabase>
#include <QSignalBlocker>

namespace Flotilla {

TemplateLaunchDialog::TemplateLaunchDialog(FlotillaClient *client, const ServerProfile &profile, const Template &tpl,
                                           const std::optional<Run> &retryOf, QWidget *parent)
    : LaunchFormDialog(profile, parent)
    , m_ui(std::make_unique<Ui::TemplateLaunchDialog>())
    , m_client(client)
    , m_template(tpl)
    , m_renderer(tpl)
{
    m_ui->setupUi(this);
    // The template's own env applies on the server, under the run's.
    setUpLaunchForm({m_ui->clusterCombo, m_ui->clusterComboProblem, m_ui->ownerEdit, m_ui->ownerEditProblem,
                     m_ui->envEditor, m_ui->launchProblem, m_ui->form, m_ui->cpuSpin, m_ui->engineCombo,
                     m_ui->nodeLifecycleCombo},
                    m_ui->buttonBox, client, retryOf, {{}, tpl.cpu});
    setWindowTitle(retryOf ? tr("Retry %1").arg(tpl.displayName()) : tr("Launch %1").arg(tpl.displayName()));
    for (QLabel *label : {m_ui->payloadProblem, m_ui->jsonProblem})
        styleAsProblem(label);
    m_ui->templateName->setText(tpl.displayName());
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->jsonEdit->setFont(fixed);
    m_ui->renderedCommand->setFont(fixed);

    if (retryOf && retryOf->memory && retryOf->memory != tpl.memory)
        m_ui->memorySpin->setValue(int(*retryOf->memory));

    // A retry starts from the payload the run had (defaults merged in).
    m_payload = mergeDefaults(retryOf && retryOf->templatePayload.is_object() ? retryOf->templatePayload
                                                                              : Json::object(),
                              tpl.defaults);
    m_ui->schemaForm->setSchema(tpl.schema);
    m_ui->schemaForm->setPayload(m_payload);
    m_ui->jsonEdit->setPlainText(toQString(m_payload.dump(2)));

    connect(m_ui->schemaForm, &SchemaForm::changed, this, &TemplateLaunchDialog::formChanged);
    connect(m_ui->jsonEdit, &QPlainTextEdit::textChanged, this, &TemplateLaunchDialog::jsonEdited);
    connect(m_ui->payloadTabs, &QTabWidget::currentChanged, this, &TemplateLaunchDialog::validate);
    connect(m_ui->ownerEdit, &QLineEdit::textChanged, this, &TemplateLaunchDialog::validate);
    connect(m_ui->envEditor, &EnvVarEditor::changed, this, &TemplateLaunchDialog::validate);
    m_payloadValid = true;
    validate();
}

TemplateLaunchDialog::~TemplateLaunchDialog() = default;

void TemplateLaunchDialog::formChanged()
{
    m_payload = m_ui->schemaForm->payload();
    const QSignalBlocker blocker(m_ui->jsonEdit);
    m_ui->jsonEdit->setPlainText(toQString(m_payload.dump(2)));
    showProblem(m_ui->jsonProblem, {});
    m_payloadValid = true;
    validate();
}

void TemplateLaunchDialog::jsonEdited()
{
    const Json json = parseNetworkJson(m_ui->jsonEdit->toPlainText().toUtf8());
    m_payloadValid = json.is_object();
    if (!m_payloadValid) {
        showProblem(m_ui->jsonProblem, json.is_discarded()
                                           ? tr("This is not JSON yet; the form keeps the last payload that was.")
                                           : tr("The payload must be a JSON object: {\"name\": value, …}."));
        return validate();
    }
    showProblem(m_ui->jsonProblem, {});
    m_payload = json;
    m_ui->schemaForm->setPayload(m_payload);
    validate();
}

void TemplateLaunchDialog::validate()
{
    const RenderedLaunch rendered = m_renderer.render(m_payload);
    QList<std::pair<QString, QString>> problems;
    QStringList lines;
    for (const SchemaViolation &violation : rendered.problems) {
        problems.append({violation.path, violation.message});
        lines.append(violationText(violation));
    }
    m_ui->schemaForm->showProblems(problems);
    // The form shows each problem at its field; the JSON tab needs them listed.
    showProblem(m_ui->payloadProblem, m_ui->payloadTabs->currentWidget() == m_ui->jsonTab ? lines.join(u'\n')
                                      : lines.isEmpty()                                   ? QString()
                                                        : tr("%n problem(s) in the payload; see the fields above.",
                                                             nullptr, int(lines.size())));
    m_ui->renderedCommand->setPlainText(rendered.problems.isEmpty() ? rendered.command : QString());
    m_ui->renderedCommand->setPlaceholderText(tr("(shown once the payload is valid)"));

    const bool ownerGiven = fields().checkOwner(true); // v7 launches need owner_id
    setValid(m_payloadValid && rendered.problems.isEmpty() && ownerGiven && m_ui->envEditor->problems().isEmpty());
}

ResultJob<Run> *TemplateLaunchDialog::createLaunchJob()
{
    TemplateLaunchRequest request;
    request.cluster = fields().chosenCluster();
    request.env = m_ui->envEditor->envVars();
    request.ownerId = fields().ownerId();
    if (const int memory = m_ui->memorySpin->value(); memory > 0 && memory != m_template.memory.value_or(0))
        request.memory = memory;
    request.cpu = fields().chosenCpu(m_template.cpu);
    request.placement = fields().chosenPlacement();
    request.payload = m_payload;
    return m_client->launchTemplate(m_template.templateId, request);
}

} // namespace Flotilla
