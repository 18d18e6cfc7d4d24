#include "definitiondetails.h"

#include <history/historychart.h>
#include <lists/runlistmodel.h>

#include <QFontDatabase>
#include <QLabel>
#include <QTableView>
#include <QTreeWidget>

namespace Flotilla {

namespace {

enum Attribute { Alias, Id, Group, Image, Command, Memory, Cpu, Tags, AttributeCount };

} // namespace

DefinitionDetails::DefinitionDetails(QWidget *parent)
    : DetailsPane(tr("Definition"), QT_TRANSLATE_NOOP("Flotilla::Tables", "Runs of this definition"), parent)
    , m_values(addAttributeRows({tr("Alias:"), tr("Definition ID:"), tr("Group:"), tr("Image:"), tr("Command:"),
                                 tr("Memory (MB):"), tr("CPU (units):"), tr("Tags:")}))
    , m_env(createEnvView(body()))
    , m_history(new HistoryChart(body()))
{
    m_values[Command]->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_env->setMaximumHeight(m_env->fontMetrics().height() * 8);
    runView()->setColumnHidden(RunListModel::Alias, true); // the definition's own
    offerRunFilters(RunFilterBar::Status | RunFilterBar::Cluster | RunFilterBar::Started);
    layOutBody(m_env, tr("Environment"));
    addRunsTab(m_history, tr("&History"));
    connect(m_history, &HistoryChart::runActivated, this, &DetailsPane::runActivated);
    setDefinition({});
}

void DefinitionDetails::setClient(FlotillaClient *client)
{
    m_client = client;
    setDefinition({});
}

void DefinitionDetails::setDefinition(const Definition &definition)
{
    m_definition = definition;
    const QString title = definition.alias.isEmpty() ? definition.definitionId : definition.alias;
    showTitle(title, tr("Select a definition to see its details and runs."));
    if (definition.definitionId.isEmpty())
        return m_history->showRunsOf(nullptr, {}, false, {});
    const auto number = [](const std::optional<qint64> &value) { return value ? QString::number(*value) : QString(); };
    const QString texts[AttributeCount] = {definition.alias,       definition.definitionId,
                                           definition.groupName,   definition.image,
                                           definition.command,     number(definition.memory),
                                           number(definition.cpu), definition.tags.join(QStringLiteral(", "))};
    for (int i = 0; i < AttributeCount; ++i)
        m_values[i]->setText(texts[i]);
    showEnv(m_env, definition.env);
    showRunsOf(m_client, definition.definitionId, false);
    m_history->showRunsOf(m_client, definition.definitionId, false, title);
}

} // namespace Flotilla
