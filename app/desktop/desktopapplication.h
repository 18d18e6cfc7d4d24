#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace Flotilla {

class EmbeddedControlPlane;
class FlotillaClient;
class MainWindow;
class ProfileStore;
class WatchCenter;

// The composition root of flotilla-desktop: profiles, the local control
// plane, the main window, and watching runs (notifications, the tray).
class DesktopApplication final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopApplication)

public:
    struct Options
    {
        QString dataDir;        // of the local control plane
        bool startLocal = true; // false: no local control plane (remote profiles only)
    };

    explicit DesktopApplication(Options options, QObject *parent = nullptr);
    ~DesktopApplication() override;

    void start();
    // Shows what a flotilla:// link points to (after start()).
    void openLink(const QString &link);
    // Brings the main window to the front (another start handed over to this one).
    void raiseWindow();
    MainWindow *mainWindow() const { return m_window.get(); }
    EmbeddedControlPlane *localControlPlane() const { return m_local; }
    WatchCenter *watchCenter() const { return m_watch.get(); }
    // Watches a run of the profile the window shows (--watch RUN_ID); after start().
    void watchRun(const QString &runId);

private:
    Options m_options;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<WatchCenter> m_watch;
    EmbeddedControlPlane *m_local = nullptr;
};

} // namespace Flotilla
