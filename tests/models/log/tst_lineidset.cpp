// LineIdSet: a sorted set of line ids in page bitmaps, against std::set.
#include <log/lineidset.h>
#include <log/logmodel.h>

#include <QRandomGenerator>
#include <QTest>

#include <set>

using namespace Flotilla;

class Tst_LineIdSet final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ranksAsASortedVectorWould();
    void emptyAndOutside();
    void rangesAsASortedSetWould();
    void everyLineOfAMillionTakesAFewBytesEach();
};

namespace {

void verifySame(const LineIdSet &set, const std::set<qint64> &oracle)
{
    QCOMPARE(set.size(), qsizetype(oracle.size()));
    qsizetype rank = 0;
    for (const qint64 id : oracle) {
        QCOMPARE(set.at(rank), id);
        QCOMPARE(set.countBelow(id), rank);
        QCOMPARE(set.countBelow(id + 1), rank + 1);
        ++rank;
    }
}

} // namespace

void Tst_LineIdSet::ranksAsASortedVectorWould()
{
    // Batches as a search adds them: at the end, at the front (lines read
    // backwards, negative ids), and between (a part searched later).
    QRandomGenerator random(21);
    LineIdSet set;
    std::set<qint64> oracle;
    const auto add = [&](qint64 first, qint64 end, int oneIn) {
        std::vector<qint64> ids;
        for (qint64 id = first; id < end; ++id) {
            if (random.bounded(oneIn) == 0 && !oracle.count(id))
                ids.push_back(id);
        }
        set.insert(ids);
        oracle.insert(ids.begin(), ids.end());
    };
    add(0, 5000, 3);
    verifySame(set, oracle);
    add(5000, 9000, 1);     // every line
    add(-4000, -1, 50);     // above, sparse, across page starts below zero
    add(20000, 90000, 997); // pages far apart
    add(9000, 20000, 2);    // between the others
    verifySame(set, oracle);
    QCOMPARE(set.front(), *oracle.begin());
}

void Tst_LineIdSet::emptyAndOutside()
{
    LineIdSet set;
    QVERIFY(set.isEmpty());
    QCOMPARE(set.countBelow(LogModel::noLineId), 0);
    QCOMPARE(set.countBelow(42), 0);
    set.insert({-1025, -1024, 1023, 1024});
    QCOMPARE(set.countBelow(LogModel::noLineId), 0);
    QVERIFY(!set.contains(LogModel::noLineId));
    QCOMPARE(set.countBelow(std::numeric_limits<qint64>::max()), 4);
    QCOMPARE(set.countBelow(0), 2);
    QCOMPARE(set.at(1), -1024);
    QCOMPARE(set.at(3), 1024);
    set.clear();
    QVERIFY(set.isEmpty());
    QCOMPARE(set.countBelow(1024), 0);
}

void Tst_LineIdSet::rangesAsASortedSetWould()
{
    // Ranges as a filter keeps them: single lines, long runs across pages,
    // overlapping what is held, above zero and below, far apart.
    QRandomGenerator random(20);
    LineIdSet set;
    std::set<qint64> oracle;
    const auto add = [&](qint64 first, qint64 end) {
        set.insertRange(first, end);
        for (qint64 id = first; id < end; ++id)
            oracle.insert(id);
    };
    add(0, 1);
    add(5, 5); // empty
    add(1023, 1025);
    add(-2100, -1);
    add(3000, 9000);
    add(2990, 3010); // overlaps the start of the one above
    add(50000, 50001);
    for (int i = 0; i < 300; ++i) {
        const qint64 first = random.bounded(-3000, 12000);
        add(first, first + random.bounded(1, i % 10 ? 3 : 700));
    }
    verifySame(set, oracle);
    for (qint64 id = -3100; id < 12800; ++id)
        QCOMPARE(set.contains(id), oracle.count(id) == 1);
    qsizetype runs = 0;
    for (const qint64 id : oracle)
        runs += oracle.count(id - 1) == 0;
    QCOMPARE(set.runCount(), runs);
    for (int i = 0; i < 2000; ++i) {
        const qint64 from = random.bounded(-3500, 13000);
        const qint64 end = from + random.bounded(0, 3000);
        qint64 held = from;
        while (held < end && !oracle.count(held))
            ++held;
        qint64 missing = from;
        while (missing < end && oracle.count(missing))
            ++missing;
        QCOMPARE(set.nextHeld(from, end), held);
        QCOMPARE(set.nextMissing(from, end), missing);
    }
    QCOMPARE(set.nextHeld(50001, std::numeric_limits<qint64>::max()), std::numeric_limits<qint64>::max());
    QCOMPARE(set.nextMissing(50000, std::numeric_limits<qint64>::max()), 50001);
}

void Tst_LineIdSet::everyLineOfAMillionTakesAFewBytesEach()
{
    constexpr qint64 lines = 1'000'000;
    LineIdSet set;
    std::vector<qint64> batch;
    for (qint64 id = 0; id < lines; ++id) {
        batch.push_back(id);
        if (batch.size() == 4096) {
            set.insert(std::exchange(batch, {}));
        }
    }
    set.insert(batch);
    QCOMPARE(set.size(), lines);
    QCOMPARE(set.at(lines - 1), lines - 1);
    QCOMPARE(set.countBelow(654321), 654321);
    qInfo("%lld bytes for %lld ids", set.storageBytes(), lines);
    QVERIFY(set.storageBytes() < lines / 4); // a vector of ids: 8 bytes each
    // Every other line, as a filter keeps them: the same pages.
    LineIdSet alternate;
    for (qint64 id = 0; id < lines; id += 2)
        alternate.insertRange(id, id + 1);
    QCOMPARE(alternate.size(), lines / 2);
    QCOMPARE(alternate.runCount(), lines / 2);
    QCOMPARE(alternate.at(lines / 2 - 1), lines - 2);
    QVERIFY(alternate.storageBytes() < lines / 4); // a list of runs: 16 bytes each
}

QTEST_GUILESS_MAIN(Tst_LineIdSet)
#include "tst_lineidset.moc"
