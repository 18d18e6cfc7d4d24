#include "logcontroller.h"

#include "apirequest.h"
#include "jsonresponse.h"
#include <exec/logstore.h>
#include <store/listquery.h>
#include <store/store.h>

#include <QUrlQuery>

namespace Flotilla {

namespace {

// Our client asks for raw chunks; upstream's clients never send this.
bool acceptsRawBytes(const HttpRequest &request)
{
    const QList<QByteArray> types = request.header("accept").split(',');
    return std::any_of(types.begin(), types.end(), [](const QByteArray &type) {
        return type.split(';').first().trimmed().compare("application/octet-stream", Qt::CaseInsensitive) == 0;
    });
}

// `start`: where a range read's chunk begins, the `before` of the chunk above it.
HttpResponse jsonChunk(const QByteArray &text, const QByteArray &token, const QString &note,
                       const QByteArray &start = {})
{
    HttpResponse response;
    response.body.reserve(text.size() + note.size() + 96);
    response.body += "{\"log\":";
    appendJsonString(response.body, text);
    response.body += ",\"last_seen\":\"" + token + '"'; // tokens are digits, '.' and hex
    if (!start.isEmpty())
        response.body += ",\"start\":\"" + start + '"';
    // Our extension: upstream's two keys stay as they are, and its clients skip an unknown one.
    if (!note.isEmpty()) {
        response.body += ",\"note\":";
        appendJsonString(response.body, note.toUtf8());
    }
    response.body += '}';
    return response;
}

// `complete`: the run is STOPPED and nothing follows this chunk, so a
// client that waits knows the log ended without asking for the run.
HttpResponse rawChunk(QByteArray text, const QByteArray &token, const QString &note, bool complete,
                      const QByteArray &start = {}, qint64 startOffset = -1)
{
    HttpResponse response;
    response.contentType = "application/octet-stream";
    response.body = std::move(text);
    response.headers.emplaceBack("X-Flotilla-Last-Seen", token);
    if (!start.isEmpty())
        response.headers.emplaceBack("X-Flotilla-Log-Start", start);
    // How many bytes lie above a chunk read backwards: a viewer estimates line numbers from it.
    if (startOffset >= 0)
        response.headers.emplaceBack("X-Flotilla-Log-Start-Offset", QByteArray::number(startOffset));
    if (!note.isEmpty())
        response.headers.emplaceBack("X-Flotilla-Log-Note", QUrl::toPercentEncoding(note));
    if (complete)
        response.headers.emplaceBack("X-Flotilla-Log-Complete", "true");
    return response;
}

// A range read's size: `name` absent is the largest chunk.
std::optional<qint64> chunkBytes(const QUrlQuery &query, const QString &name, HttpResponse *error)
{
    if (!query.hasQueryItem(name))
        return LogStore::maxChunkBytes;
    const QString value = query.queryItemValue(name);
    const std::optional<qint64> bytes = nonNegative(value);
    if (!bytes || *bytes < 1 || *bytes > LogStore::maxChunkBytes) {
        *error = errorResponse(400, QStringLiteral("%1 must be a whole number of bytes from 1 to %2, not \"%3\"")
                                        .arg(name)
                                        .arg(LogStore::maxChunkBytes)
                                        .arg(value));
        return std::nullopt;
    }
    return *bytes;
}

} // namespace

LogController::LogController(Store &store, LogStore &logs)
    : m_store(store)
    , m_logs(logs)
{}

void LogController::addRoutes(Router &router)
{
    for (const QString &version : {QStringLiteral("v1/"), QStringLiteral("v6/")})
        router.add("GET", version + QStringLiteral("*/logs"), this, &LogController::logs);
}

std::optional<Store::RunProgress> LogController::findRun(const QString &runId, HttpResponse *error) const
{
    QString corrupt;
    std::optional<Store::RunProgress> run = m_store.runProgress(runId, &corrupt);
    if (!corrupt.isEmpty()) {
        *error = errorResponse(500, corrupt);
        return std::nullopt;
    }
    if (!run)
        *error = errorResponse(404, QStringLiteral("Run with id %1 not found").arg(runId));
    return run;
}

HttpResponse LogController::logs(const HttpRequest &request, const Router::Args &args)
{
    HttpResponse error;
    const QString &runId = args[0];
    const std::optional<Store::RunProgress> run = findRun(runId, &error);
    if (!run)
        return error;
    const QUrlQuery query(QString::fromUtf8(request.query));
    if (query.queryItemValue(QStringLiteral("raw_text")).compare(u"true", Qt::CaseInsensitive) == 0) {
        HttpResponse response;
        response.contentType = "text/plain; charset=utf-8";
        if (run->status == RunStatus::Running || run->status == RunStatus::Stopped)
            response.body = m_logs.readAll(runId);
        return response;
    }
    const bool rawBytes = acceptsRawBytes(request);
    if (query.hasQueryItem(QStringLiteral("tail_bytes")) || query.hasQueryItem(QStringLiteral("before")))
        return rangeAnswer(runId, *run, query, rawBytes);
    const std::optional<int> wait = waitSeconds(queryItems(request), &error);
    if (!wait)
        return error;
    const QByteArray token = query.queryItemValue(QStringLiteral("last_seen"), QUrl::FullyDecoded).toUtf8();
    std::optional<HttpResponse> answer = chunkAnswer(runId, *run, token, rawBytes, *wait == 0);
    // A small chunk of a log still being written waits gatherMs for more,
    // then goes with all there is (never nothing: it had lines already).
    const bool gathering = answer && *wait > 0 && run->status == RunStatus::Running
                           && answer->body.size() < gatherBytes;
    if (answer && !gathering)
        return std::move(*answer);
    HttpResponse held;
    held.holdMs = gathering ? gatherMs : *wait * 1000;
    // The run's own process writes the file: its growth wakes a request
    // that waits for bytes, and the run's end is a store write.
    if (!gathering)
        held.wakeFile = m_logs.pathFor(runId);
    held.held = [this, runId, token, rawBytes, gathering](bool deadline) -> std::optional<HttpResponse> {
        HttpResponse error;
        const std::optional<Store::RunProgress> run = findRun(runId, &error);
        if (!run)
            return error;
        if (gathering && !deadline && run->status == RunStatus::Running)
            return std::nullopt;
        return chunkAnswer(runId, *run, token, rawBytes, deadline);
    };
    return held;
}

HttpResponse LogController::rangeAnswer(const QString &runId, Store::RunProgress run, const QUrlQuery &query,
                                        bool rawBytes) const
{
    const bool tail = query.hasQueryItem(QStringLiteral("tail_bytes"));
    const bool before = query.hasQueryItem(QStringLiteral("before"));
    if (tail && before)
        return errorResponse(400, QStringLiteral("send tail_bytes (the end of the log) or before (the chunk above a "
                                                 "token), not both"));
    for (const QString &other : {QStringLiteral("last_seen"), QStringLiteral("wait")}) {
        if (query.hasQueryItem(other)) {
            return errorResponse(400, QStringLiteral("tail_bytes and before read one chunk backwards; send them "
                                                     "without %1, which reads forwards")
                                          .arg(other));
        }
    }
    HttpResponse error;
    const std::optional<qint64> bytes = chunkBytes(query,
                                                   tail ? QStringLiteral("tail_bytes") : QStringLiteral("max_bytes"),
                                                   &error);
    if (!bytes)
        return error;
    const bool complete = run.status == RunStatus::Stopped;
    std::optional<StoredLogChunk> chunk;
    if (run.status != RunStatus::Running && !complete) {
        chunk = StoredLogChunk{}; // nothing written yet
    } else if (tail) {
        chunk = m_logs.readTail(runId, *bytes, complete);
    } else {
        const QByteArray token = query.queryItemValue(QStringLiteral("before"), QUrl::FullyDecoded).toUtf8();
        chunk = m_logs.readBefore(runId, token, *bytes);
        if (!chunk) {
            return errorResponse(400, QStringLiteral("before \"%1\" was not issued by this server for run %2; "
                                                     "start again from tail_bytes")
                                          .arg(QString::fromUtf8(token), runId));
        }
    }
    return rawBytes ? rawChunk(std::move(chunk->text), chunk->token, chunk->note, false, chunk->startToken,
                               chunk->startOffset)
                    : jsonChunk(chunk->text, chunk->token, chunk->note, chunk->startToken);
}

std::optional<HttpResponse> LogController::chunkAnswer(const QString &runId, Store::RunProgress run,
                                                       const QByteArray &token, bool rawBytes,
                                                       bool evenIfNothingNew) const
{
    const auto answer = [rawBytes, stopped = run.status == RunStatus::Stopped](QByteArray text, const QByteArray &token,
                                                                               const QString &note) {
        const bool complete = stopped && text.isEmpty();
        return rawBytes ? rawChunk(std::move(text), token, note, complete) : jsonChunk(text, token, note);
    };
    if (run.status != RunStatus::Running && run.status != RunStatus::Stopped) {
        if (!evenIfNothingNew)
            return std::nullopt;
        return answer({}, {}, {});
    }
    std::optional<StoredLogChunk> chunk = m_logs.read(runId, token, run.status == RunStatus::Stopped,
                                                      rawBytes ? LogStore::maxRawChunkBytes : LogStore::maxChunkBytes);
    if (!chunk) {
        return errorResponse(400, QStringLiteral("last_seen \"%1\" was not issued by this server for run %2; "
                                                 "read from the start without last_seen")
                                      .arg(QString::fromUtf8(token), runId));
    }
    if (chunk->text.isEmpty() && run.status != RunStatus::Stopped && !evenIfNothingNew)
        return std::nullopt;
    // A run that started has a log file: the executor creates it first.
    const QString note = chunk->missing && run.started
                             ? QStringLiteral("the log file %1 was deleted under the run; the rest of its output "
                                              "cannot be served")
                                   .arg(m_logs.pathFor(runId))
                             : chunk->note;
    return answer(std::move(chunk->text), chunk->token, note);
}

} // namespace Flotilla
