#include "runscheduler.h"

#include "store.h"

namespace Flotilla {

static const QString localCluster = QStringLiteral("local");

RunScheduler::RunScheduler(Store &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_defaultCluster(localCluster)
{}

QStringList RunScheduler::clusters() const
{
    return {localCluster};
}

bool RunScheduler::setDefaultCluster(const QString &cluster, QString *error)
{
    if (!clusters().contains(cluster)) {
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

std::optional<Run> RunScheduler::terminate(Run run)
{
    run.advanceTo(RunStatus::Stopped);
    run.finishedAt = QDateTime::currentDateTimeUtc();
    run.exitReason = QStringLiteral("Task terminated by user");
    if (!m_store.updateRun(run))
        return std::nullopt;
    return run;
}

} // namespace Flotilla
