// WatchCenter against a real control plane and a fake notifications service
// on a private session bus (ctest runs it under dbus-run-session): a watched
// run's end raises exactly one notification with Open, and Open opens that
// run's window.
#include <desktop/desktopnotifier.h>
#include <desktop/watchcenter.h>

#include <definitions/definitionspage.h>
#include <mainwindow/mainwindow.h>
#include <runs/runspage.h>
#include <runs/runview.h>
#include <tray/traystate.h>
#include <widgets/starcontroller.h>

#include <client/profilestore.h>
#include <client/settings.h>
#include <client/watchlist.h>
#include <client/watchpoller.h>
#include <fakenotifications.h>
#include <lists/runlistmodel.h>
#include <testserver.h>
#include <widgettesting.h>

#include <QAction>
#include <QDBusPendingCallWatcher>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_WatchCenter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void aWatchedRunEndsWithOneNotificationThatOpensIt();
    void launchedRunsAreWatchedAndRecent();
    void watchFromTheRunsTableAndTheRunWindow();
    void notifyMeAboutADefinitionToggles();
    void starredItemsAreInTheTrayLaunchMenu();

private:
    QString launchRun(const QString &alias, const QString &command);
    TrayState::MenuItem launchMenu() const;
    QStringList launchMenuTexts() const;

    FakeNotifications m_service;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpTestClient> m_http;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<WatchCenter> m_center;
};

void Tst_WatchCenter::initTestCase()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QString error;
    QVERIFY2(m_service.publish(&error), qPrintable(error));
    m_server = std::make_unique<TestServer>();
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_http = std::make_unique<HttpTestClient>(*m_server);
}

void Tst_WatchCenter::init()
{
    m_service.calls.clear();
    m_profiles = std::make_unique<ProfileStore>(m_settingsDir.filePath(QStringLiteral("profiles.conf")));
    m_window = std::make_unique<MainWindow>(m_profiles.get());
    m_window->setAskBeforeQuit(false);
    m_window->show();
    m_center = std::make_unique<WatchCenter>(m_window.get());
    m_window->setLocalServer(m_server->url(), m_server->token());
    QTRY_VERIFY_WITH_TIMEOUT(m_center->poller(QStringLiteral("local")), 10000);
    m_center->poller(QStringLiteral("local"))->setInterval(50);
    // Runs launched before the first cycle took its list would count as ended before it looked.
    QTRY_VERIFY_WITH_TIMEOUT(m_center->poller(QStringLiteral("local"))->hasPolled(), 10000);
}

void Tst_WatchCenter::cleanup()
{
    m_center.reset();
    m_window.reset();
}

QString Tst_WatchCenter::launchRun(const QString &alias, const QString &command)
{
    const QString id = createDefinition(*m_http, {{"alias", alias.toStdString()},
                                                  {"image", "none"},
                                                  {"command", command.toStdString()}});
    return QString::fromStdString(launch(*m_http, id).value("run_id", ""));
}

TrayState::MenuItem Tst_WatchCenter::launchMenu() const
{
    const QList<TrayState::MenuItem> items = m_center->trayState()->menuItems();
    const auto found = std::find_if(items.cbegin(), items.cend(), [](const TrayState::MenuItem &item) {
        return item.kind == TrayState::MenuItem::Kind::Submenu;
    });
    return found == items.cend() ? TrayState::MenuItem{} : *found;
}

QStringList Tst_WatchCenter::launchMenuTexts() const
{
    QStringList texts;
    for (const TrayState::MenuItem &item : launchMenu().items)
        texts.append(item.text);
    return texts;
}

