#pragma once

#include <runs/detailspane.h>
#include <wire/template.h>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTreeWidget;

namespace Flotilla {

class HistoryChart;
class TemplateListModel;

// The detail pane of a template: its attributes, every version (choose one
// to see it), its command template, schema, defaults and env, and the runs
// of the version shown (live, newest first) as a table and a history chart.
class TemplateDetails final : public DetailsPane
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TemplateDetails)

public:
    explicit TemplateDetails(QWidget *parent = nullptr);

    void setClient(FlotillaClient *client);
    // An empty template (no id) shows the "nothing selected" state.
    void setTemplate(const Template &tpl);
    // The version shown: the one set, or another chosen in the versions box.
    const Template &shownTemplate() const { return m_template; }
    TemplateListModel *versions() const { return m_versions; }
    HistoryChart *history() const { return m_history; }

private:
    void show(const Template &tpl);
    void versionChosen(int row);
    void pointAtShownVersion();

    FlotillaClient *m_client = nullptr;
    Template m_template;
    QComboBox *m_versionCombo;
    TemplateListModel *m_versions;
    QList<QLabel *> m_values;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_schema;
    QPlainTextEdit *m_defaults;
    QPlainTextEdit *m_command;
    QTreeWidget *m_env;
    HistoryChart *m_history;
};

} // namespace Flotilla
