#include "detachedexecutor.h"

#include "execlogging.h"
#include "logstore.h"
#include <store/privatefile.h>
#include <wire/runoutcome.h>

#include <exec/wrapper/runwrapper.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QSaveFile>

#include <algorithm>

#include <csignal>
#include <cstdio> // renameat2

#include <fcntl.h>
#include <unistd.h>

namespace Flotilla {

namespace {

const QString exitFile = u'/' + QLatin1String(RunControlFile::exit);
const QString workDirName = QStringLiteral("/work");
const QString unrecoverable = QStringLiteral("Control plane restarted and the run could not be recovered");
const QString terminatedByUser = terminatedByUserReason.toString();

} // namespace

DetachedExecutor::DetachedExecutor(QString runProgram, QString runsDirectory, const LogStore &logs, QObject *parent)
    : Executor(parent)
    , m_runProgram(std::move(runProgram))
    , m_runsDirectory(std::move(runsDirectory))
    , m_logs(logs)
    , m_launcher(QFile::encodeName(m_runProgram))
{
    for (const QString &variable : QProcessEnvironment::systemEnvironment().toStringList())
        m_environment.append(variable.toLocal8Bit());
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

DetachedExecutor::Pids DetachedExecutor::pidsOf(const QString &runId) const
{
    const QString control = controlDir(runId);
    QFile file(control + u'/' + QLatin1String(RunControlFile::pids));
    if (file.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> numbers = file.readAll().trimmed().split(' ');
        if (numbers.size() == 2)
            return Pids{numbers[0].toLongLong(), numbers[1].toLongLong()};
    }
    // Written by the shell script that wrapped runs before flotilla-run, and
    // still running one after an upgrade.
    return Pids{std::max<qint64>(0, readNumber(control + QStringLiteral("/wrapper.pid"))),
                std::max<qint64>(0, readNumber(control + QStringLiteral("/child.pid")))};
}

bool DetachedExecutor::hasExited(const QString &runId) const
{
    return QFile::exists(controlDir(runId) + exitFile);
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

QString DetachedExecutor::spareName() const
{
    return QStringLiteral(".spare-") + cluster();
}

void DetachedExecutor::makeSpare()
{
    const QString control = controlDir(spareName());
    if (!makePrivateDir(m_runsDirectory) || !makePrivateDir(control) || !makePrivateDir(control + workDirName))
        return;
    if (const int log = ::open(QFile::encodeName(m_logs.pathFor(spareName())).constData(),
                               O_WRONLY | O_CREAT | O_CLOEXEC, S_IRUSR | S_IWUSR);
        log >= 0)
        ::close(log);
}

void DetachedExecutor::takeSpare(const QString &control, const QString &logPath) const
{
    // Never over a run's own (a run placed again after a restart keeps its
    // dir and log): a spare that cannot be taken stays for the next run.
    ::renameat2(AT_FDCWD, QFile::encodeName(controlDir(spareName())).constData(), AT_FDCWD,
                QFile::encodeName(control).constData(), RENAME_NOREPLACE);
    ::renameat2(AT_FDCWD, QFile::encodeName(m_logs.pathFor(spareName())).constData(), AT_FDCWD,
                QFile::encodeName(logPath).constData(), RENAME_NOREPLACE);
}

void DetachedExecutor::spawn(const Run &run, const EnvList &env)
{
    const QString control = controlDir(run.runId);
    const QString work = control + workDirName;
    const QString logPath = m_logs.pathFor(run.runId);
    // The spare made after the last launch, renamed: a new inode costs ext4
    // up to a few hundred microseconds (more while it has freed many
    // lately), a rename far less. What it did not supply is made below.
    takeSpare(control, logPath);
    // Owner-only, like the whole data dir: the run's files are the user's business.
    for (const QString &dir : {m_runsDirectory, control, work}) {
        if (!makePrivateDir(dir))
            return end(run.runId, std::nullopt, QStringLiteral("cannot create the directory %1").arg(dir));
    }
    if (m_runProgram.isEmpty())
        return end(run.runId, std::nullopt,
                   QStringLiteral("flotilla-run, which every run runs under, was not found; "
                                  "reinstall flotilla-desktop"));
    // There before the launch (here where no spare supplied it), so a held
    // logs request watches the file from the launch on.
    QFile log(logPath);
    if (!log.open(QIODevice::Append, QFile::ReadOwner | QFile::WriteOwner))
        return end(run.runId, std::nullopt,
                   QStringLiteral("cannot create the log %1: %2").arg(logPath, log.errorString()));
    log.close();
    QByteArrayList arguments{QFile::encodeName(logPath), QFile::encodeName(control)};
    for (const QString &argument : commandLine(run, env, control))
        arguments.append(argument.toLocal8Bit());
    if (m_launcher.start(arguments, environment(env), QFile::encodeName(work)) <= 0)
        return end(run.runId, std::nullopt,
                   QStringLiteral("cannot start the run: %1: %2").arg(m_runProgram, qt_error_string(errno)));
    m_spawnedAt.insert(run.runId, QDateTime::currentDateTimeUtc());
    follow(run.runId, true);
    // For the next launch, once this one's turn is over.
    QTimer::singleShot(0, this, &DetachedExecutor::makeSpare);
}

QByteArrayList DetachedExecutor::environment(const EnvList &env) const
{
    // The control plane's environment with the run's on top.
    QByteArrayList environment = m_environment;
    for (const EnvVar &var : env) {
        const QByteArray name = var.name.toLocal8Bit() + '=';
        const auto same = std::find_if(environment.begin(), environment.end(),
                                       [&name](const QByteArray &entry) { return entry.startsWith(name); });
        QByteArray entry = name + var.value.toLocal8Bit();
        if (same != environment.end())
            *same = std::move(entry);
        else
            environment.append(std::move(entry));
    }
    return environment;
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
            if (!QFile::exists(controlPath + exitFile))
                resumeTermination(runId);
        }
    }
    const qint64 code = readNumber(controlPath + exitFile);
    if (code < 0)
        return;
    m_followed.remove(controlPath);
    m_watcher.removePath(controlPath);
    describeEnd(runId, code,
                [this, runId](std::optional<qint64> exitCode, const QString &reason) { end(runId, exitCode, reason); });
}

QString DetachedExecutor::logFailure(const QString &runId) const
{
    const QDir control(controlDir(runId));
    if (!control.exists(QLatin1String(RunControlFile::logFailed)))
        return {};
    // The refused write's errno is in a file's name; wrappers before it recorded none.
    QString why;
    const QString errorPrefix = QLatin1String(RunControlFile::logErrorPrefix);
    const QStringList errorFiles = control.entryList({errorPrefix + u'*'}, QDir::Files);
    bool isNumber = false;
    if (const int error = QStringView(errorFiles.value(0)).mid(errorPrefix.size()).toInt(&isNumber);
        isNumber && error > 0) {
        const QString text = qt_error_string(error);
        why = QStringLiteral(": ") + text.left(1).toLower() + text.mid(1);
    }
    return QStringLiteral("the log %1 could not be written%2").arg(m_logs.pathFor(runId), why);
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
        if (pidsOf(runId).wrapper <= 0 && m_spawnedAt.value(runId).secsTo(now) < 60)
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
    const qint64 pid = pidsOf(runId).wrapper;
    if (pid <= 1)
        return false;
    // The pid must still be our wrapper, not a process that reused the number:
    // one forked by the launcher works in the run's work dir; one started as
    // a program (before the launcher) names its control dir.
    const QString proc = QStringLiteral("/proc/%1/").arg(pid);
    if (QFileInfo(proc + QStringLiteral("cwd")).symLinkTarget() == controlDir(runId) + workDirName)
        return true;
    QFile cmdline(proc + QStringLiteral("cmdline"));
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
    return pidsOf(run.runId).wrapper > 0;
}

void DetachedExecutor::recover(const Run &run)
{
    const bool exited = hasExited(run.runId);
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
