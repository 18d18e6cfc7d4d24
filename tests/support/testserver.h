#pragma once

#include "rawhttpclient.h"

#include <http/controlplane.h>
#include <wire/jsonreader.h>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>

#include <memory>

#include <sys/types.h>

namespace Flotilla::Testing {

// A ControlPlane on 127.0.0.1, port 0, over a temporary data dir.
class TestServer final
{
public:
    explicit TestServer(ControlPlaneOptions options = {});
    // Ends the processes of runs still alive: runs outlive a control plane, not a test.
    ~TestServer();
    bool start(QString *error = nullptr);
    void stop(); // closes the store and releases the dir, keeping its files
    QUrl url() const { return m_controlPlane ? m_controlPlane->url() : QUrl(); }
    // The bearer token its requests need (made at start unless options() set one).
    QByteArray token() const { return m_controlPlane ? m_controlPlane->token() : QByteArray(); }
    QString dataDir() const { return m_options.dataDir; }
    ControlPlaneOptions &options() { return m_options; }

private:
    QTemporaryDir m_dir;
    ControlPlaneOptions m_options;
    std::unique_ptr<ControlPlane> m_controlPlane;
};

// What flotilla-run recorded in a run's control dir: its own pid and the
// command's, which leads the run's process group; 0 while not recorded.
struct RunPids
{
    pid_t wrapper = 0;
    pid_t command = 0;
};
RunPids runPidsIn(const QString &controlDir);

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

    Json json() const;
    QByteArray header(const QByteArray &name) const;
};

// Sends one request and waits for its answer with QSignalSpy (tests only),
// with the server's bearer token unless it is empty.
class HttpTestClient final
{
public:
    explicit HttpTestClient(QUrl base, QByteArray token = {});
    explicit HttpTestClient(const TestServer &server);
    explicit HttpTestClient(const ControlPlane &controlPlane);
    HttpResult request(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
                       const QList<QPair<QByteArray, QByteArray>> &headers = {});
    HttpResult get(const QString &pathAndQuery) { return request("GET", pathAndQuery); }
    HttpResult post(const QString &path, const Json &body)
    {
        return request("POST", path, QByteArray::fromStdString(body.dump()));
    }
    HttpResult put(const QString &path, const Json &body)
    {
        return request("PUT", path, QByteArray::fromStdString(body.dump()));
    }
    HttpResult del(const QString &path) { return request("DELETE", path); }

private:
    QUrl m_base;
    QByteArray m_token;
    QNetworkAccessManager m_manager;
};

// Shorthands for the API calls most tests make; each QVERIFYs nothing, so
// callers check the results they care about.
QString createDefinition(HttpTestClient &client, const Json &definition);
Json launch(HttpTestClient &client, const QString &definitionId,
            const Json &body = Json{{"run_tags", {{"owner_id", "tester"}}}});
// Polls the run until `status` (an event loop runs meanwhile); the run as last read.
Json waitForStatus(HttpTestClient &client, const QString &runId, const char *status, int timeoutMs = 30000);
// The whole log read through last_seen paging, as a client would.
QByteArray readLogByPaging(HttpTestClient &client, const QString &runId, int *chunks = nullptr);
// Connects `client` to `server` and sends a GET the server holds (`wait`),
// with `extraHeaders` ("Name: value\r\n" lines); returns once the server has
// read it, which a round trip on another connection, sent after it, shows.
bool sendHeld(RawClient &client, const TestServer &server, const QString &pathAndQuery,
              const QByteArray &extraHeaders = {});
// The reasons of a run's (or an events answer's) pod_events, in order.
QStringList eventReasons(const Json &run);

} // namespace Flotilla::Testing
