#pragma once

#include <log/linediff.h>

#include <QStyledItemDelegate>

#include <functional>
#include <optional>

namespace Flotilla {

// The tint of a difference: only left red, only right green, changed amber
// (the house colours of runstate.h), translucent over the row so the
// palette's text colour stays readable on light and dark palettes.
QColor diffTint(DiffKind kind);

// Paints each row of a side-by-side comparison in the tint of its kind of
// difference; `kindOf` says the kind of a row (nothing: not tinted).
class DiffHighlightDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiffHighlightDelegate)

public:
    using KindOf = std::function<std::optional<DiffKind>(const QModelIndex &index)>;

    DiffHighlightDelegate(KindOf kindOf, QObject *parent = nullptr);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    KindOf m_kindOf;
};

} // namespace Flotilla
