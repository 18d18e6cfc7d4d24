#pragma once

#include <QStyledItemDelegate>

namespace Flotilla {

// Paints the cells of an EnvVarModel so problems show without hovering:
// a name with a problem (EnvVarModel::ProblemRole) gets a warning
// background and a warning sign, an empty value a greyed "(empty)".
class EnvVarDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvVarDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Flotilla
