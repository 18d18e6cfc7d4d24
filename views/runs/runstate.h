#pragma once

#include <wire/run.h>
#include <wire/runstats.h> // durationText

#include <QColor>
#include <QIcon>
#include <QString>
#include <QUrlQuery>

namespace Flotilla {

// How a run looks to people. A STOPPED run is shown as SUCCESS when its exit
// code is 0 and FAILED otherwise (a missing exit code too), as upstream's UI does.
enum class RunState { Queued, Pending, Running, Succeeded, Failed, NeedsRetry };

RunState runState(const Run &run);
QString runStateText(RunState state); // translated
QColor runStateColor(RunState state); // readable on light and dark palettes
QIcon runStateIcon(RunState state);

// Local time, to the second; empty for none.
QString timeText(const std::optional<QDateTime> &time);

// The list query of the runs still going (queued, pending or running), at most `limit`.
QUrlQuery activeRunsQuery(int limit);

} // namespace Flotilla
