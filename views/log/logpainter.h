#pragma once

#include <log/logmodel.h>

#include <QtGlobal>

class QFont;
class QFontMetrics;
class QModelIndex;
class QPainter;
class QRect;

namespace Flotilla {

class LogColourScheme;
class LogMatcher;

// Draws one visual row of a log (an index of a LogWrapModel) in a monospace
// font, as Konsole's TerminalPainter draws for its TerminalDisplay: the line
// number in a gutter (on a line's first row), the runs of its ANSI colour
// spans, the matches of a search or filter pattern as highlighted
// backgrounds, the selection, and a band on the current search hit's line.
// LogView keeps input, selection and geometry and says where each row goes.
class LogPainter final
{
public:
    // The matcher must outlive the painter or be reset to nullptr.
    void setHighlight(const LogMatcher *matcher) { m_matcher = matcher; }
    void setCurrentLineId(qint64 lineId) { m_currentLineId = lineId; }

    static int gutterWidth(const QFontMetrics &metrics);
    // The line-number strip's background within a rect of the view.
    static QRect gutterBackground(const QFontMetrics &metrics, const QRect &area);

    void paintRow(QPainter *painter, const QRect &rect, const QModelIndex &row, bool selected, const QFont &font,
                  const LogColourScheme &colours) const;

private:
    const LogMatcher *m_matcher = nullptr;
    qint64 m_currentLineId = LogModel::noLineId;
};

} // namespace Flotilla
