#include "runwatcher.h"

#include "flotillaclient.h"

namespace Flotilla {

RunWatcher::RunWatcher(FlotillaClient *client, QString runId, QObject *parent)
    : RunPoller(client, std::move(runId), parent)
{}

void RunWatcher::poll()
{
    if (!client()) {
        end(false);
        Q_EMIT errorOccurred(
            ApiError::transport(QNetworkReply::OperationCanceledError, QStringLiteral("the client is gone")));
        return;
    }
    send(client()->run(m_runId), [this](ApiJob *job) { onAnswer(job); });
}

void RunWatcher::onAnswer(ApiJob *job)
{
    if (!job->succeeded()) {
        const bool goesOn = goesOnAfter(job->error());
        Q_EMIT errorOccurred(job->error());
        if (goesOn)
            scheduleIn(m_intervalMs);
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
        end(true);
        Q_EMIT finished(m_run);
        return;
    }
    scheduleIn(m_intervalMs);
}

} // namespace Flotilla
