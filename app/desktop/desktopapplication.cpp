#include "desktopapplication.h"

#include "embeddedcontrolplane.h"
#include "watchcenter.h"

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
{}

DesktopApplication::~DesktopApplication()
{
    m_watch.reset();  // its pollers hold clients of the window's connection
    m_window.reset(); // its clients go before the control plane they talk to
}

void DesktopApplication::start()
{
    m_window = std::make_unique<MainWindow>(m_profiles.get());
    m_watch = std::make_unique<WatchCenter>(m_window.get());
    m_window->show();
    if (!m_options.startLocal)
        return;
    m_local = new EmbeddedControlPlane(m_options.dataDir, {}, this);
    connect(m_local, &EmbeddedControlPlane::failed, m_window.get(), &MainWindow::setLocalServerError);
    // A new data dir holds the samples already (the control plane adds them).
    connect(m_local, &EmbeddedControlPlane::ready, m_window.get(), &MainWindow::setLocalServer);
    m_local->start();
}

void DesktopApplication::watchRun(const QString &runId)
{
    m_watch->watchRun(m_window->connection()->profile().name, runId);
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
