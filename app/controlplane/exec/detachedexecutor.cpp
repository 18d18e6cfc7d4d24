#include "detachedexecutor.h"

#include "execlogging.h"
#include "logstore.h"
#include <store/privatefile.h>
#include <wire/runoutcome.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSaveFile>
#include <QStorageInfo>

#include <algorithm>

namespace Flotilla {

namespace {

// $1 log, $2 control dir, the rest the program. The program gets a session
// (and process group) of its own, so signalling it never hits the wrapper.
const QString wrapperScript = QStringLiteral("log=$1; dir=$2; shift 2\n"
                                             // Builtins only: every process started costs milliseconds. A value counts
                                             // once its newline is there; the marker then wakes the directory watcher.
                                             "put() { echo \"$2\" > \"$dir/$1\"; : > \"$dir/$1.written\"; }\n"
                                             "put wrapper.pid $$\n"
                                             // Output goes through cat, so a write the disk refuses is
                                             // seen: cat ends, and with it (SIGPIPE) the program. Only
                                             // an empty file fits on a full disk: the marker is one.
                                             // What the program left running in its group would hold
                                             // the pipe open: the run ends with the program, as a
                                             // container's processes end with its first.
                                             "{ setsid \"$@\" 2>&1 </dev/null & put child.pid $!; wait $!;"
                                             " echo $? > \"$dir/status\"; kill -KILL -$! 2>/dev/null; }"
                                             " | cat >>\"$log\""
                                             " || : > \"$dir/log.failed\"\n"
                                             "read code < \"$dir/status\"\n"
                                             "put exit \"$code\"\n");

const QString unrecoverable = QStringLiteral("Control plane restarted and the run could not be recovered");
const QString terminatedByUser = terminatedByUserReason.toString();

} // namespace

DetachedExecutor::DetachedExecutor(QString runsDirectory, const LogStore &logs, QObject *parent)
    : Executor(parent)
    , m_runsDirectory(std::move(runsDirectory))
    , m_logs(logs)
{
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &DetachedExecutor::check);
    // A wrapper killed from outside writes no exit file; no run may stay RUNNING forever.
    m_sweepTimer.setInterval(2000);
    connect(&m_sweepTimer, &QTimer::timeout, this, &DetachedExecutor::sweep);
    m_sweepTimer.start();
}

QString DetachedExecutor::controlDir(const QString &runId) const
{
    return m_runsDirectory + u'/' + runId;
}

qint64 DetachedExecutor::readNumber(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = file.readAll();
    bool ok = false;
    const qint64 value = text.endsWith('\n') ? text.trimmed().toLongLong(&ok) : -1;
    return ok ? value : -1;
}

void DetachedExecutor::prepare(const Run &, const Ready &ready)
{
    QTimer::singleShot(0, this, [ready] { ready(QString()); });
}

void DetachedExecutor::describeEnd(const QString &, qint64 exitCode, const Described &described)
{
    described(exitCode, QString());
}

void DetachedExecutor::start(const Run &run, const EnvList &env)
{
    m_preparing.insert(run.runId);
    prepare(run, [this, run, env](const QString &error) {
        m_preparing.remove(run.runId);
        if (m_cancelled.remove(run.runId))
            return end(run.runId, std::nullopt, terminatedByUser);
        if (!error.isEmpty())
            return end(run.runId, std::nullopt, error);
        spawn(run, env);
    });
}

