// HistoryChart over a known history (knownhistory.h) on a real control
// plane: the series it draws (bars by outcome, memory, guides), hovering
// and clicking a bar, zoom and Home, loading only while shown, and its
// SVG export.
#include "knownhistory.h"
#include "storefill.h"
#include "testserver.h"

#include <history/historychart.h>
#include <history/zoomablechartview.h>
#include <lists/runhistorymodel.h>
#include <lists/runlistmodel.h>
#include <widgets/chartexport.h>

#include <client/flotillaclient.h>

#include <QAreaSeries>
#include <QChart>
#include <QDateTimeAxis>
#include <QDir>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_HistoryChart final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void loadsOnlyWhileShown();
    void barsByOutcomeInMinutes();
    void memoryAndGuides();
    void hoverShowsTheRunAndClickOpensIt();
    void wheelZoomsAndHomeResets();
    void savesAsSvg();

private:
    // A shown chart of the known definition, loaded.
    std::unique_ptr<HistoryChart> shownChart();
    static QList<QLineSeries *> lines(HistoryChart &chart);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FlotillaClient> m_client;
};

void Tst_HistoryChart::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(QDir().mkpath(m_server->dataDir()));
    const QString error = storeRuns(m_server->dataDir() + QStringLiteral("/flotilla.sqlite"),
                                    {knownHistoryDefinition()}, knownHistoryRuns());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(m_server->start());
    m_client = std::make_unique<FlotillaClient>(m_server->url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server->token()));
}

void Tst_HistoryChart::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
}

std::unique_ptr<HistoryChart> Tst_HistoryChart::shownChart()
{
    auto chart = std::make_unique<HistoryChart>();
    chart->resize(900, 420);
    chart->showRunsOf(m_client.get(), knownHistoryDefinition().definitionId, false, QStringLiteral("nightly-etl"));
    chart->show();
    if (!QTest::qWaitForWindowExposed(chart.get()))
        return nullptr;
    RunHistoryModel *model = chart->model();
    if (!QTest::qWaitFor([model] { return !model->isLoading() && model->rowCount() == 9; }, 10000))
        return nullptr;
    return chart;
}

QList<QLineSeries *> Tst_HistoryChart::lines(HistoryChart &chart)
{
    QList<QLineSeries *> found;
    for (QAbstractSeries *series : chart.chartView()->chart()->series()) {
        if (auto *line = qobject_cast<QLineSeries *>(series))
            found.append(line);
    }
    return found;
}

void Tst_HistoryChart::loadsOnlyWhileShown()
{
    HistoryChart chart;
    chart.showRunsOf(m_client.get(), knownHistoryDefinition().definitionId, false, QStringLiteral("nightly-etl"));
    QCoreApplication::processEvents(); // what a hidden chart would do on its own
    QCOMPARE(chart.model()->source()->client(), nullptr);
    chart.show();
    QTRY_COMPARE_WITH_TIMEOUT(chart.model()->rowCount(), 9, 10000);
}

void Tst_HistoryChart::barsByOutcomeInMinutes()
{
    const auto chart = shownChart();
    QVERIFY(chart);
    // A bar series per outcome for so few runs, memory, requested, median and p90.
    QCOMPARE(chart->chartView()->chart()->series().size(), runOutcomeCount + 4);
    // The longest run took 10 minutes: durations in minutes.
    const auto *durationAxis = qobject_cast<QValueAxis *>(
        chart->chartView()
            ->chart()
            ->axes(Qt::Vertical, chart->barSeries(RunOutcome::Succeeded).constFirst())
            .constFirst());
    QCOMPARE(durationAxis->titleText(), QStringLiteral("Duration (minutes)"));
    for (int outcome = 0; outcome < runOutcomeCount; ++outcome) {
        QCOMPARE(chart->barSeries(RunOutcome(outcome)).size(), 1);
        QAreaSeries *bars = chart->barSeries(RunOutcome(outcome)).constFirst();
        QCOMPARE(bars->name(), runOutcomeText(RunOutcome(outcome)));
        QCOMPARE(bars->brush().color(), runOutcomeColor(RunOutcome(outcome)));
        const QList<QPointF> outline = chart->model()->barOutline(RunOutcome(outcome));
        const QList<QPointF> drawn = bars->upperSeries()->points();
        QCOMPARE(drawn.size(), outline.size());
        for (qsizetype i = 0; i < drawn.size(); ++i) {
            QCOMPARE(drawn[i].x(), outline[i].x());
            QCOMPARE(drawn[i].y(), outline[i].y() / 60000);
        }
    }
    // Runs of 60, 120, 90, 150 and 600 s succeeded.
    QList<double> heights;
    const QList<QPointF> succeeded = chart->barSeries(RunOutcome::Succeeded).constFirst()->upperSeries()->points();
    for (qsizetype i = 1; i < succeeded.size(); i += 4)
        heights.append(succeeded[i].y());
    QCOMPARE(heights, (QList<double>{1, 2, 1.5, 2.5, 10}));
}

