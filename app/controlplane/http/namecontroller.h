#pragma once

#include "router.h"

namespace Flotilla {

class RunScheduler;
class Store;

// The name lists (contract §3): /groups, /tags, /clusters, with and
// without a version prefix.
class NameController final
{
    Q_DISABLE_COPY_MOVE(NameController)
public:
    NameController(Store &store, const RunScheduler &scheduler);
    void addRoutes(Router &router);

private:
    using Args = Router::Args;
    HttpResponse groups(const HttpRequest &request, const Args &args);
    HttpResponse tags(const HttpRequest &request, const Args &args);
    HttpResponse clusters(const HttpRequest &request, const Args &args);
    HttpResponse nameList(const HttpRequest &request, const char *key, bool groups);

    Store &m_store;
    const RunScheduler &m_scheduler;
};

} // namespace Flotilla
