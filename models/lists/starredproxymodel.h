#pragma once

#include "pagedtablemodel.h"

#include <QIcon>
#include <QSet>
#include <QSortFilterProxyModel>

namespace Flotilla {

// A paged list with starred items (favourites, by id) first and the rest
// after, each part in the server's order; optionally only the starred ones.
// Only loaded rows move: a starred item on a page not yet fetched comes
// first once it is loaded. Sorting by a column is still the server's:
// sort() passes it on to the source and keeps the starred rows first.
class StarredProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StarredProxyModel)

public:
    enum Role {
        StarredRole = PagedTableModel::FirstCustomRole + 32, // bool, of every column
    };
    Q_ENUM(Role)

    explicit StarredProxyModel(PagedTableModel *source, QObject *parent = nullptr);

    QStringList starredIds() const { return m_order; }
    void setStarredIds(const QStringList &ids);
    bool isStarred(const QString &id) const { return m_starred.contains(id); }
    void setStarred(const QString &id, bool starred);

    bool starredOnly() const { return m_starredOnly; }
    void setStarredOnly(bool only);

    // What column 0 shows before a starred item's text (and, for the text
    // to line up, an unstarred one's); none by default.
    void setMarkers(const QIcon &starred, const QIcon &unstarred);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    void starredChanged(const QString &id, bool starred);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    bool isStarredRow(const QModelIndex &sourceIndex) const;
    // Re-sorts and re-filters, and repaints the markers.
    void starsChanged();

    QStringList m_order; // as starred
    QSet<QString> m_starred;
    bool m_starredOnly = false;
    QIcon m_starredMarker;
    QIcon m_unstarredMarker;
};

} // namespace Flotilla
