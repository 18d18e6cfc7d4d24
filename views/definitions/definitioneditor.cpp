#include "definitioneditor.h"
#include "ui_definitioneditor.h"
#include <widgets/formproblems.h>
#include <widgets/tagcompleter.h>

#include <client/flotillaclient.h>
#include <lists/groupsmodel.h>
#include <lists/tagsmodel.h>

#include <QFontDatabase>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>

namespace Flotilla {

DefinitionEditor::DefinitionEditor(FlotillaClient *client, Mode mode, const Definition &initial, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::DefinitionEditor>())
    , m_client(client)
    , m_mode(mode)
    , m_initial(initial)
{
    m_ui->setupUi(this);
    // The contract's validation sentences name their field: "alias is required",
    // "group_name may only contain ...", "definition with alias [x] already exists".
    const auto field = [](QWidget *editor, QLabel *problem, const char *pattern) {
        return Field{editor, problem,
                     QRegularExpression(QString::fromLatin1(pattern), QRegularExpression::CaseInsensitiveOption)};
    };
    m_fields = {field(m_ui->aliasEdit, m_ui->aliasEditProblem, "\\balias\\b"),
                field(m_ui->groupCombo, m_ui->groupComboProblem, "\\bgroup(_name)?\\b"),
                field(m_ui->imageEdit, m_ui->imageEditProblem, "\\bimage\\b"),
                field(m_ui->commandEdit, m_ui->commandEditProblem, "\\bcommand\\b"),
                field(m_ui->memorySpin, m_ui->memorySpinProblem, "\\bmemory\\b"),
                field(m_ui->cpuSpin, m_ui->cpuSpinProblem, "\\bcpu\\b")};
    for (const Field &field : std::as_const(m_fields))
        styleAsProblem(field.problem);
    styleAsProblem(m_ui->formProblem);
    m_ui->commandEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    if (m_mode == Mode::Copy) {
        m_initial.definitionId.clear();
        m_initial.alias.clear();
    }
    switch (m_mode) {
    case Mode::Create: setWindowTitle(tr("New definition")); break;
    case Mode::Edit: setWindowTitle(tr("Edit %1").arg(m_initial.alias)); break;
    case Mode::Copy: setWindowTitle(tr("Copy of %1").arg(initial.alias)); break;
    }
    m_ui->aliasEdit->setReadOnly(m_mode == Mode::Edit);

    auto *groups = new GroupsModel(client, this);
    m_ui->groupCombo->setModel(groups);
    m_ui->groupCombo->lineEdit()->setPlaceholderText(tr("none"));
    m_ui->groupCombo->setPlaceholderText(tr("none")); // keeps the combo from picking the first group by itself
    m_ui->groupCombo->completer()->setFilterMode(Qt::MatchContains);
    m_ui->groupCombo->completer()->setCompletionRole(Qt::DisplayRole); // the name models have no EditRole
    groups->reload();
    auto *tags = new TagsModel(client, this);
    m_ui->tagsEdit->setCompleter(new TagCompleter(tags, this));
    tags->reload();

    // Only current upstream has adaptive resource allocation; elsewhere the
    // definition keeps whatever value it came with.
    m_ui->form->setRowVisible(m_ui->adaptiveCheck, client->flavour() == ServerFlavour::CurrentUpstream);
    load(m_initial);
    m_baseline = definition().toJson();

    const auto edited = [this] {
        m_touched.insert(sender());
        validate();
    };
    connect(m_ui->aliasEdit, &QLineEdit::textEdited, this, edited);
    connect(m_ui->groupCombo, &QComboBox::editTextChanged, this, edited);
    connect(m_ui->imageEdit, &QLineEdit::textEdited, this, edited);
    connect(m_ui->commandEdit, &QPlainTextEdit::textChanged, this, edited);
    connect(m_ui->memorySpin, &QSpinBox::valueChanged, this, edited);
    connect(m_ui->cpuSpin, &QSpinBox::valueChanged, this, edited);
    connect(m_ui->adaptiveCheck, &QCheckBox::toggled, this, edited);
    connect(m_ui->tagsEdit, &QLineEdit::textEdited, this, edited);
    connect(m_ui->envEditor, &EnvVarEditor::changed, this, edited);

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &DefinitionEditor::save);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &DefinitionEditor::reject);
    connect(new QShortcut(QKeySequence::Save, this), &QShortcut::activated, this, &DefinitionEditor::save);
    validate();
}

DefinitionEditor::~DefinitionEditor() = default;

void DefinitionEditor::load(const Definition &definition)
{
    m_ui->aliasEdit->setText(definition.alias);
    m_ui->groupCombo->setEditText(definition.groupName);
    m_ui->imageEdit->setText(definition.image);
    m_ui->commandEdit->setPlainText(definition.command);
    m_ui->memorySpin->setValue(int(definition.memory.value_or(0)));
    m_ui->cpuSpin->setValue(int(definition.cpu.value_or(0)));
    m_ui->adaptiveCheck->setChecked(definition.adaptiveResourceAllocation.value_or(false));
    m_ui->tagsEdit->setText(definition.tags.join(QStringLiteral(", ")));
    m_ui->envEditor->setEnvVars(definition.env);
}

