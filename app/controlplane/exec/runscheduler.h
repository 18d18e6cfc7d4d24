#pragma once

#include "resourcesampler.h"
#include <wire/run.h>

#include <QHash>
#include <QObject>
#include <QSet>

#include <memory>
#include <vector>

namespace Flotilla {

class Executor;
class Store;
enum class ExecutorStep;

struct SchedulerOptions
{
    int parallelRuns = 4; // per cluster; 0 holds every run QUEUED
    int terminateGraceMs = 10000;
};

// Decides where and when launched runs execute: it names the clusters this
// machine offers and moves runs QUEUED → PENDING → RUNNING → STOPPED, at most
// `parallelRuns` at once per cluster, the rest waiting in launch order. It
// records every step of a run's life as an event on the run (its own steps
// and those its executors report) and the peaks its sampler measures.
class RunScheduler final : public QObject
{
    Q_OBJECT
public:
    RunScheduler(Store &store, SchedulerOptions options, QObject *parent = nullptr);
    ~RunScheduler() override;

    void addExecutor(std::unique_ptr<Executor> executor);
    QStringList clusters() const;
    QString defaultCluster() const { return m_defaultCluster; }
    bool setDefaultCluster(const QString &cluster, QString *error);
    QString engineOf(const QString &cluster) const;

    // After a restart: reattaches to live runs, finishes the others, starts the queue.
    void recover();
    // A run about to be stored QUEUED gets its first events: queued, and
    // waiting for a slot when its cluster is full, so the launch answer says so.
    void noteQueued(Run &run) const;
    // A run launched now on `cluster` starts at once.
    bool hasFreeSlot(const QString &cluster) const;
    // A newly stored QUEUED run.
    void submit(const Run &run);
    // Stops an active run: QUEUED and PENDING at once, RUNNING through its
    // executor (SIGTERM, then SIGKILL after the grace period).
    std::optional<Run> terminate(Run run);

Q_SIGNALS:
    void runChanged(const QString &runId);

private:
    Executor *executorFor(const QString &cluster) const;
    void startQueued(const QString &cluster);
    void place(Run run, Executor *executor);
    void markStarted(const QString &runId, const RunInstance &instance);
    void finish(const QString &runId, std::optional<qint64> exitCode, const QString &exitReason);
    void release(const Run &run);
    bool save(const Run &run);
    void recordStep(const QString &runId, ExecutorStep step, const QString &detail);
    void recordPeaks(const QString &runId, qint64 maxMemoryMb, qint64 maxCpu);
    void noteWaiting(Run &run) const;
    void sample(const Run &run, Executor *executor);

    Store &m_store;
    SchedulerOptions m_options;
    std::vector<std::unique_ptr<Executor>> m_executors;
    QString m_defaultCluster;
    QHash<QString, QSet<QString>> m_active; // cluster → runs PENDING or RUNNING
    QHash<QString, QList<Run>> m_unplaced;  // cluster → PENDING runs a restart left unstarted
    QSet<QString> m_terminating;
    ResourceSampler m_sampler;
};

} // namespace Flotilla
