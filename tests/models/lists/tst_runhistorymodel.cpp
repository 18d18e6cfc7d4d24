// RunHistoryModel: what the history chart draws, from a known history on a
// real control plane (knownhistory.h), and a run that ends appearing live.
#include "awaitjob.h"
#include "knownhistory.h"
#include "modeltesters.h"
#include "storefill.h"
#include "testserver.h"

#include <lists/runhistorymodel.h>
#include <lists/runlistmodel.h>

#include <QDir>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_RunHistoryModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void pointsOldestFirstWithOutcomesAndColours();
    void guidesAreTheMedianAndP90();
    void barsTraceRectanglesPerOutcome();
    void memoryAgainstRequested();
    void limitTakesTheNewestRuns();
    void aRunThatEndsAppears();
    void noClientShowsNothing();

private:
    // The model showing the known definition, loaded.
    void load(RunHistoryModel &model);

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<FlotillaClient> m_client;
};

void Tst_RunHistoryModel::init()
{
    m_server = std::make_unique<TestServer>();
    QVERIFY(QDir().mkpath(m_server->dataDir()));
    Definition other = knownHistoryDefinition();
    other.definitionId = QStringLiteral("other-0002");
    other.alias = QStringLiteral("other");
    Run otherRun = knownHistoryRuns().constFirst();
    otherRun.runId = QStringLiteral("other-run");
    otherRun.definitionId = other.definitionId;
    otherRun.alias = other.alias;
    const QString error = storeRuns(m_server->dataDir() + QStringLiteral("/flotilla.sqlite"),
                                    {knownHistoryDefinition(), other}, knownHistoryRuns() << otherRun);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(m_server->start());
    m_client = std::make_unique<FlotillaClient>(m_server->url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server->token()));
}

void Tst_RunHistoryModel::cleanup()
{
    m_client.reset();
    m_server.reset();
}

void Tst_RunHistoryModel::load(RunHistoryModel &model)
{
    QSignalSpy changed(&model, &RunHistoryModel::historyChanged);
    model.showRunsOf(m_client.get(), knownHistoryDefinition().definitionId, false);
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading() && model.rowCount() == 9, 10000);
    QVERIFY(!changed.isEmpty());
}

void Tst_RunHistoryModel::pointsOldestFirstWithOutcomesAndColours()
{
    RunHistoryModel model;
    ModelTesters testers(&model);
    load(model);
    const QList<RunOutcome> outcomes = {RunOutcome::Succeeded, RunOutcome::Succeeded,   RunOutcome::Failed,
                                        RunOutcome::Succeeded, RunOutcome::OutOfMemory, RunOutcome::StoppedByUser,
                                        RunOutcome::Succeeded, RunOutcome::Succeeded,   RunOutcome::StoppedByUser};
    for (int row = 0; row < model.rowCount(); ++row) {
        const RunHistoryModel::Point &point = model.pointAt(row);
        QCOMPARE(point.run.runId, QStringLiteral("known-run-%1").arg(row + 1));
        QCOMPARE(point.outcome, outcomes[row]);
        const QModelIndex outcome = model.index(row, RunHistoryModel::Outcome);
        QCOMPARE(outcome.data(RunHistoryModel::OutcomeRole).toInt(), int(outcomes[row]));
        QCOMPARE(outcome.data(Qt::DecorationRole).value<QColor>(), runOutcomeColor(outcomes[row]));
        QCOMPARE(outcome.data().toString(), runOutcomeText(outcomes[row]));
        // Started, else queued (the last run never started).
        const QDateTime expectedTime = knownHistoryStart.addDays(row + 1).addSecs(row == 8 ? 0 : 5);
        QCOMPARE(model.index(row, RunHistoryModel::Time).data(RunHistoryModel::ValueRole).toDateTime(), expectedTime);
    }
    QCOMPARE(model.index(0, RunHistoryModel::Duration).data(RunHistoryModel::ValueRole).toLongLong(), 60000);
    QCOMPARE(model.index(7, RunHistoryModel::Duration).data().toString(), QStringLiteral("10m 00s"));
    QVERIFY(!model.index(8, RunHistoryModel::Duration).data(RunHistoryModel::ValueRole).isValid());
    // Four distinct colours, the runs table's green and red among them.
    QSet<QRgb> colours;
    for (int outcome = 0; outcome < runOutcomeCount; ++outcome)
        colours.insert(runOutcomeColor(RunOutcome(outcome)).rgb());
    QCOMPARE(colours.size(), runOutcomeCount);
}

void Tst_RunHistoryModel::guidesAreTheMedianAndP90()
{
    RunHistoryModel model;
    load(model);
    const RunStats &stats = model.stats();
    QCOMPARE(stats.count, qint64(9));
    QCOMPARE(stats.succeeded, qint64(5));
    QCOMPARE(stats.medianMs.value_or(-1), qint64(105000));
    QCOMPARE(stats.p90Ms.value_or(-1), qint64(390000));
    QCOMPARE(stats.maxMs.value_or(-1), qint64(600000));
    QCOMPARE(stats.maxMemoryMb.value_or(-1), qint64(512));
}

