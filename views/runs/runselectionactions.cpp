#include "runselectionactions.h"

#include <widgets/tableviews.h>

#include <icons.h>

#include <QAction>
#include <QItemSelectionModel>
#include <QTableView>

#include <algorithm>

namespace Flotilla {

RunSelectionActions::RunSelectionActions(QTableView *table)
    : QObject(table)
    , m_table(table)
    , m_stop(new QAction(actionIcon(ActionIcon::Stop), tr("&Stop Run…"), this))
    , m_retry(new QAction(actionIcon(ActionIcon::Retry), tr("&Retry…"), this))
    , m_watch(new QAction(tr("&Watch"), this))
    , m_copyIds(new QAction(actionIcon(ActionIcon::Copy), tr("Copy &IDs"), this))
    , m_copyLink(new QAction(tr("Copy &Link"), this))
    , m_compare(new QAction(tr("Co&mpare"), this))
{
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_watch->setToolTip(tr("Notify me when the selected runs end"));
    connect(m_stop, &QAction::triggered, this,
            [this] { request(true, &RunSelectionActions::stopRequested, &RunSelectionActions::stopRunsRequested); });
    connect(m_retry, &QAction::triggered, this,
            [this] { request(false, &RunSelectionActions::retryRequested, &RunSelectionActions::retryRunsRequested); });
    connect(m_watch, &QAction::triggered, this, [this] {
        if (const QList<Run> runs = selectedRunsWhere(true); !runs.isEmpty())
            Q_EMIT watchRequested(runs);
    });
    connect(m_copyIds, &QAction::triggered, this, [this] {
        if (const QList<Run> runs = selectedRuns(); !runs.isEmpty())
            Q_EMIT copyIdsRequested(runs);
    });
    connect(m_copyLink, &QAction::triggered, this, [this] {
        if (const QList<Run> runs = selectedRuns(); runs.size() == 1)
            Q_EMIT copyLinkRequested(runs.constFirst());
    });
    m_compare->setToolTip(tr("Compare the two selected runs side by side: fields, env and logs"));
    connect(m_compare, &QAction::triggered, this, [this] {
        QList<Run> runs = selectedRuns();
        if (runs.size() != 2)
            return;
        // The older one on the left: "what changed since then" reads left to right.
        const auto startOf = [](const Run &run) { return run.startedAt ? run.startedAt : run.queuedAt; };
        if (startOf(runs[1]) < startOf(runs[0]))
            runs.swapItemsAt(0, 1);
        Q_EMIT compareRequested(runs[0], runs[1]);
    });
    for (const auto &[action, name] : {std::pair{m_stop, "stopAction"}, std::pair{m_retry, "retryAction"},
                                       std::pair{m_watch, "watchAction"}, std::pair{m_copyIds, "copyIdsAction"},
                                       std::pair{m_copyLink, "copyLinkAction"}, std::pair{m_compare, "compareAction"}}) {
        action->setObjectName(QLatin1String(name));
        m_table->addAction(action);
    }
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunSelectionActions::update);
    // A selected run may end meanwhile.
    connect(m_table->model(), &QAbstractItemModel::dataChanged, this, &RunSelectionActions::update);
    update();
}

QList<Run> RunSelectionActions::selectedRuns() const
{
    return selectedObjects<Run>(m_table);
}

QList<Run> RunSelectionActions::selectedRunsWhere(bool active) const
{
    QList<Run> runs = selectedRuns();
    runs.removeIf([active](const Run &run) { return run.isActive() != active; });
    return runs;
}

void RunSelectionActions::request(bool active, void (RunSelectionActions::*one)(const Run &),
                                  void (RunSelectionActions::*many)(const QList<Run> &))
{
    const QList<Run> runs = selectedRunsWhere(active);
    if (runs.size() == 1)
        Q_EMIT(this->*one)(runs.constFirst());
    else if (!runs.isEmpty())
        Q_EMIT(this->*many)(runs);
}

void RunSelectionActions::update()
{
    const QList<Run> runs = selectedRuns();
    const int active = int(std::count_if(runs.cbegin(), runs.cend(), [](const Run &run) { return run.isActive(); }));
    const int ended = int(runs.size()) - active;
    m_stop->setEnabled(active > 0);
    m_stop->setText(active > 1 ? tr("&Stop %n Runs…", nullptr, active) : tr("&Stop Run…"));
    m_retry->setEnabled(ended > 0);
    m_retry->setText(ended > 1 ? tr("&Retry %n Runs…", nullptr, ended) : tr("&Retry…"));
    m_watch->setEnabled(active > 0);
    m_copyIds->setEnabled(!runs.isEmpty());
    m_copyLink->setEnabled(runs.size() == 1);
    m_compare->setEnabled(runs.size() == 2);
}

} // namespace Flotilla
