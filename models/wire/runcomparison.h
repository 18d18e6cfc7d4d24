#pragma once

#include "run.h"

#include <QList>
#include <QString>

namespace Flotilla {

// What two runs are compared on, side by side.
enum class RunField {
    Image,
    Command, // several lines: shown as a line diff
    Cluster,
    Owner,
    MemoryRequested, // MB
    MemoryLimit,
    MaxMemoryUsed,
    CpuRequested, // CPU units, 1024 a core
    CpuLimit,
    MaxCpuUsed,
    ExitCode,
    ExitReason,
    Duration,
    Payload, // template runs: the payload as indented JSON, a line diff
};

// A field of both runs as text, the same in every language: "512 MB",
// "1h 02m 03s", empty where a run has none.
struct FieldComparison
{
    RunField field;
    QString left;
    QString right;

    bool differs() const { return left != right; }
};

// Every field of the two runs in RunField's order; the payload only when
// one of them is a template run.
QList<FieldComparison> compareRunFields(const Run &left, const Run &right);
// The field's name in lower case English ("memory requested"), for the CLI.
QString runFieldName(RunField field);
// The payload as indented JSON, empty when the run has none.
QString payloadText(const Run &run);

enum class EnvChange {
    Same,
    Added,   // only the right run has it
    Removed, // only the left run has it
    Changed, // both, with different values
};

struct EnvComparison
{
    QString name;
    EnvChange change = EnvChange::Same;
    QString left; // empty where the run has none
    QString right;

    friend bool operator==(const EnvComparison &, const EnvComparison &) = default;
};

// Each name of either list once, sorted by name. A name listed twice counts
// with its last value, as it does in the process's environment.
QList<EnvComparison> compareEnv(const EnvList &left, const EnvList &right);

} // namespace Flotilla
