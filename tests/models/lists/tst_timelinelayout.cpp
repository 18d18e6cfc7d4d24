// The timeline's rows and marks from known runs: lanes for overlapping runs,
// growth of running ones, tiny runs merged per pixel, grouping.
#include <lists/timelinelayout.h>

#include <QTest>

using namespace Flotilla;

namespace {

const QDateTime origin = QDateTime(QDate(2026, 12, 1), QTime(12, 0), Qt::UTC);
constexpr qint64 minute = 60 * 1000;

// A run from `startMinute` for `minutes` (none: still running).
Run run(const QString &id, const QString &alias, const QString &cluster, qint64 startMinute,
        std::optional<qint64> minutes, std::optional<qint64> exitCode = 0)
{
    Run made;
    made.runId = id;
    made.alias = alias;
    made.definitionId = alias + QStringLiteral("-id");
    made.cluster = cluster;
    made.startedAt = origin.addMSecs(startMinute * minute);
    if (minutes) {
        made.status = RunStatus::Stopped;
        made.finishedAt = made.startedAt->addMSecs(*minutes * minute);
        made.exitCode = exitCode;
    } else {
        made.status = RunStatus::Running;
    }
    return made;
}

TimelineViewport viewport(qint64 fromMinute, qint64 toMinute, double width, qint64 nowMinute)
{
    const qint64 from = origin.toMSecsSinceEpoch();
    return {from + fromMinute * minute, from + toMinute * minute, width, from + nowMinute * minute};
}

} // namespace

class Tst_TimelineLayout final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void overlappingRunsGetTheirOwnLanes();
    void lanesAreCappedAndShared();
    void runningRunsGrowWithNow();
    void onlyVisibleRunsAreLaidOutAndClipped();
    void runsShorterThanAPixelAreMerged();
    void rowsGroupByClusterOrDefinition();
};

void Tst_TimelineLayout::overlappingRunsGetTheirOwnLanes()
{
    const QList<Run> runs = {run(QStringLiteral("a"), QStringLiteral("etl"), QStringLiteral("local"), 0, 30),
                             run(QStringLiteral("b"), QStringLiteral("etl"), QStringLiteral("local"), 10, 30),
                             run(QStringLiteral("c"), QStringLiteral("etl"), QStringLiteral("local"), 35, 10),
                             run(QStringLiteral("d"), QStringLiteral("etl"), QStringLiteral("local"), 20, 5)};
    const QList<TimelineRow> rows = buildTimelineRows(runs, TimelineGrouping::ByCluster, 6);
    QCOMPARE(rows.size(), 1);
    const TimelineRow &row = rows.constFirst();
    QCOMPARE(row.lanes, 3);
    // By start: a (0-30) lane 0, b (10-40) lane 1, d (20-25) lane 2, c (35-45) lane 0 again.
    QList<std::pair<QString, int>> lanes;
    for (const TimelineBar &bar : row.bars)
        lanes.append({runs[bar.run].runId, bar.lane});
    const QList<std::pair<QString, int>> expected = {{QStringLiteral("a"), 0},
                                                     {QStringLiteral("b"), 1},
                                                     {QStringLiteral("d"), 2},
                                                     {QStringLiteral("c"), 0}};
    QCOMPARE(lanes, expected);
    QCOMPARE(row.longestMs, 30 * minute);

    // An hour on 600 pixels: 10 pixels a minute, each run its own bar.
    const QList<TimelineMark> marks = layoutTimelineRow(row, viewport(0, 60, 600, 60));
    QCOMPARE(marks.size(), 4);
    QCOMPARE(marks[0].left, 0.0);
    QCOMPARE(marks[0].right, 300.0);
    QCOMPARE(marks[1].left, 100.0);
    QCOMPARE(marks[1].right, 400.0);
    QCOMPARE(marks[1].lane, 1);
    for (const TimelineMark &mark : marks)
        QCOMPARE(mark.count, 1);
}

