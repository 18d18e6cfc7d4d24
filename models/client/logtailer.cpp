#include "logtailer.h"

#include "flotillaclient.h"

#include <algorithm>

namespace Flotilla {

// An answer this big suggests more is waiting (our control plane sends up to
// 1 MiB at a time): ask again at once rather than after the fast interval.
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
    if (m_mode == Mode::RawText)
        send(client()->rawLog(m_runId), [this](ApiJob *job) { onRawAnswer(job); });
    else
        send(client()->logs(m_runId, m_token), [this](ApiJob *job) { onLogAnswer(job); });
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
        Q_EMIT appended(text);
    afterAnswer(!text.isEmpty() || moved, text.size() >= backToBackChars);
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
            Q_EMIT appended(added);
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
