#include "envvareditor.h"
#include "envvardelegate.h"
#include "formproblems.h"

#include <lists/envvarmodel.h>

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QTableView>

namespace Flotilla {

namespace {

QPushButton *makeButton(const QString &text, const QString &accessibleName, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setAccessibleName(accessibleName);
    button->setAutoDefault(false); // Return in the table must not press it
    return button;
}

} // namespace

EnvVarEditor::EnvVarEditor(QWidget *parent)
    : QWidget(parent)
    , m_model(new EnvVarModel(this))
    , m_table(new QTableView(this))
    , m_addButton(makeButton(tr("&Add"), tr("Add variable"), this))
    , m_removeButton(makeButton(tr("&Remove"), tr("Remove variable"), this))
    , m_upButton(makeButton(tr("Move &up"), tr("Move variable up"), this))
    , m_downButton(makeButton(tr("Move do&wn"), tr("Move variable down"), this))
    , m_pasteButton(makeButton(tr("&Paste NAME=VALUE lines"), tr("Paste NAME=VALUE lines from the clipboard"), this))
    , m_problemLabel(new QLabel(this))
{
    m_table->setObjectName(QStringLiteral("envTable"));
    m_table->setAccessibleName(tr("Environment variables"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new EnvVarDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    // Typing or F2 edits; a plain selection does not, so Ctrl+V and the buttons act on rows.
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
    m_table->setTabKeyNavigation(false); // Tab leaves the table, as in every other field
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed); // uniform rows
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setSectionResizeMode(EnvVarModel::Name, QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(EnvVarModel::Name, 200);
    m_table->setMinimumHeight(m_table->verticalHeader()->defaultSectionSize() * 5);

    m_addButton->setObjectName(QStringLiteral("addEnvButton"));
    m_removeButton->setObjectName(QStringLiteral("removeEnvButton"));
    m_upButton->setObjectName(QStringLiteral("moveEnvUpButton"));
    m_downButton->setObjectName(QStringLiteral("moveEnvDownButton"));
    m_pasteButton->setObjectName(QStringLiteral("pasteEnvButton"));
    m_problemLabel->setObjectName(QStringLiteral("envProblems"));
    m_problemLabel->setWordWrap(true);
    styleAsProblem(m_problemLabel);
    m_problemLabel->hide();

    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_addButton, m_removeButton, m_upButton, m_downButton})
        buttons->addWidget(button);
    buttons->addStretch();
    buttons->addWidget(m_pasteButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins({});
    layout->addWidget(m_table);
    layout->addLayout(buttons);
    layout->addWidget(m_problemLabel);

    connect(m_addButton, &QPushButton::clicked, this, &EnvVarEditor::add);
    connect(m_removeButton, &QPushButton::clicked, this, &EnvVarEditor::remove);
    connect(m_upButton, &QPushButton::clicked, this, [this] { move(true); });
    connect(m_downButton, &QPushButton::clicked, this, [this] { move(false); });
    connect(m_pasteButton, &QPushButton::clicked, this, &EnvVarEditor::pasteClipboard);
    auto *paste = new QShortcut(QKeySequence::Paste, m_table);
    paste->setContext(Qt::WidgetShortcut); // a cell editor keeps its own Ctrl+V
    connect(paste, &QShortcut::activated, this, &EnvVarEditor::pasteClipboard);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this, &EnvVarEditor::updateButtons);

    const auto edited = [this] {
        showProblems();
        updateButtons();
        Q_EMIT changed();
    };
    connect(m_model, &QAbstractItemModel::dataChanged, this, edited);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, edited);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, edited);
    connect(m_model, &QAbstractItemModel::rowsMoved, this, edited);
    connect(m_model, &QAbstractItemModel::modelReset, this, edited);
    updateButtons();
}

EnvVarEditor::~EnvVarEditor() = default;

EnvList EnvVarEditor::envVars() const
{
    return m_model->envVars();
}

void EnvVarEditor::setEnvVars(const EnvList &vars)
{
    m_pasteProblems.clear();
    m_model->setEnvVars(vars);
}

QStringList EnvVarEditor::problems() const
{
    return m_model->problems();
}

QStringList EnvVarEditor::emptyValueNames() const
{
    QStringList names;
    for (const EnvVar &var : m_model->envVars()) {
        if (var.value.isEmpty() && !var.name.isEmpty())
            names.append(var.name);
    }
    return names;
}

int EnvVarEditor::currentRow() const
{
    return m_table->currentIndex().isValid() ? m_table->currentIndex().row() : -1;
}

void EnvVarEditor::selectRow(int row)
{
    m_table->setCurrentIndex(m_model->index(row, EnvVarModel::Name));
}

void EnvVarEditor::add()
{
    const int row = m_model->addVar();
    selectRow(row);
    m_table->setFocus();
    m_table->edit(m_model->index(row, EnvVarModel::Name));
}

void EnvVarEditor::remove()
{
    const int row = currentRow();
    if (row < 0)
        return;
    m_model->removeVar(row);
    if (m_model->rowCount() > 0)
        selectRow(std::min(row, m_model->rowCount() - 1));
}

void EnvVarEditor::move(bool up)
{
    const int row = currentRow();
    if (row >= 0 && (up ? m_model->moveUp(row) : m_model->moveDown(row)))
        selectRow(up ? row - 1 : row + 1);
}

void EnvVarEditor::pasteClipboard()
{
    m_pasteProblems = m_model->paste(QGuiApplication::clipboard()->text());
    showProblems();
}

void EnvVarEditor::showProblems()
{
    QStringList lines = m_pasteProblems + m_model->problems();
    if (const QStringList empty = emptyValueNames(); !empty.isEmpty())
        lines.append(tr("No value for %1; fill it in unless empty is meant.").arg(empty.join(QStringLiteral(", "))));
    m_problemLabel->setText(lines.join(u'\n'));
    m_problemLabel->setVisible(!lines.isEmpty());
}

void EnvVarEditor::updateButtons()
{
    const int row = currentRow();
    m_removeButton->setEnabled(row >= 0);
    m_upButton->setEnabled(row > 0);
    m_downButton->setEnabled(row >= 0 && row < m_model->rowCount() - 1);
}

} // namespace Flotilla
