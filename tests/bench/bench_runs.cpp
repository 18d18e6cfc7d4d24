// bench_runs: how fast flotilla-local runs a command and serves its log.
//
// Starts the real flotilla-local next to this program on a fresh data dir
// (--container-engines "": only the `local` cluster, --parallel-runs 4) and
// measures, talking HTTP/1.1 to it on one keep-alive connection:
//
//   launch   N runs of `true` on `local`, one at a time (launch, wait until
//            STOPPED, next), so each latency is one run's, not queueing. t0 is
//            just before PUT /api/v4/task/{id}/execute; GET /api/v1/history/{id}
//            is then polled every --poll-ms (1 ms; 0 polls without pause, which
//            on 2 cores takes the CPU the run needs) and the first RUNNING and
//            the first STOPPED answer are timed (a RUNNING that fell between two
//            polls counts at the STOPPED answer). The server's own
//            queued_at/started_at/finished_at are reported too.
//   ingest   a run writes M MiB of 100-byte lines (`yes LINE | head -c BYTES`);
//            the time from the launch PUT until its last byte has been read
//            through GET /api/v1/{run_id}/logs?last_seen=T (the next request as
//            soon as an answer is in; --poll-ms after an empty one), by default
//            as raw chunks with wait=25 (Accept: application/octet-stream, as
//            LogTailer reads our control plane; --log-form json: the JSON
//            chunks upstream's clients read, no wait), against the
//            same command writing straight to a file (`sh -c "CMD > FILE"`,
//            start to exit) in the same program run. The bytes are checked
//            against the expected lines while reading, and by SHA-256 against
//            the file. Each of R rounds does both; the ratio is the median.
//
//   spawn    the machine's own cost of a process: `sh -c true` started and
//            reaped through QProcess (as the executor starts its wrapper), the
//            median of 200, in the same program run. A run needs at least the
//            command's own process, so launch_over_spawn (launch→STOPPED p50
//            over it) cannot go below 1; it holds on a machine whose process
//            starts are slower, where the absolute p50 does not.
//
// The last line is `launch_p50_ms=X launch_p99_ms=Y spawn_ms=S
// launch_over_spawn=R log_ingest_ratio=Z`, the launch figures being
// launch→STOPPED as the client sees it.
// Targets: p50 <= 20 ms, p99 <= 100 ms, launch_over_spawn <= 3, ratio >= 0.7.

#include "benchsupport.h"

#include <wire/jsonreader.h>
#include <wire/timestamp.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QUrl>
#include <QUuid>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <vector>

using namespace Flotilla;
using namespace Flotilla::Bench;

namespace {

constexpr double targetP50Ms = 20;
constexpr double targetP99Ms = 100;
constexpr double targetRatio = 0.7;
constexpr double targetOverSpawn = 3;
constexpr int spawnSamples = 200;
constexpr int runTimeoutMs = 30000;
// Two of the largest raw log chunks our server sends (8 MiB), with their heads.
constexpr qsizetype answerRoom = qsizetype(17) << 20;

// The machine's 1-minute load average: other work on it skews every figure.
QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll().split(' ').value(0))
                                          : QStringLiteral("?");
}

