#include "templatedetails.h"

#include <runs/runstatusdelegate.h>
#include <widgets/tableviews.h>

#include <lists/runlistmodel.h>
#include <lists/templatelistmodel.h>

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Flotilla {

namespace {

enum Attribute { Id, Image, Memory, Cpu, Tags, AttributeCount };

QPlainTextEdit *codeView(const QString &accessibleName, QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setAccessibleName(accessibleName);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    return view;
}

} // namespace

TemplateDetails::TemplateDetails(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_body(new QWidget(this))
    , m_attributes(new QFormLayout)
    , m_versionCombo(new QComboBox(m_body))
    , m_versions(new TemplateListModel(nullptr, this))
    , m_tabs(new QTabWidget(m_body))
    , m_schema(codeView(tr("Schema"), m_tabs))
    , m_defaults(codeView(tr("Defaults"), m_tabs))
    , m_command(codeView(tr("Command template"), m_tabs))
    , m_env(new QTreeWidget(m_tabs))
    , m_runView(new QTableView(m_body))
    , m_runs(new RunListModel(nullptr, this))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAccessibleName(tr("Template"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);

    m_versions->setLatestOnly(false);
    m_versions->sort(TemplateListModel::Version, Qt::DescendingOrder);
    m_versionCombo->setModel(m_versions);
    m_versionCombo->setModelColumn(TemplateListModel::Version);
    m_versionCombo->setAccessibleName(tr("Version"));
    m_versionCombo->setToolTip(tr("Every version of this template; runs keep the version they ran"));
    m_attributes->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_attributes->addRow(tr("&Version:"), m_versionCombo);
    const QString labels[AttributeCount] = {tr("Template ID:"), tr("Image:"), tr("Memory (MB):"),
                                            tr("CPU (millicores):"), tr("Tags:")};
    for (const QString &label : labels) {
        auto *value = new QLabel(m_body);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        value->setWordWrap(true);
        value->setAccessibleName(label.chopped(1));
        m_attributes->addRow(label, value);
        m_values.append(value);
    }
    connect(m_versionCombo, &QComboBox::activated, this, &TemplateDetails::versionChosen);
    // The list arrives after the template: point the box at the version shown.
    connect(m_versions, &QAbstractItemModel::rowsInserted, this, &TemplateDetails::pointAtShownVersion);

    m_env->setColumnCount(2);
    m_env->setHeaderLabels({tr("Name"), tr("Value")});
    m_env->setRootIsDecorated(false);
    m_env->setUniformRowHeights(true);
    m_env->setAccessibleName(tr("Environment variables"));
    m_tabs->addTab(m_command, tr("Co&mmand template"));
    m_tabs->addTab(m_schema, tr("&Schema"));
    m_tabs->addTab(m_defaults, tr("&Defaults"));
    m_tabs->addTab(m_env, tr("&Environment"));
    m_tabs->setAccessibleName(tr("Template contents"));
    m_tabs->setMaximumHeight(m_tabs->fontMetrics().height() * 14);

    m_runs->setPageSize(50);
    setUpTable(m_runView, m_runs, QT_TRANSLATE_NOOP("Flotilla::Tables", "Runs of this template"));
    m_runView->setItemDelegateForColumn(RunListModel::Status, new RunStatusDelegate(m_runView));
    RunStatusDelegate::fitColumn(m_runView, RunListModel::Status);
    for (int column : {int(RunListModel::Group), int(RunListModel::User)})
        m_runView->setColumnHidden(column, true);
    m_runView->horizontalHeader()->resizeSection(RunListModel::Status, 120);
    fitTimeColumns(m_runView, {RunListModel::QueuedAt, RunListModel::StartedAt, RunListModel::FinishedAt});
    connect(m_runView, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT runActivated(index.data(PagedTableModel::ObjectRole).value<Run>());
    });

    auto *bodyLayout = new QVBoxLayout(m_body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->addLayout(m_attributes);
    bodyLayout->addWidget(m_tabs);
    bodyLayout->addWidget(new QLabel(tr("Runs"), m_body));
    bodyLayout->addWidget(m_runView, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_body, 1);
    setTemplate({});
}

void TemplateDetails::setClient(FlotillaClient *client)
{
    m_client = client;
    setTemplate({});
}

void TemplateDetails::setTemplate(const Template &tpl)
{
    const bool sameName = tpl.templateName == m_template.templateName && !tpl.templateId.isEmpty()
                          && m_versions->client() == m_client;
    show(tpl);
    if (tpl.templateId.isEmpty()) {
        m_versions->setClient(nullptr);
        return;
    }
    if (!sameName) {
        m_versions->setClient(m_client);
        m_versions->setNameFilter(tpl.templateName);
        m_versions->reload();
    }
}

void TemplateDetails::versionChosen(int row)
{
    if (row >= 0)
        show(m_versions->index(row, 0).data(PagedTableModel::ObjectRole).value<Template>());
}

void TemplateDetails::pointAtShownVersion()
{
    // Only a loaded row: the combo asks its model about an invalid index otherwise.
    if (const int row = m_versions->rowOf(m_template.templateId); row >= 0)
        m_versionCombo->setCurrentIndex(row);
}

void TemplateDetails::show(const Template &tpl)
{
    const bool sameTemplate = tpl.templateId == m_template.templateId;
    m_template = tpl;
    m_body->setVisible(!tpl.templateId.isEmpty());
    if (tpl.templateId.isEmpty()) {
        m_title->setText(tr("Select a template to see its versions, schema and runs."));
        m_runs->setClient(nullptr); // with no id it would list every run
        return;
    }
    m_title->setText(tpl.displayName());
    const auto number = [](const std::optional<qint64> &value) { return value ? QString::number(*value) : QString(); };
    const QString texts[AttributeCount] = {tpl.templateId, tpl.image, number(tpl.memory), number(tpl.cpu),
                                           tpl.tags.join(QStringLiteral(", "))};
    for (int i = 0; i < AttributeCount; ++i)
        m_values[i]->setText(texts[i]);
    pointAtShownVersion();
    m_command->setPlainText(tpl.commandTemplate);
    m_schema->setPlainText(toQString(tpl.schema.dump(2)));
    m_defaults->setPlainText(toQString(tpl.defaults.dump(2)));
    m_env->clear();
    for (const EnvVar &var : tpl.env)
        m_env->addTopLevelItem(new QTreeWidgetItem({var.name, var.value}));
    if (!sameTemplate || m_runs->client() != m_client) {
        m_runs->setClient(m_client);
        m_runs->setTemplateId(tpl.templateId);
        m_runs->reload();
    }
}

} // namespace Flotilla
