#pragma once

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace Flotilla {

class ControlPlaneServer;
class DataDirLock;
class HttpApi;
class LogStore;
class RunScheduler;
class Store;

struct ControlPlaneOptions
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 5000; // 0 picks a free port
    QString dataDir;     // empty: defaultDataDir()
    // The bearer token every request needs; empty: a random one made at start.
    QByteArray token;
    // False (--no-token, loopback only): requests need no token at all.
    bool tokenRequired = true;
    QStringList corsOrigins;  // browser origins allowed to call
    QStringList allowedHosts; // Host names accepted besides this machine's own (a reverse proxy's)
    QString defaultCluster;   // empty: the scheduler's choice
    int parallelRuns = 4;     // per cluster; 0 holds runs QUEUED
    int terminateGraceMs = 10000;
    // Container engines to offer as clusters when they work here, in order.
    QStringList containerEngines = {QStringLiteral("podman"), QStringLiteral("docker")};
    // Flags for every `ENGINE run`, replacing the ones the probe chose.
    QHash<QString, QStringList> engineRunFlags;
    // flotilla-run, which every run runs under; empty: installedRunProgram().
    QString runProgram;
    // A new data dir starts with the sample definition and template
    // (flotilla-local and the desktop app; tests start empty).
    bool addSamples = false;
};

// The local control plane: the Flotilla API served from this machine over
// one data dir (SQLite store, run logs). flotilla-local is a thin main around
// it; the desktop app runs it on a worker thread.
class ControlPlane final : public QObject
{
    Q_OBJECT
public:
    explicit ControlPlane(ControlPlaneOptions options, QObject *parent = nullptr);
    ~ControlPlane() override;

    // Takes the data dir, opens the store and listens; false with `error`
    // saying what to fix (another instance, a busy port, a bad option).
    bool start(QString *error);
    QUrl url() const { return m_url; }
    // The token requests need (also in the data dir for clients); empty without one.
    QByteArray token() const { return m_token; }
    QString dataDir() const { return m_options.dataDir; }
    // What start() left out and why, e.g. a container engine not found; it
    // started all the same.
    QStringList warnings() const { return m_warnings; }

    static QString defaultDataDir();
    // flotilla-run beside the running program (a build tree) or in
    // ../libexec/flotilla from it (an installed one); empty when in neither.
    static QString installedRunProgram();

private:
    ControlPlaneOptions m_options;
    QUrl m_url;
    QByteArray m_token;
    QStringList m_warnings;
    std::unique_ptr<DataDirLock> m_lock;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<LogStore> m_logs;
    std::unique_ptr<RunScheduler> m_scheduler;
    std::unique_ptr<HttpApi> m_api;
    std::unique_ptr<ControlPlaneServer> m_server;
};

} // namespace Flotilla
