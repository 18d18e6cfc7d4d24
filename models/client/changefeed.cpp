#include "changefeed.h"

#include "flotillaclient.h"

#include <QSignalBlocker>

namespace Flotilla {

namespace {

constexpr int defaultRetryMs = 5000;
// The server holds a request up to `wait`; the job must outlast that.
constexpr int timeoutMarginMs = 10000;

} // namespace

ChangeFeed::ChangeFeed(FlotillaClient *client)
    : QObject(client)
    , m_client(client)
{
    m_retry.setSingleShot(true);
    m_retry.setInterval(defaultRetryMs);
    connect(&m_retry, &QTimer::timeout, this, &ChangeFeed::start);
}

ChangeFeed::~ChangeFeed()
{
    const QSignalBlocker quiet(this); // the client and subscribers are going
    stop();
}

void ChangeFeed::subscribe(QObject *subscriber)
{
    if (m_subscribers.contains(subscriber))
        return;
    m_subscribers.insert(subscriber);
    connect(subscriber, &QObject::destroyed, this, [this, subscriber] { unsubscribe(subscriber); });
    if (m_subscribers.size() == 1)
        start();
}

void ChangeFeed::unsubscribe(QObject *subscriber)
{
    if (!m_subscribers.remove(subscriber))
        return;
    disconnect(subscriber, &QObject::destroyed, this, nullptr);
    // No signal reaches it after this, not even stop()'s below: a subscriber
    // unsubscribed from its destructor is no longer what it was.
    disconnect(this, nullptr, subscriber, nullptr);
    if (m_subscribers.isEmpty())
        stop();
}

void ChangeFeed::start()
{
    if (m_subscribers.isEmpty() || m_job)
        return;
    switch (m_client->flavour()) {
    case ServerFlavour::ControlPlane: return request();
    case ServerFlavour::Auto: // may become ControlPlane once detected
        return m_retry.start();
    default: return;
    }
}

void ChangeFeed::stop()
{
    m_retry.stop();
    if (ApiJob *job = m_job.data()) {
        m_job.clear();
        disconnect(job, nullptr, this, nullptr);
        job->abort();
    }
    m_seq = -1;
    setHealthy(false);
}

void ChangeFeed::request()
{
    ApiJob *job = m_client->changes(m_seq, m_seq < 0 ? 0 : waitSeconds);
    job->setTimeout(waitSeconds * 1000 + timeoutMarginMs);
    job->setMaxRetries(0); // the retry timer and the polling fallback take over
    connect(job, &ApiJob::finished, this, [this, job] { onAnswer(job); });
    m_job = job;
    ++m_requestsSent;
    job->start();
}

void ChangeFeed::onAnswer(ApiJob *job)
{
    m_job.clear();
    if (!job->succeeded()) {
        // Start afresh later: the number may belong to a server that was replaced.
        m_seq = -1;
        setHealthy(false);
        Q_EMIT errorOccurred(job->error());
        m_retry.start();
        return;
    }
    const FeedPage &page = static_cast<ResultJob<FeedPage> *>(job)->result();
    const bool first = m_seq < 0;
    m_seq = page.seq;
    request();
    if (first)
        setHealthy(true);
    else if (page.reset)
        Q_EMIT resetRequired();
    else if (!page.changes.isEmpty())
        Q_EMIT changed(page.changes);
}

void ChangeFeed::setHealthy(bool healthy)
{
    if (healthy == m_healthy)
        return;
    m_healthy = healthy;
    Q_EMIT healthyChanged(healthy);
}

} // namespace Flotilla
