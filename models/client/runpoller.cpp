#include "runpoller.h"

#include "apijob.h"
#include "flotillaclient.h"

namespace Flotilla {

RunPoller::RunPoller(FlotillaClient *client, QString runId, QObject *parent)
    : QObject(parent)
    , m_runId(std::move(runId))
    , m_client(client)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RunPoller::pollNow);
}

RunPoller::~RunPoller()
{
    m_active = false;
    m_timer.stop();
    abortJob();
}

void RunPoller::start()
{
    if (m_active || m_finished)
        return;
    m_active = true;
    starting();
    pollNow();
}

void RunPoller::stop()
{
    m_active = false;
    m_timer.stop();
    abortJob();
    stopped();
}

void RunPoller::abortJob()
{
    if (ApiJob *job = m_job.data()) {
        m_job.clear();
        disconnect(job, nullptr, this, nullptr);
        job->abort();
    }
}

void RunPoller::pollNow()
{
    m_timer.stop();
    if (m_active)
        poll();
}

void RunPoller::send(ApiJob *job, const std::function<void(ApiJob *)> &answered)
{
    connect(job, &ApiJob::finished, this, [this, job, answered] {
        m_job.clear();
        answered(job);
    });
    m_job = job;
    job->start();
}

void RunPoller::scheduleIn(int milliseconds)
{
    if (m_active)
        m_timer.start(milliseconds);
}

bool RunPoller::goesOnAfter(const ApiError &error)
{
    const bool goesOn = error.isTransient() || error.isTimeout();
    if (!goesOn)
        stop();
    return goesOn;
}

void RunPoller::end(bool reachedTheEnd)
{
    stop();
    m_finished = reachedTheEnd;
}

} // namespace Flotilla
