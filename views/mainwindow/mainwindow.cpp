#include "mainwindow.h"

#include <definitions/definitioneditor.h>
#include <definitions/definitionspage.h>
#include <definitions/launchdialog.h>
#include <names/namelistpage.h>
#include <runs/runspage.h>
#include <runs/runstate.h>
#include <runs/runview.h>
#include <settings/settingsdialog.h>

#include <client/flotillaclient.h>
#include <client/profilestore.h>
#include <client/runwatcher.h>
#include <lists/clustersmodel.h>
#include <lists/groupsmodel.h>
#include <lists/runlistmodel.h>
#include <lists/tagsmodel.h>

#include <icons.h>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <memory>

namespace Flotilla {

namespace {

// Asks a yes/no question without blocking the event loop; `yes` runs on the
// affirmative answer.
void confirm(QWidget *parent, const QString &title, const QString &text, const QString &yesText,
             std::function<void()> yes)
{
    auto *box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Cancel, parent);
    QPushButton *yesButton = box->addButton(yesText, QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(box, &QMessageBox::finished, parent, [box, yesButton, yes = std::move(yes)] {
        if (box->clickedButton() == yesButton)
            yes();
    });
    box->open();
}

QUrlQuery activeRunsQuery(int limit)
{
    QUrlQuery query;
    for (const RunStatus status : {RunStatus::Queued, RunStatus::Pending, RunStatus::Running})
        query.addQueryItem(QStringLiteral("status"), runStatusName(status));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return query;
}

} // namespace

MainWindow::MainWindow(ProfileStore *profiles, QWidget *parent)
    : QMainWindow(parent)
    , m_profiles(profiles)
    , m_connection(new ServerConnection(this))
    , m_serverSwitcher(new QComboBox(this))
    , m_navigation(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_definitions(new DefinitionsPage(this))
    , m_runs(new RunsPage(this))
    , m_groups(new NameListPage(new GroupsModel, tr("Groups"), this))
    , m_tags(new NameListPage(new TagsModel, tr("Tags"), this))
    , m_clusters(new NameListPage(new ClustersModel, tr("Clusters"), this))
    , m_errorBar(new QWidget(this))
    , m_errorText(new QLabel(m_errorBar))
    , m_retryButton(new QPushButton(tr("Retry"), m_errorBar))
    , m_connectionLabel(new QLabel(this))
    , m_urlLabel(new QLabel(this))
    , m_activeRunsLabel(new QLabel(this))
    , m_activeRunsTimer(new QTimer(this))
{
    setWindowTitle(tr("Flotilla"));
    setWindowIcon(applicationIcon());
    setObjectName(QStringLiteral("mainWindow"));

    const std::pair<QString, QWidget *> pages[PageCount] = {
        {tr("Definitions"), m_definitions}, {tr("Runs"), m_runs}, {tr("Groups"), m_groups}, {tr("Tags"), m_tags},
        {tr("Clusters"), m_clusters},
    };
    for (const auto &[title, page] : pages) {
        m_navigation->addItem(title);
        m_pages->addWidget(page);
    }
    m_navigation->setAccessibleName(tr("Navigation"));
    m_navigation->setUniformItemSizes(true);
    m_navigation->setFixedWidth(m_navigation->sizeHintForColumn(0) + 48);
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    m_errorBar->setObjectName(QStringLiteral("errorBar"));
    m_errorBar->setAutoFillBackground(true);
    QPalette errorPalette = m_errorBar->palette();
    errorPalette.setColor(QPalette::Window, QColor(0xfd, 0xe2, 0xe1));
    errorPalette.setColor(QPalette::WindowText, QColor(0x80, 0x10, 0x10));
    m_errorBar->setPalette(errorPalette);
    m_errorText->setWordWrap(true);
    m_errorText->setAccessibleName(tr("Error message"));
    m_errorText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retryButton->setAccessibleName(tr("Retry"));
    auto *dismiss = new QPushButton(tr("Dismiss"), m_errorBar);
    dismiss->setAccessibleName(tr("Dismiss error"));
    auto *errorLayout = new QHBoxLayout(m_errorBar);
    errorLayout->addWidget(m_errorText, 1);
    errorLayout->addWidget(m_retryButton);
    errorLayout->addWidget(dismiss);
    m_errorBar->hide();
    connect(dismiss, &QPushButton::clicked, m_errorBar, &QWidget::hide);
    connect(m_retryButton, &QPushButton::clicked, this, [this] {
        m_errorBar->hide();
        if (m_connection->state() == ServerConnection::State::Failed)
            m_connection->reconnect();
        else
            refresh();
    });

    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->addWidget(m_errorBar);
    auto *body = new QHBoxLayout;
    body->addWidget(m_navigation);
    body->addWidget(m_pages, 1);
    centralLayout->addLayout(body, 1);
    setCentralWidget(central);

    m_connectionLabel->setAccessibleName(tr("Connection state"));
    m_urlLabel->setAccessibleName(tr("Server URL"));
    m_urlLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_activeRunsLabel->setAccessibleName(tr("Active runs"));
    statusBar()->addPermanentWidget(m_activeRunsLabel);
    statusBar()->addPermanentWidget(m_urlLabel);
    statusBar()->addPermanentWidget(m_connectionLabel);

    m_serverSwitcher->setAccessibleName(tr("Server"));
    m_serverSwitcher->setToolTip(tr("The server shown: the local control plane or a profile"));
    m_serverSwitcher->setMinimumContentsLength(16);
    m_serverSwitcher->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    const auto showErrorOf = [this](const ApiError &error) { showError(error.sentence()); };
    connect(m_definitions, &DefinitionsPage::newRequested, this, &MainWindow::newDefinition);
    connect(m_definitions, &DefinitionsPage::editRequested, this, &MainWindow::editDefinition);
    connect(m_definitions, &DefinitionsPage::copyRequested, this, &MainWindow::copyDefinition);
    connect(m_definitions, &DefinitionsPage::deleteRequested, this, &MainWindow::deleteDefinition);
    connect(m_definitions, &DefinitionsPage::launchRequested, this,
            [this](const Definition &definition) { launch(definition); });
    connect(m_definitions, &DefinitionsPage::runActivated, this, &MainWindow::openRun);
    connect(m_definitions, &DefinitionsPage::errorOccurred, this, showErrorOf);
    connect(m_runs, &RunsPage::runActivated, this, &MainWindow::openRun);
    connect(m_runs, &RunsPage::stopRequested, this, &MainWindow::stop);
    connect(m_runs, &RunsPage::retryRequested, this, &MainWindow::retry);
    connect(m_runs, &RunsPage::errorOccurred, this, showErrorOf);
    for (NameListPage *page : {m_groups, m_tags, m_clusters})
        connect(page, &NameListPage::errorOccurred, this, showErrorOf);
    connect(m_groups, &NameListPage::nameActivated, this, [this](const QString &group) {
        m_definitions->showGroup(group);
        showPage(Definitions);
    });
    connect(m_tags, &NameListPage::nameActivated, this, [this](const QString &tag) {
        m_definitions->showTag(tag);
        showPage(Definitions);
    });
    connect(m_clusters, &NameListPage::nameActivated, this, [this](const QString &cluster) {
        m_runs->showCluster(cluster);
        showPage(Runs);
    });

    connect(m_connection, &ServerConnection::stateChanged, this, &MainWindow::connectionStateChanged);
    connect(m_connection, &ServerConnection::connected, this, &MainWindow::clientReady);
    connect(m_connection, &ServerConnection::failed, this, &MainWindow::showError);
    connect(m_serverSwitcher, &QComboBox::activated, this, &MainWindow::chooseProfile);

    m_activeRunsTimer->setInterval(5000);
    connect(m_activeRunsTimer, &QTimer::timeout, this, &MainWindow::updateActiveRuns);

    createActions();
    restoreState();
    reloadProfiles();
    const int chosen = m_serverSwitcher->findData(m_profiles->defaultProfileName());
    m_serverSwitcher->setCurrentIndex(std::max(chosen, 0));
    chooseProfile(m_serverSwitcher->currentIndex());
    connectionStateChanged(m_connection->state());
}

MainWindow::~MainWindow()
{
    // Run windows are children; they go first, while the hash they leave still exists.
    const QList<RunView *> views = runViews();
    m_runViews.clear();
    qDeleteAll(views);
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_definitions->newAction());
    QAction *settings = file->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    settings->setShortcut(QKeySequence::Preferences);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *refreshAction = view->addAction(actionIcon(ActionIcon::Refresh), tr("&Refresh"), this,
                                             &MainWindow::refresh);
    refreshAction->setShortcut(QKeySequence::Refresh);
    QAction *filter = view->addAction(tr("&Filter"), this, &MainWindow::focusFilter);
    filter->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    view->addSeparator();
    for (int page = 0; page < PageCount; ++page) {
        QAction *go = view->addAction(m_navigation->item(page)->text(), this, [this, page] { showPage(Page(page)); });
        go->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + page)));
    }

    QMenu *run = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_definitions->launchAction());

    QToolBar *toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    auto *serverLabel = new QLabel(tr("Server:"), toolBar);
    serverLabel->setBuddy(m_serverSwitcher);
    serverLabel->setContentsMargins(4, 0, 4, 0);
    toolBar->addWidget(serverLabel);
    toolBar->addWidget(m_serverSwitcher);
    toolBar->addSeparator();
    toolBar->addAction(m_definitions->newAction());
    toolBar->addAction(refreshAction);
    auto *spacer = new QWidget(toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolBar->addWidget(spacer);
    toolBar->addAction(settings);
}

