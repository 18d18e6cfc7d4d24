#pragma once

#include "resourcesampler.h"
#include <wire/run.h>

#include <QObject>

#include <functional>
#include <optional>

namespace Flotilla {

// Steps of a run's life only its executor sees; the scheduler records each as an event.
enum class ExecutorStep {
    CheckingImage, // detail: the image
    ImageMissing,  // detail: the image, about to be pulled
    SignalSent,    // detail: the signal's name
    Recovered,     // reattached after a restart
    Lost,          // detail: why it can no longer be followed
};

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
    // Whether a run's memory and cpu become limits the engine enforces.
    virtual bool enforcesLimits() const = 0;
    // Where a running run's usage can be read; `found` is not called when nowhere.
    virtual void findUsage(const QString &runId, const std::function<void(const UsageSource &)> &found) = 0;

Q_SIGNALS:
    void started(const QString &runId, const RunInstance &instance);
    void finished(const QString &runId, std::optional<qint64> exitCode, const QString &exitReason);
    void stepped(const QString &runId, ExecutorStep step, const QString &detail);
};

} // namespace Flotilla
