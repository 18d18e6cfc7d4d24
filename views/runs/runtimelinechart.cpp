#include "runtimelinechart.h"

#include "runstate.h"
#include "timelinebarsitem.h"

#include <lists/runtimelinemodel.h>
#include <widgets/chartpalette.h>

#include <QApplication>
#include <QCategoryAxis>
#include <QDateTimeAxis>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLineSeries>
#include <QMouseEvent>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace Flotilla {

namespace {

constexpr int liveMs = 1000;
constexpr double minLanePixels = 12;
constexpr double maxLanePixels = 26;
constexpr qint64 minSpanMs = 1000;
constexpr double wheelStep = 0.8; // per notch: zoom in to 80 %
constexpr double keyPanShare = 0.1;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

RunTimelineChart::RunTimelineChart(RunTimelineModel *model, QWidget *parent)
    : QChartView(parent)
    , m_model(model)
    , m_timeAxis(new QDateTimeAxis)
    , m_rowAxis(new QCategoryAxis)
    , m_bars(new TimelineBarsItem(model))
{
    setAccessibleName(tr("Run timeline"));
    setFocusPolicy(Qt::StrongFocus);
    setRenderHint(QPainter::Antialiasing, false); // crisp one-pixel marks, and faster
    setRubberBand(QChartView::NoRubberBand);
    auto *chart = new QChart;
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_rowAxis, Qt::AlignLeft);
    m_rowAxis->setReverse(true); // the first row on top
    m_rowAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
    m_rowAxis->setGridLineVisible(true);
    m_rowAxis->setMinorGridLineVisible(false);
    // Empty series, for the legend of outcome colours (the bars are not series).
    for (std::optional<RunOutcome> outcome :
         {std::optional(RunOutcome::Succeeded), std::optional(RunOutcome::Failed), std::optional<RunOutcome>(),
          std::optional(RunOutcome::StoppedByUser), std::optional(RunOutcome::OutOfMemory)}) {
        auto *series = new QLineSeries;
        series->setName(timelineText(outcome));
        series->setColor(timelineColor(outcome));
        chart->addSeries(series);
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_rowAxis);
    }
    setChart(chart);
    applyPaletteToChart(chart, palette());
    scene()->addItem(m_bars);
    connect(chart, &QChart::plotAreaChanged, this, [this] { updateView(); });
    connect(m_model, &RunTimelineModel::runsChanged, this, &RunTimelineChart::rowsChanged);
    m_liveTimer.setInterval(liveMs);
    connect(&m_liveTimer, &QTimer::timeout, this, &RunTimelineChart::tick);
    const qint64 now = nowMs();
    setRange(now - 3600 * 1000, now, true);
}

void RunTimelineChart::setRange(qint64 fromMs, qint64 toMs, bool live)
{
    m_rangeFromMs = fromMs;
    m_rangeToMs = std::max(toMs, fromMs + minSpanMs);
    m_live = live;
    resetZoom();
}

void RunTimelineChart::resetZoom()
{
    m_zoomed = false;
    m_firstLane = 0;
    m_fromMs = m_rangeFromMs;
    m_toMs = m_rangeToMs;
    updateView();
}

void RunTimelineChart::setVisibleRange(qint64 fromMs, qint64 toMs)
{
    m_zoomed = true;
    m_fromMs = fromMs;
    m_toMs = std::max(toMs, fromMs + minSpanMs);
    updateView();
}

void RunTimelineChart::panPixels(double dx, double dy)
{
    const double width = std::max(1.0, chart()->plotArea().width());
    const auto shift = qint64(std::llround(-dx * double(m_toMs - m_fromMs) / width));
    m_firstLane -= dy / laneHeight();
    clampLanes();
    setVisibleRange(m_fromMs + shift, m_toMs + shift);
}

void RunTimelineChart::zoom(double factor, double anchorX)
{
    const double width = std::max(1.0, chart()->plotArea().width());
    const double share = std::clamp(anchorX / width, 0.0, 1.0);
    const double span = double(m_toMs - m_fromMs);
    const double maxSpan = 4.0 * double(m_rangeToMs - m_rangeFromMs);
    const double newSpan = std::clamp(span * factor, double(minSpanMs), std::max(maxSpan, double(minSpanMs)));
    const double anchorMs = double(m_fromMs) + share * span;
    const auto from = qint64(std::llround(anchorMs - share * newSpan));
    setVisibleRange(from, from + qint64(std::llround(newSpan)));
}

double RunTimelineChart::laneHeight() const
{
    const double height = chart()->plotArea().height();
    const int lanes = std::max(1, m_bars->laneCount());
    return std::clamp(height / lanes, minLanePixels, maxLanePixels);
}

double RunTimelineChart::visibleLanes() const
{
    return std::max(1.0, chart()->plotArea().height() / laneHeight());
}

void RunTimelineChart::clampLanes()
{
    m_firstLane = std::clamp(m_firstLane, 0.0, std::max(0.0, m_bars->laneCount() - visibleLanes()));
}

void RunTimelineChart::rowsChanged()
{
    // The bars item counts the lanes; the axis needs them before the view.
    m_bars->relayout();
    const QList<TimelineRow> &rows = m_model->rows();
    const QList<int> &offsets = m_bars->rowOffsets();
    QList<std::pair<QString, int>> categories; // label, end lane
    QStringList labels;
    for (int row = 0; row < rows.size(); ++row) {
        QString label = rows[row].name.isEmpty() ? tr("(none)") : rows[row].name;
        label = fontMetrics().elidedText(label, Qt::ElideMiddle, 180);
        // Category labels must differ; elided ones may not.
        while (labels.contains(label))
            label += u' ';
        labels.append(label);
        categories.append({label, offsets[row] + rows[row].lanes});
    }
    if (categories != m_categories) {
        for (const QString &label : m_rowAxis->categoriesLabels())
            m_rowAxis->remove(label);
        m_rowAxis->setStartValue(0);
        for (const auto &[label, end] : categories)
            m_rowAxis->append(label, end);
        m_categories = std::move(categories);
    }
    clampLanes();
    updateView();
}

