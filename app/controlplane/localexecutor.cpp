#include "localexecutor.h"

#include "logstore.h"

#include <QDir>
#include <QFile>
#include <QHostInfo>
#include <QProcess>
#include <QTimer>

#include <csignal>

namespace Flotilla {

namespace {

// $1 log, $2 control dir, $3 the command. The command gets a session (and
// process group) of its own, so terminating it never hits the wrapper.
const QString wrapperScript = QStringLiteral(
    "echo $$ > \"$2/wrapper.pid\"\n"
    "setsid /bin/sh -c \"$3\" >>\"$1\" 2>&1 </dev/null &\n"
    "echo $! > \"$2/child.pid\"\n"
    "wait $!\n"
    "code=$?\n"
    "echo $code > \"$2/exit.tmp\" && mv \"$2/exit.tmp\" \"$2/exit\"\n");

const QString unrecoverable = QStringLiteral("Control plane restarted and the run could not be recovered");

qint64 readNumber(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    bool ok = false;
    const qint64 value = file.readAll().trimmed().toLongLong(&ok);
    return ok ? value : -1;
}

} // namespace

LocalExecutor::LocalExecutor(QString runsDirectory, const LogStore &logs, QObject *parent)
    : Executor(parent)
    , m_runsDirectory(std::move(runsDirectory))
    , m_logs(logs)
{
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &LocalExecutor::check);
    // A wrapper killed from outside writes no exit file; no run may stay RUNNING forever.
    m_sweepTimer.setInterval(2000);
    connect(&m_sweepTimer, &QTimer::timeout, this, &LocalExecutor::sweep);
    m_sweepTimer.start();
}

void LocalExecutor::sweep()
{
    for (auto it = m_followed.cbegin(); it != m_followed.cend();) {
        const QString control = it.key(), runId = it.value();
        ++it;
        if (wrapperAlive(runId))
            continue;
        check(control);
        if (m_followed.remove(control)) {
            m_watcher.removePath(control);
            Q_EMIT finished(runId, std::nullopt, QStringLiteral("The run's process ended without recording an exit code"));
        }
    }
}

QString LocalExecutor::cluster() const
{
    return QStringLiteral("local");
}

QString LocalExecutor::controlDir(const QString &runId) const
{
    return m_runsDirectory + u'/' + runId;
}

std::optional<RunInstance> LocalExecutor::start(const Run &run, const QProcessEnvironment &environment, QString *error)
{
    const QString control = controlDir(run.runId);
    const QString work = control + QStringLiteral("/work");
    if (!QDir().mkpath(work)) {
        *error = QStringLiteral("cannot create the working directory %1").arg(work);
        return std::nullopt;
    }
    const QString logPath = m_logs.pathFor(run.runId);
    QFile log(logPath);
    if (!log.open(QIODevice::Append, QFile::ReadOwner | QFile::WriteOwner)) {
        *error = QStringLiteral("cannot create the log %1: %2").arg(logPath, log.errorString());
        return std::nullopt;
    }
    log.close();

    QProcess process;
    process.setProgram(QStringLiteral("setsid"));
    process.setArguments({QStringLiteral("/bin/sh"), QStringLiteral("-c"), wrapperScript, QStringLiteral("flotilla-run"),
                          logPath, control, run.command});
    process.setWorkingDirectory(work);
    process.setProcessEnvironment(environment);
    process.setStandardInputFile(QProcess::nullDevice());
    process.setStandardOutputFile(QProcess::nullDevice());
    process.setStandardErrorFile(QProcess::nullDevice());
    qint64 pid = 0;
    if (!process.startDetached(&pid)) {
        *error = QStringLiteral("cannot start /bin/sh: %1").arg(process.errorString());
        return std::nullopt;
    }
    follow(run.runId);
    return RunInstance{QHostInfo::localHostName(), QString::number(pid)};
}

void LocalExecutor::follow(const QString &runId)
{
    const QString control = controlDir(runId);
    m_followed.insert(control, runId);
    m_watcher.addPath(control);
    // It may have ended before the watch was in place. Checked from the event
    // loop: finished() must not arrive before start() has returned.
    QTimer::singleShot(0, this, [this, control] { check(control); });
}

void LocalExecutor::check(const QString &controlPath)
{
    const auto it = m_followed.constFind(controlPath);
    if (it == m_followed.constEnd())
        return;
    const qint64 code = readNumber(controlPath + QStringLiteral("/exit"));
    if (code < 0)
        return;
    const QString runId = *it;
    m_followed.remove(controlPath);
    m_watcher.removePath(controlPath);
    Q_EMIT finished(runId, code, QString());
}

void LocalExecutor::signalRun(const QString &runId, int signal)
{
    const qint64 child = readNumber(controlDir(runId) + QStringLiteral("/child.pid"));
    if (child > 1)
        ::kill(-pid_t(child), signal); // the command's whole process group
}

void LocalExecutor::terminate(const Run &run, int graceMs)
{
    const QString runId = run.runId;
    signalRun(runId, SIGTERM);
    QTimer::singleShot(graceMs, this, [this, runId] {
        if (m_followed.contains(controlDir(runId)))
            signalRun(runId, SIGKILL);
    });
}

bool LocalExecutor::wrapperAlive(const QString &runId) const
{
    const qint64 pid = readNumber(controlDir(runId) + QStringLiteral("/wrapper.pid"));
    if (pid <= 1)
        return false;
    // The pid must still be our wrapper, not a process that reused the number.
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
    return cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(controlDir(runId).toUtf8());
}

bool LocalExecutor::wasPlaced(const Run &run) const
{
    return QFile::exists(controlDir(run.runId) + QStringLiteral("/wrapper.pid"));
}

void LocalExecutor::recover(const Run &run)
{
    const QString control = controlDir(run.runId);
    if (QFile::exists(control + QStringLiteral("/exit")) || wrapperAlive(run.runId)) {
        follow(run.runId);
        return;
    }
    Q_EMIT finished(run.runId, std::nullopt, unrecoverable);
}

} // namespace Flotilla
