// RunTimelineView: the range and row choosers drive the model and the chart,
// a backwards range is refused with a message, and every control is named;
// on the runs page it is the Timeline tab.
#include "widgettesting.h"

#include <lists/runtimelinemodel.h>
#include <runs/runspage.h>
#include <runs/runtimelinechart.h>
#include <runs/runtimelineview.h>
#include <widgets/chartexport.h>

#include <QAction>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QImage>
#include <QLabel>
#include <QSignalSpy>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_RunTimelineView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyControlIsNamed();
    void rangesSetTheChart();
    void aBackwardsRangeIsRefused();
    void rowsChooseTheGrouping();
    void theRunsPageShowsItAsATab();
    void itsContextMenuExportsThePicture();
};

void Tst_RunTimelineView::everyControlIsNamed()
{
    RunTimelineView view;
    view.setRange(RunTimelineView::ChosenRange);
    view.show();
    QCOMPARE(controlsWithoutAccessibleName(&view), QStringList());
}

void Tst_RunTimelineView::rangesSetTheChart()
{
    RunTimelineView view;
    auto *from = namedChild<QDateTimeEdit>(&view, "timelineFrom");
    view.setRange(RunTimelineView::LastDay);
    QVERIFY(from->isHidden());
    const qint64 day = 24LL * 3600 * 1000;
    QCOMPARE(view.chart()->visibleToMs() - view.chart()->visibleFromMs(), day);
    QVERIFY(qAbs(view.chart()->visibleToMs() - QDateTime::currentMSecsSinceEpoch()) < 60000);
    view.setRange(RunTimelineView::LastWeek);
    QCOMPARE(view.chart()->visibleToMs() - view.chart()->visibleFromMs(), 7 * day);

    const QDateTime start(QDate(2026, 11, 2), QTime(8, 0));
    view.setChosenRange(start, start.addSecs(3600 * 3));
    QVERIFY(!from->isHidden());
    QCOMPARE(namedChild<QComboBox>(&view, "timelineRange")->currentData().toInt(), int(RunTimelineView::ChosenRange));
    QCOMPARE(view.chart()->visibleFromMs(), start.toMSecsSinceEpoch());
    QCOMPARE(view.chart()->visibleToMs(), start.addSecs(3600 * 3).toMSecsSinceEpoch());
}

void Tst_RunTimelineView::aBackwardsRangeIsRefused()
{
    RunTimelineView view;
    const QDateTime start(QDate(2026, 11, 2), QTime(8, 0));
    view.setChosenRange(start, start.addSecs(3600));
    view.setChosenRange(start, start.addSecs(-3600));
    QCOMPARE(namedChild<QLabel>(&view, "timelineStatus")->text(),
             QStringLiteral("Choose a range that starts before it ends."));
    QCOMPARE(view.chart()->visibleFromMs(), start.toMSecsSinceEpoch()); // the last good range stays
}

void Tst_RunTimelineView::rowsChooseTheGrouping()
{
    RunTimelineView view;
    QCOMPARE(view.model()->grouping(), TimelineGrouping::ByCluster);
    auto *rows = namedChild<QComboBox>(&view, "timelineRows");
    rows->setCurrentIndex(rows->findData(int(TimelineGrouping::ByDefinition)));
    QCOMPARE(view.model()->grouping(), TimelineGrouping::ByDefinition);
}

void Tst_RunTimelineView::theRunsPageShowsItAsATab()
{
    RunsPage page;
    auto *tabs = page.findChild<QTabBar *>();
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), 2);
    page.show();
    QVERIFY(page.timeline()->isHidden());
    page.showTimeline(true);
    QCOMPARE(tabs->currentIndex(), 1);
    QVERIFY(!page.timeline()->isHidden());
    QVERIFY(page.table()->isHidden());
    QSignalSpy activated(&page, &RunsPage::runActivated);
    Run run;
    run.runId = QStringLiteral("a-run");
    Q_EMIT page.timeline()->runActivated(run);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.first().at(0).value<Run>().runId, QStringLiteral("a-run"));
}

void Tst_RunTimelineView::itsContextMenuExportsThePicture()
{
    RunTimelineView view;
    view.resize(800, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    RunTimelineChart *chart = view.chart();
    QCOMPARE(chart->contextMenuPolicy(), Qt::ActionsContextMenu);
    QStringList texts;
    for (const QAction *action : chart->actions())
        texts.append(action->text());
    QCOMPARE(texts, (QStringList{QStringLiteral("Save as &PNG…"), QStringLiteral("Save as &SVG…"),
                                 QStringLiteral("&Copy Picture")}));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("timeline.png"));
    QString error;
    QVERIFY2(ChartExport::savePng(chart, path, &error), qPrintable(error));
    QCOMPARE(QImage(path).size(), chart->size() * chart->devicePixelRatio());
}

QTEST_MAIN(Tst_RunTimelineView)
#include "tst_runtimelineview.moc"