void MainWindow::reloadProfiles()
{
    const QString current = m_serverSwitcher->currentData().toString();
    m_serverSwitcher->clear();
    for (const ServerProfile &profile : m_profiles->profiles()) {
        const QString text = profile.isLocal() ? tr("Local (this machine)")
                                               : QStringLiteral("%1 — %2").arg(profile.name, profile.baseUrl.host());
        m_serverSwitcher->addItem(text, profile.name);
    }
    const int index = m_serverSwitcher->findData(current);
    if (index >= 0)
        m_serverSwitcher->setCurrentIndex(index);
}

void MainWindow::chooseProfile(int index)
{
    const std::optional<ServerProfile> profile = m_profiles->profile(m_serverSwitcher->itemData(index).toString());
    if (!profile)
        return;
    m_errorBar->hide();
    m_connection->connectTo(*profile);
}

void MainWindow::setLocalServer(const QUrl &url, const QByteArray &token)
{
    m_connection->setLocalServer(url, token);
    connectionStateChanged(m_connection->state());
}

void MainWindow::setLocalServerError(const QString &error)
{
    if (m_connection->profile().isLocal())
        showError(tr("The local control plane did not start: %1").arg(error));
}

void MainWindow::connectionStateChanged(ServerConnection::State state)
{
    const ServerProfile &profile = m_connection->profile();
    const QUrl url = profile.isLocal() ? m_connection->localUrl() : profile.baseUrl;
    m_urlLabel->setText(url.toString());
    switch (state) {
    case ServerConnection::State::Idle:
    case ServerConnection::State::Connecting:
        m_connectionLabel->setText(profile.isLocal() && url.isEmpty() ? tr("Starting the local control plane…")
                                                                      : tr("Connecting…"));
        break;
    case ServerConnection::State::Connected:
        m_connectionLabel->setText(tr("Connected (%1)").arg(serverFlavourName(m_connection->client()->flavour())));
        break;
    case ServerConnection::State::Failed:
        m_connectionLabel->setText(tr("Not connected"));
        m_activeRunsLabel->clear();
        break;
    }
}