void Tst_WatchCenter::aWatchedRunEndsWithOneNotificationThatOpensIt()
{
    // Launched elsewhere (the CLI, say), watched here.
    const QString runId = launchRun(QStringLiteral("watched-job"), QStringLiteral("sleep 0.3; exit 4"));
    QVERIFY(!runId.isEmpty());
    m_center->watchRun(QStringLiteral("local"), runId);
    QTRY_COMPARE_WITH_TIMEOUT(m_service.calls.size(), 1, 30000);
    const FakeNotifications::Call call = m_service.calls.constFirst();
    QCOMPARE(call.summary, QStringLiteral("watched-job: Failed"));
    QVERIFY2(call.body.contains(QStringLiteral("Exit code 4.")), qPrintable(call.body));
    QVERIFY2(call.body.startsWith(QStringLiteral("Ran for ")), qPrintable(call.body));
    QVERIFY(call.actions.contains(QStringLiteral("open")));
    QCOMPARE(call.actions.at(call.actions.indexOf(QStringLiteral("open")) + 1), QStringLiteral("Open"));
    QVERIFY(!m_center->watchList()->isRunWatched(QStringLiteral("local"), runId));
    QCOMPARE(m_center->trayState()->finishedRuns().constFirst().run.runId, runId);

    // Later polls, past another run's end, say nothing more about it.
    const QString later = launchRun(QStringLiteral("unwatched-job"), QStringLiteral("sleep 0.5"));
    const auto seen = [this](const QString &id) {
        const QList<Run> &finished = m_center->poller(QStringLiteral("local"))->recentlyFinished();
        return std::any_of(finished.cbegin(), finished.cend(), [&id](const Run &run) { return run.runId == id; });
    };
    QTRY_VERIFY_WITH_TIMEOUT(seen(later), 30000);
    QCOMPARE(m_service.calls.size(), 1);

    // Open on the notification opens that run's window.
    QVERIFY(m_window->runViews().isEmpty());
    QTRY_VERIFY(m_center->notifier()->findChildren<QDBusPendingCallWatcher *>().isEmpty()); // the id came back
    QVERIFY(m_service.emitSignal(QStringLiteral("ActionInvoked"), {41u, QStringLiteral("open")}));
    QTRY_COMPARE(m_window->runViews().size(), 1);
    QCOMPARE(m_window->runViews().constFirst()->run().runId, runId);
}

void Tst_WatchCenter::launchedRunsAreWatchedAndRecent()
{
    Run run;
    run.runId = QStringLiteral("launched-1");
    run.definitionId = QStringLiteral("def-9");
    run.alias = QStringLiteral("nightly");
    Q_EMIT m_window->runLaunched(QStringLiteral("local"), run);
    QVERIFY(m_center->watchList()->isRunWatched(QStringLiteral("local"), run.runId));
    const QList<LaunchItem> recent = Settings().recentLaunches(QStringLiteral("local"));
    QVERIFY(!recent.isEmpty());
    QCOMPARE(recent.constFirst(), (LaunchItem{LaunchItem::Kind::Definition, run.definitionId, run.alias}));
    QCOMPARE(launchMenuTexts(), (QStringList{QStringLiteral("Recent"), QStringLiteral("nightly")}));
    // The server never heard of it: dropped from the watches quietly.
    QTRY_VERIFY_WITH_TIMEOUT(!m_center->watchList()->isRunWatched(QStringLiteral("local"), run.runId), 10000);
    QVERIFY(m_service.calls.isEmpty());
}

