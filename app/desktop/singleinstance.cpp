#include "singleinstance.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLoggingCategory>
#include <QStandardPaths>

#include <unistd.h>

namespace Flotilla {

namespace {

Q_LOGGING_CATEGORY(lcInstance, "flotilla.desktop.instance", QtInfoMsg)

constexpr QDataStream::Version streamVersion = QDataStream::Qt_6_4;
constexpr char accepted = '1';

} // namespace

SingleInstance::SingleInstance(const QString &dataDir, bool isDefaultDataDir, QObject *parent)
    : QObject(parent)
{
    QString name = QStringLiteral("flotilla-desktop-%1").arg(::getuid());
    if (!isDefaultDataDir) {
        const QByteArray path = QDir::cleanPath(QDir(dataDir).absolutePath()).toUtf8();
        name += u'-' + QString::fromLatin1(QCryptographicHash::hash(path, QCryptographicHash::Sha256).toHex().left(12));
    }
    m_serverName = QDir(QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation)).filePath(name);
}

SingleInstance::~SingleInstance() = default;

bool SingleInstance::handOver(const QStringList &arguments, int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(m_serverName);
    if (!socket.waitForConnected(timeoutMs))
        return false; // nobody listens (or a stale socket): this start is the first
    QByteArray message;
    QDataStream out(&message, QIODevice::WriteOnly);
    out.setVersion(streamVersion);
    out << arguments;
    socket.write(message);
    if (!socket.waitForBytesWritten(timeoutMs) || !socket.waitForReadyRead(timeoutMs)) {
        qCWarning(lcInstance, "the running flotilla-desktop did not answer on %s: %s", qPrintable(m_serverName),
                  qPrintable(socket.errorString()));
        return false;
    }
    return socket.read(1) == QByteArray(1, accepted);
}

bool SingleInstance::listen()
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::accept);
    if (m_server->listen(m_serverName))
        return true;
    // handOver() found nobody answering: the socket is a crashed start's.
    if (m_server->serverError() == QAbstractSocket::AddressInUseError && QLocalServer::removeServer(m_serverName)
        && m_server->listen(m_serverName)) {
        return true;
    }
    qCWarning(lcInstance, "cannot listen on %s (%s); later starts will not hand links to this one",
              qPrintable(m_serverName), qPrintable(m_server->errorString()));
    return false;
}

void SingleInstance::accept()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            QDataStream in(socket);
            in.setVersion(streamVersion);
            in.startTransaction();
            QStringList arguments;
            in >> arguments;
            if (!in.commitTransaction())
                return; // the rest is still on its way
            socket->write(QByteArray(1, accepted));
            socket->disconnectFromServer();
            Q_EMIT argumentsReceived(arguments);
        });
    }
}

} // namespace Flotilla
