#include "rawlogchunkjob.h"

#include <QUrl>

namespace Flotilla {

RawLogChunkJob::RawLogChunkJob(FlotillaClient *client, ApiRequest request)
    : ApiJob(client, std::move(request))
{}

void RawLogChunkJob::handleAnswer(int status, const QByteArray &body, const QByteArray &contentType)
{
    // A server that ignores the Accept header answers JSON, which is not the log's bytes.
    if (status >= 200 && status <= 299 && !contentType.startsWith("application/octet-stream")) {
        finishParsed(status,
                     QStringLiteral("the log chunk came as \"%1\", not as raw bytes (application/octet-stream)")
                         .arg(QString::fromLatin1(contentType)),
                     {});
        return;
    }
    ApiJob::handleAnswer(status, body, contentType);
}

QString RawLogChunkJob::parse(const QByteArray &body, QStringList *)
{
    m_result.bytes = body; // shared, not copied
    m_result.lastSeen = QString::fromLatin1(answerHeader("X-Flotilla-Last-Seen"));
    m_result.start = QString::fromLatin1(answerHeader("X-Flotilla-Log-Start"));
    bool known = false;
    const qint64 startOffset = answerHeader("X-Flotilla-Log-Start-Offset").toLongLong(&known);
    m_result.startOffset = known ? startOffset : -1;
    m_result.note = QUrl::fromPercentEncoding(answerHeader("X-Flotilla-Log-Note"));
    m_result.complete = answerHeader("X-Flotilla-Log-Complete") == "true";
    return {};
}

} // namespace Flotilla
