#pragma once

#include <wire/run.h>

#include <QHash>
#include <QObject>

namespace Flotilla {

// Desktop notifications (org.freedesktop.Notifications over D-Bus) for
// watched runs that ended: outcome, duration and exit reason, and an Open
// action (openRequested()). Failures can stay until dismissed. Without a
// notification service the notification is handed to notShown() (the tray
// shows it as its message instead).
class DesktopNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopNotifier)

public:
    explicit DesktopNotifier(QObject *parent = nullptr);

    // Failed runs' notifications stay until dismissed (no timeout, critical urgency).
    void setFailuresStay(bool stay) { m_failuresStay = stay; }
    bool failuresStay() const { return m_failuresStay; }

    // One notification for a run of `profile` that ended.
    void runFinished(const QString &profile, const Flotilla::Run &run);

    static QString summary(const Run &run);
    static QString body(const Run &run);

Q_SIGNALS:
    // Open was chosen on the notification of `run`.
    void openRequested(const QString &profile, const Flotilla::Run &run);
    // No notification service took it.
    void notShown(const QString &profile, const Flotilla::Run &run);

private:
    void onActionInvoked(uint id, const QString &action);
    void onNotificationClosed(uint id, uint reason);

    struct Shown
    {
        QString profile;
        Run run;
    };
    QHash<uint, Shown> m_shown; // by notification id, until closed
    bool m_failuresStay = false;
};

} // namespace Flotilla
