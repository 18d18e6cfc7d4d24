#pragma once

#include <wire/template.h>

#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTableView;
class QTreeWidget;

namespace Flotilla {

class FlotillaClient;
class RunListModel;
class TemplateListModel;
struct Run;

// The detail pane of a template: its attributes, every version (choose one
// to see it), its schema, defaults, command template and env, and the runs
// of the version shown (live, newest first).
class TemplateDetails final : public QWidget
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
    RunListModel *runs() const { return m_runs; }
    TemplateListModel *versions() const { return m_versions; }

Q_SIGNALS:
    void runActivated(const Flotilla::Run &run);

private:
    void show(const Template &tpl);
    void versionChosen(int row);
    void pointAtShownVersion();

    FlotillaClient *m_client = nullptr;
    Template m_template;
    QLabel *m_title;
    QWidget *m_body;
    QFormLayout *m_attributes;
    QList<QLabel *> m_values;
    QComboBox *m_versionCombo;
    TemplateListModel *m_versions;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_schema;
    QPlainTextEdit *m_defaults;
    QPlainTextEdit *m_command;
    QTreeWidget *m_env;
    QTableView *m_runView;
    RunListModel *m_runs;
};

} // namespace Flotilla
