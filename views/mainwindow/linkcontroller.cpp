#include "linkcontroller.h"

#include "mainwindow.h"
#include <definitions/definitionspage.h>
#include <templates/templatespage.h>

#include <client/flotillaclient.h>
#include <client/profilestore.h>

#include <QApplication>
#include <QClipboard>
#include <QLoggingCategory>
#include <QMimeData>
#include <QStatusBar>

namespace Flotilla {

namespace {

// flotilla.links: each link shown (info), so a start that handed a link over
// can be followed in the first one's log.
Q_LOGGING_CATEGORY(lcLinks, "flotilla.links", QtInfoMsg)

} // namespace

LinkController::LinkController(MainWindow *window, ProfileStore *profiles)
    : QObject(window)
    , m_window(window)
    , m_profiles(profiles)
{
    connect(window->connection(), &ServerConnection::connected, this, &LinkController::connected);
    // The connection says why it failed; the link is not opened behind the user's back later.
    connect(window->connection(), &ServerConnection::failed, this, [this] { m_pending.reset(); });
}

void LinkController::open(const QString &text)
{
    QString error;
    std::optional<FlotillaLink> link = FlotillaLink::parse(text.trimmed(), &error);
    std::optional<ServerProfile> profile;
    if (link)
        profile = link->resolve(*m_profiles, &error);
    if (!profile)
        return m_window->showError(error);
    m_pending = FlotillaLink(profile->name, link->kind(), link->id());
    ServerConnection *connection = m_window->connection();
    if (connection->state() == ServerConnection::State::Connected && connection->profile().name == profile->name)
        return connected(connection->client());
    m_window->showProfile(profile->name); // connected() goes on
}

void LinkController::connected(FlotillaClient *client)
{
    if (!m_pending || m_window->connection()->profile().name != m_pending->profileName())
        return;
    const FlotillaLink link = *m_pending;
    m_pending.reset();
    show(client, link);
}

void LinkController::show(FlotillaClient *client, const FlotillaLink &link)
{
    // Each item is read first, so a link to something gone says so.
    switch (link.kind()) {
    case FlotillaLink::Kind::Run: {
        ResultJob<Run> *job = client->run(link.id());
        connect(job, &ApiJob::finished, this, [this, job, link] {
            if (!job->succeeded())
                return failed(link, job->error().sentence());
            m_window->openRun(job->result());
            qCInfo(lcLinks, "opened %s: the run window of %s", qPrintable(link.toString()), qPrintable(link.id()));
        });
        return job->start();
    }
    case FlotillaLink::Kind::Definition: {
        ResultJob<Definition> *job = client->definition(link.id());
        connect(job, &ApiJob::finished, this, [this, job, link] {
            if (!job->succeeded())
                return failed(link, job->error().sentence());
            m_window->showPage(MainWindow::Definitions);
            m_window->definitionsPage()->select(link.id());
            qCInfo(lcLinks, "opened %s: definition %s", qPrintable(link.toString()), qPrintable(job->result().alias));
        });
        return job->start();
    }
    case FlotillaLink::Kind::Template: {
        ResultJob<Template> *job = client->templateById(link.id());
        connect(job, &ApiJob::finished, this, [this, job, link] {
            if (!job->succeeded())
                return failed(link, job->error().sentence());
            m_window->showPage(MainWindow::Templates);
            m_window->templatesPage()->select(link.id());
            qCInfo(lcLinks, "opened %s: template %s", qPrintable(link.toString()), qPrintable(link.id()));
        });
        return job->start();
    }
    }
}

void LinkController::failed(const FlotillaLink &link, const QString &why)
{
    m_window->showError(tr("Cannot open %1: %2").arg(link.toString(), why));
}

QString LinkController::clipboardText(const FlotillaLink &link, const ServerProfile &profile)
{
    if (profile.webUi.isEmpty())
        return link.toString();
    return tr("Flotilla Desktop: %1\nWeb UI: %2").arg(link.toString(), link.webUiUrl(profile.webUi).toString());
}

void LinkController::copy(FlotillaLink::Kind kind, const QString &id)
{
    const ServerProfile &profile = m_window->connection()->profile();
    const FlotillaLink link(profile.name, kind, id);
    auto *data = new QMimeData;
    data->setText(clipboardText(link, profile));
    QList<QUrl> urls{QUrl(link.toString())};
    if (!profile.webUi.isEmpty())
        urls.append(link.webUiUrl(profile.webUi));
    data->setUrls(urls);
    QApplication::clipboard()->setMimeData(data);
    m_window->statusBar()->showMessage(profile.webUi.isEmpty()
                                           ? tr("Copied %1").arg(link.toString())
                                           : tr("Copied %1 and its web UI address").arg(link.toString()),
                                       10000);
}

} // namespace Flotilla
