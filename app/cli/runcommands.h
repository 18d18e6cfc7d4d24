#pragma once

#include "command.h"

#include <wire/run.h>

#include <functional>

namespace Flotilla {

// The commands on runs: launch, runs (list), run (show one), events, logs
// and stop. launch --follow and logs --follow print the log as it grows and
// end with the run's exit code; events --follow prints new events until the
// run is STOPPED. stop takes several run ids, or stops every run of a
// definition with the statuses given, after --yes.
class RunCommands final : public Command
{
public:
    enum class Action { Launch, List, Show, Events, Logs, Stop };
    // How often events --follow asks whether the run changed.
    static constexpr int followIntervalMs = 1000;

    explicit RunCommands(Action action);

    static CommandList commands(); // in the order of the help
    void run(Invocation &invocation) const override;

    // Prints a run (`key`), as the show command does (flotilla open too).
    static void show(Invocation &invocation, const QString &key);

    // A run as fields, or as JSON with --output json.
    static void print(Invocation &invocation, const Run &run);
    // Prints the log as it grows; ends with the run's exit code.
    static void follow(Invocation &invocation, const QString &runId);
    // "2024-05-01T12:00:31Z  Normal   Started  Started container …", a line.
    static QString eventLine(const PodEvent &event);

private:
    void launch(Invocation &invocation) const;
    void list(Invocation &invocation) const;
    void events(Invocation &invocation) const;
    void logs(Invocation &invocation) const;
    void stop(Invocation &invocation) const;
    // Lists the definition's runs with the statuses asked for; stops them with --yes.
    static void stopMatching(Invocation &invocation, const QStringList &statuses);
    // Stops each run (`known`: runs already read; others are read first), reports each, fails if any failed.
    static void stopEach(Invocation &invocation, const QStringList &runIds, const QList<Run> &known = {});
    // --status values, repeated or comma-separated, as server names; false after a usage error.
    static bool parseStatuses(Invocation &invocation, QStringList *statuses);
    // The log as it is now, page by page with last_seen.
    static void readPages(Invocation &invocation, const QString &runId);
    static void finishWithRunExit(Invocation &invocation, const Run &run);
    // The run's events from /events, or from the run where that is not served.
    static void readEvents(Invocation &invocation, const QString &runId,
                           const std::function<void(const PodEventList &)> &read);
    static void printEvents(Invocation &invocation, const PodEventList &events); // lines, or JSON objects
    static void followEvents(Invocation &invocation, const QString &runId);

    Action m_action;
};

} // namespace Flotilla
