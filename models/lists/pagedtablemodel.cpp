#include "pagedtablemodel.h"

#include <client/apijob.h>
#include <client/changefeed.h>
#include <client/flotillaclient.h>

#include <algorithm>

namespace Flotilla {

PagedTableModel::PagedTableModel(FlotillaClient *client, int columns, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
    , m_columns(columns)
{
    qRegisterMetaType<ApiError>();
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(0);
    connect(&m_reloadTimer, &QTimer::timeout, this, &PagedTableModel::reload);
}

PagedTableModel::~PagedTableModel()
{
    dropJob(m_pageJob);
    dropJob(m_refreshJob);
}

void PagedTableModel::setClient(FlotillaClient *client)
{
    if (m_client == client)
        return;
    m_client = client;
    followChanges();
    reload();
}

void PagedTableModel::followChanges()
{
    ChangeFeed *feed = m_client && !changeKind().isEmpty() ? m_client->changeFeed() : nullptr;
    if (feed == m_feed)
        return;
    if (m_feed) {
        m_feed->unsubscribe(this);
    }
    m_feed = feed;
    if (!m_feed)
        return;
    connect(m_feed, &ChangeFeed::changed, this, &PagedTableModel::onChanges);
    connect(m_feed, &ChangeFeed::resetRequired, this, &PagedTableModel::refreshSoon);
    // Whatever changed before the feed's first answer is not in it.
    connect(m_feed, &ChangeFeed::healthyChanged, this, [this](bool healthy) {
        if (healthy)
            refreshSoon();
    });
    m_feed->subscribe(this);
}

bool PagedTableModel::isFollowingChanges() const
{
    return m_feed && m_feed->isHealthy();
}

void PagedTableModel::onChanges(const QList<FeedChange> &changes)
{
    if (!m_loaded)
        return; // the page under way is newer
    const QString kind = changeKind();
    QStringList ids;
    bool unknown = false;
    for (const FeedChange &change : changes) {
        if (change.kind != kind)
            continue;
        if (isLoadedItem(change.id))
            ids.append(change.id);
        else
            unknown = true;
    }
    if (unknown || ids.size() > maxItemUpdates)
        refreshSoon();
    else if (!ids.isEmpty())
        updateItems(ids);
}

void PagedTableModel::refreshSoon()
{
    if (canRefresh())
        refresh();
    else if (m_loaded)
        m_refreshWanted = true;
}

void PagedTableModel::setPageSizes(int first, int largest)
{
    m_pageSize = qMax(1, first);
    m_maxPageSize = qMax(m_pageSize, largest);
}

ServerFlavour PagedTableModel::flavour() const
{
    return m_client ? m_client->flavour() : ServerFlavour::Auto;
}

int PagedTableModel::sortColumn() const
{
    if (m_sortColumn >= 0 && isSortable(m_sortColumn))
        return m_sortColumn;
    const int fallback = fallbackSortColumn();
    return fallback >= 0 && isSortable(fallback) ? fallback : -1;
}

int PagedTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_columns;
}

void PagedTableModel::sort(int column, Qt::SortOrder order)
{
    if (!isSortable(column) || (column == sortColumn() && order == m_sortOrder))
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    reload();
}

void PagedTableModel::setInitialSort(int column, Qt::SortOrder order)
{
    m_sortColumn = column;
    m_sortOrder = order;
}

bool PagedTableModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_client || m_pageJob || m_failed)
        return false;
    return !m_loaded || (!m_exhausted && rowCount() < m_total);
}

void PagedTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    followChanges(); // here, not in the constructor: changeKind() is virtual
    const qint64 offset = rowCount();
    const qint64 limit = std::clamp<qint64>(offset, m_pageSize, m_maxPageSize);
    ApiJob *job = createListJob(*m_client, listQuery(offset, limit));
    connect(job, &ApiJob::finished, this, [this, job] { pageAnswered(*job); });
    m_pageJob = job;
    job->start();
    Q_EMIT loadingChanged(true);
}

