// The main window against a real control plane: connecting, the pages, run
// windows, stopping a run, a server that is down, and quitting with active runs.
#include <compare/comparewindow.h>
#include <definitions/definitioneditor.h>
#include <definitions/definitionspage.h>
#include <definitions/launchdialog.h>
#include <log/logpane.h>
#include <mainwindow/mainwindow.h>
#include <runs/runspage.h>
#include <runs/runview.h>
#include <templates/templatespage.h>
#include <widgets/envvareditor.h>

#include <names/namelistpage.h>

#include <client/flotillaclient.h>
#include <client/profilestore.h>
#include <client/settings.h>
#include <lists/pagedtablemodel.h>
#include <lists/runlistmodel.h>
#include <lists/templatelistmodel.h>
#include <log/logmodel.h>
#include <testserver.h>
#include <widgettesting.h>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUuid>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_MainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void firstWindowFitsTheScreen(); // first: no saved geometry yet
    void savedGeometryWins();
    void connectsAndListsDefinitions();
    void createLaunchWithEnvOverrideAndReadTheLog();
    void validationAndServerErrorsShowAtTheForm();
    void groupsLeadToTheirDefinitions();
    void runsPageFollowsActiveRunsAndStopsOne();
    void runWindowShowsStateAndLog();
    void runWindowComparesWithThePreviousRun();
    void logSpillGoesWithTheRunWindowAndTheApp();
    void serverDownShowsAnErrorWithRetry();
    void quittingWithActiveLocalRunsAsks();
    void stopThemAndQuitUsesTheClientItAskedAbout();
    void launchIsWatchedWithTheClientThatLaunched();
    void aNewClientLoadsEachListOnce();
    void nameListsSayWhatTheyFilter();
    void templatesOnlyWhereTheServerHasThem();

private:
    QString launchRun(const QString &command);
    // Launches `command`, waits until it is STOPPED and opens its run window.
    RunView *openStoppedRun(const QString &command);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpTestClient> m_http;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<ProfileStore> m_profiles;
    std::unique_ptr<MainWindow> m_window;
};

void Tst_MainWindow::initTestCase()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    m_server = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_http = std::make_unique<HttpTestClient>(*m_server);
    createDefinition(*m_http,
                     {{"alias", "alpha"}, {"group_name", "first"}, {"image", "none"}, {"command", "echo alpha"}});
    createDefinition(*m_http,
                     {{"alias", "beta"}, {"group_name", "second"}, {"image", "none"}, {"command", "echo beta"}});
}

void Tst_MainWindow::init()
{
    m_profiles = std::make_unique<ProfileStore>(m_settingsDir.filePath(QStringLiteral("profiles.conf")));
    m_window = std::make_unique<MainWindow>(m_profiles.get());
    m_window->setAskBeforeQuit(false);
    m_window->show();
    m_window->setLocalServer(m_server->url(), m_server->token());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->connection()->state() == ServerConnection::State::Connected, 10000);
}

void Tst_MainWindow::cleanup()
{
    m_window.reset();
}

QString Tst_MainWindow::launchRun(const QString &command)
{
    const QString id = createDefinition(*m_http,
                                        {{"alias",
                                          "run-" + QUuid::createUuid().toString(QUuid::Id128).left(8).toStdString()},
                                         {"image", "none"},
                                         {"command", command.toStdString()}});
    return QString::fromStdString(launch(*m_http, id).value("run_id", ""));
}

RunView *Tst_MainWindow::openStoppedRun(const QString &command)
{
    Run run;
    run.runId = launchRun(command);
    const Json stopped = waitForStatus(*m_http, run.runId, "STOPPED");
    run.definitionId = QString::fromStdString(stopped.value("definition_id", ""));
    return m_window->openRun(run);
}

