#include "tableviews.h"

#include <lists/pagedtablemodel.h>

#include <QAbstractProxyModel>
#include <QCoreApplication>
#include <QEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMenu>
#include <QScrollBar>
#include <QTableView>

#include <algorithm>

namespace Flotilla {

namespace {

void fitColumns(QTableView *view)
{
    QHeaderView *header = view->horizontalHeader();
    // The vertical scroll bar may come with the rows: leave room for it.
    const int available = view->viewport()->width()
                          - (view->verticalScrollBar()->isVisible() ? 0 : view->verticalScrollBar()->sizeHint().width());
    // Each column keeps room for its title and what it has beyond shrinks in
    // proportion; when even the titles do not fit, every column shrinks.
    int total = 0;
    int titles = 0;
    for (int column = 0; column < header->count(); ++column) {
        if (header->isSectionHidden(column))
            continue;
        total += header->sectionSize(column);
        titles += std::min(header->sectionSize(column), header->sectionSizeHint(column));
    }
    if (available <= 0 || total <= available)
        return;
    const bool titlesFit = available > titles;
    if (!titlesFit)
        titles = 0;
    for (int column = 0; column < header->count(); ++column) {
        if (header->isSectionHidden(column))
            continue;
        const int title = titlesFit ? std::min(header->sectionSize(column), header->sectionSizeHint(column)) : 0;
        const qint64 beyond = header->sectionSize(column) - title;
        header->resizeSection(column, title + int(beyond * (available - titles) / (total - titles)));
    }
}

// Fits once, at the first Show, when the view has its size, then goes.
class FitOnShow final : public QObject
{
public:
    explicit FitOnShow(QTableView *view)
        : QObject(view)
    {
        view->installEventFilter(this);
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Show) {
            fitColumns(static_cast<QTableView *>(watched));
            deleteLater();
        }
        return false;
    }
};

} // namespace

void setUpPlainTable(QTableView *view, QAbstractItemModel *model, const char *accessibleName)
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
}

void setUpTable(QTableView *view, PagedTableModel *model, const char *accessibleName, QAbstractItemModel *shown)
{
    setUpPlainTable(view, shown ? shown : model, accessibleName);
    offerColumnMenu(view);
    QHeaderView *columns = view->horizontalHeader();
    // The server sorts; the indicator is only offered on columns it can sort by.
    // It is set before sorting is enabled, which sorts by the indicator at once.
    columns->setSortIndicator(model->sortColumn(), model->sortOrder());
    view->setSortingEnabled(true);
    QObject::connect(columns, &QHeaderView::sortIndicatorChanged, view, [columns, model](int column, Qt::SortOrder) {
        if (!model->isSortable(column))
            columns->setSortIndicator(model->sortColumn(), model->sortOrder());
    });
}

bool selectSourceRow(QTableView *view, PagedTableModel *model, int row)
{
    if (row < 0) {
        if (model->canFetchMore({}))
            model->fetchMore({});
        return false;
    }
    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(view->model());
    const QModelIndex shown = proxy ? proxy->mapFromSource(model->index(row, 0)) : model->index(row, 0);
    view->setCurrentIndex(shown);
    view->scrollTo(shown);
    return true;
}

void offerColumnMenu(QTableView *view)
{
    QHeaderView *header = view->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(header, &QHeaderView::customContextMenuRequested, view, [view, header](const QPoint &pos) {
        QMenu menu(view);
        menu.setAccessibleName(QCoreApplication::translate("Flotilla::Tables", "Columns"));
        int visible = 0;
        for (int column = 0; column < header->count(); ++column)
            visible += header->isSectionHidden(column) ? 0 : 1;
        for (int column = 0; column < header->count(); ++column) {
            QAction *action = menu.addAction(view->model()->headerData(column, Qt::Horizontal).toString());
            action->setCheckable(true);
            action->setChecked(!header->isSectionHidden(column));
            action->setEnabled(header->isSectionHidden(column) || visible > 1); // one column always stays
            QObject::connect(action, &QAction::toggled, view, [view, column](bool shown) {
                view->setColumnHidden(column, !shown);
                // A column hidden since the header was fitted comes back at a readable width.
                if (shown && view->horizontalHeader()->sectionSize(column) < 40)
                    view->horizontalHeader()->resizeSection(column, view->horizontalHeader()->defaultSectionSize());
            });
        }
        menu.exec(header->viewport()->mapToGlobal(pos));
    });
}

void fitTimeColumns(QTableView *view, std::initializer_list<int> columns)
{
    const int width = view->fontMetrics().horizontalAdvance(QStringLiteral("2026-11-27 12:34:56")) + 24;
    for (int column : columns)
        view->horizontalHeader()->resizeSection(column, width);
}

QModelIndexList selectedRowsInOrder(const QTableView *view)
{
    QModelIndexList rows = view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void fitColumnsWhenShown(QTableView *view)
{
    new FitOnShow(view);
}

} // namespace Flotilla
