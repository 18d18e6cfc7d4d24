#pragma once

#include "traystate.h"

#include <QMenu>

namespace Flotilla {

// The tray's menu, drawn from a TrayState each time it opens (and when the
// state changes while it is open). Opening it counts as looking.
class TrayMenu final : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayMenu)

public:
    explicit TrayMenu(TrayState *state, QWidget *parent = nullptr);

    // Fills the menu from the state now.
    void rebuild();

Q_SIGNALS:
    void runActivated(const QString &profile, const Flotilla::Run &run);
    void launchActivated(const QString &profile, const Flotilla::LaunchItem &item);
    void showWindowRequested();
    void quitRequested();

private:
    void addItems(QMenu *menu, const QList<TrayState::MenuItem> &items);

    TrayState *m_state;
};

} // namespace Flotilla