void DetachedExecutor::spawn(const Run &run, const EnvList &env)
{
    const QString control = controlDir(run.runId);
    const QString work = control + QStringLiteral("/work");
    // Owner-only, like the whole data dir: the run's files are the user's business.
    for (const QString &dir : {m_runsDirectory, control, work}) {
        if (!makePrivateDir(dir))
            return end(run.runId, std::nullopt, QStringLiteral("cannot create the directory %1").arg(dir));
    }
    const QString logPath = m_logs.pathFor(run.runId);
    QFile log(logPath);
    if (!log.open(QIODevice::Append, QFile::ReadOwner | QFile::WriteOwner))
        return end(run.runId, std::nullopt,
                   QStringLiteral("cannot create the log %1: %2").arg(logPath, log.errorString()));
    log.close();

    // startDetached gives the wrapper a session of its own (no terminal's
    // Ctrl+C reaches it) and init as its parent.
    QProcess process;
    process.setProgram(QStringLiteral("/bin/sh"));
    process.setArguments(
        QStringList{QStringLiteral("-c"), wrapperScript, QStringLiteral("flotilla-run"), logPath, control}
        + commandLine(run, env, control));
    process.setWorkingDirectory(work);
    // The control plane's environment with the run's on top.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const EnvVar &var : env)
        environment.insert(var.name, var.value);
    process.setProcessEnvironment(environment);
    process.setStandardInputFile(QProcess::nullDevice());
    process.setStandardOutputFile(QProcess::nullDevice());
    process.setStandardErrorFile(QProcess::nullDevice());
    if (!process.startDetached())
        return end(run.runId, std::nullopt, QStringLiteral("cannot start the run: %1").arg(process.errorString()));
    m_spawnedAt.insert(run.runId, QDateTime::currentDateTimeUtc());
    follow(run.runId, true);
}

void DetachedExecutor::follow(const QString &runId, bool awaitingStart)
{
    const QString control = controlDir(runId);
    m_followed.insert(control, runId);
    if (awaitingStart)
        m_awaitingStart.insert(runId);
    m_watcher.addPath(control);
    // Anything that happened before the watch was in place; from the event
    // loop, so no signal arrives inside start() or recover().
    QTimer::singleShot(0, this, [this, control] { check(control); });
}

void DetachedExecutor::check(const QString &controlPath)
{
    const auto it = m_followed.constFind(controlPath);
    if (it == m_followed.constEnd())
        return;
    const QString runId = *it;
    if (m_awaitingStart.contains(runId)) {
        if (const std::optional<RunInstance> instance = placedInstance(runId)) {
            m_awaitingStart.remove(runId);
            Q_EMIT started(runId, *instance);
            // A terminate that came while the program was being placed found
            // nothing to signal yet; it reaches the program now.
            if (!QFile::exists(controlPath + QStringLiteral("/exit")))
                resumeTermination(runId);
        }
    }
    const qint64 code = readNumber(controlPath + QStringLiteral("/exit"));
    if (code < 0)
        return;
    m_followed.remove(controlPath);
    m_watcher.removePath(controlPath);
    describeEnd(runId, code,
                [this, runId](std::optional<qint64> exitCode, const QString &reason) { end(runId, exitCode, reason); });
}

QString DetachedExecutor::logFailure(const QString &runId) const
{
    if (!QFile::exists(controlDir(runId) + QStringLiteral("/log.failed")))
        return {};
    const QString logPath = m_logs.pathFor(runId);
    // cat's own words could not be kept on a full disk; the disk tells.
    const bool full = QStorageInfo(QFileInfo(logPath).absolutePath()).bytesAvailable() < 64 * 1024;
    return QStringLiteral("the log %1 could not be written%2")
        .arg(logPath, full ? QStringLiteral(": no space left on device") : QString());
}

void DetachedExecutor::end(const QString &runId, std::optional<qint64> exitCode, QString exitReason)
{
    m_awaitingStart.remove(runId);
    m_spawnedAt.remove(runId);
    const bool terminated = QFile::exists(terminatePath(runId));
    // A run whose output was lost failed, whatever its program said.
    if (const QString failure = logFailure(runId); !failure.isEmpty() && !terminated) {
        exitCode = std::nullopt;
        exitReason = failure;
    }
    // A run that never ran or whose end was lost is the machine's failure, not the command's.
    if (!exitCode && !terminated && exitReason != terminatedByUser)
        qCWarning(lcExec, "run %s on %s failed: %s", qPrintable(runId), qPrintable(cluster()), qPrintable(exitReason));
    Q_EMIT finished(runId, exitCode, terminated ? terminatedByUser : exitReason);
}

