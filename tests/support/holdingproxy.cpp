#include "holdingproxy.h"

#include <QHostAddress>

#include <algorithm>

namespace Flotilla::Testing {

namespace {

// A request's head arrives in one piece over loopback (the client writes it
// in one call); a body never starts like a request line.
bool startsRequest(const QByteArray &bytes)
{
    const qsizetype space = bytes.indexOf(' ');
    return space > 0 && space < 8 && bytes.mid(space + 1, 1) == "/"
           && std::all_of(bytes.cbegin(), bytes.cbegin() + space, [](char c) { return c >= 'A' && c <= 'Z'; });
}

} // namespace

HoldingProxy::HoldingProxy(QUrl target)
    : m_target(std::move(target))
{
    QObject::connect(&m_listener, &QTcpServer::newConnection, &m_listener, [this] { accept(); });
}

HoldingProxy::~HoldingProxy()
{
    m_listener.close();
    for (const auto &link : m_links) {
        link->client->disconnect();
        link->server->disconnect();
    }
}

bool HoldingProxy::listen()
{
    return m_listener.listen(QHostAddress::LocalHost, 0);
}

QUrl HoldingProxy::url() const
{
    QUrl url = m_target;
    url.setPort(m_listener.serverPort());
    return url;
}

QList<QByteArray> HoldingProxy::heldRequests() const
{
    QList<QByteArray> held;
    for (const Link *link : m_held)
        held.append(link->heldRequest);
    return held;
}

void HoldingProxy::release(int index)
{
    if (index < 0 || index >= m_held.size())
        return;
    Link *link = m_held.takeAt(index);
    link->heldRequest.clear();
    link->client->write(std::exchange(link->heldAnswer, {}));
}

void HoldingProxy::accept()
{
    while (QTcpSocket *client = m_listener.nextPendingConnection()) {
        auto link = std::make_unique<Link>();
        link->client.reset(client);
        client->setParent(nullptr);
        link->server = std::make_unique<QTcpSocket>();
        Link *raw = link.get();
        QObject::connect(client, &QTcpSocket::readyRead, client, [this, raw] { forwardRequest(*raw); });
        QObject::connect(raw->server.get(), &QTcpSocket::readyRead, client, [this, raw] { forwardAnswer(*raw); });
        QObject::connect(client, &QTcpSocket::disconnected, client, [this, raw] { close(raw); });
        QObject::connect(raw->server.get(), &QTcpSocket::disconnected, client, [this, raw] { close(raw); });
        link->server->connectToHost(QHostAddress::LocalHost, quint16(m_target.port()));
        m_links.push_back(std::move(link));
    }
}

void HoldingProxy::forwardRequest(Link &link)
{
    const QByteArray bytes = link.client->readAll();
    if (startsRequest(bytes)) {
        const QByteArray requestLine = bytes.left(bytes.indexOf("\r\n"));
        if (m_rule && m_rule(requestLine)) {
            link.heldRequest = requestLine;
            m_held.append(&link);
        }
    }
    link.server->write(bytes); // buffered until the connection is up
}

void HoldingProxy::forwardAnswer(Link &link)
{
    const QByteArray bytes = link.server->readAll();
    if (link.heldRequest.isEmpty())
        link.client->write(bytes);
    else
        link.heldAnswer += bytes;
}

void HoldingProxy::close(Link *link)
{
    // Either side's close ends the link; a held answer is let go first.
    link->client->disconnect();
    link->server->disconnect();
    m_held.removeOne(link);
    link->client->write(std::exchange(link->heldAnswer, {}));
    link->client->disconnectFromHost();
    link->server->disconnectFromHost();
    const auto found = std::find_if(m_links.begin(), m_links.end(),
                                    [link](const auto &owned) { return owned.get() == link; });
    if (found != m_links.end()) {
        // Deleted later: this runs inside one of the sockets' signals.
        found->get()->client.release()->deleteLater();
        found->get()->server.release()->deleteLater();
        m_links.erase(found);
    }
}

} // namespace Flotilla::Testing