double ownCpuSeconds()
{
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// ---- the server --------------------------------------------------------------

// ---- HTTP ----------------------------------------------------------------------

// A minimal blocking HTTP/1.1 client on one keep-alive connection, on a
// plain socket: no event loop, no helper thread and no copies beyond the
// kernel's, so what is measured is the server. Answers must carry
// Content-Length (the server's always do).
class Http final
{
public:
    struct Reply
    {
        int status = 0;
        QByteArrayView head; // the status line and headers; valid until the next request
        QByteArrayView body; // valid until the next request

        QByteArray header(QByteArrayView name) const
        {
            for (const QByteArrayView line : QByteArray::fromRawData(head.data(), head.size()).split('\n')) {
                const qsizetype colon = line.indexOf(':');
                if (colon > 0 && line.first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                    return line.sliced(colon + 1).trimmed().toByteArray();
            }
            return {};
        }
    };

    Http(const QUrl &base, const QByteArray &token)
        : m_hostHeader(base.authority().toUtf8())
        , m_authorization("Bearer " + token)
    {
        m_address.sin_family = AF_INET;
        m_address.sin_port = htons(quint16(base.port()));
        m_address.sin_addr.s_addr = htonl(QHostAddress(base.host()).toIPv4Address());
        m_buffer.resize(256 * 1024);
    }

    ~Http()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    // Grows the buffer to hold answers of `bytes` before they come: growing
    // it mid-read zero-fills and faults in fresh pages inside the measurement.
    void reserve(qsizetype bytes)
    {
        if (qsizetype(m_buffer.size()) < bytes)
            m_buffer.resize(bytes);
    }

    // A 200 answer's body parsed as JSON, or a failure naming the request.
    Json json(const QByteArray &method, const QByteArray &target, const QByteArray &body = QByteArray())
    {
        const Reply reply = request(method, target, body);
        if (reply.status != 200)
            fail(QStringLiteral("%1 %2 answered %3: %4")
                     .arg(QString::fromUtf8(method), QString::fromUtf8(target))
                     .arg(reply.status)
                     .arg(QString::fromUtf8(reply.body.first(std::min<qsizetype>(reply.body.size(), 300)))));
        try {
            return Json::parse(reply.body.data(), reply.body.data() + reply.body.size());
        } catch (const Json::exception &e) {
            fail(QStringLiteral("%1 %2: the body is not JSON (%3)")
                     .arg(QString::fromUtf8(method), QString::fromUtf8(target), QString::fromUtf8(e.what())));
        }
    }

    // `extraHeaders`: "Name: value\r\n" lines.
    Reply request(const QByteArray &method, const QByteArray &target, const QByteArray &body = QByteArray(),
                  const QByteArray &extraHeaders = QByteArray())
    {
        // The previous answer goes; anything after it stays.
        std::memmove(m_buffer.data(), m_buffer.data() + m_used, m_end - m_used);
        m_end -= m_used;
        m_used = 0;
        if (m_fd < 0)
            connectToServer();
        QByteArray out = method + ' ' + target + " HTTP/1.1\r\nHost: " + m_hostHeader
                         + "\r\nAuthorization: " + m_authorization + "\r\n" + extraHeaders;
        if (!body.isNull())
            out += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
        out += "\r\n" + body;
        for (qsizetype sent = 0; sent < out.size();) {
            const ssize_t n = ::send(m_fd, out.constData() + sent, out.size() - sent, MSG_NOSIGNAL);
            if (n < 0)
                fail(QStringLiteral("%1 %2: send: %3")
                         .arg(QString::fromUtf8(method), QString::fromUtf8(target), qt_error_string()));
            sent += n;
        }

        qsizetype headEnd;
        while ((headEnd = QByteArrayView(m_buffer.data(), m_end).indexOf("\r\n\r\n")) < 0)
            fill(method, target);
        const QList<QByteArray> lines = QByteArray(m_buffer.data(), headEnd).split('\n');
        Reply reply;
        reply.status = lines.constFirst().split(' ').value(1).toInt();
        qint64 length = -1;
        bool close = false;
        for (const QByteArray &line : lines) {
            const qsizetype colon = line.indexOf(':');
            const QByteArray name = line.left(colon).trimmed().toLower();
            if (name == "content-length")
                length = line.mid(colon + 1).trimmed().toLongLong();
            else if (name == "connection")
                close = line.mid(colon + 1).trimmed().toLower() == "close";
        }
        if (reply.status == 0 || length < 0)
            fail(QStringLiteral("%1 %2: an answer without status or Content-Length: %3")
                     .arg(QString::fromUtf8(method), QString::fromUtf8(target),
                          QString::fromUtf8(m_buffer.data(), headEnd)));
        m_used = headEnd + 4 + length;
        while (m_end < m_used)
            fill(method, target);
        reply.head = QByteArrayView(m_buffer.data(), headEnd);
        reply.body = QByteArrayView(m_buffer.data() + headEnd + 4, length);
        if (close) {
            ::close(m_fd);
            m_fd = -1;
        }
        return reply;
    }

private:
    void connectToServer()
    {
        m_end = m_used = 0;
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (m_fd < 0 || ::connect(m_fd, reinterpret_cast<const sockaddr *>(&m_address), sizeof m_address) != 0)
            fail(QStringLiteral("cannot connect to %1: %2").arg(QString::fromUtf8(m_hostHeader), qt_error_string()));
        const int one = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        // recv blocks, giving up after 30 s: no poll before every recv.
        const timeval timeout{30, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    }

    void fill(const QByteArray &method, const QByteArray &target)
    {
        if (qsizetype(m_buffer.size()) - m_end < 64 * 1024)
            m_buffer.resize(std::max(m_buffer.size() * 2, size_t(m_used)));
        ssize_t n;
        while ((n = ::recv(m_fd, m_buffer.data() + m_end, m_buffer.size() - m_end, 0)) < 0 && errno == EINTR) {
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            fail(QStringLiteral("%1 %2: no complete answer within 30 s")
                     .arg(QString::fromUtf8(method), QString::fromUtf8(target)));
        if (n <= 0)
            fail(QStringLiteral("%1 %2: the connection ended (%3)")
                     .arg(QString::fromUtf8(method), QString::fromUtf8(target),
                          n == 0 ? QStringLiteral("closed") : qt_error_string()));
        m_end += n;
    }

    sockaddr_in m_address{};
    QByteArray m_hostHeader;
    QByteArray m_authorization;
    int m_fd = -1;
    std::vector<char> m_buffer;
    qsizetype m_end = 0;  // bytes received
    qsizetype m_used = 0; // bytes of the last answer, at the start
};

// The logs answer {"log":"...","last_seen":"..."} decoded without a general
// JSON parser: 200 MB of log must not cost the client more than the server.
// Appends the string that starts after the opening quote at p to *out and
// returns the position after its closing quote, or nullptr.
const char *decodeJsonString(const char *p, const char *end, QByteArray *out)
{
    // The closing quote: the first one after an even number of backslashes.
    const char *close = p;
    for (;; ++close) {
        close = static_cast<const char *>(std::memchr(close, '"', end - close));
        if (!close)
            return nullptr;
        const char *b = close;
        while (b > p && b[-1] == '\\')
            --b;
        if ((close - b) % 2 == 0)
            break;
    }
    const qsizetype start = out->size();
    out->resize(start + (close - p)); // decoded, a string is never longer
    char *o = out->data() + start;
    const auto hex4 = [&](uint *value) {
        if (close - p < 4)
            return false;
        bool ok = false;
        *value = QByteArray(p, 4).toUInt(&ok, 16);
        p += 4;
        return ok;
    };
    bool ok = true;
    while (ok) {
        // memchr is vectorised: a log is long runs of plain bytes between escapes.
        const char *backslash = static_cast<const char *>(std::memchr(p, '\\', close - p));
        const char *stop = backslash ? backslash : close;
        std::memcpy(o, p, stop - p);
        o += stop - p;
        if (!backslash)
            break;
        p = backslash + 2; // the escape's letter is before close: close follows an even run
        switch (backslash[1]) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '/': *o++ = '/'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u': {
            uint code = 0, low = 0;
            ok = hex4(&code);
            if (ok && code >= 0xD800 && code < 0xDC00) {
                ok = close - p >= 2 && p[0] == '\\' && p[1] == 'u';
                p += 2;
                ok = ok && hex4(&low) && low >= 0xDC00 && low < 0xE000;
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            }
            const char32_t c = code;
            const QByteArray utf8 = QString::fromUcs4(&c, 1).toUtf8(); // at most 4 bytes; \uXXXX took 6
            std::memcpy(o, utf8.constData(), utf8.size());
            o += utf8.size();
            break;
        }
        default: ok = false;
        }
    }
    out->truncate(o - out->constData());
    return ok ? close + 1 : nullptr;
}

// Appends the answer's log to *log and puts its last_seen in *token.
bool decodeLogAnswer(QByteArrayView body, QByteArray *log, QByteArray *token)
{
    const char *p = body.constData(), *end = p + body.size();
    const auto expect = [&](char c) {
        while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
            ++p;
        return p < end && *p++ == c;
    };
    if (!expect('{'))
        return false;
    QByteArray key, other;
    for (;;) {
        key.truncate(0);
        if (!expect('"') || !(p = decodeJsonString(p, end, &key)) || !expect(':') || !expect('"'))
            return false;
        QByteArray *value = key == "log" ? log : key == "last_seen" ? token : &other;
        if (value != log)
            value->truncate(0);
        if (!(p = decodeJsonString(p, end, value)))
            return false;
        if (expect(','))
            continue;
        --p;
        return expect('}');
    }
}

// ---- figures --------------------------------------------------------------------

// Nearest rank.
double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype rank = qsizetype(std::ceil(p / 100.0 * values.size()));
    return values[std::clamp<qsizetype>(rank - 1, 0, values.size() - 1)];
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    return values.isEmpty() ? 0 : values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

QString spread(const QList<double> &values)
{
    return QStringLiteral("p50=%1 p90=%2 p99=%3 max=%4")
        .arg(percentile(values, 50), 0, 'f', 2)
        .arg(percentile(values, 90), 0, 'f', 2)
        .arg(percentile(values, 99), 0, 'f', 2)
        .arg(percentile(values, 100), 0, 'f', 2);
}

// ---- the runs -------------------------------------------------------------------

QByteArray createDefinition(Http &http, const QString &aliasPrefix, const QString &command)
{
    const Json body = {{"alias", toUtf8(aliasPrefix + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8))},
                       {"image", "alpine:3.20"},
                       {"command", toUtf8(command)},
                       {"memory", 256}};
    const Json definition = http.json("POST", "/api/v1/task", QByteArray::fromStdString(body.dump()));
    return QByteArray::fromStdString(definition.value("definition_id", ""));
}

QByteArray launch(Http &http, const QByteArray &definitionId)
{
    const Json run = http.json("PUT", "/api/v4/task/" + definitionId + "/execute",
                               R"({"run_tags":{"owner_id":"bench"}})");
    if (run.value("status", "") != "QUEUED" || run.value("cluster", "") != "local")
        fail(QStringLiteral("a launch answered %1").arg(QString::fromStdString(run.dump())));
    return QByteArray::fromStdString(run.value("run_id", ""));
}

std::optional<QDateTime> timeOf(const Json &run, const char *key)
{
    return run.contains(key) ? Timestamp::parse(QString::fromStdString(run[key].get<std::string>())) : std::nullopt;
}

void checkSucceeded(const Json &run)
{
    if (run.value("exit_code", -1) != 0)
        fail(QStringLiteral("run %1 did not succeed: %2")
                 .arg(QString::fromStdString(run.value("run_id", "")), QString::fromStdString(run.dump())));
}

struct LaunchSample
{
    double answeredMs = 0;    // the PUT's answer
    double runningMs = 0;     // first poll seeing RUNNING (or STOPPED)
    double stoppedMs = 0;     // first poll seeing STOPPED
    double serverStartMs = 0; // started_at - queued_at
    double serverStopMs = 0;  // finished_at - queued_at
    int polls = 0;
    bool sawRunning = false;
};

LaunchSample launchOnce(Http &http, const QByteArray &definitionId, int pollMs)
{
    LaunchSample sample;
    QElapsedTimer clock;
    clock.start(); // t0
    const QByteArray runId = launch(http, definitionId);
    sample.answeredMs = clock.nsecsElapsed() / 1e6;
    const QByteArray target = "/api/v1/history/" + runId;
    for (;;) {
        const Json run = http.json("GET", target);
        ++sample.polls;
        const std::string status = run.value("status", "");
        const double now = clock.nsecsElapsed() / 1e6;
        if (status == "RUNNING" && !sample.sawRunning) {
            sample.sawRunning = true;
            sample.runningMs = now;
        } else if (status == "STOPPED") {
            if (!sample.sawRunning)
                sample.runningMs = now;
            sample.stoppedMs = now;
            checkSucceeded(run);
            const auto queued = timeOf(run, "queued_at"), started = timeOf(run, "started_at"),
                       finished = timeOf(run, "finished_at");
            if (!queued || !started || !finished)
                fail(QStringLiteral("a STOPPED run without its times: %1").arg(QString::fromStdString(run.dump())));
            sample.serverStartMs = double(queued->msecsTo(*started));
            sample.serverStopMs = double(queued->msecsTo(*finished));
            return sample;
        }
        if (now > runTimeoutMs)
            fail(QStringLiteral("run %1 is still %2 after %3 s")
                     .arg(QString::fromUtf8(runId), QString::fromStdString(status))
                     .arg(runTimeoutMs / 1000));
        if (pollMs > 0)
            QThread::msleep(pollMs);
    }
}

struct LaunchResult
{
    double p50Ms = 0;
    double p99Ms = 0;
};

LaunchResult benchLaunches(Http &http, const Server &server, int runs, int warmup, int pollMs)
{
    const QByteArray definitionId = createDefinition(http, QStringLiteral("bench-true-"), QStringLiteral("true"));
    for (int i = 0; i < warmup; ++i)
        launchOnce(http, definitionId, pollMs);

    QList<double> answered, running, stopped, serverStart, serverStop, serverRun, polls;
    int skippedRunning = 0;
    const double serverCpu = processCpuSeconds(server.pid());
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < runs; ++i) {
        const LaunchSample s = launchOnce(http, definitionId, pollMs);
        answered.append(s.answeredMs);
        running.append(s.runningMs);
        stopped.append(s.stoppedMs);
        serverStart.append(s.serverStartMs);
        serverStop.append(s.serverStopMs);
        serverRun.append(s.serverStopMs - s.serverStartMs);
        polls.append(s.polls);
        skippedRunning += s.sawRunning ? 0 : 1;
    }
    const double seconds = wall.nsecsElapsed() / 1e9;
    say(QStringLiteral("launch: %1 runs of `true` on local, one at a time (after %2 unmeasured), in %3 s; "
                       "polling GET /api/v1/history/{id} %4; server cpu %5 ms/run")
            .arg(runs)
            .arg(warmup)
            .arg(seconds, 0, 'f', 1)
            .arg(pollMs > 0 ? QStringLiteral("every %1 ms").arg(pollMs) : QStringLiteral("without pause"))
            .arg(1000 * (processCpuSeconds(server.pid()) - serverCpu) / runs, 0, 'f', 2));
    say(QStringLiteral("  client  PUT answered     ms: %1").arg(spread(answered)));
    say(QStringLiteral("  client  launch→RUNNING   ms: %1").arg(spread(running)));
    say(QStringLiteral("  client  launch→STOPPED   ms: %1  <- launch_p50_ms / launch_p99_ms").arg(spread(stopped)));
    say(QStringLiteral("  server  queued→started   ms: %1").arg(spread(serverStart)));
    say(QStringLiteral("  server  queued→finished  ms: %1").arg(spread(serverStop)));
    say(QStringLiteral("  server  started→finished ms: %1").arg(spread(serverRun)));
    say(QStringLiteral("  polls per run: %1; RUNNING never seen (fell between polls) in %2 of %3 runs")
            .arg(spread(polls))
            .arg(skippedRunning)
            .arg(runs));
    return {percentile(stopped, 50), percentile(stopped, 99)};
}

