#include "resourcebar.h"

#include <QPainter>

namespace Flotilla {

ResourceBar::ResourceBar(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ResourceBar::setUsage(const ResourceUsage &usage)
{
    m_usage = usage;
    const QString summary = usage.summary();
    setAccessibleDescription(summary);
    setToolTip(summary);
    update();
}

QColor ResourceBar::fillColor() const
{
    // Amber reads on light and dark windows and is not the failure red.
    return m_usage.isNearLimit() ? QColor(0xe0, 0x8a, 0x00) : palette().color(QPalette::Highlight);
}

QSize ResourceBar::sizeHint() const
{
    return {160, fontMetrics().height() * 2 / 3};
}

QSize ResourceBar::minimumSizeHint() const
{
    return {40, sizeHint().height()};
}

void ResourceBar::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QRectF track = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    painter.setPen(palette().color(QPalette::Mid));
    painter.setBrush(palette().color(QPalette::Base));
    painter.drawRect(track);
    const qint64 scale = m_usage.scale();
    if (scale <= 0)
        return;
    const auto xOf = [&](qint64 amount) { return track.left() + track.width() * double(amount) / double(scale); };
    if (m_usage.maxUsed) {
        QRectF fill = track.adjusted(1, 1, -1, -1);
        fill.setRight(std::max(fill.left(), std::min(fill.right(), xOf(*m_usage.maxUsed))));
        painter.fillRect(fill, fillColor());
    }
    if (m_usage.requested && *m_usage.requested < scale) {
        // The request as a tick across the bar: where the run said it would be.
        painter.setPen(QPen(palette().color(QPalette::WindowText), 2));
        const double x = xOf(*m_usage.requested);
        painter.drawLine(QPointF(x, track.top()), QPointF(x, track.bottom()));
    }
}

} // namespace Flotilla
