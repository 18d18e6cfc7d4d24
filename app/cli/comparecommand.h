#pragma once

#include "command.h"

#include <wire/run.h>

namespace Flotilla {

// `flotilla compare RUN_A RUN_B [--logs] [--mask REGEX]`: the comparison the
// desktop's compare window shows, as a unified diff from RUN_A to RUN_B:
// every field (the same ones with a space, differing ones as a - and a +
// line), the env names that differ, then the command, the payload of
// template runs and, with --logs, the logs as hunks with @@ headers. The
// logs are compared with LineMask's default mask unless --mask says
// otherwise (an empty one compares whole lines). --output json prints the
// same as one object.
class CompareCommand final : public Command
{
public:
    CompareCommand();

    void run(Invocation &invocation) const override;

private:
    // Reads both runs, then (with --logs) both logs, then prints.
    static void readLogs(Invocation &invocation, const Run &left, const Run &right);
    static void print(Invocation &invocation, const Run &left, const Run &right, const QString &leftLog,
                      const QString &rightLog);
};

} // namespace Flotilla
