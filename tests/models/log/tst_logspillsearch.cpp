// LogSpillSearch: the whole spill searched off the GUI thread with
// LogMatcher's semantics, the first hit at once, the filter's lines, cancel.
#include <log/logspill.h>
#include <log/logspillsearch.h>

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Flotilla;

class Tst_LogSpillSearch final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void hitsAreWhatLogMatcherFinds_data();
    void hitsAreWhatLogMatcherFinds();
    void firstHitComesFirst();
    void findsInAPartReadBackwards();
    void linesModeGivesEachLineOnce();
    void withoutKeepingHitsOnlyTheLastBatchIsHeld();
    void cancelEndsTheSearchQuietly();
    void stopsAtMaxHits();
    void invalidRegexFinishesWithItsError();
    void oneLineAndEmptyLogs();
};

namespace {

// ~100-byte lines, over 2 search blocks for 50,000 of them; every 9th has
// CRLF, every 11th invalid UTF-8, every 13th a "café", every 17th colours.
QByteArray sampleLog(int lines)
{
    QByteArray log;
    for (int i = 0; i < lines; ++i) {
        QByteArray line = "2026-12-04T13:00:00Z worker-" + QByteArray::number(i % 8) + " processed item "
                          + QByteArray::number(i).rightJustified(7, '0') + ", payload abcdefghijklmnopqrstuvwxyz";
        if (i % 11 == 0)
            line += " \xff\xc3";
        if (i % 13 == 0)
            line += " CAF\xc3\x89 caf\xc3\xa9";
        if (i % 17 == 0)
            line += " \x1b[31mERROR\x1b[0m";
        line += QByteArray(100 - line.size() % 50, '.');
        log += line + (i % 9 == 0 ? "\r\n" : "\n");
    }
    return log;
}

// What LogMatcher::ranges gives line by line: the oracle.
std::vector<LogSpillHit> expectedHits(const QByteArray &log, const LogPattern &pattern, qint64 firstLine,
                                      bool firstPerLine)
{
    const LogMatcher matcher(pattern);
    std::vector<LogSpillHit> hits;
    qint64 line = firstLine;
    QList<QByteArray> lines = log.split('\n');
    if (lines.last().isEmpty()) // after the last newline
        lines.removeLast();
    for (const QByteArray &bytes : lines) {
        QByteArray text = bytes;
        if (text.endsWith('\r'))
            text.chop(1);
        for (const auto &[column, length] : matcher.ranges(QString::fromUtf8(text))) {
            hits.push_back({line, column, length});
            if (firstPerLine)
                break;
        }
        ++line;
    }
    return hits;
}

std::unique_ptr<LogSpill> spillOf(const QByteArray &log)
{
    auto spill = std::make_unique<LogSpill>();
    if (!spill->append(log))
        qFatal("cannot write the spill: %s", qPrintable(spill->errorString()));
    spill->setStartReached();
    spill->finish();
    return spill;
}

// Runs a search to its end and gives its hits.
std::vector<LogSpillHit> searchAll(const LogSpillContent &content, const LogPattern &pattern,
                                   LogSpillSearch::Mode mode = LogSpillSearch::Mode::Hits)
{
    LogSpillSearch search;
    QSignalSpy finished(&search, &LogSpillSearch::finished);
    search.start(content, pattern, mode);
    if (!finished.wait(60000))
        qFatal("the search did not finish");
    return search.hits();
}

} // namespace

void Tst_LogSpillSearch::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void Tst_LogSpillSearch::hitsAreWhatLogMatcherFinds_data()
{
    QTest::addColumn<LogPattern>("pattern");
    QTest::newRow("plain, any case") << LogPattern{QStringLiteral("ITEM 00123"), false, Qt::CaseInsensitive};
    QTest::newRow("plain, case") << LogPattern{QStringLiteral("worker-3 p"), false, Qt::CaseSensitive};
    QTest::newRow("plain, after invalid UTF-8") << LogPattern{QStringLiteral("...."), false, Qt::CaseSensitive};
    QTest::newRow("non-ASCII, any case") << LogPattern{QStringLiteral("café"), false, Qt::CaseInsensitive};
    QTest::newRow("regex") << LogPattern{QStringLiteral("item 0*4\\d?7,"), true, Qt::CaseInsensitive};
    QTest::newRow("regex at the line's end") << LogPattern{QStringLiteral("\\.{3}$"), true, Qt::CaseSensitive};
    QTest::newRow("in colours") << LogPattern{QStringLiteral("error"), false, Qt::CaseInsensitive};
}