void Tst_RunHistoryModel::barsTraceRectanglesPerOutcome()
{
    RunHistoryModel model;
    load(model);
    // Nine runs about a day apart: bars 70% of the mean gap wide.
    const qint64 width = model.barWidthMs();
    const qint64 span = knownHistoryStart.addDays(1).addSecs(5).msecsTo(knownHistoryStart.addDays(9));
    QCOMPARE(width, span * 7 / 10 / 8);
    const double firstMiddle = double(knownHistoryStart.addDays(1).addSecs(5).toMSecsSinceEpoch());
    const QList<QPointF> succeeded = model.barOutline(RunOutcome::Succeeded);
    QCOMPARE(succeeded.size(), 5 * 4);
    const double left = firstMiddle - double(width) / 2, right = firstMiddle + double(width) / 2;
    QCOMPARE(succeeded.mid(0, 4), (QList<QPointF>{{left, 0}, {left, 60000}, {right, 60000}, {right, 0}}));
    QCOMPARE(model.barOutline(RunOutcome::Failed).size(), 4);
    QCOMPARE(model.barOutline(RunOutcome::OutOfMemory).at(1).y(), 45000.0);
    // The run that never started has no bar: one of the two stopped runs.
    QCOMPARE(model.barOutline(RunOutcome::StoppedByUser).size(), 4);
    // Every outline goes left to right.
    for (int outcome = 0; outcome < runOutcomeCount; ++outcome) {
        const QList<QPointF> outline = model.barOutline(RunOutcome(outcome));
        for (qsizetype i = 1; i < outline.size(); ++i)
            QVERIFY(outline[i].x() >= outline[i - 1].x());
    }
    // Hovering finds the bar under the pointer.
    QCOMPARE(model.barAt(RunOutcome::Succeeded, firstMiddle), 0);
    QCOMPARE(model.barAt(RunOutcome::Succeeded, right + 1), -1);
    QCOMPARE(model.barAt(RunOutcome::Failed, firstMiddle), -1);
    QCOMPARE(model.barAt(RunOutcome::OutOfMemory, double(knownHistoryStart.addDays(5).toMSecsSinceEpoch())), 4);
    const auto [first, last] = model.timeRange();
    QCOMPARE(first, qint64(firstMiddle) - width);
    QCOMPARE(last, knownHistoryStart.addDays(9).toMSecsSinceEpoch() + width);
}

void Tst_RunHistoryModel::memoryAgainstRequested()
{
    RunHistoryModel model;
    load(model);
    const QList<QPointF> used = model.maxMemoryPoints();
    QList<double> peaks;
    for (const QPointF &point : used)
        peaks.append(point.y());
    QCOMPARE(peaks, (QList<double>{100, 150, 90, 512, 200}));
    QCOMPARE(used.constFirst().x(), double(knownHistoryStart.addDays(1).addSecs(5).toMSecsSinceEpoch()));
    // 256 MB, 512 MB for the day-5 run only, then 256 MB again: steps.
    const auto at = [](int day) { return double(knownHistoryStart.addDays(day).addSecs(5).toMSecsSinceEpoch()); };
    const double lastTime = double(knownHistoryStart.addDays(9).toMSecsSinceEpoch()); // never started
    QCOMPARE(model.requestedMemoryPoints(),
             (QList<QPointF>{{at(1), 256}, {at(5), 256}, {at(5), 512}, {at(6), 512}, {at(6), 256}, {lastTime, 256}}));
}

void Tst_RunHistoryModel::limitTakesTheNewestRuns()
{
    RunHistoryModel model;
    ModelTesters testers(&model);
    model.setLimit(3);
    QSignalSpy changed(&model, &RunHistoryModel::historyChanged);
    model.showRunsOf(m_client.get(), knownHistoryDefinition().definitionId, false);
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading() && model.rowCount() == 3, 10000);
    QCOMPARE(model.pointAt(0).run.runId, QStringLiteral("known-run-7"));
    QCOMPARE(model.pointAt(2).run.runId, QStringLiteral("known-run-9"));
    QCOMPARE(model.source()->rowCount(), 3); // the first page asks for the limit only
    QCOMPARE(model.stats().count, qint64(3));

    model.setLimit(RunHistoryModel::maxLimit + 5);
    QCOMPARE(model.limit(), RunHistoryModel::maxLimit);
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading() && model.rowCount() == 9, 10000);
    QCOMPARE(model.pointAt(0).run.runId, QStringLiteral("known-run-1"));
    model.setLimit(0);
    QCOMPARE(model.limit(), 1);
}

void Tst_RunHistoryModel::aRunThatEndsAppears()
{
    RunHistoryModel model;
    ModelTesters testers(&model);
    model.source()->setRefreshInterval(100);
    load(model);
    LaunchRequest request;
    request.ownerId = QStringLiteral("tester");
    const Run launched = await(m_client->launch(knownHistoryDefinition().definitionId, request))->result();
    QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() == 10, 20000);
    const RunHistoryModel::Point &newest = model.pointAt(9);
    QCOMPARE(newest.run.runId, launched.runId);
    QCOMPARE(newest.outcome, RunOutcome::Succeeded);
    QCOMPARE(model.stats().count, qint64(10));
    QCOMPARE(model.stats().succeeded, qint64(6));
}

void Tst_RunHistoryModel::noClientShowsNothing()
{
    RunHistoryModel model;
    load(model);
    model.showRunsOf(nullptr, {}, false);
    QTRY_COMPARE(model.rowCount(), 0);
    QCOMPARE(model.stats().count, qint64(0));
    QCOMPARE(model.barOutline(RunOutcome::Succeeded).size(), 0);
}

QTEST_GUILESS_MAIN(Tst_RunHistoryModel)
#include "tst_runhistorymodel.moc"
