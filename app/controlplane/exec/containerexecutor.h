#pragma once

#include "detachedexecutor.h"

namespace Flotilla {

// A container engine with a podman-compatible command line.
struct ContainerEngine
{
    QString name;         // the cluster: "podman" or "docker"
    QStringList runFlags; // added to every `run` (e.g. --runtime runc on hosts that need it)

    // The engine when it works here (its daemon answers), cheaply checked once;
    // else nothing, with `problem` saying why (not found, or its `info` failing).
    static std::optional<ContainerEngine> probe(const QString &name, QString *problem);
    // Flags the engine needs on this host: podman with runc present gets
    // `--runtime runc` and explicit ulimits, which crun-less cgroup v1 hosts need.
    static QStringList defaultRunFlags(const QString &name);
};

// The `podman` and `docker` clusters: `ENGINE run IMAGE /bin/sh -c <command>`
// attached under the detached wrapper, with the run's env, `--memory` (and
// equal `--memory-swap`), `--cpus` and labels naming the run. The image must exist or
// be pullable; a run killed by the memory limit ends with `OOMKilled`.
class ContainerExecutor final : public DetachedExecutor
{
    Q_OBJECT
public:
    ContainerExecutor(ContainerEngine engine, QString runProgram, QString runsDirectory, const LogStore &logs,
                      QObject *parent = nullptr);

    QString cluster() const override { return m_engine.name; }
    bool enforcesLimits() const override { return true; }
    void findUsage(const QString &runId, const std::function<void(const UsageSource &)> &found) override;

protected:
    QStringList commandLine(const Run &run, const EnvList &env, const QString &controlDir) const override;
    void prepare(const Run &run, const Ready &ready) override;
    std::optional<RunInstance> placedInstance(const QString &runId) const override;
    void stop(const QString &runId, int graceMs) override;
    void describeEnd(const QString &runId, qint64 exitCode, const Described &described) override;

private:
    void runEngine(const QStringList &arguments, int timeoutMs,
                   const std::function<void(bool ok, const QByteArray &output)> &done);
    QString containerName(const QString &runId) const;
    void findUsageAttempt(const QString &runId, const std::function<void(const UsageSource &)> &found, int attempt);

    ContainerEngine m_engine;
};

} // namespace Flotilla
