#pragma once

#include "apierror.h"

#include <wire/feedpage.h>

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace Flotilla {

class ApiJob;
class FlotillaClient;

// Our control plane's change feed (GET /api/v6/changes) for one client: one
// long poll (wait=25 s) serves every subscriber of the app. It runs while
// something is subscribed and the client's flavour is ControlPlane, keeps
// the number it asks from, and emits what changed (one changed() per
// answer) or resetRequired() when the server no longer keeps that number.
//
// Subscribers poll as before while the feed is not healthy (not started,
// a server of another flavour, errors, a 404 from an older control plane)
// and rely on it while it is: healthyChanged(true) comes after the first
// answer, when a subscriber should read once what it follows (whatever
// changed before that is not in the feed). After an error the feed forgets
// its number, says healthyChanged(false) and tries again after
// retryInterval(). Under ServerFlavour::Auto it looks again at the
// flavour on that timer, sending nothing.
class ChangeFeed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangeFeed)

public:
    static constexpr int waitSeconds = 25;

    explicit ChangeFeed(FlotillaClient *client);
    ~ChangeFeed() override;

    // The feed runs while at least one subscriber is; a subscriber that is
    // destroyed is unsubscribed. Unsubscribing disconnects the feed's signals from it.
    void subscribe(QObject *subscriber);
    void unsubscribe(QObject *subscriber);
    bool isHealthy() const { return m_healthy; }
    // The latest change number answered; -1 without one.
    qint64 seq() const { return m_seq; }
    int requestsSent() const { return m_requestsSent; }
    void setRetryInterval(int milliseconds) { m_retry.setInterval(milliseconds); }
    int retryInterval() const { return m_retry.interval(); }

Q_SIGNALS:
    void changed(const QList<Flotilla::FeedChange> &changes);
    void resetRequired();
    void healthyChanged(bool healthy);
    void errorOccurred(const Flotilla::ApiError &error);

private:
    void start();
    void stop();
    void request();
    void onAnswer(ApiJob *job);
    void setHealthy(bool healthy);

    FlotillaClient *m_client;
    QSet<QObject *> m_subscribers;
    QPointer<ApiJob> m_job;
    QTimer m_retry;
    qint64 m_seq = -1;
    int m_requestsSent = 0;
    bool m_healthy = false;
};

} // namespace Flotilla
