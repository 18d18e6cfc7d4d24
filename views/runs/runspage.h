#pragma once

#include <wire/run.h>

#include <QWidget>

class QTabBar;
class QTableView;

namespace Flotilla {

class ApiError;
class FlotillaClient;
class RunFilterBar;
class RunListModel;
class RunSelectionActions;
class RunTimelineView;

// Every run of the server, live: active ones by default, with status,
// alias, cluster, env, started and finished filters, and the actions on
// the selected runs (one or several); or the timeline of all runs.
class RunsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunsPage)

public:
    explicit RunsPage(QWidget *parent = nullptr);

    void setClient(FlotillaClient *client);
    void setRefreshInterval(int milliseconds); // 0: by server
    void refresh();
    void focusFilter();
    void showCluster(const QString &cluster);
    QTableView *table() const { return m_table; }
    RunListModel *model() const { return m_model; }
    RunSelectionActions *runActions() const { return m_runActions; }
    RunTimelineView *timeline() const { return m_timeline; }
    void showTimeline(bool shown);

Q_SIGNALS:
    void runActivated(const Flotilla::Run &run);
    void errorOccurred(const Flotilla::ApiError &error);

private:
    void timelineShown();

    QTabBar *m_views; // Table or Timeline
    FlotillaClient *m_client = nullptr;
    RunListModel *m_model;
    RunFilterBar *m_filters;
    QTableView *m_table;
    RunSelectionActions *m_runActions;
    RunTimelineView *m_timeline;
    bool m_timelineHasClient = false;
};

} // namespace Flotilla
