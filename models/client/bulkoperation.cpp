#include "bulkoperation.h"

#include "apijob.h"

#include <QTimer>

#include <utility>

namespace Flotilla {

BulkOperation::BulkOperation(QList<BulkItem> items, Step step, QObject *parent)
    : QObject(parent)
    , m_items(std::move(items))
    , m_step(std::move(step))
{}

BulkOperation::~BulkOperation()
{
    // Quietly: the jobs' finished() would come to an object being destroyed.
    for (const QPointer<ApiJob> &job : std::as_const(m_inFlight)) {
        if (job)
            disconnect(job, nullptr, this, nullptr);
    }
}

void BulkOperation::start()
{
    if (m_started)
        return;
    m_started = true;
    if (m_items.isEmpty()) {
        // Not from inside start(): the caller connects first, then starts.
        QTimer::singleShot(0, this, &BulkOperation::finish);
        return;
    }
    startNextItems();
}

void BulkOperation::startNextItems()
{
    while (!m_aborted && m_inFlight.size() < m_concurrency && m_next < m_items.size()) {
        const qsizetype index = m_next++;
        ApiJob *job = m_step(m_items.at(index), nullptr);
        if (!job) { // nothing to ask for this one
            m_succeeded.append(m_items.at(index));
            Q_EMIT itemSucceeded(m_items.at(index), nullptr);
            itemDone();
            continue;
        }
        send(index, job);
    }
}

void BulkOperation::send(qsizetype index, ApiJob *job)
{
    m_inFlight.append(job);
    connect(job, &ApiJob::finished, this, [this, index, job] { onJobFinished(index, job); });
    job->start();
}

void BulkOperation::onJobFinished(qsizetype index, ApiJob *job)
{
    m_inFlight.removeOne(job);
    if (m_aborted)
        return;
    const BulkItem &item = m_items.at(index);
    if (!job->succeeded()) {
        m_failures.append({item, job->error()});
    } else if (ApiJob *next = m_step(item, job)) {
        return send(index, next);
    } else {
        m_succeeded.append(item);
        Q_EMIT itemSucceeded(item, job);
    }
    itemDone();
    startNextItems();
}

void BulkOperation::itemDone()
{
    Q_EMIT progress(doneCount(), total());
    if (doneCount() == total())
        finish();
}

void BulkOperation::abort()
{
    if (!m_started || m_finished)
        return;
    m_aborted = true;
    const QList<QPointer<ApiJob>> inFlight = std::exchange(m_inFlight, {});
    for (const QPointer<ApiJob> &job : inFlight) {
        if (job)
            job->abort();
    }
    finish();
}

void BulkOperation::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished();
}

} // namespace Flotilla
