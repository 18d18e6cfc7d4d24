#include "starredproxymodel.h"

namespace Flotilla {

StarredProxyModel::StarredProxyModel(PagedTableModel *source, QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSourceModel(source);
    // The proxy's own order is always "starred first, then the source's";
    // dynamic sorting keeps it as pages come in and rows change.
    setDynamicSortFilter(true);
    QSortFilterProxyModel::sort(0, Qt::AscendingOrder);
}

void StarredProxyModel::setStarredIds(const QStringList &ids)
{
    QStringList unique;
    for (const QString &id : ids) {
        if (!unique.contains(id))
            unique.append(id);
    }
    if (unique == m_order)
        return;
    m_order = unique;
    m_starred = QSet<QString>(unique.cbegin(), unique.cend());
    starsChanged();
}

void StarredProxyModel::setStarred(const QString &id, bool starred)
{
    if (id.isEmpty() || isStarred(id) == starred)
        return;
    if (starred) {
        m_order.append(id);
        m_starred.insert(id);
    } else {
        m_order.removeAll(id);
        m_starred.remove(id);
    }
    starsChanged();
    Q_EMIT starredChanged(id, starred);
}

void StarredProxyModel::setStarredOnly(bool only)
{
    if (only == m_starredOnly)
        return;
    m_starredOnly = only;
    invalidateRowsFilter();
}

void StarredProxyModel::setMarkers(const QIcon &starred, const QIcon &unstarred)
{
    m_starredMarker = starred;
    m_unstarredMarker = unstarred;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, 0), {Qt::DecorationRole});
}

void StarredProxyModel::starsChanged()
{
    invalidate();
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1), {StarredRole, Qt::DecorationRole});
}

QVariant StarredProxyModel::data(const QModelIndex &index, int role) const
{
    if (role == StarredRole)
        return isStarredRow(mapToSource(index));
    if (role == Qt::DecorationRole && index.column() == 0) {
        const QIcon &marker = isStarredRow(mapToSource(index)) ? m_starredMarker : m_unstarredMarker;
        if (!marker.isNull())
            return marker;
    }
    return QSortFilterProxyModel::data(index, role);
}

void StarredProxyModel::sort(int column, Qt::SortOrder order)
{
    sourceModel()->sort(column, order);
}

bool StarredProxyModel::isStarredRow(const QModelIndex &sourceIndex) const
{
    return !m_starred.isEmpty()
           && m_starred.contains(sourceIndex.siblingAtColumn(0).data(PagedTableModel::IdRole).toString());
}

bool StarredProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    return !m_starredOnly || isStarredRow(sourceModel()->index(sourceRow, 0, sourceParent));
}

bool StarredProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const bool leftStarred = isStarredRow(left);
    if (leftStarred != isStarredRow(right))
        return leftStarred;
    return left.row() < right.row();
}

} // namespace Flotilla