void Tst_MainWindow::connectsAndListsDefinitions()
{
    QTableView *table = m_window->definitionsPage()->table();
    QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() >= 2, 10000);
    bool connectedShown = false;
    for (const QLabel *label : m_window->findChildren<QLabel *>()) {
        if (label->accessibleName() == u"Connection state")
            connectedShown = label->text().startsWith(QStringLiteral("Connected"));
    }
    QVERIFY(connectedShown);
    m_window->definitionsPage()->select(QString::fromStdString(m_http->get(QStringLiteral("/api/v1/task?alias=alpha"))
                                                                   .json()["definitions"][0]["definition_id"]
                                                                   .get<std::string>()));
    QTRY_VERIFY(m_window->definitionsPage()->selectedDefinition().has_value());
    QCOMPARE(m_window->definitionsPage()->selectedDefinition()->alias, QStringLiteral("alpha"));
}

// The issue's path: create a definition in the editor, launch it with an env
// override from the dialog, see it reach STOPPED in the runs table and its
// lines in the run window.
void Tst_MainWindow::createLaunchWithEnvOverrideAndReadTheLog()
{
    m_window->definitionsPage()->newAction()->trigger();
    DefinitionEditor *editor = nullptr;
    QTRY_VERIFY((editor = m_window->findChild<DefinitionEditor *>()) != nullptr);
    editor->findChild<QLineEdit *>(QStringLiteral("aliasEdit"))->setText(QStringLiteral("greeter"));
    editor->findChild<QLineEdit *>(QStringLiteral("imageEdit"))->setText(QStringLiteral("none"));
    editor->findChild<QPlainTextEdit *>(QStringLiteral("commandEdit"))
        ->setPlainText(QStringLiteral("echo \"hello $WHO\""));
    editor->findChild<EnvVarEditor *>(QStringLiteral("envEditor"))
        ->setEnvVars({EnvVar{QStringLiteral("WHO"), QStringLiteral("world")}});
    QPushButton *save = editor->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))
                            ->button(QDialogButtonBox::Save);
    QTRY_VERIFY(save->isEnabled());
    save->click();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->definitionsPage()->selectedDefinition()
                                 && m_window->definitionsPage()->selectedDefinition()->alias == u"greeter",
                             10000);

    m_window->definitionsPage()->launchAction()->trigger();
    LaunchDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<LaunchDialog *>()) != nullptr);
    auto *env = dialog->findChild<EnvVarEditor *>(QStringLiteral("envEditor"));
    QCOMPARE(env->envVars().value(0).value, QStringLiteral("world")); // prefilled from the definition
    env->setEnvVars({EnvVar{QStringLiteral("WHO"), QStringLiteral("override")}});
    dialog->findChild<QLineEdit *>(QStringLiteral("ownerEdit"))->setText(QStringLiteral("tester"));
    QPushButton *launchButton = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))
                                    ->button(QDialogButtonBox::Ok);
    QTRY_VERIFY(launchButton->isEnabled());
    launchButton->click();

    RunView *view = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->runViews().isEmpty() && (view = m_window->runViews().constFirst()), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!view->run().isActive(), 30000);
    QCOMPARE(view->run().exitCode, 0);
    QTRY_VERIFY_WITH_TIMEOUT(view->logPane()->isFinished(), 10000);
    QCOMPARE(view->logPane()->model()->lineText(0), QStringLiteral("hello override"));

    m_window->showPage(MainWindow::Runs);
    RunListModel *runs = m_window->runsPage()->model();
    runs->setStatusFilter({RunStatus::Stopped});
    QTRY_VERIFY_WITH_TIMEOUT(runs->rowOf(view->run().runId) >= 0, 10000);
    QCOMPARE(runs->itemAt(runs->rowOf(view->run().runId)).status, RunStatus::Stopped);
}

