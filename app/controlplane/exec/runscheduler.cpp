#include "runscheduler.h"

#include "execlogging.h"
#include "executor.h"
#include <store/store.h>
#include <wire/runoutcome.h>

#include <QHostInfo>

#include <csignal>

namespace Flotilla {

Q_LOGGING_CATEGORY(lcExec, "flotilla.exec", QtInfoMsg)

namespace {

const QString terminatedByUser = terminatedByUserReason.toString();
const QString terminateRequested = QStringLiteral("TerminateRequested");
const QString lost = QStringLiteral("Lost");

// What an event is about: the process or container once placed, the run before.
QString sourceOf(const Run &run)
{
    if (run.instance.instanceId.isEmpty())
        return QStringLiteral("run/") + run.runId;
    return run.engine == u"local" ? QStringLiteral("process/") + run.instance.instanceId
                                  : QStringLiteral("container/") + run.instance.instanceId.left(12);
}

void addEvent(Run &run, bool warning, const QString &reason, const QString &message)
{
    run.podEvents.append(PodEvent{QDateTime::currentDateTimeUtc(),
                                  warning ? QStringLiteral("Warning") : QStringLiteral("Normal"), reason, sourceOf(run),
                                  message});
}

bool hasEvent(const Run &run, const QString &reason)
{
    return std::any_of(run.podEvents.cbegin(), run.podEvents.cend(),
                       [&reason](const PodEvent &event) { return event.reason == reason; });
}

} // namespace

RunScheduler::RunScheduler(Store &store, SchedulerOptions options, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_options(options)
{
    connect(&m_sampler, &ResourceSampler::peaked, this, &RunScheduler::recordPeaks);
}

RunScheduler::~RunScheduler() = default;

void RunScheduler::addExecutor(std::unique_ptr<Executor> executor)
{
    connect(executor.get(), &Executor::started, this, &RunScheduler::markStarted);
    connect(executor.get(), &Executor::finished, this, &RunScheduler::finish);
    connect(executor.get(), &Executor::stepped, this, &RunScheduler::recordStep);
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
    // The scheduler's own steps: no client waits on them, so they share the
    // turn's commit and no sync of their own (what terminate answers is
    // committed and synced before it returns).
    if (!m_store.updateRun(run, Store::Commit::Lazy)) {
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
                if (status == RunStatus::Running)
                    sample(run, executor); // on from the peaks measured before the restart
            } else {
                const QString reason = QStringLiteral("Cluster %1 is no longer available on this machine")
                                           .arg(run.cluster);
                recordStep(run.runId, ExecutorStep::Lost, reason);
                finish(run.runId, std::nullopt, reason);
            }
        }
    }
    for (const QString &cluster : clusters())
        startQueued(cluster);
}

void RunScheduler::noteQueued(Run &run) const
{
    addEvent(run, false, QStringLiteral("Queued"), QStringLiteral("Queued for cluster %1").arg(run.cluster));
    if (!hasFreeSlot(run.cluster))
        noteWaiting(run);
}

bool RunScheduler::hasFreeSlot(const QString &cluster) const
{
    return m_active.value(cluster).size() < m_options.parallelRuns;
}

void RunScheduler::noteWaiting(Run &run) const
{
    addEvent(run, false, QStringLiteral("WaitingForSlot"),
             QStringLiteral("Waiting for a free slot: cluster %1 runs at most %2 at once")
                 .arg(run.cluster)
                 .arg(m_options.parallelRuns));
}

void RunScheduler::submit(const Run &run)
{
    startQueued(run.cluster);
    if (!executorFor(run.cluster) || m_active.value(run.cluster).contains(run.runId))
        return;
    // Launched while a slot was free, which another launch took meanwhile.
    if (std::optional<Run> waiting = m_store.run(run.runId);
        waiting && waiting->status == RunStatus::Queued && !hasEvent(*waiting, QStringLiteral("WaitingForSlot"))) {
        noteWaiting(*waiting);
        save(*waiting);
    }
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
        if (m_active.value(cluster).contains(next->runId))
            return; // its PENDING was not stored: placing it again would loop
        m_active[cluster].insert(next->runId);
        place(*next, executor);
    }
}

void RunScheduler::place(Run run, Executor *executor)
{
    run.advanceTo(RunStatus::Pending);
    if (!run.attemptCount)
        run.attemptCount = 1;
    run.instance.dnsName = QHostInfo::localHostName();
    // On `local` nothing enforces them, so no limit is claimed.
    if (executor->enforcesLimits()) {
        run.memoryLimit = run.memory;
        run.cpuLimit = run.cpu;
    }
    if (!save(run))
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
    const bool process = run->engine == u"local";
    addEvent(*run, false, QStringLiteral("Placed"),
             (process ? QStringLiteral("Placed on %1 as process %2") : QStringLiteral("Placed on %1 in container %2"))
                 .arg(instance.dnsName, instance.instanceId));
    addEvent(*run, false, QStringLiteral("Started"),
             process ? QStringLiteral("Started the command") : QStringLiteral("Started the container"));
    if (!save(*run))
        return;
    if (Executor *executor = executorFor(run->cluster))
        sample(*run, executor);
}

