#include "runstatusdelegate.h"

#include "runstate.h"

#include <pagedtablemodel.h>

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

} // namespace Flotilla
