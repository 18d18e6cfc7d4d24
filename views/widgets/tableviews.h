#pragma once

#include <lists/pagedtablemodel.h>

#include <QList>
#include <QModelIndexList>

#include <initializer_list>

class QAbstractItemModel;
class QTableView;

namespace Flotilla {

// The look of every table, unsorted: whole rows selected, fixed row heights
// (so 100,000 rows scroll without measuring), the last column stretched.
// `accessibleName` is translated in the "Flotilla::Tables" context (QT_TRANSLATE_NOOP).
void setUpPlainTable(QTableView *view, QAbstractItemModel *model, const char *accessibleName);
// A paged list's table: that look, the column menu, and server-side sorting
// where the model's server supports it. `shown` is a proxy in front of
// `model` that the table shows instead, passing sort() on to it.
void setUpTable(QTableView *view, PagedTableModel *model, const char *accessibleName,
                QAbstractItemModel *shown = nullptr);
// Makes row `row` of `model` the current one of `view` (through the proxy
// `view` shows, if any) and shows it; with row -1 (not loaded yet) it asks
// `model` for its next page instead and returns false.
bool selectSourceRow(QTableView *view, PagedTableModel *model, int row);
// A right click on the header lists the columns to show or hide (`setUpTable` offers it).
void offerColumnMenu(QTableView *view);
// Widens the columns that hold local times so a whole timestamp shows.
void fitTimeColumns(QTableView *view, std::initializer_list<int> columns);

// The selected rows (column 0), in table order.
QModelIndexList selectedRowsInOrder(const QTableView *view);
// The wire objects of the selected rows of a paged list's table, in table order.
template <typename T>
QList<T> selectedObjects(const QTableView *view)
{
    QList<T> objects;
    for (const QModelIndex &row : selectedRowsInOrder(view))
        objects.append(row.data(PagedTableModel::ObjectRole).template value<T>());
    return objects;
}

// When `view` is first shown, narrows its visible columns in proportion so
// that all fit its width (the first start, with no saved header).
void fitColumnsWhenShown(QTableView *view);

} // namespace Flotilla
