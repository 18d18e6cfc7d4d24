#include "rawhttpclient.h"

#include <QDeadlineTimer>
#include <QTest>

namespace Flotilla::Testing {

QByteArray rawGet(const QUrl &url, const QByteArray &token, const QString &pathAndQuery)
{
    QByteArray request = "GET " + pathAndQuery.toUtf8() + " HTTP/1.1\r\nHost: " + url.host().toUtf8() + ':'
                         + QByteArray::number(url.port()) + "\r\n";
    if (!token.isEmpty())
        request += "Authorization: Bearer " + token + "\r\n";
    return request + "\r\n";
}

bool RawClient::connectTo(const QUrl &url)
{
    m_socket.connectToHost(url.host(), quint16(url.port()));
    return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, 10000);
}

std::optional<RawResponse> RawClient::readResponse(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        m_buffer += m_socket.readAll();
        if (std::optional<RawResponse> response = takeResponse())
            return response;
        if (m_socket.state() == QAbstractSocket::UnconnectedState && m_socket.bytesAvailable() == 0)
            return std::nullopt;
        if (deadline.hasExpired())
            return std::nullopt;
        static_cast<void>(QTest::qWaitFor(
            [this] { return m_socket.bytesAvailable() > 0 || m_socket.state() == QAbstractSocket::UnconnectedState; },
            int(std::max<qint64>(1, deadline.remainingTime()))));
    }
}

bool RawClient::waitClosed(int timeoutMs)
{
    return QTest::qWaitFor(
        [this] {
            m_buffer += m_socket.readAll();
            return m_socket.state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
}

std::optional<RawResponse> RawClient::takeResponse()
{
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    const QList<QByteArray> lines = m_buffer.left(end).split('\n');
    RawResponse response;
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    if (statusLine.size() < 2 || !statusLine.at(0).startsWith("HTTP/1."))
        return std::nullopt;
    response.status = statusLine.at(1).toInt();
    response.reason = lines.first().trimmed().mid(statusLine.at(0).size() + statusLine.at(1).size() + 2);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            response.headers.append({lines.at(i).left(colon).trimmed(), lines.at(i).mid(colon + 1).trimmed()});
    }
    const qsizetype length = response.header("content-length").toLongLong();
    if (m_buffer.size() < end + 4 + length)
        return std::nullopt;
    response.body = m_buffer.mid(end + 4, length);
    m_buffer.remove(0, end + 4 + length);
    return response;
}

} // namespace Flotilla::Testing
