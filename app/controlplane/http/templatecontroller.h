#pragma once

#include "router.h"

#include <wire/template.h>

namespace Flotilla {

class RunController;
class Store;

// The templates of upstream's /api/v7/template: list (latest versions by
// default), create-or-version, get, launch by id or by name and version,
// and a template's runs. A template run is an ordinary run whose command
// is the template rendered with its payload.
class TemplateController final
{
    Q_DISABLE_COPY_MOVE(TemplateController)
public:
    TemplateController(Store &store, RunController &runs);
    void addRoutes(Router &router);

    // The create-or-version rule, for the route and for the samples of a new
    // data dir: the stored template (the latest version when nothing changed)
    // and whether a version was made, or nullopt with `error` set.
    struct Saved
    {
        Template tpl;
        bool didCreate = false;
    };
    std::optional<Saved> createOrVersion(Template tpl, HttpResponse *error);

private:
    using Args = Router::Args;
    HttpResponse list(const HttpRequest &request, const Args &args);
    HttpResponse create(const HttpRequest &request, const Args &args);
    HttpResponse get(const HttpRequest &request, const Args &args);
    HttpResponse launchById(const HttpRequest &request, const Args &args);
    HttpResponse launchByName(const HttpRequest &request, const Args &args);
    HttpResponse history(const HttpRequest &request, const Args &args);

    HttpResponse launch(const HttpRequest &request, const std::optional<Template> &tpl, const QString &corrupt,
                        const QString &notFound);

    Store &m_store;
    RunController &m_runs;
};

} // namespace Flotilla
