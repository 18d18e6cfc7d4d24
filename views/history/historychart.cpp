#include "historychart.h"

#include "zoomablechartview.h"

#include <lists/runhistorymodel.h>
#include <lists/runlistmodel.h>
#include <runs/runstate.h>
#include <widgets/chartexport.h>
#include <widgets/chartpalette.h>

#include <QAreaSeries>
#include <QComboBox>
#include <QCursor>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMenu>
#include <QToolButton>
#include <QToolTip>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace Flotilla {

namespace {

constexpr int limitChoices[] = {25, 50, 100, 250, 500, 1000};
constexpr double secondMs = 1000;
constexpr double minuteMs = 60 * secondMs;
constexpr double hourMs = 60 * minuteMs;
const QColor memoryColor(0x1f, 0x6f, 0xd1); // the runs table's Running blue
// Bars per area series. Filling one area's outline costs far more than its
// length (bench_history: 850 bars in one series took 340 ms to paint, in
// series of 64 a few ms each), so an outcome's bars are split.
constexpr int barsPerSeries = 64;

QLineSeries *lineSeries(QObject *parent)
{
    auto *series = new QLineSeries(parent);
    series->setPointsVisible(false);
    return series;
}

QList<QPointF> scaledY(QList<QPointF> points, double divisor)
{
    for (QPointF &point : points)
        point.setY(point.y() / divisor);
    return points;
}

} // namespace

HistoryChart::HistoryChart(QWidget *parent)
    : QWidget(parent)
    , m_model(new RunHistoryModel(this))
    , m_chart(new QChart)
    , m_view(new ZoomableChartView(m_chart, this))
    , m_export(new ChartExport(m_view))
    , m_limit(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_timeAxis(new QDateTimeAxis(m_chart))
    , m_durationAxis(new QValueAxis(m_chart))
    , m_memoryAxis(new QValueAxis(m_chart))
    , m_maxMemory(lineSeries(m_chart))
    , m_requestedMemory(lineSeries(m_chart))
    , m_median(lineSeries(m_chart))
    , m_p90(lineSeries(m_chart))
{
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->setAlignment(Qt::AlignRight); // a row of eight is cut short in a detail pane
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_durationAxis, Qt::AlignLeft);
    m_chart->addAxis(m_memoryAxis, Qt::AlignRight);
    m_timeAxis->setTickCount(6);
    m_durationAxis->setLabelFormat(QStringLiteral("%.3g"));
    m_memoryAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_memoryAxis->setTitleText(tr("Memory (MB)"));

    // Bars first: clicks map to values through the first series' axes.
    for (int outcome = 0; outcome < runOutcomeCount; ++outcome)
        addBarSeries(RunOutcome(outcome));
    m_maxMemory->setName(tr("Max memory used"));
    m_maxMemory->setPen(QPen(memoryColor, 2));
    m_requestedMemory->setName(tr("Memory requested"));
    m_requestedMemory->setPen(QPen(memoryColor.lighter(130), 2, Qt::DashLine));
    for (QLineSeries *series : {m_requestedMemory, m_maxMemory}) {
        m_chart->addSeries(series);
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_memoryAxis);
    }
    for (QLineSeries *series : {m_median, m_p90}) {
        m_chart->addSeries(series);
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_durationAxis);
    }

    m_view->setAccessibleName(tr("Run history chart"));
    m_view->setToolTip(tr("Hover a bar to see its run, click it to open the run. Wheel or Shift+drag zooms, drag "
                          "pans, Home shows everything."));
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setMinimumHeight(220);
    connect(m_view, &QWidget::customContextMenuRequested, this, &HistoryChart::showContextMenu);
    connect(m_view, &ZoomableChartView::valueClicked, this, &HistoryChart::openRunAt);
    connect(m_view, &ZoomableChartView::userZoomed, this, [this] { m_userZoomed = true; });
    connect(m_view, &ZoomableChartView::homeRequested, this, &HistoryChart::resetZoom);

    for (const int choice : limitChoices)
        m_limit->addItem(tr("Last %n run(s)", nullptr, choice), choice);
    m_limit->setCurrentIndex(m_limit->findData(RunHistoryModel::defaultLimit));
    m_limit->setAccessibleName(tr("Runs shown"));
    connect(m_limit, &QComboBox::activated, this,
            [this](int index) { m_model->setLimit(m_limit->itemData(index).toInt()); });
    auto *reset = new QToolButton(this);
    reset->setText(tr("Reset Zoom"));
    reset->setToolTip(tr("Show every run again (Home)"));
    reset->setAccessibleName(tr("Reset zoom"));
    connect(reset, &QToolButton::clicked, this, &HistoryChart::resetZoom);
    m_summary->setAccessibleName(tr("History summary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_limit);
    controls->addWidget(m_summary, 1);
    controls->addWidget(reset);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(m_view, 1);

    connect(m_model, &RunHistoryModel::historyChanged, this, &HistoryChart::updateSeries);
    applyPalette();
    updateSeries();
}

HistoryChart::~HistoryChart() = default;

QAreaSeries *HistoryChart::addBarSeries(RunOutcome outcome)
{
    auto *upper = lineSeries(m_chart);
    auto *bars = new QAreaSeries(upper);
    upper->setParent(bars);
    bars->setName(runOutcomeText(outcome));
    bars->setBrush(runOutcomeColor(outcome));
    bars->setPen(Qt::NoPen); // an outline costs more to paint than the fill and adds nothing
    m_chart->addSeries(bars);
    bars->attachAxis(m_timeAxis);
    bars->attachAxis(m_durationAxis);
    connect(bars, &QAreaSeries::hovered, this,
            [this, outcome](const QPointF &value, bool entered) { hoverBar(outcome, value, entered); });
    m_bars[int(outcome)].append(bars);
    return bars;
}

void HistoryChart::raiseLines()
{
    for (QLineSeries *series : {m_requestedMemory, m_maxMemory, m_median, m_p90}) {
        const bool onMemory = series == m_requestedMemory || series == m_maxMemory;
        m_chart->removeSeries(series);
        m_chart->addSeries(series);
        series->attachAxis(m_timeAxis);
        series->attachAxis(onMemory ? m_memoryAxis : m_durationAxis);
    }
}

void HistoryChart::showRunsOf(FlotillaClient *client, const QString &id, bool ofTemplate, const QString &name)
{
    m_wanted = {client, id, ofTemplate};
    m_export->setFileBaseName(tr("history-%1").arg(name));
    if (isVisible() || !client)
        load();
}

void HistoryChart::load()
{
    if (m_wanted.client == m_loaded.client && m_wanted.id == m_loaded.id && m_wanted.ofTemplate == m_loaded.ofTemplate)
        return;
    m_loaded = m_wanted;
    m_userZoomed = false;
    m_model->showRunsOf(m_loaded.client, m_loaded.id, m_loaded.ofTemplate);
}

void HistoryChart::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    load();
    m_model->source()->setAutoRefresh(true);
    m_model->source()->refresh(); // what ended while hidden
}

