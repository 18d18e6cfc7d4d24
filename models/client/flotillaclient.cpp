#include "flotillaclient.h"

#include "changefeed.h"
#include "flavourdetectionjob.h"

#include <wire/exportfile.h>
#include <wire/runlistreader.h>

namespace Flotilla {

namespace {

QString bodyStart(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(200)).simplified();
    return text.isEmpty() ? QStringLiteral("an empty body") : u'"' + text + u'"';
}

// A parser of JSON object answers around one of the wire types' fromJson.
template <typename T, typename Read>
typename ResultJob<T>::Parser jsonParser(Read read)
{
    return [read](const QByteArray &body, QString *problem, QStringList *warnings) -> T {
        const Json json = parseNetworkJson(body);
        if (json.is_discarded()) {
            *problem = QStringLiteral("it is not JSON: %1").arg(bodyStart(body));
            return T{};
        }
        if (!json.is_object()) {
            *problem = QStringLiteral("it is not a JSON object: %1").arg(bodyStart(body));
            return T{};
        }
        return read(json, warnings);
    };
}

// Run lists are the big answers: the SAX reader takes the regular ones, the
// DOM path everything it leaves (and every problem and warning).
ResultJob<RunList>::Parser runListParser()
{
    return [fromDom = jsonParser<RunList>(&RunList::fromJson)](const QByteArray &body, QString *problem,
                                                               QStringList *warnings) -> RunList {
        if (std::optional<RunList> list = RunListReader::read(std::string_view(body.constData(), size_t(body.size()))))
            return std::move(*list);
        return fromDom(body, problem, warnings);
    };
}

bool flag(const Json &json, std::string_view key)
{
    const Json *value = JsonReader(json).find(key);
    return value && value->is_boolean() && value->get<bool>();
}

} // namespace

FlotillaClient::FlotillaClient(QUrl baseUrl, ServerFlavour flavour, QObject *parent)
    : QObject(parent)
    , m_baseUrl(std::move(baseUrl))
    , m_flavour(flavour)
{
    m_headers.insert("Accept", "application/json");
    m_headers.insert("User-Agent", "flotilla-desktop/" FLOTILLA_VERSION);
}

FlotillaClient::~FlotillaClient()
{
    // Jobs first, while the manager that owns their replies still exists.
    qDeleteAll(findChildren<ApiJob *>(Qt::FindDirectChildrenOnly));
}

void FlotillaClient::setRawHeader(const QByteArray &name, const QByteArray &value)
{
    if (value.isEmpty())
        m_headers.remove(name);
    else
        m_headers.insert(name, value);
}

void FlotillaClient::setBearerToken(const QString &token)
{
    setRawHeader("Authorization", token.isEmpty() ? QByteArray() : "Bearer " + token.toUtf8());
}