Definition DefinitionEditor::definition() const
{
    const auto optional = [](const QSpinBox *spin) {
        return spin->value() > 0 ? std::optional<qint64>(spin->value()) : std::nullopt;
    };
    Definition definition = m_initial; // keeps what the form does not show
    definition.alias = m_ui->aliasEdit->text().trimmed();
    definition.groupName = m_ui->groupCombo->currentText().trimmed();
    definition.image = m_ui->imageEdit->text().trimmed();
    definition.command = m_ui->commandEdit->toPlainText();
    definition.memory = optional(m_ui->memorySpin);
    definition.cpu = optional(m_ui->cpuSpin);
    // Unset stays unset (omitted) until the box is ticked.
    if (!m_ui->adaptiveCheck->isHidden() && (definition.adaptiveResourceAllocation || m_ui->adaptiveCheck->isChecked()))
        definition.adaptiveResourceAllocation = m_ui->adaptiveCheck->isChecked();
    definition.tags = TagCompleter::entries(m_ui->tagsEdit->text());
    definition.env = m_ui->envEditor->envVars();
    return definition;
}

bool DefinitionEditor::hasUnsavedChanges() const
{
    return definition().toJson() != m_baseline;
}

const DefinitionEditor::Field *DefinitionEditor::fieldNamedIn(const QString &sentence) const
{
    for (const Field &field : m_fields) {
        if (field.mention.match(sentence).hasMatch())
            return &field;
    }
    return nullptr;
}

void DefinitionEditor::validate()
{
    const Definition current = definition();
    QHash<QLabel *, QStringList> shown;
    const QStringList problems = current.validate();
    // A new form shows a field's problems once the field was edited, not before.
    for (const QString &problem : problems) {
        const Field *field = fieldNamedIn(problem);
        if (field && (m_mode != Mode::Create || m_touched.contains(field->editor)))
            shown[field->problem].append(problem.at(0).toUpper() + problem.mid(1) + u'.');
    }
    for (const Field &field : std::as_const(m_fields))
        showProblem(field.problem, shown.value(field.problem).join(u'\n'));
    m_valid = problems.isEmpty() && m_ui->envEditor->problems().isEmpty();
    QStringList summary = problems;
    summary.append(m_ui->envEditor->problems());
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setToolTip(summary.join(u'\n'));
    updateSaveButton();
}

void DefinitionEditor::updateSaveButton()
{
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setEnabled(m_valid && !m_saveJob);
}

void DefinitionEditor::save()
{
    if (!m_valid || m_saveJob)
        return;
    const Definition sent = definition();
    ResultJob<Definition> *job = m_mode == Mode::Edit ? m_client->updateDefinition(sent)
                                                      : m_client->createDefinition(sent);
    connect(job, &ApiJob::finished, this, [this, job] { saveFinished(job, job->result()); });
    m_saveJob = job;
    updateSaveButton();
    showProblem(m_ui->formProblem, {});
    job->start();
}

void DefinitionEditor::saveFinished(ApiJob *job, const Definition &result)
{
    m_saveJob = nullptr;
    updateSaveButton();
    if (!job->succeeded())
        return showServerError(job->error());
    m_baseline = definition().toJson();
    Q_EMIT saved(result);
    accept();
}

void DefinitionEditor::showServerError(const ApiError &error)
{
    showProblem(m_ui->formProblem, error.sentence());
    QHash<QLabel *, QStringList> shown;
    for (const QString &line : error.serverMessage().split(u'\n', Qt::SkipEmptyParts)) {
        if (const Field *field = fieldNamedIn(line))
            shown[field->problem].append(line);
    }
    for (auto it = shown.cbegin(); it != shown.cend(); ++it)
        showProblem(it.key(), it.value().join(u'\n'));
}

void DefinitionEditor::reject()
{
    if (!hasUnsavedChanges())
        return QDialog::reject();
    auto *question = new QMessageBox(QMessageBox::Question, tr("Unsaved changes"),
                                     tr("This definition has changes that are not saved."), QMessageBox::Discard, this);
    question->setObjectName(QStringLiteral("unsavedChanges"));
    QPushButton *keep = question->addButton(tr("&Keep editing"), QMessageBox::RejectRole);
    question->setDefaultButton(keep);
    question->setAttribute(Qt::WA_DeleteOnClose);
    connect(question, &QMessageBox::finished, this, [this, question] {
        if (question->buttonRole(question->clickedButton()) == QMessageBox::DestructiveRole)
            QDialog::reject();
    });
    question->open();
}

} // namespace Flotilla
