#pragma once

#include <wire/run.h>
#include <wire/runoutcome.h>

#include <QList>
#include <QString>

#include <optional>

namespace Flotilla {

enum class TimelineGrouping { ByCluster, ByDefinition };

// One run on the timeline, from its start to its end in ms since the epoch.
struct TimelineBar
{
    qint64 startMs = 0;
    qint64 endMs = 0; // a running run ends "now", which the layout is given
    bool running = false;
    std::optional<RunOutcome> outcome; // none while the run is active
    int lane = 0;                      // within its row: runs that overlap get different lanes
    int run = 0;                       // index into the runs the rows were built from
};

// A row of the timeline (a cluster or a definition) and its runs, by start.
struct TimelineRow
{
    QString name;
    QList<TimelineBar> bars;
    QList<int> running;   // indexes into bars of the running runs
    qint64 longestMs = 0; // the longest finished run, to find the visible ones fast
    int lanes = 1;
};

// The rows of the runs that have started, by name, each run on the first lane
// free at its start; a row has at most `maxLanes`, more runs at once share
// the lane that frees first.
QList<TimelineRow> buildTimelineRows(const QList<Run> &runs, TimelineGrouping grouping, int maxLanes);

// What part of the time the plot shows, on how many pixels.
struct TimelineViewport
{
    qint64 fromMs = 0;
    qint64 toMs = 0;
    double width = 0; // pixels
    qint64 nowMs = 0; // where running runs end
};

// What to draw: one run, or runs shorter than a pixel merged into one mark per
// pixel column and lane.
struct TimelineMark
{
    double left = 0;  // pixels from the plot's left; clipped to it
    double right = 0; // at least left + 1
    int lane = 0;
    int bar = 0;                       // index into the row's bars of the (first) run
    int count = 1;                     // runs in the mark
    std::optional<RunOutcome> outcome; // the worst of them: failures stay visible
};

// The marks of the visible runs of `row`, in drawing order.
QList<TimelineMark> layoutTimelineRow(const TimelineRow &row, const TimelineViewport &viewport);

} // namespace Flotilla
