#include "resourcesampler.h"

#include <cstdlib>
#include <cstring>

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace Flotilla {

namespace {

constexpr qint64 megabyte = 1024 * 1024;
constexpr qint64 cpuUnitsPerCore = 1024;

// A small file read with plain system calls: this runs for every run every second.
qsizetype readSmall(const char *path, char *buffer, qsizetype size)
{
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    const ssize_t read = ::read(fd, buffer, size_t(size - 1));
    ::close(fd);
    if (read < 0)
        return -1;
    buffer[read] = '\0';
    return read;
}

qint64 readInteger(const QByteArray &path)
{
    char text[64];
    if (readSmall(path.constData(), text, sizeof text) <= 0)
        return -1;
    return std::strtoll(text, nullptr, 10);
}

// cgroup v2's cpu.stat: "usage_usec N" on its first line.
qint64 readCpuStatUsageNs(const QByteArray &path)
{
    char text[512];
    if (readSmall(path.constData(), text, sizeof text) <= 0)
        return -1;
    const char *usage = std::strstr(text, "usage_usec ");
    return usage ? std::strtoll(usage + 11, nullptr, 10) * 1000 : -1;
}

} // namespace

std::optional<UsageSource> UsageSource::cgroupOf(qint64 pid)
{
    char text[4096];
    if (readSmall(QByteArray("/proc/" + QByteArray::number(pid) + "/cgroup").constData(), text, sizeof text) <= 0)
        return std::nullopt;
    UsageSource source;
    QByteArray unifiedPath;
    // Lines are "ID:CONTROLLERS:PATH"; cgroup v2 has one line "0::PATH".
    for (const QByteArray &line : QByteArray(text).split('\n')) {
        const qsizetype first = line.indexOf(':'), second = line.indexOf(':', first + 1);
        if (first < 0 || second < 0)
            continue;
        const QByteArray path = line.mid(second + 1);
        const QList<QByteArray> controllers = line.mid(first + 1, second - first - 1).split(',');
        if (controllers.contains("memory"))
            source.memoryCgroup = "/sys/fs/cgroup/memory" + path;
        if (controllers.contains("cpuacct"))
            source.cpuCgroup = "/sys/fs/cgroup/cpuacct" + path;
        if (line.startsWith("0::"))
            unifiedPath = "/sys/fs/cgroup" + path;
    }
    if (source.memoryCgroup.isEmpty() && !unifiedPath.isEmpty()) {
        source.memoryCgroup = source.cpuCgroup = unifiedPath;
        source.unified = true;
    }
    if (source.memoryCgroup.isEmpty())
        return std::nullopt;
    return source;
}

ResourceSampler::ResourceSampler(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, [this] { sample(false); });
    m_soon.setSingleShot(true);
    m_soon.setInterval(0);
    connect(&m_soon, &QTimer::timeout, this, [this] { sample(true); });
    m_clock.start();
}

void ResourceSampler::follow(const QString &runId, const UsageSource &source, std::optional<qint64> maxMemoryMb,
                             std::optional<qint64> maxCpu)
{
    m_runs.insert(runId, Followed{source, maxMemoryMb.value_or(0), maxCpu.value_or(0)});
    if (!m_timer.isActive())
        m_timer.start();
    // A short run may end before the first tick.
    if (!m_soon.isActive())
        m_soon.start();
}

void ResourceSampler::forget(const QString &runId)
{
    m_runs.remove(runId);
    if (m_runs.isEmpty())
        m_timer.stop();
}

std::optional<ResourceSampler::Usage> ResourceSampler::cgroupUsage(const UsageSource &source)
{
    Usage usage;
    if (source.unified) {
        // memory.peak is the kernel's own peak (Linux 5.19 and later).
        usage.memoryBytes = std::max(readInteger(source.memoryCgroup + "/memory.current"),
                                     readInteger(source.memoryCgroup + "/memory.peak"));
        usage.cpuNs = readCpuStatUsageNs(source.cpuCgroup + "/cpu.stat");
    } else {
        usage.memoryBytes = std::max(readInteger(source.memoryCgroup + "/memory.usage_in_bytes"),
                                     readInteger(source.memoryCgroup + "/memory.max_usage_in_bytes"));
        usage.cpuNs = source.cpuCgroup.isEmpty() ? -1 : readInteger(source.cpuCgroup + "/cpuacct.usage");
    }
    if (usage.memoryBytes < 0)
        return std::nullopt; // the cgroup is gone with its container
    return usage;
}

