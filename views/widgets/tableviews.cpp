#include "tableviews.h"

#include <lists/pagedtablemodel.h>

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
    // It is set before sorting is enabled, which sorts by the indicator at once.
    columns->setSortIndicator(model->sortColumn(), model->sortOrder());
    view->setSortingEnabled(true);
    QObject::connect(columns, &QHeaderView::sortIndicatorChanged, view, [columns, model](int column, Qt::SortOrder) {
        if (!model->isSortable(column))
            columns->setSortIndicator(model->sortColumn(), model->sortOrder());
    });
}

void fitTimeColumns(QTableView *view, std::initializer_list<int> columns)
{
    const int width = view->fontMetrics().horizontalAdvance(QStringLiteral("2026-11-27 12:34:56")) + 24;
    for (int column : columns)
        view->horizontalHeader()->resizeSection(column, width);
}

} // namespace Flotilla
