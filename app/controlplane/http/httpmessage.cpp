#include "httpmessage.h"

#include <QUrl>

namespace Flotilla {

HttpRequest HttpRequest::fromParsed(QByteArray method, const QUrl &url, HeaderList headers, QByteArray body)
{
    HttpRequest request;
    request.method = std::move(method);
    request.path = url.path(QUrl::FullyEncoded).toUtf8();
    request.query = url.query(QUrl::FullyEncoded).toUtf8();
    request.headers = std::move(headers);
    request.body = std::move(body);
    return request;
}

} // namespace Flotilla
