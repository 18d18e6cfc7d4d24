#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <functional>
#include <optional>

QT_FORWARD_DECLARE_CLASS(QUrl)

namespace Flotilla {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// The value of a header, its name matched case-insensitively as HTTP says.
inline QByteArray headerValue(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

// An HTTP request as the API sees it, independent of the server library so
// the routing can be driven (and fuzzed) without sockets.
struct HttpRequest
{
    QByteArray method;
    QByteArray path; // percent-encoded, as on the request line
    QByteArray query;
    HeaderList headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const { return headerValue(headers, name); }

    // The request as the server library parsed it: `url` carries the target.
    static HttpRequest fromParsed(QByteArray method, const QUrl &url, HeaderList headers, QByteArray body);
};

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json; charset=utf-8";
    QByteArray body;
    HeaderList headers;
    // Set by a route that holds its answer (`wait` on the change feed and the
    // logs, a launch until its commit): the server keeps the request open and
    // answers with the first response `held` gives, asking again after every
    // store commit and every change of `wakeFile`, and with `held(true)`'s,
    // which must give one, once `holdMs` have passed or it cannot wait.
    std::function<std::optional<HttpResponse>(bool deadline)> held;
    int holdMs = 0;
    QString wakeFile; // e.g. a run's log, written by another process

    // What `held` gives, with the headers set on this response (CORS) first.
    std::optional<HttpResponse> heldAnswer(bool deadline) const
    {
        std::optional<HttpResponse> answer = held(deadline);
        if (answer)
            answer->headers = headers + answer->headers;
        return answer;
    }
};

} // namespace Flotilla