void Tst_HistoryChart::memoryAndGuides()
{
    const auto chart = shownChart();
    QVERIFY(chart);
    QMap<QString, QLineSeries *> byName;
    for (QLineSeries *line : lines(*chart))
        byName.insert(line->name(), line);
    QVERIFY2(byName.contains(QStringLiteral("Median 1m 45s")), qPrintable(byName.keys().join(u", ")));
    QVERIFY(byName.contains(QStringLiteral("p90 6m 30s")));
    QCOMPARE(byName.value(QStringLiteral("Median 1m 45s"))->at(0).y(), 1.75);
    QCOMPARE(byName.value(QStringLiteral("p90 6m 30s"))->at(1).y(), 6.5);
    const auto [first, last] = chart->model()->timeRange();
    QCOMPARE(byName.value(QStringLiteral("Median 1m 45s"))->at(0).x(), double(first));
    QCOMPARE(byName.value(QStringLiteral("Median 1m 45s"))->at(1).x(), double(last));

    QLineSeries *used = byName.value(QStringLiteral("Max memory used"));
    QLineSeries *requested = byName.value(QStringLiteral("Memory requested"));
    QVERIFY(used && requested);
    QCOMPARE(used->points(), chart->model()->maxMemoryPoints());
    QCOMPARE(requested->points(), chart->model()->requestedMemoryPoints());
    // On the memory axis, on the right.
    const QList<QAbstractAxis *> memoryAxes = chart->chartView()->chart()->axes(Qt::Vertical, used);
    QCOMPARE(memoryAxes.size(), 1);
    QCOMPARE(memoryAxes.constFirst()->alignment(), Qt::AlignRight);
    QVERIFY(memoryAxes.constFirst()->isVisible());
    // The legend names every outcome here, each guide and both memory lines.
    int markers = 0;
    for (QLegendMarker *marker : chart->chartView()->chart()->legend()->markers())
        markers += marker->isVisible() ? 1 : 0;
    QCOMPARE(markers, runOutcomeCount + 4);
}

void Tst_HistoryChart::hoverShowsTheRunAndClickOpensIt()
{
    const auto chart = shownChart();
    QVERIFY(chart);
    // The out-of-memory run of day 5: its bar's middle, halfway up.
    const double middle = double(knownHistoryStart.addDays(5).addSecs(5).toMSecsSinceEpoch());
    const QPointF value(middle, 0.75 / 2);
    QCOMPARE(chart->rowAt(value), 4);
    QCOMPARE(chart->rowAt(QPointF(middle, 5)), -1); // above the bar
    const QString summary = chart->runSummary(4);
    for (const QString &part : {QStringLiteral("Run known-run-5"), QStringLiteral("Duration 45s"),
                                QStringLiteral("Out of memory, exit code 137"),
                                QStringLiteral("Exit reason: OOMKilled"), QStringLiteral("Max memory 512 MB")})
        QVERIFY2(summary.contains(part), qPrintable(summary));

    QSignalSpy activated(chart.get(), &HistoryChart::runActivated);
    ZoomableChartView *view = chart->chartView();
    QChart *qchart = view->chart();
    const QPointF scenePos = qchart->mapToScene(
        qchart->mapToPosition(value, chart->barSeries(RunOutcome::OutOfMemory).constFirst()));
    const QPoint at = view->mapFromScene(scenePos);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.constFirst().constFirst().value<Run>().runId, QStringLiteral("known-run-5"));
    // A drag pans and opens nothing.
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseMove(view->viewport(), at + QPoint(60, 0));
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, at + QPoint(60, 0));
    QCOMPARE(activated.size(), 1);
}

void Tst_HistoryChart::wheelZoomsAndHomeResets()
{
    const auto chart = shownChart();
    QVERIFY(chart);
    ZoomableChartView *view = chart->chartView();
    auto *timeAxis = qobject_cast<QDateTimeAxis *>(view->chart()->axes(Qt::Horizontal).constFirst());
    const auto [first, last] = chart->model()->timeRange();
    QCOMPARE(timeAxis->min().toMSecsSinceEpoch(), first);
    QCOMPARE(timeAxis->max().toMSecsSinceEpoch(), last);
    view->zoomAround(view->chart()->plotArea().center().x(), 0.5);
    const qint64 zoomed = timeAxis->min().msecsTo(timeAxis->max());
    QVERIFY2(zoomed < (last - first) * 6 / 10, qPrintable(QString::number(zoomed)));
    // A live update keeps the user's zoom.
    chart->model()->setLimit(50);
    QTRY_VERIFY(!chart->model()->isLoading());
    QCOMPARE(timeAxis->min().msecsTo(timeAxis->max()), zoomed);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Home);
    QCOMPARE(timeAxis->min().toMSecsSinceEpoch(), first);
    QCOMPARE(timeAxis->max().toMSecsSinceEpoch(), last);
}

void Tst_HistoryChart::savesAsSvg()
{
    const auto chart = shownChart();
    QVERIFY(chart);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("history.svg"));
    QString error;
    QVERIFY2(ChartExport::saveSvg(chart->chartView(), path, &error), qPrintable(error));
    QSvgRenderer renderer(path);
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.viewBox(), QRect(QPoint(0, 0), chart->chartView()->size()));
}

QTEST_MAIN(Tst_HistoryChart)
#include "tst_historychart.moc"
