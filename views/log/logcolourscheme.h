#pragma once

#include <log/ansiparser.h>

#include <QColor>
#include <QPalette>

namespace Flotilla {

// The colours a log is painted in, taken from the widget's palette (as
// Konsole's ColorScheme is apart from its TerminalDisplay): text, selection,
// the line-number gutter, search hits, the current hit's line, and what an
// ANSI span's colours become. The parser stores the xterm colours a log
// asked for; a span without one (alpha 0) takes the palette's, and Inverse
// swaps the pair, the palette's base standing in for a missing background.
class LogColourScheme final
{
public:
    LogColourScheme() = default;
    explicit LogColourScheme(const QPalette &palette);

    QBrush selection() const { return m_palette.brush(QPalette::Highlight); }
    QBrush gutter() const { return m_palette.brush(QPalette::AlternateBase); }
    QColor lineNumber() const { return m_palette.color(QPalette::PlaceholderText); }
    QColor hit() const;
    QColor currentLine() const;
    QColor text(bool selected) const { return m_palette.color(selected ? QPalette::HighlightedText : QPalette::Text); }

    struct SpanColours
    {
        QColor foreground;
        QColor background; // invalid: none painted
    };
    // A span's colours; selected text keeps the selection's colours.
    SpanColours spanColours(const ColourSpan &span, bool selected) const;

private:
    QPalette m_palette;
};

} // namespace Flotilla
