#include "controlplane.h"

#include "controlplaneserver.h"
#include "httpapi.h"
#include "samples.h"
#include <exec/containerexecutor.h>
#include <exec/localexecutor.h>
#include <exec/logstore.h>
#include <exec/runscheduler.h>
#include <store/datadirlock.h>
#include <store/store.h>

#include <wire/localserver.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Flotilla {

ControlPlane::ControlPlane(ControlPlaneOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    if (m_options.dataDir.isEmpty())
        m_options.dataDir = defaultDataDir();
    if (m_options.runProgram.isEmpty())
        m_options.runProgram = installedRunProgram();
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

QString ControlPlane::installedRunProgram()
{
    const QDir programs(QCoreApplication::applicationDirPath());
    for (const QString &candidate :
         {QStringLiteral("flotilla-run"), QStringLiteral("../libexec/flotilla/flotilla-run")}) {
        if (const QFileInfo file(programs.filePath(candidate)); file.isExecutable())
            return file.canonicalFilePath();
    }
    return {};
}

// The token of the data dir: the one an earlier start made, so clients
// (a CLI following a log, the desktop app) go on across a restart; else
// 256 bits from the system's random source. Deleting the file makes a new one.
static QByteArray dataDirToken(const QString &dataDir)
{
    QFile file(LocalServer::tokenPath(dataDir));
    if (file.open(QIODevice::ReadOnly)) {
        if (const QByteArray kept = file.readLine().trimmed(); kept.size() >= 32)
            return kept;
    }
    quint32 words[8];
    QRandomGenerator::system()->fillRange(words);
    return QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex();
}

// A user's name and id for messages; the id alone when it has no name.
static QString userName(uid_t uid)
{
    // getpwuid_r: the desktop app starts the control plane on a worker thread.
    passwd entry = {};
    passwd *found = nullptr;
    char buffer[4096];
    return ::getpwuid_r(uid, &entry, buffer, sizeof buffer, &found) == 0 && found
               ? QStringLiteral("%1 (uid %2)").arg(QString::fromLocal8Bit(found->pw_name)).arg(uid)
               : QStringLiteral("uid %1").arg(uid);
}

// The data dir holds the token and runs commands' logs: it must be this
// user's and nobody else's. One that others can write to is refused rather
// than repaired, since someone else may already have put files in it. Each
// refusal comes before the first write and says what to fix.
static bool prepareDataDir(const QString &dataDir, QString *error)
{
    if (!QDir().mkpath(dataDir)) {
        // QDir::mkpath keeps no errno to tell why.
        *error = QStringLiteral("cannot create the data dir %1; choose another --data-dir or fix the permissions "
                                "of the folders above it")
                     .arg(dataDir);
        return false;
    }
    const QByteArray path = QFile::encodeName(dataDir);
    struct stat info = {};
    if (::stat(path.constData(), &info) != 0) {
        *error = QStringLiteral("cannot read the data dir %1: %2")
                     .arg(dataDir, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    if (info.st_uid != ::geteuid()) {
        *error = QStringLiteral("the data dir %1 is owned by %2, not by you (uid %3); choose another --data-dir "
                                "or make it yours")
                     .arg(dataDir, userName(info.st_uid))
                     .arg(::geteuid());
        return false;
    }
    if (info.st_mode & (S_IWGRP | S_IWOTH)) {
        *error = QStringLiteral("the data dir %1 can be written by other users (mode %2); "
                                "make it yours alone with: chmod 700 %1")
                     .arg(dataDir)
                     .arg(info.st_mode & 07777, 4, 8, QLatin1Char('0'));
        return false;
    }
    // Before the chmod below, which would make a dir its owner keeps
    // read-only writable; root passes unless the file system refuses
    // (read-only mount, immutable dir).
    if (::access(path.constData(), W_OK | X_OK) != 0) {
        *error = QStringLiteral("the data dir %1 is not writable by you (%2); choose another --data-dir or fix its "
                                "permissions")
                     .arg(dataDir, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    const QFile::Permissions ownerOnly = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
    QFile::setPermissions(dataDir, ownerOnly);
    // Made with the umask's mode by versions before this rule.
    if (const QString runs = dataDir + QStringLiteral("/runs"); QFileInfo::exists(runs))
        QFile::setPermissions(runs, ownerOnly);
    return true;
}

bool ControlPlane::start(QString *error)
{
    if (!m_options.tokenRequired && !m_options.address.isLoopback()) {
        *error = QStringLiteral("--no-token is only allowed on a loopback address; listening on %1 without a "
                                "token would let anyone who can reach it run commands here")
                     .arg(m_options.address.toString());
        return false;
    }
    if (!prepareDataDir(m_options.dataDir, error))
        return false;

    auto lock = std::make_unique<DataDirLock>(m_options.dataDir);
    if (!lock->tryLock(error))
        return false;
    const QByteArray token = !m_options.tokenRequired    ? QByteArray()
                             : m_options.token.isEmpty() ? dataDirToken(m_options.dataDir)
                                                         : m_options.token;
    auto store = std::make_unique<Store>();
    const QString databasePath = m_options.dataDir + QStringLiteral("/flotilla.sqlite");
    const bool newDataDir = !QFileInfo::exists(databasePath);
    if (!store->open(databasePath, error))
        return false;
    auto logs = std::make_unique<LogStore>(m_options.dataDir + QStringLiteral("/logs"));
    if (!logs->open(error))
        return false;
    auto scheduler = std::make_unique<RunScheduler>(*store, SchedulerOptions{m_options.parallelRuns,
                                                                             m_options.terminateGraceMs});
    const QString runsDir = m_options.dataDir + QStringLiteral("/runs");
    if (m_options.runProgram.isEmpty())
        m_warnings.append(
            QStringLiteral("flotilla-run was not found beside %1 or in %2; every run will fail until "
                           "flotilla-desktop is reinstalled")
                .arg(QCoreApplication::applicationDirPath(),
                     QDir::cleanPath(QCoreApplication::applicationDirPath() + QStringLiteral("/../libexec/flotilla"))));
    scheduler->addExecutor(std::make_unique<LocalExecutor>(m_options.runProgram, runsDir, *logs));
    QString firstEngine;
    for (const QString &name : std::as_const(m_options.containerEngines)) {
        QString problem;
        std::optional<ContainerEngine> engine = ContainerEngine::probe(name, &problem);
        if (!engine) {
            m_warnings.append(QStringLiteral("%1; the %2 cluster is left out").arg(problem, name));
            continue;
        }
        if (m_options.engineRunFlags.contains(name))
            engine->runFlags = m_options.engineRunFlags.value(name);
        scheduler->addExecutor(std::make_unique<ContainerExecutor>(*engine, m_options.runProgram, runsDir, *logs));
        if (firstEngine.isEmpty())
            firstEngine = name;
    }
    // Out of the box runs go to the first working container engine.
    const QString defaultCluster = m_options.defaultCluster.isEmpty() ? firstEngine : m_options.defaultCluster;
    if (!defaultCluster.isEmpty() && !scheduler->setDefaultCluster(defaultCluster, error))
        return false;
    auto api = std::make_unique<HttpApi>(*store, *logs, *scheduler,
                                         ApiOptions{AccessPolicy{token, m_options.corsOrigins, m_options.allowedHosts}});
    if (newDataDir && m_options.addSamples)
        addSamples(*store, api->templates());
    auto server = std::make_unique<ControlPlaneServer>(*api);
    const quint16 port = server->listenOn(m_options.address, m_options.port, error);
    if (port == 0)
        return false;
    api->setListening(m_options.address, port);
    connect(store.get(), &Store::changed, server.get(), &ControlPlaneServer::wakeHeld);
    connect(store.get(), &Store::batchUndone, server.get(), &ControlPlaneServer::wakeHeld);
    connect(store.get(), &Store::synced, server.get(), &ControlPlaneServer::wakeHeld);

    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_options.address.toString());
    url.setPort(port);
    if (!lock->publish(url, token, error))
        return false;

    m_url = url;
    m_token = token;
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
