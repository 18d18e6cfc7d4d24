#include "logpainter.h"

#include "logcolourscheme.h"

#include <log/logmodel.h>
#include <log/logsearch.h>
#include <log/logwrapmodel.h>

#include <QPainter>

namespace Flotilla {

namespace {

constexpr int gutterPadding = 6;
constexpr int gutterDigits = 9; // "≈" and line numbers up to 99,999,999

} // namespace

int LogPainter::gutterWidth(const QFontMetrics &metrics)
{
    return metrics.horizontalAdvance(u'0') * gutterDigits + 2 * gutterPadding;
}

QRect LogPainter::gutterBackground(const QFontMetrics &metrics, const QRect &area)
{
    return QRect(area.left(), area.top(), gutterWidth(metrics) - gutterPadding, area.height());
}

void LogPainter::paintRow(QPainter *painter, const QRect &rect, const QModelIndex &row, bool selected,
                          const QFont &font, const LogColourScheme &colours) const
{
    const QFontMetrics metrics(font);
    // Fractional: text runs are laid out with fractional advances, so an
    // integer grid would drift from them along a long line.
    const qreal advance = QFontMetricsF(font).horizontalAdvance(u'0');
    const int gutter = gutterWidth(metrics);
    const int textLeft = rect.left() + gutter;
    const int baseline = rect.top() + 1 + metrics.ascent();
    const QString line = row.data(Qt::DisplayRole).toString();
    const int segmentStart = row.data(LogWrapModel::SegmentStartRole).toInt();
    const int segmentEnd = segmentStart + row.data(LogWrapModel::SegmentLengthRole).toInt();
    const qint64 lineId = row.data(LogModel::LineIdRole).toLongLong();
    const auto x = [&](int column) { return textLeft + (column - segmentStart) * advance; };
    const auto columnsRect = [&](int from, int to) {
        return QRectF(x(from), rect.top(), (to - from) * advance, rect.height());
    };

    painter->save();
    painter->setFont(font);
    if (selected)
        painter->fillRect(rect, colours.selection());
    else if (lineId == m_currentLineId)
        painter->fillRect(rect, colours.currentLine());

    painter->fillRect(gutterBackground(metrics, rect), colours.gutter());
    if (segmentStart == 0) {
        painter->setPen(colours.lineNumber());
        // An estimate until the log's start is read: "≈1234".
        const QString number = row.data(LogModel::LineNumberRole).toString();
        painter->drawText(QRect(rect.left(), rect.top(), gutter - 2 * gutterPadding, rect.height()),
                          Qt::AlignRight | Qt::AlignVCenter,
                          row.data(LogModel::LineNumberApproximateRole).toBool() ? QStringLiteral("≈%1").arg(number)
                                                                                 : number);
    }

    if (m_matcher) {
        for (const auto &[start, length] : m_matcher->ranges(line)) {
            const int from = std::max(start, segmentStart);
            const int to = std::min(start + length, segmentEnd);
            if (from < to)
                painter->fillRect(columnsRect(from, to), colours.hit());
        }
    }

    const QList<ColourSpan> spans = row.data(LogModel::SpansRole).value<QList<ColourSpan>>();
    QFont styled = font;
    int column = segmentStart;
    auto span = spans.begin();
    while (column < segmentEnd) {
        while (span != spans.end() && span->start + span->length <= column)
            ++span;
        const bool inSpan = span != spans.end() && span->start <= column;
        const int end = std::min(segmentEnd, inSpan                ? span->start + span->length
                                             : span != spans.end() ? span->start
                                                                   : segmentEnd);
        QColor foreground = colours.text(selected);
        if (inSpan) {
            const LogColourScheme::SpanColours spanColours = colours.spanColours(*span, selected);
            foreground = spanColours.foreground;
            if (spanColours.background.isValid())
                painter->fillRect(columnsRect(column, end), spanColours.background);
        }
        styled.setBold(inSpan && (span->flags & ColourSpan::Bold));
        styled.setItalic(inSpan && (span->flags & ColourSpan::Italic));
        styled.setUnderline(inSpan && (span->flags & ColourSpan::Underline));
        painter->setFont(styled);
        painter->setPen(foreground);
        painter->drawText(QPointF(x(column), baseline), line.mid(column, end - column));
        column = end;
    }
    painter->restore();
}

} // namespace Flotilla
