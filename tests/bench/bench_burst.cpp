// bench_burst: a thousand runs launched at once, as a parameter sweep from a
// script would, while the desktop's run list follows them.
//
// Starts the real flotilla-local next to this program on a fresh data dir
// (only the `local` cluster, --parallel-runs P) and creates one definition
// whose command prints --lines numbered lines carrying its run id
// (`<run id> line <i>`, then `<run id> end`). Then:
//
//   burst    --clients concurrent clients (a FlotillaClient each, so a
//            connection each) launch --runs runs between them, each client
//            its share one after another, as fast as answers come.
//            accepted_per_s: runs answered 200 over the time from the first
//            launch sent to the last answered.
//   model    meanwhile a RunListModel with the active filter (QUEUED,
//            PENDING, RUNNING), auto-refreshing, on its own thread with its
//            own client, follows the burst, as the runs page would; a 1 ms
//            timer on that thread measures its worst event-loop stall
//            (model_max_stall_ms). It must end with no active run.
//   drain    the time from the first run queued to the last finished, by the
//            server's own timestamps: drain_per_s. The same commands run by
//            `xargs -P P` into files in the same program run give xargs_per_s
//            (the machine's limit); drain_ratio is the first over the second.
//   check    every acknowledged run exists (lost), STOPPED (stuck), exited 0
//            (bad_exits), and its log read as a client follows it is exactly
//            its own lines (wrong_logs). server_rss_mb is the server's peak.
//
// The last line is `runs=N lost=L wrong_logs=W stuck=S accepted_per_s=...
// drain_per_s=... xargs_per_s=... drain_ratio=... server_rss_mb=...
// model_max_stall_ms=...`. The exit status is 0 when the counts hold and,
// unless --counts-only, the targets too: accepted_per_s >= 500,
// drain_ratio >= 0.7, server_rss_mb <= 200, model_max_stall_ms <= 50.

#include "benchsupport.h"
#include "runcheck.h"

#include <client/flotillaclient.h>
#include <lists/runlistmodel.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <cstdio>
#include <memory>
#include <vector>

using namespace Flotilla;
using namespace Flotilla::Bench;

namespace {

constexpr double targetAcceptedPerS = 500;
constexpr double targetDrainRatio = 0.7;
constexpr double targetServerRssMb = 200;
constexpr double targetModelStallMs = 50;
constexpr int requestTimeoutMs = 30000;

// One of the concurrent clients: launches its share of runs one after another.
class BurstClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BurstClient)

public:
    BurstClient(const QUrl &baseUrl, const QByteArray &token, const QString &definitionId, int runs)
        : m_client(baseUrl, ServerFlavour::ControlPlane)
        , m_definitionId(definitionId)
        , m_toLaunch(runs)
    {
        m_client.setTimeout(requestTimeoutMs);
        m_client.setBearerToken(QString::fromUtf8(token));
    }

    void start() { next(); }
    const QStringList &runIds() const { return m_runIds; }
    const QStringList &errors() const { return m_errors; }

Q_SIGNALS:
    void done();

private:
    void next()
    {
        if (m_runIds.size() + m_errors.size() >= m_toLaunch) {
            Q_EMIT done();
            return;
        }
        LaunchRequest request;
        request.cluster = QStringLiteral("local");
        request.ownerId = QStringLiteral("bench-burst");
        ResultJob<Run> *job = m_client.launch(m_definitionId, request);
        connect(job, &ApiJob::finished, this, [this, job] {
            if (job->succeeded())
                m_runIds.append(job->result().runId);
            else
                m_errors.append(job->error().sentence()); // a launch refused is not retried: it is a finding
            next();
        });
        job->start();
    }

    FlotillaClient m_client;
    QString m_definitionId;
    int m_toLaunch;
    QStringList m_runIds;
    QStringList m_errors;
};

// The runs page's model on a thread of its own, and a stall meter beside it.
class ModelFollower final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelFollower)

