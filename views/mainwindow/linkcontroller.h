#pragma once

#include <client/flotillalink.h>

#include <QObject>

#include <optional>

namespace Flotilla {

class FlotillaClient;
class MainWindow;
class ProfileStore;
struct ServerProfile;

// flotilla:// links in the main window: open() shows what a link points to
// (switching to its profile and waiting for the connection first), copy()
// puts the link of an item of the shown server on the clipboard, with the
// upstream web UI's URL where the profile names a web UI address.
class LinkController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LinkController)

public:
    LinkController(MainWindow *window, ProfileStore *profiles);

    // Opens a run's window, or selects a definition or a template; a bad
    // link or an unknown profile shows in the error bar.
    void open(const QString &text);
    void copy(FlotillaLink::Kind kind, const QString &id);

    // The clipboard text for `link`: the link alone, or the link and the web
    // UI's URL, each on a line that says which it is.
    static QString clipboardText(const FlotillaLink &link, const ServerProfile &profile);

private:
    void connected(FlotillaClient *client);
    void show(FlotillaClient *client, const FlotillaLink &link);
    void failed(const FlotillaLink &link, const QString &why);

    MainWindow *m_window;
    ProfileStore *m_profiles;
    std::optional<FlotillaLink> m_pending; // until its profile is connected
};

} // namespace Flotilla
