#include "actionscontroller.h"

#include "confirmation.h"

#include <definitions/launchdialog.h>
#include <runs/runstate.h>
#include <templates/templatelaunchdialog.h>

#include <client/flotillaclient.h>
#include <client/runwatcher.h>
#include <client/serverconnection.h>

namespace Flotilla {

ActionsController::ActionsController(ServerConnection *connection, QWidget *window)
    : QObject(window)
    , m_connection(connection)
    , m_window(window)
{}

FlotillaClient *ActionsController::clientOrError()
{
    FlotillaClient *client = m_connection->client();
    if (!client)
        Q_EMIT errorOccurred(tr("Not connected to a server yet."));
    return client;
}

void ActionsController::confirm(const QString &title, const QString &text, const QString &yesText,
                                std::function<void(FlotillaClient *)> yes)
{
    if (FlotillaClient *client = clientOrError())
        askToConfirm(m_connection, client, m_window, title, text, yesText, std::move(yes));
}

void ActionsController::newDefinition()
{
    openEditor(DefinitionEditor::Mode::Create, {});
}

void ActionsController::editDefinition(const Definition &definition)
{
    openEditor(DefinitionEditor::Mode::Edit, definition);
}

void ActionsController::copyDefinition(const Definition &definition)
{
    openEditor(DefinitionEditor::Mode::Copy, definition);
}

void ActionsController::openEditor(DefinitionEditor::Mode mode, const Definition &definition)
{
    FlotillaClient *client = clientOrError();
    if (!client)
        return;
    auto *editor = new DefinitionEditor(client, mode, definition, m_window);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    m_connection->holdClient(client, editor);
    connect(editor, &DefinitionEditor::saved, this, [this, mode](const Definition &saved) {
        Q_EMIT definitionsChanged(mode == DefinitionEditor::Mode::Edit ? QString() : saved.definitionId);
        Q_EMIT statusMessage(mode == DefinitionEditor::Mode::Edit ? tr("Saved %1").arg(saved.alias)
                                                                  : tr("Created %1").arg(saved.alias));
    });
    editor->open();
}

void ActionsController::deleteDefinition(const Definition &definition)
{
    confirm(tr("Delete Definition"),
            tr("Delete the definition \"%1\"? Its runs stay in the history.").arg(definition.alias), tr("Delete"),
            [this, definition](FlotillaClient *client) {
                ResultJob<bool> *job = client->deleteDefinition(definition.definitionId);
                connect(job, &ApiJob::finished, this, [this, job, alias = definition.alias] {
                    if (!job->succeeded())
                        return Q_EMIT errorOccurred(job->error().sentence());
                    Q_EMIT statusMessage(tr("Deleted %1").arg(alias));
                    Q_EMIT definitionsChanged({});
                });
                job->start();
            });
}

void ActionsController::launch(const Definition &definition, const std::optional<Run> &retryOf)
{
    FlotillaClient *client = clientOrError();
    if (!client)
        return;
    auto *dialog = new LaunchDialog(client, m_connection->profile(), definition, retryOf, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_connection->holdClient(client, dialog);
    connect(dialog, &LaunchDialog::launched, this, [this, client](const Run &run) {
        runLaunched(client, run);
        Q_EMIT definitionsChanged({});
    });
    dialog->open();
}

void ActionsController::launchTemplate(const Template &tpl, const std::optional<Run> &retryOf)
{
    FlotillaClient *client = clientOrError();
    if (!client)
        return;
    auto *dialog = new TemplateLaunchDialog(client, m_connection->profile(), tpl, retryOf, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_connection->holdClient(client, dialog);
    connect(dialog, &TemplateLaunchDialog::launched, this, [this, client](const Run &run) { runLaunched(client, run); });
    dialog->open();
}

void ActionsController::runLaunched(FlotillaClient *client, const Run &run)
{
    // The dialog holds its client until it closes, after this.
    watch(client, run);
    Q_EMIT runsChanged();
    Q_EMIT launched(client, run);
}

void ActionsController::retry(const Run &run)
{
    // A template run: the version the run ran, whatever the latest is now.
    if (run.isTemplateRun())
        return launchById({LaunchItem::Kind::Template, run.executableId.isEmpty() ? run.definitionId : run.executableId,
                           run.alias},
                          run);
    launchById({LaunchItem::Kind::Definition, run.definitionId, run.alias}, run);
}

void ActionsController::launchById(const LaunchItem &item, const std::optional<Run> &retryOf)
{
    FlotillaClient *client = clientOrError();
    if (!client)
        return;
    const QString failure = retryOf ? tr("Cannot retry: %1") : tr("Cannot launch %1: %2").arg(item.label);
    if (item.kind == LaunchItem::Kind::Template) {
        ResultJob<Template> *job = client->templateById(item.id);
        connect(job, &ApiJob::finished, this, [this, job, retryOf, failure] {
            if (!job->succeeded())
                return Q_EMIT errorOccurred(failure.arg(job->error().sentence()));
            launchTemplate(job->result(), retryOf);
        });
        return job->start();
    }
    ResultJob<Definition> *job = client->definition(item.id);
    connect(job, &ApiJob::finished, this, [this, job, retryOf, failure] {
        if (!job->succeeded())
            return Q_EMIT errorOccurred(failure.arg(job->error().sentence()));
        launch(job->result(), retryOf);
    });
    job->start();
}

void ActionsController::stop(const Run &run)
{
    confirm(tr("Stop Run"), tr("Stop the run %1 of %2?").arg(run.runId, run.alias), tr("Stop Run"),
            [this, run](FlotillaClient *client) {
                ResultJob<Termination> *job = client->terminate(run.definitionId, run.runId, run.isTemplateRun());
                connect(job, &ApiJob::finished, this, [this, job] {
                    if (!job->succeeded())
                        return Q_EMIT errorOccurred(job->error().sentence());
                    Q_EMIT runsChanged();
                });
                job->start();
            });
}

void ActionsController::watch(FlotillaClient *client, const Run &run)
{
    auto *watcher = new RunWatcher(client, run.runId, this);
    m_connection->holdClient(client, watcher);
    watcher->setInterval(client->flavour() == ServerFlavour::ControlPlane ? 1000 : 5000);
    connect(watcher, &RunWatcher::finished, this, [this, watcher](const Run &finished) {
        Q_EMIT statusMessage(tr("Run of %1 finished: %2").arg(finished.alias, runStateText(runState(finished))));
        Q_EMIT launchedRunFinished(finished);
        watcher->deleteLater();
    });
    watcher->start();
}

} // namespace Flotilla
