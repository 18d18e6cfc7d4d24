#include "watchcenter.h"

#include "desktopnotifier.h"
#include "systemtray.h"

#include <definitions/definitionspage.h>
#include <mainwindow/actionscontroller.h>
#include <mainwindow/mainwindow.h>
#include <runs/runstate.h>
#include <templates/templatespage.h>
#include <tray/traymenu.h>
#include <tray/traystate.h>
#include <widgets/starcontroller.h>

#include <client/flotillaclient.h>
#include <client/serverconnection.h>
#include <client/watchlist.h>
#include <client/watchpoller.h>

#include <QApplication>
#include <QCloseEvent>
#include <QSystemTrayIcon>

namespace Flotilla {

namespace {

const QString starredGroup = QStringLiteral("starred");
const QString recentGroup = QStringLiteral("recent");

} // namespace

WatchCenter::WatchCenter(MainWindow *window, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_watches(new WatchList(this))
    , m_trayState(new TrayState(this))
    , m_notifier(new DesktopNotifier(this))
{
    m_window->setWatchList(m_watches);
    m_window->installEventFilter(this);
    ServerConnection *connection = m_window->connection();
    connect(connection, &ServerConnection::connected, this, &WatchCenter::clientConnected);
    connect(m_window, &MainWindow::runLaunched, this, &WatchCenter::runLaunched);
    for (StarController *stars : {m_window->definitionsPage()->stars(), m_window->templatesPage()->stars()})
        connect(stars, &StarController::starsStored, this, &WatchCenter::updateLaunchItems);
    connect(m_notifier, &DesktopNotifier::openRequested, this, &WatchCenter::openRun);
    for (const auto changed : {&WatchList::runsChanged, &WatchList::definitionsChanged}) {
        connect(m_watches, changed, this, [this](const QString &profile) {
            if (WatchPoller *poller = m_pollers.value(profile))
                poller->pollNow();
        });
    }
    if (connection->client())
        clientConnected(connection->client());

    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_tray = new SystemTray(m_trayState, this);
    connect(m_tray, &SystemTray::clicked, this, &WatchCenter::showWindow);
    connect(m_tray, &SystemTray::messageClicked, this, [this] {
        if (!m_lastUnshown.first.isEmpty())
            openRun(m_lastUnshown.first, m_lastUnshown.second);
    });
    TrayMenu *menu = m_tray->menu();
    connect(menu, &TrayMenu::runActivated, this, &WatchCenter::openRun);
    connect(menu, &TrayMenu::launchActivated, this, &WatchCenter::launch);
    connect(menu, &TrayMenu::showWindowRequested, this, &WatchCenter::showWindow);
    connect(menu, &TrayMenu::quitRequested, this, &WatchCenter::quit);
    // Without a notification service the tray says it.
    connect(m_notifier, &DesktopNotifier::notShown, this, [this](const QString &profile, const Run &run) {
        m_lastUnshown = {profile, run};
        m_tray->showMessage(DesktopNotifier::summary(run), DesktopNotifier::body(run),
                            runState(run) != RunState::Succeeded);
    });
}

WatchCenter::~WatchCenter()
{
    m_window->removeEventFilter(this);
}

void WatchCenter::clientConnected(FlotillaClient *client)
{
    const QString profile = m_window->connection()->profile().name;
    // A poller of its own per client: a reconnected profile starts afresh,
    // and the superseded client is let go with its poller.
    for (const QString &other : m_pollers.keys()) {
        const bool watching = !m_watches->watchedRuns(other).isEmpty()
                              || !m_watches->watchedDefinitions(other).isEmpty();
        if (other == profile || !watching) {
            delete m_pollers.take(other);
            m_trayState->setActiveRuns(other, {}); // until a poller reads them again
        }
    }
    auto *poller = new WatchPoller(m_watches, profile, this);
    m_pollers.insert(profile, poller);
    m_window->connection()->holdClient(client, poller);
    // The local control plane answers at once; a remote server at the web UI's pace.
    poller->setInterval(client->flavour() == ServerFlavour::ControlPlane ? 2000 : 5000);
    connect(poller, &WatchPoller::activeRunsChanged, this,
            [this, poller] { m_trayState->setActiveRuns(poller->profile(), poller->activeRuns()); });
    connect(poller, &WatchPoller::recentlyFinishedChanged, this,
            [this, poller] { m_trayState->setRecentlyFinished(poller->profile(), poller->recentlyFinished()); });
    connect(poller, &WatchPoller::watchedRunFinished, this,
            [this, profile](const Run &run) { runFinished(profile, run); });
    poller->setClient(client);
    updateLaunchItems();
}

void WatchCenter::watchRun(const QString &profile, const QString &runId)
{
    m_watches->watchRun(profile, runId);
}

void WatchCenter::runFinished(const QString &profile, const Run &run)
{
    m_trayState->addFinished(profile, run);
    const Settings settings;
    if (!settings.notifyWatchedRuns())
        return;
    m_notifier->setFailuresStay(settings.failuresStayUntilDismissed());
    m_notifier->runFinished(profile, run);
}

void WatchCenter::runLaunched(const QString &profile, const Run &run)
{
    // Launched here: watched, so its end is told like any watched run's.
    m_watches->watchRun(profile, run.runId);
    const LaunchItem item = run.isTemplateRun()
                                ? LaunchItem{LaunchItem::Kind::Template,
                                             run.executableId.isEmpty() ? run.definitionId : run.executableId,
                                             run.alias}
                                : LaunchItem{LaunchItem::Kind::Definition, run.definitionId, run.alias};
    Settings settings;
    settings.addRecentLaunch(profile, item);
    settings.sync();
    updateLaunchItems();
}

void WatchCenter::updateLaunchItems()
{
    // The current profile's: a launch goes to the server the window shows.
    const QString profile = m_window->connection()->profile().name;
    const Settings settings;
    m_trayState->setLaunchItems(starredGroup, tr("Starred"), profile, settings.starredLaunchItems(profile));
    m_trayState->setLaunchItems(recentGroup, tr("Recent"), profile, settings.recentLaunches(profile));
}

void WatchCenter::launch(const QString &profile, const LaunchItem &item)
{
    showWindow(); // the launch form opens over it
    if (profile == m_window->connection()->profile().name)
        m_window->actions()->launchById(item);
}

void WatchCenter::openRun(const QString &profile, const Run &run)
{
    WatchPoller *poller = m_pollers.value(profile);
    FlotillaClient *client = poller ? poller->client() : nullptr;
    if (!client && profile == m_window->connection()->profile().name)
        client = m_window->connection()->client();
    if (!client)
        return showWindow();
    m_window->openRunWith(client, run);
}

void WatchCenter::showWindow()
{
    m_quitting = false;
    m_window->showNormal();
    m_window->raise();
    m_window->activateWindow();
}

void WatchCenter::quit()
{
    m_quitting = true;
    QApplication::setQuitOnLastWindowClosed(true);
    // Shown, so a question before quitting (active local runs) has a parent.
    m_window->show();
    m_window->close();
}

bool WatchCenter::keepsRunningInTray() const
{
    return m_tray && !m_quitting && Settings().keepRunningInTray() && !m_trayState->activeRuns().isEmpty();
}

void WatchCenter::goToTray()
{
    // Run windows closed later must not end the app meanwhile.
    QApplication::setQuitOnLastWindowClosed(false);
    m_window->hide();
    Settings settings;
    if (settings.trayNoticeShown())
        return;
    m_tray->showMessage(tr("Flotilla keeps running"),
                        tr("Runs are still active, so Flotilla stays in the tray and tells you when watched runs "
                           "end. Quit from the tray's menu."),
                        false);
    settings.setTrayNoticeShown(true);
    settings.sync();
}

bool WatchCenter::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_window)
        return false;
    switch (event->type()) {
    case QEvent::Show:
    case QEvent::WindowActivate: m_trayState->acknowledge(); break;
    case QEvent::Close:
        if (keepsRunningInTray()) {
            event->ignore();
            goToTray();
            return true;
        }
        QApplication::setQuitOnLastWindowClosed(true);
        break;
    default: break;
    }
    return false;
}

} // namespace Flotilla
