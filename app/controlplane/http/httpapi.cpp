#include "httpapi.h"

#include "jsonresponse.h"
#include <exec/logstore.h>
#include <exec/runscheduler.h>
#include <store/listquery.h>
#include <store/store.h>

#include <wire/launchrequest.h>
#include <wire/run.h>

#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>
#include <QUuid>

namespace Flotilla {

namespace {

QueryItems queryItems(const HttpRequest &request)
{
    // Form encoding: '+' is a space, as in upstream's Go server.
    QUrlQuery query(QString::fromUtf8(request.query).replace(u'+', QStringLiteral("%20")));
    return query.queryItems(QUrl::FullyDecoded);
}

// Every filter of the query under the key the client sent, as string arrays.
void putFilterEcho(Json &json, const ListQuery &query)
{
    const auto strings = [](const QStringList &values) {
        Json array = Json::array();
        for (const QString &value : values)
            array.push_back(toUtf8(value));
        return array;
    };
    for (const ListQuery::Filter &filter : query.filters)
        json[toUtf8(filter.key)] = strings(filter.values);
    for (const ListQuery::TimeBound &bound : query.timeBounds)
        json[toUtf8(bound.key)] = strings({bound.text});
}

// The list answer: the page's stored documents spliced between the echo of
// the query, so a page costs no JSON parsing.
HttpResponse listResponse(const char *itemsKey, const QByteArray &items, qint64 total, const ListQuery &query,
                          bool withSort)
{
    Json meta = Json::object();
    meta["total"] = total;
    meta["limit"] = query.limit;
    meta["offset"] = query.offset;
    if (withSort) {
        meta["sort_by"] = toUtf8(query.sortBy);
        meta["order"] = query.descending ? "desc" : "asc";
        Json env = Json::object();
        for (const auto &[name, value] : query.envFilters)
            env[toUtf8(name)] = toUtf8(value);
        meta["env_filters"] = std::move(env);
    }
    putFilterEcho(meta, query);

    QByteArray body;
    body.reserve(items.size() + 320);
    body += "{\"";
    body += itemsKey;
    body += "\":[";
    body += items;
    body += "],";
    body += dumpJson(meta).mid(1); // the echo object without its opening brace
    HttpResponse response;
    response.body = std::move(body);
    return response;
}

std::optional<Json> parseBody(const HttpRequest &request, HttpResponse *error)
{
    if (request.body.trimmed().isEmpty()) {
        *error = errorResponse(400, QStringLiteral("the request body is empty; send a JSON object"));
        return std::nullopt;
    }
    if (jsonNestingDepth(request.body) > maxJsonDepth) {
        *error = errorResponse(400, QStringLiteral("the request body nests arrays and objects deeper than %1 levels")
                                        .arg(maxJsonDepth));
        return std::nullopt;
    }
    try {
        Json json = Json::parse(request.body.constData(), request.body.constData() + request.body.size());
        if (!json.is_object()) {
            *error = errorResponse(400, QStringLiteral("the request body must be a JSON object, not %1")
                                            .arg(QString::fromLatin1(json.type_name())));
            return std::nullopt;
        }
        return json;
    } catch (const Json::parse_error &e) {
        QString what = QString::fromUtf8(e.what());
        what.remove(QRegularExpression(QStringLiteral("^\\[json\\.exception\\.[a-z_]+\\.\\d+\\] ")));
        *error = errorResponse(400, QStringLiteral("the request body is not valid JSON: %1").arg(what));
        return std::nullopt;
    }
}

QString newDefinitionId(const QString &groupName)
{
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return groupName.isEmpty() ? uuid : groupName + u'-' + uuid;
}

QString runNotFound(const QString &runId)
{
    return QStringLiteral("Run with id %1 not found").arg(runId);
}

QString definitionNotFound(const QString &definitionId)
{
    return QStringLiteral("Definition with ID %1 not found").arg(definitionId);
}

} // namespace

HttpApi::HttpApi(Store &store, LogStore &logs, RunScheduler &scheduler, ApiOptions options)
    : m_store(store)
    , m_logs(logs)
    , m_scheduler(scheduler)
    , m_options(std::move(options))
    , m_guard(m_options.access)
{
    // First match wins, so literal segments come before wildcards.
    for (const QString &version : {QStringLiteral("v1"), QStringLiteral("v6")}) {
        const QString p = version + u'/';
        addRoute("GET", p + QStringLiteral("task"), &HttpApi::listDefinitions);
        addRoute("POST", p + QStringLiteral("task"), &HttpApi::createDefinition);
        addRoute("GET", p + QStringLiteral("task/alias/*"), &HttpApi::getDefinitionByAlias);
        addRoute("PUT", p + QStringLiteral("task/alias/*/execute"), &HttpApi::launchByAlias);
        addRoute("GET", p + QStringLiteral("task/history/*"), &HttpApi::getRun);
        addRoute("GET", p + QStringLiteral("task/*"), &HttpApi::getDefinition);
        addRoute("PUT", p + QStringLiteral("task/*"), &HttpApi::updateDefinition);
        addRoute("DELETE", p + QStringLiteral("task/*"), &HttpApi::deleteDefinition);
        // The current web UI launches through v6 with v4's rules.
        addRoute("PUT", p + QStringLiteral("task/*/execute"),
                 version == u"v1" ? &HttpApi::launchV1 : &HttpApi::launchV4);
        addRoute("GET", p + QStringLiteral("task/*/history"), &HttpApi::listDefinitionRuns);
        addRoute("GET", p + QStringLiteral("task/*/history/*"), &HttpApi::getDefinitionRun);
        addRoute("DELETE", p + QStringLiteral("task/*/history/*"), &HttpApi::terminateRun);
        addRoute("GET", p + QStringLiteral("history"), &HttpApi::listRuns);
        addRoute("GET", p + QStringLiteral("history/*"), &HttpApi::getRun);
        addRoute("GET", p + QStringLiteral("*/logs"), &HttpApi::logs);
    }
    for (const QString &prefix : {QStringLiteral("v1/"), QStringLiteral("v6/"), QString()}) {
        addRoute("GET", prefix + QStringLiteral("groups"), &HttpApi::groups);
        addRoute("GET", prefix + QStringLiteral("tags"), &HttpApi::tags);
        addRoute("GET", prefix + QStringLiteral("clusters"), &HttpApi::clusters);
    }
    addRoute("PUT", QStringLiteral("v2/task/*/execute"), &HttpApi::launchV2);
    addRoute("PUT", QStringLiteral("v4/task/*/execute"), &HttpApi::launchV4);
    addRoute("GET", QStringLiteral("v6/health"), &HttpApi::health);
}

void HttpApi::addRoute(const char *method, const QString &pattern, Handler handler)
{
    m_routes.append({QByteArray(method), pattern.split(u'/'), handler});
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
        response = route(request);
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

HttpResponse HttpApi::route(const HttpRequest &request)
{
    static const QByteArray prefix = "/api/";
    QByteArray path = request.path;
    if (path.size() > prefix.size() && path.endsWith('/'))
        path.chop(1);
    if (!path.startsWith(prefix))
        return errorResponse(404, QStringLiteral("no such route: %1 (every route starts with /api/)")
                                      .arg(QString::fromUtf8(request.path)));
    QStringList segments;
    for (const QByteArray &segment : path.mid(prefix.size()).split('/'))
        segments.append(QString::fromUtf8(QByteArray::fromPercentEncoding(segment)));

    QByteArrayList allowed;
    for (const Route &route : std::as_const(m_routes)) {
        if (route.segments.size() != segments.size())
            continue;
        Args args;
        bool matches = true;
        for (qsizetype i = 0; i < segments.size() && matches; ++i) {
            if (route.segments[i] == u"*") {
                matches = !segments[i].isEmpty();
                args.append(segments[i]);
            } else {
                matches = route.segments[i] == segments[i];
            }
        }
        if (!matches)
            continue;
        if (route.method == request.method)
            return (this->*route.handler)(request, args);
        if (!allowed.contains(route.method))
            allowed.append(route.method);
    }
    if (allowed.isEmpty())
        return errorResponse(404, QStringLiteral("no such route: %1").arg(QString::fromUtf8(request.path)));
    HttpResponse response = errorResponse(405,
                                          QStringLiteral("%1 is not allowed on %2; use %3")
                                              .arg(QString::fromUtf8(request.method), QString::fromUtf8(request.path),
                                                   QString::fromUtf8(allowed.join(" or "))));
    response.headers.emplaceBack("Allow", allowed.join(", "));
    return response;
}

HttpResponse HttpApi::listDefinitions(const HttpRequest &request, const Args &)
{
    QString error;
    const std::optional<ListQuery> query = ListQuery::parse(ListKind::Definitions, queryItems(request), &error);
    if (!query)
        return errorResponse(400, error);
    const StoredPage page = m_store.listDefinitions(*query);
    return listResponse("definitions", page.items, page.total, *query, true);
}

HttpResponse HttpApi::saveDefinition(const Definition &definition, bool insert)
{
    if (const QStringList problems = definition.validate(); !problems.isEmpty())
        return errorResponse(400, problems.join(u'\n'));
    const std::optional<Definition> sameAlias = m_store.definitionByAlias(definition.alias);
    if (sameAlias && sameAlias->definitionId != definition.definitionId)
        return errorResponse(409, QStringLiteral("definition with alias [%1] already exists").arg(definition.alias));
    const bool saved = insert ? m_store.insertDefinition(definition) : m_store.updateDefinition(definition);
    if (!saved)
        return errorResponse(500, QStringLiteral("could not save the definition: %1").arg(m_store.lastError()));
    return documentResponse(m_store.definitionDocument(definition.definitionId));
}

HttpResponse HttpApi::createDefinition(const HttpRequest &request, const Args &)
{
    HttpResponse error;
    const std::optional<Json> body = parseBody(request, &error);
    if (!body)
        return error;
    QStringList errors;
    const DefinitionPatch patch = DefinitionPatch::fromJson(*body, &errors);
    if (!errors.isEmpty())
        return errorResponse(400, errors.join(u'\n'));
    Definition definition;
    patch.applyTo(definition);
    definition.definitionId = newDefinitionId(definition.groupName);
    return saveDefinition(definition, true);
}

HttpResponse HttpApi::getDefinition(const HttpRequest &, const Args &args)
{
    QByteArray document = m_store.definitionDocument(args[0]);
    if (document.isEmpty())
        return errorResponse(404, definitionNotFound(args[0]));
    return documentResponse(std::move(document));
}

HttpResponse HttpApi::getDefinitionByAlias(const HttpRequest &, const Args &args)
{
    const std::optional<Definition> definition = m_store.definitionByAlias(args[0]);
    if (!definition)
        return errorResponse(404, QStringLiteral("Definition with alias %1 not found").arg(args[0]));
    return jsonResponse(definition->toJson());
}

HttpResponse HttpApi::updateDefinition(const HttpRequest &request, const Args &args)
{
    std::optional<Definition> definition = m_store.definition(args[0]);
    if (!definition)
        return errorResponse(404, definitionNotFound(args[0]));
    HttpResponse error;
    const std::optional<Json> body = parseBody(request, &error);
    if (!body)
        return error;
    QStringList errors;
    const DefinitionPatch patch = DefinitionPatch::fromJson(*body, &errors);
    if (!errors.isEmpty())
        return errorResponse(400, errors.join(u'\n'));
    patch.applyTo(*definition);
    return saveDefinition(*definition, false);
}

HttpResponse HttpApi::deleteDefinition(const HttpRequest &, const Args &args)
{
    if (m_store.definitionDocument(args[0]).isEmpty())
        return errorResponse(404, definitionNotFound(args[0]));
    if (!m_store.deleteDefinition(args[0]))
        return errorResponse(500, QStringLiteral("could not delete the definition: %1").arg(m_store.lastError()));
    return jsonResponse(Json{{"deleted", true}});
}

HttpResponse HttpApi::launchV1(const HttpRequest &request, const Args &args)
{
    return launch(request, m_store.definition(args[0]), definitionNotFound(args[0]), LaunchVersion::V1);
}

HttpResponse HttpApi::launchV2(const HttpRequest &request, const Args &args)
{
    return launch(request, m_store.definition(args[0]), definitionNotFound(args[0]), LaunchVersion::V2);
}

HttpResponse HttpApi::launchV4(const HttpRequest &request, const Args &args)
{
    return launch(request, m_store.definition(args[0]), definitionNotFound(args[0]), LaunchVersion::V4);
}

HttpResponse HttpApi::launchByAlias(const HttpRequest &request, const Args &args)
{
    return launch(request, m_store.definitionByAlias(args[0]),
                  QStringLiteral("Definition with alias %1 not found").arg(args[0]), LaunchVersion::V4);
}

HttpResponse HttpApi::launch(const HttpRequest &request, const std::optional<Definition> &definition,
                             const QString &notFound, LaunchVersion version)
{
    HttpResponse error;
    const std::optional<Json> body = parseBody(request, &error);
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
    if (!definition)
        return errorResponse(404, notFound);

    if (const QStringList problems = envProblems(launch.env, QStringLiteral("env")); !problems.isEmpty())
        return errorResponse(400, problems.join(u'\n'));
    for (const EnvVar &var : launch.env) {
        if (reservedEnvNames().contains(var.name))
            return errorResponse(409, QStringLiteral("environment variable %1 is reserved").arg(var.name));
    }
    // A cleared cluster picker sends "": the default cluster, as when it is absent.
    const QString cluster = launch.cluster.value_or(QString()).isEmpty() ? m_scheduler.defaultCluster()
                                                                         : *launch.cluster;
    if (!m_scheduler.clusters().contains(cluster)) {
        return errorResponse(400, QStringLiteral("cluster \"%1\" is not one of this server's clusters: %2")
                                      .arg(cluster, m_scheduler.clusters().join(u", ")));
    }
    const bool overrides = version == LaunchVersion::V4;
    if (overrides) {
        if (launch.memory && *launch.memory <= 0)
            return errorResponse(400, QStringLiteral("memory must be a positive number of MB"));
        if (launch.cpu && *launch.cpu <= 0)
            return errorResponse(400, QStringLiteral("cpu must be a positive number of millicores"));
    }

    Run run;
    run.runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    run.definitionId = definition->definitionId;
    run.alias = definition->alias;
    run.groupName = definition->groupName;
    run.image = definition->image;
    run.command = (overrides && launch.command && !launch.command->trimmed().isEmpty()) ? *launch.command
                                                                                        : definition->command;
    run.memory = (overrides && launch.memory) ? launch.memory : definition->memory;
    run.cpu = (overrides && launch.cpu) ? launch.cpu : definition->cpu;
    run.cluster = cluster;
    run.engine = m_scheduler.engineOf(cluster);
    run.status = RunStatus::Queued;
    run.queuedAt = QDateTime::currentDateTimeUtc();
    run.user = user;
    run.env = {{QStringLiteral("FLOTILLA_RUN_ID"), run.runId},
               {QStringLiteral("FLOTILLA_SERVER_MODE"), QStringLiteral("local")},
               {QStringLiteral("FLOTILLA_RUN_OWNER_ID"), user}};
    run.env.append(launch.env);
    if (!m_store.insertRuns({run}))
        return errorResponse(500, QStringLiteral("could not store the run: %1").arg(m_store.lastError()));
    // The answer is the QUEUED run; placing it waits until the answer is on its way.
    QTimer::singleShot(0, &m_scheduler, [this, run] { m_scheduler.submit(run); });
    return documentResponse(m_store.runDocument(run.runId));
}

HttpResponse HttpApi::listRunsMatching(const HttpRequest &request, const QString &definitionId)
{
    QString error;
    std::optional<ListQuery> query = ListQuery::parse(ListKind::Runs, queryItems(request), &error);
    if (!query)
        return errorResponse(400, error);
    if (!definitionId.isEmpty())
        query->addExactFilter(QStringLiteral("definition_id"), QStringLiteral("definition_id"), definitionId);
    const StoredPage page = m_store.listRuns(*query);
    return listResponse("history", page.items, page.total, *query, true);
}

HttpResponse HttpApi::listRuns(const HttpRequest &request, const Args &)
{
    return listRunsMatching(request, QString());
}

HttpResponse HttpApi::listDefinitionRuns(const HttpRequest &request, const Args &args)
{
    if (m_store.definitionDocument(args[0]).isEmpty())
        return errorResponse(404, definitionNotFound(args[0]));
    return listRunsMatching(request, args[0]);
}

HttpResponse HttpApi::getRun(const HttpRequest &, const Args &args)
{
    QByteArray document = m_store.runDocument(args[0]);
    if (document.isEmpty())
        return errorResponse(404, runNotFound(args[0]));
    return documentResponse(std::move(document));
}

HttpResponse HttpApi::getDefinitionRun(const HttpRequest &, const Args &args)
{
    const std::optional<Run> run = m_store.run(args[1]);
    if (!run || run->definitionId != args[0])
        return errorResponse(404, QStringLiteral("Run with id %1 not found for definition %2").arg(args[1], args[0]));
    return jsonResponse(run->toJson());
}

HttpResponse HttpApi::terminateRun(const HttpRequest &, const Args &args)
{
    const std::optional<Run> run = m_store.run(args[1]);
    if (!run || run->definitionId != args[0])
        return errorResponse(404, QStringLiteral("Run with id %1 not found for definition %2").arg(args[1], args[0]));
    if (!run->isActive())
        return errorResponse(400, QStringLiteral("run %1 is already STOPPED; only QUEUED, PENDING or RUNNING runs "
                                                 "can be terminated")
                                      .arg(run->runId));
    const std::optional<Run> stopped = m_scheduler.terminate(*run);
    if (!stopped)
        return errorResponse(500, QStringLiteral("could not terminate the run: %1").arg(m_store.lastError()));
    Json json = stopped->toJson();
    json["terminated"] = true;
    return jsonResponse(json);
}

HttpResponse HttpApi::logs(const HttpRequest &request, const Args &args)
{
    const std::optional<Run> run = m_store.run(args[0]);
    if (!run)
        return errorResponse(404, runNotFound(args[0]));
    const QUrlQuery query(QString::fromUtf8(request.query));
    const bool started = run->status == RunStatus::Running || run->status == RunStatus::Stopped;
    if (query.queryItemValue(QStringLiteral("raw_text")).compare(u"true", Qt::CaseInsensitive) == 0) {
        HttpResponse response;
        response.contentType = "text/plain; charset=utf-8";
        if (started)
            response.body = m_logs.readAll(run->runId);
        return response;
    }
    if (!started)
        return jsonResponse(Json{{"log", ""}, {"last_seen", ""}});
    const QByteArray token = query.queryItemValue(QStringLiteral("last_seen"), QUrl::FullyDecoded).toUtf8();
    const std::optional<StoredLogChunk> chunk = m_logs.read(run->runId, token, run->status == RunStatus::Stopped);
    if (!chunk) {
        return errorResponse(400, QStringLiteral("last_seen \"%1\" was not issued by this server for run %2; "
                                                 "read from the start without last_seen")
                                      .arg(QString::fromUtf8(token), run->runId));
    }
    HttpResponse response;
    response.body.reserve(chunk->text.size() + 64);
    response.body += "{\"log\":";
    appendJsonString(response.body, chunk->text);
    response.body += ",\"last_seen\":\"" + chunk->token + "\"}"; // tokens are digits, '.' and hex
    return response;
}

HttpResponse HttpApi::nameList(const HttpRequest &request, const char *key, bool groups)
{
    QString error;
    const std::optional<ListQuery> query = ListQuery::parse(ListKind::Names, queryItems(request), &error);
    if (!query)
        return errorResponse(400, error);
    const NamePage page = groups ? m_store.groups(*query) : m_store.tags(*query);
    Json names = Json::array();
    for (const QString &name : page.names)
        names.push_back(toUtf8(name));
    Json json{{key, std::move(names)}, {"total", page.total}, {"limit", query->limit}, {"offset", query->offset}};
    putFilterEcho(json, *query);
    return jsonResponse(json);
}

HttpResponse HttpApi::groups(const HttpRequest &request, const Args &)
{
    return nameList(request, "groups", true);
}

HttpResponse HttpApi::tags(const HttpRequest &request, const Args &)
{
    return nameList(request, "tags", false);
}

HttpResponse HttpApi::clusters(const HttpRequest &, const Args &)
{
    Json names = Json::array();
    for (const QString &cluster : m_scheduler.clusters())
        names.push_back(toUtf8(cluster));
    return jsonResponse(Json{{"clusters", std::move(names)}});
}

HttpResponse HttpApi::health(const HttpRequest &, const Args &)
{
    return documentResponse(QByteArrayLiteral("{\"status\":\"healthy\"}"));
}

} // namespace Flotilla
