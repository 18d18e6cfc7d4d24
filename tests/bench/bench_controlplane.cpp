// bench_controlplane: how fast flotilla-local answers on a realistic store.
//
// Fills a data dir through the Store (not HTTP) with definitions and runs,
// starts the real flotilla-local next to this program on it (--parallel-runs 0,
// so the stored QUEUED runs are not executed), checks that each measured URL
// answers 200, and drives it with wrk (2 threads, C connections, S seconds each):
//   health    GET /api/v6/health                      (the baseline, same run)
//   get_run   GET /api/v1/history/{run_id}            (random ids of a 1,000-run sample, Lua)
//   list_runs GET /api/v1/history?limit=50&sort_by=started_at&order=desc&status=STOPPED
// The last line is `ratio_get_run=R1 ratio_list_runs=R2`, each over health.
// Targets: R1 >= 0.6, R2 >= 0.25. Needs `wrk` on PATH.

#include "benchsupport.h"
#include "storefill.h"

#include <store/store.h>
#include <wire/definition.h>
#include <wire/jsonreader.h>
#include <wire/run.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <unistd.h>

using namespace Flotilla;
using namespace Flotilla::Bench;

namespace {

constexpr double targetGetRun = 0.6;
constexpr double targetListRuns = 0.25;
constexpr int sampleSize = 1000;
const QString listPath = QStringLiteral("/api/v1/history?limit=50&sort_by=started_at&order=desc&status=STOPPED");

struct StoreFacts
{
    qint64 definitions = 0;
    qint64 runs = 0;
    qint64 stopped = 0;
    QString statuses;   // "STOPPED=n QUEUED=n ..."
    QStringList sample; // random run ids
};

// Reads the store with a connection of its own, after the Store is closed.
StoreFacts readFacts(const QString &databasePath)
{
    StoreFacts facts;
    const QString name = QStringLiteral("bench-facts");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(databasePath);
        if (!db.open())
            fail(QStringLiteral("cannot open %1: %2").arg(databasePath, db.lastError().text()));
        QSqlQuery query(db);
        const auto scalar = [&](const QString &sql) {
            if (!query.exec(sql) || !query.next())
                fail(QStringLiteral("%1: %2").arg(sql, query.lastError().text()));
            return query.value(0).toLongLong();
        };
        facts.definitions = scalar(QStringLiteral("SELECT COUNT(*) FROM definitions"));
        facts.runs = scalar(QStringLiteral("SELECT COUNT(*) FROM runs"));
        facts.stopped = scalar(QStringLiteral("SELECT COUNT(*) FROM runs WHERE status = 'STOPPED'"));
        if (!query.exec(QStringLiteral("SELECT status, COUNT(*) FROM runs GROUP BY status ORDER BY 2 DESC")))
            fail(query.lastError().text());
        QStringList statuses;
        while (query.next())
            statuses.append(query.value(0).toString() + u'=' + query.value(1).toString());
        facts.statuses = statuses.join(u' ');
        if (!query.exec(QStringLiteral("SELECT run_id FROM runs ORDER BY random() LIMIT %1").arg(sampleSize)))
            fail(query.lastError().text());
        while (query.next())
            facts.sample.append(query.value(0).toString());
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return facts;
}

// ---- the server ------------------------------------------------------------

// One request, answered or not within 30 s.
std::pair<int, QByteArray> httpGet(QNetworkAccessManager &manager, const QUrl &url, const QByteArray &token)
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token);
    QNetworkReply *reply = manager.get(request);
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(30000);
    loop.exec();
    if (!reply->isFinished()) {
        reply->abort();
        reply->deleteLater();
        fail(QStringLiteral("GET %1: no answer within 30 s").arg(url.toString()));
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (status == 0)
        fail(QStringLiteral("GET %1: %2").arg(url.toString(), reply->errorString()));
    reply->deleteLater();
    return {status, body};
}

Json parsedOrFail(const QUrl &url, const QByteArray &body)
{
    try {
        return Json::parse(body.constData(), body.constData() + body.size());
    } catch (const Json::exception &e) {
        fail(QStringLiteral("GET %1: the body is not JSON (%2): %3")
                 .arg(url.toString(), QString::fromUtf8(e.what()), QString::fromUtf8(body.left(200))));
    }
}

