#pragma once

#include "apierror.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <algorithm>
#include <functional>

namespace Flotilla {

class ApiJob;

// One item of a bulk operation: its id and the name messages give it.
struct BulkItem
{
    QString id;
    QString name;
};

// An item that failed, with the error of the request that failed it.
struct BulkFailure
{
    BulkItem item;
    ApiError error;
};

// Runs one small chain of requests per item (stop these runs, launch these
// definitions), at most concurrency() items at once, and says how far it
// got. Each request is sent once: a failure is recorded for its item, never
// retried, and the other items go on. finished() comes once, after every
// item succeeded or failed, or at once after abort().
//
// `step` makes an item's next request, not yet started: with `previous`
// null its first; after each success, the one that follows it (a stop may
// first read the run), or null when the item is done. The jobs' client must
// outlive the operation (ServerConnection::holdClient).
class BulkOperation final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkOperation)

public:
    using Step = std::function<ApiJob *(const BulkItem &item, const ApiJob *previous)>;
    static constexpr int defaultConcurrency = 4;

    BulkOperation(QList<BulkItem> items, Step step, QObject *parent = nullptr);
    ~BulkOperation() override;

    void setConcurrency(int items) { m_concurrency = std::max(1, items); }
    int concurrency() const { return m_concurrency; }

    void start();
    // Aborts the requests in flight and starts no more; their items and the
    // ones not started count neither as done nor as failed.
    void abort();

    const QList<BulkItem> &items() const { return m_items; }
    int total() const { return int(m_items.size()); }
    int doneCount() const { return int(m_succeeded.size() + m_failures.size()); }
    const QList<BulkItem> &succeeded() const { return m_succeeded; } // in the order they finished
    const QList<BulkFailure> &failures() const { return m_failures; }
    bool isFinished() const { return m_finished; }
    bool wasAborted() const { return m_aborted; }
    int inFlight() const { return int(m_inFlight.size()); } // requests under way

Q_SIGNALS:
    void progress(int done, int total);
    // `last`: the item's last request (null if it needed none), readable during the signal only.
    void itemSucceeded(const Flotilla::BulkItem &item, const Flotilla::ApiJob *last);
    void finished();

private:
    void startNextItems();
    void send(qsizetype index, ApiJob *job);
    void onJobFinished(qsizetype index, ApiJob *job);
    void itemDone();
    void finish();

    QList<BulkItem> m_items;
    Step m_step;
    QList<QPointer<ApiJob>> m_inFlight;
    QList<BulkItem> m_succeeded;
    QList<BulkFailure> m_failures;
    qsizetype m_next = 0;
    int m_concurrency = defaultConcurrency;
    bool m_started = false;
    bool m_aborted = false;
    bool m_finished = false;
};

} // namespace Flotilla
