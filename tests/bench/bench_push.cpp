// bench_push: how fast the desktop learns of a change on our control plane,
// and what following a server costs while nothing happens.
//
// Starts the real flotilla-local next to this program (--verbose, its stderr
// into a file so the requests it answered can be counted), with a
// RunListModel (the runs page's model) and its client on this thread:
//
//   push   --runs runs of `sleep 0.3` launched 100 ms apart. Each time a
//          row of the model shows a new status (the row inserted for
//          QUEUED, then RUNNING, STOPPED) the latency is now minus the
//          run's own timestamp of that status (queued_at, started_at,
//          finished_at, stamped by the server as it writes the record; same
//          machine, same clock): push_latency_p50_ms, push_latency_p99_ms.
//   log    a run prints --lines lines of its own time in ms (`date +%s%3N`)
//          100 ms apart; a LogTailer feeds a LogIngester into a LogModel as
//          the log pane does, and each line's latency is the time it is in
//          the model minus the time it carries: log_latency_p50_ms.
//   idle   with the model and 5 RunWatchers (1 s interval, as run windows on
//          our server) of RUNNING runs live, for --idle-s seconds: the
//          requests the server answered, per minute (idle_requests_per_min),
//          and this process's CPU (getrusage) as a share of one core
//          (idle_cpu_pct).
//
// The last line is `push_latency_p50_ms=... push_latency_p99_ms=...
// log_latency_p50_ms=... idle_requests_per_min=... idle_cpu_pct=...`; the
// exit status is 0 when the targets hold (p50 <= 20 ms, p99 <= 100 ms, idle
// <= 4 requests/min and <= 0.5 % CPU), unless --no-targets.

#include "benchsupport.h"

#include <client/flotillaclient.h>
#include <client/logtailer.h>
#include <client/runwatcher.h>
#include <lists/runlistmodel.h>
#include <log/logingester.h>
#include <log/logmodel.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <memory>
#include <vector>

using namespace Flotilla;
using namespace Flotilla::Bench;

namespace {

constexpr double targetP50Ms = 20;
constexpr double targetP99Ms = 100;
constexpr double targetIdleRequestsPerMin = 4;
constexpr double targetIdleCpuPct = 0.5;
constexpr int watchedRuns = 5;

double percentile(std::vector<double> values, double share)
{
    if (values.empty())
        fail(QStringLiteral("no latency was measured"));
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(share * double(values.size())))];
}

// Runs the event loop until `done` holds, looking every 10 ms; unlike
// waitUntil it sleeps in between, so the client's CPU and latencies are its own.
void waitFor(const std::function<bool()> &done, int timeoutMs, const QString &what)
{
    QEventLoop loop;
    QTimer check;
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    check.start(10);
    QTimer::singleShot(timeoutMs, &loop, [&] { loop.exit(1); });
    if (!done() && loop.exec() != 0)
        fail(QStringLiteral("timed out after %1 s waiting for %2").arg(timeoutMs / 1000).arg(what));
}

// Runs the event loop for `ms` with nothing of the benchmark's own waking it.
void idleFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
           + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// The requests flotilla-local --verbose logged so far (one line each).
QByteArrayList answeredRequests(const QString &errorFile)
{
    QFile file(errorFile);
    if (!file.open(QIODevice::ReadOnly))
        fail(QStringLiteral("cannot read %1: %2").arg(errorFile, file.errorString()));
    QByteArrayList requests;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("flotilla.http.requests: "))
            requests.append(line.mid(24));
    }
    return requests;
}

QString createDefinition(FlotillaClient &client, const QString &alias, const QString &command)
{
    Definition definition;
    definition.alias = alias;
    definition.image = QStringLiteral("none");
    definition.command = command;
    ResultJob<Definition> *job = client.createDefinition(definition);
    job->setAutoDelete(false);
    job->start();
    waitFor([job] { return job->isFinished(); }, 30000, QStringLiteral("creating a definition"));
    if (!job->succeeded())
        fail(job->error().sentence());
    const QString id = job->result().definitionId;
    job->deleteLater();
    return id;
}

// Launches without waiting; the answer's run id goes into `runIds`.
void launch(FlotillaClient &client, const QString &definitionId, QStringList *runIds)
{
    LaunchRequest request;
    request.cluster = QStringLiteral("local");
    request.ownerId = QStringLiteral("bench-push");
    ResultJob<Run> *job = client.launch(definitionId, request);
    QObject::connect(job, &ApiJob::finished, [job, runIds] {
        if (!job->succeeded())
            fail(job->error().sentence());
        runIds->append(job->result().runId);
    });
    job->start();
}

