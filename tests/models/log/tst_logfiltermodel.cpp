// LogFilterModel: plain/regex, case, invert, context lines, lines that arrive
// later; a big log filtered in the background (the first match at once, a
// part never shown, invert and context as runs, lines appended and prepended
// meanwhile, cancel), under QAbstractItemModelTester.
#include <parsedlines.h>

#include <log/logfiltermodel.h>
#include <log/logmodel.h>
#include <log/logspillsearch.h>

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

QStringList shown(const LogFilterModel &filter)
{
    QStringList lines;
    for (int row = 0; row < filter.rowCount(); ++row)
        lines.append(filter.index(row, 0).data().toString());
    return lines;
}

// Lines [first, end) of a big log, about 100 bytes each: "row NNNNNNN ...".
QString bigLine(int i)
{
    return QStringLiteral("row %1 worker-%2 processed an item, payload abcdefghijklmnopqrstuvwxyz 0123456789 ok")
        .arg(i, 7, 10, QLatin1Char('0'))
        .arg(i % 8);
}

QByteArray bigLines(int first, int end)
{
    QByteArray text;
    for (int i = first; i < end; ++i)
        text += bigLine(i).toUtf8() + '\n';
    return text;
}

constexpr int bigLineCount = 60000; // about 6 MB: searched in the background, in several blocks

// The ids a filter keeps of lines [0, bigLineCount) whose first line has id `firstId`: the oracle.
std::vector<qint64> expectedIds(const LogPattern &pattern, bool inverted, int context, qint64 firstId)
{
    const LogMatcher matcher(pattern);
    std::vector<bool> kept(bigLineCount);
    for (int i = 0; i < bigLineCount; ++i) {
        if (matcher.matches(bigLine(i)) != inverted) {
            for (int j = std::max(0, i - context); j <= std::min(bigLineCount - 1, i + context); ++j)
                kept[size_t(j)] = true;
        }
    }
    std::vector<qint64> ids;
    for (int i = 0; i < bigLineCount; ++i) {
        if (kept[size_t(i)])
            ids.push_back(firstId + i);
    }
    return ids;
}

std::vector<qint64> keptIds(const LogFilterModel &filter)
{
    std::vector<qint64> ids;
    for (int row = 0; row < filter.rowCount(); ++row)
        ids.push_back(filter.lineIdAt(row));
    return ids;
}

} // namespace

class Tst_LogFilterModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void withoutPatternEveryLinePasses();
    void plainAndRegexWithCase();
    void invertAndContext();
    void filtersLinesThatArriveLater();
    void followsPrependedLines();
    void aLineLongerThanAChunkIsFilteredWhole();
    void bigLogIsFilteredInTheBackground();
    void findsAMatchNeverScrolledTo();
    void bigLogWithLinesArrivingMeanwhile_data();
    void bigLogWithLinesArrivingMeanwhile();
    void cancelKeepsWhatWasFound();

