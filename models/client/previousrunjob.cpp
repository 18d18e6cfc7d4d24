#include "previousrunjob.h"

#include "flotillaclient.h"

#include <wire/timestamp.h>

namespace Flotilla {

PreviousRunJob::PreviousRunJob(FlotillaClient *client, Run run, QObject *parent)
    : QObject(parent ? parent : client)
    , m_client(client)
    , m_run(std::move(run))
    , m_before(m_run.startedAt ? *m_run.startedAt : m_run.queuedAt.value_or(QDateTime::currentDateTimeUtc()))
{}

void PreviousRunJob::start()
{
    requestPage();
}

void PreviousRunJob::abort()
{
    if (m_finished)
        return;
    if (ApiJob *job = m_job.data()) {
        disconnect(job, nullptr, this, nullptr);
        job->abort();
    }
    finish(ApiError::cancelled());
}

void PreviousRunJob::requestPage()
{
    if (!m_client) {
        finish(ApiError::transport(QNetworkReply::OperationCanceledError, QStringLiteral("the client is gone")));
        return;
    }
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("sort_by"), QStringLiteral("started_at"));
    query.addQueryItem(QStringLiteral("order"), QStringLiteral("desc"));
    // Servers that know it skip the newer runs; the check in onPage() stays.
    query.addQueryItem(QStringLiteral("started_at_until"), Timestamp::format(m_before));
    query.addQueryItem(QStringLiteral("limit"), QString::number(pageSize));
    query.addQueryItem(QStringLiteral("offset"), QString::number(m_offset));
    ResultJob<RunList> *job = m_run.isTemplateRun() ? m_client->listTemplateRuns(m_run.definitionId, query)
                                                    : m_client->listRuns(query, m_run.definitionId);
    connect(job, &ApiJob::finished, this, [this, job] { onPage(job); });
    m_job = job;
    job->start();
}

void PreviousRunJob::onPage(ApiJob *job)
{
    m_job.clear();
    if (!job->succeeded())
        return finish(job->error());
    const RunList &list = static_cast<ResultJob<RunList> *>(job)->result();
    for (const Run &candidate : list.history) {
        if (candidate.runId != m_run.runId && candidate.startedAt && *candidate.startedAt < m_before) {
            m_result = candidate;
            return finish();
        }
    }
    m_offset += int(list.history.size());
    if (list.history.size() < pageSize || m_offset >= list.page.total)
        return finish(); // none
    requestPage();
}

void PreviousRunJob::finish(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    Q_EMIT finished();
    deleteLater();
}

} // namespace Flotilla
