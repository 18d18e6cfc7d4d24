#include "runstats.h"

#include "runoutcome.h"

#include <algorithm>
#include <cmath>

namespace Flotilla {

RunStats RunStats::of(const QList<Run> &runs)
{
    RunStats stats;
    QList<qint64> durations;
    for (const Run &run : runs) {
        const std::optional<RunOutcome> outcome = runOutcome(run);
        if (!outcome)
            continue;
        ++stats.count;
        if (*outcome == RunOutcome::Succeeded)
            ++stats.succeeded;
        if (const std::optional<qint64> duration = finishedDurationMs(run))
            durations.append(*duration);
        if (run.maxMemoryUsed)
            stats.maxMemoryMb = std::max(stats.maxMemoryMb.value_or(0), *run.maxMemoryUsed);
    }
    if (stats.count > 0)
        stats.successRate = double(stats.succeeded) / double(stats.count);
    std::sort(durations.begin(), durations.end());
    stats.medianMs = quantile(durations, 0.5);
    stats.p90Ms = quantile(durations, 0.9);
    if (!durations.isEmpty())
        stats.maxMs = durations.constLast();
    return stats;
}

std::optional<qint64> finishedDurationMs(const Run &run)
{
    if (!run.startedAt || !run.finishedAt)
        return std::nullopt;
    return std::max<qint64>(0, run.startedAt->msecsTo(*run.finishedAt));
}

std::optional<qint64> quantile(const QList<qint64> &sorted, double p)
{
    if (sorted.isEmpty())
        return std::nullopt;
    const double rank = std::clamp(p, 0.0, 1.0) * double(sorted.size() - 1);
    const auto below = qsizetype(std::floor(rank));
    const qsizetype above = std::min(below + 1, sorted.size() - 1);
    const double value = double(sorted[below]) + (rank - double(below)) * double(sorted[above] - sorted[below]);
    return qint64(std::llround(value));
}

QString durationText(qint64 milliseconds)
{
    if (milliseconds < 0)
        return {};
    const qint64 seconds = milliseconds / 1000;
    const qint64 h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
    if (h > 0)
        return QStringLiteral("%1h %2m %3s").arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(s, 2, 10, QLatin1Char('0'));
    if (m > 0)
        return QStringLiteral("%1m %2s").arg(m).arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1s").arg(s);
}

} // namespace Flotilla
