#pragma once

#include <lists/timelinelayout.h>

#include <QColor>
#include <QGraphicsItem>

namespace Flotilla {

class RunTimelineModel;

// A timeline mark's colour and legend text: the history chart's outcome
// colours, and the running state's while a run is active.
QColor timelineColor(std::optional<RunOutcome> outcome);
QString timelineText(std::optional<RunOutcome> outcome); // translated

// The runs of a timeline chart, in its plot area: only the visible ones, runs
// shorter than a pixel merged (layoutTimelineRow), laid out again only when
// the time range, the size, the rows or "now" change, so a repaint just
// fills rectangles. Qt Charts has no Gantt series, and a series per run
// would not stay smooth with 10,000 of them.
class TimelineBarsItem final : public QGraphicsItem
{
public:
    explicit TimelineBarsItem(const RunTimelineModel *model, QGraphicsItem *parent = nullptr);

    // What to show: `viewport` in `plotArea`, lanes from `firstLane` down, `laneHeight` pixels each.
    void setView(const QRectF &plotArea, const TimelineViewport &viewport, double firstLane, double laneHeight);
    // The lanes above each row's first, and all of them.
    const QList<int> &rowOffsets() const { return m_rowOffsets; }
    int laneCount() const { return m_laneCount; }
    void relayout(); // after the model's rows changed

    // The mark under `point` (scene coordinates), and its row; null if none.
    const TimelineMark *markAt(const QPointF &point, int *row) const;

    QRectF boundingRect() const override { return m_plotArea; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    double laneTop(int row, int lane) const;

    const RunTimelineModel *m_model;
    QRectF m_plotArea;
    TimelineViewport m_viewport;
    double m_firstLane = 0;
    double m_laneHeight = 1;
    QList<int> m_rowOffsets;
    int m_laneCount = 0;
    QList<QList<TimelineMark>> m_marks; // per row
};

} // namespace Flotilla
