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
    QCOMPARE(set.countBelow(std::numeric_limits<qint64>::max()), 4);
    QCOMPARE(set.countBelow(0), 2);
    QCOMPARE(set.at(1), -1024);
    QCOMPARE(set.at(3), 1024);
    set.clear();
    QVERIFY(set.isEmpty());
    QCOMPARE(set.countBelow(1024), 0);
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
}

QTEST_GUILESS_MAIN(Tst_LineIdSet)
#include "tst_lineidset.moc"
