#include "definitiondetails.h"

#include <runs/runstatusdelegate.h>
#include <widgets/tableviews.h>

#include <lists/runlistmodel.h>

#include <QFontDatabase>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Flotilla {

namespace {

enum Attribute { Alias, Id, Group, Image, Command, Memory, Cpu, Tags, AttributeCount };

} // namespace

DefinitionDetails::DefinitionDetails(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_body(new QWidget(this))
    , m_attributes(new QFormLayout)
    , m_env(new QTreeWidget(m_body))
    , m_runView(new QTableView(m_body))
    , m_runs(new RunListModel(nullptr, this))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAccessibleName(tr("Definition"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true); // else its hint sets the main window's minimum width

    const QString labels[AttributeCount] = {
        tr("Alias:"),       tr("Definition ID:"),    tr("Group:"), tr("Image:"), tr("Command:"),
        tr("Memory (MB):"), tr("CPU (millicores):"), tr("Tags:")};
    m_attributes->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (const QString &label : labels) {
        auto *value = new QLabel(m_body);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        value->setWordWrap(true);
        value->setAccessibleName(label.chopped(1));
        m_attributes->addRow(label, value);
        m_values.append(value);
    }
    m_values[Command]->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    m_env->setColumnCount(2);
    m_env->setHeaderLabels({tr("Name"), tr("Value")});
    m_env->setRootIsDecorated(false);
    m_env->setUniformRowHeights(true);
    m_env->setAccessibleName(tr("Environment variables"));
    m_env->setMaximumHeight(m_env->fontMetrics().height() * 8);

    m_runs->setPageSize(50);
    setUpTable(m_runView, m_runs, QT_TRANSLATE_NOOP("Flotilla::Tables", "Runs of this definition"));
    m_runView->setItemDelegateForColumn(RunListModel::Status, new RunStatusDelegate(m_runView));
    RunStatusDelegate::fitColumn(m_runView, RunListModel::Status);
    for (int column : {int(RunListModel::Alias), int(RunListModel::Group), int(RunListModel::User)})
        m_runView->setColumnHidden(column, true);
    m_runView->horizontalHeader()->resizeSection(RunListModel::Status, 120);
    fitTimeColumns(m_runView, {RunListModel::QueuedAt, RunListModel::StartedAt, RunListModel::FinishedAt});
    connect(m_runView, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT runActivated(index.data(PagedTableModel::ObjectRole).value<Run>());
    });

    auto *bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addLayout(m_attributes);
    bodyLayout->addWidget(new QLabel(tr("Environment"), m_body));
    bodyLayout->addWidget(m_env);
    bodyLayout->addWidget(new QLabel(tr("Runs"), m_body));
    bodyLayout->addWidget(m_runView, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_body, 1);
    setDefinition({});
}

void DefinitionDetails::setClient(FlotillaClient *client)
{
    m_client = client;
    setDefinition({});
}

void DefinitionDetails::setDefinition(const Definition &definition)
{
    const bool sameDefinition = definition.definitionId == m_definition.definitionId;
    m_definition = definition;
    m_body->setVisible(!definition.definitionId.isEmpty());
    if (definition.definitionId.isEmpty()) {
        m_title->setText(tr("Select a definition to see its details and runs."));
        m_runs->setClient(nullptr); // with no definition id it would list every run
        return;
    }
    m_title->setText(definition.alias);
    const auto number = [](const std::optional<qint64> &value) { return value ? QString::number(*value) : QString(); };
    const QString texts[AttributeCount] = {definition.alias,       definition.definitionId,
                                           definition.groupName,   definition.image,
                                           definition.command,     number(definition.memory),
                                           number(definition.cpu), definition.tags.join(QStringLiteral(", "))};
    for (int i = 0; i < AttributeCount; ++i)
        m_values[i]->setText(texts[i]);
    m_env->clear();
    for (const EnvVar &var : definition.env)
        m_env->addTopLevelItem(new QTreeWidgetItem({var.name, var.value}));
    if (!sameDefinition || m_runs->client() != m_client) {
        m_runs->setClient(m_client);
        m_runs->setDefinitionId(definition.definitionId);
        m_runs->reload();
    }
}

} // namespace Flotilla
