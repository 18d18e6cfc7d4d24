#include "embeddedcontrolplane.h"

#include <http/controlplane.h>
#include <wire/localserver.h>

#include <QTimer>

namespace Flotilla {

EmbeddedControlPlane::EmbeddedControlPlane(QString dataDir, QString runProgram, QObject *parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
    , m_runProgram(std::move(runProgram))
{
    m_worker.setObjectName(QStringLiteral("control-plane"));
}

EmbeddedControlPlane::~EmbeddedControlPlane()
{
    // Runs outlive us (detached); the next start picks them up.
    m_worker.quit();
    m_worker.wait();
}

void EmbeddedControlPlane::start()
{
    if (const std::optional<LocalServer> running = LocalServer::find(m_dataDir)) {
        QTimer::singleShot(0, this, [this, running = *running] { Q_EMIT ready(running.url, running.token); });
        return;
    }
    ControlPlaneOptions options;
    options.port = 0; // never a busy port; the URL goes to control-plane.url for the CLI
    options.dataDir = m_dataDir;
    options.runProgram = m_runProgram;
    options.addSamples = true;
    // Plain processes need no image, so a first run works on any machine.
    options.defaultCluster = QStringLiteral("local");
    m_controlPlane = new ControlPlane(options);
    m_controlPlane->moveToThread(&m_worker);
    connect(&m_worker, &QThread::finished, m_controlPlane, &QObject::deleteLater);
    m_worker.start();
    QMetaObject::invokeMethod(m_controlPlane, [this, controlPlane = m_controlPlane] {
        QString error;
        const bool started = controlPlane->start(&error);
        const QUrl url = controlPlane->url();
        const QByteArray token = controlPlane->token();
        QMetaObject::invokeMethod(this, [this, started, url, token, error] {
            if (started)
                Q_EMIT ready(url, token);
            else
                Q_EMIT failed(error);
        });
    });
}

} // namespace Flotilla
