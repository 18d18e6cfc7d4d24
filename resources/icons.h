#pragma once

#include <QIcon>
#include <QString>

namespace Flotilla {

// What a run's status icon shows; views decide which one a run gets
// (a STOPPED run is Succeeded or Failed by its exit code).
enum class StatusIcon { Queued, Pending, Running, Succeeded, Failed, Stopped, Unknown };

enum class ActionIcon { Launch, Stop, Retry, Refresh, New, Edit, Copy, Delete, Star };

// The tray icon's states: nothing running, runs active, a failure not yet looked at.
enum class TrayIcon { Idle, Active, Failure };

// The reverse-DNS id that names the .desktop file, the metainfo and the
// themed icon; pass it to QGuiApplication::setDesktopFileName.
QString applicationId();

// The installed themed icon, else the one compiled into this library.
QIcon applicationIcon();

QIcon statusIcon(StatusIcon icon);
QIcon actionIcon(ActionIcon icon);
QIcon trayIcon(TrayIcon icon);

} // namespace Flotilla