public:
    ModelFollower(const QUrl &baseUrl, const QByteArray &token)
        : m_baseUrl(baseUrl)
        , m_token(token)
    {}

    // On the follower's thread.
    void start()
    {
        m_client = std::make_unique<FlotillaClient>(m_baseUrl, ServerFlavour::ControlPlane);
        m_client->setBearerToken(QString::fromUtf8(m_token));
        m_model = std::make_unique<RunListModel>(m_client.get());
        m_model->setStatusFilter({RunStatus::Queued, RunStatus::Pending, RunStatus::Running});
        connect(m_model.get(), &PagedTableModel::totalCountChanged, this, [this](qint64 total) {
            m_mostActive = std::max<qint64>(m_mostActive, total);
            m_active = total;
        });
        m_stalls = std::make_unique<StallMeter>();
        m_stalls->start();
        m_model->setAutoRefresh(true);
        m_model->refresh();
    }
    // On the follower's thread.
    void stop()
    {
        m_worstStallMs = m_stalls->stop();
        m_model.reset();
        m_client.reset();
        m_stalls.reset();
    }

    qint64 active() const { return m_active; }
    qint64 mostActive() const { return m_mostActive; }
    double worstStallMs() const { return m_worstStallMs; }

private:
    QUrl m_baseUrl;
    QByteArray m_token;
    std::unique_ptr<FlotillaClient> m_client;
    std::unique_ptr<RunListModel> m_model;
    std::unique_ptr<StallMeter> m_stalls;
    std::atomic<qint64> m_active = -1;
    std::atomic<qint64> m_mostActive = 0;
    double m_worstStallMs = 0;
};

// Runs `function` on the thread of `object` and waits for it.
template <typename Function>
void onThreadOf(QObject *object, Function function)
{
    QMetaObject::invokeMethod(object, function, Qt::BlockingQueuedConnection);
}

// The same commands started by a plain `xargs -P`: what the machine allows.
double xargsRunsPerSecond(const QString &command, int runs, int parallel)
{
    QTemporaryDir logs;
    if (!logs.isValid())
        fail(QStringLiteral("cannot make a temporary dir: %1").arg(logs.errorString()));
    QProcess xargs;
    xargs.setWorkingDirectory(logs.path());
    // Each run gets its own id and log file, as on the server.
    const QString perRun = QStringLiteral("FLOTILLA_RUN_ID=xargs-$1; export FLOTILLA_RUN_ID; (%1) > $1.log").arg(command);
    xargs.start(QStringLiteral("/bin/sh"),
                {QStringLiteral("-c"), QStringLiteral("seq 1 %1 | xargs -P %2 -I{} /bin/sh -c '%3' xargs {}")
                                           .arg(runs)
                                           .arg(parallel)
                                           .arg(QString(perRun).replace(u'\'', QStringLiteral("'\\''")))});
    QElapsedTimer timer;
    timer.start();
    if (!xargs.waitForFinished(-1) || xargs.exitCode() != 0)
        fail(
            QStringLiteral("xargs -P %1 failed: %2").arg(parallel).arg(QString::fromUtf8(xargs.readAllStandardError())));
    return runs / (double(timer.nsecsElapsed()) / 1e9);
}

struct Verdict
{
    int lost = 0;
    int stuck = 0;
    int badExits = 0;
    int wrongLogs = 0;
    qint64 firstQueuedMs = -1;
    qint64 lastFinishedMs = -1;
};

Verdict check(FlotillaClient &client, const QStringList &runIds, int lines, int drainMs)
{
    Verdict verdict;
    const QStringList active = drain(client, drainMs);
    verdict.stuck = int(active.size());
    for (const QString &runId : active)
        say(QStringLiteral("stuck: run %1 is still active").arg(runId));
    for (const QString &runId : runIds) {
        ResultJob<Run> *job = Testing::await(client.run(runId), requestTimeoutMs);
        if (isNotFound(job)) {
            ++verdict.lost;
            say(QStringLiteral("lost: run %1").arg(runId));
            continue;
        }
        if (!job->succeeded())
            fail(job->error().sentence());
        const Run run = job->result();
        job->deleteLater();
        if (run.status != RunStatus::Stopped)
            continue; // counted as stuck
        if (run.exitCode != 0) {
            ++verdict.badExits;
            say(QStringLiteral("bad exit: run %1 ended with exit code %2: %3")
                    .arg(runId, run.exitCode ? QString::number(*run.exitCode) : QStringLiteral("(none)"),
                         run.exitReason));
        }
        if (run.queuedAt) {
            const qint64 queued = run.queuedAt->toMSecsSinceEpoch();
            verdict.firstQueuedMs = verdict.firstQueuedMs < 0 ? queued : std::min(verdict.firstQueuedMs, queued);
        }
        if (run.finishedAt)
            verdict.lastFinishedMs = std::max(verdict.lastFinishedMs, run.finishedAt->toMSecsSinceEpoch());
        const QByteArray log = readLogByPaging(client, runId), expected = expectedLog(runId, lines);
        if (log != expected) {
            ++verdict.wrongLogs;
            say(QStringLiteral("wrong log: run %1: %2").arg(runId, firstDifference(log, expected)));
        }
    }
    return verdict;
}

} // namespace

