#include "runstatusdelegate.h"

#include "runstate.h"

#include <lists/pagedtablemodel.h>

#include <QHeaderView>
#include <QTableView>

#include <algorithm>

namespace Flotilla {

void RunStatusDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant object = index.data(PagedTableModel::ObjectRole);
    if (!object.canConvert<Run>())
        return;
    const RunState state = runState(object.value<Run>());
    option->text = runStateText(state);
    option->icon = runStateIcon(state);
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->decorationSize = QSize(16, 16);
    option->font.setBold(true);
    option->palette.setColor(QPalette::Text, runStateColor(state));
}

void RunStatusDelegate::fitColumn(QTableView *view, int column)
{
    QFont bold = view->font();
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    int widest = 0;
    for (const RunState state : {RunState::Queued, RunState::Pending, RunState::Running, RunState::Succeeded,
                                 RunState::Failed, RunState::NeedsRetry})
        widest = std::max(widest, metrics.horizontalAdvance(runStateText(state)));
    constexpr int iconAndMargins = 16 + 24;
    view->horizontalHeader()->resizeSection(column, std::max(view->horizontalHeader()->sectionSize(column),
                                                             widest + iconAndMargins));
}

} // namespace Flotilla
