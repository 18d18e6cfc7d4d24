#pragma once

#include <QList>
#include <QString>

namespace Flotilla {
struct Definition;
struct Run;
} // namespace Flotilla

namespace Flotilla::Testing {

inline constexpr int fillRunBatch = 1000; // runs per insert

struct FillResult
{
    double definitionSeconds = 0;
    double runSeconds = 0;
    QString error; // empty on success
};

// Fills a new store at `databasePath` (through the Store, not HTTP) with
// realistic definitions and runs: runs launched in order over the last 90
// days, a few definitions far busier than the rest, the newest 1% QUEUED and
// the rest STOPPED (nothing RUNNING: with no process behind them a starting
// control plane would finish those, writing to the store). Start the server
// with parallel runs 0 to keep the QUEUED ones waiting.
FillResult fillStore(const QString &databasePath, int definitionCount, int runCount);

// Writes hand-made `definitions` and `runs` (a known history: times,
// outcomes, memory) into the store at `databasePath`, before a server
// starts on it. Returns an error, or nothing.
QString storeRuns(const QString &databasePath, const QList<Definition> &definitions, const QList<Run> &runs);

} // namespace Flotilla::Testing
