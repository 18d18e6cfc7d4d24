#include "httpapi.h"

#include "httplogging.h"
#include "jsonresponse.h"

namespace Flotilla {

Q_LOGGING_CATEGORY(lcHttp, "flotilla.http", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHttpRequests, "flotilla.http.requests", QtWarningMsg)

HttpApi::HttpApi(Store &store, LogStore &logs, RunScheduler &scheduler, ApiOptions options)
    : m_options(std::move(options))
    , m_guard(m_options.access)
    , m_tasks(store)
    , m_runs(store, scheduler)
    , m_templates(store, m_runs)
    , m_logs(store, logs)
    , m_names(store, scheduler)
    , m_changes(store)
{
    m_tasks.addRoutes(m_router);
    m_runs.addRoutes(m_router);
    m_templates.addRoutes(m_router);
    m_logs.addRoutes(m_router);
    m_names.addRoutes(m_router);
    m_changes.addRoutes(m_router);
    m_health.addRoutes(m_router);
}

HttpResponse HttpApi::handle(const HttpRequest &request)
{
    HttpResponse response;
    if (std::optional<HttpResponse> refused = m_guard.refusal(request))
        response = std::move(*refused);
    else if (request.method == "OPTIONS")
        response = preflight(request);
    else if (request.body.size() > m_options.maxBodyBytes)
        response = errorResponse(413, QStringLiteral("the request body has %1 bytes; the limit is %2 bytes")
                                          .arg(request.body.size())
                                          .arg(m_options.maxBodyBytes));
    else
        response = m_router.route(request);
    if (response.status >= 500)
        qCWarning(lcHttp, "%s %s answered %d: %s", request.method.constData(), request.path.constData(),
                  response.status, response.body.left(1000).constData());
    const QByteArray origin = request.header("origin");
    if (m_guard.originAllowed(origin)) {
        response.headers.emplaceBack("Access-Control-Allow-Origin", origin);
        response.headers.emplaceBack("Vary", "Origin");
    }
    return response;
}

HttpResponse HttpApi::preflight(const HttpRequest &request) const
{
    // A foreign origin was refused before; without one this is no preflight.
    if (request.header("origin").isEmpty())
        return errorResponse(403, QStringLiteral("OPTIONS is only answered to CORS preflight requests with an "
                                                 "Origin header"));
    HttpResponse response;
    response.contentType.clear();
    response.headers = {{"Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS"},
                        {"Access-Control-Allow-Headers", "Authorization, Content-Type"},
                        {"Access-Control-Max-Age", "600"}};
    return response;
}

} // namespace Flotilla