void Tst_WatchCenter::watchFromTheRunsTableAndTheRunWindow()
{
    const QString runId = launchRun(QStringLiteral("long-job"), QStringLiteral("sleep 600"));
    waitForStatus(*m_http, runId, "RUNNING");
    m_window->showPage(MainWindow::Runs);
    RunListModel *runs = m_window->runsPage()->model();
    QTRY_VERIFY_WITH_TIMEOUT(runs->rowOf(runId) >= 0, 10000);
    QTableView *table = m_window->runsPage()->table();
    table->setCurrentIndex(runs->index(runs->rowOf(runId), 0));
    QAction *watch = actionNamed(table, QStringLiteral("Watch"));
    QVERIFY(watch && watch->isEnabled());
    watch->trigger();
    WatchList *watches = m_center->watchList();
    QVERIFY(watches->isRunWatched(QStringLiteral("local"), runId));

    // The run window shows it, and unwatching there is kept.
    RunView *view = m_window->openRun(runs->itemAt(runs->rowOf(runId)));
    const QList<QPushButton *> buttons = view->findChildren<QPushButton *>();
    const auto found = std::find_if(buttons.cbegin(), buttons.cend(),
                                    [](const QPushButton *button) { return button->accessibleName() == u"Watch run"; });
    QVERIFY(found != buttons.cend());
    QPushButton *button = *found;
    QTRY_VERIFY(button->isVisible());
    QVERIFY(button->isChecked());
    button->click();
    QVERIFY(!watches->isRunWatched(QStringLiteral("local"), runId));
    watches->watchRun(QStringLiteral("local"), runId); // from elsewhere: the button follows
    QVERIFY(view->isWatched());
    QVERIFY(WatchList().isRunWatched(QStringLiteral("local"), runId)); // kept for the next start
    watches->unwatchRun(QStringLiteral("local"), runId);
}

void Tst_WatchCenter::notifyMeAboutADefinitionToggles()
{
    DefinitionsPage *page = m_window->definitionsPage();
    const QString definitionId = createDefinition(*m_http, {{"alias", "watched-definition"},
                                                            {"image", "none"},
                                                            {"command", "true"}});
    page->refresh();
    page->select(definitionId);
    QTRY_VERIFY_WITH_TIMEOUT(page->selectedDefinition() && page->selectedDefinition()->definitionId == definitionId,
                             10000);
    QAction *notify = actionNamed(page->table(), QStringLiteral("Notify Me About This Definition"));
    QVERIFY(notify && notify->isEnabled());
    notify->trigger();
    QVERIFY(m_center->watchList()->isDefinitionWatched(QStringLiteral("local"), definitionId));
    // A run of it, launched elsewhere, is told when it ends.
    launch(*m_http, definitionId);
    QTRY_COMPARE_WITH_TIMEOUT(m_service.calls.size(), 1, 30000);
    QCOMPARE(m_service.calls.constFirst().summary, QStringLiteral("watched-definition: Succeeded"));
    notify->trigger();
    QVERIFY(!m_center->watchList()->isDefinitionWatched(QStringLiteral("local"), definitionId));
}

void Tst_WatchCenter::starredItemsAreInTheTrayLaunchMenu()
{
    DefinitionsPage *page = m_window->definitionsPage();
    const QString definitionId = createDefinition(*m_http, {{"alias", "starred-definition"},
                                                            {"image", "none"},
                                                            {"command", "true"}});
    page->refresh();
    page->select(definitionId);
    QTRY_VERIFY_WITH_TIMEOUT(page->selectedDefinition() && page->selectedDefinition()->definitionId == definitionId,
                             10000);
    QVERIFY(!launchMenuTexts().contains(QStringLiteral("starred-definition")));
    page->stars()->starAction()->trigger();
    QCOMPARE(launchMenuTexts().mid(0, 2),
             (QStringList{QStringLiteral("Starred"), QStringLiteral("starred-definition")}));
    const TrayState::MenuItem starred = launchMenu().items.at(1);
    QCOMPARE(starred.launch,
             (LaunchItem{LaunchItem::Kind::Definition, definitionId, QStringLiteral("starred-definition")}));
    QCOMPARE(starred.profile, QStringLiteral("local"));
    // Unstarred, it leaves the menu; kept per profile across restarts meanwhile.
    QCOMPARE(Settings().starredLaunchItems(QStringLiteral("local")).size(), 1);
    page->stars()->starAction()->trigger();
    QVERIFY(!launchMenuTexts().contains(QStringLiteral("starred-definition")));
}

QTEST_MAIN(Tst_WatchCenter)
#include "tst_watchcenter.moc"
