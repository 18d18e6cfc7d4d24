#pragma once

#include "runpoller.h"

#include <wire/feedpage.h>
#include <wire/run.h>

#include <QPointer>

namespace Flotilla {

class ChangeFeed;

// Follows one run's record until it is STOPPED: reads it at once, then every
// interval() (default 5 s, the official UI's pace). Against our control
// plane, while the client's ChangeFeed is healthy, it reads the run only
// when the feed names it (and once when the feed starts) instead of on the
// timer; the timer takes over again when the feed fails. updated() comes with the
// first answer, whenever the status moves forward, and when the record
// changed at the same status (usage, events); an answer with an older status
// than one already seen (a lagging replica) is ignored, since a status never
// moves backwards. finished() comes once, with the STOPPED run, and the
// watcher stops.
//
// Where the server serves /status (client->servesRunStatus(): our control
// plane, current upstream) each poll asks it with If-None-Match, and the
// whole run is fetched only when the ETag changed; a 304 costs nothing more.
// Upstream's ETag covers status and exit code only, so there a RUNNING run's
// usage is refreshed when its status moves. A server that refuses /status
// (an older upstream) is polled for the whole run from then on, as a
// seed-era one always is.
//
// Errors: transient ones (no connection, 502/503/504, timeouts) are reported
// with errorOccurred() and polling goes on; others (404: no such run) are
// reported and end the watching (isActive() false, no finished()).
class RunWatcher final : public RunPoller
{
    Q_OBJECT

public:
    RunWatcher(FlotillaClient *client, QString runId, QObject *parent = nullptr);

    void setInterval(int milliseconds) { m_intervalMs = milliseconds; }
    int interval() const { return m_intervalMs; }
    const Run &run() const { return m_run; } // the latest record; empty before the first answer
    // The status's ETag as last answered; empty before, or without /status.
    QString etag() const { return m_etag; }

Q_SIGNALS:
    void updated(const Flotilla::Run &run);
    void finished(const Flotilla::Run &run);
    void errorOccurred(const Flotilla::ApiError &error);

private:
    void starting() override;
    void stopped() override;
    void poll() override;
    void onChanges(const QList<FeedChange> &changes);
    void onFeedHealthy(bool healthy);
    // Reads the run now, or after the request under way.
    void pollSoon();
    // After an answer: a queued poll, else the timer unless the feed serves.
    void scheduleNext();
    void fetchRun();
    void onStatusAnswer(ApiJob *job);
    void onAnswer(ApiJob *job);
    void onError(const ApiError &error);

    int m_intervalMs = 5000;
    QPointer<ChangeFeed> m_feed;
    Run m_run;
    QString m_etag;
    bool m_hasRun = false;
    bool m_statusRefused = false;
    bool m_pollAgain = false;
};

} // namespace Flotilla