void Tst_LogSpillSearch::hitsAreWhatLogMatcherFinds()
{
    QFETCH(LogPattern, pattern);
    const QByteArray log = sampleLog(50000);
    QVERIFY(log.size() > LogSpillSearch::blockBytes);
    const auto spill = spillOf(log);
    const std::vector<LogSpillHit> hits = searchAll(spill->snapshot(), pattern);
    QVERIFY(!hits.empty());
    QVERIFY(hits == expectedHits(log, pattern, 0, false));
}

void Tst_LogSpillSearch::firstHitComesFirst()
{
    const QByteArray log = sampleLog(50000);
    const auto spill = spillOf(log);
    LogSpillSearch search;
    QSignalSpy found(&search, &LogSpillSearch::hitsFound);
    QSignalSpy progress(&search, &LogSpillSearch::progressChanged);
    QSignalSpy finished(&search, &LogSpillSearch::finished);
    search.start(spill->snapshot(), {QStringLiteral("payload"), false, Qt::CaseSensitive});
    QVERIFY(search.isRunning());
    QVERIFY(finished.wait(60000));
    QVERIFY(!search.isRunning());
    // The worker hands the first hit over on its own; how many hits join it
    // depends on how soon this thread takes them (CI's busy machine: all).
    QCOMPARE(found.first().at(0).value<qsizetype>(), 0);
    QVERIFY(found.first().at(1).value<qsizetype>() >= 1);
    QCOMPARE(search.hits().size(), 50000u);
    QCOMPARE(search.hits().back().line, 49999);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toInt(), 1000);
}

void Tst_LogSpillSearch::findsInAPartReadBackwards()
{
    // Opened at line 30,000's end; the lines above came backwards, never shown.
    const QByteArray log = sampleLog(40000);
    const qsizetype origin = log.indexOf("item 0030000");
    const qsizetype originLine = log.lastIndexOf('\n', origin) + 1;
    LogSpill spill;
    QVERIFY(spill.append(log.sliced(originLine)));
    for (qsizetype end = originLine; end > 0; end -= 1024 * 1024)
        QVERIFY(spill.prepend(
            log.sliced(std::max<qsizetype>(0, end - 1024 * 1024), end - std::max<qsizetype>(0, end - 1024 * 1024))));
    const LogPattern pattern{QStringLiteral("item 0000017,"), false, Qt::CaseInsensitive};
    const std::vector<LogSpillHit> hits = searchAll(spill.snapshot(), pattern);
    QCOMPARE(hits.size(), 1u);
    QCOMPARE(hits[0].line, 17 - 30000);
    QCOMPARE(hits[0].column, 40);
    spill.setStartReached();
    QCOMPARE(spill.absoluteLine(hits[0].line), 17);
    QVERIFY(spill.readLines(hits[0].line, 1).contains("item 0000017,"));
}

void Tst_LogSpillSearch::linesModeGivesEachLineOnce()
{
    const QByteArray log = sampleLog(20000);
    const auto spill = spillOf(log);
    const LogPattern pattern{QStringLiteral("a"), false, Qt::CaseInsensitive}; // several per line
    const std::vector<LogSpillHit> lines = searchAll(spill->snapshot(), pattern, LogSpillSearch::Mode::Lines);
    QCOMPARE(lines.size(), 20000u);
    QVERIFY(lines == expectedHits(log, pattern, 0, true));
    const LogPattern regex{QStringLiteral("caf."), true, Qt::CaseInsensitive};
    QVERIFY(searchAll(spill->snapshot(), regex, LogSpillSearch::Mode::Lines) == expectedHits(log, regex, 0, true));
}

