#pragma once

#include "logpainter.h"
#include <QAbstractItemModel>
#include <QAbstractScrollArea>

#include <QTimer>

#include <optional>

namespace Flotilla {

class LogFilterModel;
class LogMatcher;
class LogWrapModel;

// The lines of a log (a LogFilterModel) as uniform-height rows: line
// numbers, ANSI colours, highlighted matches, and a wrap mode that cuts lines
// into rows at the viewport's width (recomputed when it is resized).
//
// A scroll area that paints only the visible rows through a LogPainter in
// a LogColourScheme from its palette (Konsole style) rather than a QListView: QListView lays out all rows on
// every insert, 10-150 ms per chunk at a million rows, while here an insert
// only sets the scroll bar's range (rows times the row height).
//
// Selection is a range of line ids (anchor to cursor), so it survives
// rewrapping and lines arriving above (read backwards, or kept by a filter).
// Those, and wrapped rows counted anew (LogWrapModel), keep the top line
// where it is (the scroll position moves with it).
//
// Follow: while the view is scrolled to the bottom, new lines keep it there.
// Scrolling up pauses that and counts the lines that arrive meanwhile
// (newLineCountChanged); scrolling back to the bottom (End) or follow()
// resumes it.
class LogView final : public QAbstractScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogView)

public:
    explicit LogView(QWidget *parent = nullptr);
    ~LogView() override;

    void setLines(LogFilterModel *lines);
    LogFilterModel *lines() const { return m_lines; }
    LogWrapModel *rows() const { return m_rows; }
    // The visual rows (the wrap model), for indexAt() and visualRect().
    QAbstractItemModel *model() const;

    // The visual row at a viewport point, and where a visual row is painted.
    QModelIndex indexAt(const QPoint &point) const;
    QRect visualRect(const QModelIndex &row) const;

    void setWrapping(bool wrapping);
    void setHighlight(const LogMatcher *matcher);
    void setCurrentLineId(qint64 lineId);
    // Shows the line (pausing follow), or does nothing when it is filtered out or not read yet.
    void scrollToLineId(qint64 lineId);
    // The line at the top of the viewport (-1 when empty).
    qint64 topLineId() const;

    bool isFollowing() const { return m_following; }
    qint64 newLineCount() const { return m_newLines; }
    void follow();
    void pause();

    // Selects the lines from one id to another (both included, either order).
    void selectLines(qint64 fromLineId, qint64 toLineId);
    void selectAll();
    void clearSelection();
    bool isLineSelected(qint64 lineId) const;

    // The selected lines (each once, in order), or every line, as text.
    QString selectedText() const;
    QString allText() const;
    void copySelection() const;
    void copyAll() const;

Q_SIGNALS:
    void followingChanged(bool following);
    void newLineCountChanged(qint64 count);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    void onLinesInserted(int first, int last);
    // Around a change of the rows: the top line stays where it is.
    void rememberTopLine();
    void onRowsChanged();
    int firstRowOfLine(qint64 lineId) const; // -1 when it has no row
    void onScrolled(int value);
    void setFollowing(bool following);
    void updateWrapColumns();
    void updateRowColumns();
    void updateScrollBars();
    void scrollToEnd();
    int rowHeight() const;
    int visibleRowCount() const;
    // Where a visual row starts in the viewport.
    int rowTop(int row) const;
    qint64 lineIdAtPoint(const QPoint &point) const;
    // The filter rows whose line ids lie in [from, to].
    QString textOfLines(qint64 fromLineId, qint64 toLineId) const;

    LogFilterModel *m_lines = nullptr;
    LogWrapModel *m_rows;
    LogPainter m_painter;
    QTimer m_wrapTimer; // coalesces resizes
    bool m_wrapping = false;
    int m_rowColumns = 0;
    bool m_following = true;
    bool m_scrollingToEnd = false;
    // The top line while the rows change (not following): its row's place in
    // the line and the pixels scrolled into that row.
    struct TopLine
    {
        qint64 lineId = LogModel::noLineId;
        int segment = 0;
        int offset = 0;
    };
    std::optional<TopLine> m_keptTop;
    bool m_keepingTop = false;
    qint64 m_newLines = 0;
    qint64 m_anchorLineId = LogModel::noLineId; // selection; noLineId when none
    qint64 m_cursorLineId = LogModel::noLineId;
};

} // namespace Flotilla
