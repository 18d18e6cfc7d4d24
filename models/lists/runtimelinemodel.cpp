#include "runtimelinemodel.h"

#include "runlistmodel.h"

#include <QSet>

#include <algorithm>

namespace Flotilla {

RunTimelineModel::RunTimelineModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_finished(new RunListModel(nullptr, this))
    , m_running(new RunListModel(nullptr, this))
{
    m_running->setStatusFilter({RunStatus::Running});
    m_rebuildTimer.setSingleShot(true);
    m_rebuildTimer.setInterval(0);
    connect(&m_rebuildTimer, &QTimer::timeout, this, &RunTimelineModel::rebuild);
    follow(m_finished);
    follow(m_running);
}

void RunTimelineModel::follow(RunListModel *source)
{
    const auto changed = [this] { m_rebuildTimer.start(); };
    connect(source, &QAbstractItemModel::rowsInserted, this, changed);
    connect(source, &QAbstractItemModel::rowsRemoved, this, changed);
    connect(source, &QAbstractItemModel::modelReset, this, changed);
    connect(source, &QAbstractItemModel::layoutChanged, this, changed);
    // The duration column ticks every second; only what moves a bar counts.
    connect(source, &QAbstractItemModel::dataChanged, this,
            [changed](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                if (topLeft.column() != RunListModel::Duration || bottomRight.column() != RunListModel::Duration)
                    changed();
            });
    connect(source, &RunListModel::loadingChanged, this, [this, source](bool loading) {
        if (!loading)
            fetchRest(source);
        Q_EMIT loadingChanged(isLoading());
    });
    connect(source, &RunListModel::errorOccurred, this, &RunTimelineModel::errorOccurred);
}

void RunTimelineModel::fetchRest(RunListModel *source)
{
    // Every run in range: a timeline with a gap would mislead.
    if (source->canFetchMore({}))
        source->fetchMore({});
}

void RunTimelineModel::setClient(FlotillaClient *client)
{
    m_finished->setClient(client);
    m_running->setClient(client);
}

void RunTimelineModel::setRange(const QDateTime &from, const QDateTime &until)
{
    // Overlapping [from, until]: started by its end and finished after its
    // start, or not finished yet (the server's time bounds leave those out).
    m_finished->setFinishedBetween(from, {});
    m_finished->setStartedBetween({}, until);
    m_running->setStartedBetween({}, until);
}

void RunTimelineModel::setGrouping(TimelineGrouping grouping)
{
    if (grouping == m_grouping)
        return;
    m_grouping = grouping;
    rebuild();
    Q_EMIT headerDataChanged(Qt::Horizontal, Name, Name);
}

void RunTimelineModel::setRefreshInterval(int milliseconds)
{
    m_finished->setRefreshInterval(milliseconds);
    m_running->setRefreshInterval(milliseconds);
}

void RunTimelineModel::refresh()
{
    m_finished->refresh();
    m_running->refresh();
}

bool RunTimelineModel::isLoading() const
{
    return m_finished->isLoading() || m_running->isLoading();
}

void RunTimelineModel::rebuild()
{
    m_rebuildTimer.stop();
    QList<Run> runs;
    runs.reserve(m_finished->rowCount() + m_running->rowCount());
    QSet<QString> seen;
    // A run that just finished can be in both lists: the finished one knows more.
    for (RunListModel *source : {m_finished, m_running}) {
        for (int row = 0; row < source->rowCount(); ++row) {
            const Run &run = source->itemAt(row);
            if (!seen.contains(run.runId)) {
                seen.insert(run.runId);
                runs.append(run);
            }
        }
    }
    QList<TimelineRow> rows = buildTimelineRows(runs, m_grouping, maxLanes);
    const bool sameRows = std::equal(rows.cbegin(), rows.cend(), m_rows.cbegin(), m_rows.cend(),
                                     [](const TimelineRow &a, const TimelineRow &b) { return a.name == b.name; });
    if (!sameRows)
        beginResetModel();
    m_runs = std::move(runs);
    m_rows = std::move(rows);
    if (!sameRows)
        endResetModel();
    else if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
    Q_EMIT runsChanged();
}

int RunTimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RunTimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || role != Qt::DisplayRole)
        return {};
    const TimelineRow &row = m_rows[index.row()];
    switch (Column(index.column())) {
    case Name: return row.name;
    case Runs: return int(row.bars.size());
    case Lanes: return row.lanes;
    case ColumnCount: break;
    }
    return {};
}

QVariant RunTimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Name: return m_grouping == TimelineGrouping::ByCluster ? tr("Cluster") : tr("Definition");
    case Runs: return tr("Runs");
    case Lanes: return tr("Lanes");
    case ColumnCount: break;
    }
    return {};
}

} // namespace Flotilla
