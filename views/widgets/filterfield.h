#pragma once

#include <QLineEdit>
#include <QStyle>

namespace Flotilla {

// A filter field stays wide enough for its placeholder ("Search aliases
// (Ctrl+L)") and the clear button: squeezed, it said only "S…".
inline void keepPlaceholderVisible(QLineEdit *edit)
{
    const int clearButton = edit->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, edit) + 8;
    const QMargins margins = edit->textMargins() + edit->contentsMargins();
    edit->setMinimumWidth(edit->fontMetrics().horizontalAdvance(edit->placeholderText()) + margins.left()
                          + margins.right() + 2 * edit->style()->pixelMetric(QStyle::PM_DefaultFrameWidth) + 8
                          + clearButton);
}

} // namespace Flotilla
