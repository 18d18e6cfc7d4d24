#include "logview.h"

#include "logcolourscheme.h"

#include <log/logfiltermodel.h>
#include <log/logmodel.h>
#include <log/logwrapmodel.h>

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <limits>

namespace Flotilla {

namespace {

constexpr int wrapDelayMs = 50;
// Rows are at least this wide, so short logs need no horizontal scrolling.
constexpr int minimumRowColumns = 80;

// Rows inserted before the last one: read backwards, or kept by a filter.
bool isInsertedAbove(const QAbstractItemModel *model, int last)
{
    return last + 1 < model->rowCount();
}

qint64 lineIdOf(const QModelIndex &row)
{
    return row.isValid() ? row.data(LogModel::LineIdRole).toLongLong() : LogModel::noLineId;
}

} // namespace

LogView::LogView(QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_rows(new LogWrapModel(this))
{
    setAccessibleName(tr("Log lines"));
    viewport()->setAccessibleName(tr("Log lines"));
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setBackgroundRole(QPalette::Base);
    m_wrapTimer.setSingleShot(true);
    m_wrapTimer.setInterval(wrapDelayMs);
    connect(&m_wrapTimer, &QTimer::timeout, this, &LogView::updateWrapColumns);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &LogView::onScrolled);
    // Every change of the rows only moves the scroll range: O(1), no layout.
    // Rows arrive above (lines read backwards, kept by a filter, wrapped rows
    // counted): the line at the top stays there.
    for (const auto signal : {&QAbstractItemModel::rowsAboutToBeInserted, &QAbstractItemModel::rowsAboutToBeRemoved})
        connect(m_rows, signal, this, &LogView::rememberTopLine);
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_rows, signal, this, &LogView::onRowsChanged);
    connect(m_rows, &QAbstractItemModel::modelReset, this, [this] {
        m_keptTop.reset();
        updateScrollBars();
    });
    connect(m_rows, &QAbstractItemModel::dataChanged, viewport(), qOverload<>(&QWidget::update));
}

LogView::~LogView() = default;

QAbstractItemModel *LogView::model() const
{
    return m_rows;
}

void LogView::setLines(LogFilterModel *lines)
{
    if (m_lines)
        disconnect(m_lines, nullptr, this, nullptr);
    m_lines = lines;
    m_rows->setSourceModel(lines);
    connect(lines, &LogFilterModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onLinesInserted(first, last); });
    connect(lines->logModel(), &LogModel::rowsInserted, this, &LogView::updateRowColumns);
    connect(lines->logModel(), &LogModel::modelReset, this, &LogView::updateRowColumns);
    updateWrapColumns();
    updateScrollBars();
}

int LogView::rowHeight() const
{
    return fontMetrics().height() + 2;
}

int LogView::visibleRowCount() const
{
    return std::max(1, viewport()->height() / rowHeight());
}

int LogView::rowTop(int row) const
{
    return row * rowHeight() - verticalScrollBar()->value();
}

void LogView::updateScrollBars()
{
    // Pixels, so that the last row sits on the bottom edge.
    QScrollBar *vertical = verticalScrollBar();
    const qint64 height = qint64(m_rows->rowCount()) * rowHeight();
    vertical->setSingleStep(rowHeight());
    vertical->setPageStep(viewport()->height());
    vertical->setRange(0, int(std::clamp<qint64>(height - viewport()->height(), 0, std::numeric_limits<int>::max())));
    const QFontMetrics metrics(font());
    const int width = LogPainter::gutterWidth(metrics) + metrics.horizontalAdvance(u'0') * m_rowColumns;
    horizontalScrollBar()->setPageStep(viewport()->width());
    horizontalScrollBar()->setSingleStep(metrics.horizontalAdvance(u'0'));
    horizontalScrollBar()->setRange(0, m_wrapping ? 0 : std::max(0, width - viewport()->width()));
    if (m_following)
        scrollToEnd();
    viewport()->update();
}

void LogView::updateRowColumns()
{
    const int columns = m_wrapping ? m_rows->wrapColumns()
                                   : std::max(minimumRowColumns, m_lines ? m_lines->logModel()->longestLineBytes() : 0);
    if (columns == m_rowColumns)
        return;
    m_rowColumns = columns;
    updateScrollBars();
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
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
    if (m_wrapping)
        m_wrapTimer.start();
}

