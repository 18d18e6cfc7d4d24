#include "localexecutor.h"

#include <QHostInfo>
#include <QTimer>

#include <cerrno>
#include <csignal>

namespace Flotilla {

QString LocalExecutor::cluster() const
{
    return QStringLiteral("local");
}

QStringList LocalExecutor::commandLine(const Run &run, const EnvList &, const QString &) const
{
    return {QStringLiteral("/bin/sh"), QStringLiteral("-c"), run.command};
}

std::optional<RunInstance> LocalExecutor::placedInstance(const QString &runId) const
{
    const qint64 pid = pidsOf(runId).program;
    if (pid <= 1)
        return std::nullopt;
    return RunInstance{QHostInfo::localHostName(), QString::number(pid)};
}

void LocalExecutor::findUsage(const QString &runId, const std::function<void(const UsageSource &)> &found)
{
    // The command leads a process group of its own; an ended one's number may be reused.
    const qint64 child = pidsOf(runId).program;
    if (child > 1 && !hasExited(runId))
        found(UsageSource{child, {}, {}, false});
}

void LocalExecutor::stop(const QString &runId, int graceMs)
{
    // The command's whole process group: SIGTERM now, SIGKILL after the grace.
    const auto signalGroup = [this, runId](int signal) {
        const qint64 child = pidsOf(runId).program;
        if (child <= 1)
            return false;
        if (::kill(-pid_t(child), signal) == 0)
            return true;
        // Until the command's setsid() its group does not exist: the process
        // alone is all there is to stop. (A run of the shell script before
        // flotilla-run; flotilla-run records the pid once the group is there.)
        return errno == ESRCH && ::kill(pid_t(child), signal) == 0;
    };
    if (signalGroup(SIGTERM))
        Q_EMIT stepped(runId, ExecutorStep::SignalSent, QStringLiteral("SIGTERM"));
    QTimer::singleShot(graceMs, this, [this, runId, signalGroup] {
        if (!hasExited(runId))
            signalGroup(SIGKILL);
    });
}

} // namespace Flotilla