void HistoryChart::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_model->source()->setAutoRefresh(false);
}

void HistoryChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void HistoryChart::applyPalette()
{
    applyPaletteToChart(m_chart, palette());
    const QColor text = palette().color(QPalette::Text);
    m_median->setPen(QPen(text, 1.5, Qt::DashLine));
    QColor p90 = text;
    p90.setAlpha(160);
    m_p90->setPen(QPen(p90, 1.5, Qt::DotLine));
}

void HistoryChart::updateSeries()
{
    const RunStats &stats = m_model->stats();
    const qint64 longest = stats.maxMs.value_or(0);
    m_durationUnitMs = longest >= 2 * hourMs ? hourMs : longest >= 2 * minuteMs ? minuteMs : secondMs;
    m_durationAxis->setTitleText(m_durationUnitMs == hourMs     ? tr("Duration (hours)")
                                 : m_durationUnitMs == minuteMs ? tr("Duration (minutes)")
                                                                : tr("Duration (seconds)"));
    bool added = false;
    for (int outcome = 0; outcome < runOutcomeCount; ++outcome) {
        const QList<QPointF> outline = scaledY(m_model->barOutline(RunOutcome(outcome)), m_durationUnitMs);
        constexpr qsizetype pointsPerSeries = 4 * barsPerSeries;
        for (qsizetype chunk = 0; chunk * pointsPerSeries < outline.size() || chunk == 0; ++chunk) {
            if (chunk >= m_bars[outcome].size()) {
                addBarSeries(RunOutcome(outcome));
                added = true;
            }
        }
        QList<QAreaSeries *> &series = m_bars[outcome];
        for (qsizetype chunk = 0; chunk < series.size(); ++chunk) {
            series[chunk]->upperSeries()->replace(outline.mid(chunk * pointsPerSeries, pointsPerSeries));
            // The legend names only the outcomes there are, once.
            for (QLegendMarker *marker : m_chart->legend()->markers(series[chunk]))
                marker->setVisible(chunk == 0 && !outline.isEmpty());
        }
    }
    if (added) {
        raiseLines();
        applyPalette(); // the lines' pens
    }
    const QList<QPointF> used = m_model->maxMemoryPoints();
    const QList<QPointF> requested = m_model->requestedMemoryPoints();
    m_maxMemory->replace(used);
    m_requestedMemory->replace(requested);
    const bool memoryKnown = !used.isEmpty() || !requested.isEmpty();
    m_memoryAxis->setVisible(memoryKnown);
    for (QLineSeries *series : {m_maxMemory, m_requestedMemory}) {
        for (QLegendMarker *marker : m_chart->legend()->markers(series))
            marker->setVisible(!(series == m_maxMemory ? used : requested).isEmpty());
    }

    const auto [first, last] = m_model->timeRange();
    const auto guide = [&, first = first, last = last](QLineSeries *series, const std::optional<qint64> &ms,
                                                       const QString &name) {
        series->clear();
        if (ms)
            series->append(
                {QPointF(double(first), *ms / m_durationUnitMs), QPointF(double(last), *ms / m_durationUnitMs)});
        series->setName(ms ? name.arg(durationText(*ms)) : QString());
        for (QLegendMarker *marker : m_chart->legend()->markers(series))
            marker->setVisible(ms.has_value());
    };
    guide(m_median, stats.medianMs, tr("Median %1"));
    guide(m_p90, stats.p90Ms, tr("p90 %1"));

    const QLocale locale;
    if (stats.count == 0) {
        m_summary->setText(m_model->isLoading() ? tr("Loading runs…") : tr("No finished runs yet."));
    } else {
        m_summary->setText(
            tr("%n finished run(s) · %1% succeeded · max %2", nullptr, int(stats.count))
                .arg(locale.toString(*stats.successRate * 100, 'f', 0), durationText(stats.maxMs.value_or(0))));
    }
    if (!m_userZoomed)
        resetZoom();
}