// ---- a process start ---------------------------------------------------------------

// The median of `sh -c true` started and reaped, in ms.
double benchSpawn()
{
    QList<double> samples;
    for (int i = 0; i < spawnSamples; ++i) {
        QProcess process;
        QElapsedTimer clock;
        clock.start();
        process.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("true")});
        if (!process.waitForFinished(runTimeoutMs) || process.exitStatus() != QProcess::NormalExit
            || process.exitCode() != 0)
            fail(QStringLiteral("`sh -c true` failed: %1").arg(process.errorString()));
        samples.append(clock.nsecsElapsed() / 1e6);
    }
    say(QStringLiteral("spawn: `sh -c true` started and reaped through QProcess, %1 times; ms: %2")
            .arg(spawnSamples)
            .arg(spread(samples)));
    return median(samples);
}

// ---- the log ----------------------------------------------------------------------

// 99 characters and a newline: the line `yes` repeats.
QByteArray logLine()
{
    QByteArray line = "flotilla bench log line: the quick brown fox jumps over the lazy dog 0123456789 ";
    while (line.size() < 99)
        line += char('a' + line.size() % 26);
    return line + '\n';
}

QString logCommand(qint64 bytes)
{
    return QStringLiteral("yes '%1' | head -c %2").arg(QString::fromLatin1(logLine().chopped(1))).arg(bytes);
}

