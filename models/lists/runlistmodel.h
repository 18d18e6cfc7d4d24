#pragma once

#include "itemtablemodel.h"

#include <wire/run.h>

#include <QDateTime>
#include <QHash>

namespace Flotilla {

// Runs (GET /history, or /task/{id}/history with a definition id), paged,
// newest first by default: queued_at on our control plane, started_at on
// upstream servers, which cannot sort by queued_at.
//
// Live: against our control plane the change feed updates changed runs in
// place and brings new ones (see PagedTableModel). Without it, while auto
// refresh is on, a timer (1 s for our control plane, 5 s,
// upstream's own cadence, for other servers) updates the rows of runs that
// are not STOPPED in place, by run_id, with one dataChanged per refresh, and
// when sorted newest first inserts new runs at the top. Rows are never
// reset by a refresh, so selection and scroll position stay. The Duration
// column ticks every second for running runs.
//
// Sortable columns follow the server: ours sorts by run id, status, alias,
// group, cluster and the three times; upstream by run id, status, group,
// cluster, started and finished.
class RunListModel final : public ItemTableModel<Run>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunListModel)
    Q_PROPERTY(QString definitionId READ definitionId WRITE setDefinitionId)
    Q_PROPERTY(bool autoRefresh READ autoRefresh WRITE setAutoRefresh)
    Q_PROPERTY(int refreshInterval READ refreshInterval WRITE setRefreshInterval)

public:
    enum Column {
        Status,
        Alias,
        Group,
        Cluster,
        QueuedAt,
        StartedAt,
        FinishedAt,
        Duration,
        ExitCode,
        User,
        RunId,
        // Hidden until chosen from the column menu; last, so saved header
        // states of older versions keep their columns.
        Engine,
        MaxMemory, // the peak used, MB
        ColumnCount
    };
    Q_ENUM(Column)
    enum RunRole {
        StatusRole = FirstCustomRole, // RunStatus as int
        DurationRole,                 // qint64 ms; running runs up to now, none before start
    };
    Q_ENUM(RunRole)

    explicit RunListModel(FlotillaClient *client = nullptr, QObject *parent = nullptr);

    // Only the runs of this definition (empty: all runs).
    QString definitionId() const { return m_definitionId; }
    void setDefinitionId(const QString &definitionId);
    // The runs of a template (/v7/template/{id}/history) instead.
    void setTemplateId(const QString &templateId);

    void setGroupFilter(const QString &group);
    void setAliasFilter(const QString &text);               // substring
    void setStatusFilter(const QList<RunStatus> &statuses); // any of them; empty: all
    void setClusterFilter(const QString &cluster);
    void setEnvFilter(const EnvList &pairs); // every pair must hold
    // Time bounds; an invalid QDateTime removes the bound.
    void setStartedBetween(const QDateTime &since, const QDateTime &until);
    void setFinishedBetween(const QDateTime &since, const QDateTime &until);

    bool autoRefresh() const { return m_autoRefresh; }
    void setAutoRefresh(bool on);
    // 0 (the default) chooses by server: 1 s for our control plane, else 5 s.
    int refreshInterval() const;
    void setRefreshInterval(int milliseconds);

    // The row of a loaded run, -1 if it is not loaded.
    int rowOf(const QString &runId) const override;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    // New runs at the top (when newest first) and the runs not STOPPED in place.
    void refresh() override;

private:
    QString sortKey(int column) const override;
    int fallbackSortColumn() const override { return StartedAt; }
    void addFilters(QUrlQuery &query) const override;
    ApiJob *createListJob(FlotillaClient &client, const QUrlQuery &query) override;
    QList<Run> itemsOf(ApiJob &job, qint64 *total) const override;
    QString idOf(const Run &run) const override { return run.runId; }
    bool differ(const Run &a, const Run &b) const override;
    qint64 appendPage(ApiJob &job) override;
    void clearRows() override;
    QString changeKind() const override { return QStringLiteral("run"); }
    ResultJob<Run> *createItemJob(FlotillaClient &client, const QString &id) override { return client.run(id); }
    void replaceItem(int row, const Run &run) override;
    // The single reads of ended runs answer first: a list read meanwhile could be older than them.
    bool hasRefreshReadsOut() const override { return m_pendingRuns > 0; }

    void addFilters(QUrlQuery &query, bool withStatus) const;
    bool isNewestFirst() const;
    void intern(QList<Run> &runs);
    void internString(QString &text);
    void trackActive(int firstRow, int lastRow);
    int activeRow(const QString &runId) const;
    void refreshHead(qint64 limit);
    QHash<QString, int> topRows(int count) const; // run id -> row, for the first `count` rows
    int knownRow(const QString &runId, const QHash<QString, int> &top) const;
    void mergeHead(QList<Run> head, const QHash<QString, int> &top);
    void refreshActive();
    void updateActive(const QList<Run> &runs, bool complete);
    void fetchVanished(const QStringList &runIds);
    // Puts `run` in `row` when it changed; widens [*first, *last] to it.
    void updateRow(int row, const Run &run, int *first, int *last);
    void emitChanged(int first, int last);
    void tickDurations();
    void scheduleRefresh();

    QString m_definitionId; // or the template's id
    bool m_ofTemplate = false;
    QString m_group;
    QString m_alias;
    QList<RunStatus> m_statuses;
    QString m_cluster;
    EnvList m_env;
    QDateTime m_startedSince, m_startedUntil, m_finishedSince, m_finishedUntil;

    // Runs not STOPPED: run id -> row key; row = key + m_rowShift, which
    // grows when runs go in at the top, so no key changes then.
    QHash<QString, qint64> m_activeKeys;
    qint64 m_rowShift = 0;
    // One copy of each string that repeats across runs (aliases, images,
    // commands, env names...): 100,000 rows share them.
    QSet<QString> m_strings;
    int m_pendingRuns = 0;    // single-run reads of a refresh still out
    quint64 m_generation = 0; // bumped by clearRows(): late answers are dropped
    QTimer m_refreshTimer;
    QTimer m_tickTimer;
    int m_refreshInterval = 0;
    bool m_autoRefresh = true;
};

} // namespace Flotilla

Q_DECLARE_METATYPE(Flotilla::Run)
