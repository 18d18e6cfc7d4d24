#include "watchpoller.h"

#include "changefeed.h"

#include "flotillaclient.h"
#include "watchlist.h"

#include <QUrlQuery>

namespace Flotilla {

namespace {

// The active runs, newest first; enough rows that a watched run is not cut off.
QUrlQuery activeQuery()
{
    QUrlQuery query;
    for (const RunStatus status : {RunStatus::Queued, RunStatus::Pending, RunStatus::Running})
        query.addQueryItem(QStringLiteral("status"), runStatusName(status));
    query.addQueryItem(QStringLiteral("sort_by"), QStringLiteral("started_at"));
    query.addQueryItem(QStringLiteral("order"), QStringLiteral("desc"));
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("1000"));
    return query;
}

QUrlQuery recentlyFinishedQuery()
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("status"), runStatusName(RunStatus::Stopped));
    query.addQueryItem(QStringLiteral("sort_by"), QStringLiteral("finished_at"));
    query.addQueryItem(QStringLiteral("order"), QStringLiteral("desc"));
    query.addQueryItem(QStringLiteral("limit"), QString::number(WatchPoller::recentlyFinishedCount));
    return query;
}

// Ids and statuses: what a list's readers see of it.
bool sameRuns(const QList<Run> &a, const QList<Run> &b)
{
    return std::equal(a.cbegin(), a.cend(), b.cbegin(), b.cend(), [](const Run &x, const Run &y) {
        return x.runId == y.runId && x.status == y.status && x.exitCode == y.exitCode;
    });
}

} // namespace

WatchPoller::WatchPoller(WatchList *watches, QString profile, QObject *parent)
    : QObject(parent)
    , m_watches(watches)
    , m_profile(std::move(profile))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &WatchPoller::pollNow);
}

WatchPoller::~WatchPoller()
{
    abortJobs();
}

FlotillaClient *WatchPoller::client() const
{
    return m_client.data();
}

void WatchPoller::setClient(FlotillaClient *client)
{
    if (client == m_client)
        return;
    abortJobs();
    m_timer.stop();
    m_pollAgain = false;
    m_client = client;
    followChanges();
    if (client)
        pollNow();
}

void WatchPoller::followChanges()
{
    if (m_feed) {
        m_feed->unsubscribe(this);
    }
    m_feed = m_client ? m_client->changeFeed() : nullptr;
    if (!m_feed)
        return;
    connect(m_feed, &ChangeFeed::changed, this, &WatchPoller::onChanges);
    connect(m_feed, &ChangeFeed::resetRequired, this, &WatchPoller::pollSoon);
    connect(m_feed, &ChangeFeed::healthyChanged, this, &WatchPoller::onFeedHealthy);
    m_feed->subscribe(this);
}

void WatchPoller::onChanges(const QList<FeedChange> &changes)
{
    if (std::any_of(changes.cbegin(), changes.cend(), [](const FeedChange &change) { return change.kind == u"run"; }))
        pollSoon();
}

void WatchPoller::onFeedHealthy(bool healthy)
{
    if (healthy)
        pollSoon(); // what changed before the feed began is not in it
    else if (m_client && m_jobs.isEmpty())
        m_timer.start(m_intervalMs);
}

void WatchPoller::pollSoon()
{
    if (m_jobs.isEmpty())
        pollNow();
    else
        m_pollAgain = true;
}

void WatchPoller::abortJobs()
{
    const QList<QPointer<ApiJob>> jobs = std::exchange(m_jobs, {});
    for (const QPointer<ApiJob> &job : jobs) {
        if (job) {
            disconnect(job, nullptr, this, nullptr);
            job->abort();
        }
    }
}

void WatchPoller::send(ApiJob *job, std::function<void(ApiJob *)> answered)
{
    m_jobs.append(job);
    connect(job, &ApiJob::finished, this, [this, job, answered = std::move(answered)] {
        m_jobs.removeAll(job);
        answered(job);
        if (m_jobs.isEmpty())
            cycleDone();
    });
    job->start();
}

void WatchPoller::pollNow()
{
    if (!m_client || !m_jobs.isEmpty())
        return;
    m_timer.stop();
    // The first cycle takes the recently finished list before anything else:
    // a watched definition's run that ends after that is new in a later list,
    // however slow the first answers are.
    if (m_hasFinishedList)
        askActive();
    else
        askRecentlyFinished();
}

void WatchPoller::askActive()
{
    send(m_client->listRuns(activeQuery()), [this](ApiJob *job) { onActiveAnswer(job); });
}