void Tst_TimelineLayout::lanesAreCappedAndShared()
{
    QList<Run> runs;
    for (int index = 0; index < 5; ++index)
        runs.append(run(QString::number(index), QStringLiteral("x"), QStringLiteral("local"), index, 60 - index));
    const QList<TimelineRow> rows = buildTimelineRows(runs, TimelineGrouping::ByCluster, 3);
    QCOMPARE(rows.constFirst().lanes, 3);
    for (const TimelineBar &bar : rows.constFirst().bars)
        QVERIFY(bar.lane >= 0 && bar.lane < 3);
}

void Tst_TimelineLayout::runningRunsGrowWithNow()
{
    const QList<Run> runs = {run(QStringLiteral("r"), QStringLiteral("train"), QStringLiteral("local"), 10, {}),
                             run(QStringLiteral("s"), QStringLiteral("train"), QStringLiteral("local"), 50, 5)};
    const QList<TimelineRow> rows = buildTimelineRows(runs, TimelineGrouping::ByCluster, 6);
    const TimelineRow &row = rows.constFirst();
    QCOMPARE(row.running, QList<int>{0});
    QCOMPARE(row.lanes, 2); // the running run holds its lane: s cannot share it
    QCOMPARE(row.bars[1].lane, 1);

    const QList<TimelineMark> at20 = layoutTimelineRow(row, viewport(0, 60, 600, 20));
    const QList<TimelineMark> at40 = layoutTimelineRow(row, viewport(0, 60, 600, 40));
    const auto runningMark = [&](const QList<TimelineMark> &marks) {
        const auto found = std::find_if(marks.cbegin(), marks.cend(),
                                        [&](const TimelineMark &mark) { return row.bars[mark.bar].running; });
        return found == marks.cend() ? TimelineMark{} : *found;
    };
    QCOMPARE(runningMark(at20).left, 100.0);
    QCOMPARE(runningMark(at20).right, 200.0);
    QCOMPARE(runningMark(at40).right, 400.0);
    QVERIFY(!runningMark(at40).outcome); // no outcome yet
    // A view long after its start still shows it, though no finished run reaches there.
    const QList<TimelineMark> later = layoutTimelineRow(row, viewport(600, 660, 600, 660));
    QCOMPARE(later.size(), 1);
    QCOMPARE(later.constFirst().left, 0.0);
    QCOMPARE(later.constFirst().right, 600.0);
}

void Tst_TimelineLayout::onlyVisibleRunsAreLaidOutAndClipped()
{
    QList<Run> runs;
    for (int index = 0; index < 100; ++index)
        runs.append(run(QString::number(index), QStringLiteral("x"), QStringLiteral("local"), index * 10, 5));
    const QList<TimelineRow> rows = buildTimelineRows(runs, TimelineGrouping::ByCluster, 6);
    // Minutes 102..153 on 510 pixels: runs at 100 (ends 105), 110, ..., 150.
    const QList<TimelineMark> marks = layoutTimelineRow(rows.constFirst(), viewport(102, 153, 510, 2000));
    QCOMPARE(marks.size(), 6);
    QCOMPARE(runs[rows.constFirst().bars[marks.constFirst().bar].run].runId, QStringLiteral("10"));
    QCOMPARE(marks.constFirst().left, 0.0); // clipped at the left edge
    QCOMPARE(marks.constFirst().right, 30.0);
    QCOMPARE(marks.constLast().left, 480.0);
    QCOMPARE(marks.constLast().right, 510.0); // and at the right one
}

