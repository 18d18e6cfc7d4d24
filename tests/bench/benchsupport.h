#pragma once

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <functional>
#include <memory>

// What the benchmark programs share: failing with a message, printing as
// they go, and running the real flotilla-local next to them.
namespace Flotilla::Bench {

// Thrown by fail(): run() prints it after the server is stopped and the
// temporary data dir removed.
struct Failure
{
    QString message;
};

[[noreturn]] void fail(const QString &message);
void say(const QString &line);
// user + system seconds of a process so far (Linux /proc).
double processCpuSeconds(qint64 pid);
// The peak resident set size so far of process `pid` (0: this one), in MiB (Linux /proc).
double peakRssMb(qint64 pid = 0);
// Runs the event loop until `done` holds; fails naming `what` after `timeoutMs`.
void waitUntil(const std::function<bool()> &done, int timeoutMs, const QString &what);
int positive(const QCommandLineParser &parser, const QCommandLineOption &option, int minimum = 1);
// The data dir: `keep` when given (created if missing), else a new
// temporary one named after `prefix`, which `temporary` then owns.
QString dataDirFor(const QString &keep, const QString &prefix, std::unique_ptr<QTemporaryDir> *temporary);
// main(): a QCoreApplication (unless the caller made one) named `name`
// around `bench`, a Failure printed on stderr.
int run(int argc, char *argv[], const char *name, const std::function<int()> &bench);

// flotilla-local started from next to the benchmark; stopped with SIGTERM.
class Server final
{
public:
    ~Server() { stop(); }

    // Its URL once it said "listening on"; `arguments` name the --data-dir.
    QUrl start(const QStringList &arguments);
    // Its stderr into `path` instead of this program's (call before start()).
    void setErrorFile(const QString &path) { m_errorFile = path; }
    // The token it keeps in its data dir, for the benchmark's clients.
    QByteArray token() const { return m_token; }
    void stop();
    // SIGKILL, as a crash or power cut would: nothing is closed or released.
    void kill();
    bool running() const { return m_process.state() == QProcess::Running; }
    qint64 pid() const { return m_process.processId(); }

private:
    QProcess m_process;
    QByteArray m_token;
    QString m_errorFile;
};

// The worst lateness of a 1 ms timer while it runs.
class StallMeter final
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_worstNs = std::max(m_worstNs, now - m_lastNs - 1000000);
            m_lastNs = now;
        });
    }
    void start()
    {
        m_clock.start();
        m_lastNs = 0;
        m_timer.start();
    }
    double stop()
    {
        m_timer.stop();
        return double(m_worstNs) / 1e6;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    qint64 m_worstNs = 0;
};

} // namespace Flotilla::Bench
