#pragma once

#include <wire/runoutcome.h>

#include <QWidget>

class QAreaSeries;
class QChart;
class QComboBox;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace Flotilla {

class ChartExport;
class FlotillaClient;
class RunHistoryModel;
class ZoomableChartView;
struct Run;

// A definition's or a template's last N runs as a chart (Qt Charts): each
// run a bar at its start time as tall as it ran, coloured by outcome; its
// peak memory as a line against the memory requested, on a second axis; the
// median and p90 duration as guides; a legend. Hovering a bar shows the run,
// clicking opens it (runActivated). Wheel, Shift+drag and drag zoom and pan;
// Home goes back. The context menu saves the chart as PNG or SVG or copies it.
//
// Live as its model: a run that ends appears. It loads and refreshes only
// while shown, so a pane that keeps it in a closed tab asks the server nothing.
class HistoryChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryChart)

public:
    explicit HistoryChart(QWidget *parent = nullptr);
    ~HistoryChart() override;

    // `name` names the files the chart is saved to; no client: nothing shown.
    void showRunsOf(FlotillaClient *client, const QString &id, bool ofTemplate, const QString &name);

    RunHistoryModel *model() const { return m_model; }
    ZoomableChartView *chartView() const { return m_view; }
    ChartExport *exporter() const { return m_export; }
    // The bars of an outcome: a series per so many runs (see the .cpp); the first names them in the legend.
    const QList<QAreaSeries *> &barSeries(RunOutcome outcome) const { return m_bars[int(outcome)]; }
    // The run a bar shows, in the chart's values (x ms since the epoch,
    // y duration in the axis's unit); -1 for none.
    int rowAt(const QPointF &value) const;
    // "Run 4f2…, started …": what hovering a bar shows.
    QString runSummary(int row) const;
    // Back to the whole time range and every duration (Home).
    void resetZoom();

Q_SIGNALS:
    void runActivated(const Flotilla::Run &run);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Source
    {
        FlotillaClient *client = nullptr;
        QString id;
        bool ofTemplate = false;
    };

    void load();
    QAreaSeries *addBarSeries(RunOutcome outcome);
    // Puts the lines back above the bars after new bar series.
    void raiseLines();
    void updateSeries();
    void applyPalette();
    void hoverBar(RunOutcome outcome, const QPointF &value, bool entered);
    void openRunAt(const QPointF &value);
    void showContextMenu(const QPoint &pos);

    RunHistoryModel *m_model;
    QChart *m_chart;
    ZoomableChartView *m_view;
    ChartExport *m_export;
    QComboBox *m_limit;
    QLabel *m_summary;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_durationAxis;
    QValueAxis *m_memoryAxis;
    QList<QAreaSeries *> m_bars[runOutcomeCount];
    QLineSeries *m_maxMemory;
    QLineSeries *m_requestedMemory;
    QLineSeries *m_median;
    QLineSeries *m_p90;
    Source m_wanted; // what showRunsOf() asked for
    Source m_loaded; // what the model shows
    double m_durationUnitMs = 1000;
    bool m_userZoomed = false;
};

} // namespace Flotilla
