#include "desktopapplication.h"

#include "desktopnotifier.h"
#include "embeddedcontrolplane.h"

#include <client/flotillaclient.h>
#include <client/profilestore.h>
#include <client/settings.h>
#include <definitions/definitionspage.h>
#include <mainwindow/linkcontroller.h>
#include <mainwindow/mainwindow.h>

namespace Flotilla {

DesktopApplication::DesktopApplication(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_profiles(std::make_unique<ProfileStore>())
    , m_notifier(new DesktopNotifier(this))
{}

DesktopApplication::~DesktopApplication()
{
    m_window.reset(); // its clients go before the control plane they talk to
}

void DesktopApplication::start()
{
    m_window = std::make_unique<MainWindow>(m_profiles.get());
    connect(m_window.get(), &MainWindow::launchedRunFinished, m_notifier, &DesktopNotifier::runFinished);
    m_window->show();
    if (!m_options.startLocal)
        return;
    m_local = new EmbeddedControlPlane(m_options.dataDir, this);
    connect(m_local, &EmbeddedControlPlane::failed, m_window.get(), &MainWindow::setLocalServerError);
    // A new data dir holds the samples already (the control plane adds them).
    connect(m_local, &EmbeddedControlPlane::ready, m_window.get(), &MainWindow::setLocalServer);
    m_local->start();
}

void DesktopApplication::openLink(const QString &link)
{
    m_window->links()->open(link);
}

void DesktopApplication::raiseWindow()
{
    m_window->show();
    m_window->setWindowState(m_window->windowState() & ~Qt::WindowMinimized);
    m_window->raise();
    m_window->activateWindow();
}

} // namespace Flotilla
