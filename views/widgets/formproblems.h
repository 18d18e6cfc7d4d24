#pragma once

#include <QLabel>

namespace Flotilla {

// The forms' problem labels: red text under or beside the field, shown only
// while there is something to say (the text, not the colour, carries it).
inline void styleAsProblem(QLabel *label)
{
    label->setStyleSheet(QStringLiteral("color: #b00020;"));
}

inline void showProblem(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

} // namespace Flotilla
