#include "envvardelegate.h"

#include <lists/envvarmodel.h>

#include <QApplication>
#include <QStyle>

namespace Flotilla {

namespace {

bool hasNameProblem(const QModelIndex &index)
{
    return index.column() == EnvVarModel::Name && !index.data(EnvVarModel::ProblemRole).toString().isEmpty();
}

bool isEmptyValue(const QModelIndex &index)
{
    return index.column() == EnvVarModel::Value && index.data(Qt::EditRole).toString().isEmpty();
}

} // namespace

void EnvVarDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (hasNameProblem(index)) {
        option->backgroundBrush = QColor(255, 205, 210); // light red, readable in light and dark text
        option->palette.setColor(QPalette::Text, Qt::black);
        option->icon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        option->features |= QStyleOptionViewItem::HasDecoration;
    } else if (isEmptyValue(index)) {
        option->text = tr("(empty)");
        option->font.setItalic(true);
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
    }
}

} // namespace Flotilla
