#pragma once

#include <QObject>

class QTcpSocket;

namespace Flotilla {

// Watches the bytes of one connection ahead of QHttpServer, which buffers a
// whole request in memory before anyone sees it. A body declared larger
// than `discardLimit` (or an endless header) is answered at once and the
// connection closed; smaller bodies reach the API, which answers 413 itself.
class ConnectionGuard final : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 discardLimit = 16 * 1024 * 1024;
    static constexpr qint64 headerLimit = 64 * 1024;

    explicit ConnectionGuard(QTcpSocket *socket);

private:
    void inspect();
    void consume(QByteArray bytes);
    void reject(int status, const QByteArray &reason, const QString &message);

    QTcpSocket *m_socket;
    QByteArray m_head;
    qint64 m_bodyLeft = 0;
    bool m_rejected = false;
};

} // namespace Flotilla
