#include "diffhighlightdelegate.h"

#include <runs/runstate.h>

namespace Flotilla {

QColor diffTint(DiffKind kind)
{
    QColor tint;
    switch (kind) {
    case DiffKind::Same: return {};
    case DiffKind::Changed: tint = runStateColor(RunState::Queued); break;
    case DiffKind::OnlyLeft: tint = runStateColor(RunState::Failed); break;
    case DiffKind::OnlyRight: tint = runStateColor(RunState::Succeeded); break;
    }
    tint.setAlpha(72);
    return tint;
}

DiffHighlightDelegate::DiffHighlightDelegate(KindOf kindOf, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_kindOf(std::move(kindOf))
{}

void DiffHighlightDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (const std::optional<DiffKind> kind = m_kindOf(index); kind && *kind != DiffKind::Same)
        option->backgroundBrush = diffTint(*kind);
}

} // namespace Flotilla