void LogView::updateWrapColumns()
{
    int columns = 0;
    if (m_wrapping) {
        const QFontMetrics metrics(font());
        const int width = viewport()->width() - LogPainter::gutterWidth(metrics);
        columns = std::max(1, int(width / std::max(1.0, QFontMetricsF(font()).horizontalAdvance(u'0'))));
    }
    if (columns != m_rows->wrapColumns()) {
        const qint64 top = topLineId();
        m_rows->setWrapColumns(columns);
        if (m_following)
            scrollToEnd();
        else if (top != LogModel::noLineId)
            scrollToLineId(top);
    }
    updateRowColumns();
}

void LogView::setHighlight(const LogMatcher *matcher)
{
    m_painter.setHighlight(matcher);
    viewport()->update();
}

void LogView::setCurrentLineId(qint64 lineId)
{
    m_painter.setCurrentLineId(lineId);
    viewport()->update();
}

void LogView::scrollToLineId(qint64 lineId)
{
    if (!m_lines)
        return;
    const int row = firstRowOfLine(lineId);
    if (row < 0)
        return;
    setFollowing(false);
    verticalScrollBar()->setValue((row - visibleRowCount() / 2) * rowHeight());
}

int LogView::firstRowOfLine(qint64 lineId) const
{
    const int line = m_lines ? m_lines->rowOfLineId(lineId) : -1;
    return line < 0 ? -1 : m_rows->mapFromSource(m_lines->index(line, 0)).row();
}

void LogView::rememberTopLine()
{
    if (m_following || m_keptTop)
        return; // kept from rows that went, until they come back
    const int scrolled = verticalScrollBar()->value();
    const QModelIndex top = m_rows->index(scrolled / rowHeight(), 0);
    const qint64 lineId = lineIdOf(top);
    const int first = firstRowOfLine(lineId);
    if (first >= 0)
        m_keptTop = TopLine{lineId, top.row() - first, scrolled - top.row() * rowHeight()};
}

void LogView::onRowsChanged()
{
    m_keepingTop = true; // the scroll bar follows the rows, not the user
    updateScrollBars();
    if (m_keptTop) {
        const int first = firstRowOfLine(m_keptTop->lineId);
        if (first >= 0) {
            verticalScrollBar()->setValue((first + m_keptTop->segment) * rowHeight() + m_keptTop->offset);
            m_keptTop.reset();
        }
    }
    m_keepingTop = false;
}

QModelIndex LogView::indexAt(const QPoint &point) const
{
    if (point.y() < 0)
        return {};
    return m_rows->index((verticalScrollBar()->value() + point.y()) / rowHeight(), 0);
}

QRect LogView::visualRect(const QModelIndex &row) const
{
    if (!row.isValid() || row.model() != m_rows)
        return {};
    const QFontMetrics metrics(font());
    const int width = LogPainter::gutterWidth(metrics) + metrics.horizontalAdvance(u'0') * m_rowColumns;
    return {-horizontalScrollBar()->value(), rowTop(row.row()), std::max(width, viewport()->width()), rowHeight()};
}

qint64 LogView::topLineId() const
{
    return lineIdOf(indexAt(QPoint(1, 1)));
}

void LogView::paintEvent(QPaintEvent *event)
{
    QPainter painter(viewport());
    QPalette palette = viewport()->palette();
    // As a style option would: greyed when disabled, inactive colours in a background window.
    palette.setCurrentColorGroup(!viewport()->isEnabled()       ? QPalette::Disabled
                                 : viewport()->isActiveWindow() ? QPalette::Active
                                                                : QPalette::Inactive);
    const LogColourScheme colours(palette);
    const QFont rowFont = font();
    // The strip runs on below the last line, as in an editor.
    const QRect area = event->rect();
    painter.fillRect(LogPainter::gutterBackground(QFontMetrics(rowFont), QRect(-horizontalScrollBar()->value(),
                                                                               area.top(), area.width(), area.height())),
                     colours.gutter());
    const int scrolled = verticalScrollBar()->value();
    const int first = (scrolled + area.top()) / rowHeight();
    const int last = std::min(m_rows->rowCount() - 1, (scrolled + area.bottom()) / rowHeight());
    for (int row = first; row <= last; ++row) {
        const QModelIndex index = m_rows->index(row, 0);
        m_painter.paintRow(&painter, visualRect(index), index, isLineSelected(lineIdOf(index)), rowFont, colours);
    }
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
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    m_scrollingToEnd = false;
}

