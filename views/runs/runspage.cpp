#include "runspage.h"

#include "runfilterbar.h"
#include "runselectionactions.h"
#include "runtable.h"

#include <lists/runlistmodel.h>

#include <QHeaderView>
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
    m_runActions = new RunSelectionActions(m_table);
    m_table->horizontalHeader()->resizeSection(RunListModel::Alias, 180);
    connect(m_model, &RunListModel::errorOccurred, this, &RunsPage::errorOccurred);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filters);
    layout->addWidget(m_table, 1);
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

} // namespace Flotilla