QString FlotillaClient::pathSegment(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

QUrl FlotillaClient::urlFor(const QString &encodedPath, const QList<std::pair<QString, QString>> &query) const
{
    QString text = m_baseUrl.toString(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash
                                      | QUrl::FullyEncoded);
    text += QStringLiteral("/api/") + encodedPath;
    for (qsizetype i = 0; i < query.size(); ++i) {
        text += i == 0 ? u'?' : u'&';
        text += QString::fromLatin1(QUrl::toPercentEncoding(query[i].first)) + u'='
                + QString::fromLatin1(QUrl::toPercentEncoding(query[i].second));
    }
    return QUrl(text, QUrl::StrictMode);
}

QNetworkRequest FlotillaClient::networkRequest(const QUrl &url) const
{
    QNetworkRequest request(url);
    for (auto it = m_headers.cbegin(); it != m_headers.cend(); ++it)
        request.setRawHeader(it.key(), it.value());
    // Our own timer ends an attempt (ApiJob); QNAM's would look like a cancel.
    request.setTransferTimeout(0);
    return request;
}

QString FlotillaClient::versionPrefix() const
{
    return m_flavour == ServerFlavour::CurrentUpstream ? QStringLiteral("v6") : QStringLiteral("v1");
}

static QString joinSegments(const QStringList &segments)
{
    QStringList encoded;
    for (const QString &segment : segments)
        encoded.append(FlotillaClient::pathSegment(segment));
    return encoded.join(u'/');
}

ApiRequest FlotillaClient::get(const QStringList &segments, const QUrlQuery &query) const
{
    ApiRequest request;
    request.path = joinSegments(segments);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
        request.query.append({key, value});
    return request;
}

static ApiRequest withBody(ApiRequest request, const QByteArray &method, const Json &body)
{
    request.method = method;
    request.body = QByteArray::fromStdString(body.dump());
    return request;
}

FlavourDetectionJob *FlotillaClient::detectFlavour()
{
    return new FlavourDetectionJob(this);
}

ResultJob<DefinitionList> *FlotillaClient::listDefinitions(const QUrlQuery &query)
{
    return new ResultJob<DefinitionList>(this, get({versionPrefix(), QStringLiteral("task")}, query),
                                         jsonParser<DefinitionList>(&DefinitionList::fromJson));
}

ResultJob<Definition> *FlotillaClient::definition(const QString &definitionId)
{
    return new ResultJob<Definition>(this, get({versionPrefix(), QStringLiteral("task"), definitionId}),
                                     jsonParser<Definition>(&Definition::fromJson));
}

ResultJob<Definition> *FlotillaClient::definitionByAlias(const QString &alias)
{
    return new ResultJob<Definition>(this,
                                     get({versionPrefix(), QStringLiteral("task"), QStringLiteral("alias"), alias}),
                                     jsonParser<Definition>(&Definition::fromJson));
}

ResultJob<Definition> *FlotillaClient::createDefinition(const Definition &definition)
{
    return new ResultJob<Definition>(this,
                                     withBody(get({versionPrefix(), QStringLiteral("task")}), "POST",
                                              ExportFile::createBody(definition)),
                                     jsonParser<Definition>(&Definition::fromJson));
}

ResultJob<Definition> *FlotillaClient::updateDefinition(const Definition &definition)
{
    return new ResultJob<Definition>(this,
                                     withBody(get({versionPrefix(), QStringLiteral("task"), definition.definitionId}),
                                              "PUT", definition.toJson()),
                                     jsonParser<Definition>(&Definition::fromJson));
}

ResultJob<bool> *FlotillaClient::deleteDefinition(const QString &definitionId)
{
    ApiRequest request = get({versionPrefix(), QStringLiteral("task"), definitionId});
    request.method = "DELETE";
    return new ResultJob<bool>(this, request,
                               jsonParser<bool>([](const Json &json, QStringList *) { return flag(json, "deleted"); }));
}

static Json launchBody(const LaunchRequest &request, bool withRunTags)
{
    Json body = Json::object();
    if (request.cluster)
        body["cluster"] = toUtf8(*request.cluster);
    body["env"] = envToJson(request.env);
    if (!withRunTags)
        return body;
    Json tags = Json::object();
    tags["owner_id"] = toUtf8(request.ownerId);
    if (!request.ownerEmail.isEmpty())
        tags["owner_email"] = toUtf8(request.ownerEmail);
    if (!request.teamName.isEmpty())
        tags["team_name"] = toUtf8(request.teamName);
    body["run_tags"] = std::move(tags);
    if (request.command)
        body["command"] = toUtf8(*request.command);
    if (request.memory)
        body["memory"] = *request.memory;
    if (request.cpu)
        body["cpu"] = *request.cpu;
    request.placement.writeTo(body);
    return body;
}

ResultJob<Run> *FlotillaClient::launch(const QString &definitionId, const LaunchRequest &request)
{
    QString version = QStringLiteral("v4");
    if (m_flavour == ServerFlavour::CurrentUpstream)
        version = QStringLiteral("v6");
    else if (m_flavour == ServerFlavour::SeedEra)
        version = QStringLiteral("v1");
    const Json body = launchBody(request, m_flavour != ServerFlavour::SeedEra);
    return new ResultJob<Run>(this,
                              withBody(get({version, QStringLiteral("task"), definitionId, QStringLiteral("execute")}),
                                       "PUT", body),
                              jsonParser<Run>(&Run::fromJson));
}

ResultJob<Run> *FlotillaClient::launchByAlias(const QString &alias, const LaunchRequest &request)
{
    const ApiRequest path = get(
        {versionPrefix(), QStringLiteral("task"), QStringLiteral("alias"), alias, QStringLiteral("execute")});
    return new ResultJob<Run>(this, withBody(path, "PUT", launchBody(request, true)), jsonParser<Run>(&Run::fromJson));
}

ResultJob<RunList> *FlotillaClient::listRuns(const QUrlQuery &query, const QString &definitionId)
{
    const QStringList segments = definitionId.isEmpty() ? QStringList{versionPrefix(), QStringLiteral("history")}
                                                        : QStringList{versionPrefix(), QStringLiteral("task"),
                                                                      definitionId, QStringLiteral("history")};
    return new ResultJob<RunList>(this, get(segments, query), runListParser());
}

ResultJob<Run> *FlotillaClient::run(const QString &runId)
{
    return new ResultJob<Run>(this, get({versionPrefix(), QStringLiteral("history"), runId}),
                              jsonParser<Run>(&Run::fromJson));
}

ResultJob<Termination> *FlotillaClient::terminate(const QString &definitionId, const QString &runId, bool templateRun)
{
    ApiRequest request = get({templateRun ? QStringLiteral("v7") : versionPrefix(),
                              templateRun ? QStringLiteral("template") : QStringLiteral("task"), definitionId,
                              QStringLiteral("history"), runId});
    request.method = "DELETE";
    return new ResultJob<Termination>(this, request,
                                      jsonParser<Termination>([](const Json &json, QStringList *warnings) {
                                          Termination termination;
                                          termination.terminated = flag(json, "terminated");
                                          if (JsonReader(json).find("run_id"))
                                              termination.run = Run::fromJson(json, warnings);
                                          return termination;
                                      }));
}

ResultJob<RunEventList> *FlotillaClient::runEvents(const QString &runId)
{
    return new ResultJob<RunEventList>(this, get({versionPrefix(), runId, QStringLiteral("events")}),
                                       jsonParser<RunEventList>(&RunEventList::fromJson));
}

RunStatusJob *FlotillaClient::runStatus(const QString &runId, const QString &etag)
{
    return new RunStatusJob(this, get({QStringLiteral("v6"), runId, QStringLiteral("status")}), etag,
                            jsonParser<RunStatusSummary>(&RunStatusSummary::fromJson));
}

ResultJob<LogChunk> *FlotillaClient::logs(const QString &runId, const QString &lastSeen)
{
    ApiRequest request = get({versionPrefix(), runId, QStringLiteral("logs")});
    if (!lastSeen.isEmpty())
        request.query.append({QStringLiteral("last_seen"), lastSeen});
    return new ResultJob<LogChunk>(this, request, jsonParser<LogChunk>([](const Json &json, QStringList *warnings) {
                                       JsonReader reader(json);
                                       LogChunk chunk;
                                       chunk.log = reader.string("log").value_or(QString());
                                       if (const Json *token = reader.find("last_seen"); token && !token->is_null())
                                           chunk.lastSeen = token->is_string()
                                                                ? toQString(token->get_ref<const std::string &>())
                                                                : toQString(token->dump());
                                       warnings->append(reader.errors());
                                       return chunk;
                                   }));
}

ResultJob<QByteArray> *FlotillaClient::rawLog(const QString &runId)
{
    ApiRequest request = get({versionPrefix(), runId, QStringLiteral("logs")});
    request.query.append({QStringLiteral("raw_text"), QStringLiteral("true")});
    return new ResultJob<QByteArray>(this, request,
                                     [](const QByteArray &body, QString *, QStringList *) { return body; });
}

RawLogChunkJob *FlotillaClient::rawLogChunk(const QString &runId, const QString &lastSeen, int waitSeconds)
{
    QList<std::pair<QString, QString>> query;
    if (!lastSeen.isEmpty())
        query.append({QStringLiteral("last_seen"), lastSeen});
    if (waitSeconds > 0)
        query.append({QStringLiteral("wait"), QString::number(waitSeconds)});
    RawLogChunkJob *job = rawLogRequest(runId, std::move(query));
    job->setTimeout(job->timeout() + waitSeconds * 1000);
    return job;
}

RawLogChunkJob *FlotillaClient::rawLogTail(const QString &runId, qint64 maxBytes)
{
    return rawLogRequest(runId, {{QStringLiteral("tail_bytes"), QString::number(maxBytes)}});
}

RawLogChunkJob *FlotillaClient::rawLogBefore(const QString &runId, const QString &start, qint64 maxBytes)
{
    return rawLogRequest(runId,
                         {{QStringLiteral("before"), start}, {QStringLiteral("max_bytes"), QString::number(maxBytes)}});
}

RawLogChunkJob *FlotillaClient::rawLogRequest(const QString &runId, QList<std::pair<QString, QString>> query)
{
    ApiRequest request = get({versionPrefix(), runId, QStringLiteral("logs")});
    request.query = std::move(query);
    request.headers.emplaceBack("Accept", "application/octet-stream");
    return new RawLogChunkJob(this, std::move(request));
}

bool FlotillaClient::servesCurrentRoutes() const
{
    return m_flavour == ServerFlavour::ControlPlane || m_flavour == ServerFlavour::CurrentUpstream;
}

ResultJob<FeedPage> *FlotillaClient::changes(qint64 since, int waitSeconds)
{
    ApiRequest request = get({QStringLiteral("v6"), QStringLiteral("changes")});
    if (since >= 0)
        request.query.append({QStringLiteral("since"), QString::number(since)});
    if (waitSeconds > 0)
        request.query.append({QStringLiteral("wait"), QString::number(waitSeconds)});
    return new ResultJob<FeedPage>(this, request, [](const QByteArray &body, QString *problem, QStringList *warnings) {
        return jsonParser<FeedPage>([problem](const Json &json, QStringList *warnings) {
            return FeedPage::fromJson(json, problem, warnings);
        })(body, problem, warnings);
    });
}

ChangeFeed *FlotillaClient::changeFeed()
{
    if (!m_changeFeed)
        m_changeFeed = new ChangeFeed(this);
    return m_changeFeed;
}

ResultJob<TemplateList> *FlotillaClient::listTemplates(const QUrlQuery &query)
{
    return new ResultJob<TemplateList>(this, get({QStringLiteral("v7"), QStringLiteral("template")}, query),
                                       jsonParser<TemplateList>(&TemplateList::fromJson));
}

ResultJob<Template> *FlotillaClient::templateById(const QString &templateId)
{
    return new ResultJob<Template>(this, get({QStringLiteral("v7"), QStringLiteral("template"), templateId}),
                                   jsonParser<Template>(&Template::fromJson));
}

ResultJob<CreatedTemplate> *FlotillaClient::createTemplate(const Template &tpl)
{
    return new ResultJob<CreatedTemplate>(this,
                                          withBody(get({QStringLiteral("v7"), QStringLiteral("template")}), "POST",
                                                   ExportFile::createBody(tpl)),
                                          jsonParser<CreatedTemplate>(&CreatedTemplate::fromJson));
}

ResultJob<Run> *FlotillaClient::launchTemplate(const QString &templateId, const TemplateLaunchRequest &request)
{
    const ApiRequest path = get(
        {QStringLiteral("v7"), QStringLiteral("template"), templateId, QStringLiteral("execute")});
    return new ResultJob<Run>(this, withBody(path, "PUT", request.toJson()), jsonParser<Run>(&Run::fromJson));
}

ResultJob<Run> *FlotillaClient::launchTemplateByName(const QString &name, const QString &version,
                                                     const TemplateLaunchRequest &request)
{
    const ApiRequest path = get({QStringLiteral("v7"), QStringLiteral("template"), QStringLiteral("name"), name,
                                 QStringLiteral("version"), version, QStringLiteral("execute")});
    return new ResultJob<Run>(this, withBody(path, "PUT", request.toJson()), jsonParser<Run>(&Run::fromJson));
}

ResultJob<RunList> *FlotillaClient::listTemplateRuns(const QString &templateId, const QUrlQuery &query)
{
    return new ResultJob<RunList>(
        this, get({QStringLiteral("v7"), QStringLiteral("template"), templateId, QStringLiteral("history")}, query),
        runListParser());
}

ResultJob<NameList> *FlotillaClient::groups(const QUrlQuery &query)
{
    return new ResultJob<NameList>(this, get({versionPrefix(), QStringLiteral("groups")}, query),
                                   jsonParser<NameList>([](const Json &json, QStringList *warnings) {
                                       return NameList::fromJson(json, "groups", warnings);
                                   }));
}

ResultJob<NameList> *FlotillaClient::tags(const QUrlQuery &query)
{
    return new ResultJob<NameList>(this, get({versionPrefix(), QStringLiteral("tags")}, query),
                                   jsonParser<NameList>([](const Json &json, QStringList *warnings) {
                                       return NameList::fromJson(json, "tags", warnings);
                                   }));
}

ResultJob<ClustersList> *FlotillaClient::clusters()
{
    return new ResultJob<ClustersList>(this, get({versionPrefix(), QStringLiteral("clusters")}),
                                       jsonParser<ClustersList>(&ClustersList::fromJson));
}

} // namespace Flotilla
