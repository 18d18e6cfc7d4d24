#include "runstatusjob.h"

namespace Flotilla {

static ApiRequest withEtag(ApiRequest request, const QString &etag)
{
    if (!etag.isEmpty())
        request.headers.append({QByteArrayLiteral("If-None-Match"), etag.toLatin1()});
    return request;
}

RunStatusJob::RunStatusJob(FlotillaClient *client, ApiRequest request, QString etag, Parser parser)
    : ApiJob(client, withEtag(std::move(request), etag))
    , m_parser(std::move(parser))
    , m_sentEtag(std::move(etag))
{}

void RunStatusJob::handleAnswer(int status, const QByteArray &body, const QByteArray &contentType)
{
    const QByteArray etag = answerHeader("ETag");
    m_result.etag = etag.isEmpty() && status == 304 ? m_sentEtag : QString::fromLatin1(etag);
    if (status == 304) {
        m_result.unchanged = true;
        finishOk();
        return;
    }
    ApiJob::handleAnswer(status, body, contentType);
}

QString RunStatusJob::parse(const QByteArray &body, QStringList *warnings)
{
    QString problem;
    m_result.summary = m_parser(body, &problem, warnings);
    return problem;
}

} // namespace Flotilla
