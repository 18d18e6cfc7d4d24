#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <optional>

namespace Flotilla {

// Where a run's resource usage can be read without starting a process.
struct UsageSource
{
    qint64 processGroup = 0; // local: the run's process group, summed over /proc
    // Containers: cgroup directories (cgroup v1: the memory and cpuacct
    // hierarchies; v2: one directory for both).
    QByteArray memoryCgroup;
    QByteArray cpuCgroup;
    bool unified = false;

    // The cgroup of a process (a container's main one), from /proc/PID/cgroup.
    static std::optional<UsageSource> cgroupOf(qint64 pid);
};

// Samples the resources of running runs about once a second, reading files
// only (cgroups, /proc), and reports a run's peaks when they grow: memory in
// MB, CPU in upstream's units (1024 = one core, the rate over a sample interval).
class ResourceSampler final : public QObject
{
    Q_OBJECT
public:
    explicit ResourceSampler(QObject *parent = nullptr);

    // Starts sampling a run; the peaks recorded so far (a restart's) are the floor.
    void follow(const QString &runId, const UsageSource &source, std::optional<qint64> maxMemoryMb,
                std::optional<qint64> maxCpu);
    void forget(const QString &runId);
    void setInterval(int ms) { m_timer.setInterval(ms); }

Q_SIGNALS:
    void peaked(const QString &runId, qint64 maxMemoryMb, qint64 maxCpu);

private:
    struct Followed
    {
        UsageSource source;
        qint64 maxMemoryMb = 0;
        qint64 maxCpu = 0;
        qint64 lastCpuNs = -1;
        qint64 lastSampleNs = 0;
        bool sampled = false;
    };
    struct Usage
    {
        qint64 memoryBytes = 0;
        qint64 cpuNs = 0;
    };

    // Every run; or, `justFollowed`, only those not sampled yet, a local
    // one by its group's leader alone: at its start that is all of it
    // mostly, and a pass over /proc for each run started costs more than
    // the rest of starting it.
    void sample(bool justFollowed);
    static std::optional<Usage> cgroupUsage(const UsageSource &source);
    // One pass over /proc: the usage of each of `groups`' processes, summed per group.
    static QHash<qint64, Usage> processGroupUsage(const QSet<qint64> &groups);
    // A process's usage and process group, from /proc/PID/stat at `path`.
    static std::optional<Usage> processUsage(const char *path, qint64 *group);

    QHash<QString, Followed> m_runs;
    QTimer m_timer;
    QTimer m_soon; // one sample for runs just followed, however many
    QElapsedTimer m_clock;
};

} // namespace Flotilla
