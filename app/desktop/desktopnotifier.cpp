#include "desktopnotifier.h"

#include <runs/runstate.h>

#include <icons.h>

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusMessage>

namespace Flotilla {

void DesktopNotifier::runFinished(const Run &run)
{
    QDBusMessage notify = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.Notifications"),
                                                         QStringLiteral("/org/freedesktop/Notifications"),
                                                         QStringLiteral("org.freedesktop.Notifications"),
                                                         QStringLiteral("Notify"));
    const QString summary = tr("%1: %2").arg(run.alias, runStateText(runState(run)));
    // Whole sentences for translators, not pieces glued together.
    const QString code = run.exitCode ? QString::number(*run.exitCode) : QString();
    const QString body = code.isEmpty()             ? run.exitReason
                         : run.exitReason.isEmpty() ? tr("Exit code %1").arg(code)
                                                    : tr("Exit code %1. %2").arg(code, run.exitReason);
    notify << QCoreApplication::applicationName() << 0u << applicationId() << summary << body << QStringList()
           << QVariantMap{{QStringLiteral("desktop-entry"), applicationId()}} << -1;
    // Fire and forget: no reply is awaited, so a missing service costs nothing.
    QDBusConnection::sessionBus().send(notify);
}

} // namespace Flotilla
