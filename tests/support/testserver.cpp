#include "testserver.h"
#include "testpaths.h"

#include <http/httpmessage.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>

#include <csignal>
#include <QTest>

namespace Flotilla::Testing {

TestServer::TestServer(ControlPlaneOptions options)
    : m_options(std::move(options))
{
    m_options.port = 0;
    // Probing engines costs time: a test that wants one sets options().containerEngines.
    m_options.containerEngines.clear();
    if (m_options.runProgram.isEmpty())
        m_options.runProgram = TestPaths::runProgram();
    if (m_options.dataDir.isEmpty())
        m_options.dataDir = m_dir.path() + QStringLiteral("/data");
}

TestServer::~TestServer()
{
    stop();
    const QDir runs(m_options.dataDir + QStringLiteral("/runs"));
    for (const QString &run : runs.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString control = runs.filePath(run);
        // Only while the wrapper is still ours: a pid of an ended run may be reused.
        const auto [wrapper, child] = runPidsIn(control);
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(wrapper));
        if (wrapper <= 1 || !cmdline.open(QIODevice::ReadOnly) || !cmdline.readAll().contains(control.toUtf8()))
            continue;
        if (QFile::exists(control + QStringLiteral("/cid")))
            QProcess::execute(QStringLiteral("podman"),
                              {QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("flotilla-") + run});
        if (child > 1)
            ::kill(-child, SIGKILL); // the command's whole group
        ::kill(wrapper, SIGKILL);
    }
}

RunPids runPidsIn(const QString &controlDir)
{
    QFile file(controlDir + QStringLiteral("/pids")); // "WRAPPER COMMAND\n"
    const QList<QByteArray> numbers = file.open(QIODevice::ReadOnly) ? file.readAll().trimmed().split(' ')
                                                                     : QList<QByteArray>();
    return RunPids{pid_t(numbers.value(0).toInt()), pid_t(numbers.value(1).toInt())};
}

bool TestServer::start(QString *error)
{
    m_controlPlane = std::make_unique<ControlPlane>(m_options);
    QString message;
    if (m_controlPlane->start(&message))
        return true;
    m_controlPlane.reset();
    if (error)
        *error = message;
    else
        qWarning("TestServer: %s", qPrintable(message));
    return false;
}

void TestServer::stop()
{
    m_controlPlane.reset();
}

Json HttpResult::json() const
{
    return Json::parse(body.toStdString(), nullptr, false);
}

QByteArray HttpResult::header(const QByteArray &name) const
{
    return headerValue(headers, name);
}

HttpTestClient::HttpTestClient(QUrl base, QByteArray token)
    : m_base(std::move(base))
    , m_token(std::move(token))
{}

HttpTestClient::HttpTestClient(const TestServer &server)
    : HttpTestClient(server.url(), server.token())
{}

HttpTestClient::HttpTestClient(const ControlPlane &controlPlane)
    : HttpTestClient(controlPlane.url(), controlPlane.token())
{}

HttpResult HttpTestClient::request(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
                                   const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(QUrl(m_base.toString() + pathAndQuery, QUrl::TolerantMode));
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_manager.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(30000);
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    result.error = reply->error();
    reply->deleteLater();
    return result;
}

QString createDefinition(HttpTestClient &client, const Json &definition)
{
    const Json created = client.post(QStringLiteral("/api/v1/task"), definition).json();
    return created.is_object() && created.contains("definition_id")
               ? QString::fromStdString(created["definition_id"].get<std::string>())
               : QString();
}

Json launch(HttpTestClient &client, const QString &definitionId, const Json &body)
{
    return client.put(QStringLiteral("/api/v4/task/%1/execute").arg(definitionId), body).json();
}

Json waitForStatus(HttpTestClient &client, const QString &runId, const char *status, int timeoutMs)
{
    Json run;
    [[maybe_unused]] const bool reached = QTest::qWaitFor(
        [&] {
            run = client.get(QStringLiteral("/api/v1/history/") + runId).json();
            return run.is_object() && run.value("status", "") == status;
        },
        timeoutMs);
    return run;
}

QByteArray readLogByPaging(HttpTestClient &client, const QString &runId, int *chunks)
{
    QByteArray log;
    QString token;
    for (int count = 1;; ++count) {
        const Json answer = client
                                .get(QStringLiteral("/api/v1/%1/logs?last_seen=%2")
                                         .arg(runId, QString::fromUtf8(QUrl::toPercentEncoding(token))))
                                .json();
        if (!answer.is_object())
            return log;
        const QString next = QString::fromStdString(answer.value("last_seen", ""));
        log += QByteArray::fromStdString(answer.value("log", ""));
        if (next == token) {
            if (chunks)
                *chunks = count;
            return log;
        }
        token = next;
    }
}

bool sendHeld(RawClient &client, const TestServer &server, const QString &pathAndQuery, const QByteArray &extraHeaders)
{
    if (!client.connectTo(server.url()))
        return false;
    QByteArray request = rawGet(server.url(), server.token(), pathAndQuery);
    client.send(request.insert(request.size() - 2, extraHeaders)); // before the blank line
    if (!QTest::qWaitFor([&client] { return client.bytesToWrite() == 0; }))
        return false;
    HttpTestClient other(server);
    return other.get(QStringLiteral("/api/v6/health")).status == 200;
}

QStringList eventReasons(const Json &run)
{
    QStringList reasons;
    for (const Json &event : run.value("pod_events", Json::array()))
        reasons.append(QString::fromStdString(event.value("reason", "")));
    return reasons;
}

} // namespace Flotilla::Testing