void LogView::onScrolled(int value)
{
    viewport()->update();
    if (m_scrollingToEnd || m_keepingTop)
        return;
    setFollowing(value >= verticalScrollBar()->maximum());
}

void LogView::onLinesInserted(int first, int last)
{
    if (m_following || isInsertedAbove(m_lines, last))
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
    if (event == QKeySequence::SelectAll) {
        selectAll();
        return;
    }
    QScrollBar *vertical = verticalScrollBar();
    switch (event->modifiers() == Qt::NoModifier ? event->key() : 0) {
    case Qt::Key_End: follow(); return;
    case Qt::Key_Home: vertical->setValue(0); return;
    case Qt::Key_Up:
    case Qt::Key_Down:
        vertical->triggerAction(event->key() == Qt::Key_Up ? QAbstractSlider::SliderSingleStepSub
                                                           : QAbstractSlider::SliderSingleStepAdd);
        return;
    case Qt::Key_PageUp:
    case Qt::Key_PageDown:
        vertical->triggerAction(event->key() == Qt::Key_PageUp ? QAbstractSlider::SliderPageStepSub
                                                               : QAbstractSlider::SliderPageStepAdd);
        return;
    default: QAbstractScrollArea::keyPressEvent(event);
    }
}

qint64 LogView::lineIdAtPoint(const QPoint &point) const
{
    const int y = std::clamp(point.y(), 0, std::max(0, viewport()->height() - 1));
    const QModelIndex row = indexAt(QPoint(point.x(), y));
    return row.isValid() ? lineIdOf(row) : lineIdOf(m_rows->index(m_rows->rowCount() - 1, 0));
}

void LogView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mousePressEvent(event);
    const qint64 lineId = lineIdAtPoint(event->position().toPoint());
    const bool extend = (event->modifiers() & Qt::ShiftModifier) && m_anchorLineId != LogModel::noLineId;
    selectLines(extend ? m_anchorLineId : lineId, lineId);
}

void LogView::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton) || m_anchorLineId == LogModel::noLineId)
        return QAbstractScrollArea::mouseMoveEvent(event);
    const QPoint point = event->position().toPoint();
    // Dragging past an edge scrolls that way.
    if (point.y() < 0)
        verticalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepSub);
    else if (point.y() >= viewport()->height())
        verticalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepAdd);
    selectLines(m_anchorLineId, lineIdAtPoint(point));
}

void LogView::selectLines(qint64 fromLineId, qint64 toLineId)
{
    m_anchorLineId = fromLineId;
    m_cursorLineId = toLineId;
    viewport()->update();
}

void LogView::selectAll()
{
    if (!m_lines || m_lines->rowCount() == 0)
        return clearSelection();
    selectLines(m_lines->lineIdAt(0), m_lines->lineIdAt(m_lines->rowCount() - 1));
}

void LogView::clearSelection()
{
    selectLines(LogModel::noLineId, LogModel::noLineId);
}

bool LogView::isLineSelected(qint64 lineId) const
{
    return m_anchorLineId != LogModel::noLineId && lineId >= std::min(m_anchorLineId, m_cursorLineId)
           && lineId <= std::max(m_anchorLineId, m_cursorLineId);
}

QString LogView::textOfLines(qint64 fromLineId, qint64 toLineId) const
{
    if (!m_lines || fromLineId == LogModel::noLineId)
        return {};
    // Filter rows are in line id order.
    const auto firstRowFrom = [this](qint64 lineId) {
        int low = 0;
        int high = m_lines->rowCount();
        while (low < high) {
            const int middle = low + (high - low) / 2;
            if (m_lines->lineIdAt(middle) < lineId)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    };
    const LogModel *log = m_lines->logModel();
    QString text;
    const int end = firstRowFrom(toLineId + 1);
    for (int row = firstRowFrom(fromLineId); row < end; ++row) {
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
    return textOfLines(std::min(m_anchorLineId, m_cursorLineId), std::max(m_anchorLineId, m_cursorLineId));
}

QString LogView::allText() const
{
    return textOfLines(LogModel::noLineId + 1, std::numeric_limits<qint64>::max() - 1);
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
