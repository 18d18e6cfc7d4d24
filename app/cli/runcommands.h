#pragma once

#include "command.h"

namespace Flotilla {

struct Run;

// The commands on runs: launch, runs (list), run (show one), logs and stop.
// launch --follow and logs --follow print the log as it grows and end with
// the run's exit code.
class RunCommands final : public Command
{
public:
    enum class Action { Launch, List, Show, Logs, Stop };

    explicit RunCommands(Action action);

    static CommandList commands(); // in the order of the help
    void run(Invocation &invocation) const override;

    // A run as fields, or as JSON with --output json.
    static void print(Invocation &invocation, const Run &run);
    // Prints the log as it grows; ends with the run's exit code.
    static void follow(Invocation &invocation, const QString &runId);

private:
    void launch(Invocation &invocation) const;
    void list(Invocation &invocation) const;
    void show(Invocation &invocation) const;
    void logs(Invocation &invocation) const;
    void stop(Invocation &invocation) const;
    // The log as it is now, page by page with last_seen.
    static void readPages(Invocation &invocation, const QString &runId);
    static void finishWithRunExit(Invocation &invocation, const Run &run);

    Action m_action;
};

} // namespace Flotilla
