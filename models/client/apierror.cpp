#include "apierror.h"

namespace Flotilla {

ApiError ApiError::http(int status, QString serverMessage, QString method, QUrl url)
{
    ApiError error;
    error.m_kind = Kind::Http;
    error.m_httpStatus = status;
    error.m_serverMessage = std::move(serverMessage);
    error.m_method = std::move(method);
    error.m_url = std::move(url);
    return error;
}

ApiError ApiError::transport(QNetworkReply::NetworkError code, QString detail, QString method, QUrl url)
{
    ApiError error;
    error.m_kind = Kind::Transport;
    error.m_transport = code;
    error.m_detail = std::move(detail);
    error.m_method = std::move(method);
    error.m_url = std::move(url);
    return error;
}

ApiError ApiError::timeout(int milliseconds, QString method, QUrl url)
{
    ApiError error = transport(QNetworkReply::TimeoutError, QStringLiteral("no answer within %1 ms").arg(milliseconds),
                               std::move(method), std::move(url));
    return error;
}

ApiError ApiError::badAnswer(QString problem, int status, QString method, QUrl url)
{
    ApiError error;
    error.m_kind = Kind::BadAnswer;
    error.m_httpStatus = status;
    error.m_detail = std::move(problem);
    error.m_method = std::move(method);
    error.m_url = std::move(url);
    return error;
}

ApiError ApiError::cancelled(QString method, QUrl url)
{
    ApiError error;
    error.m_kind = Kind::Cancelled;
    error.m_transport = QNetworkReply::OperationCanceledError;
    error.m_method = std::move(method);
    error.m_url = std::move(url);
    return error;
}

bool ApiError::isTransient() const
{
    if (m_kind == Kind::Http)
        return m_httpStatus == 502 || m_httpStatus == 503 || m_httpStatus == 504;
    if (m_kind != Kind::Transport)
        return false;
    switch (m_transport) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProtocolFailure: return true;
    default: return false;
    }
}

static QString where(const QString &method, const QUrl &url)
{
    if (url.isEmpty())
        return {};
    const QString target = url.toDisplayString(QUrl::RemoveUserInfo);
    return method.isEmpty() ? target : method + u' ' + target;
}

QString ApiError::sentence() const
{
    const QString place = where(m_method, m_url);
    const QString host = m_url.isEmpty() ? QStringLiteral("the server")
                                         : m_url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemovePath
                                                                 | QUrl::RemoveQuery | QUrl::RemoveFragment);
    switch (m_kind) {
    case Kind::None: return {};
    case Kind::Http: {
        const QString suffix = place.isEmpty() ? QStringLiteral("(HTTP %1)").arg(m_httpStatus)
                                               : QStringLiteral("(HTTP %1 from %2)").arg(m_httpStatus).arg(place);
        if (!m_serverMessage.isEmpty())
            return m_serverMessage + u' ' + suffix;
        if (m_httpStatus == 401)
            return QStringLiteral("The server wants a token; set one in the server profile. ") + suffix;
        if (m_httpStatus == 405)
            return QStringLiteral("The server does not offer this operation; is the server kind right? ") + suffix;
        return QStringLiteral("The server answered without an explanation. ") + suffix;
    }
    case Kind::Transport:
        switch (m_transport) {
        case QNetworkReply::TimeoutError: return QStringLiteral("%1 did not answer in time (%2).").arg(host, m_detail);
        case QNetworkReply::ConnectionRefusedError:
            return QStringLiteral("Could not connect to %1: the connection was refused. Is the server running?")
                .arg(host);
        case QNetworkReply::HostNotFoundError:
            return QStringLiteral("The host of %1 was not found; check the server address.").arg(host);
        case QNetworkReply::RemoteHostClosedError:
            return QStringLiteral("%1 closed the connection before it answered.").arg(host);
        default: return QStringLiteral("Could not talk to %1: %2").arg(host, m_detail);
        }
    case Kind::BadAnswer:
        return place.isEmpty() ? QStringLiteral("The server's answer could not be read: %1").arg(m_detail)
                               : QStringLiteral("The answer to %1 could not be read: %2").arg(place, m_detail);
    case Kind::Cancelled: return QStringLiteral("The request was cancelled.");
    }
    return {};
}

} // namespace Flotilla
