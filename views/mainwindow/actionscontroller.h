#pragma once

#include <definitions/definitioneditor.h>

#include <client/settings.h>
#include <wire/definition.h>
#include <wire/run.h>
#include <wire/template.h>

#include <QObject>

#include <functional>
#include <optional>

class QWidget;

namespace Flotilla {

class FlotillaClient;
class ServerConnection;

// What the definition and run actions do, apart from the window that offers
// them: create, edit, copy and delete definitions; launch, retry and stop
// runs; follow the runs launched here. Each works with the client of the
// server it started on, even when the connection moves on meanwhile.
// Questions and dialogs open window-modal (open()); nothing waits in a
// nested event loop.
class ActionsController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionsController)

public:
    // Dialogs and questions open over `window`.
    ActionsController(ServerConnection *connection, QWidget *window);

    void newDefinition();
    void editDefinition(const Definition &definition);
    void copyDefinition(const Definition &definition);
    void deleteDefinition(const Definition &definition);
    void launch(const Definition &definition, const std::optional<Run> &retryOf = std::nullopt);
    // Opens the form of the template's schema.
    void launchTemplate(const Template &tpl, const std::optional<Run> &retryOf = std::nullopt);
    // A run of a definition or of a template: its launch form, filled from the run.
    void retry(const Run &run);
    // The launch form of a definition or template known by id (the tray's
    // Launch menu), read from the server first.
    void launchById(const LaunchItem &item, const std::optional<Run> &retryOf = std::nullopt);
    void stop(const Run &run);
    // Follows `run` with `client` until it finishes (launchedRunFinished).
    void watch(FlotillaClient *client, const Run &run);

Q_SIGNALS:
    // Definitions changed on the server; `select` (if not empty) is the one to show.
    void definitionsChanged(const QString &select);
    void runsChanged();
    // A run was launched with `client`: the window opens it.
    void launched(Flotilla::FlotillaClient *client, const Flotilla::Run &run);
    void launchedRunFinished(const Flotilla::Run &run);
    void errorOccurred(const QString &message);
    // A short note for the status bar.
    void statusMessage(const QString &message);

private:
    // Follows a run launched from a dialog that holds `client`.
    void runLaunched(FlotillaClient *client, const Run &run);
    void openEditor(DefinitionEditor::Mode mode, const Definition &definition);
    // Asks `text`; `yes` runs with the client of the moment of asking.
    void confirm(const QString &title, const QString &text, const QString &yesText,
                 std::function<void(FlotillaClient *)> yes);
    FlotillaClient *clientOrError();

    ServerConnection *m_connection;
    QWidget *m_window;
};

} // namespace Flotilla
