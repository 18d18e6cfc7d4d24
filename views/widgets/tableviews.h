#pragma once

#include <initializer_list>

class QAbstractItemModel;
class QTableView;

namespace Flotilla {

class PagedTableModel;

// The one look of every table: whole rows selected, fixed row heights (so
// 100,000 rows scroll without measuring), server-side sorting where the
// model's server supports it, the last column stretched.
void setUpTable(QTableView *view, PagedTableModel *model, const char *accessibleName);
// Widens the columns that hold local times so a whole timestamp shows.
void fitTimeColumns(QTableView *view, std::initializer_list<int> columns);

// When `view` is first shown, narrows its visible columns in proportion so
// that all fit its width (the first start, with no saved header).
void fitColumnsWhenShown(QTableView *view);

} // namespace Flotilla
