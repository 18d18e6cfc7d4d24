#pragma once

#include <QList>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>
#include <memory>
#include <vector>

namespace Flotilla::Testing {

// A TCP relay on 127.0.0.1, port 0, in front of a real server, that can hold
// the answer to chosen requests until the test releases it: a test orders
// answers that a busy machine may order so, but seldom does. One request at
// a time on a connection (a client does not pipeline), so holding the bytes
// that come back on it holds exactly that request's answer.
class HoldingProxy final
{
public:
    // Whether to hold the answer to a request, given its request line
    // ("GET /api/v6/history?limit=50 HTTP/1.1").
    using HoldRule = std::function<bool(const QByteArray &requestLine)>;

    explicit HoldingProxy(QUrl target);
    ~HoldingProxy();
    bool listen();
    QUrl url() const; // the target's URL with the relay's port

    void setHoldRule(HoldRule rule) { m_rule = std::move(rule); }
    // The request lines whose answers are held now, in the order they were asked.
    QList<QByteArray> heldRequests() const;
    // Passes on the held answer of the `index`th held request, and what follows it.
    void release(int index);

private:
    struct Link
    {
        std::unique_ptr<QTcpSocket> client;
        std::unique_ptr<QTcpSocket> server;
        QByteArray heldRequest; // empty: not held
        QByteArray heldAnswer;
    };

    void accept();
    void forwardRequest(Link &link);
    void forwardAnswer(Link &link);
    void close(Link *link);

    QUrl m_target;
    QTcpServer m_listener;
    HoldRule m_rule;
    std::vector<std::unique_ptr<Link>> m_links;
    QList<Link *> m_held; // in the order their requests came
};

} // namespace Flotilla::Testing
