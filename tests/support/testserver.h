#pragma once

#include <controlplane/controlplane.h>
#include <wire/jsonreader.h>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>

#include <memory>

namespace Flotilla::Testing {

// A ControlPlane on 127.0.0.1, port 0, over a temporary data dir.
class TestServer final
{
public:
    explicit TestServer(ControlPlaneOptions options = {});
    bool start(QString *error = nullptr);
    void stop(); // closes the store and releases the dir, keeping its files
    QUrl url() const { return m_controlPlane ? m_controlPlane->url() : QUrl(); }
    QString dataDir() const { return m_options.dataDir; }
    ControlPlaneOptions &options() { return m_options; }

private:
    QTemporaryDir m_dir;
    ControlPlaneOptions m_options;
    std::unique_ptr<ControlPlane> m_controlPlane;
};

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;

    Json json() const;
    QByteArray header(const QByteArray &name) const;
};

// Sends one request and waits for its answer with QSignalSpy (tests only).
class HttpTestClient final
{
public:
    explicit HttpTestClient(QUrl base);
    HttpResult request(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
                       const QList<QPair<QByteArray, QByteArray>> &headers = {});
    HttpResult get(const QString &pathAndQuery) { return request("GET", pathAndQuery); }
    HttpResult post(const QString &path, const Json &body) { return request("POST", path, QByteArray::fromStdString(body.dump())); }
    HttpResult put(const QString &path, const Json &body) { return request("PUT", path, QByteArray::fromStdString(body.dump())); }
    HttpResult del(const QString &path) { return request("DELETE", path); }

private:
    QUrl m_base;
    QNetworkAccessManager m_manager;
};

} // namespace Flotilla::Testing
