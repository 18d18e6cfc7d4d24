// One model, a little over 500 lines on purpose: the live refresh (new runs at
// the head, active runs re-read, finished ones settled in place) and the
// columns it keeps current share the row store, and split apart each half
// would reach into the other's rows.
#include "runlistmodel.h"

#include <wire/runstats.h> // durationText
#include <wire/timestamp.h>

namespace Flotilla {

namespace {

constexpr int localRefreshMs = 1000;
constexpr int remoteRefreshMs = 5000; // upstream's web UI polls runs every 5 s
constexpr int tickMs = 1000;
constexpr int maxSingleReads = 50; // per refresh; the rest wait for the next
constexpr qint64 maxActiveLimit = 5000;
constexpr qint64 headRows = 50; // new runs per refresh, usually plenty
constexpr qint64 maxHeadRows = 5000;

const QList<RunStatus> activeStatuses = {RunStatus::Queued, RunStatus::Pending, RunStatus::Running,
                                         RunStatus::NeedsRetry};

std::optional<qint64> durationMs(const Run &run)
{
    if (!run.startedAt)
        return std::nullopt;
    const QDateTime end = run.finishedAt ? *run.finishedAt : QDateTime::currentDateTimeUtc();
    return qMax<qint64>(0, run.startedAt->msecsTo(end));
}

QVariant timeValue(const std::optional<QDateTime> &time, int role)
{
    if (!time)
        return {};
    if (role != Qt::DisplayRole)
        return *time;
    return time->toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

void addTimeBound(QUrlQuery &query, const QString &key, const QDateTime &time)
{
    if (time.isValid())
        query.addQueryItem(key, Timestamp::format(time));
}

} // namespace

RunListModel::RunListModel(FlotillaClient *client, QObject *parent)
    : ItemTableModel(client, ColumnCount, parent)
{
    setInitialSort(QueuedAt, Qt::DescendingOrder);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        if (!isFollowingChanges())
            refresh();
    });
    m_tickTimer.setInterval(tickMs);
    connect(&m_tickTimer, &QTimer::timeout, this, &RunListModel::tickDurations);
    m_tickTimer.start();
    scheduleRefresh();
}

void RunListModel::setDefinitionId(const QString &definitionId)
{
    setFilter(m_ofTemplate, false);
    setFilter(m_definitionId, definitionId);
}

void RunListModel::setTemplateId(const QString &templateId)
{
    setFilter(m_ofTemplate, true);
    setFilter(m_definitionId, templateId);
}

void RunListModel::setGroupFilter(const QString &group)
{
    setFilter(m_group, group);
}

void RunListModel::setAliasFilter(const QString &text)
{
    setFilter(m_alias, text);
}

void RunListModel::setStatusFilter(const QList<RunStatus> &statuses)
{
    setFilter(m_statuses, statuses);
}

void RunListModel::setClusterFilter(const QString &cluster)
{
    setFilter(m_cluster, cluster);
}

void RunListModel::setEnvFilter(const EnvList &pairs)
{
    setFilter(m_env, pairs);
}

void RunListModel::setStartedBetween(const QDateTime &since, const QDateTime &until)
{
    if (since == m_startedSince && until == m_startedUntil)
        return;
    m_startedSince = since;
    m_startedUntil = until;
    filterChanged();
}

void RunListModel::setFinishedBetween(const QDateTime &since, const QDateTime &until)
{
    if (since == m_finishedSince && until == m_finishedUntil)
        return;
    m_finishedSince = since;
    m_finishedUntil = until;
    filterChanged();
}

void RunListModel::setAutoRefresh(bool on)
{
    m_autoRefresh = on;
    scheduleRefresh();
}

int RunListModel::refreshInterval() const
{
    if (m_refreshInterval > 0)
        return m_refreshInterval;
    return flavour() == ServerFlavour::ControlPlane ? localRefreshMs : remoteRefreshMs;
}

void RunListModel::setRefreshInterval(int milliseconds)
{
    m_refreshInterval = qMax(0, milliseconds);
    scheduleRefresh();
}

void RunListModel::scheduleRefresh()
{
    if (!m_autoRefresh) {
        m_refreshTimer.stop();
        return;
    }
    m_refreshTimer.start(refreshInterval());
}