QByteArray sha256OfFile(const QString &path)
{
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file))
        fail(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    return hash.result();
}

struct IngestRound
{
    double baselineS = 0;
    double ingestS = 0;
    double firstByteS = 0;
    double serverWriteS = 0; // the run's started_at → finished_at
    int requests = 0;
    int emptyAnswers = 0;
    double serverCpuS = 0;
    double clientCpuS = 0;
};

IngestRound ingestOnce(Http &http, const Server &server, const QByteArray &definitionId, qint64 bytes,
                       const QString &scratchDir, int round, int pollMs, bool rawChunks)
{
    IngestRound result;
    const QByteArray line = logLine();
    // A chunk is compared a block of whole lines at a time, whatever its size.
    const qsizetype block = ((qsizetype(1) << 20) / line.size()) * line.size();
    QByteArray expected; // the lines from every possible starting column, for memcmp
    while (expected.size() < block + line.size())
        expected += line;

    // The baseline: the same command writing straight to a file.
    const QString file = scratchDir + QStringLiteral("/baseline-%1.log").arg(round);
    ::sync(); // no earlier writeback competes with either measurement
    QProcess direct;
    QElapsedTimer timer;
    timer.start();
    direct.start(QStringLiteral("/bin/sh"),
                 {QStringLiteral("-c"), logCommand(bytes) + QStringLiteral(" > '%1'").arg(file)});
    if (!direct.waitForFinished(600000) || direct.exitStatus() != QProcess::NormalExit || direct.exitCode() != 0)
        fail(QStringLiteral("the baseline command failed: %1").arg(QString::fromUtf8(direct.readAllStandardError())));
    result.baselineS = timer.nsecsElapsed() / 1e9;
    if (QFileInfo(file).size() != bytes)
        fail(QStringLiteral("the baseline wrote %1 bytes, not %2").arg(QFileInfo(file).size()).arg(bytes));

    // The run, read through the logs endpoint as fast as it answers.
    ::sync();
    QByteArray received, token;
    received.reserve(bytes + (qint64(2) << 20)); // decoding borrows room for the encoded chunk
    // Touched before the clock starts: faulting in 200 MB of fresh pages
    // while reading (slow on a virtual machine) is this program's cost, not
    // the endpoint's; a client keeps a log in memory it already has.
    received.resize(received.capacity());
    received.fill('\0');
    received.truncate(0);
    http.reserve(answerRoom);
    const double serverCpu = processCpuSeconds(server.pid()), clientCpu = ownCpuSeconds();
    timer.restart();
    const QByteArray runId = launch(http, definitionId);
    while (received.size() < bytes) {
        const QByteArray target = "/api/v1/" + runId
                                  + "/logs?last_seen=" + QUrl::toPercentEncoding(QString::fromUtf8(token));
        const Http::Reply reply = rawChunks ? http.request("GET", target + "&wait=25", {},
                                                           "Accept: application/octet-stream\r\n")
                                            : http.request("GET", target);
        ++result.requests;
        const qsizetype before = received.size();
        bool read = false;
        if (!rawChunks) {
            read = decodeLogAnswer(reply.body, &received, &token);
        } else if (reply.status == 200) {
            received.append(reply.body); // the bytes as they are: nothing to decode
            token = reply.header("X-Flotilla-Last-Seen");
            read = !token.isEmpty();
        }
        if (reply.status != 200 || !read)
            fail(QStringLiteral("GET logs of %1 answered %2: %3")
                     .arg(QString::fromUtf8(runId))
                     .arg(reply.status)
                     .arg(QString::fromUtf8(reply.body.first(std::min<qsizetype>(reply.body.size(), 300)))));
        const qsizetype got = received.size() - before;
        if (got == 0) {
            ++result.emptyAnswers;
            // A run that ended without its bytes would leave this loop spinning.
            if (result.emptyAnswers % 1000 == 0 || timer.elapsed() > 600000) {
                const Json run = http.json("GET", "/api/v1/history/" + runId);
                if (run.value("status", "") == "STOPPED" || timer.elapsed() > 600000)
                    fail(QStringLiteral("the log stops at %1 of %2 bytes; the run: %3")
                             .arg(received.size())
                             .arg(bytes)
                             .arg(QString::fromStdString(run.dump())));
            }
            if (pollMs > 0)
                QThread::msleep(pollMs);
            continue;
        }
        if (before == 0)
            result.firstByteS = timer.nsecsElapsed() / 1e9;
        const qint64 column = before % line.size();
        if (received.size() > bytes)
            fail(QStringLiteral("the log goes on after %1 bytes: the chunk at byte %2 ends at %3")
                     .arg(bytes)
                     .arg(before)
                     .arg(received.size()));
        for (qsizetype at = 0; at < got; at += block) {
            if (std::memcmp(received.constData() + before + at, expected.constData() + column, std::min(block, got - at))
                != 0)
                fail(QStringLiteral("the log differs from the expected lines in the chunk at byte %1 (%2 bytes)")
                         .arg(before)
                         .arg(got));
        }
    }
    result.ingestS = timer.nsecsElapsed() / 1e9;
    result.serverCpuS = processCpuSeconds(server.pid()) - serverCpu;
    result.clientCpuS = ownCpuSeconds() - clientCpu;

    // The run must end well, and its bytes be the file's.
    Json run;
    QElapsedTimer waited;
    waited.start();
    while ((run = http.json("GET", "/api/v1/history/" + runId)).value("status", "") != "STOPPED") {
        if (waited.elapsed() > runTimeoutMs)
            fail(QStringLiteral("the log run is still %1 after its last byte was read")
                     .arg(QString::fromStdString(run.value("status", ""))));
        QThread::msleep(5);
    }
    checkSucceeded(run);
    result.serverWriteS = timeOf(run, "started_at")->msecsTo(*timeOf(run, "finished_at")) / 1e3;
    const QByteArray fileHash = sha256OfFile(file);
    if (QCryptographicHash::hash(received, QCryptographicHash::Sha256) != fileHash)
        fail(QStringLiteral("the bytes read through the logs endpoint are not the file's (SHA-256 differs)"));
    const Json tail = http.json("GET", "/api/v1/" + runId
                                           + "/logs?last_seen=" + QUrl::toPercentEncoding(QString::fromUtf8(token)));
    if (tail.value("log", "x") != "")
        fail(QStringLiteral("the log goes on after %1 bytes").arg(bytes));
    QFile::remove(file);
    return result;
}

