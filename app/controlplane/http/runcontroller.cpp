#include "runcontroller.h"

#include "apirequest.h"
#include "jsonresponse.h"
#include "taskcontroller.h"
#include <exec/runscheduler.h>
#include <store/store.h>

#include <QCryptographicHash>
#include <QTimer>
#include <QUuid>

namespace Flotilla {

namespace {

// How long a launch's answer waits for the disk before it syncs the store itself.
constexpr int launchSyncMs = 5000;

} // namespace

RunController::RunController(Store &store, RunScheduler &scheduler)
    : m_store(store)
    , m_scheduler(scheduler)
{}

void RunController::addRoutes(Router &router)
{
    for (const QString &version : {QStringLiteral("v1"), QStringLiteral("v6")}) {
        const QString p = version + u'/';
        router.add("PUT", p + QStringLiteral("task/alias/*/execute"), this, &RunController::launchByAlias);
        // The current web UI launches through v6 with v4's rules.
        router.add("PUT", p + QStringLiteral("task/*/execute"), this,
                   version == u"v1" ? &RunController::launchV1 : &RunController::launchV4);
        router.add("GET", p + QStringLiteral("task/history/*"), this, &RunController::get);
        router.add("GET", p + QStringLiteral("task/*/history"), this, &RunController::listOfDefinition);
        router.add("GET", p + QStringLiteral("task/*/history/*"), this, &RunController::getOfDefinition);
        router.add("DELETE", p + QStringLiteral("task/*/history/*"), this, &RunController::terminate);
        router.add("GET", p + QStringLiteral("history"), this, &RunController::list);
        router.add("GET", p + QStringLiteral("history/*"), this, &RunController::get);
        router.add("GET", p + QStringLiteral("*/events"), this, &RunController::events);
    }
    router.add("GET", QStringLiteral("v6/*/status"), this, &RunController::status);
    router.add("PUT", QStringLiteral("v2/task/*/execute"), this, &RunController::launchV2);
    router.add("PUT", QStringLiteral("v4/task/*/execute"), this, &RunController::launchV4);
}

HttpResponse RunController::launchV1(const HttpRequest &request, const Args &args)
{
    return launchById(request, args[0], LaunchVersion::V1);
}

HttpResponse RunController::launchV2(const HttpRequest &request, const Args &args)
{
    return launchById(request, args[0], LaunchVersion::V2);
}

HttpResponse RunController::launchV4(const HttpRequest &request, const Args &args)
{
    return launchById(request, args[0], LaunchVersion::V4);
}

HttpResponse RunController::launchById(const HttpRequest &request, const QString &definitionId, LaunchVersion version)
{
    QString corrupt;
    const std::optional<Definition> definition = m_store.definition(definitionId, &corrupt);
    return launch(request, definition, corrupt, TaskController::notFound(definitionId), version);
}

HttpResponse RunController::launchByAlias(const HttpRequest &request, const Args &args)
{
    QString corrupt;
    const std::optional<Definition> definition = m_store.definitionByAlias(args[0], &corrupt);
    return launch(request, definition, corrupt, QStringLiteral("Definition with alias %1 not found").arg(args[0]),
                  LaunchVersion::V4);
}

HttpResponse RunController::launch(const HttpRequest &request, const std::optional<Definition> &definition,
                                   const QString &corrupt, const QString &notFound, LaunchVersion version)
{
    HttpResponse error;
    const std::optional<Json> body = parseJsonBody(request, &error);
    if (!body)
        return error;
    QStringList errors;
    const LaunchRequest launch = LaunchRequest::fromJson(*body, &errors);
    if (!errors.isEmpty())
        return errorResponse(400, errors.join(u'\n'));

    QString user;
    switch (version) {
    case LaunchVersion::V1: user = QStringLiteral("v1-unknown"); break;
    case LaunchVersion::V2:
        if (launch.ownerEmail.isEmpty() || launch.teamName.isEmpty())
            return errorResponse(400, QStringLiteral(
                                          "run_tags must exist in body and contain [owner_email] and [team_name]"));
        user = launch.ownerEmail;
        break;
    case LaunchVersion::V4:
        if (launch.ownerId.isEmpty())
            return errorResponse(400, QStringLiteral("run_tags must exist in body and contain [owner_id]"));
        user = launch.ownerId;
        break;
    }
    if (!corrupt.isEmpty())
        return errorResponse(500, corrupt);
    if (!definition)
        return errorResponse(404, notFound);

    const bool overrides = version == LaunchVersion::V4;
    LaunchPlan plan;
    plan.executableId = definition->definitionId;
    plan.executableType = QStringLiteral("task_definition");
    plan.alias = definition->alias;
    plan.groupName = definition->groupName;
    plan.image = definition->image;
    plan.command = (overrides && launch.command && !launch.command->trimmed().isEmpty()) ? *launch.command
                                                                                         : definition->command;
    plan.memory = (overrides && launch.memory) ? launch.memory : definition->memory;
    plan.cpu = (overrides && launch.cpu) ? launch.cpu : definition->cpu;
    plan.user = user;
    plan.env = launch.env;
    plan.cluster = launch.cluster;
    plan.placement = launch.placement;
    return start(plan);
}

HttpResponse RunController::start(const LaunchPlan &plan, bool dryRun)
{
    if (const QStringList problems = envProblems(plan.env, QStringLiteral("env")); !problems.isEmpty())
        return errorResponse(400, problems.join(u'\n'));
    for (const EnvVar &var : plan.env) {
        if (reservedEnvNames().contains(var.name))
            return errorResponse(409, QStringLiteral("environment variable %1 is reserved").arg(var.name));
    }
    // A cleared cluster picker sends "": the default cluster, as when it is absent.
    const QString cluster = plan.cluster.value_or(QString()).isEmpty() ? m_scheduler.defaultCluster() : *plan.cluster;
    if (!m_scheduler.clusters().contains(cluster)) {
        return errorResponse(400, QStringLiteral("cluster \"%1\" is not one of this server's clusters: %2")
                                      .arg(cluster, m_scheduler.clusters().join(u", ")));
    }
    if (plan.memory && *plan.memory <= 0)
        return errorResponse(400, QStringLiteral("memory must be a positive number of MB"));
    if (plan.cpu && *plan.cpu <= 0)
        return errorResponse(400, QStringLiteral("cpu must be a positive number of CPU units (1024 = one core)"));
    if (plan.placement.gpu && *plan.placement.gpu < 0)
        return errorResponse(400, QStringLiteral("gpu must be a number of GPUs, 0 or more"));
    const QString nodeLifecycle = plan.placement.nodeLifecycle.value_or(QString());
    if (!nodeLifecycle.isEmpty() && nodeLifecycle != u"ondemand" && nodeLifecycle != u"spot") {
        return errorResponse(400, QStringLiteral("node_lifecycle must be \"ondemand\" or \"spot\", not \"%1\"")
                                      .arg(nodeLifecycle));
    }

    Run run;
    run.runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    run.definitionId = plan.executableId;
    run.executableId = plan.executableId;
    run.executableType = plan.executableType;
    run.templatePayload = plan.templatePayload;
    run.alias = plan.alias;
    run.groupName = plan.groupName;
    run.image = plan.image;
    run.command = plan.command;
    run.memory = plan.memory;
    run.cpu = plan.cpu;
    run.cluster = cluster;
    run.engine = m_scheduler.engineOf(cluster);
    run.gpu = plan.placement.gpu;
    run.nodeLifecycle = nodeLifecycle;
    run.status = RunStatus::Queued;
    run.queuedAt = QDateTime::currentDateTimeUtc();
    run.user = plan.user;
    run.env = {{QStringLiteral("FLOTILLA_RUN_ID"), run.runId},
               {QStringLiteral("FLOTILLA_SERVER_MODE"), QStringLiteral("local")},
               {QStringLiteral("FLOTILLA_RUN_OWNER_ID"), plan.user}};
    run.env.append(plan.env);
    if (dryRun)
        return jsonResponse(run.toJson());
    m_scheduler.noteQueued(run);
    // Launches arriving in one event-loop turn (a burst from many clients)
    // share its commit: each is answered once that commit is on the disk.
    if (!m_store.insertRuns({run}, Store::Commit::Batched))
        return storeFailureResponse(m_store, QStringLiteral("could not store the run"));
    // A run that starts at once need not wait for the disk to start.
    if (m_scheduler.hasFreeSlot(cluster))
        m_store.syncBeside();
    // Placing it waits for the next turn, after the commit (posted first).
    // The scheduler may outlive this controller, so it
    // is both the context and all the call touches.
    QTimer::singleShot(0, &m_scheduler, [scheduler = &m_scheduler, run] { scheduler->submit(run); });
    HttpResponse response;
    response.holdMs = launchSyncMs;
    response.held = [this, runId = run.runId, seq = m_store.writtenSeq(),
                     queued = m_store.runDocument(run.runId)](bool deadline) -> std::optional<HttpResponse> {
        if ((deadline && !m_store.commitBatch()) || m_store.runDocument(runId).isEmpty()) // its batch was undone
            return storeFailureResponse(m_store, QStringLiteral("could not store the run"));
        if (m_store.syncedSeq() < seq)
            return std::nullopt;
        return documentResponse(queued); // the QUEUED run, as launched
    };
    return response;
}

HttpResponse RunController::listMatching(const HttpRequest &request, const QString &definitionId)
{
    QString error;
    std::optional<ListQuery> query = ListQuery::parse(ListKind::Runs, queryItems(request), &error);
    if (!query)
        return errorResponse(400, error);
    if (!definitionId.isEmpty())
        query->addExactFilter(QStringLiteral("definition_id"), QStringLiteral("definition_id"), definitionId);
    const StoredPage page = m_store.listRuns(*query);
    return listResponse("history", page.items, page.total, *query);
}

HttpResponse RunController::list(const HttpRequest &request, const Args &)
{
    return listMatching(request, QString());
}

HttpResponse RunController::listOfDefinition(const HttpRequest &request, const Args &args)
{
    // The runs of a corrupt definition are intact and listed.
    QString corrupt;
    if (m_store.definitionDocument(args[0], &corrupt).isEmpty() && corrupt.isEmpty())
        return errorResponse(404, TaskController::notFound(args[0]));
    return listMatching(request, args[0]);
}

QByteArray RunController::runDocument(const QString &runId, HttpResponse *error) const
{
    QString corrupt;
    QByteArray document = m_store.runDocument(runId, &corrupt);
    if (!corrupt.isEmpty())
        *error = errorResponse(500, corrupt);
    else if (document.isEmpty())
        *error = errorResponse(404, QStringLiteral("Run with id %1 not found").arg(runId));
    return corrupt.isEmpty() ? document : QByteArray();
}

HttpResponse RunController::get(const HttpRequest &, const Args &args)
{
    HttpResponse error;
    QByteArray document = runDocument(args[0], &error);
    return document.isEmpty() ? error : documentResponse(std::move(document));
}

HttpResponse RunController::events(const HttpRequest &, const Args &args)
{
    HttpResponse error;
    const QByteArray document = runDocument(args[0], &error);
    if (document.isEmpty())
        return error;
    // Runs stored before events were recorded have none.
    Json events = Json::parse(document.toStdString(), nullptr, false).value("pod_events", Json::array());
    const size_t total = events.size();
    return jsonResponse({{"total", total}, {"pod_events", std::move(events)}});
}

HttpResponse RunController::status(const HttpRequest &request, const Args &args)
{
    HttpResponse error;
    const QByteArray document = runDocument(args[0], &error);
    if (document.isEmpty())
        return error;
    const Json run = Json::parse(document.toStdString(), nullptr, false);
    // Upstream's tag is "<STATUS>-<exit_code|unknown>"; ours also changes with
    // anything else in the run (events, peaks), so a window polling a RUNNING
    // run's status learns when to fetch the whole run again.
    const auto exitCode = run.find("exit_code");
    const QByteArray tag = '"' + QByteArray::fromStdString(run.value("status", "")) + '-'
                           + (exitCode != run.end() ? QByteArray::fromStdString(exitCode->dump()) : "unknown") + '-'
                           + QCryptographicHash::hash(document, QCryptographicHash::Sha1).toHex().left(12) + '"';
    if (request.header("If-None-Match") == tag)
        return HttpResponse{304, {}, {}, {{"Cache-Control", "max-age=5"}, {"ETag", tag}}, {}, 0, {}};
    Json status = Json::object();
    for (const char *key : {"run_id", "status", "queued_at", "started_at", "finished_at", "exit_code", "exit_reason",
                            "engine", "definition_id", "alias"}) {
        if (const auto value = run.find(key); value != run.end())
            status[key] = *value;
    }
    status["cluster_name"] = run.value("cluster", "");
    HttpResponse response = jsonResponse(status);
    response.headers = {{"Cache-Control", "max-age=5"}, {"ETag", tag}};
    return response;
}

std::optional<Run> RunController::runOf(const QString &executableId, const QString &runId, HttpResponse *error) const
{
    QString corrupt;
    std::optional<Run> run = m_store.run(runId, &corrupt);
    if (!corrupt.isEmpty()) {
        *error = errorResponse(500, corrupt);
        return std::nullopt;
    }
    if (!run || run->definitionId != executableId) {
        *error = errorResponse(404, QStringLiteral("Run with id %1 not found for %2").arg(runId, executableId));
        return std::nullopt;
    }
    return run;
}

HttpResponse RunController::getOfDefinition(const HttpRequest &, const Args &args)
{
    HttpResponse error;
    const std::optional<Run> run = runOf(args[0], args[1], &error);
    if (!run)
        return error;
    return jsonResponse(run->toJson());
}

HttpResponse RunController::terminate(const HttpRequest &, const Args &args)
{
    HttpResponse error;
    const std::optional<Run> run = runOf(args[0], args[1], &error);
    if (!run)
        return error;
    if (!run->isActive())
        return errorResponse(400, QStringLiteral("run %1 is already STOPPED; only QUEUED, PENDING or RUNNING runs "
                                                 "can be terminated")
                                      .arg(run->runId));
    const std::optional<Run> stopped = m_scheduler.terminate(*run);
    if (!stopped)
        return storeFailureResponse(m_store, QStringLiteral("could not terminate the run"));
    Json json = stopped->toJson();
    json["terminated"] = true;
    return jsonResponse(json);
}

} // namespace Flotilla
