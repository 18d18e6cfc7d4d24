#include "logtailer.h"

#include "flotillaclient.h"

#include <QMetaMethod>

#include <algorithm>

namespace Flotilla {

// An answer this big suggests more is waiting (our control plane sends up to
// 1 MiB of JSON, 8 MiB raw, at a time): ask again at once rather than after
// the fast interval.
static constexpr qsizetype backToBackChars = 256 * 1024;

LogTailer::LogTailer(FlotillaClient *client, QString runId, QObject *parent)
    : RunPoller(client, std::move(runId), parent)
{}

void LogTailer::starting()
{
    m_idleMs = m_fastMs;
}

void LogTailer::poll()
{
    if (!client()) {
        onError(ApiError::transport(QNetworkReply::OperationCanceledError, QStringLiteral("the client is gone")));
        return;
    }
    ++m_requests;
    if (m_mode == Mode::RawText) {
        send(client()->rawLog(m_runId), [this](ApiJob *job) { onRawAnswer(job); });
    } else if (client()->servesRawLogChunks() && m_waitSeconds > 0) {
        m_heldSeconds = m_runStopped || m_untilCaughtUp ? 0 : m_waitSeconds;
        m_sent.start();
        send(client()->rawLogChunk(m_runId, m_token, m_heldSeconds), [this](ApiJob *job) { onRawChunkAnswer(job); });
    } else {
        send(client()->logs(m_runId, m_token), [this](ApiJob *job) { onLogAnswer(job); });
    }
}

void LogTailer::emitPiece(const QString &text)
{
    Q_EMIT appended(text);
    if (isSignalConnected(QMetaMethod::fromSignal(&LogTailer::appendedUtf8)))
        Q_EMIT appendedUtf8(text.toUtf8());
}

void LogTailer::emitPiece(const QByteArray &utf8)
{
    if (isSignalConnected(QMetaMethod::fromSignal(&LogTailer::appended)))
        Q_EMIT appended(QString::fromUtf8(utf8));
    Q_EMIT appendedUtf8(utf8);
}

void LogTailer::onLogAnswer(ApiJob *job)
{
    if (!job->succeeded()) {
        onError(job->error());
        return;
    }
    const LogChunk &chunk = static_cast<ResultJob<LogChunk> *>(job)->result();
    const QString text = chunk.lines();
    const QString token = chunk.lastSeen.value_or(QString());
    const bool moved = !token.isEmpty() && token != m_token;
    if (!token.isEmpty())
        m_token = token;
    if (!text.isEmpty())
        emitPiece(text);
    afterAnswer(!text.isEmpty() || moved, text.size() >= backToBackChars);
}

void LogTailer::onRawChunkAnswer(ApiJob *job)
{
    if (!job->succeeded()) {
        onError(job->error());
        return;
    }
    const RawLogChunk &chunk = static_cast<RawLogChunkJob *>(job)->result();
    const bool moved = !chunk.lastSeen.isEmpty() && chunk.lastSeen != m_token;
    if (!chunk.lastSeen.isEmpty())
        m_token = chunk.lastSeen;
    if (!chunk.bytes.isEmpty())
        emitPiece(chunk.bytes);
    m_runStopped = m_runStopped || chunk.complete; // our control plane's log has no late lines
    const bool progressed = !chunk.bytes.isEmpty() || moved;
    if (progressed || m_heldSeconds == 0 || m_runStopped) {
        // While the run goes on the next request waits on the server: no need to pause here.
        afterAnswer(progressed, m_heldSeconds > 0 || chunk.bytes.size() >= backToBackChars);
        return;
    }
    if (!isActive())
        return;
    // Held for its wait: ask again at once. An empty answer well before it
    // (a server over its cap of held requests) backs off as polling does.
    if (m_sent.elapsed() >= m_heldSeconds * 500)
        scheduleIn(0);
    else
        backOff();
}

void LogTailer::onRawAnswer(ApiJob *job)
{
    if (!job->succeeded()) {
        onError(job->error());
        return;
    }
    const QString text = QString::fromUtf8(static_cast<ResultJob<QByteArray> *>(job)->result());
    bool progressed = false;
    if (text.startsWith(m_raw)) {
        if (text.size() > m_raw.size()) {
            const QString added = text.mid(m_raw.size());
            m_raw = text;
            emitPiece(added);
            progressed = true;
        }
    } else {
        m_raw = text;
        Q_EMIT reset(text);
        progressed = true;
    }
    afterAnswer(progressed);
}

void LogTailer::afterAnswer(bool progressed, bool moreWaiting)
{
    if (!isActive())
        return;
    if (progressed) {
        m_idleMs = m_fastMs;
        scheduleIn(moreWaiting ? 0 : m_fastMs);
        return;
    }
    if (!m_caughtUp) {
        m_caughtUp = true;
        Q_EMIT caughtUp();
    }
    if (m_runStopped && inLateLinesGrace()) {
        backOff();
        return;
    }
    if (m_runStopped || m_untilCaughtUp) { // drained
        end(true);
        Q_EMIT finished();
        return;
    }
    checkStatus();
}

void LogTailer::checkStatus()
{
    if (client())
        send(client()->run(m_runId), [this](ApiJob *job) { onStatusAnswer(job); });
}

void LogTailer::onStatusAnswer(ApiJob *job)
{
    if (!job->succeeded()) {
        onError(job->error());
        return;
    }
    const Run &run = static_cast<ResultJob<Run> *>(job)->result();
    if (run.status == RunStatus::Stopped) {
        m_runStopped = true;
        const ServerFlavour flavour = client() ? client()->flavour() : ServerFlavour::Auto;
        if (flavour == ServerFlavour::CurrentUpstream || flavour == ServerFlavour::SeedEra) {
            // From when it finished, so a run that ended long ago is not waited for.
            const QDateTime now = m_clock();
            const QDateTime since = run.finishedAt && *run.finishedAt < now ? *run.finishedAt : now;
            m_graceEnd = since.addMSecs(lateLinesGraceMs);
        }
        poll(); // read what came before the end
        return;
    }
    backOff();
}

bool LogTailer::inLateLinesGrace() const
{
    return m_graceEnd && m_clock() < *m_graceEnd;
}

void LogTailer::onError(const ApiError &error)
{
    const bool goesOn = goesOnAfter(error);
    Q_EMIT errorOccurred(error);
    if (goesOn)
        backOff();
}

void LogTailer::backOff()
{
    scheduleIn(m_idleMs);
    m_idleMs = std::min(m_idleMs * 2, m_idleMaxMs);
}

} // namespace Flotilla
