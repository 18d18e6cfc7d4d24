#pragma once

#include <QAbstractHttpServer>
#include <QHostAddress>

namespace Flotilla {

class HttpApi;

// The one place that touches QHttpServer (a technical preview in Qt 6.4):
// it listens, guards each connection and hands every request to HttpApi.
class ControlPlaneServer final : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit ControlPlaneServer(HttpApi &api, QObject *parent = nullptr);

    // The port it listens on, or 0 with `error` set.
    quint16 listenOn(const QHostAddress &address, quint16 port, QString *error);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    HttpApi &m_api;
};

} // namespace Flotilla
