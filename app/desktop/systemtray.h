#pragma once

#include <QObject>

#include <memory>

class QSystemTrayIcon;

namespace Flotilla {

class TrayMenu;
class TrayState;

// The system tray icon: a thin wrapper that draws a TrayState (icon per
// state, tooltip) and opens its TrayMenu. Made only where the platform has a
// tray (QSystemTrayIcon::isSystemTrayAvailable()).
class SystemTray final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SystemTray)

public:
    SystemTray(TrayState *state, QObject *parent = nullptr);
    ~SystemTray() override;

    TrayMenu *menu() const { return m_menu.get(); }
    // A balloon message (the fallback for desktop notifications).
    void showMessage(const QString &title, const QString &text, bool failure);

Q_SIGNALS:
    // A click on the icon itself (not its menu).
    void clicked();
    void messageClicked();

private:
    void update();

    TrayState *m_state;
    std::unique_ptr<TrayMenu> m_menu; // a widget: no QObject parent
    QSystemTrayIcon *m_icon;
};

} // namespace Flotilla
