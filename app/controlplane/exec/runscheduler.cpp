#include "runscheduler.h"

#include "execlogging.h"
#include "executor.h"
#include <store/store.h>

namespace Flotilla {

Q_LOGGING_CATEGORY(lcExec, "flotilla.exec", QtInfoMsg)

RunScheduler::RunScheduler(Store &store, SchedulerOptions options, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_options(options)
{}

RunScheduler::~RunScheduler() = default;

void RunScheduler::addExecutor(std::unique_ptr<Executor> executor)
{
    connect(executor.get(), &Executor::started, this, &RunScheduler::markStarted);
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
        qCCritical(lcExec, "cannot save run %s: %s", qPrintable(run.runId), qPrintable(m_store.lastError()));
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
            if (executor && status == RunStatus::Pending && !executor->wasPlaced(run)) {
                m_unplaced[run.cluster].append(run); // started before QUEUED ones, within the limit
                continue;
            }
            m_active[run.cluster].insert(run.runId);
            if (executor) {
                executor->recover(run);
            } else {
                finish(run.runId, std::nullopt,
                       QStringLiteral("Cluster %1 is no longer available on this machine").arg(run.cluster));
            }
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
    while (executor && m_active.value(cluster).size() < m_options.parallelRuns) {
        QList<Run> &unplaced = m_unplaced[cluster];
        std::optional<Run> next = unplaced.isEmpty() ? m_store.nextQueued(cluster)
                                                     : m_store.run(unplaced.takeFirst().runId);
        if (!next)
            return;
        if (!next->isActive())
            continue; // terminated while it waited
        m_active[cluster].insert(next->runId);
        place(*next, executor);
    }
}

void RunScheduler::place(Run run, Executor *executor)
{
    if (run.advanceTo(RunStatus::Pending) && !save(run))
        return;
    // The process sees the definition's (or template's) env overlaid by the run's.
    EnvList env;
    const auto put = [&env](const EnvVar &var) {
        auto existing = std::find_if(env.begin(), env.end(), [&](const EnvVar &e) { return e.name == var.name; });
        if (existing != env.end())
            existing->value = var.value;
        else
            env.append(var);
    };
    if (run.isTemplateRun()) {
        if (const std::optional<Template> tpl = m_store.templateById(run.executableId)) {
            for (const EnvVar &var : tpl->env)
                put(var);
        }
    } else if (const std::optional<Definition> definition = m_store.definition(run.definitionId)) {
        for (const EnvVar &var : definition->env)
            put(var);
    }
    for (const EnvVar &var : run.env)
        put(var);
    executor->start(run, env);
}

void RunScheduler::markStarted(const QString &runId, const RunInstance &instance)
{
    std::optional<Run> run = m_store.run(runId);
    if (!run || !run->advanceTo(RunStatus::Running))
        return;
    run->instance = instance;
    run->startedAt = QDateTime::currentDateTimeUtc();
    save(*run);
}

void RunScheduler::finish(const QString &runId, std::optional<qint64> exitCode, const QString &exitReason)
{
    std::optional<Run> run = m_store.run(runId);
    if (!run)
        return;
    if (run->advanceTo(RunStatus::Stopped)) {
        run->exitCode = exitCode;
        run->exitReason = m_terminating.contains(runId) ? QStringLiteral("Task terminated by user") : exitReason;
        run->finishedAt = QDateTime::currentDateTimeUtc();
        save(*run);
    }
    m_terminating.remove(runId);
    release(*run);
}

void RunScheduler::release(const Run &run)
{
    if (m_active[run.cluster].remove(run.runId))
        startQueued(run.cluster);
}

std::optional<Run> RunScheduler::terminate(Run run)
{
    Executor *executor = executorFor(run.cluster);
    if (run.status == RunStatus::Running && executor) {
        m_terminating.insert(run.runId);
        executor->terminate(run, m_options.terminateGraceMs);
        return run;
    }
    // QUEUED and PENDING stop at once; whatever was being placed is stopped too.
    if (run.status == RunStatus::Pending && executor)
        executor->terminate(run, m_options.terminateGraceMs);
    run.advanceTo(RunStatus::Stopped);
    run.finishedAt = QDateTime::currentDateTimeUtc();
    run.exitReason = QStringLiteral("Task terminated by user");
    if (!save(run))
        return std::nullopt;
    release(run);
    return run;
}

} // namespace Flotilla
