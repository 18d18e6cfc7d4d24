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
// alias, cluster, env, started and finished filters.
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

Q_SIGNALS:
    void runActivated(const Flotilla::Run &run);
    void stopRequested(const Flotilla::Run &run);
    void retryRequested(const Flotilla::Run &run);
    void watchRequested(const Flotilla::Run &run);
    void copyLinkRequested(const Flotilla::Run &run);
    void errorOccurred(const Flotilla::ApiError &error);

private:
    void selectionChanged();
    std::optional<Run> selectedRun() const;

    RunListModel *m_model;
    RunFilterBar *m_filters;
    QTableView *m_table;
    QAction *m_stop;
    QAction *m_retry;
    QAction *m_watch;
    QAction *m_copyLink;
};

} // namespace Flotilla
