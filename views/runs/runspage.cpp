#include "runspage.h"

#include "runfilterbar.h"
#include "runtable.h"

#include <lists/runlistmodel.h>

#include <icons.h>

#include <QAction>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QTableView>
#include <QVBoxLayout>

namespace Flotilla {

RunsPage::RunsPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new RunListModel(nullptr, this))
    // Active runs by default, as upstream's run list opens.
    , m_filters(new RunFilterBar(m_model, RunFilterBar::AllFilters,
                                 {RunStatus::Queued, RunStatus::Pending, RunStatus::Running}, this))
    , m_table(new QTableView(this))
{
    setUpRunTable(m_table, m_model, QT_TRANSLATE_NOOP("Flotilla::Tables", "Runs"),
                  [this](const Run &run) { Q_EMIT runActivated(run); });
    m_table->horizontalHeader()->resizeSection(RunListModel::Alias, 180);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &RunsPage::selectionChanged);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &RunsPage::selectionChanged);
    connect(m_model, &RunListModel::errorOccurred, this, &RunsPage::errorOccurred);

    m_stop = new QAction(actionIcon(ActionIcon::Stop), tr("&Stop Run…"), this);
    m_retry = new QAction(actionIcon(ActionIcon::Retry), tr("&Retry…"), this);
    connect(m_stop, &QAction::triggered, this, [this] {
        if (const std::optional<Run> run = selectedRun())
            Q_EMIT stopRequested(*run);
    });
    connect(m_retry, &QAction::triggered, this, [this] {
        if (const std::optional<Run> run = selectedRun())
            Q_EMIT retryRequested(*run);
    });
    m_watch = new QAction(tr("&Watch"), this);
    m_watch->setToolTip(tr("Notify me when this run ends"));
    connect(m_watch, &QAction::triggered, this, [this] {
        if (const std::optional<Run> run = selectedRun())
            Q_EMIT watchRequested(*run);
    });
    m_copyLink = new QAction(tr("Copy &Link"), this);
    connect(m_copyLink, &QAction::triggered, this, [this] {
        if (const std::optional<Run> run = selectedRun())
            Q_EMIT copyLinkRequested(*run);
    });
    m_table->addActions({m_stop, m_retry, m_watch, m_copyLink});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filters);
    layout->addWidget(m_table, 1);
    selectionChanged();
}

void RunsPage::setClient(FlotillaClient *client)
{
    // Each model reloads on a new client by itself: once.
    m_model->setClient(client);
    m_filters->setClient(client);
}

void RunsPage::setRefreshInterval(int milliseconds)
{
    m_model->setRefreshInterval(milliseconds);
}

void RunsPage::refresh()
{
    m_model->refresh();
    m_filters->refresh();
}

void RunsPage::focusFilter()
{
    m_filters->focusAlias();
}

void RunsPage::showCluster(const QString &cluster)
{
    m_filters->showCluster(cluster);
}

std::optional<Run> RunsPage::selectedRun() const
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return std::nullopt;
    return current.data(PagedTableModel::ObjectRole).value<Run>();
}

void RunsPage::selectionChanged()
{
    const std::optional<Run> run = selectedRun();
    m_stop->setEnabled(run && run->isActive());
    m_retry->setEnabled(run && !run->isActive());
    m_watch->setEnabled(run && run->isActive());
    m_copyLink->setEnabled(run.has_value());
}

} // namespace Flotilla
