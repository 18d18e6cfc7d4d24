#pragma once

#include "timelinelayout.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QTimer>

namespace Flotilla {

class ApiError;
class FlotillaClient;
class RunListModel;

// The runs of a time range as timeline rows (one per cluster or definition),
// loaded through two paged RunListModels with no route of their own: the
// runs that finished in or after the range and started before its end, and
// the runs still running. Every page is fetched; both refresh live, and the
// rows are rebuilt (once per event-loop turn) when they change.
//
// A row of this model is a row of the timeline; its runs are in rows().
class RunTimelineModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunTimelineModel)

public:
    enum Column { Name, Runs, Lanes, ColumnCount };
    Q_ENUM(Column)

    static constexpr int maxLanes = 6;

    explicit RunTimelineModel(QObject *parent = nullptr);

    void setClient(FlotillaClient *client);
    // The runs overlapping [from, until]; an invalid `until` is "up to now",
    // so new runs keep coming.
    void setRange(const QDateTime &from, const QDateTime &until);
    TimelineGrouping grouping() const { return m_grouping; }
    void setGrouping(TimelineGrouping grouping);
    void setRefreshInterval(int milliseconds); // 0: by server
    void refresh();

    bool isLoading() const;
    const QList<TimelineRow> &rows() const { return m_rows; }
    // The run a bar stands for.
    const Run &run(const TimelineBar &bar) const { return m_runs[bar.run]; }
    int runCount() const { return int(m_runs.size()); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // Rows or runs changed: a view repaints.
    void runsChanged();
    void loadingChanged(bool loading);
    void errorOccurred(const Flotilla::ApiError &error);

private:
    void follow(RunListModel *source);
    void fetchRest(RunListModel *source);
    void rebuild();

    RunListModel *m_finished;
    RunListModel *m_running;
    QTimer m_rebuildTimer;
    TimelineGrouping m_grouping = TimelineGrouping::ByCluster;
    QList<Run> m_runs;
    QList<TimelineRow> m_rows;
};

} // namespace Flotilla
