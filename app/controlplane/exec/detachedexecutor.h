#pragma once

#include "executor.h"
#include "wrapperlauncher.h"

#include <QByteArrayList>
#include <QDateTime>
#include <QFileSystemWatcher>
#include <QHash>
#include <QSet>
#include <QTimer>

#include <functional>

#include <sys/types.h>

namespace Flotilla {

class LogStore;

// Runs each run's program under flotilla-run (RunWrapper), started detached
// in a process group of its own (forked by flotilla-run --launcher): it appends the
// program's stdout and stderr to the run's log file and records the pids and
// the exit code in the run's control dir, which a directory watch follows.
// Nothing depends on a pipe to the control plane, so runs outlive it, and a
// restarted one learns how they ended. Subclasses say what program runs and
// how it is stopped.
class DetachedExecutor : public Executor
{
    Q_OBJECT
public:
    // `runProgram`: the path of flotilla-run; empty when it was not found,
    // which every run then fails for.
    DetachedExecutor(QString runProgram, QString runsDirectory, const LogStore &logs, QObject *parent = nullptr);

    void start(const Run &run, const EnvList &env) final;
    void terminate(const Run &run, int graceMs) final;
    void recover(const Run &run) final;
    bool wasPlaced(const Run &run) const final;

protected:
    using Ready = std::function<void(const QString &error)>;
    // The exit code to record (none when the program's code says nothing of
    // the run, which then failed for `exitReason`) and the exit reason.
    using Described = std::function<void(std::optional<qint64> exitCode, const QString &exitReason)>;

    // What the wrapper recorded once the program started (0 while unknown):
    // its own pid and the program's, which leads a process group of its own.
    struct Pids
    {
        qint64 wrapper = 0;
        qint64 program = 0;
    };

    QString controlDir(const QString &runId) const;
    static qint64 readNumber(const QString &path);
    Pids pidsOf(const QString &runId) const;
    // Whether the wrapper recorded the program's exit code.
    bool hasExited(const QString &runId) const;

    // The program to run and its arguments (the wrapper adds the log and exit file).
    virtual QStringList commandLine(const Run &run, const EnvList &env, const QString &controlDir) const = 0;
    // Checks before the program starts (an image exists); calls `ready` with an error or none.
    virtual void prepare(const Run &run, const Ready &ready);
    // Where the run now runs, once the program has placed it.
    virtual std::optional<RunInstance> placedInstance(const QString &runId) const = 0;
    virtual void stop(const QString &runId, int graceMs) = 0;
    // The exit reason for an exit code (OOMKilled...), and any cleaning up.
    virtual void describeEnd(const QString &runId, qint64 exitCode, const Described &described);

private:
    void spawn(const Run &run, const EnvList &env);
    // A control dir with its work dir, and an empty log, made ahead for the
    // next launch; named after the cluster, as executors share the runs dir.
    QString spareName() const;
    void makeSpare();
    // Renames the spare's dir and log to the run's, where it has none yet.
    void takeSpare(const QString &control, const QString &logPath) const;
    // The control plane's environment with the run's on top, NAME=value each.
    QByteArrayList environment(const EnvList &env) const;
    void follow(const QString &runId, bool awaitingStart);
    void check(const QString &controlPath);
    void sweep();
    bool wrapperAlive(const QString &runId) const;
    // Written by terminate(): when SIGKILL is due (ms since the epoch).
    QString terminatePath(const QString &runId) const;
    // Stops a run whose termination was recorded, SIGKILL still when it was due.
    void resumeTermination(const QString &runId);
    // Why the run failed if its output could not be written to its log; empty if it could.
    QString logFailure(const QString &runId) const;
    void end(const QString &runId, std::optional<qint64> exitCode, QString exitReason);

    QString m_runProgram;
    QString m_runsDirectory;
    const LogStore &m_logs;
    QByteArrayList m_environment; // the control plane's, NAME=value, under each run's
    WrapperLauncher m_launcher;
    QFileSystemWatcher m_watcher;
    QTimer m_sweepTimer;
    QHash<QString, QString> m_followed; // control dir → run id
    QSet<QString> m_awaitingStart;
    QHash<QString, QDateTime> m_spawnedAt;
    QSet<QString> m_preparing;
    QSet<QString> m_cancelled;
};

} // namespace Flotilla
