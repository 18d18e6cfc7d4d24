#include "templatelaunchdialog.h"
#include "ui_templatelaunchdialog.h"
#include <widgets/clustercombo.h>
#include <widgets/formproblems.h>

#include <client/flotillaclient.h>
#include <client/settings.h>

#include <QFontDatabase>
#include <QPushButton>
#include <QShortcut>
#include <QSignalBlocker>

namespace Flotilla {

TemplateLaunchDialog::TemplateLaunchDialog(FlotillaClient *client, const ServerProfile &profile, const Template &tpl,
                                           const std::optional<Run> &retryOf, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::TemplateLaunchDialog>())
    , m_client(client)
    , m_profileName(profile.name)
    , m_template(tpl)
{
    m_ui->setupUi(this);
    setWindowTitle(retryOf ? tr("Retry %1").arg(tpl.displayName()) : tr("Launch %1").arg(tpl.displayName()));
    for (QLabel *label : {m_ui->clusterComboProblem, m_ui->ownerEditProblem, m_ui->launchProblem,
                          m_ui->payloadProblem, m_ui->jsonProblem})
        styleAsProblem(label);
    m_ui->templateName->setText(tpl.displayName());
    QPushButton *launchButton = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    launchButton->setText(tr("&Launch"));
    launchButton->setToolTip(tr("Launch (Ctrl+Enter)"));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->jsonEdit->setFont(fixed);
    m_ui->renderedCommand->setFont(fixed);

    setUpClusterCombo(m_ui->clusterCombo, client);
    const Settings settings;
    m_ui->clusterCombo->setEditText(
        retryOf ? retryOf->cluster : settings.lastLaunchCluster(profile.name).value_or(profile.defaultCluster));
    m_ui->ownerEdit->setText(settings.lastLaunchOwnerId(profile.name).value_or(profile.launchOwnerId()));
    if (retryOf && retryOf->memory && retryOf->memory != tpl.memory)
        m_ui->memorySpin->setValue(int(*retryOf->memory));
    EnvList env = retryOf ? retryOf->env : EnvList();
    env.removeIf([](const EnvVar &var) { return reservedEnvNames().contains(var.name); });
    m_ui->envEditor->setEnvVars(env);

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
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &TemplateLaunchDialog::launch);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (const QKeyCombination keys : {Qt::CTRL | Qt::Key_Return, Qt::CTRL | Qt::Key_Enter})
        connect(new QShortcut(keys, this), &QShortcut::activated, this, &TemplateLaunchDialog::launch);
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
        showProblem(m_ui->jsonProblem,
                    json.is_discarded() ? tr("This is not JSON yet; the form keeps the last payload that was.")
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
    const RenderedLaunch rendered = renderLaunch(m_template, m_payload);
    QList<std::pair<QString, QString>> problems;
    QStringList lines;
    for (const SchemaViolation &violation : rendered.problems) {
        problems.append({violation.path, violation.message});
        lines.append(violationText(violation));
    }
    m_ui->schemaForm->showProblems(problems);
    // The form shows each problem at its field; the JSON tab needs them listed.
    showProblem(m_ui->payloadProblem, m_ui->payloadTabs->currentWidget() == m_ui->jsonTab ? lines.join(u'\n')
                                      : lines.isEmpty() ? QString()
                                                        : tr("%n problem(s) in the payload; see the fields above.",
                                                             nullptr, int(lines.size())));
    m_ui->renderedCommand->setPlainText(rendered.problems.isEmpty() ? rendered.command : QString());
    m_ui->renderedCommand->setPlaceholderText(tr("(shown once the payload is valid)"));

    const bool hasOwner = !m_ui->ownerEdit->text().trimmed().isEmpty();
    showProblem(m_ui->ownerEditProblem,
                hasOwner ? QString() : tr("The server records who launched a run; enter your user name."));
    m_valid = m_payloadValid && rendered.problems.isEmpty() && hasOwner && m_ui->envEditor->problems().isEmpty();
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(m_valid && !m_launchJob);
}

void TemplateLaunchDialog::launch()
{
    if (!m_valid || m_launchJob)
        return;
    TemplateLaunchRequest request;
    if (const QString cluster = m_ui->clusterCombo->currentText().trimmed(); !cluster.isEmpty())
        request.cluster = cluster;
    request.env = m_ui->envEditor->envVars();
    request.ownerId = m_ui->ownerEdit->text().trimmed();
    if (const int memory = m_ui->memorySpin->value(); memory > 0 && memory != m_template.memory.value_or(0))
        request.memory = memory;
    request.payload = m_payload;
    ResultJob<Run> *job = m_client->launchTemplate(m_template.templateId, request);
    connect(job, &ApiJob::finished, this, [this, job] { launchFinished(job, job->result()); });
    m_launchJob = job;
    showProblem(m_ui->launchProblem, {});
    showProblem(m_ui->clusterComboProblem, {});
    validate();
    job->start();
}

void TemplateLaunchDialog::launchFinished(ApiJob *job, const Run &run)
{
    m_launchJob = nullptr;
    validate();
    if (!job->succeeded()) {
        showProblem(m_ui->launchProblem, job->error().sentence());
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
