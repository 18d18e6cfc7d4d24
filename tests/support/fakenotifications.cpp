#include "fakenotifications.h"

#include <QDBusMessage>

namespace Flotilla::Testing {

const QString FakeNotifications::serviceName = QStringLiteral("org.freedesktop.Notifications");
const QString FakeNotifications::servicePath = QStringLiteral("/org/freedesktop/Notifications");

FakeNotifications::FakeNotifications()
    : m_shell(QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("shell")))
{}

bool FakeNotifications::publish(QString *error)
{
    if (!m_shell.isConnected())
        return *error = QStringLiteral("no session bus: run under dbus-run-session"), false;
    if (!m_shell.registerObject(servicePath, this, QDBusConnection::ExportAllSlots)
        || !m_shell.registerService(serviceName))
        return *error = m_shell.lastError().message(), false;
    return true;
}

bool FakeNotifications::emitSignal(const QString &name, const QVariantList &arguments)
{
    QDBusMessage message = QDBusMessage::createSignal(servicePath, serviceName, name);
    message.setArguments(arguments);
    return m_shell.send(message);
}

uint FakeNotifications::Notify(const QString &appName, uint, const QString &icon, const QString &summary,
                               const QString &body, const QStringList &actions, const QVariantMap &hints, int timeout)
{
    calls.append({appName, icon, summary, body, actions, hints, timeout});
    return uint(calls.size()) + 40;
}

} // namespace Flotilla::Testing