void Tst_LogSpillSearch::withoutKeepingHitsOnlyTheLastBatchIsHeld()
{
    const auto spill = spillOf(sampleLog(50000));
    LogSpillSearch search;
    search.setKeepingHits(false);
    QSignalSpy searched(&search, &LogSpillSearch::linesSearched);
    QSignalSpy finished(&search, &LogSpillSearch::finished);
    qsizetype reported = 0;
    qsizetype lastBatch = 0;
    qint64 lastLine = -1;
    connect(&search, &LogSpillSearch::hitsFound, this, [&](qsizetype first, qsizetype count) {
        QCOMPARE(first, 0);
        QCOMPARE(qsizetype(search.hits().size()), count);
        QVERIFY(search.hits().front().line > lastLine);
        lastLine = search.hits().back().line;
        reported += count;
        lastBatch = count;
    });
    search.start(spill->snapshot(), {QStringLiteral("payload"), false, Qt::CaseSensitive}, LogSpillSearch::Mode::Lines);
    QVERIFY(finished.wait(60000));
    QCOMPARE(reported, 50000);
    QCOMPARE(search.hitCount(), 50000);
    // How many batches there are depends on how busy this thread was; what is held never outlives its batch.
    QCOMPARE(qsizetype(search.hits().size()), lastBatch);
    // Each wake-up says how far the search got, ascending, up to the end.
    QVERIFY(!searched.isEmpty());
    for (qsizetype i = 1; i < searched.size(); ++i)
        QVERIFY(searched.at(i).at(0).toLongLong() > searched.at(i - 1).at(0).toLongLong());
    QCOMPARE(searched.last().at(0).toLongLong(), 50000);
}

void Tst_LogSpillSearch::cancelEndsTheSearchQuietly()
{
    const auto spill = spillOf(sampleLog(100000));
    LogSpillSearch search;
    QSignalSpy found(&search, &LogSpillSearch::hitsFound);
    QSignalSpy finished(&search, &LogSpillSearch::finished);
    search.start(spill->snapshot(), {QStringLiteral("payload"), false, Qt::CaseSensitive});
    QVERIFY(found.wait(60000));
    search.cancel();
    QVERIFY(!search.isRunning());
    const qsizetype reported = found.size();
    const qsizetype finishedBefore = finished.size(); // 1 when a busy thread took every block at the end
    QVERIFY(!search.hits().empty());
    // A new search runs to its end; nothing of the old one comes meanwhile.
    search.start(spill->snapshot(), {QStringLiteral("no such text"), false, Qt::CaseSensitive});
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.size(), finishedBefore + 1);
    QCOMPARE(found.size(), reported);
    QVERIFY(search.hits().empty());
}

void Tst_LogSpillSearch::stopsAtMaxHits()
{
    const auto spill = spillOf(sampleLog(1000));
    LogSpillSearch search;
    search.setMaxHits(10);
    QSignalSpy finished(&search, &LogSpillSearch::finished);
    search.start(spill->snapshot(), {QStringLiteral("payload"), false, Qt::CaseSensitive});
    QVERIFY(finished.wait(60000));
    QCOMPARE(search.hits().size(), 10u);
    QVERIFY(search.truncated());
}

void Tst_LogSpillSearch::invalidRegexFinishesWithItsError()
{
    const auto spill = spillOf(sampleLog(10));
    LogSpillSearch search;
    QSignalSpy finished(&search, &LogSpillSearch::finished);
    search.start(spill->snapshot(), {QStringLiteral("(unclosed"), true, Qt::CaseSensitive});
    QCOMPARE(finished.size(), 1);
    QVERIFY(search.errorString().contains(u"regular expression"));
    QVERIFY(search.hits().empty());
}

void Tst_LogSpillSearch::oneLineAndEmptyLogs()
{
    const auto one = spillOf("just one line without a newline");
    const std::vector<LogSpillHit> hits = searchAll(one->snapshot(),
                                                    {QStringLiteral("newline"), false, Qt::CaseSensitive});
    QCOMPARE(hits.size(), 1u);
    QCOMPARE(hits[0], (LogSpillHit{0, 24, 7}));
    const auto empty = spillOf({});
    QVERIFY(searchAll(empty->snapshot(), {QStringLiteral("x"), false, Qt::CaseSensitive}).empty());
    QVERIFY(searchAll(empty->snapshot(), {QStringLiteral("^"), true, Qt::CaseSensitive}).empty());
}

QTEST_GUILESS_MAIN(Tst_LogSpillSearch)
#include "tst_logspillsearch.moc"
