#pragma once

#include <client/settings.h>
#include <wire/run.h>

#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>

namespace Flotilla {

class DesktopNotifier;
class FlotillaClient;
class MainWindow;
class SystemTray;
class TrayState;
class WatchList;
class WatchPoller;

// Watching runs for the user, with the window closed too: the watch list,
// one WatchPoller per connected server profile (the current one, and any
// other with watches left), a desktop notification for each watched run that
// ends (launched runs are watched by themselves), and the tray where the
// platform has one: its state, its menu, and keeping the app in it when the
// window closes while runs are active.
class WatchCenter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WatchCenter)

public:
    explicit WatchCenter(MainWindow *window, QObject *parent = nullptr);
    ~WatchCenter() override;

    WatchList *watchList() const { return m_watches; }
    // Favourites and others add their own Launch menu groups here.
    TrayState *trayState() const { return m_trayState; }
    DesktopNotifier *notifier() const { return m_notifier; }
    SystemTray *tray() const { return m_tray; } // null without a system tray
    WatchPoller *poller(const QString &profile) const { return m_pollers.value(profile); }

    void watchRun(const QString &profile, const QString &runId);
    // Opens the run's window with the client of its profile.
    void openRun(const QString &profile, const Run &run);
    void showWindow();
    // Quits for real, past the tray (the tray's Quit).
    void quit();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void clientConnected(FlotillaClient *client);
    void runFinished(const QString &profile, const Run &run);
    void runLaunched(const QString &profile, const Run &run);
    void updateLaunchItems();
    void launch(const QString &profile, const LaunchItem &item);
    bool keepsRunningInTray() const;
    void goToTray();

    MainWindow *m_window;
    WatchList *m_watches;
    TrayState *m_trayState;
    DesktopNotifier *m_notifier;
    SystemTray *m_tray = nullptr;
    QHash<QString, WatchPoller *> m_pollers; // by profile
    std::pair<QString, Run> m_lastUnshown;   // the tray's message: what it opens
    bool m_quitting = false;
};

} // namespace Flotilla
