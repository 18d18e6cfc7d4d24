#pragma once

#include "run.h"

#include <QString>

#include <optional>

namespace Flotilla {

// How a finished run ended, as the history chart and `flotilla stats` tell
// them apart: a STOPPED run with exit code 0 succeeded; one its user stopped
// or the engine killed for memory is told apart from the other failures.
enum class RunOutcome { Succeeded, Failed, StoppedByUser, OutOfMemory };
inline constexpr int runOutcomeCount = 4;

// The exit reason of a run stopped on request (DELETE .../history/{run_id}),
// upstream's words, which the control plane writes too.
inline constexpr QStringView terminatedByUserReason = u"Task terminated by user";

// Nothing while the run is not STOPPED.
std::optional<RunOutcome> runOutcome(const Run &run);
// Whether the engine killed the run for using more memory than its limit.
bool isOomKilled(const Run &run);
bool isStoppedByUser(const Run &run);
QString runOutcomeText(RunOutcome outcome); // translated

} // namespace Flotilla
