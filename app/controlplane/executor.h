#pragma once

#include <wire/run.h>

#include <QObject>
#include <QProcessEnvironment>

#include <optional>

namespace Flotilla {

// What runs runs: one kind per cluster (local processes, podman, docker).
// start() places a run and returns where it runs; finished() follows once,
// from the event loop (never inside start()), after the run's log is complete.
class Executor : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual QString cluster() const = 0;
    // The instance the run now runs on, or nullopt with `error` set.
    virtual std::optional<RunInstance> start(const Run &run, const QProcessEnvironment &environment,
                                             QString *error) = 0;
    // SIGTERM now, SIGKILL after the grace period.
    virtual void terminate(const Run &run, int graceMs) = 0;
    // After a restart: follows a run that is still alive, or reports how it ended.
    virtual void recover(const Run &run) = 0;
    // Whether a run left PENDING by a restart had already been placed.
    virtual bool wasPlaced(const Run &run) const = 0;

Q_SIGNALS:
    void finished(const QString &runId, std::optional<qint64> exitCode, const QString &exitReason);
};

} // namespace Flotilla
