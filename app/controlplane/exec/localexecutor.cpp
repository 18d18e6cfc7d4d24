#include "localexecutor.h"

#include <QFile>
#include <QHostInfo>
#include <QTimer>

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

void LocalExecutor::stop(const QString &runId, int graceMs)
{
    // The command's whole process group: SIGTERM now, SIGKILL after the grace.
    const auto signalGroup = [this, runId](int signal) {
        const qint64 child = readNumber(controlDir(runId) + QStringLiteral("/child.pid"));
        if (child > 1)
            ::kill(-pid_t(child), signal);
    };
    signalGroup(SIGTERM);
    QTimer::singleShot(graceMs, this, [this, runId, signalGroup] {
        if (!QFile::exists(controlDir(runId) + QStringLiteral("/exit")))
            signalGroup(SIGKILL);
    });
}

} // namespace Flotilla
