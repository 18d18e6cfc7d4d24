#pragma once

#include <QString>

#include <functional>

// bench_history (issue 19) is made of parts, one file each: the history chart,
// the timeline and the run comparison. A part registers itself from a static
// in its file, so each one builds and runs on its own.
namespace Flotilla::Bench {

// `measure` prints its figures with say("name=value"); returns true, so a
// file can register with `static const bool registered = registerHistoryPart(...)`.
bool registerHistoryPart(const QString &name, std::function<void()> measure);

} // namespace Flotilla::Bench
