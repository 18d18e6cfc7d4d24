// soak: kill -9 flotilla-local under load; nothing it acknowledged may be lost.
//
// Starts the real flotilla-local next to this program on a temporary data dir
// (only the `local` cluster) and runs --clients concurrent clients (the
// models/client FlotillaClient, one each) that create definitions and launch
// runs of them on `local`, while it kills the server with SIGKILL --kills
// times at random moments and restarts it on the same data dir and port (a
// free one picked once, as a user's fixed port would be), so the clients keep
// their URL and a restart must also bind again where the dead server was.
//
// A write counts once it was answered 200. A write that got no answer
// (refused, reset, timed out) may or may not have landed: the client sends a
// new one (a new alias, a new launch) and the first is simply not counted.
//
// Each run prints --lines numbered lines `<run id> line <i>`, sleeps once
// halfway (0 to 0.6 s, chosen per definition, so kills find runs RUNNING),
// and ends with `<run id> end`. Its log is complete when reading it through
// last_seen paging gives exactly those lines, in order, once each.
//
// About one run in --terminate-every is terminated (DELETE) after a short
// pause, and a third of the definitions ignore SIGTERM, so some terminations
// need the SIGKILL after the server's grace (1 s), which a kill may
// interrupt. A terminated run must end STOPPED with the exit reason `Task
// terminated by user` and a log of whole expected lines from the first
// (once it STOPPED by itself first, the server answers 400: not counted).
//
// At the end, with the clients stopped and the server up, the soak waits
// until no run is QUEUED, PENDING or RUNNING (or none finished for --drain-s)
// and counts:
//   lost             acknowledged definitions and runs the server does not
//                    know, and acknowledged terminations it forgot
//   stuck            runs still QUEUED, PENDING or RUNNING
//   incomplete_logs  acknowledged runs whose log is not exactly theirs
// Acknowledged runs not terminated must also have exited 0 (bad_exits), and
// the server must have answered no write with an unexpected error. The last line is
// `acknowledged=N lost=L stuck=S incomplete_logs=I`; the exit status is 0
// only when all of it holds.

#include "benchsupport.h"
#include "runcheck.h"

#include <awaitjob.h>
#include <client/flotillaclient.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QRandomGenerator>
#include <QSet>
#include <QTcpServer>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <vector>

using namespace Flotilla;
using namespace Flotilla::Bench;
using Flotilla::Testing::await;

namespace {

constexpr int requestTimeoutMs = 10000;
constexpr int retryPauseMs = 100; // after a write without an answer, mostly while the server is down
const QString terminatedByUser = QStringLiteral("Task terminated by user");

struct SoakOptions
{
    int lines = 20;
    int runsPerDefinition = 3;
    int meanPauseMs = 400;
    int terminateEvery = 5;
};

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        fail(QStringLiteral("cannot find a free port on 127.0.0.1: %1").arg(probe.errorString()));
    return probe.serverPort();
}

// One of the concurrent clients: creates a definition, launches runs of it,
// then the next definition, with a random pause between writes.
class SoakClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SoakClient)

public:
    SoakClient(int number, const QUrl &baseUrl, const QByteArray &token, const SoakOptions &options, quint32 seed)
        : m_client(baseUrl, ServerFlavour::ControlPlane)
        , m_options(options)
        , m_random(seed)
        , m_number(number)
    {
        m_client.setTimeout(requestTimeoutMs);
        m_client.setBearerToken(QString::fromUtf8(token));
    }

    void start() { next(); }
    // Ends after the write in flight, if any: stopped() follows.
    void stop() { m_stopping = true; }

    const QList<Definition> &definitions() const { return m_definitions; }
    const QStringList &runIds() const { return m_runIds; }
    const QSet<QString> &terminated() const { return m_terminated; }
    // Runs a DELETE was sent for, answered or not.
    const QSet<QString> &terminateSent() const { return m_terminateSent; }
    int unanswered() const { return m_unanswered; }
    const QStringList &refusals() const { return m_refusals; }

Q_SIGNALS:
    void stopped();