void Tst_TimelineLayout::runsShorterThanAPixelAreMerged()
{
    // 1,000 one-minute runs, one every two minutes, over a week on 700
    // pixels: seven or eight runs a pixel column, fewer in the last.
    QList<Run> runs;
    for (int index = 0; index < 1000; ++index) {
        runs.append(run(QString::number(index), QStringLiteral("x"), QStringLiteral("local"), index * 2, 1,
                        index == 500 ? 1 : 0));
    }
    const QList<TimelineRow> rows = buildTimelineRows(runs, TimelineGrouping::ByCluster, 6);
    QCOMPARE(rows.constFirst().lanes, 1);
    const qint64 week = 7 * 24 * 60;
    const QList<TimelineMark> marks = layoutTimelineRow(rows.constFirst(), viewport(0, week, 700, week));
    // 2,000 minutes at 14.4 minutes a pixel: columns 0..138.
    QCOMPARE(marks.size(), 139);
    int counted = 0;
    int failedMarks = 0;
    for (int index = 0; index < marks.size(); ++index) {
        const TimelineMark &mark = marks[index];
        QCOMPARE(mark.left, double(index));
        QCOMPARE(mark.right, mark.left + 1);
        QVERIFY(mark.count >= 6); // the last column is partly past the last run
        counted += mark.count;
        if (mark.outcome == RunOutcome::Failed) {
            ++failedMarks;
            // The failure is in its column, among successes.
            const qint64 failedStart = rows.constFirst().bars[500].startMs - origin.toMSecsSinceEpoch();
            QCOMPARE(int(double(failedStart) * 700 / double(week * minute)), index);
        }
    }
    QCOMPARE(counted, 1000);
    QCOMPARE(failedMarks, 1);

    // Zoomed in to one hour, each run is wider than a pixel again.
    const QList<TimelineMark> zoomed = layoutTimelineRow(rows.constFirst(), viewport(0, 60, 700, week));
    QCOMPARE(zoomed.size(), 30); // starts at 0, 2, ..., 58; the one at 60 is past the edge
    for (const TimelineMark &mark : zoomed)
        QCOMPARE(mark.count, 1);
}

void Tst_TimelineLayout::rowsGroupByClusterOrDefinition()
{
    const QList<Run> runs = {run(QStringLiteral("1"), QStringLiteral("etl"), QStringLiteral("gpu"), 0, 5),
                             run(QStringLiteral("2"), QStringLiteral("report"), QStringLiteral("local"), 0, 5),
                             run(QStringLiteral("3"), QStringLiteral("etl"), QStringLiteral("local"), 2, 5),
                             run(QStringLiteral("4"), QStringLiteral("train"), QStringLiteral("gpu"), 1, {})};
    Run queued = run(QStringLiteral("5"), QStringLiteral("etl"), QStringLiteral("spot"), 0, {});
    queued.status = RunStatus::Queued;
    queued.startedAt.reset();
    QList<Run> withQueued = runs;
    withQueued.append(queued);

    const QList<TimelineRow> byCluster = buildTimelineRows(withQueued, TimelineGrouping::ByCluster, 6);
    QCOMPARE(byCluster.size(), 2); // the queued run has nothing to draw: no "spot" row
    QCOMPARE(byCluster[0].name, QStringLiteral("gpu"));
    QCOMPARE(byCluster[0].bars.size(), 2);
    QCOMPARE(byCluster[0].lanes, 2);
    QCOMPARE(byCluster[1].name, QStringLiteral("local"));
    QCOMPARE(byCluster[1].bars.size(), 2);

    const QList<TimelineRow> byDefinition = buildTimelineRows(withQueued, TimelineGrouping::ByDefinition, 6);
    QStringList names;
    for (const TimelineRow &row : byDefinition)
        names.append(row.name);
    QCOMPARE(names, (QStringList{QStringLiteral("etl"), QStringLiteral("report"), QStringLiteral("train")}));
    QCOMPARE(byDefinition[0].bars.size(), 2);
    QCOMPARE(byDefinition[0].lanes, 2); // etl's runs on gpu and local overlap
}

QTEST_GUILESS_MAIN(Tst_TimelineLayout)
#include "tst_timelinelayout.moc"
