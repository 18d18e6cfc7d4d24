#include "traymenu.h"

namespace Flotilla {

TrayMenu::TrayMenu(TrayState *state, QWidget *parent)
    : QMenu(parent)
    , m_state(state)
{
    setAccessibleName(tr("Flotilla tray menu"));
    connect(this, &QMenu::aboutToShow, this, [this] {
        m_state->acknowledge();
        rebuild();
    });
    connect(m_state, &TrayState::changed, this, [this] {
        if (isVisible())
            rebuild();
    });
    rebuild();
}

void TrayMenu::rebuild()
{
    // clear() leaves submenus alive (their actions are their own).
    qDeleteAll(findChildren<QMenu *>(Qt::FindDirectChildrenOnly));
    clear();
    addItems(this, m_state->menuItems());
}

void TrayMenu::addItems(QMenu *menu, const QList<TrayState::MenuItem> &items)
{
    using Kind = TrayState::MenuItem::Kind;
    for (const TrayState::MenuItem &item : items) {
        if (item.kind == Kind::Separator) {
            menu->addSeparator();
            continue;
        }
        if (item.kind == Kind::Submenu) {
            QMenu *submenu = menu->addMenu(item.icon, item.text);
            addItems(submenu, item.items);
            submenu->setEnabled(!item.items.isEmpty());
            continue;
        }
        QAction *action = menu->addAction(item.icon, item.text);
        switch (item.kind) {
        case Kind::Header: action->setEnabled(false); break;
        case Kind::ActiveRun:
        case Kind::FinishedRun:
            connect(action, &QAction::triggered, this,
                    [this, profile = item.profile, run = item.run] { Q_EMIT runActivated(profile, run); });
            break;
        case Kind::Launch:
            connect(action, &QAction::triggered, this,
                    [this, profile = item.profile, launch = item.launch] { Q_EMIT launchActivated(profile, launch); });
            break;
        case Kind::More:
        case Kind::ShowWindow: connect(action, &QAction::triggered, this, &TrayMenu::showWindowRequested); break;
        case Kind::Quit: connect(action, &QAction::triggered, this, &TrayMenu::quitRequested); break;
        case Kind::Separator:
        case Kind::Submenu: break;
        }
    }
}

} // namespace Flotilla
