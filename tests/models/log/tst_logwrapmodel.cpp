// LogWrapModel: visual rows at a width, appends, prepends and rows inserted
// between others (a filter's) without a reset, long logs measured on the
// side in flat memory, under QAbstractItemModelTester.
#include <parsedlines.h>

#include <log/logfiltermodel.h>
#include <log/logmodel.h>
#include <log/logwrapmodel.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_LogWrapModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unwrappedIsOneRowPerLine();
    void wrapsAtTheWidth();
    void followsAppendsAndPrepends();
    void measuresALongLogOnTheSide();
    void measuresTheRowsShownAtOnce();
    void recountsWhenTheWidthChanges();
    void wrapsAFiltersLines();
    void countsAFiltersManyLinesBetweenEvents();
    void relaysACompletedFirstLine();
    void followsRowsInsertedBetweenOthers_data();
    void followsRowsInsertedBetweenOthers();
    void cutsBlocksAgainAfterRowsInsertedBetween();
};

namespace {

// What every line's rows add up to, from the log itself.
int expectedRows(const LogModel &log, int columns)
{
    int rows = 0;
    for (int line = 0; line < log.rowCount(); ++line)
        rows += std::max(1, (log.lineLength(line) + columns - 1) / columns);
    return rows;
}

// Every line maps to the row after the previous line's last, and back.
void verifyLayout(const QAbstractItemModel &lines, const LogWrapModel &rows, int columns)
{
    int row = 0;
    for (int line = 0; line < lines.rowCount(); ++line) {
        const QModelIndex first = rows.mapFromSource(lines.index(line, 0));
        QCOMPARE(first.row(), row);
        QCOMPARE(rows.mapToSource(first), lines.index(line, 0));
        row += std::max(1, (lines.index(line, 0).data(LogModel::LineLengthRole).toInt() + columns - 1) / columns);
        QCOMPARE(rows.mapToSource(rows.index(row - 1, 0)), lines.index(line, 0));
    }
    QCOMPARE(rows.rowCount(), row);
}

// "entry 1".."entry N" through a LogFilterModel, wrapped.
struct FilteredLog
{
    FilteredLog(int lines, int columns)
    {
        log.append(numberedLines(1, lines, "entry"));
        filter.setLogModel(&log);
        rows.setSourceModel(&filter);
        rows.setWrapColumns(columns);
    }

    LogModel log;
    LogFilterModel filter;
    LogWrapModel rows;
};

QStandardItem *lineItem(const QString &text)
{
    auto *item = new QStandardItem(text);
    item->setData(int(text.size()), LogModel::LineLengthRole);
    return item;
}

} // namespace

void Tst_LogWrapModel::unwrappedIsOneRowPerLine()
{
    LogModel log;
    LogWrapModel rows;
    rows.setSourceModel(&log);
    QAbstractItemModelTester tester(&rows, QAbstractItemModelTester::FailureReportingMode::QtTest);
    log.append("short\na much longer line\n");
    QCOMPARE(rows.rowCount(), 2);
    QCOMPARE(rows.index(1, 0).data(LogWrapModel::SegmentStartRole).toInt(), 0);
    QCOMPARE(rows.index(1, 0).data(LogWrapModel::SegmentLengthRole).toInt(), 18);
}

void Tst_LogWrapModel::wrapsAtTheWidth()
{
    LogModel log;
    log.append("0123456789\n\nabc\n");
    LogWrapModel rows;
    rows.setSourceModel(&log);
    QAbstractItemModelTester tester(&rows, QAbstractItemModelTester::FailureReportingMode::QtTest);
    rows.setWrapColumns(4);
    QCOMPARE(rows.rowCount(), 5); // 3 + 1 (empty) + 1
    const QModelIndex third = rows.index(2, 0);
    QCOMPARE(third.data(LogWrapModel::SegmentStartRole).toInt(), 8);
    QCOMPARE(third.data(LogWrapModel::SegmentLengthRole).toInt(), 2);
    QCOMPARE(third.data(LogModel::LineIdRole).toLongLong(), 0);
    QCOMPARE(rows.mapToSource(rows.index(4, 0)), log.index(2, 0));
    QCOMPARE(rows.mapFromSource(log.index(2, 0)).row(), 4);
    rows.setWrapColumns(3);
    QCOMPARE(rows.rowCount(), 6);
    rows.setWrapColumns(0);
    QCOMPARE(rows.rowCount(), 3);
}

