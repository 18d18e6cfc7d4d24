// LogWrapModel: visual rows at a width, appends, prepends and rows inserted
// between others (a filter's) without a reset, under QAbstractItemModelTester.
#include <parsedlines.h>

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
    void followsRowsInsertedBetweenOthers_data();
    void followsRowsInsertedBetweenOthers();
};

namespace {

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
    QCOMPARE(reset.size(), 0);
    int expected = 0;
    for (int line = 0; line < log.rowCount(); ++line)
        expected += (log.lineLength(line) + 4) / 5;
    QCOMPARE(rows.rowCount(), expected);
    QCOMPARE(rows.index(rows.rowCount() - 1, 0).data(LogModel::LineIdRole).toLongLong(), 29999);
    QCOMPARE(rows.index(0, 0).data(LogModel::LineIdRole).toLongLong(), -30000);
    QCOMPARE(rows.index(0, 0).data().toString(), u"entry 1");
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

QTEST_GUILESS_MAIN(Tst_LogWrapModel)
#include "tst_logwrapmodel.moc"
