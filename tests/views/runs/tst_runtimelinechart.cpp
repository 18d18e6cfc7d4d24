// RunTimelineChart: the runs of a real control plane as bars; hovering names a
// run, a click opens it or zooms in on merged runs, the wheel zooms, a drag
// pans, Home shows the whole range again.
#include "awaitjob.h"
#include "testserver.h"

#include <client/flotillaclient.h>
#include <lists/runtimelinemodel.h>
#include <runs/runstate.h>
#include <runs/runtimelinechart.h>
#include <runs/runtimelineview.h>
#include <runs/timelinebarsitem.h>

#include <QAbstractAxis>
#include <QChart>
#include <QLegend>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_RunTimelineChart final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void clickOpensTheRunUnderThePointer();
    void hoverNamesTheRun();
    void wheelZoomsAroundThePointerAndHomeResets();
    void dragPansTheTime();
    void clickOnMergedRunsZoomsIn();
    void itFollowsThePalette();

private:
    Run launch(const QString &definitionId);
    // A point in the viewport over the bar of `runId`; null if none is visible.
    QPoint pointOver(const QString &runId, int *count = nullptr) const;
    void showAllRuns();

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FlotillaClient> m_client;
    std::unique_ptr<RunTimelineView> m_view;
    QList<Run> m_runs; // quick, quick, failing, running
};

void Tst_RunTimelineChart::initTestCase()
{
    ControlPlaneOptions options;
    options.containerEngines.clear();
    m_server = std::make_unique<TestServer>(options);
    QVERIFY(m_server->start());
    m_client = std::make_unique<FlotillaClient>(m_server->url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server->token()));
    const QDateTime before = QDateTime::currentDateTime().addSecs(-60);
    const auto define = [&](const QString &alias, const QString &command) {
        Definition definition;
        definition.alias = alias;
        definition.image = QStringLiteral("none");
        definition.command = command;
        return await(m_client->createDefinition(definition))->result().definitionId;
    };
    const QString quick = define(QStringLiteral("quick"), QStringLiteral("sleep 0.5"));
    const QString failing = define(QStringLiteral("failing"), QStringLiteral("sleep 0.5; exit 3"));
    const QString sleeper = define(QStringLiteral("sleeper"), QStringLiteral("sleep 60"));
    const auto settled = [&](Run run, RunStatus status) {
        static_cast<void>(
            QTest::qWaitFor([&] { return (run = await(m_client->run(run.runId))->result()).status == status; },
                            30000)); // the caller checks the status
        return run;
    };
    // The quick ones one after the other: the same lane, so they merge when zoomed out.
    m_runs.append(settled(launch(quick), RunStatus::Stopped));
    m_runs.append(settled(launch(quick), RunStatus::Stopped));
    m_runs.append(settled(launch(failing), RunStatus::Stopped));
    m_runs.append(settled(launch(sleeper), RunStatus::Running));
    QCOMPARE(m_runs[1].status, RunStatus::Stopped);
    QCOMPARE(m_runs[2].exitCode, 3);
    QCOMPARE(m_runs[3].status, RunStatus::Running);

    m_view = std::make_unique<RunTimelineView>();
    m_view->resize(1000, 500);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_view->setGrouping(TimelineGrouping::ByDefinition);
    m_view->setChosenRange(before, QDateTime::currentDateTime().addSecs(60));
    m_view->setClient(m_client.get());
    QTRY_COMPARE(m_view->model()->runCount(), 4);
    QCOMPARE(m_view->model()->rowCount(), 3);
}

void Tst_RunTimelineChart::cleanupTestCase()
{
    m_view.reset();
    m_client.reset();
    m_server.reset();
}

Run Tst_RunTimelineChart::launch(const QString &definitionId)
{
    LaunchRequest request;
    request.ownerId = QStringLiteral("tester");
    return await(m_client->launch(definitionId, request))->result();
}

void Tst_RunTimelineChart::showAllRuns()
{
    // From the first start to the last end, a second either side.
    qint64 from = std::numeric_limits<qint64>::max();
    qint64 to = 0;
    for (const Run &run : m_runs) {
        from = std::min(from, run.startedAt->toMSecsSinceEpoch());
        to = std::max(to, run.finishedAt ? run.finishedAt->toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch());
    }
    m_view->chart()->setVisibleRange(from - 1000, to + 1000);
    QCoreApplication::processEvents();
}

QPoint Tst_RunTimelineChart::pointOver(const QString &runId, int *count) const
{
    RunTimelineChart *chart = m_view->chart();
    const QRect viewport = chart->viewport()->rect();
    for (int y = viewport.top(); y < viewport.bottom(); y += 2) {
        for (int x = viewport.left(); x < viewport.right(); x += 2) {
            int row = 0;
            const TimelineMark *mark = chart->bars()->markAt(chart->mapToScene(QPoint(x, y)), &row);
            if (mark && m_view->model()->run(m_view->model()->rows()[row].bars[mark->bar]).runId == runId) {
                if (count)
                    *count = mark->count;
                return {x, y};
            }
        }
    }
    return {};
}