int RunListModel::rowOf(const QString &runId) const
{
    if (const int row = activeRow(runId); row >= 0)
        return row;
    for (size_t row = 0; row < m_items.size(); ++row) {
        if (m_items[row].runId == runId)
            return int(row);
    }
    return -1;
}

QString RunListModel::sortKey(int column) const
{
    // Every flavour: upstream's list of run sort keys.
    switch (column) {
    case RunId: return QStringLiteral("run_id");
    case Status: return QStringLiteral("status");
    case Group: return QStringLiteral("group_name");
    case Cluster: return QStringLiteral("cluster_name");
    case StartedAt: return QStringLiteral("started_at");
    case FinishedAt: return QStringLiteral("finished_at");
    default: break;
    }
    if (flavour() != ServerFlavour::ControlPlane)
        return {};
    switch (column) {
    case QueuedAt: return QStringLiteral("queued_at");
    case Alias: return QStringLiteral("alias");
    default: return {};
    }
}

bool RunListModel::isNewestFirst() const
{
    const int column = sortColumn();
    return (column == QueuedAt || column == StartedAt) && sortOrder() == Qt::DescendingOrder;
}

void RunListModel::addFilters(QUrlQuery &query) const
{
    addFilters(query, true);
}

void RunListModel::addFilters(QUrlQuery &query, bool withStatus) const
{
    if (!m_group.isEmpty())
        query.addQueryItem(QStringLiteral("group_name"), m_group);
    if (!m_alias.isEmpty())
        query.addQueryItem(QStringLiteral("alias"), m_alias);
    if (!m_cluster.isEmpty())
        query.addQueryItem(QStringLiteral("cluster_name"), m_cluster);
    if (withStatus) {
        for (RunStatus status : m_statuses)
            query.addQueryItem(QStringLiteral("status"), runStatusName(status));
    }
    addEnvFilter(query, m_env);
    addTimeBound(query, QStringLiteral("started_at_since"), m_startedSince);
    addTimeBound(query, QStringLiteral("started_at_until"), m_startedUntil);
    addTimeBound(query, QStringLiteral("finished_at_since"), m_finishedSince);
    addTimeBound(query, QStringLiteral("finished_at_until"), m_finishedUntil);
}

ApiJob *RunListModel::createListJob(FlotillaClient &client, const QUrlQuery &query)
{
    return m_ofTemplate ? client.listTemplateRuns(m_definitionId, query) : client.listRuns(query, m_definitionId);
}

QList<Run> RunListModel::itemsOf(ApiJob &job, qint64 *total) const
{
    const RunList &list = static_cast<ResultJob<RunList> &>(job).result();
    *total = list.page.total;
    return list.history;
}

bool RunListModel::differ(const Run &a, const Run &b) const
{
    return a.status != b.status || a.exitCode != b.exitCode || a.exitReason != b.exitReason || a.queuedAt != b.queuedAt
           || a.startedAt != b.startedAt || a.finishedAt != b.finishedAt || a.cluster != b.cluster
           || a.instance.dnsName != b.instance.dnsName || a.instance.instanceId != b.instance.instanceId
           || a.engine != b.engine || a.maxMemoryUsed != b.maxMemoryUsed;
}

void RunListModel::internString(QString &text)
{
    if (text.isEmpty())
        return;
    if (const auto known = m_strings.constFind(text); known != m_strings.cend())
        text = *known;
    else
        m_strings.insert(text);
}

void RunListModel::intern(QList<Run> &runs)
{
    for (Run &run : runs) {
        for (QString *text : {&run.definitionId, &run.alias, &run.groupName, &run.image, &run.command, &run.cluster,
                              &run.exitReason, &run.user, &run.engine, &run.instance.dnsName}) {
            internString(*text);
        }
        for (EnvVar &variable : run.env) {
            internString(variable.name);
            // FLOTILLA_RUN_ID is the run's own id: share it rather than pool it.
            if (variable.value == run.runId)
                variable.value = run.runId;
            else
                internString(variable.value);
        }
        run.env.squeeze();
    }
}

qint64 RunListModel::appendPage(ApiJob &job)
{
    qint64 total = 0;
    QList<Run> runs = itemsOf(job, &total);
    intern(runs);
    const int before = rowCount();
    appendItems(std::move(runs));
    trackActive(before, rowCount() - 1);
    return total;
}

void RunListModel::clearRows()
{
    ItemTableModel::clearRows();
    m_activeKeys.clear();
    m_rowShift = 0;
    m_strings.clear();
    m_pendingRuns = 0;
    ++m_generation;
}