void PagedTableModel::pageAnswered(ApiJob &job)
{
    // m_pageJob stays set while rows go in: a view's fetchMore() from a
    // rowsInserted handler must not ask for the same offset again.
    if (job.succeeded()) {
        const int before = rowCount();
        const qint64 total = appendPage(job);
        m_loaded = true;
        // Nothing new (the page held only rows already here): stop rather than ask forever.
        m_exhausted = rowCount() == before;
        m_lastError = {};
        m_pageJob.clear();
        setTotal(total);
    } else {
        m_failed = true;
        m_lastError = job.error();
        m_pageJob.clear();
        Q_EMIT errorOccurred(m_lastError);
    }
    Q_EMIT loadingChanged(false);
}

void PagedTableModel::reload()
{
    m_reloadTimer.stop();
    const bool wasLoading = isLoading();
    dropJob(m_pageJob);
    dropJob(m_refreshJob);
    // A new result set: a reset is what happened.
    beginResetModel();
    clearRows();
    m_loaded = false;
    m_exhausted = false;
    m_failed = false;
    m_refreshFailing = false;
    m_refreshWanted = false;
    m_lastError = {};
    endResetModel();
    setTotal(-1);
    if (wasLoading)
        Q_EMIT loadingChanged(false);
    fetchMore({});
}

void PagedTableModel::refresh()
{
    if (!canRefresh())
        return;
    const qint64 limit = qMax<qint64>(rowCount(), m_pageSize);
    startRefresh(createListJob(*m_client, listQuery(0, limit)), [this](ApiJob &job) { setTotal(mergeRefresh(job)); });
}

bool PagedTableModel::canRefresh() const
{
    return m_client && m_loaded && !m_refreshJob && !hasRefreshReadsOut();
}

void PagedTableModel::startRefresh(ApiJob *job, const std::function<void(ApiJob &)> &answered)
{
    connect(job, &ApiJob::finished, this, [this, job, answered] {
        m_refreshJob.clear(); // `answered` may start the next step
        if (job->succeeded()) {
            refreshSucceeded();
            answered(*job);
        } else {
            refreshFailed(job->error());
        }
        refreshIfWanted();
    });
    m_refreshJob = job;
    job->start();
}

void PagedTableModel::refreshIfWanted()
{
    if (m_refreshWanted && canRefresh()) {
        m_refreshWanted = false;
        refresh();
    }
}

void PagedTableModel::refreshFailed(const ApiError &error)
{
    m_lastError = error;
    if (!m_refreshFailing) {
        m_refreshFailing = true;
        Q_EMIT errorOccurred(error);
    }
}

void PagedTableModel::refreshSucceeded()
{
    m_refreshFailing = false;
    if (!m_failed)
        m_lastError = {};
}

void PagedTableModel::setTotal(qint64 total)
{
    if (total == m_total)
        return;
    m_total = total;
    Q_EMIT totalCountChanged(total);
}

void PagedTableModel::filterChanged()
{
    m_reloadTimer.start();
}

QUrlQuery PagedTableModel::listQuery(qint64 offset, qint64 limit) const
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    query.addQueryItem(QStringLiteral("offset"), QString::number(offset));
    if (const int column = sortColumn(); column >= 0) {
        query.addQueryItem(QStringLiteral("sort_by"), sortKey(column));
        query.addQueryItem(QStringLiteral("order"),
                           m_sortOrder == Qt::DescendingOrder ? QStringLiteral("desc") : QStringLiteral("asc"));
    }
    addFilters(query);
    return query;
}

void PagedTableModel::addEnvFilter(QUrlQuery &query, const EnvList &pairs)
{
    for (const EnvVar &pair : pairs)
        query.addQueryItem(QStringLiteral("env"), pair.name + u'|' + pair.value);
}

QHash<int, QByteArray> PagedTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, "id");
    names.insert(ObjectRole, "object");
    names.insert(RawValueRole, "rawValue");
    return names;
}

void PagedTableModel::dropJob(QPointer<ApiJob> &job)
{
    if (ApiJob *running = job.data()) {
        job.clear();
        disconnect(running, nullptr, this, nullptr);
        running->abort();
    }
}

} // namespace Flotilla
