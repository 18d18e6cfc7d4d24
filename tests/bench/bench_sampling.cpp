// bench_sampling: what measuring the resources of running runs costs.
//
// Starts the real flotilla-local next to this program on a fresh data dir
// (--container-engines "": only the `local` cluster, --parallel-runs N) and
// launches N runs of `sleep` (50 by default), all RUNNING at once. Then:
//
//   sampling  a ResourceSampler in this program follows the N runs' process
//             groups (the pids file in each run's control dir) for S seconds;
//             its CPU time over S, less this program's CPU time over S
//             seconds of the same event loop without it, in % of one core.
//             This is the sampler alone, as the control plane runs it.
//   server    flotilla-local's own CPU time over S seconds with the N runs
//             RUNNING (sampling, and following them for their end), less
//             over S seconds with no run, in % of one core: an upper bound.
//
// The runs are checked to have a measured max_memory_used. The last line is
// `sampling_cpu_pct=X server_cpu_pct=Y`. Target: X < 2.

#include "benchsupport.h"

#include <exec/resourcesampler.h>
#include <wire/jsonreader.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace Flotilla;
using namespace Flotilla::Bench;

namespace {

constexpr double targetSamplingPct = 2.0;

// One request, answered before it returns (a benchmark, not the app).
Json request(QNetworkAccessManager &manager, const QUrl &base, const QByteArray &token, const QByteArray &method,
             const QString &path, const QByteArray &body = {})
{
    QNetworkRequest request(QUrl(base.toString() + path));
    request.setRawHeader("Authorization", "Bearer " + token);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = manager.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray answer = reply->readAll();
    if (status != 200)
        fail(QStringLiteral("%1 %2 answered %3: %4")
                 .arg(QString::fromLatin1(method), path)
                 .arg(status)
                 .arg(QString::fromUtf8(answer)));
    return Json::parse(answer.toStdString());
}

// The event loop for `seconds`; the CPU % of one core process `pid` used meanwhile.
double cpuPercentOver(qint64 pid, int seconds)
{
    const double before = processCpuSeconds(pid);
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    return (processCpuSeconds(pid) - before) * 100.0 / (double(clock.nsecsElapsed()) / 1e9);
}

} // namespace