int burst()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Launches --runs runs from --clients concurrent clients on flotilla-local's local cluster while a "
        "RunListModel on its own thread follows them, then checks every run and its log, and compares how fast "
        "they drained with the same commands under xargs -P. See the top of bench_burst.cpp."));
    parser.addHelpOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs launched."), QStringLiteral("N"),
                                        QStringLiteral("1000"));
    const QCommandLineOption clientsOption(QStringLiteral("clients"), QStringLiteral("Concurrent clients."),
                                           QStringLiteral("N"), QStringLiteral("50"));
    const QCommandLineOption linesOption(QStringLiteral("lines"), QStringLiteral("Numbered lines each run prints."),
                                         QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption parallelOption(QStringLiteral("parallel-runs"),
                                            QStringLiteral("The server's --parallel-runs, and xargs -P."),
                                            QStringLiteral("N"), QStringLiteral("8"));
    const QCommandLineOption drainOption(
        QStringLiteral("drain-s"),
        QStringLiteral("At the end, how long no run may finish before the active ones count as stuck."),
        QStringLiteral("S"), QStringLiteral("120"));
    const QCommandLineOption countsOnlyOption(QStringLiteral("counts-only"),
                                              QStringLiteral("Pass on the counts alone (nothing lost, wrong or "
                                                             "stuck), not the speed targets: for CTest."));
    const QCommandLineOption keepOption(QStringLiteral("keep"), QStringLiteral("Use DIR as the data dir and keep it."),
                                        QStringLiteral("DIR"));
    parser.addOptions(
        {runsOption, clientsOption, linesOption, parallelOption, drainOption, countsOnlyOption, keepOption});
    parser.process(*QCoreApplication::instance());
    if (!parser.positionalArguments().isEmpty())
        fail(QStringLiteral("unexpected argument %1; see --help").arg(parser.positionalArguments().constFirst()));
    const int runs = positive(parser, runsOption);
    const int clientCount = std::min(positive(parser, clientsOption), runs);
    const int lines = positive(parser, linesOption);
    const int parallelRuns = positive(parser, parallelOption);
    const int drainMs = 1000 * positive(parser, drainOption);

    std::unique_ptr<QTemporaryDir> temporary;
    const QString dataDir = dataDirFor(parser.value(keepOption), QStringLiteral("flotilla-burst"), &temporary);
    Server server; // stopped before the dir goes
    const QUrl url = server.start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                   QStringLiteral("--data-dir"), dataDir, QStringLiteral("--container-engines"),
                                   QString(), QStringLiteral("--parallel-runs"), QString::number(parallelRuns)});
    say(QStringLiteral("server: flotilla-local --parallel-runs %1 on %2, data dir %3")
            .arg(parallelRuns)
            .arg(url.toString(), dataDir));

    FlotillaClient checker(url, ServerFlavour::ControlPlane);
    checker.setBearerToken(QString::fromUtf8(server.token()));
    checker.setTimeout(requestTimeoutMs);
    Definition definition;
    definition.alias = QStringLiteral("burst");
    definition.groupName = QStringLiteral("bench");
    definition.image = QStringLiteral("none");
    definition.command = numberedLinesCommand(lines);
    const QString definitionId = awaitOk(checker.createDefinition(definition))->result().definitionId;

    QThread modelThread;
    modelThread.setObjectName(QStringLiteral("model"));
    ModelFollower follower(url, server.token());
    follower.moveToThread(&modelThread);
    modelThread.start();
    onThreadOf(&follower, [&follower] { follower.start(); });

    std::vector<std::unique_ptr<BurstClient>> clients;
    for (int number = 0; number < clientCount; ++number) {
        const int share = runs / clientCount + (number < runs % clientCount ? 1 : 0);
        clients.push_back(std::make_unique<BurstClient>(url, server.token(), definitionId, share));
    }
    int launching = clientCount;
    QEventLoop allLaunched;
    for (const auto &client : clients) {
        QObject::connect(client.get(), &BurstClient::done, &allLaunched, [&launching, &allLaunched] {
            if (--launching == 0)
                allLaunched.quit();
        });
    }
    QElapsedTimer burstTimer;
    burstTimer.start();
    for (const auto &client : clients)
        client->start();
    allLaunched.exec();
    const double acceptedSeconds = double(burstTimer.nsecsElapsed()) / 1e9;
    QStringList runIds, refusals;
    for (const auto &client : clients) {
        runIds += client->runIds();
        refusals += client->errors();
    }
    for (const QString &refusal : refusals)
        say(QStringLiteral("refused launch: %1").arg(refusal));
    const double acceptedPerS = double(runIds.size()) / acceptedSeconds;
    say(QStringLiteral("burst: %1 of %2 launches answered in %3 s")
            .arg(runIds.size())
            .arg(runs)
            .arg(acceptedSeconds, 0, 'f', 2));

    const Verdict verdict = check(checker, runIds, lines, drainMs);
    // The model sees the last run end with its next refresh.
    QElapsedTimer modelTimer;
    modelTimer.start();
    while (follower.active() != 0 && modelTimer.elapsed() < requestTimeoutMs)
        pause(50);
    const qint64 modelActiveAtEnd = follower.active();
    onThreadOf(&follower, [&follower] { follower.stop(); });
    modelThread.quit();
    modelThread.wait();
    if (!server.running())
        fail(QStringLiteral("flotilla-local exited by itself"));
    const double serverRssMb = peakRssMb(server.pid());
    server.stop();

    const double drainSeconds = verdict.firstQueuedMs >= 0 && verdict.lastFinishedMs > verdict.firstQueuedMs
                                    ? double(verdict.lastFinishedMs - verdict.firstQueuedMs) / 1000
                                    : 0;
    const double drainPerS = drainSeconds > 0 ? double(runIds.size()) / drainSeconds : 0;
    const double xargsPerS = xargsRunsPerSecond(definition.command, runs, parallelRuns);
    const double drainRatio = drainPerS / xargsPerS;
    say(QStringLiteral("model: at most %1 active runs followed, %2 at the end; bad_exits=%3 refused=%4")
            .arg(follower.mostActive())
            .arg(modelActiveAtEnd)
            .arg(verdict.badExits)
            .arg(refusals.size()));
    const bool counted = runIds.size() == runs && verdict.lost == 0 && verdict.wrongLogs == 0 && verdict.stuck == 0
                         && verdict.badExits == 0 && modelActiveAtEnd == 0;
    const bool fast = acceptedPerS >= targetAcceptedPerS && drainRatio >= targetDrainRatio
                      && serverRssMb <= targetServerRssMb && follower.worstStallMs() <= targetModelStallMs;
    if (!parser.isSet(countsOnlyOption))
        say(QStringLiteral("targets: accepted_per_s >= %1, drain_ratio >= %2, server_rss_mb <= %3, "
                           "model_max_stall_ms <= %4: %5")
                .arg(targetAcceptedPerS)
                .arg(targetDrainRatio)
                .arg(targetServerRssMb)
                .arg(targetModelStallMs)
                .arg(fast ? QStringLiteral("met") : QStringLiteral("NOT met")));
    std::printf("runs=%lld lost=%d wrong_logs=%d stuck=%d accepted_per_s=%.0f drain_per_s=%.1f xargs_per_s=%.1f "
                "drain_ratio=%.2f server_rss_mb=%.0f model_max_stall_ms=%.1f\n",
                static_cast<long long>(runIds.size()), verdict.lost, verdict.wrongLogs, verdict.stuck, acceptedPerS,
                drainPerS, xargsPerS, drainRatio, serverRssMb, follower.worstStallMs());
    std::fflush(stdout);
    return counted && (fast || parser.isSet(countsOnlyOption)) ? 0 : 1;
}

int main(int argc, char *argv[])
{
    return Flotilla::Bench::run(argc, argv, "bench_burst", burst);
}

#include "bench_burst.moc"
