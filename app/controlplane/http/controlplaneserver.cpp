#include "controlplaneserver.h"

#include "connectionguard.h"
#include "httpapi.h"
#include "httplogging.h"

#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QMetaEnum>
#include <QScopedValueRollback>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>

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

// QHttpServerResponse's way, but its body goes to the socket as the
// QByteArray it is: QIODevice::write(QByteArray) queues a large one without
// copying it, where QHttpServerResponse writes it as bytes into the
// socket's buffer, a fresh copy of every raw log chunk.
void send(QHttpServerResponder &&responder, const HttpResponse &response)
{
    QTcpSocket *socket = responder.socket();
    if (socket->state() != QAbstractSocket::ConnectedState)
        return;
    responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
    responder.writeHeader("Content-Type",
                          response.contentType.isEmpty() ? QByteArray("application/x-empty") : response.contentType);
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    responder.writeBody(QByteArray()); // the blank line that ends the headers
    socket->write(response.body);
}

} // namespace

ControlPlaneServer::ControlPlaneServer(HttpApi &api, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_api(api)
{
    m_deadlineTimer.setSingleShot(true);
    m_deadlineTimer.setTimerType(Qt::PreciseTimer); // a coarse one may fire before the deadline
    connect(&m_deadlineTimer, &QTimer::timeout, this, &ControlPlaneServer::answerExpired);
    connect(&m_files, &QFileSystemWatcher::fileChanged, this, &ControlPlaneServer::wakeHeld);
    m_unwatchedTimer.setInterval(unwatchedFileMs);
    connect(&m_unwatchedTimer, &QTimer::timeout, this, [this] {
        wakeHeld();
        watchHeldFiles();
    });
}

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
    // A client that sends another request on a held connection is answered
    // in order: the held one first, with what there is.
    const auto heldHere = std::find_if(m_held.begin(), m_held.end(),
                                       [socket](const Held &held) { return held.socket == socket; });
    if (heldHere != m_held.end())
        answerHeld(heldHere, *ask(heldHere->response, true));
    HttpResponse response = m_api.handle(apiRequest);
    if (response.held)
        hold(makeResponder(request, socket), socket, std::move(response));
    else
        send(makeResponder(request, socket), response);
    qCInfo(lcHttpRequests, "%s %s %d %lld us", apiRequest.method.constData(), apiRequest.path.constData(),
           response.status, timer.nsecsElapsed() / 1000);
    wakeMissed();
    return true;
}

void ControlPlaneServer::hold(QHttpServerResponder &&responder, QTcpSocket *socket, HttpResponse response)
{
    if (m_held.size() >= maxHeld) {
        send(std::move(responder), *ask(response, true));
        return;
    }
    const QDeadlineTimer deadline(response.holdMs);
    m_held.push_back(Held{std::move(responder), socket, std::move(response), deadline, {}});
    // The responder writes to the socket unchecked, and QHttpServer deletes
    // the socket of a closed connection: a client gone while held is dropped.
    const auto held = std::prev(m_held.end());
    held->disconnected = connect(socket, &QTcpSocket::disconnected, this, [this, held] {
        m_held.erase(held);
        heldChanged();
    });
    heldChanged();
    // A file written between the route's look and its watch wakes no one: look once more.
    if (!held->response.wakeFile.isEmpty()) {
        if (std::optional<HttpResponse> answer = ask(held->response, false))
            answerHeld(held, std::move(*answer));
    }
}

std::optional<HttpResponse> ControlPlaneServer::ask(const HttpResponse &response, bool deadline)
{
    const QScopedValueRollback asking(m_asking, true);
    return response.heldAnswer(deadline);
}

void ControlPlaneServer::wakeMissed()
{
    if (std::exchange(m_wakeMissed, false))
        wakeHeld();
}

void ControlPlaneServer::answerHeld(HeldList::iterator held, const HttpResponse &answer)
{
    HeldList answered;
    answered.splice(answered.end(), m_held, held);
    Held &taken = answered.front();
    disconnect(taken.disconnected);
    if (taken.socket && taken.socket->state() == QAbstractSocket::ConnectedState) {
        send(std::move(taken.responder), answer);
        // Out now, not after the work the wake's turn has queued (a launch's placing).
        taken.socket->flush();
    }
    heldChanged();
}

void ControlPlaneServer::wakeHeld()
{
    if (m_asking) {
        m_wakeMissed = true;
        return;
    }
    for (auto held = m_held.begin(); held != m_held.end();) {
        const auto next = std::next(held);
        if (const std::optional<HttpResponse> answer = ask(held->response, false))
            answerHeld(held, *answer);
        held = next;
    }
    wakeMissed();
}

void ControlPlaneServer::answerExpired()
{
    for (auto held = m_held.begin(); held != m_held.end();) {
        const auto next = std::next(held);
        if (held->deadline.hasExpired())
            answerHeld(held, *ask(held->response, true));
        held = next;
    }
    wakeMissed();
}

void ControlPlaneServer::heldChanged()
{
    armDeadline();
    watchHeldFiles();
}

void ControlPlaneServer::watchHeldFiles()
{
    QSet<QString> wanted;
    for (const Held &held : m_held) {
        if (!held.response.wakeFile.isEmpty())
            wanted.insert(held.response.wakeFile);
    }
    const QStringList watched = m_files.files();
    for (const QString &path : watched) {
        if (!wanted.remove(path))
            m_files.removePath(path);
    }
    bool unwatched = false;
    for (const QString &path : std::as_const(wanted))
        unwatched = !m_files.addPath(path) || unwatched;
    // A file not there yet (or past the inotify watch limit) is looked at on a short timer instead.
    if (!unwatched)
        m_unwatchedTimer.stop();
    else if (!m_unwatchedTimer.isActive())
        m_unwatchedTimer.start();
}

void ControlPlaneServer::armDeadline()
{
    if (m_held.empty()) {
        m_deadlineTimer.stop();
        return;
    }
    const auto first = std::min_element(m_held.begin(), m_held.end(),
                                        [](const Held &a, const Held &b) { return a.deadline < b.deadline; });
    m_deadlineTimer.start(std::chrono::milliseconds(std::max<qint64>(first->deadline.remainingTime(), 0)));
}

void ControlPlaneServer::missingHandler(const QHttpServerRequest &, QTcpSocket *)
{
    // Unreachable: handleRequest answers every request.
}

} // namespace Flotilla
