#pragma once

#include "router.h"

namespace Flotilla {

class LogStore;
class Store;

// A run's log (contract §7): /{run_id}/logs, in chunks or as raw text.
class LogController final
{
    Q_DISABLE_COPY_MOVE(LogController)
public:
    LogController(Store &store, LogStore &logs);
    void addRoutes(Router &router);

private:
    HttpResponse logs(const HttpRequest &request, const Router::Args &args);

    Store &m_store;
    LogStore &m_logs;
};

} // namespace Flotilla