void Tst_MainWindow::validationAndServerErrorsShowAtTheForm()
{
    m_window->definitionsPage()->newAction()->trigger();
    DefinitionEditor *editor = nullptr;
    QTRY_VERIFY((editor = m_window->findChild<DefinitionEditor *>()) != nullptr);
    auto *alias = editor->findChild<QLineEdit *>(QStringLiteral("aliasEdit"));
    QPushButton *save = editor->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))
                            ->button(QDialogButtonBox::Save);
    alias->setText(QStringLiteral("alpha")); // exists already: the server refuses it
    editor->findChild<QLineEdit *>(QStringLiteral("imageEdit"))->setText(QStringLiteral("none"));
    auto *command = editor->findChild<QPlainTextEdit *>(QStringLiteral("commandEdit"));
    command->setPlainText(QStringLiteral("x"));
    command->clear(); // edited, then emptied: the form says what is missing
    QTRY_VERIFY(!save->isEnabled());
    QLabel *commandProblem = editor->findChild<QLabel *>(QStringLiteral("commandEditProblem"));
    QTRY_VERIFY(commandProblem->isVisible() && !commandProblem->text().isEmpty());
    command->setPlainText(QStringLiteral("echo again"));
    QTRY_VERIFY(save->isEnabled());
    save->click();
    // The server's answer (the alias is taken) appears at the form, which stays open with what was typed.
    QTRY_VERIFY_WITH_TIMEOUT(editor->findChild<QLabel *>(QStringLiteral("aliasEditProblem"))->isVisible()
                                 || editor->findChild<QLabel *>(QStringLiteral("formProblem"))->isVisible(),
                             10000);
    QVERIFY(editor->isVisible());
    QCOMPARE(alias->text(), QStringLiteral("alpha"));
    editor->close();
}

void Tst_MainWindow::groupsLeadToTheirDefinitions()
{
    QTableView *table = m_window->definitionsPage()->table();
    QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() >= 2, 10000);
    m_window->definitionsPage()->showGroup(QStringLiteral("second"));
    // The group list arrives asynchronously; the filter applies once it is there.
    QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() == 1 && table->model()->index(0, 0).data().toString() == u"beta",
                             10000);
}

void Tst_MainWindow::runsPageFollowsActiveRunsAndStopsOne()
{
    const QString runId = launchRun(QStringLiteral("echo started; sleep 600"));
    waitForStatus(*m_http, runId, "RUNNING");
    m_window->showPage(MainWindow::Runs);
    RunListModel *runs = m_window->runsPage()->model();
    QTRY_VERIFY_WITH_TIMEOUT(runs->rowOf(runId) >= 0, 10000);
    QTableView *table = m_window->runsPage()->table();
    table->setCurrentIndex(runs->index(runs->rowOf(runId), 0));
    QAction *stop = actionNamed(table, QStringLiteral("Stop"));
    QVERIFY(stop && stop->isEnabled());
    stop->trigger();
    QVERIFY(answerMessageBox(QStringLiteral("Stop")));
    QCOMPARE(waitForStatus(*m_http, runId, "STOPPED").value("status", ""), "STOPPED");
    // Live: the row turns STOPPED in place (it stays until the next reload, so
    // people see how it ended), and the selection stays on it.
    QTRY_VERIFY_WITH_TIMEOUT(runs->itemAt(runs->rowOf(runId)).status == RunStatus::Stopped, 15000);
    QCOMPARE(table->currentIndex().row(), runs->rowOf(runId));
}

