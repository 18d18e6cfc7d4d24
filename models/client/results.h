#pragma once

#include <wire/run.h>

#include <QString>

#include <optional>

namespace Flotilla {

// One answer of GET /{run_id}/logs. `lastSeen` is absent when the server sent
// no `last_seen` key (seed-era servers, for runs that have not started).
struct LogChunk
{
    QString log;
    std::optional<QString> lastSeen;
};

// The answer of a terminate: upstream says only {"terminated":true}; our
// control plane also sends the run.
struct Termination
{
    bool terminated = false;
    std::optional<Run> run;
};

} // namespace Flotilla
