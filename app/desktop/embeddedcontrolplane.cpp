#include "embeddedcontrolplane.h"

#include <controlplane/controlplane.h>
#include <controlplane/datadirlock.h>

#include <QTimer>

namespace Flotilla {

EmbeddedControlPlane::EmbeddedControlPlane(QString dataDir, QObject *parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
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
    if (const std::optional<QUrl> running = DataDirLock::runningServer(m_dataDir)) {
        QTimer::singleShot(0, this, [this, url = *running] { Q_EMIT ready(url); });
        return;
    }
    ControlPlaneOptions options;
    options.port = 0; // never a busy port; the URL goes to control-plane.url for the CLI
    options.dataDir = m_dataDir;
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
        QMetaObject::invokeMethod(this, [this, started, url, error] {
            if (started)
                Q_EMIT ready(url);
            else
                Q_EMIT failed(error);
        });
    });
}

} // namespace Flotilla
