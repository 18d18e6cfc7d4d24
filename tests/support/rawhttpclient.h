#pragma once

#include <http/httpmessage.h>
#include <wire/jsonreader.h>

#include <QTcpSocket>
#include <QUrl>

#include <optional>

namespace Flotilla::Testing {

struct RawResponse
{
    int status = 0;
    QByteArray reason;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const { return headerValue(headers, name); }
    Json json() const { return Json::parse(body.toStdString(), nullptr, false); }
};

// A GET of `pathAndQuery` as an API client of the server at `url` writes
// it: Host with the server's port, and the bearer token unless it is empty.
QByteArray rawGet(const QUrl &url, const QByteArray &token, const QString &pathAndQuery);

// An HTTP/1.1 client over one QTcpSocket that writes exactly the bytes it
// is given, headers such as Host and Origin included. It waits by running the
// event loop, since the server may live on this thread too.
class RawClient final
{
public:
    bool connectTo(const QUrl &url);
    void send(const QByteArray &bytes) { m_socket.write(bytes); }
    // Waits for one whole response (Content-Length framed); nullopt on timeout or close.
    std::optional<RawResponse> readResponse(int timeoutMs = 30000);
    // Waits until the server has closed the connection.
    bool waitClosed(int timeoutMs = 10000);

    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    qint64 bytesToWrite() const { return m_socket.bytesToWrite(); }
    QByteArray unparsed() const { return m_buffer; }

private:
    std::optional<RawResponse> takeResponse();

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

} // namespace Flotilla::Testing
