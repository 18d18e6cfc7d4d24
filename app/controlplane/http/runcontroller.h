#pragma once

#include "router.h"

#include <wire/launchrequest.h>

#include <optional>

namespace Flotilla {

struct Definition;
struct Run;
class RunScheduler;
class Store;

// What a launch runs, whether it came from a definition or a template.
struct LaunchPlan
{
    QString executableId;
    QString executableType; // "task_definition" or "template"
    QString alias;
    QString groupName;
    QString image;
    QString command;
    std::optional<qint64> memory;
    std::optional<qint64> cpu;
    QString user;
    EnvList env;                    // the launch's own variables
    std::optional<QString> cluster; // empty or absent: the default cluster
    LaunchPlacement placement;      // recorded and echoed; the engine is the cluster's, whatever was sent
    Json templatePayload;           // a template run's merged payload
};

// The runs (contract §3-5): launches (/task/{id}/execute in every version),
// the history lists, one run, its events and status, terminating a run.
class RunController final
{
    Q_DISABLE_COPY_MOVE(RunController)
public:
    RunController(Store &store, RunScheduler &scheduler);
    void addRoutes(Router &router);

    // Checks and queues a run of `plan`: its answer is the QUEUED run. A dry
    // run is checked and answered but neither stored nor started.
    HttpResponse start(const LaunchPlan &plan, bool dryRun = false);
    // The runs of one definition or template: the history routes.
    HttpResponse listMatching(const HttpRequest &request, const QString &definitionId);

    // Shared with the template routes: {run_id}, and {executable_id}/{run_id}.
    using Args = Router::Args;
    HttpResponse get(const HttpRequest &request, const Args &args);
    HttpResponse getOfDefinition(const HttpRequest &request, const Args &args);
    HttpResponse terminate(const HttpRequest &request, const Args &args);

private:
    enum class LaunchVersion { V1, V2, V4 };

    HttpResponse launchV1(const HttpRequest &request, const Args &args);
    HttpResponse launchV2(const HttpRequest &request, const Args &args);
    HttpResponse launchV4(const HttpRequest &request, const Args &args);
    HttpResponse launchByAlias(const HttpRequest &request, const Args &args);
    HttpResponse list(const HttpRequest &request, const Args &args);
    HttpResponse listOfDefinition(const HttpRequest &request, const Args &args);
    HttpResponse events(const HttpRequest &request, const Args &args);
    HttpResponse status(const HttpRequest &request, const Args &args);
    HttpResponse launchById(const HttpRequest &request, const QString &definitionId, LaunchVersion version);
    // A stored run's document: empty with `error` set (500 for a corrupt row, 404 when missing).
    QByteArray runDocument(const QString &runId, HttpResponse *error) const;
    // A run of .../{executable_id}/history/{run_id}: nullopt with `error` set (500 for
    // a corrupt row, 404 when missing or another executable's).
    std::optional<Run> runOf(const QString &executableId, const QString &runId, HttpResponse *error) const;
    // `corrupt`: the store's message when the definition's row does not parse.
    HttpResponse launch(const HttpRequest &request, const std::optional<Definition> &definition, const QString &corrupt,
                        const QString &notFound, LaunchVersion version);

    Store &m_store;
    RunScheduler &m_scheduler;
};

} // namespace Flotilla
