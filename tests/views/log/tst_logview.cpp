// LogView: follow pauses when scrolled up and resumes at the end, wrap
// follows the width, selections copy whole lines.
#include <parsedlines.h>

#include <log/logfiltermodel.h>
#include <log/logmodel.h>
#include <log/logpainter.h>
#include <log/logsearch.h>
#include <log/logview.h>
#include <log/logwrapmodel.h>

#include <QAbstractItemModelTester>
#include <QClipboard>
#include <QGuiApplication>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_LogView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void followPausesAndResumes();
    void wrapFollowsTheWidth();
    void wrapKeepsTheTopLineInView();
    void copiesWholeLines();
    void scrollsToALine();
    void mouseSelectsALineRange();
    void paintsSelectionAndHits();

private:
    std::unique_ptr<LogModel> m_log;
    std::unique_ptr<LogFilterModel> m_filter;
    std::unique_ptr<LogView> m_view;
};

void Tst_LogView::init()
{
    m_log = std::make_unique<LogModel>();
    m_filter = std::make_unique<LogFilterModel>();
    m_filter->setLogModel(m_log.get());
    m_view = std::make_unique<LogView>();
    m_view->setLines(m_filter.get());
    m_view->resize(400, 300);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void Tst_LogView::cleanup()
{
    m_view.reset();
    m_filter.reset();
    m_log.reset();
}

void Tst_LogView::followPausesAndResumes()
{
    QAbstractItemModelTester tester(m_view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QScrollBar *bar = m_view->verticalScrollBar();
    m_log->append(numberedLines(1, 1000));
    QTRY_VERIFY(bar->maximum() > 0 && bar->value() == bar->maximum());
    QVERIFY(m_view->isFollowing());

    QSignalSpy following(m_view.get(), &LogView::followingChanged);
    bar->setValue(bar->maximum() / 2);
    QVERIFY(!m_view->isFollowing());
    QCOMPARE(following.size(), 1);
    const int paused = bar->value();
    QSignalSpy newLines(m_view.get(), &LogView::newLineCountChanged);
    m_log->append(numberedLines(1001, 1050));
    QCOMPARE(m_view->newLineCount(), 50);
    QCOMPARE(newLines.last()[0].toLongLong(), 50);
    QTRY_VERIFY(bar->maximum() > paused);
    QCOMPARE(bar->value(), paused);

    QTest::keyClick(m_view.get(), Qt::Key_End);
    QVERIFY(m_view->isFollowing());
    QCOMPARE(m_view->newLineCount(), 0);
    QTRY_COMPARE(bar->value(), bar->maximum());
    m_log->append(numberedLines(1051, 1100));
    QTRY_VERIFY(m_view->indexAt(QPoint(1, m_view->viewport()->height() - 2)).data().toString() == u"line 1100");
    QVERIFY(m_view->isFollowing());
}

void Tst_LogView::wrapFollowsTheWidth()
{
    m_log->append(QByteArray(1000, 'x') + "\nshort\n");
    QCOMPARE(m_view->model()->rowCount(), 2);
    m_view->setWrapping(true);
    const int narrowColumns = m_view->rows()->wrapColumns();
    QVERIFY(narrowColumns > 0);
    const int narrowRows = m_view->model()->rowCount();
    QCOMPARE(narrowRows, (1000 + narrowColumns - 1) / narrowColumns + 1);
    m_view->resize(800, 300);
    QTRY_VERIFY(m_view->rows()->wrapColumns() > narrowColumns);
    QVERIFY(m_view->model()->rowCount() < narrowRows);
    m_view->setWrapping(false);
    QCOMPARE(m_view->model()->rowCount(), 2);
}

void Tst_LogView::wrapKeepsTheTopLineInView()
{
    // Long enough to be counted on the side: lines of 8 to 120 characters.
    QByteArray text;
    for (int line = 1; line <= 20000; ++line)
        text += "line " + QByteArray::number(line) + ' ' + QByteArray(line * 7 % 110, 'x') + '\n';
    m_log->append(text);
    QAbstractItemModelTester tester(m_view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_view->scrollToLineId(m_log->firstLineId() + 15000);
    const qint64 top = m_view->topLineId();
    m_view->setWrapping(true);
    QVERIFY(!m_view->rows()->isMeasured());
    // The rows counted meanwhile (those shown, those above) leave the top line where it is.
    const qint64 wrappedTop = m_view->topLineId();
    QVERIFY(std::abs(wrappedTop - top) < 20);
    QTRY_VERIFY_WITH_TIMEOUT(m_view->rows()->isMeasured(), 30000);
    QCOMPARE(m_view->topLineId(), wrappedTop);
    QVERIFY(!m_view->isFollowing());

    // At the end, new lines are followed, wrapped.
    m_view->follow();
    m_log->append("the last line " + QByteArray(200, 'y') + '\n');
    const QRect bottomRow(0, m_view->viewport()->height() - 2, 1, 1);
    QTRY_VERIFY(m_view->indexAt(bottomRow.topLeft()).data().toString().startsWith(u"the last line"));
    QVERIFY(m_view->isFollowing());
}

void Tst_LogView::copiesWholeLines()
{
    m_log->append(QByteArray("first\n") + QByteArray(300, 'y') + "\nthird\n");
    m_view->setWrapping(true);
    m_view->selectAll();
    QCOMPARE(m_view->selectedText(), QStringLiteral("first\n") + QString(300, u'y') + QStringLiteral("\nthird\n"));
    m_view->clearSelection();
    QCOMPARE(m_view->selectedText(), QString());
    const qint64 first = m_view->model()->index(0, 0).data(LogModel::LineIdRole).toLongLong();
    m_view->selectLines(first, first);
    QCOMPARE(m_view->selectedText(), u"first\n");
    QCOMPARE(m_view->allText().size(), 6 + 301 + 6);
}

void Tst_LogView::scrollsToALine()
{
    m_log->append(numberedLines(1, 5000));
    m_view->scrollToLineId(99);
    QVERIFY(!m_view->isFollowing());
    QTRY_VERIFY(m_view->visualRect(m_view->model()->index(99, 0)).intersects(m_view->viewport()->rect()));
    QVERIFY(m_view->topLineId() < 99);
}

void Tst_LogView::mouseSelectsALineRange()
{
    m_log->append(numberedLines(1, 100));
    m_view->verticalScrollBar()->setValue(0);
    QWidget *viewport = m_view->viewport();
    const QRect second = m_view->visualRect(m_view->model()->index(1, 0));
    const QRect fourth = m_view->visualRect(m_view->model()->index(3, 0));
    QTest::mouseClick(viewport, Qt::LeftButton, {}, second.center());
    QCOMPARE(m_view->selectedText(), u"line 2\n");
    QTest::mouseClick(viewport, Qt::LeftButton, Qt::ShiftModifier, fourth.center());
    QCOMPARE(m_view->selectedText(), u"line 2\nline 3\nline 4\n");

    // The selection is of lines, so it survives rewrapping and copies as whole lines.
    m_view->setWrapping(true);
    QCOMPARE(m_view->selectedText(), u"line 2\nline 3\nline 4\n");
    QTest::keySequence(m_view.get(), QKeySequence::Copy);
    QCOMPARE(QGuiApplication::clipboard()->text(), u"line 2\nline 3\nline 4\n");
}

void Tst_LogView::paintsSelectionAndHits()
{
    m_log->append(QByteArray("plain\nneedle here\n"));
    m_view->verticalScrollBar()->setValue(0);
    const auto colourAt = [this](int row, int column) {
        const QRect rect = m_view->visualRect(m_view->model()->index(row, 0));
        const QFontMetrics metrics(m_view->font());
        const int x = rect.left() + LogPainter::gutterWidth(metrics) + metrics.horizontalAdvance(u'0') * column + 1;
        return m_view->viewport()->grab().toImage().pixelColor(x, rect.top() + 1);
    };
    const QColor background = colourAt(1, 0);
    const LogMatcher matcher(LogPattern{QStringLiteral("needle")});
    m_view->setHighlight(&matcher);
    QVERIFY(colourAt(1, 0) != background);
    QCOMPARE(colourAt(1, 8), background); // after the hit
    m_view->setHighlight(nullptr);
    QCOMPARE(colourAt(1, 0), background);

    const qint64 second = m_view->model()->index(1, 0).data(LogModel::LineIdRole).toLongLong();
    m_view->selectLines(second, second);
    QCOMPARE(colourAt(1, 8), m_view->palette().color(QPalette::Highlight));
    QCOMPARE(colourAt(0, 8), background);
}

QTEST_MAIN(Tst_LogView)
#include "tst_logview.moc"
