#pragma once

#include <wire/run.h>

#include <QWidget>

class QAction;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;

namespace Flotilla {

class ClustersModel;
class FlotillaClient;
class NameFilterCombo;
class RunListModel;

// The filters of a run table, applied to its RunListModel as they change:
// status (a menu of checkable statuses), alias, cluster, env NAME=VALUE
// pairs, and started and finished time bounds. Each table shows the ones it
// needs: the runs page all, a definition's runs status, cluster and started.
class RunFilterBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunFilterBar)

public:
    enum Filter {
        Status = 0x01,
        Alias = 0x02,
        Cluster = 0x04,
        Env = 0x08,
        Started = 0x10,
        Finished = 0x20,
        AllFilters = 0x3f,
    };
    Q_DECLARE_FLAGS(Filters, Filter)

    // `shownStatuses`: the statuses checked at first (empty: all).
    RunFilterBar(RunListModel *model, Filters filters, const QList<RunStatus> &shownStatuses, QWidget *parent = nullptr);

    void setClient(FlotillaClient *client); // for the cluster names
    void refresh();                         // the cluster names
    void focusAlias();
    void showCluster(const QString &cluster);

private:
    void applyStatusFilter();
    void applyEnvFilter();
    void applyTimeFilter();

    RunListModel *m_model;
    ClustersModel *m_clusters;
    QToolButton *m_statusButton;
    QList<QAction *> m_statusActions;
    QLineEdit *m_aliasFilter;
    NameFilterCombo *m_clusterFilter;
    QLineEdit *m_envFilter;
    QDateTimeEdit *m_startedSince;
    QDateTimeEdit *m_startedUntil;
    QDateTimeEdit *m_finishedSince;
    QDateTimeEdit *m_finishedUntil;
    QLabel *m_filterProblem;
    QTimer *m_textDebounce;
};

} // namespace Flotilla

Q_DECLARE_OPERATORS_FOR_FLAGS(Flotilla::RunFilterBar::Filters)
