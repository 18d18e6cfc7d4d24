#pragma once

#include "run.h"

#include <QList>
#include <QString>

#include <optional>

namespace Flotilla {

// What a definition's recent runs add up to: the figures of its history
// chart's guides and of `flotilla stats`. Only STOPPED runs count; durations
// are those of the runs that both started and finished.
struct RunStats
{
    qint64 count = 0; // finished runs
    qint64 succeeded = 0;
    std::optional<double> successRate; // succeeded / count, 0..1; none without runs
    std::optional<qint64> medianMs;
    std::optional<qint64> p90Ms;
    std::optional<qint64> maxMs;
    std::optional<qint64> maxMemoryMb; // the largest peak measured

    static RunStats of(const QList<Run> &runs);
};

// From started to finished; nothing unless the run has both.
std::optional<qint64> finishedDurationMs(const Run &run);
// The `p` quantile (0..1) of ascending `sorted` values, interpolated linearly
// between the closest ranks (numpy's default, Excel's PERCENTILE.INC): the
// median of an even count is the mean of the middle two. Nothing when empty.
std::optional<qint64> quantile(const QList<qint64> &sorted, double p);

// "1h 02m 03s", "4m 05s", "12s"; empty for a negative duration.
QString durationText(qint64 milliseconds);

} // namespace Flotilla