void WatchPoller::cycleDone()
{
    if (std::exchange(m_pollAgain, false))
        pollNow();
    else if (m_client && !(m_feed && m_feed->isHealthy()))
        m_timer.start(m_intervalMs);
}

bool WatchPoller::isWatched(const Run &run) const
{
    return m_watches->isRunWatched(m_profile, run.runId) || m_watches->isDefinitionWatched(m_profile, run.definitionId)
           || (!run.alias.isEmpty() && m_watches->isDefinitionWatched(m_profile, run.alias));
}

void WatchPoller::onActiveAnswer(ApiJob *job)
{
    if (!job->succeeded())
        return Q_EMIT errorOccurred(job->error());
    const QList<Run> active = static_cast<ResultJob<RunList> *>(job)->result().history;
    m_polled = true;

    QSet<QString> activeIds;
    bool anyLeft = false;
    for (const Run &run : m_active)
        anyLeft = anyLeft || std::none_of(active.cbegin(), active.cend(), [&run](const Run &now) {
                      return now.runId == run.runId;
                  });
    for (const Run &run : active) {
        activeIds.insert(run.runId);
        if (!isWatched(run))
            continue;
        const auto seen = m_tracked.constFind(run.runId);
        const bool moved = seen == m_tracked.cend() || seen->status != run.status;
        m_tracked.insert(run.runId, run);
        if (moved)
            Q_EMIT watchedRunChanged(run);
    }
    const bool changed = !sameRuns(m_active, active);
    m_active = active;
    if (changed)
        Q_EMIT activeRunsChanged();

    // Watched runs not among the active ones ended (or were never active).
    m_gone.clear();
    for (auto it = m_tracked.cbegin(); it != m_tracked.cend(); ++it) {
        if (!activeIds.contains(it.key()))
            m_gone.insert(it.key());
    }
    for (const QString &runId : m_watches->watchedRuns(m_profile)) {
        if (!activeIds.contains(runId))
            m_gone.insert(runId);
    }
    // The recently finished list changes only when a run left the active one,
    // or when a run began and ended between two polls: only a definition
    // watch waits for those.
    const bool definitionWatches = !m_watches->watchedDefinitions(m_profile).isEmpty();
    if (anyLeft || !m_gone.isEmpty() || definitionWatches)
        askRecentlyFinished();
}

void WatchPoller::askRecentlyFinished()
{
    send(m_client->listRuns(recentlyFinishedQuery()), [this](ApiJob *job) { onRecentAnswer(job); });
}

void WatchPoller::onRecentAnswer(ApiJob *job)
{
    if (!job->succeeded()) {
        Q_EMIT errorOccurred(job->error());
        return resolveGone();
    }
    const QList<Run> previous = std::exchange(m_finished, static_cast<ResultJob<RunList> *>(job)->result().history);
    const bool changed = !sameRuns(previous, m_finished);
    const bool firstList = !m_hasFinishedList;
    m_hasFinishedList = true;
    if (changed || firstList)
        Q_EMIT recentlyFinishedChanged();
    resolveGone();
    if (firstList)
        return askActive(); // those ended before we looked
    // A run of a watched definition that began and ended between two polls.
    for (const Run &run : std::as_const(m_finished)) {
        const bool isNew = std::none_of(previous.cbegin(), previous.cend(),
                                        [&run](const Run &old) { return old.runId == run.runId; });
        if (isNew && !m_reported.contains(run.runId) && isWatched(run))
            finish(run);
    }
}

void WatchPoller::resolveGone()
{
    for (const Run &run : std::as_const(m_finished)) {
        if (m_gone.remove(run.runId))
            finish(run);
    }
    for (const QString &runId : std::exchange(m_gone, {})) {
        if (m_client)
            send(m_client->run(runId), [this, runId](ApiJob *job) { onRunAnswer(job, runId); });
    }
}

void WatchPoller::onRunAnswer(ApiJob *job, const QString &runId)
{
    if (!job->succeeded()) {
        if (job->error().httpStatus() == 404) {
            m_tracked.remove(runId);
            m_watches->unwatchRun(m_profile, runId);
            return;
        }
        return Q_EMIT errorOccurred(job->error());
    }
    const Run &run = static_cast<ResultJob<Run> *>(job)->result();
    if (run.status == RunStatus::Stopped)
        finish(run);
    else
        m_tracked.insert(runId, run); // between lists (or NEEDS_RETRY): asked again next time
}

void WatchPoller::finish(const Run &run)
{
    m_tracked.remove(run.runId);
    if (m_reported.contains(run.runId))
        return;
    m_reported.insert(run.runId);
    Q_EMIT watchedRunFinished(run);
    m_watches->unwatchRun(m_profile, run.runId);
}

} // namespace Flotilla
