#pragma once

#include <wire/definition.h>

#include <QWidget>

class QFormLayout;
class QLabel;
class QTableView;
class QTreeWidget;

namespace Flotilla {

class FlotillaClient;
class RunListModel;
struct Run;

// The detail pane of a definition: its attributes, env and tags, and its
// runs (live, newest first).
class DefinitionDetails final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DefinitionDetails)

public:
    explicit DefinitionDetails(QWidget *parent = nullptr);

    void setClient(FlotillaClient *client);
    // An empty definition (no id) shows the "nothing selected" state.
    void setDefinition(const Definition &definition);
    const Definition &definition() const { return m_definition; }
    RunListModel *runs() const { return m_runs; }

Q_SIGNALS:
    void runActivated(const Flotilla::Run &run);

private:
    FlotillaClient *m_client = nullptr;
    Definition m_definition;
    QLabel *m_title;
    QWidget *m_body;
    QFormLayout *m_attributes;
    QList<QLabel *> m_values;
    QTreeWidget *m_env;
    QTableView *m_runView;
    RunListModel *m_runs;
};

} // namespace Flotilla
