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
class QPushButton;
class QStackedWidget;
class QTimer;

namespace Flotilla {

class ApiError;
class DefinitionsPage;
class FlotillaClient;
class NameListPage;
class ProfileStore;
class RunView;
class RunsPage;

// The window people live in: navigation (Definitions, Runs, Groups, Tags,
// Clusters), a server switcher over the profiles, a status bar (connection,
// URL, active runs), the editors and dialogs, and a window per opened run.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum Page { Definitions, Runs, Groups, Tags, Clusters, PageCount };
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
    void showPage(Page page);
    RunView *openRun(const Run &run);
    // Only for tests and screenshots: the open run windows.
    QList<RunView *> runViews() const;
    // Skip the quit question (tests).
    void setAskBeforeQuit(bool ask) { m_askBeforeQuit = ask; }

Q_SIGNALS:
    // A run launched from this window finished (for notifications).
    void launchedRunFinished(const Flotilla::Run &run);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void chooseProfile(int index);
    void reloadProfiles();
    void connectionStateChanged(ServerConnection::State state);
    void clientReady(FlotillaClient *client);
    void showError(const QString &message);
    void refresh();
    void focusFilter();
    void updateActiveRuns();

    void newDefinition();
    void editDefinition(const Definition &definition);
    void copyDefinition(const Definition &definition);
    void deleteDefinition(const Definition &definition);
    void launch(const Definition &definition, const std::optional<Run> &retryOf = std::nullopt);
    void retry(const Run &run);
    void stop(const Run &run);
    void watchLaunched(const Run &run);
    void openSettings();
    void askAboutActiveRuns(const QList<Run> &active);

    void restoreState();
    void saveState() const;

    ProfileStore *m_profiles;
    ServerConnection *m_connection;
    QComboBox *m_serverSwitcher;
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    DefinitionsPage *m_definitions;
    RunsPage *m_runs;
    NameListPage *m_groups;
    NameListPage *m_tags;
    NameListPage *m_clusters;
    QWidget *m_errorBar;
    QLabel *m_errorText;
    QPushButton *m_retryButton;
    QLabel *m_connectionLabel;
    QLabel *m_urlLabel;
    QLabel *m_activeRunsLabel;
    QTimer *m_activeRunsTimer;
    QHash<QString, QPointer<RunView>> m_runViews;
    bool m_askBeforeQuit = true;
    bool m_quitConfirmed = false;
};

} // namespace Flotilla
