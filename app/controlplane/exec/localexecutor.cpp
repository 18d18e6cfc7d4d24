#include "localexecutor.h"

#include <QFile>
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
    const qint64 pid = readNumber(controlDir(runId) + QStringLiteral("/child.pid"));
    if (pid <= 1)
        return std::nullopt;
    return RunInstance{QHostInfo::localHostName(), QString::number(pid)};
}

void LocalExecutor::findUsage(const QString &runId, const std::function<void(const UsageSource &)> &found)
{
    // The command leads a process group of its own; an ended one's number may be reused.
    const qint64 child = readNumber(controlDir(runId) + QStringLiteral("/child.pid"));
    if (child > 1 && !QFile::exists(controlDir(runId) + QStringLiteral("/exit")))
        found(UsageSource{child, {}, {}, false});
}

void LocalExecutor::stop(const QString &runId, int graceMs)
{
    // The command's whole process group: SIGTERM now, SIGKILL after the grace.
    const auto signalGroup = [this, runId](int signal) {
        const qint64 child = readNumber(controlDir(runId) + QStringLiteral("/child.pid"));
        if (child <= 1)
            return false;
        if (::kill(-pid_t(child), signal) == 0)
            return true;
        // Until the command's setsid() its group does not exist: the process
        // alone is all there is to stop.
        return errno == ESRCH && ::kill(pid_t(child), signal) == 0;
    };
    if (signalGroup(SIGTERM))
        Q_EMIT stepped(runId, ExecutorStep::SignalSent, QStringLiteral("SIGTERM"));
    QTimer::singleShot(graceMs, this, [this, runId, signalGroup] {
        if (!QFile::exists(controlDir(runId) + QStringLiteral("/exit")))
            signalGroup(SIGKILL);
    });
}

} // namespace Flotilla
