#include "desktopnotifier.h"
#include "notificationsinterface.h"

#include <runs/runstate.h>

#include <icons.h>

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

namespace Flotilla {

namespace {

const QString service = QStringLiteral("org.freedesktop.Notifications");
const QString path = QStringLiteral("/org/freedesktop/Notifications");
const QString interface = QStringLiteral("org.freedesktop.Notifications");
// "default" is a click on the notification; "open" a button on servers that show actions.
const QString defaultAction = QStringLiteral("default");
const QString openAction = QStringLiteral("open");

} // namespace

DesktopNotifier::DesktopNotifier(QObject *parent)
    : QObject(parent)
{
    auto *notifications = new OrgFreedesktopNotificationsInterface(service, path, QDBusConnection::sessionBus(), this);
    connect(notifications, &OrgFreedesktopNotificationsInterface::ActionInvoked, this,
            &DesktopNotifier::onActionInvoked);
    connect(notifications, &OrgFreedesktopNotificationsInterface::NotificationClosed, this,
            &DesktopNotifier::onNotificationClosed);
}

QString DesktopNotifier::summary(const Run &run)
{
    return tr("%1: %2").arg(run.alias.isEmpty() ? run.runId : run.alias, runStateText(runState(run)));
}

QString DesktopNotifier::body(const Run &run)
{
    // Whole sentences for translators, one a line, not pieces glued together.
    QStringList lines;
    const std::optional<QDateTime> began = run.startedAt ? run.startedAt : run.queuedAt;
    if (began && run.finishedAt)
        lines.append(tr("Ran for %1.").arg(durationText(began->msecsTo(*run.finishedAt))));
    if (run.exitCode)
        lines.append(tr("Exit code %1.").arg(*run.exitCode));
    if (!run.exitReason.isEmpty())
        lines.append(run.exitReason);
    return lines.join(u'\n');
}

void DesktopNotifier::runFinished(const QString &profile, const Run &run)
{
    QDBusMessage notify = QDBusMessage::createMethodCall(service, path, interface, QStringLiteral("Notify"));
    const bool failed = runState(run) != RunState::Succeeded;
    const bool stays = failed && m_failuresStay;
    QVariantMap hints{{QStringLiteral("desktop-entry"), applicationId()}};
    if (stays)
        hints.insert(QStringLiteral("urgency"), QVariant::fromValue(uchar(2))); // critical
    notify << QCoreApplication::applicationName() << 0u << applicationId() << summary(run) << body(run)
           << QStringList{defaultAction, tr("Open"), openAction, tr("Open")} << hints << (stays ? 0 : -1);
    // The id comes back asynchronously; nothing waits for it.
    auto *watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(notify), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, profile, run] {
        watcher->deleteLater();
        const QDBusPendingReply<uint> reply = *watcher;
        if (reply.isError())
            return Q_EMIT notShown(profile, run);
        m_shown.insert(reply.value(), {profile, run});
    });
}

void DesktopNotifier::onActionInvoked(uint id, const QString &action)
{
    const auto shown = m_shown.constFind(id);
    if (shown == m_shown.cend() || (action != defaultAction && action != openAction))
        return;
    Q_EMIT openRequested(shown->profile, shown->run);
}

void DesktopNotifier::onNotificationClosed(uint id, uint)
{
    m_shown.remove(id);
}

} // namespace Flotilla