private:
    std::unique_ptr<LogModel> m_log;
    std::unique_ptr<LogFilterModel> m_filter;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void Tst_LogFilterModel::init()
{
    m_log = std::make_unique<LogModel>();
    m_filter = std::make_unique<LogFilterModel>();
    m_filter->setLogModel(m_log.get());
    m_tester = std::make_unique<QAbstractItemModelTester>(m_filter.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void Tst_LogFilterModel::cleanup()
{
    m_tester.reset();
    m_filter.reset();
    m_log.reset();
}

void Tst_LogFilterModel::withoutPatternEveryLinePasses()
{
    QSignalSpy inserted(m_filter.get(), &LogFilterModel::rowsInserted);
    m_log->append("a\nb\n");
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(shown(*m_filter), (QStringList{u"a"_qs, u"b"_qs}));
    QCOMPARE(m_filter->lineIdAt(1), 1);
    QCOMPARE(m_filter->mapToSource(m_filter->index(1, 0)), m_log->index(1, 0));
    QVERIFY(!m_filter->isFiltering());
}

void Tst_LogFilterModel::plainAndRegexWithCase()
{
    m_log->setStartReached(); // read from the start
    m_log->append("INFO start\nerror one\nERROR two\ninfo end\n");
    m_filter->setPattern({QStringLiteral("error"), false, Qt::CaseInsensitive});
    QCOMPARE(shown(*m_filter), (QStringList{u"error one"_qs, u"ERROR two"_qs}));
    m_filter->setPattern({QStringLiteral("error"), false, Qt::CaseSensitive});
    QCOMPARE(shown(*m_filter), (QStringList{u"error one"_qs}));
    m_filter->setPattern({QStringLiteral("^(INFO|info) "), true, Qt::CaseSensitive});
    QCOMPARE(shown(*m_filter), (QStringList{u"INFO start"_qs, u"info end"_qs}));
    QCOMPARE(m_filter->rowOfLineId(3), 1);
    QCOMPARE(m_filter->rowOfLineId(1), -1);
    QCOMPARE(m_filter->mapFromSource(m_log->index(3, 0)).row(), 1);
}

void Tst_LogFilterModel::invertAndContext()
{
    m_log->setStartReached(); // read from the start
    m_log->append(numberedLines(1, 20));
    m_filter->setPattern({QStringLiteral("line 1"), false, Qt::CaseSensitive}); // 1, 10..19
    m_filter->setInverted(true);
    QCOMPARE(m_filter->rowCount(), 9); // 2..9, 20
    m_filter->setInverted(false);
    m_filter->setPattern({QStringLiteral("^line (5|15)$"), true, Qt::CaseSensitive});
    m_filter->setContextLines(2);
    QCOMPARE(shown(*m_filter), (QStringList{u"line 3"_qs, u"line 4"_qs, u"line 5"_qs, u"line 6"_qs, u"line 7"_qs,
                                            u"line 13"_qs, u"line 14"_qs, u"line 15"_qs, u"line 16"_qs, u"line 17"_qs}));
}

void Tst_LogFilterModel::filtersLinesThatArriveLater()
{
    m_log->setStartReached(); // read from the start
    m_filter->setPattern({QStringLiteral("hit"), false, Qt::CaseSensitive});
    m_filter->setContextLines(1);
    QSignalSpy reset(m_filter.get(), &LogFilterModel::modelReset);
    QSignalSpy inserted(m_filter.get(), &LogFilterModel::rowsInserted);
    m_log->append("a\nb\n");
    QCOMPARE(m_filter->rowCount(), 0);
    m_log->append("hit 1\n");              // with b before it
    m_log->append("c\nd\nhit 2\nhit 3\n"); // c after hit 1, d before hit 2
    m_log->append("e\nf\n");               // e after hit 3
    QCOMPARE(shown(*m_filter), (QStringList{u"b"_qs, u"hit 1"_qs, u"c"_qs, u"d"_qs, u"hit 2"_qs, u"hit 3"_qs, u"e"_qs}));
    QCOMPARE(reset.size(), 0);
    QCOMPARE(inserted.size(), 3);
}

void Tst_LogFilterModel::followsPrependedLines()
{
    m_filter->setPattern({QStringLiteral("0$"), true, Qt::CaseSensitive});
    m_log->append(numberedLines(70001, 80000));
    for (int batch = 6; batch >= 0; --batch)
        m_log->prepend(numberedLines(batch * 10000 + 1, batch * 10000 + 10000));
    QCOMPARE(m_filter->rowCount(), 8000); // the lines whose number ends in 0
    QCOMPARE(m_filter->index(0, 0).data().toString(), u"line 10");
    QCOMPARE(m_filter->index(7999, 0).data().toString(), u"line 80000");

    m_filter->setPattern({});
    m_log->prepend("line 0\n");
    QCOMPARE(m_filter->rowCount(), 80001);
    QCOMPARE(m_filter->index(0, 0).data().toString(), u"line 0");
}

// The log's first line is filtered once it is known to be whole: until the
// start is read, it may be the tail of a line longer than a chunk.
void Tst_LogFilterModel::aLineLongerThanAChunkIsFilteredWhole()
{
    m_filter->setPattern({QStringLiteral("^(tail|head)"), true, Qt::CaseSensitive});
    m_log->append("tail of a long line\ntail line\n");
    QCOMPARE(shown(*m_filter), (QStringList{u"tail line"_qs}));
    m_log->prepend("head line\nthe head and the ");
    QCOMPARE(shown(*m_filter), (QStringList{u"tail line"_qs}));
    m_log->setStartReached();
    QCOMPARE(shown(*m_filter), (QStringList{u"head line"_qs, u"tail line"_qs}));
    m_filter->setInverted(true);
    QCOMPARE(shown(*m_filter), (QStringList{u"the head and the tail of a long line"_qs}));
}

void Tst_LogFilterModel::bigLogIsFilteredInTheBackground()
{
    m_log->setStartReached(); // read from the start
    QVERIFY(m_log->append(bigLines(0, bigLineCount)));
    QVERIFY(m_log->spill().byteSize() > LogSpillSearch::blockBytes);
    QSignalSpy inserted(m_filter.get(), &LogFilterModel::rowsInserted);
    QSignalSpy searching(m_filter.get(), &LogFilterModel::searchingChanged);
    int notAtTheEnd = 0;
    connect(m_filter.get(), &LogFilterModel::rowsInserted, this,
            [this, &notAtTheEnd](const QModelIndex &, int, int last) {
                notAtTheEnd += last + 1 != m_filter->rowCount();
            });
    m_filter->setPattern({QStringLiteral("worker-3"), false, Qt::CaseSensitive});
    QVERIFY(m_filter->isSearching()); // not on this thread
    QCOMPARE(m_filter->rowCount(), 0);
    QCOMPARE(searching.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!m_filter->isSearching(), 60000);
    // The first match first (handed over on its own, joined by as many as
    // came before this thread took it), then the rest in a few batches at the end.
    QVERIFY(inserted.size() < 100);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(notAtTheEnd, 0);
    QCOMPARE(keptIds(*m_filter), expectedIds({QStringLiteral("worker-3"), false, Qt::CaseSensitive}, false, 0, 0));
    QCOMPARE(m_filter->index(0, 0).data().toString(), bigLine(3));
    QCOMPARE(m_filter->progress(), 1000);
    QCOMPARE(searching.size(), 2);
    QVERIFY(!m_filter->wasCancelled());
}

void Tst_LogFilterModel::findsAMatchNeverScrolledTo()
{
    // Opened at the end; the lines above came backwards and were never shown (parsed).
    QVERIFY(m_log->append(bigLines(50000, bigLineCount)));
    for (int end = 50000; end > 0; end -= 10000)
        QVERIFY(m_log->prepend(bigLines(end - 10000, end)));
    m_filter->setPattern({QStringLiteral("^row 0000017 "), true, Qt::CaseInsensitive});
    QVERIFY(m_filter->isSearching());
    QTRY_COMPARE_WITH_TIMEOUT(m_filter->rowCount(), 1, 60000);
    QCOMPARE(m_filter->lineIdAt(0), 17 - 50000);
    QCOMPARE(m_filter->index(0, 0).data().toString(), bigLine(17));
    QCOMPARE(m_filter->mapToSource(m_filter->index(0, 0)).row(), 17);
}

void Tst_LogFilterModel::bigLogWithLinesArrivingMeanwhile_data()
{
    QTest::addColumn<LogPattern>("pattern");
    QTest::addColumn<bool>("inverted");
    QTest::addColumn<int>("context");
    QTest::addColumn<int>("runs"); // -1: not checked
    QTest::newRow("plain") << LogPattern{QStringLiteral("17 WORKER"), false, Qt::CaseInsensitive} << false << 0 << -1;
    QTest::newRow("context") << LogPattern{QStringLiteral("017 w"), false, Qt::CaseSensitive} << false << 3 << 60;
    // Matches on both sides of where the parts meet.
    QTest::newRow("regex, context at the seams")
        << LogPattern{QStringLiteral("^row \\d{4}(999|000) "), true, Qt::CaseSensitive} << false << 2 << -1;
    // Every line but one: two runs, not 59,999 entries.
    QTest::newRow("inverted") << LogPattern{QStringLiteral("row 0012345 "), false, Qt::CaseSensitive} << true << 0 << 2;
    QTest::newRow("inverted, context") << LogPattern{QStringLiteral("worker-[1-7]"), true, Qt::CaseSensitive} << true
                                       << 1 << -1;
}

void Tst_LogFilterModel::bigLogWithLinesArrivingMeanwhile()
{
    QFETCH(LogPattern, pattern);
    QFETCH(bool, inverted);
    QFETCH(int, context);
    QFETCH(int, runs);
    // Opened at line 40,000: the filter starts there, the lines above
    // arrive backwards in chunks and more at the end, all while it runs.
    QVERIFY(m_log->append(bigLines(40000, 52000)));
    QVERIFY(m_log->spill().byteSize() > LogSearch::syncSearchBytes);
    m_filter->setInverted(inverted);
    m_filter->setContextLines(context);
    m_filter->setPattern(pattern);
    QVERIFY(m_filter->isSearching());
    QTRY_VERIFY_WITH_TIMEOUT(!m_filter->isSearching(), 60000);
    // Context reaching past the ends comes with the lines there.
    QVERIFY(m_log->prepend(bigLines(32000, 40000)));
    QVERIFY(m_log->append(bigLines(52000, 53000)));
    QVERIFY(m_filter->isSearching());
    for (int end = 32000; end > 0; end -= 8000)
        QVERIFY(m_log->prepend(bigLines(end - 8000, end)));
    m_log->setStartReached();
    for (int first = 53000; first < bigLineCount; first += 1000)
        QVERIFY(m_log->append(bigLines(first, first + 1000)));
    QTRY_VERIFY_WITH_TIMEOUT(!m_filter->isSearching(), 60000);
    const std::vector<qint64> expected = expectedIds(pattern, inverted, context, -40000);
    QVERIFY(!expected.empty());
    QCOMPARE(m_filter->rowCount(), int(expected.size()));
    QVERIFY(keptIds(*m_filter) == expected);
    if (runs >= 0)
        QCOMPARE(m_filter->runCount(), runs);
    QCOMPARE(m_filter->rowOfLineId(expected.back()), int(expected.size()) - 1);
}

void Tst_LogFilterModel::cancelKeepsWhatWasFound()
{
    m_log->setStartReached(); // read from the start
    // Many blocks: on a busy machine the GUI thread may take the first hits late.
    constexpr int lineCount = 8 * bigLineCount;
    QVERIFY(m_log->append(bigLines(0, lineCount)));
    m_filter->setPattern({QStringLiteral("worker-0"), false, Qt::CaseSensitive});
    // Stopped as the first matches come (one batch, or more than the first
    // line when the GUI thread was slow to take them): the search goes on.
    int keptAtCancel = 0;
    connect(
        m_filter.get(), &LogFilterModel::rowsInserted, m_filter.get(),
        [this, &keptAtCancel] {
            m_filter->cancel();
            keptAtCancel = m_filter->rowCount();
        },
        Qt::SingleShotConnection);
    QSignalSpy searching(m_filter.get(), &LogFilterModel::searchingChanged);
    QVERIFY(searching.wait(60000));
    QCOMPARE(searching.last().at(0).toBool(), false);
    QVERIFY(m_filter->wasCancelled());
    QVERIFY(keptAtCancel >= 1 && keptAtCancel < lineCount / 8);
    QCOMPARE(m_filter->rowCount(), keptAtCancel);
    QCOMPARE(m_filter->index(0, 0).data().toString(), bigLine(0));
    // Lines that arrive later are filtered; the rest of the old ones stay left.
    QVERIFY(m_log->append("worker-0 again\nworker-1\n"));
    QTRY_COMPARE_WITH_TIMEOUT(m_filter->rowCount(), keptAtCancel + 1, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_filter->isSearching(), 60000);
    QCOMPARE(m_filter->rowCount(), keptAtCancel + 1);
    QCOMPARE(m_filter->index(keptAtCancel, 0).data().toString(), u"worker-0 again");
    QVERIFY(m_filter->wasCancelled());
    // A new pattern filters everything again.
    m_filter->setPattern({QStringLiteral("worker-1"), false, Qt::CaseSensitive});
    QVERIFY(!m_filter->wasCancelled());
    QTRY_VERIFY_WITH_TIMEOUT(!m_filter->isSearching(), 60000);
    QCOMPARE(m_filter->rowCount(), lineCount / 8 + 1);
}

QTEST_GUILESS_MAIN(Tst_LogFilterModel)
#include "tst_logfiltermodel.moc"
