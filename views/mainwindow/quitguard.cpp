#include "quitguard.h"

#include <runs/runstate.h>

#include <client/flotillaclient.h>
#include <client/serverconnection.h>

#include <QMessageBox>
#include <QPushButton>

#include <memory>

namespace Flotilla {

QuitGuard::QuitGuard(ServerConnection *connection, QWidget *window)
    : QObject(window)
    , m_connection(connection)
    , m_window(window)
{}

bool QuitGuard::mayQuit()
{
    if (!m_enabled || m_confirmed)
        return true;
    if (m_asking)
        return false;
    FlotillaClient *local = m_connection->localClient();
    if (!local)
        return true;
    // Whether local runs are active decides the question: ask the server first.
    m_asking = true;
    ResultJob<RunList> *job = local->listRuns(activeRunsQuery(500));
    connect(job, &ApiJob::finished, this, [this, job, local] {
        // The job is the client's child: while it reports, the client is there.
        const QList<Run> active = job->succeeded() ? job->result().history : QList<Run>();
        if (active.isEmpty())
            return confirm();
        ask(local, active);
    });
    job->start();
    return false;
}

void QuitGuard::ask(FlotillaClient *client, const QList<Run> &active)
{
    auto *box = new QMessageBox(
        QMessageBox::Question, tr("Quit Flotilla"),
        tr("%n local run(s) are still active. Leave them running (they are picked up at the next "
           "start) or stop them?",
           nullptr, int(active.size())),
        QMessageBox::Cancel, m_window);
    QPushButton *leave = box->addButton(tr("Leave Running and Quit"), QMessageBox::AcceptRole);
    QPushButton *stop = box->addButton(tr("Stop Them and Quit"), QMessageBox::DestructiveRole);
    box->setDefaultButton(leave);
    box->setAttribute(Qt::WA_DeleteOnClose);
    // The answer goes to the server asked, whatever the connection does meanwhile.
    m_connection->holdClient(client, box);
    connect(box, &QMessageBox::finished, this, [this, box, leave, stop, client, active] {
        if (box->clickedButton() == leave)
            return confirm();
        if (box->clickedButton() == stop)
            return stopAll(client, active);
        m_asking = false;
    });
    box->open();
}

void QuitGuard::stopAll(FlotillaClient *client, const QList<Run> &active)
{
    auto remaining = std::make_shared<qsizetype>(active.size());
    for (const Run &run : active) {
        ResultJob<Termination> *job = client->terminate(run.definitionId, run.runId, run.isTemplateRun());
        connect(job, &ApiJob::finished, this, [this, remaining] {
            if (--*remaining == 0)
                confirm();
        });
        job->start();
    }
}

void QuitGuard::confirm()
{
    m_asking = false;
    m_confirmed = true;
    Q_EMIT quitConfirmed();
}

} // namespace Flotilla