void MainWindow::clientReady(FlotillaClient *client)
{
    m_definitions->setClient(client);
    m_runs->setClient(client);
    m_runs->setRefreshInterval(QSettings().value(QStringLiteral("refresh/runsSeconds"), 0).toInt() * 1000);
    for (NameListPage *page : {m_groups, m_tags, m_clusters})
        page->setClient(client);
    updateActiveRuns();
    m_activeRunsTimer->start();
}

void MainWindow::showError(const QString &message)
{
    m_errorText->setText(message);
    m_errorBar->show();
}

void MainWindow::showPage(Page page)
{
    m_navigation->setCurrentRow(page);
}

void MainWindow::refresh()
{
    if (m_connection->state() == ServerConnection::State::Failed)
        return m_connection->reconnect();
    m_definitions->refresh();
    m_runs->refresh();
    for (NameListPage *page : {m_groups, m_tags, m_clusters})
        page->refresh();
    updateActiveRuns();
}

void MainWindow::focusFilter()
{
    switch (Page(m_pages->currentIndex())) {
    case Definitions: return m_definitions->focusFilter();
    case Runs: return m_runs->focusFilter();
    case Groups: return m_groups->focusFilter();
    case Tags: return m_tags->focusFilter();
    case Clusters:
    case PageCount: return m_clusters->focusFilter();
    }
}

void MainWindow::updateActiveRuns()
{
    FlotillaClient *client = m_connection->client();
    if (!client)
        return;
    ResultJob<RunList> *job = client->listRuns(activeRunsQuery(1));
    connect(job, &ApiJob::finished, this, [this, job] {
        if (job->succeeded())
            m_activeRunsLabel->setText(tr("%n active run(s)", nullptr, int(job->result().page.total)));
    });
    job->start();
}