int bench()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Starts flotilla-local (local cluster only) with N runs of `sleep` RUNNING and measures what sampling "
        "their resources once a second costs. The last line is sampling_cpu_pct=X server_cpu_pct=Y (% of one "
        "core; target: X < 2)."));
    parser.addHelpOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs RUNNING at once."),
                                        QStringLiteral("N"), QStringLiteral("50"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"), QStringLiteral("Seconds each measurement lasts."),
                                           QStringLiteral("S"), QStringLiteral("10"));
    parser.addOptions({runsOption, secondsOption});
    parser.process(*QCoreApplication::instance());
    if (!parser.positionalArguments().isEmpty())
        fail(QStringLiteral("unexpected argument %1; see --help").arg(parser.positionalArguments().constFirst()));
    const int runs = positive(parser, runsOption);
    const int seconds = positive(parser, secondsOption);

    std::unique_ptr<QTemporaryDir> temporary;
    const QString dataDir = dataDirFor(QString(), QStringLiteral("flotilla-bench-sampling"), &temporary);
    Server server; // stopped before the dir goes
    const QUrl base = server.start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                    QStringLiteral("--data-dir"), dataDir, QStringLiteral("--container-engines"),
                                    QString(), QStringLiteral("--parallel-runs"), QString::number(runs)});
    say(QStringLiteral("server: flotilla-local --container-engines \"\" --parallel-runs %1 listening on %2")
            .arg(runs)
            .arg(base.toString()));
    say(QStringLiteral("machine: %1 cores").arg(QThread::idealThreadCount()));
    QNetworkAccessManager manager;
    const QByteArray token = server.token();

    const double serverIdle = cpuPercentOver(server.pid(), seconds);
    say(QStringLiteral("server, no run: %1% of a core").arg(serverIdle, 0, 'f', 2));

    const Json definition = request(manager, base, token, "POST", QStringLiteral("/api/v1/task"),
                                    R"({"alias":"sleeper","image":"none","command":"sleep 3600"})");
    const QString launchPath = QStringLiteral("/api/v4/task/%1/execute")
                                   .arg(QString::fromStdString(definition.value("definition_id", "")));
    QStringList runIds;
    for (int i = 0; i < runs; ++i) {
        const Json run = request(manager, base, token, "PUT", launchPath, R"({"run_tags":{"owner_id":"bench"}})");
        runIds.append(QString::fromStdString(run.value("run_id", "")));
    }
    // RUNNING, and sampled once at least.
    const QString sampledPath = QStringLiteral("/api/v1/history?status=RUNNING&limit=%1").arg(runs);
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        const Json page = request(manager, base, token, "GET", sampledPath);
        int sampled = 0;
        for (const Json &run : page.value("history", Json::array()))
            sampled += run.contains("max_memory_used") ? 1 : 0;
        if (sampled == runs)
            break;
        if (waited.elapsed() > 60000)
            fail(
                QStringLiteral("after 60 s only %1 of %2 runs are RUNNING with a measured peak").arg(sampled).arg(runs));
        cpuPercentOver(QCoreApplication::applicationPid(), 1);
    }
    say(QStringLiteral("%1 runs RUNNING, each with a measured max_memory_used").arg(runs));
    const double serverBusy = cpuPercentOver(server.pid(), seconds);
    say(QStringLiteral("server, %1 runs RUNNING: %2% of a core").arg(runs).arg(serverBusy, 0, 'f', 2));

    // The sampler alone, over the same runs' process groups.
    const qint64 self = QCoreApplication::applicationPid();
    const double selfIdle = cpuPercentOver(self, seconds);
    ResourceSampler sampler;
    int peaks = 0;
    QObject::connect(&sampler, &ResourceSampler::peaked, [&peaks] { ++peaks; });
    for (const QString &runId : std::as_const(runIds)) {
        QFile pidFile(dataDir + QStringLiteral("/runs/") + runId + QStringLiteral("/pids")); // "WRAPPER COMMAND\n"
        if (!pidFile.open(QIODevice::ReadOnly))
            fail(QStringLiteral("cannot read %1").arg(pidFile.fileName()));
        sampler.follow(runId, UsageSource{pidFile.readAll().trimmed().split(' ').value(1).toLongLong(), {}, {}, false},
                       std::nullopt, std::nullopt);
    }
    const double selfSampling = cpuPercentOver(self, seconds);
    if (peaks < runs)
        fail(QStringLiteral("the sampler measured %1 of %2 runs").arg(peaks).arg(runs));
    const double sampling = std::max(0.0, selfSampling - selfIdle);
    const double serverCost = std::max(0.0, serverBusy - serverIdle);
    say(QStringLiteral("this program: %1% idle, %2% sampling %3 runs")
            .arg(selfIdle, 0, 'f', 2)
            .arg(selfSampling, 0, 'f', 2)
            .arg(runs));

    for (const QString &runId : std::as_const(runIds))
        request(manager, base, token, "DELETE",
                QStringLiteral("/api/v1/task/%1/history/%2")
                    .arg(QString::fromStdString(definition.value("definition_id", "")), runId));
    server.stop();
    say(QStringLiteral("target: sampling_cpu_pct %1 < %2 %3")
            .arg(sampling, 0, 'f', 2)
            .arg(targetSamplingPct)
            .arg(sampling < targetSamplingPct ? QStringLiteral("met") : QStringLiteral("MISSED")));
    std::printf("sampling_cpu_pct=%.2f server_cpu_pct=%.2f\n", sampling, serverCost);
    std::fflush(stdout);
    return 0;
}

int main(int argc, char *argv[])
{
    return Flotilla::Bench::run(argc, argv, "bench_sampling", bench);
}
