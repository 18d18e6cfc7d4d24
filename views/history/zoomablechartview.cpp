#include "zoomablechartview.h"

#include <QApplication>
#include <QMouseEvent>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace Flotilla {

namespace {

constexpr double wheelStep = 0.8; // the share of the range one notch keeps

} // namespace

ZoomableChartView::ZoomableChartView(QChart *chart, QWidget *parent)
    : QChartView(chart, parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setRenderHint(QPainter::Antialiasing);
    setMouseTracking(true);
}

void ZoomableChartView::zoomAround(double atX, double factor)
{
    const QRectF area = chart()->plotArea();
    if (area.isEmpty() || factor <= 0)
        return;
    const double x = std::clamp(atX, area.left(), area.right());
    chart()->zoomIn(QRectF(x - (x - area.left()) * factor, area.top(), area.width() * factor, area.height()));
    Q_EMIT userZoomed();
}

void ZoomableChartView::wheelEvent(QWheelEvent *event)
{
    const int notches = event->angleDelta().y() / 120;
    if (notches == 0)
        return QChartView::wheelEvent(event);
    zoomAround(event->position().x(), std::pow(wheelStep, notches));
    event->accept();
}

void ZoomableChartView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QChartView::mousePressEvent(event);
    m_pressed = true;
    m_dragging = false;
    m_pressPos = m_lastPos = event->position().toPoint();
    m_banding = event->modifiers() & Qt::ShiftModifier;
    if (m_banding) {
        setRubberBand(QChartView::HorizontalRubberBand);
        QChartView::mousePressEvent(event);
    }
    event->accept();
}

void ZoomableChartView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint pos = event->position().toPoint();
    if (!m_pressed || m_banding)
        return QChartView::mouseMoveEvent(event);
    if (!m_dragging && (pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
        m_dragging = true;
        setCursor(Qt::ClosedHandCursor);
    }
    if (m_dragging) {
        chart()->scroll(m_lastPos.x() - pos.x(), 0);
        m_lastPos = pos;
        Q_EMIT userZoomed();
    }
    // Hover still reaches the series while the button is up only; a drag has no tooltips.
    event->accept();
}

void ZoomableChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_pressed)
        return QChartView::mouseReleaseEvent(event);
    m_pressed = false;
    if (m_banding) {
        QChartView::mouseReleaseEvent(event);
        setRubberBand(QChartView::NoRubberBand);
        m_banding = false;
        Q_EMIT userZoomed();
        return;
    }
    if (m_dragging) {
        unsetCursor();
        m_dragging = false;
    } else if (!chart()->series().isEmpty()) {
        const QPointF scenePos = mapToScene(event->position().toPoint());
        Q_EMIT valueClicked(chart()->mapToValue(chart()->mapFromScene(scenePos)));
    }
    event->accept();
}

void ZoomableChartView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Home) {
        Q_EMIT homeRequested();
        return event->accept();
    }
    if (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Minus) {
        zoomAround(chart()->plotArea().center().x(), event->key() == Qt::Key_Plus ? wheelStep : 1 / wheelStep);
        return event->accept();
    }
    QChartView::keyPressEvent(event);
}

} // namespace Flotilla
