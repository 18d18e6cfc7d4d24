#include "icons.h"

namespace Flotilla {

namespace {

// No default case: a new enum value without an icon is a compiler warning.
const char *fileName(StatusIcon icon)
{
    switch (icon) {
    case StatusIcon::Queued: return "queued";
    case StatusIcon::Pending: return "pending";
    case StatusIcon::Running: return "running";
    case StatusIcon::Succeeded: return "succeeded";
    case StatusIcon::Failed: return "failed";
    case StatusIcon::Stopped: return "stopped";
    case StatusIcon::Unknown: return "unknown";
    }
    Q_UNREACHABLE();
    return nullptr;
}

const char *fileName(ActionIcon icon)
{
    switch (icon) {
    case ActionIcon::Launch: return "launch";
    case ActionIcon::Stop: return "stop";
    case ActionIcon::Retry: return "retry";
    case ActionIcon::Refresh: return "refresh";
    case ActionIcon::New: return "new";
    case ActionIcon::Edit: return "edit";
    case ActionIcon::Copy: return "copy";
    case ActionIcon::Delete: return "delete";
    case ActionIcon::Star: return "star";
    }
    Q_UNREACHABLE();
    return nullptr;
}

const char *fileName(TrayIcon icon)
{
    switch (icon) {
    case TrayIcon::Idle: return "idle";
    case TrayIcon::Active: return "active";
    case TrayIcon::Failure: return "failure";
    }
    Q_UNREACHABLE();
    return nullptr;
}

} // namespace

QString applicationId()
{
    return QStringLiteral(FLOTILLA_APP_ID);
}

QIcon applicationIcon()
{
    return QIcon::fromTheme(applicationId(), QIcon(QStringLiteral(":/icons/" FLOTILLA_APP_ID ".svg")));
}

QIcon statusIcon(StatusIcon icon)
{
    return QIcon(QStringLiteral(":/icons/status/%1.svg").arg(QLatin1String(fileName(icon))));
}

QIcon actionIcon(ActionIcon icon)
{
    return QIcon(QStringLiteral(":/icons/actions/%1.svg").arg(QLatin1String(fileName(icon))));
}

QIcon trayIcon(TrayIcon icon)
{
    return QIcon(QStringLiteral(":/icons/tray/%1.svg").arg(QLatin1String(fileName(icon))));
}

} // namespace Flotilla
