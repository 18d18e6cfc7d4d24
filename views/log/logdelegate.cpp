#include "logdelegate.h"

#include <log/logmodel.h>
#include <log/logsearch.h>
#include <log/logwrapmodel.h>

#include <QPainter>
#include <QtMath>

namespace Flotilla {

namespace {

constexpr int gutterPadding = 6;
constexpr int gutterDigits = 7; // line numbers up to 9,999,999
constexpr QRgb hitColour = 0xfff5d742;
constexpr QRgb currentLineColour = 0x40f5a742;

QColor spanColour(QRgb colour, const QColor &fallback)
{
    return qAlpha(colour) ? QColor::fromRgba(colour) : fallback;
}

} // namespace

LogDelegate::LogDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

int LogDelegate::gutterWidth(const QFontMetrics &metrics) const
{
    return metrics.horizontalAdvance(u'0') * gutterDigits + 2 * gutterPadding;
}

QSize LogDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const QFontMetrics &metrics = option.fontMetrics;
    const qreal advance = QFontMetricsF(option.font).horizontalAdvance(u'0');
    return {gutterWidth(metrics) + qCeil(advance * m_rowColumns), metrics.height() + 2};
}

QRect LogDelegate::gutterBackground(const QFontMetrics &metrics, const QRect &area) const
{
    return QRect(area.left(), area.top(), gutterWidth(metrics) - gutterPadding, area.height());
}

void LogDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QFontMetrics &metrics = option.fontMetrics;
    const QPalette &palette = option.palette;
    const QRect &rect = option.rect;
    // Fractional: text runs are laid out with fractional advances, so an
    // integer grid would drift from them along a long line.
    const qreal advance = QFontMetricsF(option.font).horizontalAdvance(u'0');
    const int gutter = gutterWidth(metrics);
    const int textLeft = rect.left() + gutter;
    const int baseline = rect.top() + 1 + metrics.ascent();
    const bool selected = option.state & QStyle::State_Selected;
    const QString line = index.data(Qt::DisplayRole).toString();
    const int segmentStart = index.data(LogWrapModel::SegmentStartRole).toInt();
    const int segmentEnd = segmentStart + index.data(LogWrapModel::SegmentLengthRole).toInt();
    const qint64 lineId = index.data(LogModel::LineIdRole).toLongLong();
    const auto x = [&](int column) { return textLeft + (column - segmentStart) * advance; };
    const auto columnsRect = [&](int from, int to) {
        return QRectF(x(from), rect.top(), (to - from) * advance, rect.height());
    };

    painter->save();
    painter->setFont(option.font);
    if (selected)
        painter->fillRect(rect, palette.brush(QPalette::Highlight));
    else if (lineId == m_currentLineId)
        painter->fillRect(rect, QColor::fromRgba(currentLineColour));

    painter->fillRect(gutterBackground(metrics, rect), palette.brush(QPalette::AlternateBase));
    if (segmentStart == 0) {
        painter->setPen(palette.color(QPalette::PlaceholderText));
        painter->drawText(QRect(rect.left(), rect.top(), gutter - 2 * gutterPadding, rect.height()),
                          Qt::AlignRight | Qt::AlignVCenter, index.data(LogModel::LineNumberRole).toString());
    }

    if (m_matcher) {
        for (const auto &[start, length] : m_matcher->ranges(line)) {
            const int from = std::max(start, segmentStart);
            const int to = std::min(start + length, segmentEnd);
            if (from < to)
                painter->fillRect(columnsRect(from, to), QColor::fromRgba(hitColour));
        }
    }

    const QColor plain = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    const QList<ColourSpan> spans = index.data(LogModel::SpansRole).value<QList<ColourSpan>>();
    QFont font = option.font;
    int column = segmentStart;
    auto span = spans.begin();
    while (column < segmentEnd) {
        while (span != spans.end() && span->start + span->length <= column)
            ++span;
        const bool inSpan = span != spans.end() && span->start <= column;
        const int end = std::min(segmentEnd, inSpan                ? span->start + span->length
                                             : span != spans.end() ? span->start
                                                                   : segmentEnd);
        QColor foreground = plain;
        if (inSpan && !selected) {
            QColor background = spanColour(span->background, QColor());
            foreground = spanColour(span->foreground, plain);
            if (span->flags & ColourSpan::Inverse) {
                const QColor swapped = background.isValid() ? background : palette.color(QPalette::Base);
                background = foreground;
                foreground = swapped;
            }
            if (background.isValid())
                painter->fillRect(columnsRect(column, end), background);
        }
        font.setBold(inSpan && (span->flags & ColourSpan::Bold));
        font.setItalic(inSpan && (span->flags & ColourSpan::Italic));
        font.setUnderline(inSpan && (span->flags & ColourSpan::Underline));
        painter->setFont(font);
        painter->setPen(foreground);
        painter->drawText(QPointF(x(column), baseline), line.mid(column, end - column));
        column = end;
    }
    painter->restore();
}

} // namespace Flotilla
