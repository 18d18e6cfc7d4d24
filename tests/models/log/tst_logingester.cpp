// LogIngester: queued text reaches the model in order, in few insertions,
// without one long stretch on the event loop.
#include <log/logingester.h>
#include <log/logmodel.h>

#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;

class Tst_LogIngester final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void textAndBytesArriveInOrder();
    void bigInputGoesInInSlices();
    void clearForgetsQueuedText();
    void flushIntervalDoesNotGrowWithTheModel();
};

namespace {

// One step per event-loop turn, each flushed: every step shows.
void ingestStepByStep(LogIngester &ingester)
{
    ingester.setSliceBudget(0);
    ingester.setFlushInterval(0);
}

QByteArray fortyCharacterLines(int count)
{
    QByteArray text;
    for (int i = 0; i < count; ++i)
        text += "a line of about forty characters, number " + QByteArray::number(i) + '\n';
    return text;
}

// How many row insertions the ingester makes for the same 20,000 lines into a
// model that already holds `rowsBefore` lines, flushing after every step.
int insertionsWith(int rowsBefore)
{
    LogModel model;
    model.append(QByteArray("old\n").repeated(rowsBefore));
    LogIngester ingester(&model);
    ingestStepByStep(ingester);
    QSignalSpy inserted(&model, &LogModel::rowsInserted);
    ingester.append(fortyCharacterLines(20000));
    if (!QTest::qWaitFor([&] { return ingester.isIdle(); }, 30000))
        return -1;
    return model.rowCount() == rowsBefore + 20000 ? int(inserted.size()) : -2;
}

} // namespace

void Tst_LogIngester::textAndBytesArriveInOrder()
{
    LogModel model;
    LogIngester ingester(&model);
    QSignalSpy idle(&ingester, &LogIngester::idle);
    ingester.append(QStringLiteral("one\ntw"));
    ingester.append(QByteArray("o\nthr\xc3"));
    ingester.append(QByteArray("\xa9"
                               "e"));
    ingester.finish();
    QVERIFY(!ingester.isIdle());
    QTRY_VERIFY(ingester.isIdle());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.lineText(1), u"two");
    QCOMPARE(model.lineText(2), QStringLiteral("thrée"));
    QVERIFY(!idle.isEmpty());
}

void Tst_LogIngester::bigInputGoesInInSlices()
{
    LogModel model;
    LogIngester ingester(&model);
    ingestStepByStep(ingester);
    QSignalSpy inserted(&model, &LogModel::rowsInserted);
    ingester.append(fortyCharacterLines(20000));
    QCOMPARE(model.rowCount(), 0); // nothing happens before the event loop runs
    QTRY_COMPARE(model.rowCount(), 20000);
    QVERIFY2(inserted.size() > 1, "the text went in in one piece");
    QCOMPARE(model.lineText(19999), u"a line of about forty characters, number 19999");
}

void Tst_LogIngester::clearForgetsQueuedText()
{
    LogModel model;
    LogIngester ingester(&model);
    ingester.append(QStringLiteral("\x1b[31mred and unfinished"));
    ingester.clear();
    ingester.append(QStringLiteral("fresh\n"));
    QTRY_VERIFY(ingester.isIdle());
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(model.lineSpans(0).isEmpty());
    QCOMPARE(ingester.queuedSize(), 0);
}

// Views paint only the visible rows, so a big model is no reason to hold new
// text back: the ingester flushes as often at a million lines as at none.
void Tst_LogIngester::flushIntervalDoesNotGrowWithTheModel()
{
    const int empty = insertionsWith(0);
    QVERIFY(empty > 1);
    QCOMPARE(insertionsWith(1000000), empty);
}

QTEST_GUILESS_MAIN(Tst_LogIngester)
#include "tst_logingester.moc"
