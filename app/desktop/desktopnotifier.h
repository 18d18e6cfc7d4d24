#pragma once

#include <QObject>

namespace Flotilla {

struct Run;

// Desktop notifications (org.freedesktop.Notifications over D-Bus) for runs
// launched from the app. Without a notification service nothing is shown;
// the status bar says it too.
class DesktopNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopNotifier)

public:
    using QObject::QObject;

    void runFinished(const Run &run);
};

} // namespace Flotilla
