#pragma once

#include <client/flotillaclient.h>
#include <wire/envvar.h>
#include <wire/feedpage.h>

#include <QAbstractTableModel>
#include <QPointer>
#include <QTimer>
#include <QUrlQuery>

#include <functional>

namespace Flotilla {

class ChangeFeed;

// What the list models share: a FlotillaClient, server-side paging through
// canFetchMore()/fetchMore() (one page request at a time; its rows arrive in
// one insert), sorting mapped to sort_by/order, filters mapped to the query
// (a change reloads from the first page, once per event-loop turn however
// many setters ran), loading and error state, and refresh() of the loaded
// rows without a reset.
//
// Live updates: against our control plane the model follows the client's
// ChangeFeed. Changed items that are loaded are fetched again and updated
// in place; an item not loaded (new), a reset, or more than
// maxItemUpdates changes at once refresh() instead. While the feed is
// healthy (isFollowingChanges()) polling timers rest; without it (other
// flavours, feed errors) they poll as before.
//
// Sorting is the server's: sort() on this model reloads; columns the server
// of the client's flavour cannot sort by are not sortable (isSortable()) and
// sort() ignores them. A proxy in front should not sort by itself.
class PagedTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PagedTableModel)
    Q_PROPERTY(bool loading READ isLoading NOTIFY loadingChanged)
    Q_PROPERTY(qint64 totalCount READ totalCount NOTIFY totalCountChanged)
    Q_PROPERTY(int pageSize READ pageSize WRITE setPageSize)
    Q_PROPERTY(int maxPageSize READ maxPageSize)

public:
    // Changed items fetched one by one; more at once are one refresh().
    static constexpr int maxItemUpdates = 20;

    enum Role {
        IdRole = Qt::UserRole + 1, // the item's id, for selection
        ObjectRole,                // the whole wire object (QVariant::fromValue)
        RawValueRole,              // the column's value as data (numbers, QDateTime) for sorting
        FirstCustomRole,
    };
    Q_ENUM(Role)

    ~PagedTableModel() override;

    FlotillaClient *client() const { return m_client.data(); }
    // Drops the rows; the next fetchMore() (a view's, or reload()) loads them.
    void setClient(FlotillaClient *client);

    // Pages grow: the first asks for pageSize() rows, each later one for as
    // many as are loaded, up to maxPageSize(). A small first page is on
    // screen soon; large later ones page a long list in with fewer requests
    // and repaints (bench_runlistmodel: 2,000-row pages double the rows/s of
    // 500-row ones).
    int pageSize() const { return m_pageSize; }
    int maxPageSize() const { return m_maxPageSize; }
    void setPageSizes(int first, int largest);               // each at least 1; the next page uses them
    void setPageSize(int rows) { setPageSizes(rows, rows); } // every page the same

    bool isLoading() const { return bool(m_pageJob); }
    // Whether the change feed keeps the rows current, so polling can rest.
    bool isFollowingChanges() const;
    qint64 totalCount() const { return m_total; }      // on the server; -1 before the first page
    ApiError lastError() const { return m_lastError; } // of the latest request; none after a success

    bool isSortable(int column) const { return !sortKey(column).isEmpty(); }
    int sortColumn() const; // the one the server sorts by, -1 for its default
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    int columnCount(const QModelIndex &parent = {}) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QHash<int, QByteArray> roleNames() const override;

public Q_SLOTS:
    // Drops every row and loads the first page again.
    void reload();
    // Brings the loaded rows up to date in place (no reset).
    virtual void refresh();

Q_SIGNALS:
    void loadingChanged(bool loading);
    void totalCountChanged(qint64 total);
    // A request failed; paging stops until reload(). Refresh failures are
    // reported once per streak, so a server that is down does not flood.
    void errorOccurred(const Flotilla::ApiError &error);

protected:
    PagedTableModel(FlotillaClient *client, int columns, QObject *parent);

    // The query's sort_by for `column` with the client's flavour, empty when
    // that server cannot sort by it.
    virtual QString sortKey(int column) const = 0;
    // The column sorted by when the chosen one is not sortable on this server.
    virtual int fallbackSortColumn() const { return -1; }
    virtual void addFilters(QUrlQuery &query) const = 0;
    virtual ApiJob *createListJob(FlotillaClient &client, const QUrlQuery &query) = 0;
    // Appends the rows of a finished page (one insert) and returns the server's total.
    virtual qint64 appendPage(ApiJob &job) = 0;
    // Merges a finished refresh (the first rows on the server) and returns the total.
    virtual qint64 mergeRefresh(ApiJob &job) = 0;
    virtual void clearRows() = 0;
    // The change feed's kind of the items ("run", "definition", "template");
    // empty (names, clusters): the model does not follow the feed.
    virtual QString changeKind() const { return {}; }
    virtual bool isLoadedItem(const QString &) const { return false; }
    // Fetches the loaded items of `ids` again and updates their rows.
    virtual void updateItems(const QStringList &) {}
    // An item changed in a way an update of its row cannot show (deleted).
    void refreshSoon();

    ServerFlavour flavour() const;
    // checkIndex for data(), except that an invalid index is quietly no
    // item: a combo box asks about its current item before it has one.
    bool isItemIndex(const QModelIndex &index) const
    {
        return index.isValid() && checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid);
    }
    // For filter setters: reloads once the caller returns to the event loop.
    void filterChanged();
    template <typename T>
    void setFilter(T &filter, const T &value)
    {
        if (filter == value)
            return;
        filter = value;
        filterChanged();
    }
    // The default sort, without a reload (constructors).
    void setInitialSort(int column, Qt::SortOrder order);
    QUrlQuery listQuery(qint64 offset, qint64 limit) const;
    // Whether a refresh may start: loaded, and no refresh in flight.
    bool canRefresh() const;
    // Requests a refresh makes after its list request (single reads), still
    // out: until they answer, another refresh waits, as for the list itself.
    virtual bool hasRefreshReadsOut() const { return false; }
    // Starts `job` as the refresh request; `answered` gets it when it succeeded.
    void startRefresh(ApiJob *job, const std::function<void(ApiJob &)> &answered);
    // The refresh asked for while one was in flight, if it may start now.
    void refreshIfWanted();
    void refreshFailed(const ApiError &error);
    void refreshSucceeded();
    void setTotal(qint64 total);
    // env=NAME|VALUE for each pair (all must hold, contract §6).
    static void addEnvFilter(QUrlQuery &query, const EnvList &pairs);

private:
    void dropJob(QPointer<ApiJob> &job);
    void pageAnswered(ApiJob &job);
    void followChanges();
    void onChanges(const QList<FeedChange> &changes);

    QPointer<FlotillaClient> m_client;
    QPointer<ApiJob> m_pageJob;
    QPointer<ApiJob> m_refreshJob;
    QPointer<ChangeFeed> m_feed;
    QTimer m_reloadTimer;
    ApiError m_lastError;
    int m_columns = 0;
    int m_pageSize = 500;
    int m_maxPageSize = 2000;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    qint64 m_total = -1;
    bool m_loaded = false;    // the first page arrived
    bool m_exhausted = false; // a page brought nothing new: stop fetching
    bool m_failed = false;    // a page request failed: no fetching until reload()
    bool m_refreshFailing = false;
    bool m_refreshWanted = false; // a change came while a refresh was under way
};

} // namespace Flotilla

Q_DECLARE_METATYPE(Flotilla::ApiError)
