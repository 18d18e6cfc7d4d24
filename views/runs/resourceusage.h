#pragma once

#include <wire/run.h>
#include <wire/runoutcome.h>

#include <QString>

#include <optional>

namespace Flotilla {

// One resource of a run (memory in MB, CPU in CPU units: 1024 a core) as it
// was requested, as the engine limited it and at its measured peak.
struct ResourceUsage
{
    enum class Kind { Memory, Cpu };

    Kind kind = Kind::Memory;
    std::optional<qint64> requested;
    std::optional<qint64> limit;
    std::optional<qint64> maxUsed;

    static ResourceUsage memoryOf(const Run &run);
    static ResourceUsage cpuOf(const Run &run);

    bool isKnown() const { return requested || limit || maxUsed; }
    // What a bar's full width stands for: the limit, or, without one (or
    // when the peak went past it), the largest figure known.
    qint64 scale() const;
    // The peak came above 90% of the limit: close to being killed or throttled.
    bool isNearLimit() const;
    // "512 MB", "0.5 cores" (translated).
    QString amountText(qint64 amount) const;
    // The bar's text alternative: "Used 1,022 MB of a 1,024 MB limit · requested 1,024 MB".
    QString summary() const;
};

// The memory (MB) to ask for after an OOM kill; nothing when nothing was measured or requested.
std::optional<qint64> suggestedMemory(const Run &run);

} // namespace Flotilla
