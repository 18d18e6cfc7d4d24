#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <optional>

class QTcpSocket;

namespace Flotilla::Testing {

struct FixtureRequest
{
    QByteArray method;
    QByteArray path; // decoded, without the query
    QUrlQuery query;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
};

struct FixtureResponse
{
    int status = 200;
    QByteArray contentType = "application/json; charset=utf-8";
    QByteArray body;
    bool neverAnswer = false; // keep the connection open and say nothing

    // A 200 with a JSON body, as upstream's Go encoder writes it (newline-terminated).
    static FixtureResponse json(const QByteArray &body)
    {
        return FixtureResponse{200, "application/json; charset=utf-8", body + '\n', false};
    }
};

// An imitation of an upstream Flotilla server over real HTTP/1.1 on
// 127.0.0.1, port 0, for the client's tests: it serves the bodies of
// tests/fixtures/upstream by method and path, answers everything else
// as upstream's router does (404, text/plain, "404 page not found\n"), and a
// handler can take any request over (tokens, errors, silence). Test only.
class FixtureServer final : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<std::optional<FixtureResponse>(const FixtureRequest &)>;

    explicit FixtureServer(QObject *parent = nullptr);
    ~FixtureServer() override;

    bool listen();
    QUrl url() const;

    static QByteArray fixture(const QString &name); // the file's bytes, or a qFatal
    void serveFixture(const QByteArray &method, const QByteArray &path, const QString &fixtureName, int status = 200);
    void serve(const QByteArray &method, const QByteArray &path, FixtureResponse response);
    void setHandler(Handler handler) { m_handler = std::move(handler); } // asked first
    void setNeverAnswer(bool never) { m_neverAnswer = never; }
    // A header on every answer for `path` (ETag, say); an empty value removes
    // it. A handler may change it before it answers.
    void setAnswerHeader(const QByteArray &path, const QByteArray &name, const QByteArray &value);

    QList<FixtureRequest> requests() const { return m_requests; }
    int count(const QByteArray &method, const QByteArray &path) const;

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const FixtureRequest &request);

    QTcpServer m_server;
    QHash<QByteArray, FixtureResponse> m_routes;                                 // "GET /api/v1/task"
    QHash<QByteArray, QList<std::pair<QByteArray, QByteArray>>> m_answerHeaders; // by path
    Handler m_handler;
    bool m_neverAnswer = false;
    QList<FixtureRequest> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace Flotilla::Testing
