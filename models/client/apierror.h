#pragma once

#include <QNetworkReply>
#include <QString>
#include <QUrl>

namespace Flotilla {

// Why an API call failed, as one value: the HTTP status and the server's own
// message (the `error` of a JSON body, or the plain-text body of a router 404
// such as upstream's "404 page not found"), or a transport error (no answer),
// or an answer the client could not read. `sentence()` says it for people and
// always quotes the server's message verbatim.
class ApiError final
{
public:
    enum class Kind {
        None,      // no error
        Http,      // the server answered with a status other than 2xx
        Transport, // no answer: refused, reset, timeout, TLS...
        BadAnswer, // a 2xx answer the client could not read
        Cancelled, // abort() was called
    };

    ApiError() = default;
    static ApiError http(int status, QString serverMessage, QString method = {}, QUrl url = {});
    static ApiError transport(QNetworkReply::NetworkError error, QString detail, QString method = {}, QUrl url = {});
    static ApiError timeout(int milliseconds, QString method = {}, QUrl url = {});
    static ApiError badAnswer(QString problem, int status = 200, QString method = {}, QUrl url = {});
    static ApiError cancelled(QString method = {}, QUrl url = {});

    Kind kind() const { return m_kind; }
    bool isError() const { return m_kind != Kind::None; }
    int httpStatus() const { return m_httpStatus; }           // 0 without an answer
    QString serverMessage() const { return m_serverMessage; } // verbatim, may be empty
    QNetworkReply::NetworkError transportError() const { return m_transport; }
    QString detail() const { return m_detail; } // Qt's text for transport errors, the parse problem for BadAnswer
    QString method() const { return m_method; }
    QUrl url() const { return m_url; }
    bool isTimeout() const { return m_transport == QNetworkReply::TimeoutError; }

    // A GET may be sent again after this error: connection-level failures and
    // 502/503/504 (a proxy or a restarting server). Timeouts are not retried:
    // the caller has already waited long enough.
    bool isTransient() const;

    // One or two sentences for people, e.g. "Definition with ID x not found
    // (HTTP 404 from GET http://host/api/v1/task/x)."
    QString sentence() const;

private:
    Kind m_kind = Kind::None;
    int m_httpStatus = 0;
    QString m_serverMessage;
    QNetworkReply::NetworkError m_transport = QNetworkReply::NoError;
    QString m_detail;
    QString m_method;
    QUrl m_url;
};

} // namespace Flotilla