double benchIngest(Http &http, const Server &server, int megabytes, int rounds, const QString &scratchDir, int pollMs,
                   bool rawChunks)
{
    const qint64 bytes = qint64(megabytes) << 20;
    const QByteArray definitionId = createDefinition(http, QStringLiteral("bench-log-"), logCommand(bytes));
    say(QStringLiteral("ingest: %1 MiB (%2 bytes) of 100-byte lines, `%3`, %4 round(s), %5 chunks")
            .arg(megabytes)
            .arg(bytes)
            .arg(logCommand(bytes).left(40) + QStringLiteral("...' | head -c %1").arg(bytes))
            .arg(rounds)
            .arg(rawChunks ? QStringLiteral("raw (wait=25)") : QStringLiteral("JSON")));
    QList<double> ratios;
    for (int round = 1; round <= rounds; ++round) {
        const IngestRound r = ingestOnce(http, server, definitionId, bytes, scratchDir, round, pollMs, rawChunks);
        ratios.append(r.baselineS / r.ingestS);
        say(QStringLiteral("  round %1: file %2 s (%3 MB/s); logs endpoint %4 s (%5 MB/s; first byte at %6 s; "
                           "the run wrote for %7 s); ratio %8")
                .arg(round)
                .arg(r.baselineS, 0, 'f', 3)
                .arg(bytes / 1e6 / r.baselineS, 0, 'f', 0)
                .arg(r.ingestS, 0, 'f', 3)
                .arg(bytes / 1e6 / r.ingestS, 0, 'f', 0)
                .arg(r.firstByteS, 0, 'f', 3)
                .arg(r.serverWriteS, 0, 'f', 3)
                .arg(ratios.last(), 0, 'f', 3));
        say(QStringLiteral("           %1 requests (%2 empty); cpu while reading: server %3 s, this client %4 s; "
                           "bytes equal the file's (SHA-256)")
                .arg(r.requests)
                .arg(r.emptyAnswers)
                .arg(r.serverCpuS, 0, 'f', 2)
                .arg(r.clientCpuS, 0, 'f', 2));
    }
    return median(ratios);
}

} // namespace

