#include "runspage.h"

#include "runfilterbar.h"
#include "runselectionactions.h"
#include "runtable.h"
#include "runtimelineview.h"

#include <lists/runlistmodel.h>

#include <QHeaderView>
#include <QTableView>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Flotilla {

RunsPage::RunsPage(QWidget *parent)
    : QWidget(parent)
    , m_views(new QTabWidget(this))
    , m_model(new RunListModel(nullptr, this))
    // Active runs by default, as upstream's run list opens.
    , m_filters(new RunFilterBar(m_model, RunFilterBar::AllFilters,
                                 {RunStatus::Queued, RunStatus::Pending, RunStatus::Running}, this))
    , m_table(new QTableView(this))
    , m_timeline(new RunTimelineView(this))
{
    setUpRunTable(m_table, m_model, QT_TRANSLATE_NOOP("Flotilla::Tables", "Runs"),
                  [this](const Run &run) { Q_EMIT runActivated(run); });
    m_runActions = new RunSelectionActions(m_table);
    m_table->horizontalHeader()->resizeSection(RunListModel::Alias, 180);
    connect(m_model, &RunListModel::errorOccurred, this, &RunsPage::errorOccurred);

    connect(m_timeline, &RunTimelineView::runActivated, this, &RunsPage::runActivated);
    connect(m_timeline, &RunTimelineView::errorOccurred, this, &RunsPage::errorOccurred);

    auto *tablePage = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tablePage);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_filters);
    tableLayout->addWidget(m_table, 1);
    m_views->setDocumentMode(true);
    m_views->setAccessibleName(tr("Runs as"));
    m_views->addTab(tablePage, tr("Table"));
    m_views->addTab(m_timeline, tr("Timeline"));
    connect(m_views, &QTabWidget::currentChanged, this, &RunsPage::timelineShown);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_views);
}

void RunsPage::showTimeline(bool shown)
{
    m_views->setCurrentWidget(shown ? static_cast<QWidget *>(m_timeline) : m_views->widget(0));
}

void RunsPage::timelineShown()
{
    // The timeline loads every run in its range: not before it is looked at.
    if (m_views->currentWidget() != m_timeline || m_timelineHasClient)
        return;
    m_timelineHasClient = true;
    m_timeline->setClient(m_client);
}

void RunsPage::setClient(FlotillaClient *client)
{
    // Each model reloads on a new client by itself: once.
    m_model->setClient(client);
    m_filters->setClient(client);
    m_client = client;
    m_timelineHasClient = false;
    timelineShown();
}

void RunsPage::setRefreshInterval(int milliseconds)
{
    m_model->setRefreshInterval(milliseconds);
    m_timeline->setRefreshInterval(milliseconds);
}

void RunsPage::refresh()
{
    m_model->refresh();
    m_filters->refresh();
    m_timeline->refresh();
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
