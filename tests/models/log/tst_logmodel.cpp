// LogModel over its spill file: one insertion per batch, prepended chunks
// at row 0 with stable line ids, estimated then exact line numbers, the
// spill's place, mode and removal.
#include <parsedlines.h>

#include <log/logmodel.h>

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_LogModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendsABatchWithOneInsertion();
    void rolesOfALine();
    void unterminatedLastLineCountsOnceFinished();
    void prependedLinesKeepTheIdsOfOthers();
    void lineNumbersAreEstimatedUntilTheStart();
    void visitsTextPageByPage();
    void clearStartsAgain();
    void spillLivesInItsDirectoryPrivately();
    void unwritableSpillDirectorySaysWhere();
};

void Tst_LogModel::appendsABatchWithOneInsertion()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &LogModel::rowsInserted);
    QVERIFY(model.append(numberedLines(1, 20000)));
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.rowCount(), 20000);
    QVERIFY(model.append(numberedLines(20001, 20003)));
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.last().at(1).toInt(), 20000);
    QCOMPARE(inserted.last().at(2).toInt(), 20002);
    QCOMPARE(model.columnCount(), int(LogModel::ColumnCount));
    QCOMPARE(model.lineText(20002), u"line 20003");
    QVERIFY(model.append(QByteArray()));
    QCOMPARE(inserted.size(), 2);
}

void Tst_LogModel::rolesOfALine()
{
    LogModel model;
    model.append("plain\n\x1b[31mred\x1b[0m caf\xc3\xa9\n");
    model.setStartReached();
    const QModelIndex second = model.index(1, LogModel::TextColumn);
    QCOMPARE(second.data().toString(), QStringLiteral("red café"));
    QCOMPARE(second.data(LogModel::LineIdRole).toLongLong(), 1);
    QCOMPARE(second.data(LogModel::LineNumberRole).toLongLong(), 2);
    QCOMPARE(second.data(LogModel::LineNumberApproximateRole).toBool(), false);
    QCOMPARE(second.data(LogModel::LineLengthRole).toInt(), 8);
    QCOMPARE(second.data(LogModel::SpansRole).value<QList<ColourSpan>>(), (QList<ColourSpan>{{0, 3, 0xffcd0000, 0, 0}}));
}

// A line is a row once its newline arrived, or the log ended.
void Tst_LogModel::unterminatedLastLineCountsOnceFinished()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append("one\ntw");
    QCOMPARE(model.rowCount(), 1);
    model.append("o\nthr");
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.lineText(1), u"two");
    model.finish();
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.lineText(2), u"thr");
    QCOMPARE(model.longestLineBytes(), 3);
}

void Tst_LogModel::prependedLinesKeepTheIdsOfOthers()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(numberedLines(3001, 4000));
    QSignalSpy inserted(&model, &LogModel::rowsInserted);
    QVERIFY(model.prepend(numberedLines(2001, 3000)));
    QVERIFY(model.prepend(numberedLines(1, 2000)));
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.last().at(1).toInt(), 0);
    QCOMPARE(inserted.last().at(2).toInt(), 1999);
    QCOMPARE(model.rowCount(), 4000);
    QCOMPARE(model.firstLineId(), -3000);
    QCOMPARE(model.index(0, 0).data().toString(), u"line 1");
    QCOMPARE(model.index(0, 0).data(LogModel::LineIdRole).toLongLong(), -3000);
    QCOMPARE(model.rowOfLineId(0), 3000);
    QCOMPARE(model.lineText(model.rowOfLineId(0)), u"line 3001");
    QCOMPARE(model.lineText(3999), u"line 4000");
    // Back and forth across page starts, every line as the log has it.
    for (int row = 3999; row >= 0; row -= 7)
        QCOMPARE(model.lineUtf8(row), "line " + QByteArray::number(row + 1));
}

void Tst_LogModel::lineNumbersAreEstimatedUntilTheStart()
{
    LogModel model;
    model.append(numberedLines(9001, 10000)); // 10 or 11 bytes a line
    const QModelIndex last = model.index(999, 0);
    QVERIFY(last.data(LogModel::LineNumberApproximateRole).toBool());
    QCOMPARE(last.data(LogModel::LineNumberRole).toLongLong(), 1000);
    QSignalSpy changed(&model, &LogModel::dataChanged);
    model.setBytesAbove(qint64(numberedLines(1, 9000).size()));
    QCOMPARE(changed.size(), 1);
    const qint64 estimate = last.data(LogModel::LineNumberRole).toLongLong();
    QVERIFY2(estimate > 9000 && estimate < 11000, qPrintable(QString::number(estimate)));

    model.prepend(numberedLines(1, 9000));
    model.setStartReached();
    QCOMPARE(changed.size(), 3); // the completed first line, then the numbers
    const QModelIndex lastNow = model.index(9999, 0);
    QCOMPARE(lastNow.data(LogModel::LineNumberRole).toLongLong(), 10000);
    QVERIFY(!lastNow.data(LogModel::LineNumberApproximateRole).toBool());
}

void Tst_LogModel::visitsTextPageByPage()
{
    LogModel model;
    model.append("\x1b[1m" + numberedLines(1, 10000));
    QByteArray seen;
    int lines = 0;
    model.visitText(8000, 8400, [&](int firstRow, QByteArrayView text, int count) {
        QCOMPARE(firstRow, 8000 + lines);
        seen += text.toByteArray();
        lines += count;
    });
    QCOMPARE(lines, 400);
    QCOMPARE(seen, numberedLines(8001, 8400)); // escapes removed
}

void Tst_LogModel::clearStartsAgain()
{
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(numberedLines(1, 10));
    const QString oldSpill = model.spillPath();
    QSignalSpy reset(&model, &LogModel::modelReset);
    model.clear();
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!QFileInfo::exists(oldSpill));
    model.append("again\n");
    QCOMPARE(model.index(0, 0).data(LogModel::LineIdRole).toLongLong(), 0);
    QCOMPARE(model.lineText(0), u"again");
}

void Tst_LogModel::spillLivesInItsDirectoryPrivately()
{
    QTemporaryDir dir;
    QString path;
    {
        LogModel model(nullptr, dir.path());
        QVERIFY(model.isSpillOpen());
        path = model.spillPath();
        QCOMPARE(QFileInfo(path).absolutePath(), QDir(dir.path()).absolutePath());
        QCOMPARE(QFileInfo(path).permissions() & (QFile::ReadOther | QFile::ReadGroup | QFile::WriteOther),
                 QFile::Permissions());
        model.append(numberedLines(1, 100));
        QCOMPARE(QFileInfo(path).size(), numberedLines(1, 100).size());
    }
    QVERIFY(!QFileInfo::exists(path));

    LogModel defaultPlace;
    QVERIFY(defaultPlace.spillPath().startsWith(LogSpill::defaultDirectory()));
}

void Tst_LogModel::unwritableSpillDirectorySaysWhere()
{
    QTemporaryDir dir;
    const QString blocked = dir.filePath(QStringLiteral("file"));
    QFile file(blocked);
    QVERIFY(file.open(QIODevice::WriteOnly)); // a file where the folder should be
    file.close();
    LogModel model(nullptr, blocked + QStringLiteral("/logs"));
    QVERIFY(!model.isSpillOpen());
    QVERIFY2(model.spillError().contains(blocked), qPrintable(model.spillError()));
    QVERIFY(!model.append("lost\n"));
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(Tst_LogModel)
#include "tst_logmodel.moc"