void MainWindow::newDefinition()
{
    FlotillaClient *client = m_connection->client();
    if (!client)
        return showError(tr("Not connected to a server yet."));
    auto *editor = new DefinitionEditor(client, DefinitionEditor::Mode::Create, {}, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &DefinitionEditor::saved, this, [this](const Definition &definition) {
        m_definitions->refresh();
        m_definitions->select(definition.definitionId);
        statusBar()->showMessage(tr("Created %1").arg(definition.alias), 5000);
    });
    editor->open();
}

void MainWindow::editDefinition(const Definition &definition)
{
    auto *editor = new DefinitionEditor(m_connection->client(), DefinitionEditor::Mode::Edit, definition, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &DefinitionEditor::saved, this, [this](const Definition &saved) {
        m_definitions->refresh();
        statusBar()->showMessage(tr("Saved %1").arg(saved.alias), 5000);
    });
    editor->open();
}

void MainWindow::copyDefinition(const Definition &definition)
{
    auto *editor = new DefinitionEditor(m_connection->client(), DefinitionEditor::Mode::Copy, definition, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &DefinitionEditor::saved, this, [this](const Definition &saved) {
        m_definitions->refresh();
        m_definitions->select(saved.definitionId);
    });
    editor->open();
}

void MainWindow::deleteDefinition(const Definition &definition)
{
    confirm(this, tr("Delete Definition"),
            tr("Delete the definition \"%1\"? Its runs stay in the history.").arg(definition.alias), tr("Delete"),
            [this, definition, client = QPointer(m_connection->client())] {
                if (!client)
                    return;
                ResultJob<bool> *job = client->deleteDefinition(definition.definitionId);
                connect(job, &ApiJob::finished, this, [this, job, alias = definition.alias] {
                    if (!job->succeeded())
                        return showError(job->error().sentence());
                    statusBar()->showMessage(tr("Deleted %1").arg(alias), 5000);
                    m_definitions->refresh();
                });
                job->start();
            });
}

void MainWindow::launch(const Definition &definition, const std::optional<Run> &retryOf)
{
    FlotillaClient *client = m_connection->client();
    if (!client)
        return showError(tr("Not connected to a server yet."));
    auto *dialog = new LaunchDialog(client, m_connection->profile(), definition, retryOf, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &LaunchDialog::launched, this, [this](const Run &run) {
        watchLaunched(run);
        m_runs->refresh();
        m_definitions->refresh();
        openRun(run);
    });
    dialog->open();
}

void MainWindow::retry(const Run &run)
{
    FlotillaClient *client = m_connection->client();
    if (!client)
        return;
    ResultJob<Definition> *job = client->definition(run.definitionId);
    connect(job, &ApiJob::finished, this, [this, job, run] {
        if (!job->succeeded())
            return showError(tr("Cannot retry: %1").arg(job->error().sentence()));
        launch(job->result(), run);
    });
    job->start();
}

void MainWindow::stop(const Run &run)
{
    confirm(this, tr("Stop Run"), tr("Stop the run %1 of %2?").arg(run.runId, run.alias), tr("Stop Run"),
            [this, run, client = QPointer(m_connection->client())] {
                if (!client)
                    return;
                ResultJob<Termination> *job = client->terminate(run.definitionId, run.runId);
                connect(job, &ApiJob::finished, this, [this, job] {
                    if (!job->succeeded())
                        return showError(job->error().sentence());
                    m_runs->refresh();
                });
                job->start();
            });
}

void MainWindow::watchLaunched(const Run &run)
{
    FlotillaClient *client = m_connection->client();
    auto *watcher = new RunWatcher(client, run.runId, this);
    watcher->setInterval(client->flavour() == ServerFlavour::ControlPlane ? 1000 : 5000);
    connect(watcher, &RunWatcher::finished, this, [this, watcher](const Run &finished) {
        statusBar()->showMessage(tr("Run of %1 finished: %2").arg(finished.alias, runStateText(runState(finished))),
                                 10000);
        Q_EMIT launchedRunFinished(finished);
        watcher->deleteLater();
    });
    watcher->start();
}

