#include "mainwindow.h"

#include "actionscontroller.h"
#include "bulkactions.h"
#include "exportimportcontroller.h"
#include "linkcontroller.h"
#include "quitguard.h"
#include <compare/comparewindow.h>
#include <definitions/definitiondetails.h>
#include <definitions/definitionspage.h>
#include <names/namelistpage.h>
#include <runs/runselectionactions.h>
#include <runs/runspage.h>
#include <runs/runstate.h>
#include <runs/runview.h>
#include <settings/settingsdialog.h>
#include <templates/templatedetails.h>
#include <templates/templatespage.h>
#include <widgets/errorbar.h>
#include <widgets/tableviews.h>

#include <client/flotillaclient.h>
#include <client/previousrunjob.h>
#include <client/profilestore.h>
#include <client/settings.h>
#include <client/watchlist.h>

#include <icons.h>

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QScreen>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

namespace Flotilla {

MainWindow::MainWindow(ProfileStore *profiles, QWidget *parent)
    : QMainWindow(parent)
    , m_profiles(profiles)
    , m_connection(new ServerConnection(this))
    , m_serverSwitcher(new QComboBox(this))
    , m_navigation(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_definitions(new DefinitionsPage(this))
    , m_templates(new TemplatesPage(this))
    , m_runs(new RunsPage(this))
    , m_groups(new NameListPage(NameListPage::Kind::Groups, this))
    , m_tags(new NameListPage(NameListPage::Kind::Tags, this))
    , m_clusters(new NameListPage(NameListPage::Kind::Clusters, this))
    , m_errorBar(new ErrorBar(this))
    , m_actions(new ActionsController(m_connection, this))
    , m_links(new LinkController(this, profiles))
    , m_bulk(new BulkActions(m_connection, this))
    , m_exportImport(new ExportImportController(m_connection, m_definitions, m_templates, this))
    , m_quitGuard(new QuitGuard(m_connection, this))
    , m_connectionLabel(new QLabel(this))
    , m_urlLabel(new QLabel(this))
    , m_activeRunsLabel(new QLabel(this))
    , m_activeRunsTimer(new QTimer(this))
{
    setWindowTitle(tr("Flotilla"));
    setWindowIcon(applicationIcon());
    setObjectName(QStringLiteral("mainWindow"));

    const std::pair<QString, QWidget *> pages[PageCount] = {
        {tr("Definitions"), m_definitions}, {tr("Templates"), m_templates}, {tr("Runs"), m_runs},
        {tr("Groups"), m_groups},           {tr("Tags"), m_tags},           {tr("Clusters"), m_clusters},
    };
    for (const auto &[title, page] : pages) {
        m_navigation->addItem(title);
        m_pages->addWidget(page);
    }
    m_navigation->setAccessibleName(tr("Navigation"));
    m_navigation->setUniformItemSizes(true);
    m_navigation->setFixedWidth(m_navigation->sizeHintForColumn(0) + 48);
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

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

    connectPages();
    connect(m_errorBar, &ErrorBar::retryRequested, this, &MainWindow::retryAfterError);
    connect(m_connection, &ServerConnection::stateChanged, this, &MainWindow::connectionStateChanged);
    connect(m_connection, &ServerConnection::connected, this, &MainWindow::clientReady);
    connect(m_connection, &ServerConnection::failed, m_errorBar, &ErrorBar::showError);
    connect(m_serverSwitcher, &QComboBox::activated, this, &MainWindow::chooseProfile);
    connect(m_quitGuard, &QuitGuard::quitConfirmed, this, &QWidget::close);

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

void MainWindow::connectPages()
{
    const auto showErrorOf = [this](const ApiError &error) { m_errorBar->showError(error.sentence()); };
    connect(m_definitions, &DefinitionsPage::newRequested, m_actions, &ActionsController::newDefinition);
    connect(m_definitions, &DefinitionsPage::editRequested, m_actions, &ActionsController::editDefinition);
    connect(m_definitions, &DefinitionsPage::copyRequested, m_actions, &ActionsController::copyDefinition);
    connect(m_definitions, &DefinitionsPage::deleteRequested, m_actions, &ActionsController::deleteDefinition);
    connect(m_definitions, &DefinitionsPage::launchRequested, m_actions,
            [this](const Definition &definition) { m_actions->launch(definition); });
    connect(m_definitions, &DefinitionsPage::runActivated, this, &MainWindow::openRun);
    connect(m_definitions, &DefinitionsPage::errorOccurred, this, showErrorOf);
    connect(m_templates, &TemplatesPage::launchRequested, m_actions,
            [this](const Template &tpl) { m_actions->launchTemplate(tpl); });
    connect(m_templates, &TemplatesPage::runActivated, this, &MainWindow::openRun);
    connect(m_templates, &TemplatesPage::errorOccurred, this, showErrorOf);
    connect(m_runs, &RunsPage::runActivated, this, &MainWindow::openRun);
    connect(m_definitions, &DefinitionsPage::watchRequested, this, &MainWindow::toggleDefinitionWatch);
    connect(m_definitions, &DefinitionsPage::copyLinkRequested, m_links, [this](const Definition &definition) {
        m_links->copy(FlotillaLink::Kind::Definition, definition.definitionId);
    });
    connect(m_templates, &TemplatesPage::copyLinkRequested, m_links,
            [this](const Template &tpl) { m_links->copy(FlotillaLink::Kind::Template, tpl.templateId); });
    connect(m_runs, &RunsPage::errorOccurred, this, showErrorOf);
    // Every runs table: the runs page's and the detail panes'.
    for (RunSelectionActions *runActions :
         {m_runs->runActions(), m_definitions->details()->runActions(), m_templates->details()->runActions()}) {
        connect(runActions, &RunSelectionActions::stopRequested, m_actions, &ActionsController::stop);
        connect(runActions, &RunSelectionActions::retryRequested, m_actions, &ActionsController::retry);
        connect(runActions, &RunSelectionActions::stopRunsRequested, m_bulk, &BulkActions::stopRuns);
        connect(runActions, &RunSelectionActions::retryRunsRequested, m_bulk, &BulkActions::retryRuns);
        connect(runActions, &RunSelectionActions::copyIdsRequested, m_bulk, &BulkActions::copyRunIds);
        connect(runActions, &RunSelectionActions::watchRequested, this, &MainWindow::watchRuns);
        connect(runActions, &RunSelectionActions::copyLinkRequested, m_links,
                [this](const Run &run) { m_links->copy(FlotillaLink::Kind::Run, run.runId); });
        connect(runActions, &RunSelectionActions::compareRequested, this,
                [this](const Run &left, const Run &right) { openComparison(left, right); });
    }
    connect(m_definitions, &DefinitionsPage::launchManyRequested, m_bulk, &BulkActions::launchDefinitions);
    connect(m_definitions, &DefinitionsPage::deleteManyRequested, m_bulk, &BulkActions::deleteDefinitions);
    connect(m_bulk, &BulkActions::runsChanged, m_runs, &RunsPage::refresh);
    connect(m_bulk, &BulkActions::runsChanged, m_templates, &TemplatesPage::refresh);
    connect(m_bulk, &BulkActions::definitionsChanged, m_definitions, &DefinitionsPage::refresh);
    connect(m_bulk, &BulkActions::errorOccurred, m_errorBar, &ErrorBar::showError);
    connect(m_bulk, &BulkActions::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10000); });
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

    connect(m_actions, &ActionsController::definitionsChanged, this, [this](const QString &select) {
        m_definitions->refresh();
        if (!select.isEmpty())
            m_definitions->select(select);
    });
    connect(m_actions, &ActionsController::runsChanged, m_runs, &RunsPage::refresh);
    connect(m_actions, &ActionsController::runsChanged, m_templates, &TemplatesPage::refresh);
    connect(m_actions, &ActionsController::launched, this, &MainWindow::openRunWith);
    connect(m_actions, &ActionsController::launched, this,
            [this](FlotillaClient *, const Run &run) { Q_EMIT runLaunched(m_connection->profile().name, run); });
    connect(m_actions, &ActionsController::launchedRunFinished, this, &MainWindow::launchedRunFinished);
    connect(m_actions, &ActionsController::errorOccurred, m_errorBar, &ErrorBar::showError);
    connect(m_exportImport, &ExportImportController::errorOccurred, m_errorBar, &ErrorBar::showError);
    connect(m_exportImport, &ExportImportController::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10000); });
    connect(m_exportImport, &ExportImportController::pageRequested, this,
            [this](QWidget *page) { showPage(page == m_templates ? Templates : Definitions); });
    connect(m_actions, &ActionsController::statusMessage, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10000); });
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_definitions->newAction());
    file->addAction(m_exportImport->importAction());
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

