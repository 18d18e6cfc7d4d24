#pragma once

#include "runfilterbar.h"

#include <wire/envvar.h>

#include <QWidget>

class QAction;
class QFormLayout;
class QHBoxLayout;
class QLabel;
class QTableView;
class QTabWidget;
class QTreeWidget;

namespace Flotilla {

// An env table: name and value, one variable a row.
QTreeWidget *createEnvView(QWidget *parent);
void showEnv(QTreeWidget *view, const EnvList &env);

class FlotillaClient;
class RunListModel;
class RunSelectionActions;
struct Run;

// What the detail panes of definitions and templates share: a title, a body
// shown only while something is selected, rows of selectable attributes,
// env tables, and the selected item's runs (live, newest first, filtered
// where the pane offers filters; Enter opens one; the actions on selected runs).
class DetailsPane : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailsPane)

public:
    ~DetailsPane() override;

    RunListModel *runs() const { return m_runs; }
    // Buttons for `actions` beside the title (Star, say).
    void addTitleActions(const QList<QAction *> &actions);
    RunSelectionActions *runActions() const { return m_runActions; }

Q_SIGNALS:
    void runActivated(const Flotilla::Run &run);

protected:
    // `titleName`: the title's accessible name; `runsName`: the runs table's (QT_TRANSLATE_NOOP).
    DetailsPane(const QString &titleName, const char *runsName, QWidget *parent);

    QWidget *body() const { return m_body; }
    QFormLayout *attributes() const { return m_attributes; }
    QTableView *runView() const { return m_runView; }
    // A selectable value label for each row label ("Image:"), in order.
    QList<QLabel *> addAttributeRows(const QStringList &labels);
    // Filters over the runs; call before layOutBody().
    void offerRunFilters(RunFilterBar::Filters filters);
    // Puts the attributes, `middle` (under `middleTitle` if there is one) and the runs into the body.
    void layOutBody(QWidget *middle, const QString &middleTitle = {});
    // Another view of the runs (a chart, say) in a tab beside their table.
    void addRunsTab(QWidget *page, const QString &label);
    // The body with `title`, or only `emptyHint` (and no runs) while nothing is selected.
    void showTitle(const QString &title, const QString &emptyHint);
    // The runs of a definition or a template; reloads only when they change.
    void showRunsOf(FlotillaClient *client, const QString &id, bool ofTemplate);

private:
    QLabel *m_title;
    QHBoxLayout *m_titleRow;
    QWidget *m_body;
    QFormLayout *m_attributes;
    QTableView *m_runView;
    QTabWidget *m_runTabs;
    RunListModel *m_runs;
    RunSelectionActions *m_runActions;
    RunFilterBar *m_runFilters = nullptr;
    bool m_runsOfTemplate = false;
};

} // namespace Flotilla
