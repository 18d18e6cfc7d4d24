#include "runtimelineview.h"

#include "runtimelinechart.h"

#include <lists/runtimelinemodel.h>
#include <widgets/chartexport.h>

#include <QComboBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace Flotilla {

namespace {

constexpr qint64 hourMs = 3600 * 1000;

QDateTimeEdit *timeEdit(const QString &accessibleName, QWidget *parent)
{
    auto *edit = new QDateTimeEdit(parent);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    edit->setAccessibleName(accessibleName);
    return edit;
}

} // namespace

RunTimelineView::RunTimelineView(QWidget *parent)
    : QWidget(parent)
    , m_model(new RunTimelineModel(this))
    , m_range(new QComboBox(this))
    , m_from(timeEdit(tr("From"), this))
    , m_until(timeEdit(tr("Until"), this))
    , m_grouping(new QComboBox(this))
    , m_home(new QToolButton(this))
    , m_status(new QLabel(this))
    , m_chart(new RunTimelineChart(m_model, this))
{
    m_range->addItem(tr("Last hour"), LastHour);
    m_range->addItem(tr("Last day"), LastDay);
    m_range->addItem(tr("Last week"), LastWeek);
    m_range->addItem(tr("Chosen range"), ChosenRange);
    m_range->setAccessibleName(tr("Time range"));
    const QDateTime now = QDateTime::currentDateTime();
    m_from->setDateTime(now.addDays(-1));
    m_until->setDateTime(now);
    m_grouping->addItem(tr("A row per cluster"), int(TimelineGrouping::ByCluster));
    m_grouping->addItem(tr("A row per definition"), int(TimelineGrouping::ByDefinition));
    m_grouping->setAccessibleName(tr("Rows"));
    m_home->setText(tr("Show All"));
    m_home->setToolTip(tr("Show the whole range again (Home). Zoom with the wheel, pan by dragging."));
    m_home->setAccessibleName(tr("Show the whole range"));
    m_status->setAccessibleName(tr("Timeline status"));
    m_range->setObjectName(QStringLiteral("timelineRange"));
    m_from->setObjectName(QStringLiteral("timelineFrom"));
    m_until->setObjectName(QStringLiteral("timelineUntil"));
    m_grouping->setObjectName(QStringLiteral("timelineRows"));
    m_home->setObjectName(QStringLiteral("timelineHome"));
    m_status->setObjectName(QStringLiteral("timelineStatus"));
    m_chart->setObjectName(QStringLiteral("timelineChart"));
    // Saved or copied from its context menu, like the history chart.
    auto *exporter = new ChartExport(m_chart);
    exporter->setFileBaseName(tr("timeline"));
    m_chart->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_range);
    bar->addWidget(m_from);
    bar->addWidget(m_until);
    bar->addWidget(m_grouping);
    bar->addWidget(m_home);
    bar->addWidget(m_status, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_chart, 1);

    connect(m_range, &QComboBox::currentIndexChanged, this, &RunTimelineView::applyRange);
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, &RunTimelineView::applyRange);
    connect(m_until, &QDateTimeEdit::dateTimeChanged, this, &RunTimelineView::applyRange);
    connect(m_grouping, &QComboBox::currentIndexChanged, this, &RunTimelineView::applyGrouping);
    connect(m_home, &QToolButton::clicked, m_chart, &RunTimelineChart::resetZoom);
    connect(m_chart, &RunTimelineChart::runActivated, this, &RunTimelineView::runActivated);
    connect(m_model, &RunTimelineModel::errorOccurred, this, &RunTimelineView::errorOccurred);
    connect(m_model, &RunTimelineModel::loadingChanged, this, &RunTimelineView::updateStatus);
    connect(m_model, &RunTimelineModel::runsChanged, this, &RunTimelineView::updateStatus);
    applyRange();
}

void RunTimelineView::setClient(FlotillaClient *client)
{
    m_model->setClient(client);
}

void RunTimelineView::setRefreshInterval(int milliseconds)
{
    m_model->setRefreshInterval(milliseconds);
}

void RunTimelineView::refresh()
{
    m_model->refresh();
}

void RunTimelineView::setRange(Range range)
{
    m_range->setCurrentIndex(m_range->findData(range));
}

void RunTimelineView::setChosenRange(const QDateTime &from, const QDateTime &until)
{
    const QSignalBlocker blockFrom(m_from);
    const QSignalBlocker blockUntil(m_until);
    m_from->setDateTime(from);
    m_until->setDateTime(until);
    if (m_range->currentData() == ChosenRange)
        applyRange();
    else
        setRange(ChosenRange);
}

void RunTimelineView::setGrouping(TimelineGrouping grouping)
{
    m_grouping->setCurrentIndex(m_grouping->findData(int(grouping)));
}

void RunTimelineView::applyRange()
{
    const auto range = Range(m_range->currentData().toInt());
    m_from->setVisible(range == ChosenRange);
    m_until->setVisible(range == ChosenRange);
    if (range == ChosenRange) {
        const QDateTime from = m_from->dateTime();
        const QDateTime until = m_until->dateTime();
        if (from >= until) {
            m_status->setText(tr("Choose a range that starts before it ends."));
            return;
        }
        m_model->setRange(from, until);
        m_chart->setRange(from.toMSecsSinceEpoch(), until.toMSecsSinceEpoch(), false);
        updateStatus();
        return;
    }
    const qint64 span = range == LastHour ? hourMs : range == LastDay ? 24 * hourMs : 7 * 24 * hourMs;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime from = now.addMSecs(-span);
    m_model->setRange(from, {});
    m_chart->setRange(from.toMSecsSinceEpoch(), now.toMSecsSinceEpoch(), true);
    updateStatus();
}

void RunTimelineView::applyGrouping()
{
    m_model->setGrouping(TimelineGrouping(m_grouping->currentData().toInt()));
}

void RunTimelineView::updateStatus()
{
    if (m_model->isLoading())
        m_status->setText(tr("Loading runs… %n so far", nullptr, m_model->runCount()));
    else
        m_status->setText(tr("%n run(s) in range", nullptr, m_model->runCount()));
}

} // namespace Flotilla
