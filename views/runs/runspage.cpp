#include "runspage.h"

#include "runfilterbar.h"
#include "runselectionactions.h"
#include "runtable.h"
#include "runtimelineview.h"

#include <lists/runlistmodel.h>

#include <QHeaderView>
#include <QTabBar>
#include <QTableView>
#include <QVBoxLayout>

namespace Flotilla {

RunsPage::RunsPage(QWidget *parent)
    : QWidget(parent)
    , m_views(new QTabBar(this))
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

    // A tab bar rather than a QTabWidget: the table stays a direct child of
    // the page, laid out (and its columns fitted) as before.
    m_views->setDocumentMode(true);
    m_views->setAccessibleName(tr("Runs as"));
    m_views->addTab(tr("Table"));
    m_views->addTab(tr("Timeline"));
    m_timeline->hide();
    connect(m_views, &QTabBar::currentChanged, this, &RunsPage::timelineShown);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_views, 0, Qt::AlignLeft);
    layout->addWidget(m_filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_timeline, 1);
}

void RunsPage::showTimeline(bool shown)
{
    m_views->setCurrentIndex(shown ? 1 : 0);
}

void RunsPage::timelineShown()
{
    const bool shown = m_views->currentIndex() == 1;
    m_filters->setVisible(!shown);
    m_table->setVisible(!shown);
    m_timeline->setVisible(shown);
    // The timeline loads every run in its range: not before it is looked at.
    if (!shown || m_timelineHasClient)
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
