#pragma once

class QAbstractItemModel;
class QTableView;

namespace Flotilla {

class PagedTableModel;

// The one look of every table: whole rows selected, fixed row heights (so
// 100,000 rows scroll without measuring), server-side sorting where the
// model's server supports it, the last column stretched.
void setUpTable(QTableView *view, PagedTableModel *model, const char *accessibleName);

} // namespace Flotilla