void MainWindow::setAskBeforeQuit(bool ask)
{
    m_quitGuard->setEnabled(ask);
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

void MainWindow::showProfile(const QString &name)
{
    if (m_connection->profile().name == name && m_connection->state() != ServerConnection::State::Failed)
        return;
    const int index = m_serverSwitcher->findData(name);
    if (index < 0)
        return showError(tr("There is no server profile \"%1\"; add it in Settings.").arg(name));
    m_serverSwitcher->setCurrentIndex(index);
    chooseProfile(index);
}

void MainWindow::showError(const QString &message)
{
    m_errorBar->showError(message);
}

void MainWindow::setLocalServer(const QUrl &url, const QByteArray &token)
{
    m_connection->setLocalServer(url, token);
    connectionStateChanged(m_connection->state());
}

void MainWindow::setLocalServerError(const QString &error)
{
    if (m_connection->profile().isLocal())
        m_errorBar->showError(tr("The local control plane did not start: %1").arg(error));
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
    // Each page's lists reload on a new client, once.
    m_definitions->setClient(client);
    m_definitions->setProfileName(m_connection->profile().name);
    m_templates->setProfileName(m_connection->profile().name);
    // A seed-era server has no templates: no page, and no error about it.
    const bool templates = client->servesTemplates();
    m_templates->setClient(templates ? client : nullptr);
    m_navigation->item(Templates)->setHidden(!templates);
    if (!templates && m_pages->currentIndex() == Templates)
        showPage(Definitions);
    m_runs->setClient(client);
    for (NameListPage *page : {m_groups, m_tags, m_clusters})
        page->setClient(client);
    applyRefreshSettings();
    updateActiveRuns();
    m_activeRunsTimer->start();
}

void MainWindow::applyRefreshSettings()
{
    m_runs->setRefreshInterval(Settings().runsRefreshSeconds() * 1000);
}

void MainWindow::retryAfterError()
{
    if (m_connection->state() == ServerConnection::State::Failed)
        m_connection->reconnect();
    else
        refresh();
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
    m_templates->refresh();
    m_runs->refresh();
    for (NameListPage *page : {m_groups, m_tags, m_clusters})
        page->refresh();
    updateActiveRuns();
}

void MainWindow::focusFilter()
{
    switch (Page(m_pages->currentIndex())) {
    case Definitions: return m_definitions->focusFilter();
    case Templates: return m_templates->focusFilter();
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

RunView *MainWindow::openRun(const Run &run)
{
    return openRunWith(m_connection->client(), run);
}

RunView *MainWindow::openRunWith(FlotillaClient *client, const Run &run)
{
    if (RunView *open = m_runViews.value(run.runId)) {
        open->raise();
        open->activateWindow();
        return open;
    }
    if (!client)
        return nullptr;
    auto *view = new RunView(client, run, this);
    m_connection->holdClient(client, view);
    view->setWindowFlag(Qt::Window);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->resize(1200, 760);
    view->restoreGeometry(Settings().layout(Settings::Layout::RunViewGeometry));
    connect(view, &RunView::stopRequested, m_actions, &ActionsController::stop);
    connect(view, &RunView::retryRequested, m_actions, &ActionsController::retry);
    connect(view, &RunView::copyLinkRequested, m_links,
            [this](const Run &shown) { m_links->copy(FlotillaLink::Kind::Run, shown.runId); });
    connect(view, &QObject::destroyed, this, [this, runId = run.runId] { m_runViews.remove(runId); });
    connect(view, &RunView::compareWithPreviousRequested, this,
            [this, client](const Run &shown) { compareWithPrevious(client, shown); });
    if (m_watches) {
        const QString profile = m_connection->profile().name;
        view->setWatched(m_watches->isRunWatched(profile, run.runId));
        connect(view, &RunView::watchToggled, m_watches, [this, profile, runId = run.runId](bool watched) {
            m_watches->setRunWatched(profile, runId, watched);
        });
        connect(m_watches, &WatchList::runsChanged, view, [this, view, profile](const QString &changed) {
            if (changed == profile)
                view->setWatched(m_watches->isRunWatched(profile, view->run().runId));
        });
    }
    m_runViews.insert(run.runId, view);
    view->show();
    return view;
}

CompareWindow *MainWindow::openComparison(const Run &left, const Run &right, FlotillaClient *client)
{
    if (!client)
        client = m_connection->client();
    if (!client)
        return nullptr;
    auto *window = new CompareWindow(client, left, right, this);
    m_connection->holdClient(client, window);
    window->setWindowFlag(Qt::Window);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->resize(1280, 860);
    window->show();
    return window;
}

void MainWindow::compareWithPrevious(FlotillaClient *client, const Run &run)
{
    auto *job = new PreviousRunJob(client, run);
    connect(job, &PreviousRunJob::finished, this, [this, job, client] {
        if (!job->succeeded())
            return m_errorBar->showError(job->error().sentence());
        if (!job->result()) {
            statusBar()->showMessage(tr("%1 has no earlier run to compare with.").arg(job->run().alias), 10000);
            return;
        }
        openComparison(*job->result(), job->run(), client);
    });
    job->start();
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

void MainWindow::setWatchList(WatchList *watches)
{
    m_watches = watches;
}

void MainWindow::toggleDefinitionWatch(const Definition &definition)
{
    if (!m_watches)
        return;
    const QString profile = m_connection->profile().name;
    const bool watch = !m_watches->isDefinitionWatched(profile, definition.definitionId);
    m_watches->setDefinitionWatched(profile, definition.definitionId, watch);
    statusBar()->showMessage(watch ? tr("You will be notified when runs of %1 end.").arg(definition.alias)
                                   : tr("No more notifications about runs of %1.").arg(definition.alias),
                             10000);
}

void MainWindow::watchRuns(const QList<Run> &runs)
{
    if (!m_watches)
        return;
    QStringList runIds;
    for (const Run &run : runs)
        runIds.append(run.runId);
    m_watches->watchRuns(m_connection->profile().name, runIds);
    statusBar()->showMessage(
        runs.size() == 1 ? tr("Watching the run of %1: you will be notified when it ends.").arg(runs.constFirst().alias)
                         : tr("Watching %n runs: you will be notified when each ends.", nullptr, int(runs.size())),
        10000);
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
    connect(dialog, &QDialog::finished, this, &MainWindow::applyRefreshSettings);
    dialog->open();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_quitGuard->mayQuit())
        return event->ignore(); // quitConfirmed() closes again
    saveState();
    for (const QPointer<RunView> &view : std::as_const(m_runViews)) {
        if (view)
            view->close();
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::restoreState()
{
    const Settings settings;
    const QByteArray geometry = settings.layout(Settings::Layout::MainWindowGeometry);
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        sizeToScreen();
    QMainWindow::restoreState(settings.layout(Settings::Layout::MainWindowState));
    m_definitions->splitter()->restoreState(settings.layout(Settings::Layout::DefinitionsSplitter));
    const std::pair<QTableView *, Settings::Layout> tables[] = {
        {m_definitions->table(), Settings::Layout::DefinitionsHeader},
        {m_runs->table(), Settings::Layout::RunsHeader},
    };
    for (const auto &[table, layout] : tables) {
        // A saved header wins; else the columns start out fitting the table.
        if (!table->horizontalHeader()->restoreState(settings.layout(layout)))
            fitColumnsWhenShown(table);
    }
    showPage(Page(std::clamp(settings.currentPage(), 0, PageCount - 1)));
}

void MainWindow::sizeToScreen()
{
    const QRect available = screen()->availableGeometry();
    // Three quarters wide: at two thirds the definition list's filter row
    // leaves the details pane beside it under 200 px on a 1400 px screen.
    const QSize share(available.width() * 3 / 4, available.height() * 2 / 3);
    const QSize size = share.expandedTo(minimumSizeHint()).boundedTo(available.size());
    resize(size);
    move(available.center() - QPoint(size.width() / 2, size.height() / 2));
}

void MainWindow::saveState() const
{
    Settings settings;
    settings.setLayout(Settings::Layout::MainWindowGeometry, saveGeometry());
    settings.setLayout(Settings::Layout::MainWindowState, QMainWindow::saveState());
    settings.setLayout(Settings::Layout::DefinitionsSplitter, m_definitions->splitter()->saveState());
    settings.setLayout(Settings::Layout::DefinitionsHeader, m_definitions->table()->horizontalHeader()->saveState());
    settings.setLayout(Settings::Layout::RunsHeader, m_runs->table()->horizontalHeader()->saveState());
    settings.setCurrentPage(m_pages->currentIndex());
    for (const QPointer<RunView> &view : m_runViews) {
        if (view)
            settings.setLayout(Settings::Layout::RunViewGeometry, view->saveGeometry());
    }
}

} // namespace Flotilla