void Tst_MainWindow::runWindowShowsStateAndLog()
{
    RunView *view = openStoppedRun(QStringLiteral("echo first line; echo second line; exit 4"));
    QVERIFY(view);
    QTRY_VERIFY_WITH_TIMEOUT(view->run().exitCode == 4, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(view->logPane()->isFinished(), 10000);
    QCOMPARE(view->logPane()->model()->lineText(0), QStringLiteral("first line"));
    QCOMPARE(view->logPane()->model()->lineText(1), QStringLiteral("second line"));
    bool failedShown = false;
    for (const QLabel *label : view->findChildren<QLabel *>()) {
        if (label->accessibleName() == u"Run state")
            failedShown = label->text().contains(QStringLiteral("Failed"));
    }
    QVERIFY(failedShown);
    // Whole sentences, not "Copy " glued to a field name.
    QStringList copyNames;
    for (const QToolButton *button : view->findChildren<QToolButton *>()) {
        if (button->accessibleName().startsWith(QStringLiteral("Copy")) && button->accessibleName().endsWith(u"ID"))
            copyNames.append(button->accessibleName());
    }
    copyNames.sort();
    QCOMPARE(copyNames, (QStringList{QStringLiteral("Copy the definition ID"), QStringLiteral("Copy the run ID")}));
    QCOMPARE(m_window->openRun(view->run()), view); // one window per run
}

// A run window's log lives in a spill file in the cache dir; closing the
// window removes it, and so does quitting, which destroys the main window
// with its run windows (DesktopApplication's destructor).
void Tst_MainWindow::logSpillGoesWithTheRunWindowAndTheApp()
{
    RunView *view = openStoppedRun(QStringLiteral("echo spilled"));
    QVERIFY(view);
    QTRY_VERIFY_WITH_TIMEOUT(view->logPane()->isFinished(), 10000);
    const QString closedPath = view->logPane()->model()->spillPath();
    QVERIFY(QFile::exists(closedPath));
    const Run run = view->run();
    view->close();
    QTRY_VERIFY(!QFile::exists(closedPath));

    view = m_window->openRun(run);
    QVERIFY(view);
    QTRY_VERIFY_WITH_TIMEOUT(view->logPane()->isFinished(), 10000);
    const QString quitPath = view->logPane()->model()->spillPath();
    QVERIFY(QFile::exists(quitPath));
    m_window.reset();
    QVERIFY(!QFile::exists(quitPath));
}

void Tst_MainWindow::runWindowComparesWithThePreviousRun()
{
    const QString definition = createDefinition(*m_http,
                                                {{"alias", "compared"}, {"image", "none"}, {"command", "echo $RANDOM"}});
    QStringList runIds;
    for (int i = 0; i < 2; ++i) {
        runIds << QString::fromStdString(launch(*m_http, definition).value("run_id", ""));
        waitForStatus(*m_http, runIds.constLast(), "STOPPED");
    }
    Run run;
    run.runId = runIds[1];
    run.definitionId = definition;
    RunView *view = m_window->openRun(run);
    QVERIFY(view);
    QTRY_VERIFY_WITH_TIMEOUT(view->run().startedAt.has_value(), 10000);
    QPushButton *compare = nullptr;
    for (QPushButton *button : view->findChildren<QPushButton *>()) {
        if (button->accessibleName() == u"Compare with the previous run")
            compare = button;
    }
    QVERIFY(compare);
    compare->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->findChildren<CompareWindow *>().size(), 1, 10000);
    const CompareWindow *window = m_window->findChildren<CompareWindow *>().constFirst();
    QCOMPARE(window->leftRun().runId, runIds[0]);
    QCOMPARE(window->rightRun().runId, runIds[1]);
    QVERIFY(window->isVisible());
}

void Tst_MainWindow::serverDownShowsAnErrorWithRetry()
{
    ServerProfile gone;
    gone.name = QStringLiteral("gone");
    gone.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1"));
    QCOMPARE(m_profiles->save(gone), QString());
    m_window->connection()->connectTo(gone);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->connection()->state() == ServerConnection::State::Failed, 60000);
    auto *errorBar = m_window->findChild<QWidget *>(QStringLiteral("errorBar"));
    QVERIFY(errorBar && errorBar->isVisible());
    bool retryShown = false;
    for (const QPushButton *button : errorBar->findChildren<QPushButton *>())
        retryShown |= button->text() == u"Retry" && button->isVisible();
    QVERIFY(retryShown);
    // What was already shown stays: the definitions of the last server.
    QVERIFY(m_window->definitionsPage()->table()->model()->rowCount() >= 0);
}

void Tst_MainWindow::quittingWithActiveLocalRunsAsks()
{
    const QString runId = launchRun(QStringLiteral("sleep 600"));
    waitForStatus(*m_http, runId, "RUNNING");
    m_window->setAskBeforeQuit(true);
    m_window->close();
    QVERIFY(answerMessageBox(QStringLiteral("Stop Them")));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isVisible(), 10000);
    QCOMPARE(waitForStatus(*m_http, runId, "STOPPED").value("status", ""), "STOPPED");
}

