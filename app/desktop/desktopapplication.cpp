#include "desktopapplication.h"

#include "desktopnotifier.h"
#include "embeddedcontrolplane.h"

#include <client/flotillaclient.h>
#include <client/profilestore.h>
#include <client/settings.h>
#include <definitions/definitionspage.h>
#include <mainwindow/mainwindow.h>

namespace Flotilla {

DesktopApplication::DesktopApplication(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_profiles(std::make_unique<ProfileStore>())
    , m_notifier(new DesktopNotifier(this))
{}

DesktopApplication::~DesktopApplication()
{
    m_window.reset(); // its clients go before the control plane they talk to
}

void DesktopApplication::start()
{
    m_window = std::make_unique<MainWindow>(m_profiles.get());
    connect(m_window.get(), &MainWindow::launchedRunFinished, m_notifier, &DesktopNotifier::runFinished);
    m_window->show();
    if (!m_options.startLocal)
        return;
    m_local = new EmbeddedControlPlane(m_options.dataDir, this);
    connect(m_local, &EmbeddedControlPlane::failed, m_window.get(), &MainWindow::setLocalServerError);
    connect(m_local, &EmbeddedControlPlane::ready, this, [this](const QUrl &url, const QByteArray &token) {
        m_window->setLocalServer(url, token);
        // A throwaway client: the window's own waits for the profile it shows.
        auto *client = new FlotillaClient(url, ServerFlavour::ControlPlane, this);
        client->setBearerToken(QString::fromUtf8(token));
        createSampleDefinition(client);
    });
    m_local->start();
}

// On a new machine a newcomer finds one definition to launch: hello-flotilla,
// asking for USERNAME. Only once per data dir, so deleting it sticks.
void DesktopApplication::createSampleDefinition(FlotillaClient *client)
{
    if (Settings().sampleCreated(m_options.dataDir)) {
        client->deleteLater();
        return Q_EMIT localReady();
    }
    Definition sample;
    sample.alias = sampleAlias.toString();
    sample.groupName = QStringLiteral("examples");
    sample.image = QStringLiteral("docker.io/library/busybox:latest");
    sample.command = QStringLiteral("echo \"hello ${USERNAME}\"");
    sample.memory = 64;
    sample.env = {EnvVar{QStringLiteral("USERNAME"), QStringLiteral("world")}};
    sample.tags = {QStringLiteral("example")};
    ResultJob<Definition> *job = client->createDefinition(sample);
    connect(job, &ApiJob::finished, this, [this, job, client] {
        // 409: it exists already (a flotilla-local user made it): fine too.
        if (job->succeeded() || job->error().httpStatus() == 409)
            Settings().setSampleCreated(m_options.dataDir);
        if (job->succeeded())
            m_window->definitionsPage()->refresh();
        client->deleteLater();
        Q_EMIT localReady();
    });
    job->start();
}

} // namespace Flotilla
