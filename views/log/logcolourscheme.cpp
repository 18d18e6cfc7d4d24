#include "logcolourscheme.h"

namespace Flotilla {

namespace {

constexpr QRgb hitColour = 0xfff5d742;
constexpr QRgb currentLineColour = 0x40f5a742;

QColor spanColour(QRgb colour, const QColor &fallback)
{
    return qAlpha(colour) ? QColor::fromRgba(colour) : fallback;
}

} // namespace

LogColourScheme::LogColourScheme(const QPalette &palette)
    : m_palette(palette)
{}

QColor LogColourScheme::hit() const
{
    return QColor::fromRgba(hitColour);
}

QColor LogColourScheme::currentLine() const
{
    return QColor::fromRgba(currentLineColour);
}

LogColourScheme::SpanColours LogColourScheme::spanColours(const ColourSpan &span, bool selected) const
{
    const QColor plain = text(selected);
    if (selected)
        return {plain, QColor()};
    SpanColours colours{spanColour(span.foreground, plain), spanColour(span.background, QColor())};
    if (span.flags & ColourSpan::Inverse) {
        const QColor swapped = colours.background.isValid() ? colours.background : m_palette.color(QPalette::Base);
        colours.background = colours.foreground;
        colours.foreground = swapped;
    }
    return colours;
}

} // namespace Flotilla
