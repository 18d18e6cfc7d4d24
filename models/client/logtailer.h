#pragma once

#include "runpoller.h"

#include <wire/run.h>

#include <QDateTime>
#include <QElapsedTimer>

#include <functional>
#include <optional>

namespace Flotilla {

// Follows the log of one run and hands out each new piece of text once, in
// order, until the run is STOPPED and its log is read to the end.
//
// Paged mode (the default) pages with `last_seen`: it asks again after
// the fast interval while text keeps coming (at once after an answer of 256 Ki
// characters or more: a long log is read back to back), and backs off (doubling up to
// the idle interval) while nothing is new. After an empty answer it reads the
// run's status; once the run is STOPPED it reads until an answer brings
// nothing new, then emits finished(). Against upstream (the CurrentUpstream
// and SeedEra flavours) it first goes on for lateLinesGraceMs after the run
// finished, as upstream's UI does, because CloudWatch and the S3 shipper
// deliver lines late (upstream issue #260): only an empty answer after that
// ends it. Our control plane's log is complete once the run is STOPPED, so
// there (and under Auto) the end comes at once. The token is never interpreted:
//   - our control plane's opaque token, upstream's decimal line counter and a
//     CloudWatch token ("f/3279…") are all just sent back;
//   - CloudWatch chunks are events joined with "\n" and lack the final newline,
//     so a chunk that comes with a CloudWatch token gets one;
//   - an answer without `last_seen`, or with an empty one and no text
//     (upstream's answer for a run that has not started), keeps the token.
// Because the token only moves when an answer arrived, and failed requests
// are simply asked again, no line is lost or repeated when the server goes
// away and comes back (set the client's base URL if its address changed:
// every attempt uses the client's current one).
//
// Against our control plane (flavour ControlPlane) paged mode asks for raw
// chunks (the bytes, no JSON to unescape) with `wait`: while the run goes on
// and nothing is new, the server holds the request up to waitSeconds and
// answers as soon as a line arrives, so the tailer asks again at once after
// every answer instead of polling: a new line comes within milliseconds and
// an idle tail costs about two requests a minute. The answer that finds a
// STOPPED run's log read to its end says so (X-Flotilla-Log-Complete).
//
// RawText mode asks for the whole log (raw_text=true) each time, as
// upstream's S3 log view does, and emits what was added to the end; if the
// text no longer starts with what was seen, it emits reset() with all of it.
//
// Errors: transient ones (no connection, 502/503/504, timeouts) are reported
// with errorOccurred() and the tailer keeps trying at the idle pace; any
// other error (404: no such run, 400: a token the server never issued) is
// reported and ends the tailing (isActive() becomes false, no finished()).
class LogTailer final : public RunPoller
{
    Q_OBJECT

public:
    enum class Mode { Paged, RawText };
    using Clock = std::function<QDateTime()>; // now, in UTC
    static constexpr qint64 lateLinesGraceMs = 120000;
    static constexpr int defaultWaitSeconds = 25;

    LogTailer(FlotillaClient *client, QString runId, QObject *parent = nullptr);

    void setMode(Mode mode) { m_mode = mode; }
    Mode mode() const { return m_mode; }
    void setFastInterval(int milliseconds) { m_fastMs = milliseconds; }
    void setIdleInterval(int milliseconds) { m_idleMaxMs = milliseconds; }
    // How long our control plane may hold a request; 0 polls there with
    // JSON chunks as against upstream.
    void setWaitSeconds(int seconds) { m_waitSeconds = seconds; }
    // Ends with finished() at the first answer that brings nothing new,
    // whatever the run's status: the log as it is now, read once.
    void setUntilCaughtUp(bool untilCaughtUp) { m_untilCaughtUp = untilCaughtUp; }
    // What says the time for the grace after STOPPED (tests drive it).
    void setClock(Clock clock) { m_clock = std::move(clock); }
    QString lastSeen() const { return m_token; }
    // Reads on from `token` (a chunk's lastSeen) instead of the log's start;
    // before start().
    void setLastSeen(const QString &token) { m_token = token; }
    qint64 requestCount() const { return m_requests; }
    // Whether an answer brought nothing new yet: all the server held is read.
    bool isCaughtUp() const { return m_caughtUp; }

Q_SIGNALS:
    // Each new piece comes through both: connect to the one you need, and
    // the other costs no conversion (raw chunks arrive as UTF-8 bytes).
    void appended(const QString &text);
    void appendedUtf8(const QByteArray &utf8);
    void reset(const QString &text); // RawText mode only
    void finished();
    // The first answer that brought nothing new: a long log read from its
    // start has got to where the server's end was.
    void caughtUp();
    void errorOccurred(const Flotilla::ApiError &error);

private:
    void starting() override;
    void poll() override;
    void checkStatus();
    void onLogAnswer(ApiJob *job);
    void onRawAnswer(ApiJob *job);
    void onRawChunkAnswer(ApiJob *job);
    void emitPiece(const QString &text);
    void emitPiece(const QByteArray &utf8);
    void onStatusAnswer(ApiJob *job);
    bool inLateLinesGrace() const;
    void afterAnswer(bool progressed, bool moreWaiting = false);
    void onError(const ApiError &error);
    void backOff();

    Mode m_mode = Mode::Paged;
    int m_fastMs = 250;
    int m_idleMaxMs = 4000;
    int m_idleMs = 0;
    int m_waitSeconds = defaultWaitSeconds;
    int m_heldSeconds = 0; // the wait of the raw chunk request under way
    QElapsedTimer m_sent;
    QString m_token;
    QString m_raw; // RawText: what was seen so far
    qint64 m_requests = 0;
    bool m_runStopped = false;
    std::optional<QDateTime> m_graceEnd; // set once STOPPED, against upstream
    Clock m_clock = [] { return QDateTime::currentDateTimeUtc(); };
    bool m_untilCaughtUp = false;
    bool m_caughtUp = false;
};

} // namespace Flotilla
