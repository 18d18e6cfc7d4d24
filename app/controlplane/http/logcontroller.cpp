#include "logcontroller.h"

#include "jsonresponse.h"
#include <exec/logstore.h>
#include <store/store.h>

#include <QUrlQuery>

namespace Flotilla {

LogController::LogController(Store &store, LogStore &logs)
    : m_store(store)
    , m_logs(logs)
{}

void LogController::addRoutes(Router &router)
{
    for (const QString &version : {QStringLiteral("v1/"), QStringLiteral("v6/")})
        router.add("GET", version + QStringLiteral("*/logs"), this, &LogController::logs);
}

HttpResponse LogController::logs(const HttpRequest &request, const Router::Args &args)
{
    QString corrupt;
    const std::optional<Run> run = m_store.run(args[0], &corrupt);
    if (!corrupt.isEmpty())
        return errorResponse(500, corrupt);
    if (!run)
        return errorResponse(404, QStringLiteral("Run with id %1 not found").arg(args[0]));
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
    // A run that started has a log file: the executor creates it first.
    const QString note = chunk->missing && run->startedAt
                             ? QStringLiteral("the log file %1 was deleted under the run; the rest of its output "
                                              "cannot be served")
                                   .arg(m_logs.pathFor(run->runId))
                             : chunk->note;
    HttpResponse response;
    response.body.reserve(chunk->text.size() + note.size() + 64);
    response.body += "{\"log\":";
    appendJsonString(response.body, chunk->text);
    response.body += ",\"last_seen\":\"" + chunk->token + '"'; // tokens are digits, '.' and hex
    // Our extension: upstream's two keys stay as they are, and its clients skip an unknown one.
    if (!note.isEmpty()) {
        response.body += ",\"note\":";
        appendJsonString(response.body, note.toUtf8());
    }
    response.body += '}';
    return response;
}

} // namespace Flotilla