void RunListModel::trackActive(int firstRow, int lastRow)
{
    for (int row = firstRow; row <= lastRow; ++row) {
        if (itemAt(row).isActive())
            m_activeKeys.insert(itemAt(row).runId, row - m_rowShift);
    }
}

int RunListModel::activeRow(const QString &runId) const
{
    const auto key = m_activeKeys.constFind(runId);
    return key == m_activeKeys.cend() ? -1 : int(*key + m_rowShift);
}

void RunListModel::refresh()
{
    if (!canRefresh())
        return;
    if (isNewestFirst())
        refreshHead(headRows);
    else
        refreshActive();
}

void RunListModel::refreshHead(qint64 limit)
{
    startRefresh(createListJob(*client(), listQuery(0, limit)), [this, limit](ApiJob &job) {
        qint64 total = 0;
        QList<Run> head = itemsOf(job, &total);
        const QHash<QString, int> top = topRows(int(head.size()));
        const bool allNew = std::none_of(head.cbegin(), head.cend(),
                                         [&](const Run &run) { return knownRow(run.runId, top) >= 0; });
        // More new runs than asked for: ask for more rather than leave a gap under them.
        if (allNew && head.size() == limit && rowCount() > 0 && limit < maxHeadRows) {
            refreshHead(limit * 10);
            return;
        }
        mergeHead(std::move(head), top);
        setTotal(total);
        refreshActive();
    });
}

QHash<QString, int> RunListModel::topRows(int count) const
{
    QHash<QString, int> top;
    for (int row = 0; row < qMin(rowCount(), count); ++row)
        top.insert(itemAt(row).runId, row);
    return top;
}

int RunListModel::knownRow(const QString &runId, const QHash<QString, int> &top) const
{
    const int row = top.value(runId, -1);
    return row >= 0 ? row : activeRow(runId);
}

void RunListModel::mergeHead(QList<Run> head, const QHash<QString, int> &top)
{
    QList<Run> added;
    int first = -1;
    int last = -1;
    for (Run &run : head) {
        if (const int row = knownRow(run.runId, top); row >= 0)
            updateRow(row, run, &first, &last);
        else
            added.append(std::move(run));
    }
    emitChanged(first, last);
    if (added.isEmpty())
        return;
    intern(added);
    beginInsertRows({}, 0, int(added.size()) - 1);
    m_items.insert(m_items.begin(), std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()));
    m_rowShift += added.size();
    trackActive(0, int(added.size()) - 1);
    endInsertRows();
}

void RunListModel::refreshActive()
{
    if (m_activeKeys.isEmpty() || !canRefresh())
        return;
    const qint64 limit = qBound<qint64>(pageSize(), 2 * qint64(m_activeKeys.size()), maxActiveLimit);
    QUrlQuery query = listQuery(0, limit);
    // The same filters, but every status that is not final: a run that
    // left the status filter still gets its new status shown.
    query.removeAllQueryItems(QStringLiteral("status"));
    for (RunStatus status : activeStatuses)
        query.addQueryItem(QStringLiteral("status"), runStatusName(status));
    startRefresh(createListJob(*client(), query), [this, limit](ApiJob &job) {
        qint64 total = 0;
        const QList<Run> runs = itemsOf(job, &total);
        updateActive(runs, total <= limit);
    });
}

void RunListModel::updateActive(const QList<Run> &runs, bool complete)
{
    QSet<QString> stillActive;
    int first = -1;
    int last = -1;
    for (const Run &run : runs) {
        stillActive.insert(run.runId);
        if (const int row = activeRow(run.runId); row >= 0)
            updateRow(row, run, &first, &last);
    }
    emitChanged(first, last);
    if (!complete)
        return;
    // Not active any more: finished since the last refresh. Read each.
    QStringList vanished;
    for (auto key = m_activeKeys.cbegin(); key != m_activeKeys.cend() && vanished.size() < maxSingleReads; ++key) {
        if (!stillActive.contains(key.key()))
            vanished.append(key.key());
    }
    fetchVanished(vanished);
}

