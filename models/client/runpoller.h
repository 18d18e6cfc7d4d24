#pragma once

#include "apierror.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace Flotilla {

class ApiJob;
class FlotillaClient;

// What LogTailer and RunWatcher share: one run followed through a client by
// polling, one request at a time, the next one on a single-shot timer.
class RunPoller : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunPoller)

public:
    ~RunPoller() override;

    QString runId() const { return m_runId; }
    void start();
    void stop(); // quietly: no signal
    bool isActive() const { return m_active; }
    bool isFinished() const { return m_finished; }
    bool isPolling() const { return bool(m_job); } // a request is out
    // The pause (ms) before the latest poll that waited on the timer, so
    // tests can follow the pacing without reading a clock.
    int scheduledDelay() const { return m_timer.interval(); }

protected:
    RunPoller(FlotillaClient *client, QString runId, QObject *parent);

    // Sends the next request (only called while active).
    virtual void poll() = 0;
    // Before the first poll of a start().
    virtual void starting() {}
    // After stop(), end() or an error that ends polling (not from the destructor).
    virtual void stopped() {}

    FlotillaClient *client() const { return m_client.data(); }
    // Starts `job`; `answered` gets it when it finishes. stop() aborts it.
    void send(ApiJob *job, const std::function<void(ApiJob *)> &answered);
    void scheduleIn(int milliseconds);
    void pollNow(); // at once, instead of when the timer says
    // Transient errors (no connection, 502/503/504, timeouts) let polling go
    // on; any other ends it. Returns whether it goes on.
    bool goesOnAfter(const ApiError &error);
    void end(bool reachedTheEnd);

    QString m_runId;

private:
    void abortJob();

    QPointer<FlotillaClient> m_client;
    QPointer<ApiJob> m_job;
    QTimer m_timer;
    bool m_active = false;
    bool m_finished = false;
};

} // namespace Flotilla