void Tst_LogWrapModel::followsAppendsAndPrepends()
{
    LogModel log;
    LogWrapModel rows;
    rows.setSourceModel(&log);
    rows.setWrapColumns(5);
    QAbstractItemModelTester tester(&rows, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&rows, &LogWrapModel::modelReset);
    for (int batch = 3; batch < 6; ++batch)
        log.append(numberedLines(batch * 10000 + 1, batch * 10000 + 10000, "entry")); // "entry N": 2 or 3 rows
    for (int batch = 2; batch >= 0; --batch)
        log.prepend(numberedLines(batch * 10000 + 1, batch * 10000 + 10000, "entry"));
    QTRY_VERIFY(rows.isMeasured());
    QCOMPARE(reset.size(), 0);
    verifyLayout(log, rows, 5);
    QCOMPARE(rows.index(rows.rowCount() - 1, 0).data(LogModel::LineIdRole).toLongLong(), 29999);
    QCOMPARE(rows.index(0, 0).data(LogModel::LineIdRole).toLongLong(), -30000);
    QCOMPARE(rows.index(0, 0).data().toString(), u"entry 1");
}

void Tst_LogWrapModel::measuresALongLogOnTheSide()
{
    constexpr int lines = 1'000'000;
    LogModel log;
    log.append(numberedLines(1, lines, "e")); // "e N": 3 to 9 characters
    LogWrapModel rows;
    rows.setSourceModel(&log);
    // No QAbstractItemModelTester here: it walks every row at every change
    // (the others run under it).
    QSignalSpy reset(&rows, &LogWrapModel::modelReset);
    QSignalSpy inserted(&rows, &LogWrapModel::rowsInserted);
    rows.setWrapColumns(4);
    QCOMPARE(reset.size(), 1);
    // Nothing read yet: one row per line, and the lines measured on the side.
    QCOMPARE(rows.rowCount(), lines);
    QVERIFY(!rows.isMeasured());
    QTRY_VERIFY_WITH_TIMEOUT(rows.isMeasured(), 60000);
    QCOMPARE(reset.size(), 1); // counted blocks came in as rows inserted
    QVERIFY(inserted.size() > 0);
    QCOMPARE(rows.rowCount(), expectedRows(log, 4));
    QCOMPARE(rows.index(rows.rowCount() - 1, 0).data().toString(), u"e 1000000");
    QCOMPARE(rows.index(rows.rowCount() - 1, 0).data(LogWrapModel::SegmentStartRole).toInt(), 8);
    const QModelIndex line500000 = rows.mapFromSource(log.index(499999, 0));
    QCOMPARE(line500000.data().toString(), u"e 500000");
    QCOMPARE(rows.index(line500000.row() + 1, 0).data().toString(), u"e 500000");
    QCOMPARE(rows.index(line500000.row() + 2, 0).data().toString(), u"e 500001");

    // Flat: a few bytes per block of 1,024 lines, and the row places of the last few blocks shown.
    const qint64 blocks = (lines + LogWrapModel::blockLines - 1) / LogWrapModel::blockLines;
    QCOMPARE(rows.blockCount(), blocks);
    qInfo("%lld bytes for %d lines in %lld blocks", rows.storageBytes(), lines, blocks);
    QVERIFY(rows.storageBytes()
            <= blocks * 64 + LogWrapModel::keptLayouts * LogWrapModel::blockLines * qint64(sizeof(int)));
}

