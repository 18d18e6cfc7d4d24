#include "timelinelayout.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Flotilla {

namespace {

// Worse outcomes win a merged mark, so one failure among many successes shows.
int severity(std::optional<RunOutcome> outcome)
{
    if (!outcome)
        return 1; // still running
    switch (*outcome) {
    case RunOutcome::Succeeded: return 0;
    case RunOutcome::StoppedByUser: return 2;
    case RunOutcome::OutOfMemory: return 3;
    case RunOutcome::Failed: return 4;
    }
    return 0;
}

QString rowName(const Run &run, TimelineGrouping grouping)
{
    if (grouping == TimelineGrouping::ByCluster)
        return run.cluster;
    return run.alias.isEmpty() ? run.definitionId : run.alias;
}

void assignLanes(TimelineRow &row, int maxLanes)
{
    constexpr qint64 open = std::numeric_limits<qint64>::max();
    QList<qint64> laneEnds; // when each lane frees
    for (TimelineBar &bar : row.bars) {
        const auto free = std::find_if(laneEnds.begin(), laneEnds.end(), [&](qint64 end) { return end <= bar.startMs; });
        if (free != laneEnds.end()) {
            bar.lane = int(free - laneEnds.begin());
        } else if (laneEnds.size() < maxLanes) {
            bar.lane = int(laneEnds.size());
            laneEnds.append(0);
        } else {
            bar.lane = int(std::min_element(laneEnds.begin(), laneEnds.end()) - laneEnds.begin());
        }
        laneEnds[bar.lane] = std::max(laneEnds[bar.lane], bar.running ? open : bar.endMs);
    }
    row.lanes = std::max<int>(1, int(laneEnds.size()));
}

} // namespace

QList<TimelineRow> buildTimelineRows(const QList<Run> &runs, TimelineGrouping grouping, int maxLanes)
{
    QHash<QString, int> rowOf;
    QList<TimelineRow> rows;
    for (int index = 0; index < runs.size(); ++index) {
        const Run &run = runs[index];
        if (!run.startedAt)
            continue; // queued: nothing to draw yet
        const QString name = rowName(run, grouping);
        auto found = rowOf.constFind(name);
        if (found == rowOf.cend()) {
            found = rowOf.insert(name, int(rows.size()));
            rows.append(TimelineRow{name, {}, {}, 0, 1});
        }
        TimelineBar bar;
        bar.startMs = run.startedAt->toMSecsSinceEpoch();
        bar.running = !run.finishedAt;
        bar.endMs = run.finishedAt ? std::max(bar.startMs, run.finishedAt->toMSecsSinceEpoch()) : bar.startMs;
        bar.outcome = runOutcome(run);
        bar.run = index;
        rows[*found].bars.append(bar);
    }
    std::sort(rows.begin(), rows.end(), [](const TimelineRow &a, const TimelineRow &b) { return a.name < b.name; });
    for (TimelineRow &row : rows) {
        std::stable_sort(row.bars.begin(), row.bars.end(),
                         [](const TimelineBar &a, const TimelineBar &b) { return a.startMs < b.startMs; });
        assignLanes(row, std::max(1, maxLanes));
        for (int index = 0; index < row.bars.size(); ++index) {
            const TimelineBar &bar = row.bars[index];
            if (bar.running)
                row.running.append(index);
            else
                row.longestMs = std::max(row.longestMs, bar.endMs - bar.startMs);
        }
    }
    return rows;
}

QList<TimelineMark> layoutTimelineRow(const TimelineRow &row, const TimelineViewport &viewport)
{
    QList<TimelineMark> marks;
    const qint64 span = viewport.toMs - viewport.fromMs;
    if (span <= 0 || viewport.width <= 0 || row.bars.isEmpty())
        return marks;
    const double pixelsPerMs = viewport.width / double(span);
    // Per lane, the mark of the pixel column last merged into: bars come by
    // start, so the tiny runs of one column arrive one after another.
    QList<int> lastTiny(row.lanes, -1);
    const auto add = [&](int index) {
        const TimelineBar &bar = row.bars[index];
        const qint64 end = bar.running ? std::max(bar.startMs, viewport.nowMs) : bar.endMs;
        if (end < viewport.fromMs || bar.startMs >= viewport.toMs)
            return;
        const double left = double(bar.startMs - viewport.fromMs) * pixelsPerMs;
        const double right = double(end - viewport.fromMs) * pixelsPerMs;
        if (right - left >= 1) {
            marks.append(
                TimelineMark{std::max(0.0, left), std::min(viewport.width, right), bar.lane, index, 1, bar.outcome});
            return;
        }
        const double column = std::clamp(std::floor(left), 0.0, std::max(0.0, viewport.width - 1));
        int &tiny = lastTiny[bar.lane];
        if (tiny >= 0 && marks[tiny].left == column) {
            TimelineMark &mark = marks[tiny];
            ++mark.count;
            if (severity(bar.outcome) > severity(mark.outcome))
                mark.outcome = bar.outcome;
            return;
        }
        tiny = int(marks.size());
        marks.append(TimelineMark{column, column + 1, bar.lane, index, 1, bar.outcome});
    };
    // Finished runs that can reach the view start no earlier than the longest one before it.
    const auto first = std::lower_bound(row.bars.cbegin(), row.bars.cend(), viewport.fromMs - row.longestMs,
                                        [](const TimelineBar &bar, qint64 time) { return bar.startMs < time; });
    for (auto bar = first; bar != row.bars.cend() && bar->startMs < viewport.toMs; ++bar) {
        if (!bar->running)
            add(int(bar - row.bars.cbegin()));
    }
    for (int index : row.running)
        add(index);
    return marks;
}

} // namespace Flotilla
