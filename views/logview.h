#pragma once

#include <QListView>
#include <QTimer>

namespace Flotilla {

class LogDelegate;
class LogFilterModel;
class LogMatcher;
class LogWrapModel;

// The lines of a log (a LogFilterModel) as a uniform-height list: line
// numbers, ANSI colours, highlighted matches, and a wrap mode that cuts lines
// into rows at the viewport's width (recomputed when it is resized).
//
// Follow: while the view is scrolled to the bottom, new lines keep it there.
// Scrolling up pauses that and counts the lines that arrive meanwhile
// (newLineCountChanged); scrolling back to the bottom (End) or follow()
// resumes it.
class LogView final : public QListView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogView)

public:
    explicit LogView(QWidget *parent = nullptr);
    ~LogView() override;

    void setLines(LogFilterModel *lines);
    LogFilterModel *lines() const { return m_lines; }
    LogWrapModel *rows() const { return m_rows; }
    LogDelegate *logDelegate() const { return m_delegate; }

    void setWrapping(bool wrapping);
    bool isWrapping() const { return m_wrapping; }
    void setHighlight(const LogMatcher *matcher);
    void setCurrentLineId(qint64 lineId);
    // Shows the line (pausing follow), or does nothing when it is filtered out or dropped.
    void scrollToLineId(qint64 lineId);
    // The line at the top of the viewport (-1 when empty).
    qint64 topLineId() const;

    bool isFollowing() const { return m_following; }
    qint64 newLineCount() const { return m_newLines; }
    void follow();
    void pause();

    // The selected lines (each once, in order), or every line, as text.
    QString selectedText() const;
    QString allText() const;
    void copySelection() const;
    void copyAll() const;

Q_SIGNALS:
    void followingChanged(bool following);
    void newLineCountChanged(qint64 count);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void onLinesInserted(int first, int last);
    void onScrolled(int value);
    void setFollowing(bool following);
    void updateWrapColumns();
    void updateRowColumns();
    void scrollToEnd();
    QString textOfLineRows(const std::vector<int> &rows) const;

    LogFilterModel *m_lines = nullptr;
    LogWrapModel *m_rows;
    LogDelegate *m_delegate;
    QTimer m_wrapTimer; // coalesces resizes
    bool m_wrapping = false;
    int m_rowColumns = 0;
    bool m_following = true;
    bool m_scrollingToEnd = false;
    qint64 m_newLines = 0;
};

} // namespace Flotilla
