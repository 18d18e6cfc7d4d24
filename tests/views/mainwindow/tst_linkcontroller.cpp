// LinkController in a main window against real control planes: links open a
// run window or select a definition, switch to their profile first, bad
// links say what is wrong; Copy Link fills the clipboard; stars are kept per
// profile.
#include <definitions/definitionspage.h>
#include <mainwindow/linkcontroller.h>
#include <mainwindow/mainwindow.h>
#include <runs/runview.h>
#include <widgets/errorbar.h>
#include <widgets/starcontroller.h>

#include <client/profilestore.h>
#include <client/settings.h>
#include <lists/starredproxymodel.h>
#include <testserver.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QMimeData>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_LinkController final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void opensARunWindowAndSelectsADefinition();
    void switchesToTheLinksProfile();
    void badLinksShowWhatIsWrong();
    void copyPutsTheLinkAndTheWebUiOnTheClipboard();
    void starsAreKeptPerProfile();

private:
    ErrorBar *errorBar() const { return m_window->findChild<ErrorBar *>(); }

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<TestServer> m_other; // no token: a profile reaches it by URL alone
    std::unique_ptr<HttpTestClient> m_http;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<MainWindow> m_window;
    QString m_definitionId;
    QString m_runId;
};

void Tst_LinkController::initTestCase()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    m_server = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_http = std::make_unique<HttpTestClient>(*m_server);
    m_definitionId = createDefinition(*m_http, {{"alias", "linked"}, {"image", "none"}, {"command", "echo linked"}});
    createDefinition(*m_http, {{"alias", "another"}, {"image", "none"}, {"command", "echo another"}});
    m_runId = QString::fromStdString(launch(*m_http, m_definitionId).value("run_id", ""));
    QVERIFY(!m_runId.isEmpty());

    ControlPlaneOptions open;
    open.tokenRequired = false;
    m_other = std::make_unique<TestServer>(open);
    QVERIFY2(m_other->start(&error), qPrintable(error));
    HttpTestClient otherHttp(*m_other);
    createDefinition(otherHttp, {{"alias", "elsewhere"}, {"image", "none"}, {"command", "echo elsewhere"}});
}

void Tst_LinkController::init()
{
    m_profiles = std::make_unique<ProfileStore>(m_settingsDir.filePath(QStringLiteral("profiles.conf")));
    ServerProfile other;
    other.name = QStringLiteral("Other");
    other.baseUrl = m_other->url();
    other.flavour = ServerFlavour::ControlPlane;
    other.webUi = QUrl(QStringLiteral("https://ui.example.com/flotilla/"));
    QVERIFY(m_profiles->save(other).isEmpty());
    m_window = std::make_unique<MainWindow>(m_profiles.get());
    m_window->setAskBeforeQuit(false);
    m_window->show();
    m_window->setLocalServer(m_server->url(), m_server->token());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->connection()->state() == ServerConnection::State::Connected, 10000);
}

void Tst_LinkController::cleanup()
{
    m_window.reset();
    m_profiles.reset();
}

void Tst_LinkController::opensARunWindowAndSelectsADefinition()
{
    m_window->links()->open(QStringLiteral("flotilla://local/run/") + m_runId);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->runViews().size(), 1, 10000);
    QCOMPARE(m_window->runViews().constFirst()->run().runId, m_runId);

    m_window->showPage(MainWindow::Runs);
    m_window->links()->open(QStringLiteral("  flotilla://local/definition/%1\n").arg(m_definitionId)); // as pasted
    QTRY_VERIFY_WITH_TIMEOUT(m_window->definitionsPage()->isVisible(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->definitionsPage()->selectedDefinition().value_or(Definition{}).definitionId,
                              m_definitionId, 10000);
    QVERIFY(!errorBar()->isVisible());
}

void Tst_LinkController::switchesToTheLinksProfile()
{
    // Some URL handlers lower-case what follows "//": the profile is "Other".
    m_window->links()->open(QStringLiteral("flotilla://other/run/no-such-run"));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->connection()->profile().name, QStringLiteral("Other"), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(errorBar()->isVisible(), 10000);
    QVERIFY2(errorBar()->message().contains(QStringLiteral("Cannot open flotilla://Other/run/no-such-run")),
             qPrintable(errorBar()->message()));
    QTableView *table = m_window->definitionsPage()->table();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 10000);
    QCOMPARE(table->model()->index(0, 0).data().toString(), QStringLiteral("elsewhere"));
}

void Tst_LinkController::badLinksShowWhatIsWrong()
{
    m_window->links()->open(QStringLiteral("flotilla://local/job/1"));
    QVERIFY(errorBar()->isVisible());
    QVERIFY2(errorBar()->message().contains(QStringLiteral("unknown kind of item \"job\"")),
             qPrintable(errorBar()->message()));
    m_window->links()->open(QStringLiteral("flotilla://staging/run/1"));
    QVERIFY2(errorBar()->message().contains(QStringLiteral("\"staging\", which is not set up here")),
             qPrintable(errorBar()->message()));
    QCOMPARE(m_window->connection()->profile().name, QStringLiteral("local"));
}

void Tst_LinkController::copyPutsTheLinkAndTheWebUiOnTheClipboard()
{
    m_window->links()->copy(FlotillaLink::Kind::Run, m_runId);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("flotilla://local/run/") + m_runId);

    m_window->showProfile(QStringLiteral("Other"));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->connection()->state() == ServerConnection::State::Connected, 10000);
    m_window->links()->copy(FlotillaLink::Kind::Definition, QStringLiteral("d-1"));
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("Flotilla Desktop: flotilla://Other/definition/d-1\n"
                                                               "Web UI: https://ui.example.com/flotilla/tasks/d-1"));
    const QList<QUrl> urls = QApplication::clipboard()->mimeData()->urls();
    QCOMPARE(urls.size(), 2);
    QCOMPARE(urls.at(1), QUrl(QStringLiteral("https://ui.example.com/flotilla/tasks/d-1")));
}

void Tst_LinkController::starsAreKeptPerProfile()
{
    DefinitionsPage *page = m_window->definitionsPage();
    QTableView *table = page->table();
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 2, 10000);
    page->select(m_definitionId);
    QAction *star = page->stars()->starAction();
    QVERIFY(star->isEnabled());
    star->trigger();
    QCOMPARE(Settings().starredDefinitions(QStringLiteral("local")), QStringList{m_definitionId});
    QCOMPARE(table->model()->index(0, 0).data(PagedTableModel::IdRole).toString(), m_definitionId);
    QCOMPARE(star->text().remove(u'&'), QStringLiteral("Unstar"));

    // Another profile has its own (none); back on local, the star is there.
    m_window->showProfile(QStringLiteral("Other"));
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 10000);
    QVERIFY(!table->model()->index(0, 0).data(StarredProxyModel::StarredRole).toBool());
    m_window->showProfile(QStringLiteral("local"));
    QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 2, 10000);
    QVERIFY(table->model()->index(0, 0).data(StarredProxyModel::StarredRole).toBool());
    page->select(m_definitionId);
    star->trigger(); // unstar
    QVERIFY(Settings().starredDefinitions(QStringLiteral("local")).isEmpty());
}

QTEST_MAIN(Tst_LinkController)
#include "tst_linkcontroller.moc"