// Before timing: every measured URL answers 200 with what it should.
void validate(const QUrl &base, const QByteArray &token, const StoreFacts &facts)
{
    QNetworkAccessManager manager;
    const auto expect200 = [&](const QString &pathAndQuery) {
        const QUrl url = base.resolved(QUrl(pathAndQuery));
        const auto [status, body] = httpGet(manager, url, token);
        if (status != 200)
            fail(QStringLiteral("GET %1 answered %2: %3")
                     .arg(url.toString())
                     .arg(status)
                     .arg(QString::fromUtf8(body.left(300))));
        return std::pair{url, parsedOrFail(url, body)};
    };

    const auto [healthUrl, health] = expect200(QStringLiteral("/api/v6/health"));
    if (health.value("status", "") != "healthy")
        fail(QStringLiteral("GET %1: unexpected body %2")
                 .arg(healthUrl.toString(), QString::fromStdString(health.dump())));

    // A few of the sample, first and last included.
    for (qsizetype i : {qsizetype(0), facts.sample.size() / 2, facts.sample.size() - 1}) {
        const QString &runId = facts.sample[i];
        const auto [runUrl, run] = expect200(QStringLiteral("/api/v1/history/") + runId);
        if (run.value("run_id", "") != toUtf8(runId))
            fail(QStringLiteral("GET %1: run_id is not %2").arg(runUrl.toString(), runId));
    }

    const auto [listUrl, list] = expect200(listPath);
    const qint64 expected = qMin<qint64>(50, facts.stopped);
    if (!list.contains("history") || !list["history"].is_array() || qint64(list["history"].size()) != expected
        || list.value("total", qint64(-1)) != facts.stopped)
        fail(QStringLiteral("GET %1: expected %2 runs of %3 STOPPED; got %4 of total %5")
                 .arg(listUrl.toString())
                 .arg(expected)
                 .arg(facts.stopped)
                 .arg(list.contains("history") ? qint64(list["history"].size()) : -1)
                 .arg(list.value("total", qint64(-1))));
    QString previous;
    for (const Json &run : list["history"]) {
        const QString startedAt = QString::fromStdString(run.value("started_at", ""));
        if (run.value("status", "") != "STOPPED" || startedAt.isEmpty() || (!previous.isEmpty() && startedAt > previous))
            fail(QStringLiteral("GET %1: the page is not STOPPED runs newest first").arg(listUrl.toString()));
        previous = startedAt;
    }
}

// ---- wrk -------------------------------------------------------------------

struct WrkResult
{
    double requestsPerSecond = 0;
    qint64 requests = 0;
    QString latencyAverage, latencyP50, latencyP99;
    QString socketErrors;        // empty when none
    double serverCpuSeconds = 0; // user + system of flotilla-local during the run
    double stealPercent = 0;     // of the machine's CPU time, taken by the hypervisor
};

// user + system seconds of a process so far (Linux /proc).

// The machine's CPU jiffies so far: {all, steal} (Linux /proc/stat).
std::pair<double, double> machineJiffies()
{
    QFile file(QStringLiteral("/proc/stat"));
    if (!file.open(QIODevice::ReadOnly))
        return {0, 0};
    const QList<QByteArray> fields = file.readLine().simplified().split(
        ' '); // cpu user nice system idle iowait irq softirq steal
    double all = 0;
    for (qsizetype i = 1; i < fields.size() && i <= 8; ++i)
        all += fields[i].toDouble();
    return {all, fields.size() > 8 ? fields[8].toDouble() : 0};
}

QString writeRunScript(const QString &dir, const QStringList &runIds)
{
    QString lua = QStringLiteral("-- Written by bench_controlplane: GET /api/v1/history/{run_id} over a random\n"
                                 "-- sample of the stored runs. The requests are formatted once per thread.\n"
                                 "local ids = {\n");
    for (const QString &id : runIds)
        lua += QStringLiteral("  \"%1\",\n").arg(id);
    lua += QStringLiteral("}\n"
                          "local requests = {}\n"
                          "local threads = 0\n"
                          "function setup(thread)\n"
                          "  threads = threads + 1\n"
                          "  thread:set(\"thread_number\", threads)\n"
                          "end\n"
                          "function init(args)\n"
                          "  for i, id in ipairs(ids) do\n"
                          "    requests[i] = wrk.format(\"GET\", \"/api/v1/history/\" .. id)\n"
                          "  end\n"
                          "  math.randomseed(os.time() * 16 + (thread_number or 0))\n"
                          "end\n"
                          "function request()\n"
                          "  return requests[math.random(#requests)]\n"
                          "end\n");
    const QString path = dir + QStringLiteral("/get_run.lua");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(lua.toUtf8()) < 0)
        fail(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return path;
}

