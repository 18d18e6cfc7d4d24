#include "runhistorymodel.h"

#include "runlistmodel.h"

#include <QLocale>

#include <algorithm>

namespace Flotilla {

namespace {

// A lone run, or runs all at one time, still get a bar a person can hover.
constexpr qint64 minimumBarWidthMs = 60 * 1000;

} // namespace

QColor runOutcomeColor(RunOutcome outcome)
{
    // Mid-tone hues keep enough contrast on light and dark window colours.
    switch (outcome) {
    case RunOutcome::Succeeded: return QColor(0x1a, 0x8f, 0x3c);
    case RunOutcome::Failed: return QColor(0xd0, 0x30, 0x30);
    case RunOutcome::StoppedByUser: return QColor(0x86, 0x86, 0x86);
    case RunOutcome::OutOfMemory: return QColor(0x9b, 0x4d, 0xca);
    }
    return {};
}

RunHistoryModel::RunHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_source(new RunListModel(nullptr, this))
{
    m_source->setStatusFilter({RunStatus::Stopped});
    m_source->setPageSizes(m_limit, maxLimit);
    m_rebuildTimer.setSingleShot(true);
    m_rebuildTimer.setInterval(0);
    connect(&m_rebuildTimer, &QTimer::timeout, this, &RunHistoryModel::rebuild);
    connect(m_source, &QAbstractItemModel::modelReset, this, &RunHistoryModel::sourceChanged);
    connect(m_source, &QAbstractItemModel::layoutChanged, this, &RunHistoryModel::sourceChanged);
    connect(m_source, &QAbstractItemModel::rowsInserted, this, &RunHistoryModel::sourceChanged);
    connect(m_source, &QAbstractItemModel::rowsRemoved, this, &RunHistoryModel::sourceChanged);
    connect(m_source, &QAbstractItemModel::dataChanged, this, &RunHistoryModel::sourceChanged);
    connect(m_source, &PagedTableModel::loadingChanged, this, [this](bool loading) {
        if (!loading)
            fetchUpToLimit();
    });
}

RunHistoryModel::~RunHistoryModel() = default;

void RunHistoryModel::showRunsOf(FlotillaClient *client, const QString &id, bool ofTemplate)
{
    // The id first: a new client reloads at once, and must not ask for every run.
    if (ofTemplate)
        m_source->setTemplateId(id);
    else
        m_source->setDefinitionId(id);
    if (m_source->client() != client)
        m_source->setClient(client);
    else
        m_source->reload();
}

void RunHistoryModel::setLimit(int runs)
{
    runs = std::clamp(runs, 1, maxLimit);
    if (runs == m_limit)
        return;
    m_limit = runs;
    m_source->setPageSizes(m_limit, maxLimit);
    fetchUpToLimit();
    sourceChanged();
}

bool RunHistoryModel::isLoading() const
{
    return m_source->isLoading() || m_rebuildTimer.isActive();
}

void RunHistoryModel::fetchUpToLimit()
{
    if (m_source->rowCount() < m_limit && m_source->canFetchMore({}))
        m_source->fetchMore({});
}

void RunHistoryModel::sourceChanged()
{
    m_rebuildTimer.start();
}

void RunHistoryModel::rebuild()
{
    QList<Point> points;
    QList<Run> runs;
    const int count = std::min(m_source->rowCount(), m_limit);
    points.reserve(count);
    runs.reserve(count);
    for (int row = 0; row < count; ++row) {
        const Run &run = m_source->itemAt(row);
        const std::optional<RunOutcome> outcome = runOutcome(run);
        const std::optional<QDateTime> time = run.startedAt ? run.startedAt : run.queuedAt;
        if (!outcome || !time)
            continue;
        points.append({run, *time, finishedDurationMs(run), *outcome});
        runs.append(run);
    }
    std::sort(points.begin(), points.end(), [](const Point &a, const Point &b) { return a.time < b.time; });

    beginResetModel();
    m_points = std::move(points);
    m_stats = RunStats::of(runs);
    m_barWidthMs = minimumBarWidthMs;
    if (m_points.size() > 1) {
        const qint64 span = m_points.constFirst().time.msecsTo(m_points.constLast().time);
        m_barWidthMs = std::max(minimumBarWidthMs, span * 7 / 10 / (m_points.size() - 1));
    }
    for (QList<Bar> &bars : m_bars)
        bars.clear();
    for (int row = 0; row < m_points.size(); ++row) {
        const Point &point = m_points.at(row);
        if (!point.durationMs)
            continue;
        QList<Bar> &bars = m_bars[int(point.outcome)];
        const double middle = double(point.time.toMSecsSinceEpoch());
        const double left = std::max(middle - double(m_barWidthMs) / 2, bars.isEmpty() ? 0 : bars.constLast().right);
        bars.append({left, std::max(left, middle + double(m_barWidthMs) / 2), row});
    }
    endResetModel();
    Q_EMIT historyChanged();
}

std::pair<qint64, qint64> RunHistoryModel::timeRange() const
{
    if (m_points.isEmpty())
        return {0, 0};
    return {m_points.constFirst().time.toMSecsSinceEpoch() - m_barWidthMs,
            m_points.constLast().time.toMSecsSinceEpoch() + m_barWidthMs};
}

QList<QPointF> RunHistoryModel::barOutline(RunOutcome outcome) const
{
    QList<QPointF> line;
    const QList<Bar> &bars = m_bars[int(outcome)];
    line.reserve(bars.size() * 4);
    for (const Bar &bar : bars) {
        const double height = double(*m_points.at(bar.row).durationMs);
        line << QPointF(bar.left, 0) << QPointF(bar.left, height) << QPointF(bar.right, height)
             << QPointF(bar.right, 0);
    }
    return line;
}

int RunHistoryModel::barAt(RunOutcome outcome, double x) const
{
    const QList<Bar> &bars = m_bars[int(outcome)];
    const auto after = std::upper_bound(bars.cbegin(), bars.cend(), x,
                                        [](double at, const Bar &bar) { return at < bar.left; });
    if (after == bars.cbegin())
        return -1;
    const Bar &bar = *std::prev(after);
    return x <= bar.right ? bar.row : -1;
}

QList<QPointF> RunHistoryModel::maxMemoryPoints() const
{
    QList<QPointF> line;
    for (const Point &point : m_points) {
        if (point.run.maxMemoryUsed)
            line.append(QPointF(double(point.time.toMSecsSinceEpoch()), double(*point.run.maxMemoryUsed)));
    }
    return line;
}

QList<QPointF> RunHistoryModel::requestedMemoryPoints() const
{
    // Steps: the request changes seldom, and a dashed line of 1,000 points
    // is slow to paint for nothing.
    QList<QPointF> line;
    for (const Point &point : m_points) {
        if (!point.run.memory)
            continue;
        const QPointF at(double(point.time.toMSecsSinceEpoch()), double(*point.run.memory));
        if (!line.isEmpty() && line.constLast().y() != at.y())
            line.append(QPointF(at.x(), line.constLast().y()));
        if (line.isEmpty() || line.constLast().y() != at.y())
            line.append(at);
    }
    if (line.size() > 0 && m_points.constLast().time.toMSecsSinceEpoch() > line.constLast().x())
        line.append(QPointF(double(m_points.constLast().time.toMSecsSinceEpoch()), line.constLast().y()));
    return line;
}

int RunHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_points.size());
}

int RunHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Point &point = m_points.at(index.row());
    const auto optional = [](const std::optional<qint64> &value) { return value ? QVariant(*value) : QVariant(); };
    switch (role) {
    case RunRole: return QVariant::fromValue(point.run);
    case OutcomeRole: return int(point.outcome);
    case Qt::DecorationRole: return index.column() == Outcome ? QVariant(runOutcomeColor(point.outcome)) : QVariant();
    case ValueRole:
        switch (Column(index.column())) {
        case Time: return point.time;
        case Duration: return optional(point.durationMs);
        case Outcome: return int(point.outcome);
        case MaxMemory: return optional(point.run.maxMemoryUsed);
        case RequestedMemory: return optional(point.run.memory);
        case RunId: return point.run.runId;
        case ColumnCount: break;
        }
        return {};
    case Qt::DisplayRole: break;
    default: return {};
    }
    const QLocale locale;
    switch (Column(index.column())) {
    case Time: return point.time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Duration: return point.durationMs ? durationText(*point.durationMs) : QString();
    case Outcome: return runOutcomeText(point.outcome);
    case MaxMemory: return point.run.maxMemoryUsed ? locale.toString(*point.run.maxMemoryUsed) : QString();
    case RequestedMemory: return point.run.memory ? locale.toString(*point.run.memory) : QString();
    case RunId: return point.run.runId;
    case ColumnCount: break;
    }
    return {};
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Time: return tr("Time");
    case Duration: return tr("Duration");
    case Outcome: return tr("Outcome");
    case MaxMemory: return tr("Max memory (MB)");
    case RequestedMemory: return tr("Requested memory (MB)");
    case RunId: return tr("Run ID");
    case ColumnCount: break;
    }
    return {};
}

} // namespace Flotilla