void Tst_LogWrapModel::measuresTheRowsShownAtOnce()
{
    LogModel log;
    log.append(numberedLines(1, 60000, "a longer line")); // 15 to 19 characters: 2 rows each
    LogWrapModel rows;
    rows.setSourceModel(&log);
    rows.setWrapColumns(10);
    QAbstractItemModelTester tester(&rows, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // A row in the middle is read (painted): its block is counted at the next event.
    const int asked = 40000;
    QCOMPARE(rows.index(asked, 0).data().toString(), u"a longer line 40001");
    QSignalSpy inserted(&rows, &LogWrapModel::rowsInserted);
    QCoreApplication::processEvents(); // no waiting for the pool thread
    QVERIFY(rows.mapFromSource(log.index(asked, 0)).row() > asked);
    const QModelIndex line = rows.mapFromSource(log.index(asked, 0));
    QCOMPARE(rows.index(line.row() + 1, 0).data(LogWrapModel::SegmentStartRole).toInt(), 10);
    QCOMPARE(rows.index(line.row() + 1, 0).data().toString(), u"a longer line 40001");
    QVERIFY(inserted.size() >= 1);
    QTRY_VERIFY_WITH_TIMEOUT(rows.isMeasured(), 30000);
    verifyLayout(log, rows, 10);
}

void Tst_LogWrapModel::recountsWhenTheWidthChanges()
{
    LogModel log;
    log.append(numberedLines(1, 20000, "entry"));
    LogWrapModel rows;
    rows.setSourceModel(&log);
    QAbstractItemModelTester tester(&rows, QAbstractItemModelTester::FailureReportingMode::QtTest);
    rows.setWrapColumns(3);
    rows.setWrapColumns(6); // while the first count is under way
    QTRY_VERIFY(rows.isMeasured());
    verifyLayout(log, rows, 6);
    rows.setWrapColumns(0);
    QCOMPARE(rows.rowCount(), 20000);
    QVERIFY(rows.isMeasured());
}

void Tst_LogWrapModel::wrapsAFiltersLines()
{
    FilteredLog wrapped(3000, 4);
    auto &[log, filter, rows] = wrapped;
    QAbstractItemModelTester tester(&rows, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(rows.isMeasured());
    QCOMPARE(rows.rowCount(), expectedRows(log, 4));

    // "entry N5": the filter's lines are counted as they come, on this thread.
    filter.setPattern(LogPattern{QStringLiteral("5$"), true});
    QCOMPARE(filter.rowCount(), 300);
    QVERIFY(rows.isMeasured());
    QCOMPARE(rows.rowCount(), 10 * 2 + 290 * 3); // "entry 5".."entry 95" 2 rows, "entry 105".. 3
    log.append(numberedLines(3001, 3010, "entry"));
    QCOMPARE(rows.rowCount(), 10 * 2 + 290 * 3 + 3);
    QCOMPARE(rows.index(rows.rowCount() - 1, 0).data().toString(), u"entry 3005");
    filter.setPattern({});
    QTRY_VERIFY(rows.isMeasured());
    QCOMPARE(rows.rowCount(), expectedRows(log, 4));
}

void Tst_LogWrapModel::countsAFiltersManyLinesBetweenEvents()
{
    FilteredLog wrapped(10000, 4);
    auto &[log, filter, rows] = wrapped;
    QAbstractItemModelTester tester(&rows, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // An inverted filter may keep millions: not all counted in one go on this thread.
    filter.setPattern(LogPattern{QStringLiteral("5"), false});
    QCOMPARE(filter.rowCount(), 10000 - 9 * 9 * 9 * 9); // the numbers with a 5 in them
    QVERIFY(!rows.isMeasured());
    QCOMPARE(rows.rowCount(), filter.rowCount());
    QTRY_VERIFY(rows.isMeasured());
    verifyLayout(filter, rows, 4);
}

void Tst_LogWrapModel::relaysACompletedFirstLine()
{
    // Read backwards, a chunk can end inside a line: the line above completes it.
    LogModel log;
    log.append("ccc\nddd\n");
    LogWrapModel rows;
    rows.setSourceModel(&log);
    rows.setWrapColumns(5);
    QCOMPARE(rows.rowCount(), 2);
    log.prepend("aaaa\nbbbbbbbbbbbb");
    QCOMPARE(log.lineText(1), u"bbbbbbbbbbbbccc");
    QCOMPARE(rows.rowCount(), 1 + 3 + 1);
    QCOMPARE(rows.index(3, 0).data(LogWrapModel::SegmentStartRole).toInt(), 10);
    QCOMPARE(rows.index(3, 0).data(LogWrapModel::SegmentLengthRole).toInt(), 5);
    QCOMPARE(rows.index(4, 0).data().toString(), u"ddd");
}

void Tst_LogWrapModel::followsRowsInsertedBetweenOthers_data()
{
    QTest::addColumn<int>("columns");
    QTest::addColumn<QStringList>("rows");
    QTest::newRow("unwrapped") << 0 << QStringList{u"first line"_qs, u"between"_qs, u"last"_qs};
    QTest::newRow("wrapped") << 4 << QStringList{u"firs"_qs, u"t li"_qs, u"ne"_qs, u"betw"_qs, u"een"_qs, u"last"_qs};
}

void Tst_LogWrapModel::followsRowsInsertedBetweenOthers()
{
    QFETCH(int, columns);
    QFETCH(QStringList, rows);
    QStandardItemModel source;
    source.appendRow(lineItem(QStringLiteral("first line")));
    source.appendRow(lineItem(QStringLiteral("last")));
    LogWrapModel wrapped;
    wrapped.setSourceModel(&source);
    wrapped.setWrapColumns(columns);
    QAbstractItemModelTester tester(&wrapped, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&wrapped, &LogWrapModel::modelReset);
    source.insertRow(1, lineItem(QStringLiteral("between")));
    QCOMPARE(reset.size(), 0);
    QStringList shown;
    for (int row = 0; row < wrapped.rowCount(); ++row) {
        const QModelIndex index = wrapped.index(row, 0);
        shown.append(index.data().toString().mid(index.data(LogWrapModel::SegmentStartRole).toInt(),
                                                 index.data(LogWrapModel::SegmentLengthRole).toInt()));
    }
    QCOMPARE(shown, rows);
    QCOMPARE(wrapped.mapToSource(wrapped.index(wrapped.rowCount() - 1, 0)), source.index(2, 0));
}

void Tst_LogWrapModel::cutsBlocksAgainAfterRowsInsertedBetween()
{
    QStandardItemModel source;
    for (int line = 0; line < 10000; ++line) // 6 to 9 characters: 2 or 3 rows
        source.appendRow(lineItem(QStringLiteral("line %1").arg(line)));
    LogWrapModel wrapped;
    wrapped.setSourceModel(&source);
    wrapped.setWrapColumns(4);
    QAbstractItemModelTester tester(&wrapped, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY(wrapped.isMeasured());
    QSignalSpy reset(&wrapped, &LogWrapModel::modelReset);
    // In a block's middle, at a block's start, and just above the last line; the
    // blocks below are more than keep their rows' places.
    for (const int row : {1500, 2048, 10001}) {
        const QModelIndex below = wrapped.mapFromSource(source.index(row, 0));
        source.insertRow(row, lineItem(QStringLiteral("between, 4 rows")));
        QCOMPARE(wrapped.mapFromSource(source.index(row, 0)).row(), below.row());
        QCOMPARE(wrapped.index(below.row() + 3, 0).data(LogWrapModel::SegmentStartRole).toInt(), 12);
        QCOMPARE(wrapped.index(below.row() + 4, 0).data().toString(), source.index(row + 1, 0).data().toString());
        verifyLayout(source, wrapped, 4);
    }
    QCOMPARE(reset.size(), 0);
    QCOMPARE(wrapped.blockCount(), 10);

    // Before the blocks below are counted (a new width starts over): those are counted first.
    wrapped.setWrapColumns(5);
    QVERIFY(!wrapped.isMeasured());
    source.insertRow(10, lineItem(QStringLiteral("between")));
    QCOMPARE(wrapped.index(wrapped.rowCount() - 1, 0).data().toString(), u"line 9999");
    QTRY_VERIFY(wrapped.isMeasured());
    verifyLayout(source, wrapped, 5);
}

QTEST_GUILESS_MAIN(Tst_LogWrapModel)
#include "tst_logwrapmodel.moc"