int bench()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Starts flotilla-local (local cluster only) and measures launch→RUNNING and launch→STOPPED of `true`, "
        "one run at a time, and how fast a run's log can be read through the logs endpoint against writing it "
        "to a file, beside the time this machine takes to start and reap `sh -c true`. The last line is "
        "launch_p50_ms=X launch_p99_ms=Y spawn_ms=S launch_over_spawn=R log_ingest_ratio=Z (launch→STOPPED; "
        "targets: X <= 20, Y <= 100, R <= 3, Z >= 0.5)."));
    parser.addHelpOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Measured launches of `true`."),
                                        QStringLiteral("N"), QStringLiteral("500"));
    const QCommandLineOption warmupOption(QStringLiteral("warmup"), QStringLiteral("Unmeasured launches first."),
                                          QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption pollOption(QStringLiteral("poll-ms"),
                                        QStringLiteral(
                                            "Pause between polls of a run, and after an empty logs answer (0: none; "
                                            "on 2 cores polling without pause slows the server down)."),
                                        QStringLiteral("MS"), QStringLiteral("1"));
    const QCommandLineOption logOption(QStringLiteral("log-mb"), QStringLiteral("MiB the log run writes (0: skip)."),
                                       QStringLiteral("M"), QStringLiteral("200"));
    const QCommandLineOption roundsOption(QStringLiteral("log-rounds"),
                                          QStringLiteral("Ingest rounds (file, then run); the ratio is their median."),
                                          QStringLiteral("R"), QStringLiteral("3"));
    const QCommandLineOption keepOption(QStringLiteral("keep"), QStringLiteral("Use DIR as the data dir and keep it."),
                                        QStringLiteral("DIR"));
    const QCommandLineOption formOption(QStringLiteral("log-form"),
                                        QStringLiteral("How the log is read: raw (our extension) or json."),
                                        QStringLiteral("FORM"), QStringLiteral("raw"));
    parser.addOptions({runsOption, warmupOption, pollOption, logOption, roundsOption, formOption, keepOption});
    parser.process(*QCoreApplication::instance());
    if (!parser.positionalArguments().isEmpty())
        fail(QStringLiteral("unexpected argument %1; see --help").arg(parser.positionalArguments().constFirst()));
    const int runs = positive(parser, runsOption);
    const int warmup = positive(parser, warmupOption, 0);
    const int pollMs = positive(parser, pollOption, 0);
    const int logMb = positive(parser, logOption, 0);
    const int rounds = positive(parser, roundsOption);
    const QString form = parser.value(formOption);
    if (form != u"raw" && form != u"json")
        fail(QStringLiteral("--log-form must be raw or json, not \"%1\"").arg(form));

    std::unique_ptr<QTemporaryDir> temporary;
    const QString dataDir = dataDirFor(parser.value(keepOption), QStringLiteral("flotilla-bench-runs"), &temporary);
    say(QStringLiteral("data dir: %1%2")
            .arg(dataDir, temporary ? QStringLiteral(" (temporary)") : QStringLiteral(" (kept)")));

    Server server; // stopped before the dir goes
    const QStringList arguments = {QStringLiteral("--listen"),
                                   QStringLiteral("127.0.0.1:0"),
                                   QStringLiteral("--data-dir"),
                                   dataDir,
                                   QStringLiteral("--container-engines"),
                                   QString(),
                                   QStringLiteral("--parallel-runs"),
                                   QStringLiteral("4")};
    const QUrl base = server.start(arguments);
    say(QStringLiteral("server: flotilla-local --container-engines \"\" --parallel-runs 4 listening on %1")
            .arg(base.toString()));
    say(QStringLiteral("machine: %1 cores, load average %2").arg(QThread::idealThreadCount()).arg(loadAverage()));
    Http http(base, server.token());

    const LaunchResult launches = benchLaunches(http, server, runs, warmup, pollMs);
    const double spawnMs = benchSpawn();
    const double overSpawn = launches.p50Ms / spawnMs;
    const double ratio = logMb > 0 ? benchIngest(http, server, logMb, rounds, dataDir, pollMs, form == u"raw") : 0;

    if (!server.running())
        fail(QStringLiteral("flotilla-local is no longer running"));
    server.stop();
    say(QStringLiteral("machine: load average %1 at the end").arg(loadAverage()));

    const auto verdict = [](bool met) { return met ? QStringLiteral("met") : QStringLiteral("MISSED"); };
    say(QStringLiteral("targets: launch→STOPPED p50 %1 <= %2 ms %3, p99 %4 <= %5 ms %6, launch_over_spawn %7 <= %8 %9, "
                       "log_ingest_ratio %10 >= %11 %12")
            .arg(launches.p50Ms, 0, 'f', 2)
            .arg(targetP50Ms)
            .arg(verdict(launches.p50Ms <= targetP50Ms))
            .arg(launches.p99Ms, 0, 'f', 2)
            .arg(targetP99Ms)
            .arg(verdict(launches.p99Ms <= targetP99Ms))
            .arg(overSpawn, 0, 'f', 2)
            .arg(targetOverSpawn)
            .arg(verdict(overSpawn <= targetOverSpawn))
            .arg(ratio, 0, 'f', 3)
            .arg(targetRatio)
            .arg(logMb > 0 ? verdict(ratio >= targetRatio) : QStringLiteral("(skipped)")));
    std::printf("launch_p50_ms=%.2f launch_p99_ms=%.2f spawn_ms=%.2f launch_over_spawn=%.2f log_ingest_ratio=%.2f\n",
                launches.p50Ms, launches.p99Ms, spawnMs, overSpawn, ratio);
    std::fflush(stdout);
    return 0;
}

int main(int argc, char *argv[])
{
    return Flotilla::Bench::run(argc, argv, "bench_runs", bench);
}
