// LineDiff and LineMask: timestamps masked away, a known edit at its line,
// the counts, very different texts, and unified hunks.
#include <log/linediff.h>

#include <QTest>

using namespace Flotilla;

class Tst_LineDiff final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splitLines();
    void defaultMaskIgnoresTimesAndIds();
    void logsDifferingOnlyInTimestampsAreEqual();
    void knownEditIsFoundAtItsLine();
    void countsOfInsertedDeletedAndChangedLines();
    void emptyMaskComparesWholeLines();
    void invalidMaskSaysWhatToFix();
    void veryDifferentTextsAreAllChanged();
    void repeatedLinesAlign();
    void cancelStopsWithoutResult();
    void unifiedHunks();
};

namespace {

// A log of `count` lines "<time> step N ok", the time depending on `hour`.
QStringList timedLog(int count, int hour)
{
    QStringList lines;
    for (int i = 0; i < count; ++i) {
        const QString time = QStringLiteral("2026-12-03T%1:%2:%3.%4Z")
                                 .arg(hour, 2, 10, QLatin1Char('0'))
                                 .arg(i / 60 % 60, 2, 10, QLatin1Char('0'))
                                 .arg(i % 60, 2, 10, QLatin1Char('0'))
                                 .arg(i % 1000, 3, 10, QLatin1Char('0'));
        lines << QStringLiteral("%1 INFO step %2 ok").arg(time).arg(i);
    }
    return lines;
}

std::vector<DiffRow> rowsOfKind(const LineDiffResult &result, DiffKind kind)
{
    std::vector<DiffRow> rows;
    std::copy_if(result.rows.begin(), result.rows.end(), std::back_inserter(rows),
                 [kind](const DiffRow &row) { return row.kind == kind; });
    return rows;
}

} // namespace

