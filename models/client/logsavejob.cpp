#include "logsavejob.h"

#include "clientlogging.h"
#include "flotillaclient.h"

namespace Flotilla {

LogSaveJob::LogSaveJob(FlotillaClient *client, QString runId, const QString &path, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_runId(std::move(runId))
    , m_file(path)
{}

LogSaveJob::~LogSaveJob()
{
    if (ApiJob *job = m_job.data()) {
        disconnect(job, nullptr, this, nullptr);
        job->abort();
    }
}

void LogSaveJob::start()
{
    if (m_started)
        return;
    m_started = true;
    if (!m_file.open(QIODevice::WriteOnly)) {
        m_fileError = m_file.errorString();
        // Like a failed request, after start() returned: callers connect first, then start.
        QMetaObject::invokeMethod(this, &LogSaveJob::finish, Qt::QueuedConnection);
        return;
    }
    requestPage();
}

void LogSaveJob::abort()
{
    if (!m_started || m_done)
        return;
    if (ApiJob *job = m_job.data()) {
        disconnect(job, nullptr, this, nullptr);
        job->abort();
    }
    m_error = ApiError::cancelled();
    finish();
}

void LogSaveJob::requestPage()
{
    if (!m_client) {
        m_error = ApiError::transport(QNetworkReply::OperationCanceledError, QStringLiteral("the client is gone"));
        finish();
        return;
    }
    auto *job = m_client->logs(m_runId, m_token);
    connect(job, &ApiJob::finished, this, [this, job] { onPage(job); });
    m_job = job;
    job->start();
}

void LogSaveJob::onPage(ApiJob *job)
{
    m_job.clear();
    if (!job->succeeded()) {
        m_error = job->error();
        finish();
        return;
    }
    const LogChunk &chunk = static_cast<ResultJob<LogChunk> *>(job)->result();
    const QByteArray utf8 = chunk.lines().toUtf8();
    if (m_file.write(utf8) != utf8.size()) {
        m_fileError = m_file.errorString();
        finish();
        return;
    }
    ++m_pages;
    m_bytes += utf8.size();
    if (!utf8.isEmpty())
        Q_EMIT progressed(m_bytes);
    const QString token = chunk.lastSeen.value_or(QString());
    if (utf8.isEmpty() || token.isEmpty() || token == m_token) {
        if (!m_file.commit())
            m_fileError = m_file.errorString();
        m_done = true;
        finish();
        return;
    }
    m_token = token;
    requestPage();
}

void LogSaveJob::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_done = true;
    if (m_error.isError() || !m_fileError.isEmpty()) {
        if (m_file.isOpen()) {
            m_file.cancelWriting();
            m_file.commit(); // after cancelWriting(): removes the temporary file now, writes nothing
        }
        if (!m_fileError.isEmpty())
            qCWarning(lcClient).noquote() << "Could not write" << m_file.fileName() << ':' << m_fileError;
    }
    Q_EMIT finished();
    deleteLater();
}

} // namespace Flotilla
