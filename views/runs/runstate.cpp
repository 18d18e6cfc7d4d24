#include "runstate.h"

#include <icons.h>
#include <lists/runhistorymodel.h>

#include <QCoreApplication>

namespace Flotilla {

RunState runState(const Run &run)
{
    switch (run.status) {
    case RunStatus::Queued: return RunState::Queued;
    case RunStatus::Pending: return RunState::Pending;
    case RunStatus::Running: return RunState::Running;
    case RunStatus::NeedsRetry: return RunState::NeedsRetry;
    case RunStatus::Stopped: break;
    }
    return run.exitCode == 0 ? RunState::Succeeded : RunState::Failed;
}

QString runStateText(RunState state)
{
    switch (state) {
    case RunState::Queued: return QCoreApplication::translate("Flotilla::RunState", "Queued");
    case RunState::Pending: return QCoreApplication::translate("Flotilla::RunState", "Pending");
    case RunState::Running: return QCoreApplication::translate("Flotilla::RunState", "Running");
    case RunState::Succeeded: return QCoreApplication::translate("Flotilla::RunState", "Succeeded");
    case RunState::Failed: return QCoreApplication::translate("Flotilla::RunState", "Failed");
    case RunState::NeedsRetry: return QCoreApplication::translate("Flotilla::RunState", "Needs retry");
    }
    return {};
}

QColor runStateColor(RunState state)
{
    // Mid-tone hues keep enough contrast on light and dark window colours.
    switch (state) {
    case RunState::Queued: return QColor(0xb7, 0x86, 0x0b);
    case RunState::Pending: return QColor(0x80, 0x80, 0x80);
    case RunState::Running: return QColor(0x1f, 0x6f, 0xd1);
    case RunState::Succeeded: return runOutcomeColor(RunOutcome::Succeeded);
    case RunState::Failed:
    case RunState::NeedsRetry: return runOutcomeColor(RunOutcome::Failed);
    }
    return {};
}

QIcon runStateIcon(RunState state)
{
    switch (state) {
    case RunState::Queued: return statusIcon(StatusIcon::Queued);
    case RunState::Pending: return statusIcon(StatusIcon::Pending);
    case RunState::Running: return statusIcon(StatusIcon::Running);
    case RunState::Succeeded: return statusIcon(StatusIcon::Succeeded);
    case RunState::Failed: return statusIcon(StatusIcon::Failed);
    case RunState::NeedsRetry: return statusIcon(StatusIcon::Stopped);
    }
    return {};
}

QString timeText(const std::optional<QDateTime> &time)
{
    return time ? time->toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
}

QUrlQuery activeRunsQuery(int limit)
{
    QUrlQuery query;
    for (const RunStatus status : {RunStatus::Queued, RunStatus::Pending, RunStatus::Running})
        query.addQueryItem(QStringLiteral("status"), runStatusName(status));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return query;
}

} // namespace Flotilla
