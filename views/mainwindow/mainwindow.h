#pragma once

#include <client/serverconnection.h>
#include <wire/definition.h>
#include <wire/run.h>

#include <QHash>
#include <QMainWindow>
#include <QPointer>

class QComboBox;
class QLabel;
class QListWidget;
class QStackedWidget;
class QTimer;

namespace Flotilla {

class ActionsController;
class BulkActions;
class CompareWindow;
class ExportImportController;
class DefinitionsPage;
class ErrorBar;
class FlotillaClient;
class LinkController;
class NameListPage;
class ProfileStore;
class QuitGuard;
class RunView;
class RunsPage;
class TemplatesPage;
class WatchList;

// The window people live in: navigation (Definitions, Templates where the
// server has them, Runs, Groups, Tags, Clusters), a server switcher over the profiles, an error bar, a status bar
// (connection, URL, active runs) and a window per opened run. What the
// actions do is ActionsController's; the question before quitting is
// QuitGuard's.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum Page { Definitions, Templates, Runs, Groups, Tags, Clusters, PageCount };
    Q_ENUM(Page)

    explicit MainWindow(ProfileStore *profiles, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Where the local control plane listens (embedded or already running).
    void setLocalServer(const QUrl &url, const QByteArray &token);
    // The local control plane could not start; says why.
    void setLocalServerError(const QString &error);

    ServerConnection *connection() const { return m_connection; }
    DefinitionsPage *definitionsPage() const { return m_definitions; }
    RunsPage *runsPage() const { return m_runs; }
    TemplatesPage *templatesPage() const { return m_templates; }
    void showPage(Page page);
    // Shows the server of profile `name` (the switcher follows), unless it is shown.
    void showProfile(const QString &name);
    void showError(const QString &message);
    // Opens and copies flotilla:// links.
    LinkController *links() const { return m_links; }
    RunView *openRun(const Run &run);
    // A run of a server the window may no longer show (the tray, a notification).
    RunView *openRunWith(FlotillaClient *client, const Run &run);
    // A window comparing two runs of `client`'s server (the one shown when null).
    CompareWindow *openComparison(const Run &left, const Run &right, FlotillaClient *client = nullptr);
    // Finds the previous run of the same definition or template, then compares.
    void compareWithPrevious(FlotillaClient *client, const Run &run);
    ActionsController *actions() const { return m_actions; }
    // Offers Watch in run windows, the runs table and on definitions.
    void setWatchList(WatchList *watches);
    // Only for tests and screenshots: the open run windows.
    QList<RunView *> runViews() const;
    // Skip the quit question (tests).
    void setAskBeforeQuit(bool ask);

Q_SIGNALS:
    // A run launched from this window finished (for notifications).
    void launchedRunFinished(const Flotilla::Run &run);
    // A run was launched from this window on the server of `profile`.
    void runLaunched(const QString &profile, const Flotilla::Run &run);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void connectPages();
    void chooseProfile(int index);
    void reloadProfiles();
    void connectionStateChanged(ServerConnection::State state);
    void clientReady(FlotillaClient *client);
    void retryAfterError();
    void refresh();
    void focusFilter();
    void updateActiveRuns();
    void applyRefreshSettings();
    void openSettings();
    void toggleDefinitionWatch(const Definition &definition);
    void watchRuns(const QList<Run> &runs);

    void restoreState();
    // The first start: three quarters wide, two thirds high, centred.
    void sizeToScreen();
    void saveState() const;

    ProfileStore *m_profiles;
    ServerConnection *m_connection;
    QComboBox *m_serverSwitcher;
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    DefinitionsPage *m_definitions;
    TemplatesPage *m_templates;
    RunsPage *m_runs;
    NameListPage *m_groups;
    NameListPage *m_tags;
    NameListPage *m_clusters;
    ErrorBar *m_errorBar;
    ActionsController *m_actions;
    LinkController *m_links;
    BulkActions *m_bulk;
    ExportImportController *m_exportImport;
    QuitGuard *m_quitGuard;
    QLabel *m_connectionLabel;
    QLabel *m_urlLabel;
    QLabel *m_activeRunsLabel;
    QTimer *m_activeRunsTimer;
    QHash<QString, QPointer<RunView>> m_runViews;
    WatchList *m_watches = nullptr;
};

} // namespace Flotilla
