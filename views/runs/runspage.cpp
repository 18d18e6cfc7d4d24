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

#include <algorithm>

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
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunsPage::selectionChanged);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &RunsPage::selectionChanged);
    connect(m_model, &RunListModel::errorOccurred, this, &RunsPage::errorOccurred);

    m_stop = new QAction(actionIcon(ActionIcon::Stop), tr("&Stop Run…"), this);
    m_retry = new QAction(actionIcon(ActionIcon::Retry), tr("&Retry…"), this);
    m_watch = new QAction(tr("&Watch"), this);
    m_watch->setToolTip(tr("Notify me when the selected runs end"));
    m_copyIds = new QAction(actionIcon(ActionIcon::Copy), tr("Copy &IDs"), this);
    // One run keeps its own question and form; several go in bulk.
    connect(m_stop, &QAction::triggered, this, [this] {
        const QList<Run> runs = selectedRunsWhere(&Run::isActive, true);
        if (runs.size() == 1)
            Q_EMIT stopRequested(runs.constFirst());
        else if (!runs.isEmpty())
            Q_EMIT stopRunsRequested(runs);
    });
    connect(m_retry, &QAction::triggered, this, [this] {
        const QList<Run> runs = selectedRunsWhere(&Run::isActive, false);
        if (runs.size() == 1)
            Q_EMIT retryRequested(runs.constFirst());
        else if (!runs.isEmpty())
            Q_EMIT retryRunsRequested(runs);
    });
    connect(m_watch, &QAction::triggered, this, [this] {
        if (const QList<Run> runs = selectedRunsWhere(&Run::isActive, true); !runs.isEmpty())
            Q_EMIT watchRequested(runs);
    });
    connect(m_copyIds, &QAction::triggered, this, [this] {
        if (const QList<Run> runs = selectedRuns(); !runs.isEmpty())
            Q_EMIT copyIdsRequested(runs);
    });
    for (const auto &[action, name] : {std::pair{m_stop, "stopAction"}, std::pair{m_retry, "retryAction"},
                                       std::pair{m_watch, "watchAction"}, std::pair{m_copyIds, "copyIdsAction"}}) {
        action->setObjectName(QLatin1String(name));
        m_table->addAction(action);
    }

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

QList<Run> RunsPage::selectedRuns() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    QList<Run> runs;
    for (const QModelIndex &row : std::as_const(rows))
        runs.append(row.data(PagedTableModel::ObjectRole).value<Run>());
    return runs;
}

QList<Run> RunsPage::selectedRunsWhere(bool (Run::*test)() const, bool wanted) const
{
    QList<Run> runs = selectedRuns();
    runs.removeIf([test, wanted](const Run &run) { return (run.*test)() != wanted; });
    return runs;
}

void RunsPage::selectionChanged()
{
    const int active = int(selectedRunsWhere(&Run::isActive, true).size());
    const int finished = int(selectedRunsWhere(&Run::isActive, false).size());
    m_stop->setEnabled(active > 0);
    m_stop->setText(active > 1 ? tr("&Stop %n Runs…", nullptr, active) : tr("&Stop Run…"));
    m_retry->setEnabled(finished > 0);
    m_retry->setText(finished > 1 ? tr("&Retry %n Runs…", nullptr, finished) : tr("&Retry…"));
    m_watch->setEnabled(active > 0);
    m_copyIds->setEnabled(active + finished > 0);
}

} // namespace Flotilla
