#include "runwatcher.h"

#include "changefeed.h"
#include "flotillaclient.h"

namespace Flotilla {

RunWatcher::RunWatcher(FlotillaClient *client, QString runId, QObject *parent)
    : RunPoller(client, std::move(runId), parent)
{}

void RunWatcher::starting()
{
    if (!client())
        return;
    m_feed = client()->changeFeed();
    connect(m_feed, &ChangeFeed::changed, this, &RunWatcher::onChanges);
    connect(m_feed, &ChangeFeed::resetRequired, this, &RunWatcher::pollSoon);
    connect(m_feed, &ChangeFeed::healthyChanged, this, &RunWatcher::onFeedHealthy);
    m_feed->subscribe(this);
}

void RunWatcher::stopped()
{
    m_pollAgain = false;
    if (m_feed) {
        m_feed->unsubscribe(this);
        m_feed.clear();
    }
}

void RunWatcher::onChanges(const QList<FeedChange> &changes)
{
    const bool named = std::any_of(changes.cbegin(), changes.cend(), [this](const FeedChange &change) {
        return change.kind == u"run" && change.id == m_runId;
    });
    if (named)
        pollSoon();
}

void RunWatcher::onFeedHealthy(bool healthy)
{
    if (healthy)
        pollSoon(); // what changed before the feed began is not in it
    else if (!isPolling())
        scheduleIn(m_intervalMs);
}

void RunWatcher::pollSoon()
{
    if (isPolling())
        m_pollAgain = true;
    else
        pollNow();
}

void RunWatcher::scheduleNext()
{
    if (std::exchange(m_pollAgain, false))
        pollNow();
    else if (!m_feed || !m_feed->isHealthy())
        scheduleIn(m_intervalMs);
}

void RunWatcher::poll()
{
    if (!client()) {
        end(false);
        Q_EMIT errorOccurred(
            ApiError::transport(QNetworkReply::OperationCanceledError, QStringLiteral("the client is gone")));
        return;
    }
    if (client()->servesRunStatus() && !m_statusRefused)
        send(client()->runStatus(m_runId, m_etag), [this](ApiJob *job) { onStatusAnswer(job); });
    else
        fetchRun();
}

void RunWatcher::fetchRun()
{
    if (client())
        send(client()->run(m_runId), [this](ApiJob *job) { onAnswer(job); });
}

void RunWatcher::onStatusAnswer(ApiJob *job)
{
    if (!job->succeeded()) {
        const ApiError &error = job->error();
        if (error.isTransient() || error.isTimeout())
            return onError(error);
        // No /status here after all (405 or the router's 404 on an older
        // upstream); the whole run says whether the run itself is missing.
        m_statusRefused = true;
        return fetchRun();
    }
    const RunStatusAnswer &answer = static_cast<RunStatusJob *>(job)->result();
    if (answer.unchanged && m_hasRun) {
        scheduleNext();
        return;
    }
    m_etag = answer.etag;
    fetchRun();
}

void RunWatcher::onAnswer(ApiJob *job)
{
    if (!job->succeeded())
        return onError(job->error());
    const Run &fetched = static_cast<ResultJob<Run> *>(job)->result();
    Run probe = m_run;
    const bool moved = !m_hasRun || probe.advanceTo(fetched.status);
    const bool changed = !moved && fetched.status == m_run.status && fetched.toJson() != m_run.toJson();
    if (moved || changed) {
        m_run = fetched;
        m_hasRun = true;
        Q_EMIT updated(m_run);
    }
    if (m_run.status == RunStatus::Stopped) {
        end(true);
        Q_EMIT finished(m_run);
        return;
    }
    scheduleNext();
}

void RunWatcher::onError(const ApiError &error)
{
    const bool goesOn = goesOnAfter(error);
    Q_EMIT errorOccurred(error);
    if (goesOn)
        scheduleNext();
}

} // namespace Flotilla
