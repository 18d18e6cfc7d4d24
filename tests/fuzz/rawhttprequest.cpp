#include "rawhttprequest.h"

#include <QUrl>

namespace Flotilla::Fuzzing {

namespace {

// The methods QHttpServerRequest::Method knows; http_parser refuses others.
const QByteArrayList knownMethods = {"GET", "PUT", "DELETE", "POST", "HEAD", "OPTIONS", "PATCH", "CONNECT", "TRACE"};

// Sets path and query as QHttpServerRequestPrivate does with the pieces
// http_parser_parse_url finds.
QUrl urlOf(const QByteArray &target)
{
    QByteArray path = target;
    const qsizetype hash = path.indexOf('#');
    if (hash >= 0)
        path.truncate(hash);
    const qsizetype question = path.indexOf('?');
    QUrl url;
    if (question >= 0) {
        url.setQuery(QString::fromUtf8(path.mid(question + 1)));
        path.truncate(question);
    }
    url.setPath(QString::fromUtf8(path), QUrl::TolerantMode);
    return url;
}

} // namespace

std::optional<HttpRequest> takeRawHttpRequest(QByteArray &bytes)
{
    const qsizetype headEnd = bytes.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return std::nullopt;
    const QList<QByteArray> lines = bytes.left(headEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !knownMethods.contains(requestLine[0]) || !requestLine[1].startsWith('/')
        || (requestLine[2] != "HTTP/1.1" && requestLine[2] != "HTTP/1.0"))
        return std::nullopt;

    HeaderList headers;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return std::nullopt;
        headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    // Chunked bodies never reach the API: ConnectionGuard answers 411.
    if (!headerValue(headers, "Transfer-Encoding").isEmpty())
        return std::nullopt;
    const QByteArray lengthText = headerValue(headers, "Content-Length");
    bool ok = lengthText.isEmpty();
    const qint64 length = ok ? 0 : lengthText.toLongLong(&ok);
    if (!ok || length < 0)
        return std::nullopt;

    const qsizetype bodyStart = headEnd + 4;
    QByteArray body = bytes.mid(bodyStart, qsizetype(std::min<qint64>(length, bytes.size() - bodyStart)));
    bytes.remove(0, bodyStart + body.size());
    return HttpRequest::fromParsed(requestLine[0], urlOf(requestLine[1]), std::move(headers), std::move(body));
}

} // namespace Flotilla::Fuzzing
