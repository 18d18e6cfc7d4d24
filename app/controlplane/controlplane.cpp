#include "controlplane.h"

#include "containerexecutor.h"
#include "controlplaneserver.h"
#include "datadirlock.h"
#include "httpapi.h"
#include "localexecutor.h"
#include "logstore.h"
#include "runscheduler.h"
#include "store.h"

#include <QDir>
#include <QStandardPaths>

namespace Flotilla {

ControlPlane::ControlPlane(ControlPlaneOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    if (m_options.dataDir.isEmpty())
        m_options.dataDir = defaultDataDir();
}

ControlPlane::~ControlPlane()
{
    // The server goes first so no request reaches a closed store.
    m_server.reset();
}

QString ControlPlane::defaultDataDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

bool ControlPlane::start(QString *error)
{
    if (!m_options.address.isLoopback() && m_options.token.isEmpty()) {
        *error = QStringLiteral("listening on %1 would expose the API beyond this machine; "
                                "set a token with --token to do that")
                     .arg(m_options.address.toString());
        return false;
    }
    if (!QDir().mkpath(m_options.dataDir)) {
        *error = QStringLiteral("cannot create the data dir %1").arg(m_options.dataDir);
        return false;
    }
    QFile::setPermissions(m_options.dataDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    auto lock = std::make_unique<DataDirLock>(m_options.dataDir);
    if (!lock->tryLock(error))
        return false;
    auto store = std::make_unique<Store>();
    if (!store->open(m_options.dataDir + QStringLiteral("/flotilla.sqlite"), error))
        return false;
    auto logs = std::make_unique<LogStore>(m_options.dataDir + QStringLiteral("/logs"));
    if (!logs->open(error))
        return false;
    auto scheduler = std::make_unique<RunScheduler>(*store, SchedulerOptions{m_options.parallelRuns,
                                                                             m_options.terminateGraceMs});
    const QString runsDir = m_options.dataDir + QStringLiteral("/runs");
    scheduler->addExecutor(std::make_unique<LocalExecutor>(runsDir, *logs));
    QString firstEngine;
    for (const QString &name : std::as_const(m_options.containerEngines)) {
        std::optional<ContainerEngine> engine = ContainerEngine::probe(name);
        if (!engine)
            continue;
        if (m_options.engineRunFlags.contains(name))
            engine->runFlags = m_options.engineRunFlags.value(name);
        scheduler->addExecutor(std::make_unique<ContainerExecutor>(*engine, runsDir, *logs));
        if (firstEngine.isEmpty())
            firstEngine = name;
    }
    // Out of the box runs go to the first working container engine.
    const QString defaultCluster = m_options.defaultCluster.isEmpty() ? firstEngine : m_options.defaultCluster;
    if (!defaultCluster.isEmpty() && !scheduler->setDefaultCluster(defaultCluster, error))
        return false;
    auto api = std::make_unique<HttpApi>(*store, *logs, *scheduler, ApiOptions{m_options.token, m_options.corsOrigins});
    auto server = std::make_unique<ControlPlaneServer>(*api);
    const quint16 port = server->listenOn(m_options.address, m_options.port, error);
    if (port == 0)
        return false;

    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_options.address.toString());
    url.setPort(port);
    lock->publish(url);

    m_url = url;
    m_lock = std::move(lock);
    m_store = std::move(store);
    m_logs = std::move(logs);
    m_scheduler = std::move(scheduler);
    m_api = std::move(api);
    m_server = std::move(server);
    m_scheduler->recover();
    return true;
}

} // namespace Flotilla