WrkResult runWrk(const QString &name, const QUrl &url, const QByteArray &token, const QString &script, int seconds,
                 int connections, qint64 serverPid)
{
    QStringList args = {QStringLiteral("-t2"),
                        QStringLiteral("-c%1").arg(connections),
                        QStringLiteral("-d%1s").arg(seconds),
                        QStringLiteral("--latency"),
                        QStringLiteral("-H"),
                        QStringLiteral("Authorization: Bearer ") + QString::fromUtf8(token)};
    if (!script.isEmpty())
        args << QStringLiteral("-s") << script;
    args << url.toString(QUrl::FullyEncoded);

    const double cpuBefore = processCpuSeconds(serverPid);
    const auto [allBefore, stealBefore] = machineJiffies();
    QProcess wrk;
    wrk.setProcessChannelMode(QProcess::MergedChannels);
    wrk.start(QStringLiteral("wrk"), args);
    if (!wrk.waitForStarted(10000))
        fail(QStringLiteral("cannot start wrk (apt-get install wrk): %1").arg(wrk.errorString()));
    if (!wrk.waitForFinished((seconds + 60) * 1000)) {
        wrk.kill();
        fail(QStringLiteral("wrk on %1 did not finish").arg(name));
    }
    const double cpuAfter = processCpuSeconds(serverPid);
    const auto [allAfter, stealAfter] = machineJiffies();
    const QString output = QString::fromUtf8(wrk.readAll());
    if (wrk.exitStatus() != QProcess::NormalExit || wrk.exitCode() != 0)
        fail(QStringLiteral("wrk on %1 failed (exit %2):\n%3").arg(name).arg(wrk.exitCode()).arg(output));

    const auto capture = [&](const QString &pattern) {
        const QRegularExpressionMatch match = QRegularExpression(pattern, QRegularExpression::MultilineOption)
                                                  .match(output);
        return match.hasMatch() ? match.captured(1) : QString();
    };
    if (const QString non2xx = capture(QStringLiteral("Non-2xx or 3xx responses:\\s*(\\d+)")); !non2xx.isEmpty())
        fail(QStringLiteral("%1: %2 answers were not 2xx/3xx; wrk said:\n%3").arg(name, non2xx, output));
    WrkResult result;
    bool ok = false;
    result.requestsPerSecond = capture(QStringLiteral("^Requests/sec:\\s*([0-9.]+)")).toDouble(&ok);
    if (!ok)
        fail(QStringLiteral("%1: no Requests/sec in wrk's output:\n%2").arg(name, output));
    result.requests = capture(QStringLiteral("^\\s*(\\d+) requests in ")).toLongLong();
    if (result.requests == 0)
        fail(QStringLiteral("%1: wrk sent no requests:\n%2").arg(name, output));
    result.latencyAverage = capture(QStringLiteral("^\\s*Latency\\s+(\\S+)"));
    result.latencyP50 = capture(QStringLiteral("^\\s*50%\\s+(\\S+)"));
    result.latencyP99 = capture(QStringLiteral("^\\s*99%\\s+(\\S+)"));
    result.socketErrors = capture(QStringLiteral("^\\s*Socket errors:\\s*(.*)$")).trimmed();
    result.serverCpuSeconds = cpuAfter - cpuBefore;
    if (allAfter > allBefore)
        result.stealPercent = 100.0 * (stealAfter - stealBefore) / (allAfter - allBefore);
    return result;
}

