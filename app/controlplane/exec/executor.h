#pragma once

#include <wire/run.h>

#include <QObject>

#include <optional>

namespace Flotilla {

// What runs runs: one per cluster (local processes, podman, docker).
// start() begins placing a run; started() or finished() answers it from the
// event loop, never inside start(). finished() comes once per run, after
// the run's log is complete.
class Executor : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual QString cluster() const = 0;
    // `env`: the definition's env overlaid by the run's, each name once.
    virtual void start(const Run &run, const EnvList &env) = 0;
    // SIGTERM now, SIGKILL after the grace period.
    virtual void terminate(const Run &run, int graceMs) = 0;
    // After a restart: follows a run that is still alive, or reports how it ended.
    virtual void recover(const Run &run) = 0;
    // Whether a run left PENDING by a restart had already been handed to its process.
    virtual bool wasPlaced(const Run &run) const = 0;

Q_SIGNALS:
    void started(const QString &runId, const RunInstance &instance);
    void finished(const QString &runId, std::optional<qint64> exitCode, const QString &exitReason);
};

} // namespace Flotilla
