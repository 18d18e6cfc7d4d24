#pragma once

// A definition's known history for the tests of its statistics, chart and
// `flotilla stats`: nine finished runs of every outcome, one a day, with
// durations and peaks chosen so the figures can be worked out by hand:
//
//   day  outcome           exit  duration  max memory (MB)
//   1    succeeded          0     60 s      100
//   2    succeeded          0    120 s      150
//   3    failed             1     30 s       90
//   4    succeeded          0     90 s        -
//   5    out of memory    137     45 s      512
//   6    stopped by user  143    300 s        -
//   7    succeeded          0    150 s        -
//   8    succeeded          0    600 s      200
//   9    stopped by user    -   never started (queued time only)
//
// count 9, succeeded 5 (55.6%); the 8 durations sorted: 30 45 60 90 120 150
// 300 600 s: median (rank 3.5) 105 s, p90 (rank 6.3) 300 + 0.3 * 300 = 390 s,
// max 600 s; max memory 512 MB. Each run requested 256 MB, the OOM one 512.
#include "runfixture.h"

#include <wire/definition.h>
#include <wire/run.h>

#include <QDateTime>

namespace Flotilla::Testing {

inline const QDateTime knownHistoryStart(QDate(2025, 11, 1), QTime(6, 0), Qt::UTC);

inline Definition knownHistoryDefinition()
{
    Definition definition;
    definition.definitionId = QStringLiteral("nightly-etl-0001");
    definition.alias = QStringLiteral("nightly-etl");
    definition.groupName = QStringLiteral("data");
    definition.image = QStringLiteral("none");
    definition.command = QStringLiteral("true");
    definition.memory = 256;
    return definition;
}

inline QList<Run> knownHistoryRuns()
{
    struct Row
    {
        std::optional<qint64> exitCode;
        const char *exitReason;
        int seconds; // -1: never started
        std::optional<qint64> maxMemory;
    };
    const Row rows[] = {{0, "", 60, 100},
                        {0, "", 120, 150},
                        {1, "", 30, 90},
                        {0, "", 90, std::nullopt},
                        {137, "OOMKilled", 45, 512},
                        {143, "Task terminated by user", 300, std::nullopt},
                        {0, "", 150, std::nullopt},
                        {0, "", 600, 200},
                        {std::nullopt, "Task terminated by user", -1, std::nullopt}};
    const Definition definition = knownHistoryDefinition();
    QList<Run> runs;
    int day = 1;
    for (const Row &row : rows) {
        Run run = runOfDefinition(definition, QStringLiteral("known-run-%1").arg(day), RunStatus::Stopped,
                                  QStringLiteral("tester"));
        run.executableId = definition.definitionId;
        run.executableType = QStringLiteral("task_definition");
        run.memory = row.exitReason == QLatin1String("OOMKilled") ? 512 : 256;
        run.queuedAt = knownHistoryStart.addDays(day);
        if (row.seconds >= 0) {
            run.startedAt = run.queuedAt->addSecs(5);
            run.finishedAt = run.startedAt->addSecs(row.seconds);
        } else {
            run.finishedAt = run.queuedAt->addSecs(20);
        }
        run.exitCode = row.exitCode;
        run.exitReason = QLatin1String(row.exitReason);
        run.maxMemoryUsed = row.maxMemory;
        runs.append(run);
        ++day;
    }
    return runs;
}

} // namespace Flotilla::Testing