private:
    void next()
    {
        if (m_stopping) {
            Q_EMIT stopped();
            return;
        }
        if (m_toTerminate)
            terminate();
        else if (!m_current || m_launched >= m_options.runsPerDefinition)
            createDefinition();
        else
            launch();
    }

    void createDefinition()
    {
        Definition definition;
        definition.alias = QStringLiteral("soak-%1-%2").arg(m_number).arg(++m_attempts); // a retry must not be 409
        definition.groupName = QStringLiteral("soak");
        definition.image = QStringLiteral("soak");
        definition.command = numberedLinesCommand(m_options.lines, int(m_random.bounded(600)), m_random.bounded(3) == 0);
        ResultJob<Definition> *job = m_client.createDefinition(definition);
        connect(job, &ApiJob::finished, this, [this, job] {
            if (job->succeeded()) {
                m_current = job->result();
                m_launched = 0;
                m_definitions.append(job->result());
            }
            afterWrite(job->error());
        });
        job->start();
    }

    void launch()
    {
        LaunchRequest request;
        request.cluster = QStringLiteral("local");
        request.ownerId = QStringLiteral("soak");
        ResultJob<Run> *job = m_client.launch(m_current->definitionId, request);
        connect(job, &ApiJob::finished, this, [this, job] {
            if (job->succeeded()) {
                ++m_launched;
                m_runIds.append(job->result().runId);
                if (m_random.bounded(m_options.terminateEvery) == 0)
                    m_toTerminate = job->result().runId;
            }
            afterWrite(job->error());
        });
        job->start();
    }

    // Sent again until answered: a second DELETE of a run the first stopped gets 400.
    void terminate()
    {
        m_terminateSent.insert(*m_toTerminate);
        ResultJob<Termination> *job = m_client.terminate(m_current->definitionId, *m_toTerminate);
        connect(job, &ApiJob::finished, this, [this, job] {
            const ApiError &error = job->error();
            if (job->succeeded())
                m_terminated.insert(*m_toTerminate);
            if (error.kind() != ApiError::Kind::Transport)
                m_toTerminate.reset();
            const bool alreadyStopped = error.kind() == ApiError::Kind::Http && error.httpStatus() == 400;
            afterWrite(alreadyStopped ? ApiError() : error);
        });
        job->start();
    }

    void afterWrite(const ApiError &error)
    {
        if (error.kind() == ApiError::Kind::Transport)
            ++m_unanswered;
        else if (error.isError())
            m_refusals.append(error.sentence()); // the server answered: not a crash's doing
        const int wait = error.isError() ? retryPauseMs : int(m_random.bounded(2 * m_options.meanPauseMs + 1));
        QTimer::singleShot(wait, this, &SoakClient::next);
    }

    FlotillaClient m_client;
    SoakOptions m_options;
    QRandomGenerator m_random;
    int m_number;
    int m_attempts = 0;
    std::optional<Definition> m_current;
    int m_launched = 0;
    std::optional<QString> m_toTerminate; // a run of m_current
    QSet<QString> m_terminated;
    QSet<QString> m_terminateSent;
    bool m_stopping = false;
    QList<Definition> m_definitions;
    QStringList m_runIds;
    int m_unanswered = 0;
    QStringList m_refusals;
};

struct Verdict
{
    int acknowledged = 0;
    int lost = 0;
    int stuck = 0;
    int incompleteLogs = 0;
    int badExits = 0;
};

Verdict check(FlotillaClient &client, const std::vector<std::unique_ptr<SoakClient>> &clients, int lines, int drainMs)
{
    Verdict verdict;
    const QStringList active = drain(client, drainMs);
    verdict.stuck = int(active.size());
    for (const QString &runId : active)
        say(QStringLiteral("stuck: run %1 is still active").arg(runId));

    for (const auto &soakClient : clients) {
        for (const Definition &definition : soakClient->definitions()) {
            ++verdict.acknowledged;
            ResultJob<Definition> *job = await(client.definition(definition.definitionId), 3 * requestTimeoutMs);
            if (isNotFound(job) || (job->succeeded() && job->result().alias != definition.alias)) {
                ++verdict.lost;
                say(QStringLiteral("lost: definition %1 (%2)").arg(definition.definitionId, definition.alias));
            } else if (!job->succeeded()) {
                fail(job->error().sentence());
            }
        }
        for (const QString &runId : soakClient->runIds()) {
            ++verdict.acknowledged;
            ResultJob<Run> *job = await(client.run(runId), 3 * requestTimeoutMs);
            if (isNotFound(job)) {
                ++verdict.lost;
                say(QStringLiteral("lost: run %1").arg(runId));
                continue;
            }
            if (!job->succeeded())
                fail(job->error().sentence());
            const Run run = job->result();
            if (run.status != RunStatus::Stopped)
                continue; // counted as stuck
            const bool terminated = soakClient->terminated().contains(runId);
            verdict.acknowledged += terminated ? 1 : 0;
            // A DELETE without an answer may have landed: then it ended as terminated runs do.
            const bool endedByUser = terminated
                                     || (soakClient->terminateSent().contains(runId)
                                         && run.exitReason == terminatedByUser);
            const QString exitCode = run.exitCode ? QString::number(*run.exitCode) : QStringLiteral("(none)");
            if (terminated && run.exitReason != terminatedByUser) {
                ++verdict.lost;
                say(QStringLiteral("lost: the termination of run %1, which ended with exit code %2 and reason \"%3\"")
                        .arg(runId, exitCode, run.exitReason));
            } else if (!endedByUser && run.exitCode != 0) {
                ++verdict.badExits;
                say(QStringLiteral("bad exit: run %1 ended with exit code %2: %3").arg(runId, exitCode, run.exitReason));
            }
            // A terminated run's log: whole lines from the first, maybe all.
            const QByteArray log = readLogByPaging(client, runId), expected = expectedLog(runId, lines);
            if (endedByUser ? !expected.startsWith(log) || !(log.isEmpty() || log.endsWith('\n')) : log != expected) {
                ++verdict.incompleteLogs;
                say(QStringLiteral("incomplete log: run %1%2: %3")
                        .arg(runId, endedByUser ? QStringLiteral(" (terminated)") : QString(),
                             firstDifference(log, expected)));
            }
        }
    }
    return verdict;
}

} // namespace

