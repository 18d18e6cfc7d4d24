#pragma once

#include <QDBusConnection>
#include <QObject>
#include <QStringList>
#include <QVariantMap>

namespace Flotilla::Testing {

// org.freedesktop.Notifications as a desktop shell offers it, recording the
// calls, on a session bus connection of its own, as another process's would
// be (ctest runs the tests that use it under dbus-run-session).
class FakeNotifications final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    static const QString serviceName;
    static const QString servicePath;

    struct Call
    {
        QString appName;
        QString icon;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        int timeout;
    };
    QList<Call> calls;

    FakeNotifications();

    // Offers the service; false, with the reason, when there is no session bus.
    bool publish(QString *error);
    QDBusConnection &shell() { return m_shell; }
    // Says `name` (ActionInvoked, NotificationClosed) as the service would.
    bool emitSignal(const QString &name, const QVariantList &arguments);

public Q_SLOTS:
    uint Notify(const QString &appName, uint replacesId, const QString &icon, const QString &summary,
                const QString &body, const QStringList &actions, const QVariantMap &hints, int timeout);

private:
    QDBusConnection m_shell;
};

} // namespace Flotilla::Testing
