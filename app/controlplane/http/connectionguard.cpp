#include "connectionguard.h"

#include <QTcpSocket>

namespace Flotilla {

ConnectionGuard::ConnectionGuard(QTcpSocket *socket)
    : QObject(socket)
    , m_socket(socket)
{
    // Connected before QHttpServer's own slot, so this sees bytes first.
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::inspect);
}

void ConnectionGuard::inspect()
{
    if (m_rejected) {
        m_socket->readAll(); // drain what still arrives while closing
        return;
    }
    // QHttpServer reads everything on each readyRead, so what is available now is new.
    consume(m_socket->peek(m_socket->bytesAvailable()));
}

void ConnectionGuard::consume(QByteArray bytes)
{
    while (!bytes.isEmpty() && !m_rejected) {
        if (m_bodyLeft > 0) {
            const qint64 take = std::min<qint64>(m_bodyLeft, bytes.size());
            m_bodyLeft -= take;
            bytes.remove(0, take);
            continue;
        }
        m_head += bytes;
        bytes.clear();
        const qsizetype end = m_head.indexOf("\r\n\r\n");
        if ((end < 0 ? m_head.size() : end) > headerLimit)
            return reject(431, "Request Header Fields Too Large", QStringLiteral("the request header is over 64 KiB"));
        if (end < 0)
            return;
        qint64 length = 0;
        for (const QByteArray &line : m_head.left(end).split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-length")
                length = value.toLongLong();
            else if (name == "transfer-encoding" && value.toLower().contains("chunked"))
                return reject(411, "Length Required",
                              QStringLiteral("send the request body with a Content-Length header, not chunked"));
        }
        if (length > discardLimit) {
            return reject(413, "Payload Too Large",
                          QStringLiteral("the request body has %1 bytes; bodies over 16 MiB are refused unread")
                              .arg(length));
        }
        bytes = m_head.mid(end + 4);
        m_head.clear();
        m_bodyLeft = length;
    }
}

void ConnectionGuard::reject(int status, const QByteArray &reason, const QString &message)
{
    m_rejected = true;
    const QByteArray body = "{\"error\":\"" + message.toUtf8() + "\"}";
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
                    + "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: "
                    + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    m_socket->readAll();
    m_socket->disconnectFromHost();
}

} // namespace Flotilla