void report(const QString &name, const QString &what, const WrkResult &result)
{
    // Server CPU per request is the cost of an answer, less sensitive than
    // requests/s to what else the machine runs.
    say(QStringLiteral("%1 requests/s=%2  requests=%3  latency avg=%4 p50=%5 p99=%6  server cpu/request=%7us%8  (%9)")
            .arg(name, -10)
            .arg(result.requestsPerSecond, 0, 'f', 2)
            .arg(result.requests)
            .arg(result.latencyAverage, result.latencyP50, result.latencyP99)
            .arg(1e6 * result.serverCpuSeconds / double(result.requests), 0, 'f', 1)
            .arg(result.stealPercent >= 1 ? QStringLiteral("  steal=%1%").arg(result.stealPercent, 0, 'f', 0)
                                          : QString())
            .arg(what));
    if (!result.socketErrors.isEmpty())
        say(QStringLiteral("%1 WARNING socket errors: %2").arg(name, -10).arg(result.socketErrors));
}

} // namespace

int bench()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Fills a data dir through the store, starts flotilla-local on it and measures it with wrk: "
                       "health (the baseline), one run by id, and a page of STOPPED runs. The last line is "
                       "ratio_get_run=R1 ratio_list_runs=R2 (targets: R1 >= 0.6, R2 >= 0.25)."));
    parser.addHelpOption();
    const QCommandLineOption definitionsOption(QStringLiteral("definitions"), QStringLiteral("Definitions to store."),
                                               QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs to store."), QStringLiteral("N"),
                                        QStringLiteral("100000"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"), QStringLiteral("Seconds of wrk per URL."),
                                           QStringLiteral("S"), QStringLiteral("5"));
    const QCommandLineOption connectionsOption(QStringLiteral("connections"), QStringLiteral("wrk connections."),
                                               QStringLiteral("C"), QStringLiteral("16"));
    const QCommandLineOption roundsOption(QStringLiteral("rounds"),
                                          QStringLiteral("Measure the three URLs N times; the ratios are the medians."),
                                          QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption keepOption(QStringLiteral("keep"),
                                        QStringLiteral("Use DIR as the data dir and keep it; a DIR that already holds "
                                                       "flotilla.sqlite is measured as it is, without filling."),
                                        QStringLiteral("DIR"));
    parser.addOptions({definitionsOption, runsOption, secondsOption, connectionsOption, roundsOption, keepOption});
    parser.process(*QCoreApplication::instance());
    if (!parser.positionalArguments().isEmpty())
        fail(QStringLiteral("unexpected argument %1; see --help").arg(parser.positionalArguments().constFirst()));

    const int definitionCount = positive(parser, definitionsOption);
    const int runCount = positive(parser, runsOption);
    const int seconds = positive(parser, secondsOption);
    const int connections = positive(parser, connectionsOption);
    const int rounds = positive(parser, roundsOption);
    if (QStandardPaths::findExecutable(QStringLiteral("wrk")).isEmpty())
        fail(QStringLiteral("wrk is not on PATH (apt-get install wrk)"));

    std::unique_ptr<QTemporaryDir> temporary;
    const QString dataDir = dataDirFor(parser.value(keepOption), QStringLiteral("flotilla-bench"), &temporary);
    const QString databasePath = dataDir + QStringLiteral("/flotilla.sqlite"); // ControlPlane's name for it

    say(QStringLiteral("data dir: %1%2")
            .arg(dataDir, temporary ? QStringLiteral(" (temporary)") : QStringLiteral(" (kept)")));
    if (QFile::exists(databasePath)) {
        say(QStringLiteral("fill: skipped, %1 exists").arg(databasePath));
    } else {
        const Testing::FillResult filled = Testing::fillStore(databasePath, definitionCount, runCount);
        if (!filled.error.isEmpty())
            fail(filled.error);
        say(QStringLiteral("fill: %1 definitions in %2 s, %3 runs in %4 s (batches of %5), total %6 s")
                .arg(definitionCount)
                .arg(filled.definitionSeconds, 0, 'f', 2)
                .arg(runCount)
                .arg(filled.runSeconds, 0, 'f', 2)
                .arg(Testing::fillRunBatch)
                .arg(filled.definitionSeconds + filled.runSeconds, 0, 'f', 2));
    }
    Server server; // stopped when this returns or throws, before the dir goes
    QElapsedTimer startTimer;
    startTimer.start();
    // --parallel-runs 0: the stored QUEUED runs stay queued, so nothing
    // executes and nothing writes to the store while wrk measures.
    const QUrl base = server.start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                    QStringLiteral("--data-dir"), dataDir, QStringLiteral("--parallel-runs"),
                                    QStringLiteral("0")});
    say(QStringLiteral("server: flotilla-local --parallel-runs 0 listening on %1 after %2 s")
            .arg(base.toString())
            .arg(startTimer.nsecsElapsed() / 1e9, 0, 'f', 2));

    const StoreFacts facts = readFacts(databasePath);
    if (facts.sample.isEmpty())
        fail(QStringLiteral("the store holds no runs"));
    say(QStringLiteral("store: %1 definitions, %2 runs (%3), %4 MB; sample of %5 run ids")
            .arg(facts.definitions)
            .arg(facts.runs)
            .arg(facts.statuses)
            .arg(QFileInfo(databasePath).size() / (1024.0 * 1024.0), 0, 'f', 1)
            .arg(facts.sample.size()));

    validate(base, server.token(), facts);
    say(QStringLiteral("checked: each URL answers 200 with the expected body"));
    const QString script = writeRunScript(dataDir, facts.sample);

    say(QStringLiteral("wrk: -t2 -c%1 -d%2s per URL%3")
            .arg(connections)
            .arg(seconds)
            .arg(rounds > 1 ? QStringLiteral(", %1 rounds").arg(rounds) : QString()));
    // Each round measures the baseline next to the others; with several
    // rounds the ratios are the medians of the rounds' ratios.
    QList<double> getRunRatios, listRunsRatios;
    for (int round = 1; round <= rounds; ++round) {
        if (rounds > 1)
            say(QStringLiteral("round %1/%2").arg(round).arg(rounds));
        const WrkResult health = runWrk(QStringLiteral("health"), base.resolved(QUrl(QStringLiteral("/api/v6/health"))),
                                        server.token(), QString(), seconds, connections, server.pid());
        report(QStringLiteral("health"), QStringLiteral("GET /api/v6/health"), health);
        const WrkResult getRun = runWrk(QStringLiteral("get_run"), base, server.token(), script, seconds, connections,
                                        server.pid());
        report(QStringLiteral("get_run"),
               QStringLiteral("GET /api/v1/history/{run_id}, %1 random ids").arg(facts.sample.size()), getRun);
        const WrkResult listRuns = runWrk(QStringLiteral("list_runs"), base.resolved(QUrl(listPath)), server.token(),
                                          QString(), seconds, connections, server.pid());
        report(QStringLiteral("list_runs"), QStringLiteral("GET ") + listPath, listRuns);
        getRunRatios.append(getRun.requestsPerSecond / health.requestsPerSecond);
        listRunsRatios.append(listRuns.requestsPerSecond / health.requestsPerSecond);
    }

    if (!server.running())
        fail(QStringLiteral("flotilla-local is no longer running"));
    server.stop();

    const auto median = [](QList<double> values) {
        std::sort(values.begin(), values.end());
        const qsizetype middle = values.size() / 2;
        return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    };
    const double ratioGetRun = median(getRunRatios);
    const double ratioListRuns = median(listRunsRatios);
    const auto verdict = [](double ratio, double target) {
        return ratio >= target ? QStringLiteral("met") : QStringLiteral("MISSED");
    };
    say(QStringLiteral("targets: ratio_get_run %1 >= %2 %3, ratio_list_runs %4 >= %5 %6")
            .arg(ratioGetRun, 0, 'f', 3)
            .arg(targetGetRun, 0, 'f', 2)
            .arg(verdict(ratioGetRun, targetGetRun))
            .arg(ratioListRuns, 0, 'f', 3)
            .arg(targetListRuns, 0, 'f', 2)
            .arg(verdict(ratioListRuns, targetListRuns)));
    std::printf("ratio_get_run=%.2f ratio_list_runs=%.2f\n", ratioGetRun, ratioListRuns);
    std::fflush(stdout);
    return 0;
}

int main(int argc, char *argv[])
{
    return Flotilla::Bench::run(argc, argv, "bench_controlplane", bench);
}
