#pragma once

#include <QChartView>

namespace Flotilla {

// A chart view that zooms and pans its time axis with the mouse: the wheel
// zooms around the pointer, Shift+drag zooms to the band dragged, a drag
// pans, Home (or homeRequested's handler) goes back to the whole range. A
// click that did not drag is reported in the values of the chart's first
// series.
class ZoomableChartView final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ZoomableChartView)

public:
    explicit ZoomableChartView(QChart *chart, QWidget *parent = nullptr);

    // Zooms the horizontal axis by `factor` (below 1 zooms in) around x `atX` of the viewport.
    void zoomAround(double atX, double factor);

Q_SIGNALS:
    void valueClicked(const QPointF &value);
    void userZoomed();    // a wheel turn, a band or a drag changed the visible range
    void homeRequested(); // Home: show the whole range again

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    QPoint m_pressPos;
    QPoint m_lastPos;
    bool m_pressed = false;
    bool m_dragging = false;
    bool m_banding = false;
};

} // namespace Flotilla
