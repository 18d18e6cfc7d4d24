#include "timelinebarsitem.h"

#include "runstate.h"

#include <lists/runhistorymodel.h> // runOutcomeColor
#include <lists/runtimelinemodel.h>

#include <QPainter>

#include <algorithm>
#include <array>

namespace Flotilla {

namespace {

constexpr double laneGap = 2; // pixels between lanes, so neighbours stay apart

} // namespace

QColor timelineColor(std::optional<RunOutcome> outcome)
{
    return outcome ? runOutcomeColor(*outcome) : runStateColor(RunState::Running);
}

QString timelineText(std::optional<RunOutcome> outcome)
{
    return outcome ? runOutcomeText(*outcome) : runStateText(RunState::Running);
}

TimelineBarsItem::TimelineBarsItem(const RunTimelineModel *model, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , m_model(model)
{
    setZValue(10); // over the grid, under nothing
}

void TimelineBarsItem::setView(const QRectF &plotArea, const TimelineViewport &viewport, double firstLane,
                               double laneHeight)
{
    if (plotArea != m_plotArea)
        prepareGeometryChange();
    m_plotArea = plotArea;
    m_viewport = viewport;
    m_viewport.width = plotArea.width();
    m_firstLane = firstLane;
    m_laneHeight = laneHeight;
    relayout();
}

void TimelineBarsItem::relayout()
{
    const QList<TimelineRow> &rows = m_model->rows();
    m_rowOffsets.resize(rows.size());
    m_marks.resize(rows.size());
    m_laneCount = 0;
    for (int row = 0; row < rows.size(); ++row) {
        m_rowOffsets[row] = m_laneCount;
        m_laneCount += rows[row].lanes;
        // Rows out of sight need no marks.
        const double top = laneTop(row, 0);
        const double bottom = top + rows[row].lanes * m_laneHeight;
        if (bottom < m_plotArea.top() || top > m_plotArea.bottom())
            m_marks[row].clear();
        else
            m_marks[row] = layoutTimelineRow(rows[row], m_viewport);
    }
    update();
}

double TimelineBarsItem::laneTop(int row, int lane) const
{
    return m_plotArea.top() + (m_rowOffsets[row] + lane - m_firstLane) * m_laneHeight;
}

const TimelineMark *TimelineBarsItem::markAt(const QPointF &point, int *row) const
{
    if (!m_plotArea.contains(point))
        return nullptr;
    const int lane = int((point.y() - m_plotArea.top()) / m_laneHeight + m_firstLane);
    const auto after = std::upper_bound(m_rowOffsets.cbegin(), m_rowOffsets.cend(), lane);
    if (after == m_rowOffsets.cbegin())
        return nullptr;
    *row = int(after - m_rowOffsets.cbegin()) - 1;
    const double x = point.x() - m_plotArea.left();
    const TimelineMark *nearest = nullptr;
    constexpr double slop = 2; // one-pixel marks are hard to hit exactly
    for (const TimelineMark &mark : m_marks[*row]) {
        if (mark.lane != lane - m_rowOffsets[*row] || x < mark.left - slop || x > mark.right + slop)
            continue;
        if (x >= mark.left && x <= mark.right)
            return &mark;
        nearest = &mark;
    }
    return nearest;
}

void TimelineBarsItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    // Looked up once per paint: the outcomes by index, the running colour last.
    std::array<QColor, runOutcomeCount + 1> colours;
    for (int outcome = 0; outcome < runOutcomeCount; ++outcome)
        colours[size_t(outcome)] = runOutcomeColor(RunOutcome(outcome));
    colours[runOutcomeCount] = timelineColor(std::nullopt);
    painter->save();
    painter->setClipRect(m_plotArea);
    const double barHeight = std::max(1.0, m_laneHeight - laneGap);
    for (int row = 0; row < m_marks.size(); ++row) {
        for (const TimelineMark &mark : m_marks[row]) {
            painter->fillRect(QRectF(m_plotArea.left() + mark.left, laneTop(row, mark.lane) + laneGap / 2,
                                     mark.right - mark.left, barHeight),
                              colours[size_t(mark.outcome ? int(*mark.outcome) : runOutcomeCount)]);
        }
    }
    painter->restore();
}

} // namespace Flotilla
