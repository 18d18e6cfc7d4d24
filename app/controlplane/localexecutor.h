#pragma once

#include "executor.h"

#include <QFileSystemWatcher>
#include <QHash>
#include <QTimer>

namespace Flotilla {

class LogStore;

// The `local` cluster: each run is `/bin/sh -c <command>` in a session of
// its own, in a per-run working directory, writing stdout and stderr straight
// into its log file. A small detached wrapper waits for it and records the
// exit code in a file, so runs outlive the control plane and a restarted one
// learns how they ended.
class LocalExecutor final : public Executor
{
    Q_OBJECT
public:
    LocalExecutor(QString runsDirectory, const LogStore &logs, QObject *parent = nullptr);

    QString cluster() const override;
    std::optional<RunInstance> start(const Run &run, const QProcessEnvironment &environment, QString *error) override;
    void terminate(const Run &run, int graceMs) override;
    void recover(const Run &run) override;
    bool wasPlaced(const Run &run) const override;

private:
    QString controlDir(const QString &runId) const;
    void follow(const QString &runId);
    void check(const QString &controlPath);
    void sweep();
    void signalRun(const QString &runId, int signal);
    bool wrapperAlive(const QString &runId) const;

    QString m_runsDirectory;
    const LogStore &m_logs;
    QFileSystemWatcher m_watcher;
    QTimer m_sweepTimer;
    QHash<QString, QString> m_followed; // control dir → run id
};

} // namespace Flotilla
