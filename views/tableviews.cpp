#include "tableviews.h"

#include <pagedtablemodel.h>

#include <QCoreApplication>
#include <QHeaderView>
#include <QTableView>

namespace Flotilla {

void setUpTable(QTableView *view, PagedTableModel *model, const char *accessibleName)
{
    view->setModel(model);
    view->setAccessibleName(QCoreApplication::translate("Flotilla::Tables", accessibleName));
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setShowGrid(false);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    QHeaderView *rows = view->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(view->fontMetrics().height() + 8);
    rows->hide();
    QHeaderView *columns = view->horizontalHeader();
    columns->setStretchLastSection(true);
    columns->setHighlightSections(false);
    columns->setSectionsMovable(true);
    // The server sorts; the indicator is only offered on columns it can sort by.
    view->setSortingEnabled(true);
    columns->setSortIndicator(model->sortColumn(), model->sortOrder());
    QObject::connect(columns, &QHeaderView::sortIndicatorChanged, view, [columns, model](int column, Qt::SortOrder) {
        if (!model->isSortable(column))
            columns->setSortIndicator(model->sortColumn(), model->sortOrder());
    });
}

} // namespace Flotilla