// The server's timestamp of the status a row shows, in ms since the epoch.
std::optional<qint64> statusTime(const Run &run)
{
    switch (run.status) {
    case RunStatus::Queued: return run.queuedAt ? std::optional(run.queuedAt->toMSecsSinceEpoch()) : std::nullopt;
    case RunStatus::Running: return run.startedAt ? std::optional(run.startedAt->toMSecsSinceEpoch()) : std::nullopt;
    case RunStatus::Stopped: return run.finishedAt ? std::optional(run.finishedAt->toMSecsSinceEpoch()) : std::nullopt;
    default: return std::nullopt;
    }
}

std::vector<double> measurePush(FlotillaClient &client, RunListModel &model, int runs)
{
    const QString definitionId = createDefinition(client, QStringLiteral("bench-push"), QStringLiteral("sleep 0.3"));
    QHash<QString, RunStatus> shown;
    std::vector<double> latencies;
    const auto observe = [&](int first, int last) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int row = first; row <= last; ++row) {
            const Run &run = model.itemAt(row);
            const auto seen = shown.constFind(run.runId);
            if (seen != shown.cend() && *seen == run.status)
                continue;
            shown.insert(run.runId, run.status);
            if (const std::optional<qint64> time = statusTime(run))
                latencies.push_back(double(now - *time));
        }
    };
    QObject::connect(&model, &QAbstractItemModel::rowsInserted, &model,
                     [&](const QModelIndex &, int first, int last) { observe(first, last); });
    QObject::connect(&model, &QAbstractItemModel::dataChanged, &model,
                     [&](const QModelIndex &from, const QModelIndex &to) { observe(from.row(), to.row()); });
    QStringList runIds;
    QTimer launcher;
    launcher.setInterval(100);
    int launched = 0;
    QObject::connect(&launcher, &QTimer::timeout, [&] {
        launch(client, definitionId, &runIds);
        if (++launched == runs)
            launcher.stop();
    });
    launcher.start();
    waitFor(
        [&] {
            return runIds.size() == runs && std::all_of(runIds.cbegin(), runIds.cend(), [&](const QString &id) {
                       return shown.value(id) == RunStatus::Stopped;
                   });
        },
        120000, QStringLiteral("every run STOPPED in the model"));
    QObject::disconnect(&model, nullptr, &model, nullptr);
    return latencies;
}

std::vector<double> measureLog(FlotillaClient &client, int lines)
{
    const QString definitionId = createDefinition(
        client, QStringLiteral("bench-push-log"),
        QStringLiteral("for i in $(seq 1 %1); do date +%s%3N; sleep 0.1; done").arg(lines));
    QStringList runIds;
    launch(client, definitionId, &runIds);
    waitFor([&] { return !runIds.isEmpty(); }, 30000, QStringLiteral("the log run launched"));
    LogModel model;
    LogIngester ingester(&model);
    LogTailer tailer(&client, runIds.first());
    QObject::connect(&tailer, &LogTailer::appended, &ingester, qOverload<const QString &>(&LogIngester::append));
    std::vector<double> latencies;
    QObject::connect(&model, &QAbstractItemModel::rowsInserted, [&](const QModelIndex &, int first, int last) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int row = first; row <= last; ++row) {
            bool ok = false;
            const qint64 written = model.lineText(row).trimmed().toLongLong(&ok);
            if (ok)
                latencies.push_back(double(now - written));
        }
    });
    tailer.start();
    waitFor([&] { return int(latencies.size()) >= lines; }, 60000, QStringLiteral("every log line in the model"));
    tailer.stop();
    return latencies;
}

struct Idle
{
    double requestsPerMin = 0;
    double cpuPct = 0;
};

