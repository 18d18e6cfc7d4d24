#include "runwatcher.h"

#include "flotillaclient.h"

namespace Flotilla {

RunWatcher::RunWatcher(FlotillaClient *client, QString runId, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_runId(std::move(runId))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RunWatcher::poll);
}

RunWatcher::~RunWatcher()
{
    stop();
}

void RunWatcher::start()
{
    if (m_active || m_finished)
        return;
    m_active = true;
    poll();
}

void RunWatcher::stop()
{
    m_active = false;
    m_timer.stop();
    if (ApiJob *job = m_job.data()) {
        m_job.clear();
        disconnect(job, nullptr, this, nullptr);
        job->abort();
    }
}

void RunWatcher::poll()
{
    if (!m_active)
        return;
    if (!m_client) {
        m_active = false;
        Q_EMIT errorOccurred(ApiError::transport(QNetworkReply::OperationCanceledError, QStringLiteral("the client is gone")));
        return;
    }
    auto *job = m_client->run(m_runId);
    connect(job, &ApiJob::finished, this, [this, job] { onAnswer(job); });
    m_job = job;
    job->start();
}

void RunWatcher::onAnswer(ApiJob *job)
{
    m_job.clear();
    if (!job->succeeded()) {
        const ApiError &error = job->error();
        const bool keepGoing = error.isTransient() || error.isTimeout();
        if (!keepGoing)
            m_active = false;
        Q_EMIT errorOccurred(error);
        if (keepGoing && m_active)
            m_timer.start(m_intervalMs);
        return;
    }
    const Run &fetched = static_cast<ResultJob<Run> *>(job)->result();
    Run probe = m_run;
    const bool moved = !m_hasRun || probe.advanceTo(fetched.status);
    if (moved) {
        m_run = fetched;
        m_hasRun = true;
        Q_EMIT updated(m_run);
    }
    if (m_run.status == RunStatus::Stopped) {
        m_active = false;
        m_finished = true;
        Q_EMIT finished(m_run);
        return;
    }
    if (m_active)
        m_timer.start(m_intervalMs);
}

} // namespace Flotilla
