#pragma once

#include <QStyledItemDelegate>

class QTableView;

namespace Flotilla {

// Shows a run's state by icon, colour and text (the model's ObjectRole run),
// so a status never depends on colour alone.
class RunStatusDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunStatusDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // Widens the column to the longest state in the UI language ("Fehlgeschlagen").
    static void fitColumn(QTableView *view, int column);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Flotilla