void RunScheduler::sample(const Run &run, Executor *executor)
{
    executor->findUsage(run.runId, [this, runId = run.runId, cluster = run.cluster, memory = run.maxMemoryUsed,
                                    cpu = run.maxCpuUsed](const UsageSource &source) {
        if (m_active.value(cluster).contains(runId)) // it may have ended meanwhile
            m_sampler.follow(runId, source, memory, cpu);
    });
}

void RunScheduler::recordStep(const QString &runId, ExecutorStep step, const QString &detail)
{
    std::optional<Run> run = m_store.run(runId);
    if (!run)
        return;
    switch (step) {
    case ExecutorStep::CheckingImage:
        addEvent(*run, false, QStringLiteral("CheckingImage"),
                 QStringLiteral("Checking that image %1 is here").arg(detail));
        break;
    case ExecutorStep::ImageMissing:
        addEvent(*run, true, QStringLiteral("ImageMissing"),
                 QStringLiteral("Image %1 is not here; pulling it").arg(detail));
        break;
    case ExecutorStep::SignalSent:
        addEvent(*run, false, QStringLiteral("SignalSent"), QStringLiteral("Sent %1 to stop the run").arg(detail));
        break;
    case ExecutorStep::Recovered:
        addEvent(*run, false, QStringLiteral("Recovered"),
                 QStringLiteral("The control plane restarted and found the run again"));
        break;
    case ExecutorStep::Lost: addEvent(*run, true, lost, detail); break;
    }
    save(*run);
}

void RunScheduler::recordPeaks(const QString &runId, qint64 maxMemoryMb, qint64 maxCpu)
{
    std::optional<Run> run = m_store.run(runId);
    if (!run)
        return;
    run->maxMemoryUsed = std::max(run->maxMemoryUsed.value_or(0), maxMemoryMb);
    run->maxCpuUsed = std::max(run->maxCpuUsed.value_or(0), maxCpu);
    save(*run);
}

void RunScheduler::finish(const QString &runId, std::optional<qint64> exitCode, const QString &exitReason)
{
    m_sampler.forget(runId);
    std::optional<Run> run = m_store.run(runId);
    if (!run)
        return;
    if (run->advanceTo(RunStatus::Stopped)) {
        // Also a termination answered before a restart.
        const bool terminated = m_terminating.contains(runId) || hasEvent(*run, terminateRequested);
        run->exitCode = exitCode;
        run->exitReason = terminated ? terminatedByUser : exitReason;
        run->finishedAt = QDateTime::currentDateTimeUtc();
        if (terminated && exitCode == 128 + SIGKILL)
            addEvent(*run, true, QStringLiteral("KilledAfterGrace"),
                     QStringLiteral("Still running after the grace period; killed with SIGKILL"));
        if (exitReason == u"OOMKilled") {
            addEvent(*run, true, QStringLiteral("OOMKilled"),
                     run->memoryLimit
                         ? QStringLiteral("Killed for using more than its memory limit of %1 MB").arg(*run->memoryLimit)
                         : QStringLiteral("Killed for running out of memory"));
        }
        if (exitCode) {
            addEvent(*run, *exitCode != 0, QStringLiteral("Exited"),
                     QStringLiteral("Exited with code %1").arg(*exitCode));
        } else if (run->podEvents.isEmpty() || run->podEvents.last().reason != lost) {
            addEvent(*run, true, QStringLiteral("Failed"), run->exitReason);
        }
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
    addEvent(run, false, terminateRequested, QStringLiteral("Termination requested"));
    Executor *executor = executorFor(run.cluster);
    const bool running = run.status == RunStatus::Running;
    if ((running || run.status == RunStatus::Pending) && executor) {
        if (!save(run))
            return std::nullopt;
        if (running)
            m_terminating.insert(run.runId);
        executor->terminate(run, m_options.terminateGraceMs);
        // With what the executor recorded meanwhile (the signal sent).
        run = m_store.run(run.runId).value_or(run);
        if (running)
            return m_store.commitBatch() ? std::optional<Run>(run) : std::nullopt;
    }
    // QUEUED and PENDING stop at once; whatever was being placed is stopped too.
    run.advanceTo(RunStatus::Stopped);
    run.finishedAt = QDateTime::currentDateTimeUtc();
    run.exitReason = terminatedByUser;
    if (!save(run) || !m_store.commitBatch())
        return std::nullopt;
    release(run);
    return run;
}

} // namespace Flotilla
