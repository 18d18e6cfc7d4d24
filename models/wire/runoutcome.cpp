#include "runoutcome.h"

#include <QCoreApplication>

namespace Flotilla {

std::optional<RunOutcome> runOutcome(const Run &run)
{
    if (run.status != RunStatus::Stopped)
        return std::nullopt;
    // A run stopped or killed may still report exit code 0 (a process that
    // handled SIGTERM well): the reason says what happened.
    if (isStoppedByUser(run))
        return RunOutcome::StoppedByUser;
    if (isOomKilled(run))
        return RunOutcome::OutOfMemory;
    return run.exitCode == 0 ? RunOutcome::Succeeded : RunOutcome::Failed;
}

bool isOomKilled(const Run &run)
{
    return run.exitReason.contains(QLatin1String("OOMKilled"), Qt::CaseInsensitive);
}

bool isStoppedByUser(const Run &run)
{
    return run.exitReason.compare(terminatedByUserReason, Qt::CaseInsensitive) == 0;
}

QString runOutcomeText(RunOutcome outcome)
{
    switch (outcome) {
    case RunOutcome::Succeeded: return QCoreApplication::translate("Flotilla::RunOutcome", "Succeeded");
    case RunOutcome::Failed: return QCoreApplication::translate("Flotilla::RunOutcome", "Failed");
    case RunOutcome::StoppedByUser: return QCoreApplication::translate("Flotilla::RunOutcome", "Stopped by user");
    case RunOutcome::OutOfMemory: return QCoreApplication::translate("Flotilla::RunOutcome", "Out of memory");
    }
    return {};
}

} // namespace Flotilla
