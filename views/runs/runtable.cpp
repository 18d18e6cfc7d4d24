#include "runtable.h"

#include "runstatusdelegate.h"
#include <widgets/tableviews.h>

#include <lists/runlistmodel.h>

#include <QHeaderView>
#include <QTableView>

namespace Flotilla {

void setUpRunTable(QTableView *view, RunListModel *runs, const char *accessibleName,
                   const std::function<void(const Run &)> &activated)
{
    setUpTable(view, runs, accessibleName);
    view->setItemDelegateForColumn(RunListModel::Status, new RunStatusDelegate(view));
    view->horizontalHeader()->resizeSection(RunListModel::Status, 130);
    RunStatusDelegate::fitColumn(view, RunListModel::Status);
    fitTimeColumns(view, {RunListModel::QueuedAt, RunListModel::StartedAt, RunListModel::FinishedAt});
    // Placement and usage are there for who asks, through the column menu.
    for (const int column : {RunListModel::Engine, RunListModel::MaxMemory})
        view->setColumnHidden(column, true);
    QObject::connect(view, &QTableView::activated, view, [activated](const QModelIndex &index) {
        activated(index.data(PagedTableModel::ObjectRole).value<Run>());
    });
}

} // namespace Flotilla