void DetachedExecutor::sweep()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (auto it = m_followed.cbegin(); it != m_followed.cend();) {
        const QString control = it.key(), runId = it.value();
        ++it;
        check(control); // also catches any change the watcher did not report
        if (!m_followed.contains(control) || wrapperAlive(runId))
            continue;
        // A wrapper that has not yet written its whole pid (a loaded machine
        // can stop it between creating the file and writing it) is not dead.
        if (readNumber(control + QStringLiteral("/wrapper.pid")) <= 0 && m_spawnedAt.value(runId).secsTo(now) < 60)
            continue;
        if (m_followed.remove(control)) {
            m_watcher.removePath(control);
            // On a full disk the exit code may not fit either.
            QString reason = logFailure(runId);
            if (reason.isEmpty()) {
                reason = QStringLiteral("The run's process ended without recording an exit code");
                Q_EMIT stepped(runId, ExecutorStep::Lost, reason);
            }
            end(runId, std::nullopt, reason);
        }
    }
}

bool DetachedExecutor::wrapperAlive(const QString &runId) const
{
    const qint64 pid = readNumber(controlDir(runId) + QStringLiteral("/wrapper.pid"));
    if (pid <= 1)
        return false;
    // The pid must still be our wrapper, not a process that reused the number.
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(pid));
    return cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(controlDir(runId).toUtf8());
}

void DetachedExecutor::terminate(const Run &run, int graceMs)
{
    if (m_preparing.contains(run.runId)) {
        m_cancelled.insert(run.runId);
        return;
    }
    // Recorded before any signal: a control plane restarted during the grace
    // still sends SIGKILL when it ends, and reports the end as the user's doing.
    // (A run never spawned has no control dir and nothing to record.)
    QSaveFile marker(terminatePath(run.runId));
    if (QDir(controlDir(run.runId)).exists()
        && (!marker.open(QIODevice::WriteOnly)
            || marker.write(QByteArray::number(QDateTime::currentMSecsSinceEpoch() + graceMs) + '\n') < 0
            || !marker.commit()))
        qCWarning(lcExec, "cannot record the termination of run %s: %s", qPrintable(run.runId),
                  qPrintable(marker.errorString()));
    stop(run.runId, graceMs);
}

void DetachedExecutor::resumeTermination(const QString &runId)
{
    const qint64 killAt = readNumber(terminatePath(runId));
    if (killAt >= 0)
        stop(runId, int(std::clamp<qint64>(killAt - QDateTime::currentMSecsSinceEpoch(), 0, 3600 * 1000)));
}

QString DetachedExecutor::terminatePath(const QString &runId) const
{
    return controlDir(runId) + QStringLiteral("/terminate");
}

bool DetachedExecutor::wasPlaced(const Run &run) const
{
    return QFile::exists(controlDir(run.runId) + QStringLiteral("/wrapper.pid"));
}

void DetachedExecutor::recover(const Run &run)
{
    const bool exited = QFile::exists(controlDir(run.runId) + QStringLiteral("/exit"));
    if (exited || wrapperAlive(run.runId)) {
        Q_EMIT stepped(run.runId, ExecutorStep::Recovered, QString());
        follow(run.runId, run.status != RunStatus::Running);
        // A termination answered before the restart goes on where it was.
        if (!exited)
            resumeTermination(run.runId);
        return;
    }
    QTimer::singleShot(0, this, [this, runId = run.runId] {
        Q_EMIT stepped(runId, ExecutorStep::Lost, unrecoverable);
        end(runId, std::nullopt, unrecoverable);
    });
}

} // namespace Flotilla
