#pragma once

#include "apierror.h"

#include <wire/feedpage.h>
#include <wire/run.h>

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace Flotilla {

class ApiJob;
class ChangeFeed;
class FlotillaClient;
class WatchList;

// One poll serves every watch of a server profile: each cycle asks for the
// list of active runs (QUEUED, PENDING, RUNNING: one request, as upstream's
// web UI asks), whatever the number of watches. A watched run (by id, or of a
// watched definition by definition id or alias) that appears or moves is
// reported with watchedRunChanged(); one that leaves the list is looked up in
// the few runs that finished last (asked only when something left) and else
// fetched once, and then reported with watchedRunFinished() and unwatched.
// The first cycle asks for those few first: they ended before it looked.
// So a run costs a request of its own only when it ends, never per poll.
// Definition watches add the recently finished list to each cycle (a run
// may begin and end between two polls): two requests, however many watches.
//
// Against our control plane, while the client's ChangeFeed is healthy, a
// cycle runs when the feed names a run (any: a watched definition may have
// a new one) instead of every interval(); the timer takes over again when
// the feed fails.
//
// The lists it reads (activeRuns(), recentlyFinished()) also feed the tray.
// Errors are reported and polling goes on at the next interval; a watched run
// the server does not know (404) is dropped quietly.
class WatchPoller final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WatchPoller)

public:
    static constexpr int recentlyFinishedCount = 5;

    WatchPoller(WatchList *watches, QString profile, QObject *parent = nullptr);
    ~WatchPoller() override;

    QString profile() const { return m_profile; }
    FlotillaClient *client() const;
    // Polls with `client` from now on, at once; null stops polling.
    void setClient(FlotillaClient *client);
    void setInterval(int milliseconds) { m_intervalMs = milliseconds; }
    int interval() const { return m_intervalMs; }
    // Polls now unless a poll is under way (after a new watch, say).
    void pollNow();

    const QList<Run> &activeRuns() const { return m_active; }
    const QList<Run> &recentlyFinished() const { return m_finished; } // newest first
    // After the first cycle: runs that end from now on are reported.
    bool hasPolled() const { return m_polled; }

Q_SIGNALS:
    // After a poll in which the list or a status in it changed.
    void activeRunsChanged();
    void recentlyFinishedChanged();
    void watchedRunChanged(const Flotilla::Run &run);
    // Once per watched run, with its final record.
    void watchedRunFinished(const Flotilla::Run &run);
    void errorOccurred(const Flotilla::ApiError &error);

private:
    void followChanges();
    void onChanges(const QList<FeedChange> &changes);
    void onFeedHealthy(bool healthy);
    void pollSoon(); // now, or after the cycle under way
    bool isWatched(const Run &run) const;
    void askActive();
    void onActiveAnswer(ApiJob *job);
    void askRecentlyFinished();
    void onRecentAnswer(ApiJob *job);
    void resolveGone();
    void onRunAnswer(ApiJob *job, const QString &runId);
    void finish(const Run &run);
    void send(ApiJob *job, std::function<void(ApiJob *)> answered);
    void cycleDone();
    void abortJobs();

    WatchList *m_watches;
    QString m_profile;
    QPointer<FlotillaClient> m_client;
    QPointer<ChangeFeed> m_feed;
    QTimer m_timer;
    int m_intervalMs = 5000;
    QList<QPointer<ApiJob>> m_jobs; // of the cycle under way
    QList<Run> m_active;
    QList<Run> m_finished;
    QHash<QString, Run> m_tracked; // watched runs last seen active, by id
    QSet<QString> m_gone;          // watched runs to resolve this cycle
    QSet<QString> m_reported;      // finished ones already reported
    bool m_polled = false;
    bool m_hasFinishedList = false;
    bool m_pollAgain = false;
};

} // namespace Flotilla