Idle measureIdle(FlotillaClient &client, RunListModel &model, const QString &errorFile, int seconds)
{
    const QString definitionId = createDefinition(client, QStringLiteral("bench-push-idle"),
                                                  QStringLiteral("sleep 3600"));
    QStringList runIds;
    for (int i = 0; i < watchedRuns; ++i)
        launch(client, definitionId, &runIds);
    std::vector<std::unique_ptr<RunWatcher>> watchers;
    waitFor(
        [&] {
            return runIds.size() == watchedRuns && std::all_of(runIds.cbegin(), runIds.cend(), [&](const QString &id) {
                       const int row = model.rowOf(id);
                       return row >= 0 && model.itemAt(row).status == RunStatus::Running;
                   });
        },
        60000, QStringLiteral("the watched runs RUNNING in the model"));
    for (const QString &runId : std::as_const(runIds)) {
        watchers.push_back(std::make_unique<RunWatcher>(&client, runId));
        watchers.back()->setInterval(1000);
        watchers.back()->start();
    }
    // Settle: the watchers' first reads, and the server's first samples of the runs.
    idleFor(3000);

    const qsizetype requestsBefore = answeredRequests(errorFile).size();
    const double cpuBefore = cpuSeconds();
    QElapsedTimer idle;
    idle.start();
    idleFor(seconds * 1000);
    const double elapsedS = double(idle.nsecsElapsed()) / 1e9;
    const QByteArrayList requests = answeredRequests(errorFile).mid(requestsBefore);
    say(QStringLiteral("idle requests: %1").arg(QString::fromUtf8(requests.join("; "))));
    Idle result;
    result.requestsPerMin = double(requests.size()) * 60.0 / elapsedS;
    result.cpuPct = (cpuSeconds() - cpuBefore) * 100.0 / elapsedS;
    for (const QString &runId : std::as_const(runIds)) {
        ResultJob<Termination> *stop = client.terminate(definitionId, runId);
        stop->start();
    }
    return result;
}

int push()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Change feed latency and idle cost against flotilla-local."));
    parser.addHelpOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs launched (3 changes each)."),
                                        QStringLiteral("n"), QStringLiteral("60"));
    const QCommandLineOption linesOption(QStringLiteral("lines"), QStringLiteral("Log lines timed."),
                                         QStringLiteral("n"), QStringLiteral("50"));
    const QCommandLineOption idleOption(QStringLiteral("idle-s"), QStringLiteral("Seconds of idling measured."),
                                        QStringLiteral("s"), QStringLiteral("30"));
    const QCommandLineOption noTargets(QStringLiteral("no-targets"), QStringLiteral("Exit 0 whatever the figures."));
    parser.addOptions({runsOption, linesOption, idleOption, noTargets});
    parser.process(*QCoreApplication::instance());
    const int runs = positive(parser, runsOption);
    const int lines = positive(parser, linesOption);
    const int idleS = positive(parser, idleOption);

    std::unique_ptr<QTemporaryDir> temporary;
    const QString dataDir = dataDirFor({}, QStringLiteral("bench-push"), &temporary);
    QTemporaryDir errorDir; // not in the data dir: flotilla-local makes that one
    const QString errorFile = errorDir.filePath(QStringLiteral("server.err"));
    Server server;
    server.setErrorFile(errorFile);
    const QUrl url = server.start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                   QStringLiteral("--data-dir"), dataDir, QStringLiteral("--container-engines"),
                                   QString(), QStringLiteral("--parallel-runs"), QStringLiteral("16"),
                                   QStringLiteral("--verbose")});
    FlotillaClient client(url, ServerFlavour::ControlPlane);
    client.setBearerToken(QString::fromUtf8(server.token()));
    RunListModel model(&client);
    model.fetchMore({});
    waitFor([&] { return model.isFollowingChanges() && !model.isLoading(); }, 30000,
            QStringLiteral("the run list loaded and following the change feed"));

    const std::vector<double> pushed = measurePush(client, model, runs);
    const double p50 = percentile(pushed, 0.5);
    const double p99 = percentile(pushed, 0.99);
    say(QStringLiteral("push: %1 changes, p50 %2 ms, p99 %3 ms").arg(pushed.size()).arg(p50).arg(p99));
    const double logP50 = percentile(measureLog(client, lines), 0.5);
    say(QStringLiteral("log: %1 lines, p50 %2 ms").arg(lines).arg(logP50));
    const Idle idle = measureIdle(client, model, errorFile, idleS);
    say(QStringLiteral("idle: %1 s").arg(idleS));

    std::printf("push_latency_p50_ms=%.1f push_latency_p99_ms=%.1f log_latency_p50_ms=%.1f "
                "idle_requests_per_min=%.1f idle_cpu_pct=%.2f\n",
                p50, p99, logP50, idle.requestsPerMin, idle.cpuPct);
    std::fflush(stdout);
    const bool met = p50 <= targetP50Ms && p99 <= targetP99Ms && idle.requestsPerMin <= targetIdleRequestsPerMin
                     && idle.cpuPct <= targetIdleCpuPct;
    return met || parser.isSet(noTargets) ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    return Flotilla::Bench::run(argc, argv, "bench_push", push);
}
