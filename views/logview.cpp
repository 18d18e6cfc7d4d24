#include "logview.h"

#include "logdelegate.h"

#include <logfiltermodel.h>
#include <logmodel.h>
#include <logwrapmodel.h>

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QScrollBar>

#include <algorithm>
#include <numeric>

namespace Flotilla {

namespace {

constexpr int wrapDelayMs = 50;
// Rows are at least this wide, so short logs need no horizontal scrolling.
constexpr int minimumRowColumns = 80;

} // namespace

LogView::LogView(QWidget *parent)
    : QListView(parent)
    , m_rows(new LogWrapModel(this))
    , m_delegate(new LogDelegate(this))
{
    setAccessibleName(tr("Log lines"));
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setUniformItemSizes(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Per item, QListView recomputes its page step over all rows on each layout.
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setItemDelegate(m_delegate);
    m_wrapTimer.setSingleShot(true);
    m_wrapTimer.setInterval(wrapDelayMs);
    connect(&m_wrapTimer, &QTimer::timeout, this, &LogView::updateWrapColumns);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &LogView::onScrolled);
    // New rows grow the range; a following view goes along.
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, [this] {
        if (m_following)
            scrollToEnd();
    });
}

LogView::~LogView() = default;

void LogView::setLines(LogFilterModel *lines)
{
    if (m_lines)
        disconnect(m_lines, nullptr, this, nullptr);
    m_lines = lines;
    m_rows->setSourceModel(lines);
    setModel(m_rows);
    connect(lines, &LogFilterModel::rowsInserted, this, [this](const QModelIndex &, int first, int last) {
        onLinesInserted(first, last);
    });
    connect(lines->logModel(), &LogModel::rowsInserted, this, &LogView::updateRowColumns);
    connect(lines->logModel(), &LogModel::modelReset, this, &LogView::updateRowColumns);
    updateWrapColumns();
}

void LogView::updateRowColumns()
{
    const int columns = m_wrapping ? m_rows->wrapColumns()
                                   : std::max(minimumRowColumns, m_lines ? m_lines->logModel()->longestLineBytes() : 0);
    if (columns == m_rowColumns)
        return;
    m_rowColumns = columns;
    m_delegate->setRowColumns(columns);
    Q_EMIT m_delegate->sizeHintChanged(m_rows->index(0, 0));
}

void LogView::setWrapping(bool wrapping)
{
    if (wrapping == m_wrapping)
        return;
    m_wrapping = wrapping;
    setHorizontalScrollBarPolicy(wrapping ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded);
    updateWrapColumns();
}

void LogView::resizeEvent(QResizeEvent *event)
{
    QListView::resizeEvent(event);
    if (m_wrapping)
        m_wrapTimer.start();
}

void LogView::updateWrapColumns()
{
    int columns = 0;
    if (m_wrapping) {
        const QFontMetrics metrics(font());
        const int width = viewport()->width() - m_delegate->gutterWidth(metrics);
        columns = std::max(1, int(width / std::max(1.0, QFontMetricsF(font()).horizontalAdvance(u'0'))));
    }
    if (columns != m_rows->wrapColumns()) {
        const qint64 top = topLineId();
        m_rows->setWrapColumns(columns);
        if (m_following)
            scrollToEnd();
        else if (top >= 0)
            scrollToLineId(top);
    }
    updateRowColumns();
}

void LogView::setHighlight(const LogMatcher *matcher)
{
    m_delegate->setHighlight(matcher);
    viewport()->update();
}

void LogView::setCurrentLineId(qint64 lineId)
{
    m_delegate->setCurrentLineId(lineId);
    viewport()->update();
}

void LogView::scrollToLineId(qint64 lineId)
{
    if (!m_lines)
        return;
    const int line = m_lines->rowOfLineId(lineId);
    if (line < 0)
        return;
    const QModelIndex row = m_rows->mapFromSource(m_lines->index(line, 0));
    setFollowing(false);
    scrollTo(row, QAbstractItemView::PositionAtCenter);
}

qint64 LogView::topLineId() const
{
    const QModelIndex top = indexAt(QPoint(1, 1));
    return top.isValid() ? top.data(LogModel::LineIdRole).toLongLong() : -1;
}

void LogView::follow()
{
    setFollowing(true);
    scrollToEnd();
}

void LogView::pause()
{
    setFollowing(false);
}

void LogView::setFollowing(bool following)
{
    if (following && m_newLines) {
        m_newLines = 0;
        Q_EMIT newLineCountChanged(0);
    }
    if (following == m_following)
        return;
    m_following = following;
    Q_EMIT followingChanged(following);
}

void LogView::scrollToEnd()
{
    m_scrollingToEnd = true;
    scrollToBottom();
    m_scrollingToEnd = false;
}

void LogView::onScrolled(int value)
{
    if (m_scrollingToEnd)
        return;
    setFollowing(value >= verticalScrollBar()->maximum());
}

void LogView::onLinesInserted(int first, int last)
{
    if (m_following)
        return;
    m_newLines += last - first + 1;
    Q_EMIT newLineCountChanged(m_newLines);
}

void LogView::keyPressEvent(QKeyEvent *event)
{
    if (event == QKeySequence::Copy) {
        copySelection();
        return;
    }
    if (event->key() == Qt::Key_End && event->modifiers() == Qt::NoModifier) {
        follow();
        return;
    }
    QListView::keyPressEvent(event);
}

QString LogView::textOfLineRows(const std::vector<int> &rows) const
{
    const LogModel *log = m_lines->logModel();
    QString text;
    for (const int row : rows) {
        const int logRow = log->rowOfLineId(m_lines->lineIdAt(row));
        if (logRow < 0)
            continue;
        text += log->lineText(logRow);
        text += u'\n';
    }
    return text;
}

QString LogView::selectedText() const
{
    if (!m_lines)
        return {};
    std::vector<int> lines;
    for (const QModelIndex &row : selectionModel()->selectedIndexes())
        lines.push_back(m_rows->mapToSource(row).row());
    std::sort(lines.begin(), lines.end());
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    return textOfLineRows(lines);
}

QString LogView::allText() const
{
    if (!m_lines)
        return {};
    std::vector<int> lines(size_t(m_lines->rowCount()));
    std::iota(lines.begin(), lines.end(), 0);
    return textOfLineRows(lines);
}

void LogView::copySelection() const
{
    QApplication::clipboard()->setText(selectedText());
}

void LogView::copyAll() const
{
    QApplication::clipboard()->setText(allText());
}

} // namespace Flotilla
