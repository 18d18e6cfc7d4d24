#pragma once

#include "httpmessage.h"
#include "requestguard.h"

#include <wire/definition.h>

#include <QStringList>

namespace Flotilla {

class LogStore;
class RunScheduler;
class Store;

struct ApiOptions
{
    AccessPolicy access;
    qint64 maxBodyBytes = 1024 * 1024;
};

// The Flotilla API of the contract: the access checks (RequestGuard), CORS,
// routing, and every route's handler. It maps one HttpRequest to one HttpResponse and knows
// nothing of sockets.
class HttpApi final
{
    Q_DISABLE_COPY_MOVE(HttpApi)
public:
    HttpApi(Store &store, LogStore &logs, RunScheduler &scheduler, ApiOptions options);

    HttpResponse handle(const HttpRequest &request);
    // Where the server listens: the Host names it answers to (RequestGuard).
    void setListening(const QHostAddress &address, quint16 port) { m_guard.setListening(address, port); }

private:
    using Args = QStringList;
    using Handler = HttpResponse (HttpApi::*)(const HttpRequest &, const Args &);
    struct Route
    {
        QByteArray method;
        QStringList segments; // "*" matches one segment and becomes an argument
        Handler handler;
    };
    enum class LaunchVersion { V1, V2, V4 };

    void addRoute(const char *method, const QString &pattern, Handler handler);
    HttpResponse route(const HttpRequest &request);
    HttpResponse preflight(const HttpRequest &request) const;

    HttpResponse listDefinitions(const HttpRequest &request, const Args &args);
    HttpResponse createDefinition(const HttpRequest &request, const Args &args);
    HttpResponse getDefinition(const HttpRequest &request, const Args &args);
    HttpResponse getDefinitionByAlias(const HttpRequest &request, const Args &args);
    HttpResponse updateDefinition(const HttpRequest &request, const Args &args);
    HttpResponse deleteDefinition(const HttpRequest &request, const Args &args);
    HttpResponse launchV1(const HttpRequest &request, const Args &args);
    HttpResponse launchV2(const HttpRequest &request, const Args &args);
    HttpResponse launchV4(const HttpRequest &request, const Args &args);
    HttpResponse launchByAlias(const HttpRequest &request, const Args &args);
    HttpResponse listRuns(const HttpRequest &request, const Args &args);
    HttpResponse listDefinitionRuns(const HttpRequest &request, const Args &args);
    HttpResponse getRun(const HttpRequest &request, const Args &args);
    HttpResponse getDefinitionRun(const HttpRequest &request, const Args &args);
    HttpResponse terminateRun(const HttpRequest &request, const Args &args);
    HttpResponse logs(const HttpRequest &request, const Args &args);
    HttpResponse groups(const HttpRequest &request, const Args &args);
    HttpResponse tags(const HttpRequest &request, const Args &args);
    HttpResponse clusters(const HttpRequest &request, const Args &args);
    HttpResponse health(const HttpRequest &request, const Args &args);

    HttpResponse launch(const HttpRequest &request, const std::optional<Definition> &definition,
                        const QString &notFound, LaunchVersion version);
    HttpResponse listRunsMatching(const HttpRequest &request, const QString &definitionId);
    HttpResponse nameList(const HttpRequest &request, const char *key, bool groups);
    HttpResponse saveDefinition(const Definition &definition, bool insert);

    Store &m_store;
    LogStore &m_logs;
    RunScheduler &m_scheduler;
    ApiOptions m_options;
    RequestGuard m_guard;
    QList<Route> m_routes;
};

} // namespace Flotilla
