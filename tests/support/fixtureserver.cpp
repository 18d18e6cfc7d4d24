#include "fixtureserver.h"
#include "testpaths.h"

#include <QFile>
#include <QTcpSocket>

namespace Flotilla::Testing {

FixtureServer::FixtureServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FixtureServer::onNewConnection);
}

FixtureServer::~FixtureServer() = default;

bool FixtureServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FixtureServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
}

QByteArray FixtureServer::fixture(const QString &name)
{
    QFile file(TestPaths::fixturesDir() + u'/' + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

void FixtureServer::serveFixture(const QByteArray &method, const QByteArray &path, const QString &fixtureName,
                                 int status)
{
    FixtureResponse response;
    response.status = status;
    response.body = fixture(fixtureName) + '\n'; // Go's encoder ends each body with a newline
    serve(method, path, response);
}

void FixtureServer::serve(const QByteArray &method, const QByteArray &path, FixtureResponse response)
{
    m_routes.insert(method + ' ' + path, std::move(response));
}

int FixtureServer::count(const QByteArray &method, const QByteArray &path) const
{
    return int(std::count_if(m_requests.cbegin(), m_requests.cend(), [&](const FixtureRequest &request) {
        return request.method == method && request.path == path;
    }));
}

void FixtureServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void FixtureServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    FixtureRequest request;
    request.method = requestLine.value(0);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    const qsizetype length = request.headers.value("content-length", "0").toLongLong();
    if (buffer.size() < headerEnd + 4 + length)
        return;
    request.body = buffer.mid(headerEnd + 4, length);
    buffer.clear();
    const QUrl target(QString::fromLatin1(requestLine.value(1)), QUrl::StrictMode);
    request.path = target.path(QUrl::FullyDecoded).toUtf8();
    request.query = QUrlQuery(target.query(QUrl::FullyEncoded));
    m_requests.append(request);
    answer(socket, request);
}

void FixtureServer::setAnswerHeader(const QByteArray &path, const QByteArray &name, const QByteArray &value)
{
    QList<std::pair<QByteArray, QByteArray>> &headers = m_answerHeaders[path];
    headers.removeIf([&name](const auto &header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
    if (!value.isEmpty())
        headers.append({name, value});
}

void FixtureServer::answer(QTcpSocket *socket, const FixtureRequest &request)
{
    std::optional<FixtureResponse> response;
    if (m_handler)
        response = m_handler(request);
    if (!response) {
        const auto route = m_routes.constFind(request.method + ' ' + request.path);
        if (route != m_routes.cend())
            response = *route;
    }
    if (!response)
        response = FixtureResponse{404, "text/plain; charset=utf-8", "404 page not found\n", false};
    if (m_neverAnswer || response->neverAnswer)
        return;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response->status) + " Status\r\n";
    if (!response->contentType.isEmpty())
        head += "Content-Type: " + response->contentType + "\r\n";
    for (const auto &[name, value] : m_answerHeaders.value(request.path))
        head += name + ": " + value + "\r\n";
    head += "Content-Length: " + QByteArray::number(response->body.size()) + "\r\nConnection: close\r\n\r\n";
    socket->write(head + response->body);
    socket->disconnectFromHost();
}

} // namespace Flotilla::Testing
