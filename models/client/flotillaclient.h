#pragma once

#include "apijob.h"
#include "rawlogchunkjob.h"
#include "results.h"
#include "runstatusjob.h"
#include "serverflavour.h"

#include <wire/definition.h>
#include <wire/feedpage.h>
#include <wire/launchrequest.h>
#include <wire/lists.h>
#include <wire/run.h>

#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>

namespace Flotilla {

class ChangeFeed;
class FlavourDetectionJob;

// The API of one server profile: one QNetworkAccessManager, a base URL (the
// part before /api, e.g. http://127.0.0.1:3000), the server flavour, the
// per-request timeout and extra headers (Authorization). Each call returns a
// new job, a child of the client, not yet started: connect to its finished()
// and call start(). Results are the wire types of models/wire.
//
// Paths follow the flavour (see serverflavour.h). List queries are sent as
// given (repeated keys allowed); every key and value is percent-encoded,
// `+` included, because upstream's Go server decodes `+` as a space.
class FlotillaClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlotillaClient)

public:
    explicit FlotillaClient(QUrl baseUrl, ServerFlavour flavour = ServerFlavour::Auto, QObject *parent = nullptr);
    ~FlotillaClient() override;

    QUrl baseUrl() const { return m_baseUrl; }
    // Takes effect for every later attempt, retries of running jobs included
    // (a control plane restarted on another port, say).
    void setBaseUrl(const QUrl &baseUrl) { m_baseUrl = baseUrl; }
    ServerFlavour flavour() const { return m_flavour; }
    void setFlavour(ServerFlavour flavour) { m_flavour = flavour; }
    int timeout() const { return m_timeoutMs; } // per attempt, ms; 0 = none
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }
    int maxRetries() const { return m_maxRetries; } // for GETs
    void setMaxRetries(int retries) { m_maxRetries = retries; }
    void setRawHeader(const QByteArray &name, const QByteArray &value); // empty value removes it
    void setBearerToken(const QString &token);

    QNetworkAccessManager *networkAccessManager() { return &m_manager; }
    QUrl urlFor(const QString &encodedPath, const QList<std::pair<QString, QString>> &query) const;
    QNetworkRequest networkRequest(const QUrl &url) const;

    // Settles the flavour (see serverflavour.h); on success the client uses it.
    FlavourDetectionJob *detectFlavour();

    ResultJob<DefinitionList> *listDefinitions(const QUrlQuery &query = {});
    ResultJob<Definition> *definition(const QString &definitionId);
    ResultJob<Definition> *definitionByAlias(const QString &alias);
    // Sends ExportFile::createBody(definition): every field but the server-assigned
    // ones, the unknown ones it was read with included.
    ResultJob<Definition> *createDefinition(const Definition &definition);
    ResultJob<Definition> *updateDefinition(const Definition &definition);
    ResultJob<bool> *deleteDefinition(const QString &definitionId); // result: `deleted`

    // v4 (ControlPlane, Auto), v6 (CurrentUpstream) or v1 (SeedEra; sends only
    // cluster and env). The owner is request.ownerId (run_tags.owner_id).
    ResultJob<Run> *launch(const QString &definitionId, const LaunchRequest &request);
    ResultJob<Run> *launchByAlias(const QString &alias, const LaunchRequest &request);

    // All runs, or the runs of one definition.
    ResultJob<RunList> *listRuns(const QUrlQuery &query = {}, const QString &definitionId = {});
    ResultJob<Run> *run(const QString &runId);
    // A template run is stopped through its template's routes.
    ResultJob<Termination> *terminate(const QString &definitionId, const QString &runId, bool templateRun = false);

    // A run's lifecycle events (/api/v1|v6/{run_id}/events) and its status
    // with an ETag (/api/v6/{run_id}/status, answered 304 while it matches
    // `etag`): our control plane and current upstream serve them; a seed-era
    // server has neither, and under Auto they are not assumed.
    bool servesRunEvents() const { return servesCurrentRoutes(); }
    bool servesRunStatus() const { return servesCurrentRoutes(); }
    ResultJob<RunEventList> *runEvents(const QString &runId);
    RunStatusJob *runStatus(const QString &runId, const QString &etag = {});

    // The log after `lastSeen` (empty: from the start).
    ResultJob<LogChunk> *logs(const QString &runId, const QString &lastSeen = {});
    // The whole log as text (raw_text=true).
    ResultJob<QByteArray> *rawLog(const QString &runId);
    // Our control plane's extensions of the logs route: a chunk as its raw
    // bytes, held up to `waitSeconds` (at most 30) while nothing follows
    // `lastSeen` and the run goes on. The job's timeout covers the wait.
    bool servesRawLogChunks() const { return m_flavour == ServerFlavour::ControlPlane; }
    RawLogChunkJob *rawLogChunk(const QString &runId, const QString &lastSeen, int waitSeconds = 0);
    // Reading backwards, on the same servers: the log's last `maxBytes`
    // (a running log's up to its last whole line), and the chunk of at most
    // `maxBytes` that ends where `start` (a chunk's RawLogChunk::start)
    // begins. Each chunk begins on a line, unless one line is longer than
    // the chunk; an empty chunk from rawLogBefore() is the log's first byte.
    // maxBytes: 1 to 1 MiB (the server answers anything else with a 400).
    RawLogChunkJob *rawLogTail(const QString &runId, qint64 maxBytes);
    RawLogChunkJob *rawLogBefore(const QString &runId, const QString &start, qint64 maxBytes);

    // Templates (/api/v7/template): our control plane and current upstream
    // serve them; a seed-era server has none.
    bool servesTemplates() const { return servesCurrentRoutes(); }
    ResultJob<TemplateList> *listTemplates(const QUrlQuery &query = {});
    ResultJob<Template> *templateById(const QString &templateId);
    // The server versions it: the same content answers the latest version.
    ResultJob<CreatedTemplate> *createTemplate(const Template &tpl);
    ResultJob<Run> *launchTemplate(const QString &templateId, const TemplateLaunchRequest &request);
    // `version`: a number, or "latest".
    ResultJob<Run> *launchTemplateByName(const QString &name, const QString &version,
                                         const TemplateLaunchRequest &request);
    ResultJob<RunList> *listTemplateRuns(const QString &templateId, const QUrlQuery &query = {});

    // Our control plane's change feed: what changed after `since` (-1: just
    // the latest number), held up to `waitSeconds` when nothing did.
    ResultJob<FeedPage> *changes(qint64 since, int waitSeconds);
    // The one feed of this client that every list and watcher shares (made on first use).
    ChangeFeed *changeFeed();

    ResultJob<NameList> *groups(const QUrlQuery &query = {});
    ResultJob<NameList> *tags(const QUrlQuery &query = {});
    ResultJob<ClustersList> *clusters();

    static QString pathSegment(const QString &value); // percent-encoded, `/` included

private:
    bool servesCurrentRoutes() const; // our control plane or current upstream
    QString versionPrefix() const;    // "v1" or "v6"
    ApiRequest get(const QStringList &segments, const QUrlQuery &query = {}) const;
    // A GET of the logs route answered as raw bytes.
    RawLogChunkJob *rawLogRequest(const QString &runId, QList<std::pair<QString, QString>> query);

    QNetworkAccessManager m_manager;
    QUrl m_baseUrl;
    ServerFlavour m_flavour;
    int m_timeoutMs = 30000;
    int m_maxRetries = 3;
    QMap<QByteArray, QByteArray> m_headers;
    ChangeFeed *m_changeFeed = nullptr; // a child
};

} // namespace Flotilla