// Issue 15: the first window opened at 948x330 on a 1400x900 screen, its
// search field squeezed and its table scrolling sideways.
void Tst_MainWindow::firstWindowFitsTheScreen()
{
    const QRect screen = m_window->screen()->availableGeometry();
    QCOMPARE(screen.size(), QSize(1400, 900));
    const QRect frame = m_window->frameGeometry();
    QVERIFY2(frame.width() >= screen.width() * 6 / 10 && frame.height() >= screen.height() * 6 / 10,
             qPrintable(QStringLiteral("%1x%2").arg(frame.width()).arg(frame.height())));
    QVERIFY(screen.contains(frame));
    QVERIFY2((frame.center() - screen.center()).manhattanLength() <= 4,
             qPrintable(QStringLiteral("centre %1,%2").arg(frame.center().x()).arg(frame.center().y())));
    auto *search = m_window->definitionsPage()->findChild<QLineEdit *>();
    QVERIFY(search->width() > search->fontMetrics().horizontalAdvance(search->placeholderText()));
    // The details pane gets a real share of the page, not its narrow size hint.
    const QList<int> split = m_window->definitionsPage()->splitter()->sizes();
    QVERIFY2(split.size() == 2 && split[1] * 3 >= split[0],
             qPrintable(QStringLiteral("list %1, details %2").arg(split.value(0)).arg(split.value(1))));
    const std::pair<MainWindow::Page, QTableView *> pages[] = {
        {MainWindow::Definitions, m_window->definitionsPage()->table()},
        {MainWindow::Runs, m_window->runsPage()->table()},
    };
    for (const auto &[page, table] : pages) {
        m_window->showPage(page);
        // The columns fit: nothing to scroll sideways.
        QVERIFY2(table->horizontalHeader()->length() <= table->viewport()->width(),
                 qPrintable(QStringLiteral("%1: %2 > %3")
                                .arg(table->accessibleName())
                                .arg(table->horizontalHeader()->length())
                                .arg(table->viewport()->width())));
    }
}

void Tst_MainWindow::savedGeometryWins()
{
    const QSize size = m_window->minimumSizeHint() + QSize(30, 40);
    m_window->resize(size);
    m_window->close(); // saves
    m_window = std::make_unique<MainWindow>(m_profiles.get());
    m_window->show();
    QCOMPARE(m_window->size(), size);
    Settings().setLayout(Settings::Layout::MainWindowGeometry, {}); // the next tests start as new
}

// Issue 15: "Stop them and quit" read localClient() after the question; a
// reconnect meanwhile left it null (a crash).
void Tst_MainWindow::stopThemAndQuitUsesTheClientItAskedAbout()
{
    const QString runId = launchRun(QStringLiteral("sleep 600"));
    waitForStatus(*m_http, runId, "RUNNING");
    m_window->setAskBeforeQuit(true);
    m_window->close();
    QTRY_VERIFY_WITH_TIMEOUT(qobject_cast<QMessageBox *>(QApplication::activeModalWidget()), 10000);
    m_window->connection()->forgetClients(); // settings changed while the question was open
    QVERIFY(answerMessageBox(QStringLiteral("Stop Them")));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isVisible(), 10000);
    QCOMPARE(waitForStatus(*m_http, runId, "STOPPED").value("status", ""), "STOPPED");
}

// Issue 15: the launched run was watched with the connection's client of the
// moment: none while another server connects (a crash), or that server's.
void Tst_MainWindow::launchIsWatchedWithTheClientThatLaunched()
{
    QTableView *table = m_window->definitionsPage()->table();
    QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() >= 2, 10000);
    table->setCurrentIndex(table->model()->index(0, 0));
    m_window->definitionsPage()->launchAction()->trigger();
    LaunchDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<LaunchDialog *>()) != nullptr);
    dialog->findChild<QLineEdit *>(QStringLiteral("ownerEdit"))->setText(QStringLiteral("tester"));

    ServerProfile slow;
    slow.name = QStringLiteral("slow");
    slow.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1"));
    m_window->connection()->connectTo(slow); // the user switched meanwhile
    QVERIFY(!m_window->connection()->client());

    QSignalSpy finished(m_window.get(), &MainWindow::launchedRunFinished);
    QPushButton *launchButton = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))
                                    ->button(QDialogButtonBox::Ok);
    QTRY_VERIFY(launchButton->isEnabled());
    launchButton->click();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.constFirst().constFirst().value<Run>().exitCode, 0);
}

