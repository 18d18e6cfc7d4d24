// RunStats: the figures of a known history, worked out by hand (knownhistory.h).
#include "knownhistory.h"

#include <wire/runstats.h>

#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_RunStats final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void knownHistory();
    void activeRunsDoNotCount();
    void noRuns();
    void quantiles_data();
    void quantiles();
    void durationTexts();
};

void Tst_RunStats::knownHistory()
{
    const RunStats stats = RunStats::of(knownHistoryRuns());
    QCOMPARE(stats.count, qint64(9));
    QCOMPARE(stats.succeeded, qint64(5));
    QVERIFY(stats.successRate);
    QCOMPARE(*stats.successRate, 5.0 / 9.0);
    QCOMPARE(stats.medianMs.value_or(-1), qint64(105000));
    QCOMPARE(stats.p90Ms.value_or(-1), qint64(390000));
    QCOMPARE(stats.maxMs.value_or(-1), qint64(600000));
    QCOMPARE(stats.maxMemoryMb.value_or(-1), qint64(512));
}

void Tst_RunStats::activeRunsDoNotCount()
{
    QList<Run> runs = knownHistoryRuns();
    Run running = runs.constFirst();
    running.status = RunStatus::Running;
    running.finishedAt.reset();
    running.exitCode.reset();
    running.startedAt = running.queuedAt->addSecs(-100000); // long: it would be the max
    running.maxMemoryUsed = 4096;
    runs.append(running);
    const RunStats stats = RunStats::of(runs);
    QCOMPARE(stats.count, qint64(9));
    QCOMPARE(stats.maxMs.value_or(-1), qint64(600000));
    QCOMPARE(stats.maxMemoryMb.value_or(-1), qint64(512));
}

void Tst_RunStats::noRuns()
{
    const RunStats stats = RunStats::of({});
    QCOMPARE(stats.count, qint64(0));
    QVERIFY(!stats.successRate);
    QVERIFY(!stats.medianMs);
    QVERIFY(!stats.p90Ms);
    QVERIFY(!stats.maxMs);
    QVERIFY(!stats.maxMemoryMb);
}

void Tst_RunStats::quantiles_data()
{
    QTest::addColumn<QList<qint64>>("sorted");
    QTest::addColumn<double>("p");
    QTest::addColumn<std::optional<qint64>>("expected");
    QTest::newRow("empty") << QList<qint64>{} << 0.5 << std::optional<qint64>();
    QTest::newRow("one") << QList<qint64>{7000} << 0.9 << std::optional<qint64>(7000);
    QTest::newRow("median of odd") << QList<qint64>{1000, 2000, 9000} << 0.5 << std::optional<qint64>(2000);
    QTest::newRow("median of even") << QList<qint64>{1000, 2000, 3000, 4000} << 0.5 << std::optional<qint64>(2500);
    // rank 0.9 * 9 = 8.1: 9000 + 0.1 * (10000 - 9000)
    QTest::newRow("p90 of ten") << QList<qint64>{1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000} << 0.9
                                << std::optional<qint64>(9100);
    QTest::newRow("max") << QList<qint64>{1, 5, 8} << 1.0 << std::optional<qint64>(8);
    QTest::newRow("min") << QList<qint64>{1, 5, 8} << 0.0 << std::optional<qint64>(1);
}

void Tst_RunStats::quantiles()
{
    QFETCH(QList<qint64>, sorted);
    QFETCH(double, p);
    QFETCH(std::optional<qint64>, expected);
    QCOMPARE(quantile(sorted, p), expected);
}

void Tst_RunStats::durationTexts()
{
    QCOMPARE(durationText(12500), QStringLiteral("12s"));
    QCOMPARE(durationText(245000), QStringLiteral("4m 05s"));
    QCOMPARE(durationText(3723000), QStringLiteral("1h 02m 03s"));
    QCOMPARE(durationText(-1), QString());
}

QTEST_GUILESS_MAIN(Tst_RunStats)
#include "tst_runstats.moc"
