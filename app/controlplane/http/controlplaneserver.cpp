#include "controlplaneserver.h"

#include "connectionguard.h"
#include "httpapi.h"
#include "httplogging.h"

#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QMetaEnum>
#include <QTcpServer>
#include <QTcpSocket>

namespace Flotilla {

namespace {

class GuardedTcpServer final : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        // Headers and body leave in separate writes; without this, Nagle
        // and the client's delayed ACK hold every larger answer for 40 ms.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        new ConnectionGuard(socket);
        addPendingConnection(socket);
    }
};

QByteArray methodName(QHttpServerRequest::Method method)
{
    static const QMetaEnum names = QMetaEnum::fromType<QHttpServerRequest::Method>();
    return QByteArray(names.valueToKey(int(method))).toUpper();
}

} // namespace

ControlPlaneServer::ControlPlaneServer(HttpApi &api, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_api(api)
{}

quint16 ControlPlaneServer::listenOn(const QHostAddress &address, quint16 port, QString *error)
{
    auto *server = new GuardedTcpServer(this);
    if (!server->listen(address, port)) {
        *error = QStringLiteral("cannot listen on %1 port %2: %3")
                     .arg(address.toString())
                     .arg(port)
                     .arg(server->errorString());
        delete server;
        return 0;
    }
    bind(server);
    return server->serverPort();
}

bool ControlPlaneServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QElapsedTimer timer;
    timer.start();
    const HttpRequest apiRequest = HttpRequest::fromParsed(methodName(request.method()), request.url(),
                                                           request.headers(), request.body());
    const HttpResponse response = m_api.handle(apiRequest);
    QHttpServerResponse reply = response.contentType.isEmpty()
                                    ? QHttpServerResponse(QHttpServerResponse::StatusCode(response.status))
                                    : QHttpServerResponse(response.contentType, response.body,
                                                          QHttpServerResponse::StatusCode(response.status));
    for (const auto &[name, value] : response.headers)
        reply.addHeader(name, value);
    reply.write(makeResponder(request, socket));
    qCInfo(lcHttpRequests, "%s %s %d %lld us", apiRequest.method.constData(), apiRequest.path.constData(),
           response.status, timer.nsecsElapsed() / 1000);
    return true;
}

void ControlPlaneServer::missingHandler(const QHttpServerRequest &, QTcpSocket *)
{
    // Unreachable: handleRequest answers every request.
}

} // namespace Flotilla
