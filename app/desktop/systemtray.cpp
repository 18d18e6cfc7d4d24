#include "systemtray.h"

#include <tray/traymenu.h>
#include <tray/traystate.h>

#include <icons.h>

#include <QSystemTrayIcon>

namespace Flotilla {

SystemTray::SystemTray(TrayState *state, QObject *parent)
    : QObject(parent)
    , m_state(state)
    , m_menu(std::make_unique<TrayMenu>(state))
    , m_icon(new QSystemTrayIcon(this))
{
    m_icon->setContextMenu(m_menu.get());
    connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            Q_EMIT clicked();
    });
    connect(m_icon, &QSystemTrayIcon::messageClicked, this, &SystemTray::messageClicked);
    connect(m_state, &TrayState::changed, this, &SystemTray::update);
    update();
    m_icon->show();
}

SystemTray::~SystemTray() = default;

void SystemTray::update()
{
    switch (m_state->state()) {
    case TrayState::State::Idle: m_icon->setIcon(trayIcon(TrayIcon::Idle)); break;
    case TrayState::State::Active: m_icon->setIcon(trayIcon(TrayIcon::Active)); break;
    case TrayState::State::Failure: m_icon->setIcon(trayIcon(TrayIcon::Failure)); break;
    }
    m_icon->setToolTip(m_state->toolTip());
}

void SystemTray::showMessage(const QString &title, const QString &text, bool failure)
{
    m_icon->showMessage(title, text, failure ? QSystemTrayIcon::Critical : QSystemTrayIcon::Information);
}

} // namespace Flotilla
