#pragma once

#include <QObject>
#include <QThread>
#include <QUrl>

namespace Flotilla {

class ControlPlane;

// The local control plane for the desktop app: the flotilla-local already
// serving the data dir if there is one, else our own ControlPlane on a worker
// thread (so a slow engine probe or a busy store never freezes the window).
class EmbeddedControlPlane final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmbeddedControlPlane)

public:
    // `runProgram`: flotilla-run; empty: ControlPlane::installedRunProgram().
    explicit EmbeddedControlPlane(QString dataDir, QString runProgram = {}, QObject *parent = nullptr);
    ~EmbeddedControlPlane() override;

    // Asynchronous: ready() or failed() follows.
    void start();
    bool isEmbedded() const { return m_controlPlane != nullptr; }
    QString dataDir() const { return m_dataDir; }

Q_SIGNALS:
    // Where it listens and the token its requests need (empty: none).
    void ready(const QUrl &url, const QByteArray &token);
    void failed(const QString &error);

private:
    QString m_dataDir;
    QString m_runProgram;
    QThread m_worker;
    ControlPlane *m_controlPlane = nullptr; // lives on m_worker
};

} // namespace Flotilla
