#pragma once

#include <lists/timelinelayout.h>
#include <wire/run.h>

#include <QWidget>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QToolButton;

namespace Flotilla {

class ApiError;
class FlotillaClient;
class RunTimelineChart;
class RunTimelineModel;

// The timeline of all runs, under Runs: the range (last hour, day, week or a
// chosen one), one row per cluster or per definition, and the chart.
class RunTimelineView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunTimelineView)

public:
    enum Range { LastHour, LastDay, LastWeek, ChosenRange };
    Q_ENUM(Range)

    explicit RunTimelineView(QWidget *parent = nullptr);

    void setClient(FlotillaClient *client);
    void setRefreshInterval(int milliseconds); // 0: by server
    void refresh();
    void setRange(Range range);
    // A chosen range; shows ChosenRange.
    void setChosenRange(const QDateTime &from, const QDateTime &until);
    void setGrouping(TimelineGrouping grouping);
    RunTimelineModel *model() const { return m_model; }
    // The chart alone, for exports.
    RunTimelineChart *chart() const { return m_chart; }

Q_SIGNALS:
    void runActivated(const Flotilla::Run &run);
    void errorOccurred(const Flotilla::ApiError &error);

private:
    void applyRange();
    void applyGrouping();
    void updateStatus();

    RunTimelineModel *m_model;
    QComboBox *m_range;
    QDateTimeEdit *m_from;
    QDateTimeEdit *m_until;
    QComboBox *m_grouping;
    QToolButton *m_home;
    QLabel *m_status;
    RunTimelineChart *m_chart;
};

} // namespace Flotilla
