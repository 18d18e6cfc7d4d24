#pragma once

#include <wire/run.h>

#include <QWidget>

class QAction;
class QTableView;

namespace Flotilla {

class ApiError;
class FlotillaClient;
class RunFilterBar;
class RunListModel;

// Every run of the server, live: active ones by default, with status,
// alias, cluster, env, started and finished filters. Several runs can be
// selected (Shift, Ctrl): Stop and Retry then act on each that can take
// them, Watch on the active ones, Copy IDs on all.
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
    QList<Run> selectedRuns() const; // in table order

Q_SIGNALS:
    void runActivated(const Flotilla::Run &run);
    void stopRequested(const Flotilla::Run &run);
    void retryRequested(const Flotilla::Run &run);
    // With more than one run selected (only those that can be stopped or retried).
    void stopRunsRequested(const QList<Flotilla::Run> &runs);
    void retryRunsRequested(const QList<Flotilla::Run> &runs);
    void watchRequested(const QList<Flotilla::Run> &runs); // the active ones selected
    void copyIdsRequested(const QList<Flotilla::Run> &runs);
    void errorOccurred(const Flotilla::ApiError &error);

private:
    void selectionChanged();
    QList<Run> selectedRunsWhere(bool (Run::*test)() const, bool wanted) const;

    RunListModel *m_model;
    RunFilterBar *m_filters;
    QTableView *m_table;
    QAction *m_stop;
    QAction *m_retry;
    QAction *m_watch;
    QAction *m_copyIds;
};

} // namespace Flotilla