// Issue 15: a new client reloaded every list twice (setClient, then the page).
void Tst_MainWindow::aNewClientLoadsEachListOnce()
{
    QList<PagedTableModel *> models = m_window->findChildren<PagedTableModel *>();
    models.removeIf([](const PagedTableModel *model) { return !model->client(); }); // lists nothing yet
    QVERIFY(models.size() >= 5);
    for (PagedTableModel *model : models)
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading(), 10000);
    std::vector<std::unique_ptr<QSignalSpy>> resets;
    for (PagedTableModel *model : models)
        resets.push_back(std::make_unique<QSignalSpy>(model, &QAbstractItemModel::modelReset));
    m_window->connection()->reconnect();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->connection()->state() == ServerConnection::State::Connected, 10000);
    for (PagedTableModel *model : models)
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading(), 10000);
    for (size_t i = 0; i < resets.size(); ++i)
        QVERIFY2(resets[i]->size() == 1, qPrintable(QStringLiteral("%1 reset %2 times")
                                                        .arg(QString::fromLatin1(models[i]->metaObject()->className()))
                                                        .arg(resets[i]->size())));
}

// A seed-era server has no /v7/template: no Templates page, and no error about it.
void Tst_MainWindow::templatesOnlyWhereTheServerHasThem()
{
    auto *navigation = m_window->findChild<QListWidget *>();
    QVERIFY(!navigation->item(MainWindow::Templates)->isHidden());
    QVERIFY(m_window->templatesPage()->model()->client());
    m_window->showPage(MainWindow::Templates);

    ServerProfile seedEra;
    seedEra.name = QStringLiteral("seed-era");
    seedEra.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1"));
    seedEra.flavour = ServerFlavour::SeedEra;
    QCOMPARE(m_profiles->save(seedEra), QString());
    m_window->connection()->connectTo(seedEra);
    QTRY_VERIFY(m_window->connection()->state() == ServerConnection::State::Connected);
    QVERIFY(navigation->item(MainWindow::Templates)->isHidden());
    QCOMPARE(navigation->currentRow(), int(MainWindow::Definitions));
    QVERIFY(!m_window->templatesPage()->model()->client());

    m_window->connection()->connectTo(ServerProfile::local());
    QTRY_VERIFY(m_window->connection()->state() == ServerConnection::State::Connected);
    QVERIFY(!navigation->item(MainWindow::Templates)->isHidden());
}

// Issue 15: "Filter %1" glued a page title into a sentence.
void Tst_MainWindow::nameListsSayWhatTheyFilter()
{
    QStringList placeholders;
    for (const NameListPage *page : m_window->findChildren<NameListPage *>())
        placeholders.append(page->findChild<QLineEdit *>()->placeholderText());
    placeholders.sort();
    QCOMPARE(placeholders,
             (QStringList{QStringLiteral("Filter clusters (Ctrl+L)"), QStringLiteral("Filter groups (Ctrl+L)"),
                          QStringLiteral("Filter tags (Ctrl+L)")}));
}

// A screen of the size in the issue: the offscreen platform reads it from a file.
int main(int argc, char *argv[])
{
    QTemporaryDir configDir;
    const QString config = configDir.filePath(QStringLiteral("screens.json"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(R"({"screens": [{"name": "screen", "x": 0, "y": 0, "width": 1400, "height": 900,
                          "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})")
               < 0)
        qFatal("cannot write %s", qPrintable(config));
    file.close();
    if (qEnvironmentVariable("QT_QPA_PLATFORM") == u"offscreen")
        qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.toLocal8Bit());
    QApplication app(argc, argv);
    Tst_MainWindow test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_mainwindow.moc"
