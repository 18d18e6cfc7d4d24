#include "logtailer.h"

#include "flotillaclient.h"

#include <algorithm>

namespace Flotilla {

static bool isCloudWatchToken(const QString &token)
{
    return token.startsWith(u"f/") || token.startsWith(u"b/");
}

LogTailer::LogTailer(FlotillaClient *client, QString runId, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_runId(std::move(runId))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &LogTailer::poll);
}

LogTailer::~LogTailer()
{
    stop();
}

void LogTailer::start()
{
    if (m_active || m_finished)
        return;
    m_active = true;
    m_idleMs = m_fastMs;
    poll();
}

void LogTailer::stop()
{
    m_active = false;
    m_timer.stop();
    if (ApiJob *job = m_job.data()) {
        m_job.clear();
        disconnect(job, nullptr, this, nullptr);
        job->abort();
    }
}

void LogTailer::scheduleIn(int milliseconds)
{
    if (m_active)
        m_timer.start(milliseconds);
}

void LogTailer::poll()
{
    if (!m_active)
        return;
    if (!m_client) {
        onError(ApiError::transport(QNetworkReply::OperationCanceledError, QStringLiteral("the client is gone")));
        return;
    }
    ++m_requests;
    ApiJob *job = nullptr;
    if (m_mode == Mode::RawText) {
        job = m_client->rawLog(m_runId);
        connect(job, &ApiJob::finished, this, [this, job] { onRawAnswer(job); });
    } else {
        job = m_client->logs(m_runId, m_token);
        connect(job, &ApiJob::finished, this, [this, job] { onLogAnswer(job); });
    }
    m_job = job;
    job->start();
}

void LogTailer::onLogAnswer(ApiJob *job)
{
    m_job.clear();
    if (!job->succeeded()) {
        onError(job->error());
        return;
    }
    const LogChunk &chunk = static_cast<ResultJob<LogChunk> *>(job)->result();
    QString text = chunk.log;
    const QString token = chunk.lastSeen.value_or(QString());
    const bool moved = !token.isEmpty() && token != m_token;
    if (!text.isEmpty() && isCloudWatchToken(token) && !text.endsWith(u'\n'))
        text += u'\n';
    if (!token.isEmpty())
        m_token = token;
    if (!text.isEmpty())
        Q_EMIT appended(text);
    afterAnswer(!text.isEmpty() || moved);
}

void LogTailer::onRawAnswer(ApiJob *job)
{
    m_job.clear();
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

void LogTailer::afterAnswer(bool progressed)
{
    if (!m_active)
        return;
    if (progressed) {
        m_idleMs = m_fastMs;
        scheduleIn(m_fastMs);
        return;
    }
    if (m_runStopped) {
        finish(); // drained
        return;
    }
    checkStatus();
}

void LogTailer::checkStatus()
{
    if (!m_client)
        return;
    auto *job = m_client->run(m_runId);
    connect(job, &ApiJob::finished, this, [this, job] { onStatusAnswer(job); });
    m_job = job;
    job->start();
}

void LogTailer::onStatusAnswer(ApiJob *job)
{
    m_job.clear();
    if (!job->succeeded()) {
        onError(job->error());
        return;
    }
    if (static_cast<ResultJob<Run> *>(job)->result().status == RunStatus::Stopped) {
        m_runStopped = true;
        poll(); // read what came before the end
        return;
    }
    scheduleIn(m_idleMs);
    m_idleMs = std::min(m_idleMs * 2, m_idleMaxMs);
}

void LogTailer::onError(const ApiError &error)
{
    const bool keepGoing = error.isTransient() || error.isTimeout();
    if (!keepGoing)
        m_active = false;
    Q_EMIT errorOccurred(error);
    if (keepGoing) {
        scheduleIn(m_idleMs);
        m_idleMs = std::min(m_idleMs * 2, m_idleMaxMs);
    }
}

void LogTailer::finish()
{
    m_active = false;
    m_finished = true;
    Q_EMIT finished();
}

} // namespace Flotilla