int soak()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs concurrent clients creating definitions and launching runs on flotilla-local's local cluster while "
        "killing the server with SIGKILL at random moments and restarting it on the same data dir; then checks "
        "that everything answered 200 still exists, every run STOPPED with exit code 0 and its whole log. The "
        "last line is acknowledged=N lost=L stuck=S incomplete_logs=I."));
    parser.addHelpOption();
    const QCommandLineOption clientsOption(QStringLiteral("clients"), QStringLiteral("Concurrent clients."),
                                           QStringLiteral("N"), QStringLiteral("8"));
    const QCommandLineOption killsOption(QStringLiteral("kills"), QStringLiteral("Times the server is killed."),
                                         QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption minUpOption(QStringLiteral("min-up-ms"),
                                         QStringLiteral("Shortest time the server runs before a kill."),
                                         QStringLiteral("MS"), QStringLiteral("200"));
    const QCommandLineOption maxUpOption(QStringLiteral("max-up-ms"),
                                         QStringLiteral("Longest time the server runs before a kill."),
                                         QStringLiteral("MS"), QStringLiteral("2500"));
    const QCommandLineOption maxDownOption(QStringLiteral("max-down-ms"),
                                           QStringLiteral("Longest time the server stays down after a kill."),
                                           QStringLiteral("MS"), QStringLiteral("500"));
    const QCommandLineOption linesOption(QStringLiteral("lines"), QStringLiteral("Numbered lines each run prints."),
                                         QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption runsOption(QStringLiteral("runs-per-definition"),
                                        QStringLiteral("Launches of each definition."), QStringLiteral("N"),
                                        QStringLiteral("3"));
    const QCommandLineOption pauseOption(QStringLiteral("pause-ms"),
                                         QStringLiteral(
                                             "Mean pause of a client between writes (uniform, 0 to twice this)."),
                                         QStringLiteral("MS"), QStringLiteral("400"));
    const QCommandLineOption terminateOption(QStringLiteral("terminate-every"),
                                             QStringLiteral("Terminate about one run in N (1: every run)."),
                                             QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption parallelOption(QStringLiteral("parallel-runs"),
                                            QStringLiteral("The server's --parallel-runs."), QStringLiteral("N"),
                                            QStringLiteral("8"));
    const QCommandLineOption drainOption(
        QStringLiteral("drain-s"),
        QStringLiteral("At the end, how long no run may finish before the active ones count as stuck."),
        QStringLiteral("S"), QStringLiteral("60"));
    const QCommandLineOption seedOption(QStringLiteral("seed"),
                                        QStringLiteral("Random seed (default: a random one, printed)."),
                                        QStringLiteral("N"));
    const QCommandLineOption keepOption(QStringLiteral("keep"), QStringLiteral("Use DIR as the data dir and keep it."),
                                        QStringLiteral("DIR"));
    parser.addOptions({clientsOption, killsOption, minUpOption, maxUpOption, maxDownOption, linesOption, runsOption,
                       pauseOption, terminateOption, parallelOption, drainOption, seedOption, keepOption});
    parser.process(*QCoreApplication::instance());
    if (!parser.positionalArguments().isEmpty())
        fail(QStringLiteral("unexpected argument %1; see --help").arg(parser.positionalArguments().constFirst()));
    const int clientCount = positive(parser, clientsOption);
    const int kills = positive(parser, killsOption, 0);
    const int minUpMs = positive(parser, minUpOption, 0);
    const int maxUpMs = positive(parser, maxUpOption, minUpMs);
    const int maxDownMs = positive(parser, maxDownOption, 0);
    SoakOptions options;
    options.lines = positive(parser, linesOption, 2);
    options.runsPerDefinition = positive(parser, runsOption);
    options.meanPauseMs = positive(parser, pauseOption, 0);
    options.terminateEvery = positive(parser, terminateOption);
    const int parallelRuns = positive(parser, parallelOption);
    const int drainMs = 1000 * positive(parser, drainOption);
    const quint32 seed = parser.isSet(seedOption) ? quint32(positive(parser, seedOption, 0))
                                                  : QRandomGenerator::global()->bounded(1000000);
    QRandomGenerator random(seed);

    std::unique_ptr<QTemporaryDir> temporary;
    const QString dataDir = dataDirFor(parser.value(keepOption), QStringLiteral("flotilla-soak"), &temporary);
    say(QStringLiteral("data dir: %1%2; seed %3")
            .arg(dataDir, temporary ? QStringLiteral(" (temporary)") : QStringLiteral(" (kept)"))
            .arg(seed));

    Server server; // stopped before the dir goes
    const QStringList arguments = {QStringLiteral("--listen"),
                                   QStringLiteral("127.0.0.1:%1").arg(freePort()),
                                   QStringLiteral("--data-dir"),
                                   dataDir,
                                   QStringLiteral("--container-engines"),
                                   QString(),
                                   QStringLiteral("--parallel-runs"),
                                   QString::number(parallelRuns),
                                   QStringLiteral("--terminate-grace"),
                                   QStringLiteral("1")};
    const QUrl url = server.start(arguments);
    say(QStringLiteral("server: flotilla-local --parallel-runs %1 listening on %2")
            .arg(parallelRuns)
            .arg(url.toString()));

    std::vector<std::unique_ptr<SoakClient>> clients;
    for (int number = 1; number <= clientCount; ++number)
        clients.push_back(std::make_unique<SoakClient>(number, url, server.token(), options, random.generate()));
    for (const auto &client : clients)
        client->start();

    const auto acknowledgedSoFar = [&clients] {
        qsizetype count = 0;
        for (const auto &client : clients)
            count += client->definitions().size() + client->runIds().size() + client->terminated().size();
        return count;
    };
    for (int kill = 1; kill <= kills; ++kill) {
        pause(minUpMs + int(random.bounded(maxUpMs - minUpMs + 1)));
        if (!server.running())
            fail(QStringLiteral("flotilla-local exited by itself"));
        const qint64 pid = server.pid();
        server.kill();
        const int downMs = int(random.bounded(maxDownMs + 1));
        say(QStringLiteral("kill %1 of %2: pid %3; %4 writes acknowledged so far; down for %5 ms")
                .arg(kill)
                .arg(kills)
                .arg(pid)
                .arg(acknowledgedSoFar())
                .arg(downMs));
        pause(downMs);
        if (server.start(arguments) != url)
            fail(QStringLiteral("flotilla-local restarted on another URL than %1").arg(url.toString()));
    }
    pause(maxUpMs); // writes against the last start too

    int running = clientCount;
    QEventLoop allStopped;
    for (const auto &client : clients) {
        QObject::connect(client.get(), &SoakClient::stopped, &allStopped, [&running, &allStopped] {
            if (--running == 0)
                allStopped.quit();
        });
        client->stop();
    }
    QTimer::singleShot(3 * requestTimeoutMs, &allStopped, &QEventLoop::quit);
    allStopped.exec();
    if (running > 0)
        fail(QStringLiteral("%1 client(s) still wait for an answer %2 s after being stopped")
                 .arg(running)
                 .arg(3 * requestTimeoutMs / 1000));

    int unanswered = 0;
    QStringList refusals;
    for (const auto &client : clients) {
        unanswered += client->unanswered();
        refusals += client->refusals();
    }
    qsizetype terminations = 0;
    for (const auto &client : clients)
        terminations += client->terminated().size();
    say(QStringLiteral(
            "clients stopped: %1 writes acknowledged (%2 of them terminations), %3 got no answer (not counted)")
            .arg(acknowledgedSoFar())
            .arg(terminations)
            .arg(unanswered));
    for (const QString &refusal : refusals)
        say(QStringLiteral("refused write: %1").arg(refusal));

    FlotillaClient checker(url, ServerFlavour::ControlPlane);
    checker.setBearerToken(QString::fromUtf8(server.token()));
    checker.setTimeout(requestTimeoutMs);
    const Verdict verdict = check(checker, clients, options.lines, drainMs);
    if (!server.running())
        fail(QStringLiteral("flotilla-local exited by itself"));
    server.stop();
    say(QStringLiteral("bad_exits=%1 refused_writes=%2").arg(verdict.badExits).arg(refusals.size()));
    std::printf("acknowledged=%d lost=%d stuck=%d incomplete_logs=%d\n", verdict.acknowledged, verdict.lost,
                verdict.stuck, verdict.incompleteLogs);
    std::fflush(stdout);
    const bool passed = verdict.lost == 0 && verdict.stuck == 0 && verdict.incompleteLogs == 0 && verdict.badExits == 0
                        && refusals.isEmpty();
    return passed ? 0 : 1;
}

int main(int argc, char *argv[])
{
    return Flotilla::Bench::run(argc, argv, "soak", soak);
}

#include "soak.moc"