void RunTimelineChart::tick()
{
    if (m_live) {
        const qint64 span = m_rangeToMs - m_rangeFromMs;
        m_rangeToMs = nowMs();
        m_rangeFromMs = m_rangeToMs - span;
        if (!m_zoomed) {
            m_fromMs = m_rangeFromMs;
            m_toMs = m_rangeToMs;
        }
    }
    updateView(); // running runs grow
}

void RunTimelineChart::updateView()
{
    const qint64 span = m_toMs - m_fromMs;
    m_timeAxis->setFormat(span <= 2 * 3600 * 1000        ? QStringLiteral("HH:mm:ss")
                          : span <= 2 * 24 * 3600 * 1000 ? QStringLiteral("HH:mm")
                                                         : QStringLiteral("MMM d HH:mm"));
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(m_fromMs), QDateTime::fromMSecsSinceEpoch(m_toMs));
    m_rowAxis->setRange(m_firstLane, m_firstLane + visibleLanes());
    TimelineViewport viewport;
    viewport.fromMs = m_fromMs;
    viewport.toMs = m_toMs;
    viewport.nowMs = nowMs();
    m_bars->setView(chart()->plotArea(), viewport, m_firstLane, laneHeight());
}

void RunTimelineChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    clampLanes();
    updateView();
}

void RunTimelineChart::showEvent(QShowEvent *event)
{
    QChartView::showEvent(event);
    m_liveTimer.start();
    tick();
}

void RunTimelineChart::hideEvent(QHideEvent *event)
{
    QChartView::hideEvent(event);
    m_liveTimer.stop(); // nothing to grow while nobody looks
}

void RunTimelineChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPaletteToChart(chart(), palette());
}

void RunTimelineChart::wheelEvent(QWheelEvent *event)
{
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0) {
        event->ignore();
        return;
    }
    zoom(std::pow(wheelStep, notches), event->position().x() - chart()->plotArea().left());
    event->accept();
}

void RunTimelineChart::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QChartView::mousePressEvent(event);
        return;
    }
    m_pressPos = event->pos();
    m_lastDragPos = event->pos();
    m_dragged = false;
    event->accept();
}

void RunTimelineChart::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton)) {
        QChartView::mouseMoveEvent(event);
        return;
    }
    if (!m_dragged && (event->pos() - m_pressPos).manhattanLength() < QApplication::startDragDistance())
        return;
    m_dragged = true;
    setCursor(Qt::ClosedHandCursor);
    const QPoint delta = event->pos() - m_lastDragPos;
    m_lastDragPos = event->pos();
    panPixels(delta.x(), delta.y());
}

void RunTimelineChart::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QChartView::mouseReleaseEvent(event);
        return;
    }
    unsetCursor();
    if (m_dragged)
        return;
    int row = 0;
    const TimelineMark *mark = m_bars->markAt(mapToScene(event->pos()), &row);
    if (!mark)
        return;
    if (mark->count == 1) {
        Q_EMIT runActivated(m_model->run(m_model->rows()[row].bars[mark->bar]));
        return;
    }
    // Many runs in one pixel: show them apart.
    const double anchor = (mark->left + mark->right) / 2;
    zoom(1.0 / std::max(10, 2 * mark->count), anchor);
}

void RunTimelineChart::keyPressEvent(QKeyEvent *event)
{
    const double width = chart()->plotArea().width();
    switch (event->key()) {
    case Qt::Key_Home: resetZoom(); break;
    case Qt::Key_Left: panPixels(width * keyPanShare, 0); break;
    case Qt::Key_Right: panPixels(-width * keyPanShare, 0); break;
    case Qt::Key_Up: panPixels(0, laneHeight()); break;
    case Qt::Key_Down: panPixels(0, -laneHeight()); break;
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoom(wheelStep, width / 2); break;
    case Qt::Key_Minus: zoom(1 / wheelStep, width / 2); break;
    default: QChartView::keyPressEvent(event); return;
    }
    event->accept();
}

bool RunTimelineChart::viewportEvent(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QChartView::viewportEvent(event);
    auto *help = static_cast<QHelpEvent *>(event);
    int row = 0;
    if (const TimelineMark *mark = m_bars->markAt(mapToScene(help->pos()), &row))
        QToolTip::showText(help->globalPos(), runText(m_model->run(m_model->rows()[row].bars[mark->bar]), mark->count),
                           viewport());
    else
        QToolTip::hideText();
    return true;
}

QString RunTimelineChart::runText(const Run &run, int count)
{
    if (count > 1)
        return tr("%n runs in this pixel, from %1 on; click to zoom in", nullptr, count).arg(run.alias);
    const qint64 end = run.finishedAt ? run.finishedAt->toMSecsSinceEpoch() : nowMs();
    const qint64 duration = run.startedAt ? end - run.startedAt->toMSecsSinceEpoch() : -1;
    return tr("%1\nRun %2\nStarted: %3\nFinished: %4\nDuration: %5\n%6")
        .arg(run.alias, run.runId, timeText(run.startedAt),
             run.finishedAt ? timeText(run.finishedAt) : tr("still running"), durationText(duration),
             timelineText(runOutcome(run)));
}

} // namespace Flotilla