void Tst_RunTimelineChart::clickOpensTheRunUnderThePointer()
{
    showAllRuns();
    QSignalSpy activated(m_view.get(), &RunTimelineView::runActivated);
    for (const Run &run : m_runs) {
        const QPoint point = pointOver(run.runId);
        QVERIFY2(!point.isNull(), qPrintable(run.runId));
        QTest::mouseClick(m_view->chart()->viewport(), Qt::LeftButton, {}, point);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.takeFirst().at(0).value<Run>().runId, run.runId);
    }
}

void Tst_RunTimelineChart::hoverNamesTheRun()
{
    const Run &failed = m_runs[2];
    const QString text = RunTimelineChart::runText(failed, 1);
    const QStringList parts = {failed.alias, failed.runId, timeText(failed.startedAt), timeText(failed.finishedAt),
                               QStringLiteral("Failed")};
    for (const QString &part : parts)
        QVERIFY2(text.contains(part), qPrintable(part + QStringLiteral(" in ") + text));
    QVERIFY(RunTimelineChart::runText(m_runs[3], 1).contains(QStringLiteral("still running")));
    QVERIFY(RunTimelineChart::runText(m_runs[0], 12).startsWith(QStringLiteral("12 runs")));
}

void Tst_RunTimelineChart::wheelZoomsAroundThePointerAndHomeResets()
{
    RunTimelineChart *chart = m_view->chart();
    chart->resetZoom();
    const qint64 from = chart->visibleFromMs();
    const qint64 to = chart->visibleToMs();
    const QRectF plot = chart->chart()->plotArea();
    const QPointF at(plot.left() + plot.width() / 4, plot.center().y());
    const qint64 timeAt = from + qint64((to - from) / 4);
    QWheelEvent wheel(at, chart->viewport()->mapToGlobal(at), {}, QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(chart->viewport(), &wheel);
    const qint64 span = chart->visibleToMs() - chart->visibleFromMs();
    QVERIFY(span < (to - from) * 7 / 10);
    // The time under the pointer stays under it.
    QVERIFY(qAbs(chart->visibleFromMs() + span / 4 - timeAt) < (to - from) / 100);

    chart->setFocus();
    QTest::keyClick(chart, Qt::Key_Home);
    QCOMPARE(chart->visibleFromMs(), from);
    QCOMPARE(chart->visibleToMs(), to);
}

void Tst_RunTimelineChart::dragPansTheTime()
{
    RunTimelineChart *chart = m_view->chart();
    chart->resetZoom();
    const qint64 from = chart->visibleFromMs();
    const qint64 span = chart->visibleToMs() - from;
    const double width = chart->chart()->plotArea().width();
    QWidget *viewport = chart->viewport();
    const QPoint start = chart->chart()->plotArea().center().toPoint();
    QTest::mousePress(viewport, Qt::LeftButton, {}, start);
    for (int step = 1; step <= 10; ++step) {
        const QPointF at = start + QPoint(step * 10, 0);
        QMouseEvent move(QEvent::MouseMove, at, viewport->mapToGlobal(at), Qt::NoButton, Qt::LeftButton, {});
        QApplication::sendEvent(viewport, &move);
    }
    QSignalSpy activated(chart, &RunTimelineChart::runActivated);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, start + QPoint(100, 0));
    QCOMPARE(activated.size(), 0); // a drag opens nothing
    // 100 pixels to the right: earlier times come into view.
    const double expected = double(from) - 100 * double(span) / width;
    QVERIFY(qAbs(double(chart->visibleFromMs()) - expected) < double(span) / width * 2);
    QCOMPARE(chart->visibleToMs() - chart->visibleFromMs(), span);
}

void Tst_RunTimelineChart::clickOnMergedRunsZoomsIn()
{
    RunTimelineChart *chart = m_view->chart();
    // Zoomed out far, the two quick runs are one mark of two.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    chart->setVisibleRange(now - 40LL * 24 * 3600 * 1000, now + 3600 * 1000);
    QCoreApplication::processEvents();
    int count = 0;
    const QPoint point = pointOver(m_runs[0].runId, &count);
    QVERIFY(!point.isNull());
    QCOMPARE(count, 2);
    QSignalSpy activated(chart, &RunTimelineChart::runActivated);
    const qint64 span = chart->visibleToMs() - chart->visibleFromMs();
    QTest::mouseClick(chart->viewport(), Qt::LeftButton, {}, point);
    QCOMPARE(activated.size(), 0);
    QVERIFY(chart->visibleToMs() - chart->visibleFromMs() <= span / 10);
}

void Tst_RunTimelineChart::itFollowsThePalette()
{
    // A dark desktop's palette: the chart's own light theme would stay white.
    QPalette dark = m_view->chart()->palette();
    dark.setColor(QPalette::Base, QColor(30, 30, 32));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    m_view->chart()->setPalette(dark);
    QChart *chart = m_view->chart()->chart();
    QCOMPARE(chart->backgroundBrush().color(), QColor(30, 30, 32));
    QCOMPARE(chart->legend()->labelColor(), QColor(230, 230, 230));
    for (const QAbstractAxis *axis : chart->axes())
        QCOMPARE(axis->labelsBrush().color(), QColor(230, 230, 230));
}

QTEST_MAIN(Tst_RunTimelineChart)
#include "tst_runtimelinechart.moc"
