#pragma once

#include <runs/detailspane.h>
#include <wire/definition.h>

class QLabel;
class QTreeWidget;

namespace Flotilla {

class HistoryChart;

// The detail pane of a definition: its attributes, env and tags, and its
// runs (live, newest first) as a table and as a history chart.
class DefinitionDetails final : public DetailsPane
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DefinitionDetails)

public:
    explicit DefinitionDetails(QWidget *parent = nullptr);

    void setClient(FlotillaClient *client);
    // An empty definition (no id) shows the "nothing selected" state.
    void setDefinition(const Definition &definition);
    const Definition &definition() const { return m_definition; }
    HistoryChart *history() const { return m_history; }

private:
    FlotillaClient *m_client = nullptr;
    Definition m_definition;
    QList<QLabel *> m_values;
    QTreeWidget *m_env;
    HistoryChart *m_history;
};

} // namespace Flotilla
