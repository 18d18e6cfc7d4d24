#include "bulkactions.h"

#include "confirmation.h"
#include <definitions/launchdialog.h>

#include <client/bulkoperation.h>
#include <client/flotillaclient.h>
#include <client/serverconnection.h>
#include <client/settings.h>
#include <wire/template.h>

#include <QClipboard>
#include <QGuiApplication>
#include <QHash>
#include <QMessageBox>

namespace Flotilla {

namespace {

// Failures listed in the dialog's text; all of them are in its details.
constexpr qsizetype failuresListed = 10;

QList<BulkItem> runItems(const QList<Run> &runs)
{
    QList<BulkItem> items;
    for (const Run &run : runs)
        items.append({run.runId, run.alias});
    return items;
}

QList<BulkItem> definitionItems(const QList<Definition> &definitions)
{
    QList<BulkItem> items;
    for (const Definition &definition : definitions)
        items.append({definition.definitionId, definition.alias});
    return items;
}

QHash<QString, Run> runsById(const QList<Run> &runs)
{
    QHash<QString, Run> byId;
    for (const Run &run : runs)
        byId.insert(run.runId, run);
    return byId;
}

EnvList withoutReserved(EnvList env)
{
    env.removeIf([](const EnvVar &var) { return reservedEnvNames().contains(var.name); });
    return env;
}

// Where the run was placed, as the launch form carries it over (current upstream only).
LaunchPlacement placementOf(const Run &run, const FlotillaClient *client)
{
    LaunchPlacement placement;
    if (client->flavour() != ServerFlavour::CurrentUpstream)
        return placement;
    if (!run.engine.isEmpty())
        placement.engine = run.engine;
    if (!run.nodeLifecycle.isEmpty())
        placement.nodeLifecycle = run.nodeLifecycle;
    return placement;
}

// The run again: its cluster, env, command and resources, launched by `ownerId`.
ApiJob *retryJob(FlotillaClient *client, const Run &run, const QString &ownerId)
{
    if (run.isTemplateRun()) {
        TemplateLaunchRequest request;
        request.ownerId = ownerId;
        request.cluster = run.cluster.isEmpty() ? std::nullopt : std::optional(run.cluster);
        request.env = withoutReserved(run.env);
        request.memory = run.memory;
        request.cpu = run.cpu;
        request.placement = placementOf(run, client);
        if (run.templatePayload.is_object())
            request.payload = run.templatePayload;
        // The version the run ran, whatever the latest is now.
        return client->launchTemplate(run.executableId.isEmpty() ? run.definitionId : run.executableId, request);
    }
    LaunchRequest request;
    request.ownerId = ownerId;
    request.cluster = run.cluster.isEmpty() ? std::nullopt : std::optional(run.cluster);
    request.env = withoutReserved(run.env);
    if (!run.command.isEmpty())
        request.command = run.command;
    request.memory = run.memory;
    request.cpu = run.cpu;
    request.placement = placementOf(run, client);
    return client->launch(run.definitionId, request);
}

} // namespace

BulkActions::BulkActions(ServerConnection *connection, QWidget *window)
    : QObject(window)
    , m_connection(connection)
    , m_window(window)
{}

QString BulkActions::progressText(Kind kind, int done, int total)
{
    switch (kind) {
    case Kind::Stop: return tr("Stopping runs: %1 of %2").arg(done).arg(total);
    case Kind::Retry: return tr("Retrying runs: %1 of %2").arg(done).arg(total);
    case Kind::Launch: return tr("Launching definitions: %1 of %2").arg(done).arg(total);
    case Kind::Delete: return tr("Deleting definitions: %1 of %2").arg(done).arg(total);
    }
    Q_UNREACHABLE();
}

FlotillaClient *BulkActions::clientOrError()
{
    FlotillaClient *client = m_connection->client();
    if (!client)
        Q_EMIT errorOccurred(tr("Not connected to a server yet."));
    return client;
}

void BulkActions::stopRuns(const QList<Run> &runs)
{
    const QHash<QString, Run> byId = runsById(runs);
    const int count = int(runs.size());
    confirmThenRun(tr("Stop Runs"), tr("Stop %n runs?", nullptr, count), tr("Stop %n Runs", nullptr, count), Kind::Stop,
                   runItems(runs),
                   [byId](FlotillaClient *client, const BulkItem &item, const ApiJob *previous) -> ApiJob * {
                       if (previous)
                           return nullptr;
                       const Run &run = byId[item.id];
                       return client->terminate(run.definitionId, run.runId, run.isTemplateRun());
                   });
}

void BulkActions::retryRuns(const QList<Run> &runs)
{
    const QHash<QString, Run> byId = runsById(runs);
    const ServerProfile &profile = m_connection->profile();
    const QString ownerId = Settings().lastLaunchOwnerId(profile.name).value_or(profile.launchOwnerId());
    const int count = int(runs.size());
    confirmThenRun(tr("Retry Runs"),
                   tr("Retry %n runs, each with its own environment, cluster and command?", nullptr, count),
                   tr("Retry %n Runs", nullptr, count), Kind::Retry, runItems(runs),
                   [byId, ownerId](FlotillaClient *client, const BulkItem &item, const ApiJob *previous) -> ApiJob * {
                       return previous ? nullptr : retryJob(client, byId[item.id], ownerId);
                   });
}

void BulkActions::copyRunIds(const QList<Run> &runs)
{
    QStringList ids;
    for (const Run &run : runs)
        ids.append(run.runId);
    QGuiApplication::clipboard()->setText(ids.join(u'\n'));
    Q_EMIT statusMessage(tr("Copied %n run ids", nullptr, int(ids.size())));
}

void BulkActions::launchDefinitions(const QList<Definition> &definitions)
{
    FlotillaClient *client = clientOrError();
    if (!client || definitions.isEmpty())
        return;
    auto *dialog = new LaunchDialog(client, m_connection->profile(), definitions, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_connection->holdClient(client, dialog);
    // The dialog was the question: it named the count.
    connect(dialog, &QDialog::accepted, this, [this, dialog, client, definitions] {
        QHash<QString, LaunchRequest> requests;
        for (const Definition &definition : definitions)
            requests.insert(definition.definitionId, dialog->request(definition));
        run(client, Kind::Launch, definitionItems(definitions),
            [requests](FlotillaClient *client, const BulkItem &item, const ApiJob *previous) -> ApiJob * {
                return previous ? nullptr : client->launch(item.id, requests[item.id]);
            });
    });
    dialog->open();
}

void BulkActions::deleteDefinitions(const QList<Definition> &definitions)
{
    const int count = int(definitions.size());
    confirmThenRun(tr("Delete Definitions"),
                   tr("Delete %n definitions? Their runs stay in the history.", nullptr, count),
                   tr("Delete %n Definitions", nullptr, count), Kind::Delete, definitionItems(definitions),
                   [](FlotillaClient *client, const BulkItem &item, const ApiJob *previous) -> ApiJob * {
                       return previous ? nullptr : client->deleteDefinition(item.id);
                   });
}

void BulkActions::confirmThenRun(const QString &title, const QString &question, const QString &yesText, Kind kind,
                                 const QList<BulkItem> &items, Step step)
{
    if (items.isEmpty())
        return;
    if (FlotillaClient *client = clientOrError()) {
        askToConfirm(m_connection, client, m_window, title, question, yesText,
                     [this, kind, items, step = std::move(step)](FlotillaClient *client) {
                         run(client, kind, items, step);
                     });
    }
}

void BulkActions::run(FlotillaClient *client, Kind kind, const QList<BulkItem> &items, const Step &step)
{
    auto *operation = new BulkOperation(
        items, [client, step](const BulkItem &item, const ApiJob *previous) { return step(client, item, previous); },
        this);
    m_operation = operation;
    m_connection->holdClient(client, operation);
    connect(operation, &BulkOperation::progress, this,
            [this, kind](int done, int total) { Q_EMIT statusMessage(progressText(kind, done, total)); });
    connect(operation, &BulkOperation::finished, this, [this, operation, kind] {
        operation->deleteLater();
        if (m_operation == operation)
            m_operation = nullptr;
        if (kind == Kind::Launch || kind == Kind::Delete)
            Q_EMIT definitionsChanged();
        if (kind != Kind::Delete)
            Q_EMIT runsChanged();
        if (!operation->failures().isEmpty())
            return showFailures(*operation, kind);
        const int count = operation->doneCount();
        switch (kind) {
        case Kind::Stop: return Q_EMIT statusMessage(tr("Stopped %n runs", nullptr, count));
        case Kind::Retry: return Q_EMIT statusMessage(tr("Retried %n runs", nullptr, count));
        case Kind::Launch: return Q_EMIT statusMessage(tr("Launched %n definitions", nullptr, count));
        case Kind::Delete: return Q_EMIT statusMessage(tr("Deleted %n definitions", nullptr, count));
        }
    });
    Q_EMIT statusMessage(progressText(kind, 0, operation->total()));
    operation->start();
}

void BulkActions::showFailures(const BulkOperation &operation, Kind kind)
{
    const int failed = int(operation.failures().size());
    const int total = operation.total();
    QString summary;
    switch (kind) {
    case Kind::Stop: summary = tr("%1 of %n runs could not be stopped.", nullptr, total).arg(failed); break;
    case Kind::Retry: summary = tr("%1 of %n runs could not be retried.", nullptr, total).arg(failed); break;
    case Kind::Launch: summary = tr("%1 of %n definitions could not be launched.", nullptr, total).arg(failed); break;
    case Kind::Delete: summary = tr("%1 of %n definitions could not be deleted.", nullptr, total).arg(failed); break;
    }
    QStringList lines;
    for (const BulkFailure &failure : operation.failures()) {
        const QString message = failure.error.serverMessage().isEmpty() ? failure.error.sentence()
                                                                        : failure.error.serverMessage();
        lines.append(tr("%1 (%2): %3").arg(failure.item.name, failure.item.id, message));
    }
    QString listed = lines.mid(0, failuresListed).join(u'\n');
    if (lines.size() > failuresListed)
        listed += u'\n' + tr("and %n more (see the details)", nullptr, int(lines.size() - failuresListed));
    Q_EMIT statusMessage(summary);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Some Items Failed"), summary, QMessageBox::Close, m_window);
    box->setInformativeText(listed);
    QStringList details;
    for (const BulkFailure &failure : operation.failures())
        details.append(tr("%1 (%2): %3").arg(failure.item.name, failure.item.id, failure.error.sentence()));
    box->setDetailedText(details.join(u'\n'));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    Q_EMIT failuresShown();
}

} // namespace Flotilla
