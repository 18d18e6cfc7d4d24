#pragma once

#include "router.h"

#include <wire/definition.h>

#include <optional>

namespace Flotilla {

class Store;

// The definitions (contract §3): /task, /task/{id}, /task/alias/{alias}.
class TaskController final
{
    Q_DISABLE_COPY_MOVE(TaskController)
public:
    explicit TaskController(Store &store);
    void addRoutes(Router &router);
    // The 404 message for a definition id.
    static QString notFound(const QString &definitionId);

private:
    using Args = Router::Args;
    HttpResponse list(const HttpRequest &request, const Args &args);
    HttpResponse create(const HttpRequest &request, const Args &args);
    HttpResponse get(const HttpRequest &request, const Args &args);
    HttpResponse getByAlias(const HttpRequest &request, const Args &args);
    HttpResponse update(const HttpRequest &request, const Args &args);
    HttpResponse remove(const HttpRequest &request, const Args &args);
    HttpResponse save(const Definition &definition, bool insert);
    // The body as a definition patch, or the 4xx answer that says what is wrong.
    static std::optional<DefinitionPatch> readPatch(const HttpRequest &request, HttpResponse *error);

    Store &m_store;
};

} // namespace Flotilla