std::optional<ResourceSampler::Usage> ResourceSampler::processUsage(const char *path, qint64 *group)
{
    static const qint64 pageSize = ::sysconf(_SC_PAGESIZE);
    static const qint64 nsPerTick = 1000000000LL / ::sysconf(_SC_CLK_TCK);
    char text[1024];
    if (readSmall(path, text, sizeof text) <= 0)
        return std::nullopt;
    // The command name, in parentheses, may hold anything; the fields follow the last ')'.
    const char *rest = std::strrchr(text, ')');
    if (!rest)
        return std::nullopt;
    qint64 fields[22] = {};
    char *cursor = const_cast<char *>(rest + 3); // skips ") " and the state letter
    for (qint64 &field : fields)
        field = std::strtoll(cursor, &cursor, 10);
    // fields[0] is ppid, so field N of proc(5) is fields[N - 4].
    *group = fields[1];
    return Usage{fields[20] * pageSize,                                            // rss
                 (fields[10] + fields[11] + fields[12] + fields[13]) * nsPerTick}; // utime, stime, cutime, cstime
}

QHash<qint64, ResourceSampler::Usage> ResourceSampler::processGroupUsage(const QSet<qint64> &groups)
{
    QHash<qint64, Usage> usage;
    DIR *proc = ::opendir("/proc");
    if (!proc)
        return usage;
    char path[sizeof(dirent::d_name) + 16];
    while (const dirent *entry = ::readdir(proc)) {
        if (entry->d_name[0] < '1' || entry->d_name[0] > '9')
            continue;
        std::snprintf(path, sizeof path, "/proc/%s/stat", entry->d_name);
        qint64 group = 0;
        const std::optional<Usage> process = processUsage(path, &group);
        if (!process || !groups.contains(group))
            continue;
        Usage &sum = usage[group];
        sum.memoryBytes += process->memoryBytes;
        sum.cpuNs += process->cpuNs;
    }
    ::closedir(proc);
    return usage;
}

void ResourceSampler::sample(bool justFollowed)
{
    const qint64 now = m_clock.nsecsElapsed();
    QSet<qint64> groups;
    for (const Followed &run : std::as_const(m_runs)) {
        if (run.source.processGroup > 0 && !justFollowed)
            groups.insert(run.source.processGroup);
    }
    const QHash<qint64, Usage> groupUsage = groups.isEmpty() ? QHash<qint64, Usage>() : processGroupUsage(groups);
    QStringList grown;
    for (auto it = m_runs.begin(); it != m_runs.end(); ++it) {
        Followed &run = *it;
        if (justFollowed && run.sampled)
            continue;
        std::optional<Usage> usage;
        if (run.source.processGroup > 0 && justFollowed) {
            qint64 group = 0;
            const QByteArray leader = "/proc/" + QByteArray::number(run.source.processGroup) + "/stat";
            if (const std::optional<Usage> process = processUsage(leader.constData(), &group);
                process && group == run.source.processGroup)
                usage = process;
        } else if (run.source.processGroup > 0) {
            if (const auto found = groupUsage.constFind(run.source.processGroup); found != groupUsage.constEnd())
                usage = *found;
        } else {
            usage = cgroupUsage(run.source);
        }
        if (!usage)
            continue;
        run.sampled = true;
        bool grew = false;
        const qint64 memoryMb = (usage->memoryBytes + megabyte - 1) / megabyte;
        if (memoryMb > run.maxMemoryMb) {
            run.maxMemoryMb = memoryMb;
            grew = true;
        }
        // A rate needs two samples at least 100 ms apart (a timer tick and an immediate sample may meet).
        if (usage->cpuNs >= 0 && run.lastCpuNs >= 0 && now - run.lastSampleNs >= 100000000) {
            const qint64 cpu = std::max<qint64>(0, usage->cpuNs - run.lastCpuNs) * cpuUnitsPerCore
                               / (now - run.lastSampleNs);
            if (cpu > run.maxCpu) {
                run.maxCpu = cpu;
                grew = true;
            }
        }
        if (run.lastCpuNs < 0 || now - run.lastSampleNs >= 100000000) {
            run.lastCpuNs = usage->cpuNs;
            run.lastSampleNs = now;
        }
        if (grew)
            grown.append(it.key());
    }
    // After the pass: a receiver may forget a run.
    for (const QString &runId : std::as_const(grown)) {
        if (const auto it = m_runs.constFind(runId); it != m_runs.constEnd())
            Q_EMIT peaked(runId, it->maxMemoryMb, it->maxCpu);
    }
}

} // namespace Flotilla
