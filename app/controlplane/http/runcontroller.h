#pragma once

#include "router.h"

#include <optional>

namespace Flotilla {

struct Definition;
struct Run;
class RunScheduler;
class Store;

// The runs (contract §3-5): launches (/task/{id}/execute in every version),
// the history lists, one run, terminating a run.
class RunController final
{
    Q_DISABLE_COPY_MOVE(RunController)
public:
    RunController(Store &store, RunScheduler &scheduler);
    void addRoutes(Router &router);

private:
    using Args = Router::Args;
    enum class LaunchVersion { V1, V2, V4 };

    HttpResponse launchV1(const HttpRequest &request, const Args &args);
    HttpResponse launchV2(const HttpRequest &request, const Args &args);
    HttpResponse launchV4(const HttpRequest &request, const Args &args);
    HttpResponse launchByAlias(const HttpRequest &request, const Args &args);
    HttpResponse list(const HttpRequest &request, const Args &args);
    HttpResponse listOfDefinition(const HttpRequest &request, const Args &args);
    HttpResponse get(const HttpRequest &request, const Args &args);
    HttpResponse getOfDefinition(const HttpRequest &request, const Args &args);
    HttpResponse terminate(const HttpRequest &request, const Args &args);

    HttpResponse launchById(const HttpRequest &request, const QString &definitionId, LaunchVersion version);
    // `corrupt`: the store's message when the definition's row does not parse.
    HttpResponse launch(const HttpRequest &request, const std::optional<Definition> &definition, const QString &corrupt,
                        const QString &notFound, LaunchVersion version);
    HttpResponse listMatching(const HttpRequest &request, const QString &definitionId);
    // The run of .../{definition_id}/history/{run_id}: nullopt with `error` set (500 for
    // a corrupt row, 404 when missing or another definition's).
    std::optional<Run> runOfDefinition(const Args &args, HttpResponse *error) const;

    Store &m_store;
    RunScheduler &m_scheduler;
};

} // namespace Flotilla
