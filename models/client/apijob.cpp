#include "apijob.h"

#include "clientlogging.h"
#include "flotillaclient.h"

#include <wire/jsonreader.h>

#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <algorithm>

namespace Flotilla {

ApiJob::ApiJob(FlotillaClient *client, ApiRequest request)
    : QObject(client)
    , m_client(client)
    , m_request(std::move(request))
{
    m_timer.setSingleShot(true);
    m_backoff.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ApiJob::onTimeout);
    connect(&m_backoff, &QTimer::timeout, this, &ApiJob::sendAttempt);
    if (client) {
        m_timeoutMs = client->timeout();
        m_maxRetries = client->maxRetries();
    }
}

ApiJob::~ApiJob()
{
    dropReply();
}

void ApiJob::start()
{
    if (m_started)
        return;
    m_started = true;
    sendAttempt();
}

void ApiJob::abort()
{
    if (!m_started || m_finished)
        return;
    dropReply();
    finishWith(ApiError::cancelled(QString::fromLatin1(m_request.method), m_url));
}

void ApiJob::sendNext(ApiRequest request)
{
    m_request = std::move(request);
    m_retries = 0;
    sendAttempt();
}

void ApiJob::dropReply()
{
    m_timer.stop();
    m_backoff.stop();
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply.clear();
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
}

void ApiJob::sendAttempt()
{
    if (m_finished)
        return;
    if (!m_client) {
        finishWith(ApiError::transport(QNetworkReply::OperationCanceledError, QStringLiteral("the client is gone")));
        return;
    }
    ++m_attempts;
    m_url = m_client->urlFor(m_request.path, m_request.query);
    QNetworkRequest request = m_client->networkRequest(m_url);
    if (!m_request.body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto &[name, value] : std::as_const(m_request.headers))
        request.setRawHeader(name, value);
    QNetworkAccessManager *manager = m_client->networkAccessManager();
    QNetworkReply *reply = m_request.method == "GET"
                               ? manager->get(request)
                               : manager->sendCustomRequest(request, m_request.method, m_request.body);
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, &ApiJob::onReplyFinished);
    if (m_timeoutMs > 0)
        m_timer.start(m_timeoutMs);
}

void ApiJob::onTimeout()
{
    dropReply();
    finishWith(ApiError::timeout(m_timeoutMs, QString::fromLatin1(m_request.method), m_url));
}

void ApiJob::onReplyFinished()
{
    QNetworkReply *reply = m_reply.data();
    if (!reply || sender() != reply)
        return;
    m_timer.stop();
    m_reply.clear();
    reply->deleteLater();
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const QString method = QString::fromLatin1(m_request.method);
    ApiError transient;
    // Codes below 100 are connection-level (refused, reset, timeout); with
    // them a status line may have come, but not the whole answer.
    if (!statusAttribute.isValid() || (reply->error() > 0 && reply->error() < 100)) {
        transient = ApiError::transport(reply->error(), reply->errorString(), method, m_url);
    } else {
        const int status = statusAttribute.toInt();
        m_answerHeaders = reply->rawHeaderPairs();
        const QByteArray body = reply->readAll();
        const QByteArray contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        if (status == 502 || status == 503 || status == 504)
            transient = errorFromAnswer(status, body, contentType);
        if (!transient.isError() || m_request.method != "GET" || m_retries >= m_maxRetries) {
            handleAnswer(status, body, contentType);
            return;
        }
    }
    if (transient.isTransient() && m_request.method == "GET" && m_retries < m_maxRetries) {
        const int delay = std::min(250 << m_retries, 4000);
        ++m_retries;
        qCInfo(lcClient).noquote() << "retry" << m_retries << "of" << m_maxRetries << "in" << delay
                                   << "ms after:" << transient.sentence();
        m_backoff.start(delay);
        return;
    }
    finishWith(transient);
}

QByteArray ApiJob::answerHeader(const QByteArray &name) const
{
    for (const auto &[key, value] : m_answerHeaders) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

ApiError ApiJob::errorFromAnswer(int status, const QByteArray &body, const QByteArray &contentType) const
{
    QString message;
    const Json json = parseNetworkJson(body);
    if (json.is_object()) {
        JsonReader reader(json);
        if (const Json *error = reader.find("error"); error && error->is_string())
            message = toQString(error->get_ref<const std::string &>());
        else if (const Json *text = reader.find("message"); text && text->is_string())
            message = toQString(text->get_ref<const std::string &>());
    } else if (contentType.startsWith("text/plain") || (!body.isEmpty() && !body.trimmed().startsWith('<'))) {
        // A router's text answer, e.g. upstream's "404 page not found\n".
        message = QString::fromUtf8(body).trimmed();
        if (message.size() > 500)
            message = message.left(500) + u'…';
    }
    return ApiError::http(status, message, QString::fromLatin1(m_request.method), m_url);
}

void ApiJob::handleAnswer(int status, const QByteArray &body, const QByteArray &contentType)
{
    if (status < 200 || status > 299) {
        finishWith(errorFromAnswer(status, body, contentType));
        return;
    }
    QStringList warnings;
    const QString problem = parse(body, &warnings);
    finishParsed(status, problem, warnings);
}

void ApiJob::finishParsed(int status, const QString &problem, const QStringList &warnings)
{
    m_warnings += warnings;
    if (!problem.isEmpty())
        finishWith(ApiError::badAnswer(problem, status, QString::fromLatin1(m_request.method), m_url));
    else
        finishOk();
}

void ApiJob::finishWith(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    m_backoff.stop();
    m_error = error;
    // Cancelling is the caller's choice, not a failure.
    if (error.kind() == ApiError::Kind::Cancelled)
        qCDebug(lcClient).noquote() << error.sentence();
    else if (error.isError())
        qCWarning(lcClient).noquote() << error.sentence();
    Q_EMIT finished();
    if (m_autoDelete)
        deleteLater();
}

} // namespace Flotilla
