#include "templatedetails.h"

#include <history/historychart.h>
#include <lists/templatelistmodel.h>

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTreeWidget>

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
    : DetailsPane(tr("Template"), QT_TRANSLATE_NOOP("Flotilla::Tables", "Runs of this template"), parent)
    , m_versionCombo(new QComboBox(body()))
    , m_versions(new TemplateListModel(nullptr, this))
    , m_tabs(new QTabWidget(body()))
    , m_schema(codeView(tr("Schema"), m_tabs))
    , m_defaults(codeView(tr("Defaults"), m_tabs))
    , m_command(codeView(tr("Command template"), m_tabs))
    , m_env(createEnvView(m_tabs))
    , m_history(new HistoryChart(body()))
{
    m_versions->setLatestOnly(false);
    m_versions->sort(TemplateListModel::Version, Qt::DescendingOrder);
    m_versionCombo->setModel(m_versions);
    m_versionCombo->setModelColumn(TemplateListModel::Version);
    m_versionCombo->setAccessibleName(tr("Version"));
    m_versionCombo->setToolTip(tr("Every version of this template; runs keep the version they ran"));
    attributes()->addRow(tr("&Version:"), m_versionCombo);
    m_values = addAttributeRows({tr("Template ID:"), tr("Image:"), tr("Memory (MB):"), tr("CPU (units):"), tr("Tags:")});
    connect(m_versionCombo, &QComboBox::activated, this, &TemplateDetails::versionChosen);
    // The list arrives after the template: point the box at the version shown.
    connect(m_versions, &QAbstractItemModel::rowsInserted, this, &TemplateDetails::pointAtShownVersion);

    m_tabs->addTab(m_command, tr("Co&mmand template"));
    m_tabs->addTab(m_schema, tr("&Schema"));
    m_tabs->addTab(m_defaults, tr("&Defaults"));
    m_tabs->addTab(m_env, tr("&Environment"));
    m_tabs->setAccessibleName(tr("Template contents"));
    m_tabs->setMaximumHeight(m_tabs->fontMetrics().height() * 14);
    layOutBody(m_tabs);
    addRunsTab(m_history, tr("&History"));
    connect(m_history, &HistoryChart::runActivated, this, &DetailsPane::runActivated);
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
    m_template = tpl;
    showTitle(tpl.templateId.isEmpty() ? QString() : tpl.displayName(),
              tr("Select a template to see its versions, schema and runs."));
    if (tpl.templateId.isEmpty())
        return m_history->showRunsOf(nullptr, {}, true, {});
    const auto number = [](const std::optional<qint64> &value) { return value ? QString::number(*value) : QString(); };
    const QString texts[AttributeCount] = {tpl.templateId, tpl.image, number(tpl.memory), number(tpl.cpu),
                                           tpl.tags.join(QStringLiteral(", "))};
    for (int i = 0; i < AttributeCount; ++i)
        m_values[i]->setText(texts[i]);
    pointAtShownVersion();
    m_command->setPlainText(tpl.commandTemplate);
    m_schema->setPlainText(toQString(tpl.schema.dump(2)));
    m_defaults->setPlainText(toQString(tpl.defaults.dump(2)));
    showEnv(m_env, tpl.env);
    showRunsOf(m_client, tpl.templateId, true);
    m_history->showRunsOf(m_client, tpl.templateId, true, tpl.templateName);
}

} // namespace Flotilla
