#pragma once

#include "changecontroller.h"
#include "healthcontroller.h"
#include "httpmessage.h"
#include "logcontroller.h"
#include "namecontroller.h"
#include "requestguard.h"
#include "router.h"
#include "runcontroller.h"
#include "taskcontroller.h"
#include "templatecontroller.h"

namespace Flotilla {

class LogStore;
class RunScheduler;
class Store;

struct ApiOptions
{
    AccessPolicy access;
    qint64 maxBodyBytes = 1024 * 1024;
};

// The Flotilla API of the contract: the access checks (RequestGuard) in
// front of everything, CORS, the body limit, then the Router and one
// controller per resource. It maps one HttpRequest to one HttpResponse and
// knows nothing of sockets.
class HttpApi final
{
    Q_DISABLE_COPY_MOVE(HttpApi)
public:
    HttpApi(Store &store, LogStore &logs, RunScheduler &scheduler, ApiOptions options);

    HttpResponse handle(const HttpRequest &request);
    // Where the server listens: the Host names it answers to (RequestGuard).
    void setListening(const QHostAddress &address, quint16 port) { m_guard.setListening(address, port); }
    TemplateController &templates() { return m_templates; }

private:
    HttpResponse preflight(const HttpRequest &request) const;

    ApiOptions m_options;
    RequestGuard m_guard;
    TaskController m_tasks;
    RunController m_runs;
    TemplateController m_templates;
    LogController m_logs;
    NameController m_names;
    ChangeController m_changes;
    HealthController m_health;
    Router m_router;
};

} // namespace Flotilla