void RunListModel::fetchVanished(const QStringList &runIds)
{
    for (const QString &runId : runIds) {
        ResultJob<Run> *job = client()->run(runId);
        ++m_pendingRuns;
        connect(job, &ApiJob::finished, this, [this, job, generation = m_generation] {
            if (generation != m_generation)
                return;
            --m_pendingRuns;
            if (!job->succeeded())
                refreshFailed(job->error());
            else if (const int row = activeRow(job->result().runId); row >= 0)
                replaceItem(row, job->result());
            refreshIfWanted();
        });
        job->start();
    }
}

void RunListModel::replaceItem(int row, const Run &run)
{
    // Two reads of one run may answer out of order; a status never moves back.
    if (Run probe = itemAt(row); run.status != probe.status && !probe.advanceTo(run.status))
        return;
    int first = -1;
    int last = -1;
    updateRow(row, run, &first, &last);
    emitChanged(first, last);
    // Out of the status filter now (an "active" list's run that ended): its
    // row stays to show how it ended, and a refresh brings the filter's new total.
    if (!m_statuses.isEmpty() && !m_statuses.contains(run.status))
        refreshSoon();
}

void RunListModel::updateRow(int row, const Run &run, int *first, int *last)
{
    Run &stored = m_items[size_t(row)];
    if (!differ(stored, run))
        return;
    // Only what a run's progress changes; the interned rest stays shared.
    stored.status = run.status;
    stored.exitCode = run.exitCode;
    stored.exitReason = run.exitReason;
    stored.queuedAt = run.queuedAt;
    stored.startedAt = run.startedAt;
    stored.finishedAt = run.finishedAt;
    stored.cluster = run.cluster;
    stored.instance = run.instance;
    if (!stored.isActive())
        m_activeKeys.remove(stored.runId);
    *first = *first < 0 ? row : qMin(*first, row);
    *last = qMax(*last, row);
}

void RunListModel::emitChanged(int first, int last)
{
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void RunListModel::tickDurations()
{
    if (m_refreshTimer.isActive() && m_refreshTimer.interval() != refreshInterval())
        scheduleRefresh(); // the flavour became known
    int first = -1;
    int last = -1;
    for (auto key = m_activeKeys.cbegin(); key != m_activeKeys.cend(); ++key) {
        const int row = int(*key + m_rowShift);
        if (itemAt(row).startedAt) {
            first = first < 0 ? row : qMin(first, row);
            last = qMax(last, row);
        }
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, Duration), index(last, Duration), {Qt::DisplayRole, RawValueRole, DurationRole});
}

QVariant RunListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Run &run = itemAt(index.row());
    switch (role) {
    case IdRole: return run.runId;
    case ObjectRole: return QVariant::fromValue(run);
    case StatusRole: return int(run.status);
    case DurationRole: {
        const auto ms = durationMs(run);
        return ms ? QVariant(*ms) : QVariant();
    }
    case Qt::DisplayRole:
    case RawValueRole: break;
    default: return {};
    }
    switch (Column(index.column())) {
    case Status: return role == Qt::DisplayRole ? QVariant(runStatusName(run.status)) : QVariant(int(run.status));
    case Alias: return run.alias;
    case Group: return run.groupName;
    case Cluster: return run.cluster;
    case QueuedAt: return timeValue(run.queuedAt, role);
    case StartedAt: return timeValue(run.startedAt, role);
    case FinishedAt: return timeValue(run.finishedAt, role);
    case Duration: {
        const auto ms = durationMs(run);
        if (!ms)
            return {};
        return role == Qt::DisplayRole ? QVariant(durationText(*ms)) : QVariant(*ms);
    }
    case ExitCode: return run.exitCode ? QVariant(*run.exitCode) : QVariant();
    case User: return run.user;
    case RunId: return run.runId;
    case Engine: return run.engine;
    case MaxMemory: return run.maxMemoryUsed ? QVariant(*run.maxMemoryUsed) : QVariant();
    case ColumnCount: break;
    }
    return {};
}

QVariant RunListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Status: return tr("Status");
    case Alias: return tr("Alias");
    case Group: return tr("Group");
    case Cluster: return tr("Cluster");
    case QueuedAt: return tr("Queued");
    case StartedAt: return tr("Started");
    case FinishedAt: return tr("Finished");
    case Duration: return tr("Duration");
    case ExitCode: return tr("Exit code");
    case User: return tr("User");
    case RunId: return tr("Run ID");
    case Engine: return tr("Engine");
    case MaxMemory: return tr("Max memory (MB)");
    case ColumnCount: break;
    }
    return {};
}

} // namespace Flotilla
