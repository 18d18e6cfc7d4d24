#pragma once

#include "command.h"

namespace Flotilla {

struct RunStats;

// `stats ID_OR_ALIAS [--last N]`: what a definition's last N finished runs
// add up to (count, success rate, median, p90 and max duration, max memory),
// the figures of its history chart in the desktop app (wire/runstats.h).
class StatsCommand final : public Command
{
public:
    static constexpr int defaultLast = 100;
    static constexpr int maxLast = 1000;

    StatsCommand();

    void run(Invocation &invocation) const override;

    // The figures as fields, or as JSON with --output json.
    static void print(Invocation &invocation, const RunStats &stats);
};

} // namespace Flotilla