void HistoryChart::resetZoom()
{
    m_userZoomed = false;
    m_chart->zoomReset();
    auto [first, last] = m_model->timeRange();
    if (first == last) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        first = now - qint64(24 * hourMs);
        last = now;
    }
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(first), QDateTime::fromMSecsSinceEpoch(last));
    m_timeAxis->setFormat(last - first > 2 * 24 * hourMs ? QStringLiteral("MMM d") : QStringLiteral("MMM d HH:mm"));
    const RunStats &stats = m_model->stats();
    m_durationAxis->setRange(0, std::max(1.0, double(stats.maxMs.value_or(0)) / m_durationUnitMs * 1.1));
    m_durationAxis->applyNiceNumbers();
    double memory = 0;
    for (const QList<QPointF> &line : {m_maxMemory->points(), m_requestedMemory->points()}) {
        for (const QPointF &point : line)
            memory = std::max(memory, point.y());
    }
    m_memoryAxis->setRange(0, std::max(1.0, memory * 1.1));
    m_memoryAxis->applyNiceNumbers();
}

int HistoryChart::rowAt(const QPointF &value) const
{
    for (int outcome = 0; outcome < runOutcomeCount; ++outcome) {
        const int row = m_model->barAt(RunOutcome(outcome), value.x());
        if (row >= 0 && value.y() >= 0
            && value.y() <= double(m_model->pointAt(row).durationMs.value_or(0)) / m_durationUnitMs)
            return row;
    }
    return -1;
}

QString HistoryChart::runSummary(int row) const
{
    const RunHistoryModel::Point &point = m_model->pointAt(row);
    const Run &run = point.run;
    QStringList lines{tr("Run %1").arg(run.runId), tr("Started %1").arg(timeText(point.time)),
                      tr("Duration %1").arg(point.durationMs ? durationText(*point.durationMs) : tr("not known"))};
    lines.append(run.exitCode ? tr("%1, exit code %2").arg(runOutcomeText(point.outcome)).arg(*run.exitCode)
                              : runOutcomeText(point.outcome));
    if (!run.exitReason.isEmpty())
        lines.append(tr("Exit reason: %1").arg(run.exitReason));
    if (run.maxMemoryUsed)
        lines.append(tr("Max memory %1 MB").arg(QLocale().toString(*run.maxMemoryUsed)));
    return lines.join(u'\n');
}

void HistoryChart::hoverBar(RunOutcome outcome, const QPointF &value, bool entered)
{
    const int row = entered ? m_model->barAt(outcome, value.x()) : -1;
    if (row < 0)
        return QToolTip::hideText();
    QToolTip::showText(QCursor::pos(), runSummary(row), m_view);
}

void HistoryChart::openRunAt(const QPointF &value)
{
    if (const int row = rowAt(value); row >= 0)
        Q_EMIT runActivated(m_model->pointAt(row).run);
}

void HistoryChart::showContextMenu(const QPoint &pos)
{
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(tr("Reset Zoom"), this, &HistoryChart::resetZoom);
    menu->addSeparator();
    m_export->addActionsTo(menu);
    menu->popup(m_view->viewport()->mapToGlobal(pos));
}

} // namespace Flotilla
