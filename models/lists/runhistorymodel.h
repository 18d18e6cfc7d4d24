#pragma once

#include <wire/runoutcome.h>
#include <wire/runstats.h>

#include <QAbstractTableModel>
#include <QColor>
#include <QDateTime>
#include <QPointF>
#include <QTimer>

namespace Flotilla {

class FlotillaClient;
class RunListModel;

// The colour of an outcome in charts, readable on light and dark palettes
// (the runs table's colours for succeeded and failed).
QColor runOutcomeColor(RunOutcome outcome);

// What a definition's (or a template's) history chart draws: its last N
// finished runs, oldest first, each with its time (started, else queued),
// duration, outcome and colour, peak and requested memory, and the
// statistics of them all (median and p90 duration for the guides).
//
// It loads through a RunListModel of STOPPED runs, newest first, paging until
// it holds N, and follows its auto refresh: a run that ends appears within a
// refresh. historyChanged() says the rows were rebuilt (once per batch of
// changes, with a model reset).
class RunHistoryModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunHistoryModel)

public:
    enum Column { Time, Duration, Outcome, MaxMemory, RequestedMemory, RunId, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        RunRole = Qt::UserRole + 1, // the Run
        OutcomeRole,                // RunOutcome as int
        ValueRole,                  // the column's value as data: QDateTime, ms, MB
    };
    Q_ENUM(Role)

    static constexpr int defaultLimit = 100;
    static constexpr int maxLimit = 1000;

    struct Point
    {
        Run run;
        QDateTime time;
        std::optional<qint64> durationMs;
        RunOutcome outcome = RunOutcome::Succeeded;
    };

    explicit RunHistoryModel(QObject *parent = nullptr);
    ~RunHistoryModel() override;

    // The runs of a definition or a template; no client: none.
    void showRunsOf(FlotillaClient *client, const QString &id, bool ofTemplate);
    int limit() const { return m_limit; }
    void setLimit(int runs); // clamped to 1..maxLimit
    RunListModel *source() const { return m_source; }
    // Still paging towards limit() runs.
    bool isLoading() const;

    const Point &pointAt(int row) const { return m_points.at(row); }
    const RunStats &stats() const { return m_stats; }
    // How wide a bar is on the time axis: most of the mean gap between runs,
    // so bars of runs at a steady cadence do not touch.
    qint64 barWidthMs() const { return m_barWidthMs; }
    // The time range the bars cover, edges included (ms since the epoch).
    std::pair<qint64, qint64> timeRange() const;

    // The upper line of one outcome's bars, for an area series over y = 0:
    // for each bar (x ms since the epoch, y its duration in ms) up at its
    // left edge, across, and down at its right edge. A bar starts no earlier
    // than the previous bar of its outcome ends, so the line never turns back.
    QList<QPointF> barOutline(RunOutcome outcome) const;
    // The row of the bar of `outcome` at time `x` (ms since the epoch), -1 if none.
    int barAt(RunOutcome outcome, double x) const;
    // The runs' peak memory (MB) against their time.
    QList<QPointF> maxMemoryPoints() const;
    // The memory requested (MB) as a step line: a point where it changes
    // (the old value, then the new), and one at the last run.
    QList<QPointF> requestedMemoryPoints() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void historyChanged();

private:
    struct Bar
    {
        double left = 0;
        double right = 0;
        int row = -1;
    };

    void sourceChanged();
    void fetchUpToLimit();
    void rebuild();

    RunListModel *m_source;
    QTimer m_rebuildTimer;
    int m_limit = defaultLimit;
    QList<Point> m_points;
    QList<Bar> m_bars[runOutcomeCount]; // by outcome, left to right
    RunStats m_stats;
    qint64 m_barWidthMs = 0;
};

} // namespace Flotilla
