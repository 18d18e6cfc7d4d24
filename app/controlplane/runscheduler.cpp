#include "runscheduler.h"

#include "executor.h"
#include "store.h"

namespace Flotilla {

RunScheduler::RunScheduler(Store &store, SchedulerOptions options, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_options(options)
{}

RunScheduler::~RunScheduler() = default;

void RunScheduler::addExecutor(std::unique_ptr<Executor> executor)
{
    connect(executor.get(), &Executor::finished, this, &RunScheduler::finish);
    if (m_defaultCluster.isEmpty())
        m_defaultCluster = executor->cluster();
    m_executors.push_back(std::move(executor));
}

QStringList RunScheduler::clusters() const
{
    QStringList names;
    for (const auto &executor : m_executors)
        names.append(executor->cluster());
    return names;
}

bool RunScheduler::setDefaultCluster(const QString &cluster, QString *error)
{
    if (!executorFor(cluster)) {
        *error = QStringLiteral("cluster \"%1\" is not available here; use one of %2")
                     .arg(cluster, clusters().join(u", "));
        return false;
    }
    m_defaultCluster = cluster;
    return true;
}

QString RunScheduler::engineOf(const QString &cluster) const
{
    return cluster;
}

Executor *RunScheduler::executorFor(const QString &cluster) const
{
    for (const auto &executor : m_executors) {
        if (executor->cluster() == cluster)
            return executor.get();
    }
    return nullptr;
}

bool RunScheduler::save(const Run &run)
{
    if (!m_store.updateRun(run)) {
        qWarning("scheduler: cannot save run %s: %s", qPrintable(run.runId), qPrintable(m_store.lastError()));
        return false;
    }
    Q_EMIT runChanged(run.runId);
    return true;
}

void RunScheduler::recover()
{
    for (RunStatus status : {RunStatus::Running, RunStatus::Pending}) {
        for (const Run &run : m_store.runsWithStatus(status)) {
            Executor *executor = executorFor(run.cluster);
            ++m_active[run.cluster];
            if (!executor) {
                finish(run.runId, std::nullopt,
                       QStringLiteral("Cluster %1 is no longer available on this machine").arg(run.cluster));
                continue;
            }
            if (status == RunStatus::Running || executor->wasPlaced(run))
                executor->recover(run);
            else
                place(run, executor);
        }
    }
    for (const QString &cluster : clusters())
        startQueued(cluster);
}

void RunScheduler::submit(const Run &run)
{
    startQueued(run.cluster);
}

void RunScheduler::startQueued(const QString &cluster)
{
    Executor *executor = executorFor(cluster);
    while (executor && m_active.value(cluster) < m_options.parallelRuns) {
        std::optional<Run> next = m_store.nextQueued(cluster);
        if (!next)
            return;
        ++m_active[cluster];
        place(*next, executor);
    }
}

void RunScheduler::place(Run run, Executor *executor)
{
    if (run.advanceTo(RunStatus::Pending) && !save(run))
        return;
    // The process sees the definition's env overlaid by the run's.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (const std::optional<Definition> definition = m_store.definition(run.definitionId)) {
        for (const EnvVar &var : definition->env)
            environment.insert(var.name, var.value);
    }
    for (const EnvVar &var : run.env)
        environment.insert(var.name, var.value);

    QString error;
    const std::optional<RunInstance> instance = executor->start(run, environment, &error);
    if (!instance) {
        finish(run.runId, std::nullopt, error);
        return;
    }
    run.instance = *instance;
    run.startedAt = QDateTime::currentDateTimeUtc();
    run.advanceTo(RunStatus::Running);
    save(run);
}

void RunScheduler::finish(const QString &runId, std::optional<qint64> exitCode, const QString &exitReason)
{
    std::optional<Run> run = m_store.run(runId);
    if (!run || !run->advanceTo(RunStatus::Stopped))
        return;
    run->exitCode = exitCode;
    run->exitReason = m_terminating.remove(runId) ? QStringLiteral("Task terminated by user") : exitReason;
    run->finishedAt = QDateTime::currentDateTimeUtc();
    save(*run);
    --m_active[run->cluster];
    startQueued(run->cluster);
}

std::optional<Run> RunScheduler::terminate(Run run)
{
    if (run.status == RunStatus::Running) {
        if (Executor *executor = executorFor(run.cluster)) {
            m_terminating.insert(run.runId);
            executor->terminate(run, m_options.terminateGraceMs);
            return run;
        }
    }
    const bool wasPlaced = run.status == RunStatus::Pending;
    run.advanceTo(RunStatus::Stopped);
    run.finishedAt = QDateTime::currentDateTimeUtc();
    run.exitReason = QStringLiteral("Task terminated by user");
    if (!save(run))
        return std::nullopt;
    if (wasPlaced) {
        --m_active[run.cluster];
        startQueued(run.cluster);
    }
    return run;
}

} // namespace Flotilla