void Tst_LineDiff::splitLines()
{
    QCOMPARE(LineDiff::splitLines(QStringLiteral("a\r\nb\n")), (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(LineDiff::splitLines(QStringLiteral("a\n\nb")),
             (QStringList{QStringLiteral("a"), QString(), QStringLiteral("b")}));
    QVERIFY(LineDiff::splitLines(QString()).isEmpty());
}

void Tst_LineDiff::defaultMaskIgnoresTimesAndIds()
{
    const LineMask mask;
    QVERIFY(mask.isValid());
    const auto same = [&mask](const char *a, const char *b) {
        return mask.hash(QString::fromUtf8(a)) == mask.hash(QString::fromUtf8(b));
    };
    QVERIFY(same("2026-12-03T10:00:00Z started", "2025-01-31T23:59:59.123+01:00 started"));
    QVERIFY(same("2026-12-03 10:00:00,123 started", "2026-12-04 11:11:11,999 started"));
    QVERIFY(same("[10:00:01] tick", "[9:59:59.5] tick"));
    QVERIFY(same("run 0f8fad5b-d9cb-469f-a165-70867728950e", "run 7c9e6679-7425-40de-944b-e07fc1f90ae7"));
    QVERIFY(same("container 3f4e5d6c7b8a9f00 up", "container deadbeefcafe1234 up"));
    QVERIFY(!same("exit 0", "exit 1"));
    QVERIFY(!same("10:00:00 a", "10:00:00 b"));
    // A masked part counts as something: text does not slide into its place.
    QVERIFY(!same("a 10:00:00 b", "a b"));
}

void Tst_LineDiff::logsDifferingOnlyInTimestampsAreEqual()
{
    const QStringList left = timedLog(2000, 7);
    const QStringList right = timedLog(2000, 19);
    QVERIFY(left != right);
    const std::optional<LineDiffResult> result = LineDiff::compare(left, right, LineMask());
    QVERIFY(result);
    QVERIFY(result->isEqual());
    QCOMPARE(result->rows.size(), size_t(2000));
    QCOMPARE(result->changed + result->onlyLeft + result->onlyRight, 0);
    // Without the mask every line differs.
    const std::optional<LineDiffResult> unmasked = LineDiff::compare(left, right, LineMask(QString()));
    QCOMPARE(unmasked->changed, 2000);
    QCOMPARE(unmasked->firstDifference, 0);
}

void Tst_LineDiff::knownEditIsFoundAtItsLine()
{
    const QStringList left = timedLog(5000, 7);
    QStringList right = timedLog(5000, 8);
    right[3141] = QStringLiteral("2026-12-03T08:52:21.141Z ERROR step 3141 failed");
    const std::optional<LineDiffResult> result = LineDiff::compare(left, right, LineMask());
    QVERIFY(result);
    QCOMPARE(result->changed, 1);
    QCOMPARE(result->onlyLeft, 0);
    QCOMPARE(result->onlyRight, 0);
    QCOMPARE(result->firstDifference, 3141);
    QCOMPARE(result->rows[3141], (DiffRow{3141, 3141, DiffKind::Changed}));
}

void Tst_LineDiff::countsOfInsertedDeletedAndChangedLines()
{
    QStringList left, right;
    for (int i = 0; i < 100; ++i)
        left << QStringLiteral("line %1").arg(i);
    right = left;
    right.insert(10, QStringLiteral("inserted a"));
    right.insert(11, QStringLiteral("inserted b")); // right: 0..9, a, b, 10..99
    right.removeAt(52);                             // line 50 gone
    right.removeAt(52);                             // line 51 gone
    right.removeAt(52);                             // line 52 gone
    right[78] = QStringLiteral("changed 79");       // instead of line 79
    right.append(QStringLiteral("the end"));
    const std::optional<LineDiffResult> result = LineDiff::compare(left, right, LineMask());
    QVERIFY(result);
    QCOMPARE(result->onlyRight, 3);
    QCOMPARE(result->onlyLeft, 3);
    QCOMPARE(result->changed, 1);
    QCOMPARE(result->firstDifference, 10);
    QCOMPARE(rowsOfKind(*result, DiffKind::OnlyRight), (std::vector<DiffRow>{{-1, 10, DiffKind::OnlyRight},
                                                                             {-1, 11, DiffKind::OnlyRight},
                                                                             {-1, 99, DiffKind::OnlyRight}}));
    QCOMPARE(rowsOfKind(*result, DiffKind::OnlyLeft), (std::vector<DiffRow>{{50, -1, DiffKind::OnlyLeft},
                                                                            {51, -1, DiffKind::OnlyLeft},
                                                                            {52, -1, DiffKind::OnlyLeft}}));
    QCOMPARE(rowsOfKind(*result, DiffKind::Changed), (std::vector<DiffRow>{{79, 78, DiffKind::Changed}}));
    QCOMPARE(rowsOfKind(*result, DiffKind::Same).size(), size_t(96));
}

void Tst_LineDiff::emptyMaskComparesWholeLines()
{
    const LineMask mask{QString()};
    QVERIFY(mask.isValid());
    QVERIFY(mask.hash(u"10:00:00") != mask.hash(u"10:00:01"));
}

void Tst_LineDiff::invalidMaskSaysWhatToFix()
{
    const LineMask mask(QStringLiteral("(\\d+"));
    QVERIFY(!mask.isValid());
    QVERIFY2(mask.errorString().contains(u"not a valid regular expression"), qPrintable(mask.errorString()));
    QVERIFY2(mask.errorString().contains(u"position 4"), qPrintable(mask.errorString()));
}

void Tst_LineDiff::veryDifferentTextsAreAllChanged()
{
    // No line in common and none repeated: past the edit limit the stretch is
    // called changed as a whole instead of searched further.
    QStringList left, right;
    for (int i = 0; i < 20000; ++i) {
        left << QStringLiteral("left %1").arg(i);
        right << QStringLiteral("right %1").arg(i);
    }
    right << QStringLiteral("one more");
    const std::optional<LineDiffResult> result = LineDiff::compare(left, right, LineMask(QString()));
    QVERIFY(result);
    QCOMPARE(result->changed, 20000);
    QCOMPARE(result->onlyRight, 1);
    QCOMPARE(result->onlyLeft, 0);
}

void Tst_LineDiff::repeatedLinesAlign()
{
    // No line is unique here, so Myers aligns them.
    const QStringList left{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("a"),
                           QStringLiteral("b"), QStringLiteral("a"), QStringLiteral("b")};
    const QStringList right{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("b"), QStringLiteral("a"),
                            QStringLiteral("b")};
    const std::optional<LineDiffResult> result = LineDiff::compare(left, right, LineMask(QString()));
    QVERIFY(result);
    QCOMPARE(result->onlyLeft, 1);
    QCOMPARE(result->onlyRight, 0);
    QCOMPARE(result->changed, 0);
    for (const DiffRow &row : result->rows) {
        if (row.kind == DiffKind::Same)
            QCOMPARE(left[row.left], right[row.right]);
    }
}

void Tst_LineDiff::cancelStopsWithoutResult()
{
    int asked = 0;
    int lastProgress = -1;
    const std::optional<LineDiffResult> result = LineDiff::compare(
        timedLog(20000, 1), timedLog(20000, 2), LineMask(), [&asked] { return ++asked > 2; },
        [&lastProgress](int permille) { lastProgress = permille; });
    QVERIFY(!result);
    QVERIFY(lastProgress >= 0 && lastProgress < 1000);
}

void Tst_LineDiff::unifiedHunks()
{
    QStringList left;
    for (int i = 1; i <= 20; ++i)
        left << QStringLiteral("l%1").arg(i);
    QStringList right = left;
    right[1] = QStringLiteral("changed");  // line 2
    right.removeAt(15);                    // line 16 gone
    right.append(QStringLiteral("added")); // after line 20
    const std::optional<LineDiffResult> result = LineDiff::compare(left, right, LineMask(QString()));
    QVERIFY(result);
    QCOMPARE(LineDiff::unifiedHunks(left, right, *result),
             QStringLiteral("@@ -1,5 +1,5 @@\n l1\n-l2\n+changed\n l3\n l4\n l5\n"
                            "@@ -13,8 +13,8 @@\n l13\n l14\n l15\n-l16\n l17\n l18\n l19\n l20\n+added\n"));
    QVERIFY(LineDiff::unifiedHunks(left, left, *LineDiff::compare(left, left, LineMask())).isEmpty());
    // Everything added to nothing: the left side starts at 0.
    const std::optional<LineDiffResult> added = LineDiff::compare({}, {QStringLiteral("x")}, LineMask());
    QCOMPARE(LineDiff::unifiedHunks({}, {QStringLiteral("x")}, *added), QStringLiteral("@@ -0,0 +1,1 @@\n+x\n"));
}

QTEST_GUILESS_MAIN(Tst_LineDiff)
#include "tst_linediff.moc"
