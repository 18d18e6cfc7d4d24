#pragma once

#include "httpmessage.h"

#include <QAbstractHttpServer>
#include <QDeadlineTimer>
#include <QFileSystemWatcher>
#include <QHostAddress>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTimer>

#include <list>

namespace Flotilla {

class HttpApi;

// The one place that touches QHttpServer (a technical preview in Qt 6.4):
// it listens, guards each connection and hands every request to HttpApi.
// A request whose route holds its answer (HttpResponse::held) waits here,
// its responder kept, with no thread of its own, until a store write, a
// change of its wakeFile (inotify) or its deadline.
class ControlPlaneServer final : public QAbstractHttpServer
{
    Q_OBJECT
public:
    // More held requests than this are answered at once.
    static constexpr qsizetype maxHeld = 64;
    // How often a wakeFile that cannot be watched is looked at.
    static constexpr int unwatchedFileMs = 200;

    explicit ControlPlaneServer(HttpApi &api, QObject *parent = nullptr);

    // The port it listens on, or 0 with `error` set.
    quint16 listenOn(const QHostAddress &address, quint16 port, QString *error);
    // Something was committed (or a batch undone): held requests whose answer is ready get it.
    void wakeHeld();

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Held
    {
        QHttpServerResponder responder;
        QPointer<QTcpSocket> socket;
        HttpResponse response;
        QDeadlineTimer deadline;
        QMetaObject::Connection disconnected;
    };
    using HeldList = std::list<Held>;

    void hold(QHttpServerResponder &&responder, QTcpSocket *socket, HttpResponse response);
    // held(deadline) of a held answer. Its route may commit meanwhile (a
    // launch answering now); the wake that commit sends would answer, and
    // free, the very request being asked, so it waits until wakeMissed().
    std::optional<HttpResponse> ask(const HttpResponse &response, bool deadline);
    void wakeMissed();
    // Takes `held` out of the list, then answers it with `answer`.
    void answerHeld(HeldList::iterator held, const HttpResponse &answer);
    void answerExpired();
    void heldChanged();
    void armDeadline();
    void watchHeldFiles();

    HttpApi &m_api;
    HeldList m_held;
    bool m_asking = false;
    bool m_wakeMissed = false;
    QTimer m_deadlineTimer;
    QFileSystemWatcher m_files; // the held requests' wakeFiles
    QTimer m_unwatchedTimer;
};

} // namespace Flotilla
