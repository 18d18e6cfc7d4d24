// LogModel: one insertion per batch, stable line ids, the memory budget.
#include <parsedlines.h>

#include <log/logmodel.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_LogModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendsABatchWithOneInsertion();
    void rolesOfALine();
    void dropsOldPagesOverBudget();
    void visitsTextPageByPage();
    void clearStartsAgain();
};

void Tst_LogModel::appendsABatchWithOneInsertion()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &LogModel::rowsInserted);
    model.append(parsedLines(numberedLines(1, 20000)));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted[0][1].toInt(), 0);
    QCOMPARE(inserted[0][2].toInt(), 19999);
    model.append(parsedLines(numberedLines(20001, 20003)));
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(model.rowCount(), 20003);
    QCOMPARE(model.columnCount(), int(LogModel::ColumnCount));
    QCOMPARE(model.lineText(0), u"line 1");
    QCOMPARE(model.lineText(8192), u"line 8193"); // across a page boundary
    QCOMPARE(model.lineText(20002), u"line 20003");
    model.append(ParsedLines{});
    QCOMPARE(inserted.size(), 2);
}

void Tst_LogModel::rolesOfALine()
{
    LogModel model;
    model.append(parsedLines("plain\n\x1b[31mred\x1b[0m caf\xc3\xa9\n"));
    const QModelIndex second = model.index(1, LogModel::TextColumn);
    QCOMPARE(second.data().toString(), QStringLiteral("red café"));
    QCOMPARE(second.data(LogModel::LineIdRole).toLongLong(), 1);
    QCOMPARE(second.data(LogModel::LineNumberRole).toLongLong(), 2);
    QCOMPARE(second.data(LogModel::LineLengthRole).toInt(), 8);
    QCOMPARE(second.data(LogModel::SpansRole).value<QList<ColourSpan>>(), (QList<ColourSpan>{{0, 3, 0xffcd0000, 0, 0}}));
    QCOMPARE(model.lineUtf8(1), QByteArrayView("red caf\xc3\xa9"));
}

void Tst_LogModel::dropsOldPagesOverBudget()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMemoryBudget(400 * 1024);
    QSignalSpy dropped(&model, &LogModel::linesDropped);
    QSignalSpy removed(&model, &LogModel::rowsRemoved);
    for (int batch = 0; batch < 10; ++batch)
        model.append(parsedLines(numberedLines(batch * 10000 + 1, batch * 10000 + 10000)));
    QVERIFY(!dropped.isEmpty());
    QCOMPARE(removed.size(), dropped.size());
    QVERIFY(model.memoryUsed() <= model.memoryBudget() + 200 * 1024); // within a page of it
    const qint64 first = model.firstLineId();
    QCOMPARE(model.droppedLineCount(), first);
    QCOMPARE(first % 8192, 0); // whole pages go
    QCOMPARE(model.endLineId(), 100000);
    QCOMPARE(model.rowCount(), int(100000 - first));
    QCOMPARE(model.index(0, 0).data(LogModel::LineIdRole).toLongLong(), first);
    QCOMPARE(model.lineText(0), QStringLiteral("line %1").arg(first + 1));
    QCOMPARE(model.rowOfLineId(first - 1), -1);
    QCOMPARE(model.rowOfLineId(99999), model.rowCount() - 1);
    QCOMPARE(dropped.last()[0].toLongLong(), first);
}

void Tst_LogModel::visitsTextPageByPage()
{
    LogModel model;
    model.append(parsedLines(numberedLines(1, 10000)));
    QByteArray seen;
    int lines = 0;
    model.visitText(8000, 8400, [&](int firstRow, QByteArrayView text, int count) {
        QCOMPARE(firstRow, 8000 + lines);
        seen += text.toByteArray();
        lines += count;
    });
    QCOMPARE(lines, 400);
    QCOMPARE(seen, numberedLines(8001, 8400));
}

void Tst_LogModel::clearStartsAgain()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(parsedLines(numberedLines(1, 10)));
    QSignalSpy reset(&model, &LogModel::modelReset);
    model.clear();
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 0);
    model.append(parsedLines("again\n"));
    QCOMPARE(model.index(0, 0).data(LogModel::LineIdRole).toLongLong(), 0);
}

QTEST_GUILESS_MAIN(Tst_LogModel)
#include "tst_logmodel.moc"
