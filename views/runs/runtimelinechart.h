#pragma once

#include <wire/run.h>

#include <QChartView>
#include <QTimer>

class QCategoryAxis;
class QDateTimeAxis;

namespace Flotilla {

class RunTimelineModel;
class TimelineBarsItem;

// The timeline of RunTimelineModel as a Qt Charts chart: a time axis, an axis
// of the rows (clusters or definitions) and the runs as bars in the plot area
// (TimelineBarsItem). The wheel zooms the time around the pointer, a drag
// pans (time, and rows when they do not fit), Home or resetZoom() shows the
// whole range again. Hovering a bar names the run, a click opens it; a click
// on runs merged into one mark zooms in on them. Running runs grow every second.
class RunTimelineChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunTimelineChart)

public:
    explicit RunTimelineChart(RunTimelineModel *model, QWidget *parent = nullptr);

    // The whole range (ms since the epoch), shown again by resetZoom().
    // `live`: the range ends now and moves with it.
    void setRange(qint64 fromMs, qint64 toMs, bool live);
    void resetZoom();
    // What is on screen.
    qint64 visibleFromMs() const { return m_fromMs; }
    qint64 visibleToMs() const { return m_toMs; }
    void setVisibleRange(qint64 fromMs, qint64 toMs);
    void panPixels(double dx, double dy);
    void zoom(double factor, double anchorX); // factor < 1 zooms in; anchorX in plot pixels
    TimelineBarsItem *bars() const { return m_bars; }

    // The text of the tooltip of runs, `count` of them from `run` on.
    static QString runText(const Run &run, int count);

Q_SIGNALS:
    void runActivated(const Flotilla::Run &run);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    void rowsChanged();
    void tick();
    void updateView();
    double laneHeight() const;
    double visibleLanes() const;
    void clampLanes();

    RunTimelineModel *m_model;
    QDateTimeAxis *m_timeAxis;
    QCategoryAxis *m_rowAxis;
    TimelineBarsItem *m_bars;
    QTimer m_liveTimer;
    qint64 m_rangeFromMs = 0;
    qint64 m_rangeToMs = 0;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    QList<std::pair<QString, int>> m_categories; // on the row axis: label, end lane
    double m_firstLane = 0;
    bool m_live = false;
    bool m_zoomed = false;
    QPoint m_pressPos;
    QPoint m_lastDragPos;
    bool m_dragged = false;
};

} // namespace Flotilla