RunView *MainWindow::openRun(const Run &run)
{
    if (RunView *open = m_runViews.value(run.runId)) {
        open->raise();
        open->activateWindow();
        return open;
    }
    FlotillaClient *client = m_connection->client();
    if (!client)
        return nullptr;
    auto *view = new RunView(client, run, this);
    view->setWindowFlag(Qt::Window);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->resize(1200, 760);
    view->restoreGeometry(QSettings().value(QStringLiteral("runView/geometry")).toByteArray());
    connect(view, &RunView::stopRequested, this, &MainWindow::stop);
    connect(view, &RunView::retryRequested, this, &MainWindow::retry);
    connect(view, &QObject::destroyed, this, [this, runId = run.runId] { m_runViews.remove(runId); });
    m_runViews.insert(run.runId, view);
    view->show();
    return view;
}

QList<RunView *> MainWindow::runViews() const
{
    QList<RunView *> views;
    for (const QPointer<RunView> &view : m_runViews) {
        if (view)
            views.append(view);
    }
    return views;
}

void MainWindow::openSettings()
{
    auto *dialog = new SettingsDialog(m_profiles, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::profilesChanged, this, [this] {
        reloadProfiles();
        m_connection->forgetClients(); // URLs or secrets may have changed
        if (const std::optional<ServerProfile> current = m_profiles->profile(m_connection->profile().name))
            m_connection->connectTo(*current);
    });
    connect(dialog, &QDialog::finished, this, [this] {
        m_runs->setRefreshInterval(QSettings().value(QStringLiteral("refresh/runsSeconds"), 0).toInt() * 1000);
    });
    dialog->open();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    FlotillaClient *local = m_connection->localClient();
    if (!m_askBeforeQuit || m_quitConfirmed || !local) {
        saveState();
        for (const QPointer<RunView> &view : std::as_const(m_runViews)) {
            if (view)
                view->close();
        }
        return QMainWindow::closeEvent(event);
    }
    // Whether local runs are active decides the question: ask the server first.
    event->ignore();
    ResultJob<RunList> *job = local->listRuns(activeRunsQuery(500));
    connect(job, &ApiJob::finished, this, [this, job] {
        const QList<Run> active = job->succeeded() ? job->result().history : QList<Run>();
        if (active.isEmpty()) {
            m_quitConfirmed = true;
            return void(close());
        }
        askAboutActiveRuns(active);
    });
    job->start();
}

void MainWindow::askAboutActiveRuns(const QList<Run> &active)
{
    auto *box = new QMessageBox(
        QMessageBox::Question, tr("Quit Flotilla"),
        tr("%n local run(s) are still active. Leave them running (they are picked up at the next "
           "start) or stop them?",
           nullptr, int(active.size())),
        QMessageBox::Cancel, this);
    QPushButton *leave = box->addButton(tr("Leave Running and Quit"), QMessageBox::AcceptRole);
    QPushButton *stopAll = box->addButton(tr("Stop Them and Quit"), QMessageBox::DestructiveRole);
    box->setDefaultButton(leave);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, leave, stopAll, active] {
        if (box->clickedButton() == leave) {
            m_quitConfirmed = true;
            return void(close());
        }
        if (box->clickedButton() != stopAll)
            return;
        auto remaining = std::make_shared<qsizetype>(active.size());
        for (const Run &run : active) {
            ResultJob<Termination> *job = m_connection->localClient()->terminate(run.definitionId, run.runId);
            connect(job, &ApiJob::finished, this, [this, remaining] {
                if (--*remaining == 0) {
                    m_quitConfirmed = true;
                    close();
                }
            });
            job->start();
        }
    });
    box->open();
}

void MainWindow::restoreState()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    QMainWindow::restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    m_definitions->splitter()->restoreState(settings.value(QStringLiteral("definitions/splitter")).toByteArray());
    m_definitions->table()->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("definitions/header")).toByteArray());
    m_runs->table()->horizontalHeader()->restoreState(settings.value(QStringLiteral("runs/header")).toByteArray());
    showPage(Page(settings.value(QStringLiteral("navigation/page"), int(Definitions)).toInt() % PageCount));
}

void MainWindow::saveState() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), QMainWindow::saveState());
    settings.setValue(QStringLiteral("definitions/splitter"), m_definitions->splitter()->saveState());
    settings.setValue(QStringLiteral("definitions/header"), m_definitions->table()->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("runs/header"), m_runs->table()->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("navigation/page"), m_pages->currentIndex());
    if (!m_runViews.isEmpty()) {
        for (const QPointer<RunView> &view : m_runViews) {
            if (view)
                settings.setValue(QStringLiteral("runView/geometry"), view->saveGeometry());
        }
    }
}

} // namespace Flotilla
