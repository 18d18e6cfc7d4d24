#pragma once

#include <QStyledItemDelegate>

namespace Flotilla {

class LogMatcher;

// Paints one visual row of a log in a monospace font: the line number in a
// gutter (on a line's first row), the ANSI colours of its spans, and the
// matches of a search or filter pattern as highlighted backgrounds; the
// current search hit's line gets a band. Rows come from a LogWrapModel.
class LogDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogDelegate)

public:
    explicit LogDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // Both pointers must outlive the delegate or be reset to nullptr.
    void setHighlight(const LogMatcher *matcher) { m_matcher = matcher; }
    void setCurrentLineId(qint64 lineId) { m_currentLineId = lineId; }
    int gutterWidth(const QFontMetrics &metrics) const;
    // The line-number strip's background within a rect of the view.
    QRect gutterBackground(const QFontMetrics &metrics, const QRect &area) const;
    // How many characters a row is wide (for the horizontal scroll range).
    void setRowColumns(int columns) { m_rowColumns = columns; }

private:
    const LogMatcher *m_matcher = nullptr;
    qint64 m_currentLineId = -1;
    int m_rowColumns = 200;
};

} // namespace Flotilla
