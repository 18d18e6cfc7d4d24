// LogMatcher and LogSearch: plain and regex, case, lines that arrive later,
// hits that outlive dropped lines.
#include <parsedlines.h>

#include <log/logmodel.h>

#include <algorithm>
#include <log/logsearch.h>

#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_LogSearch final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matcherRanges();
    void invalidRegexSaysWhatToFix();
    void matchingRowsOfAModel();
    void regexDoesNotRunAcrossLines();
    void plainTextMatchesWholeCharacters();
    void searchFollowsNewLines();
    void nextAndPreviousWrapAround();
    void hitsFollowPrependedLines();
    void aLineLongerThanAChunkIsSearchedWhole();
};

namespace {

std::vector<qint64> hitIds(const LogSearch &search)
{
    std::vector<qint64> ids;
    for (qsizetype index = 0; index < search.hits().size(); ++index)
        ids.push_back(search.hits().at(index));
    return ids;
}

} // namespace

void Tst_LogSearch::matcherRanges()
{
    const LogMatcher plain({QStringLiteral("ab"), false, Qt::CaseInsensitive});
    QCOMPARE(plain.ranges(u"xAbyab"), (QList<std::pair<int, int>>{{1, 2}, {4, 2}}));
    QVERIFY(!LogMatcher({QStringLiteral("ab"), false, Qt::CaseSensitive}).matches(u"AB"));
    const LogMatcher regex({QStringLiteral("\\d+"), true, Qt::CaseSensitive});
    QCOMPARE(regex.ranges(u"a1b22"), (QList<std::pair<int, int>>{{1, 1}, {3, 2}}));
    QVERIFY(LogMatcher().ranges(u"anything").isEmpty());
    QVERIFY(!LogMatcher().matches(u"anything"));
}

void Tst_LogSearch::invalidRegexSaysWhatToFix()
{
    const LogMatcher broken({QStringLiteral("(unclosed"), true, Qt::CaseSensitive});
    QVERIFY(!broken.isValid());
    QVERIFY2(broken.errorString().contains(u"regular expression"), qPrintable(broken.errorString()));
    QVERIFY(!broken.matches(u"(unclosed"));
}

void Tst_LogSearch::matchingRowsOfAModel()
{
    LogModel model;
    model.append(numberedLines(1, 20000));
    const LogMatcher plain({QStringLiteral("LINE 1999"), false, Qt::CaseInsensitive});
    QCOMPARE(plain.matchingRows(model, 0, model.rowCount()),
             (std::vector<int>{1998, 19989, 19990, 19991, 19992, 19993, 19994, 19995, 19996, 19997, 19998}));
    const LogMatcher anchored({QStringLiteral("^line 1\\d{4}$"), true, Qt::CaseSensitive});
    QCOMPARE(anchored.matchingRows(model, 0, model.rowCount()).size(), size_t(10000));
    QCOMPARE(anchored.matchingRows(model, 19000, 19010).front(), 19000);
}

void Tst_LogSearch::plainTextMatchesWholeCharacters()
{
    LogModel model;
    model.append(QStringLiteral("Grüße aus Köln\nGRÜSSE\nab ab ab\nkÖln\nAB\n").toUtf8());
    const auto rows = [&model](const QString &text, Qt::CaseSensitivity caseSensitivity) {
        return LogMatcher({text, false, caseSensitivity}).matchingRows(model, 0, model.rowCount());
    };
    // Several hits on a line count it once; case folds on ASCII and beyond.
    QCOMPARE(rows(QStringLiteral("ab"), Qt::CaseInsensitive), (std::vector<int>{2, 4}));
    QCOMPARE(rows(QStringLiteral("ab"), Qt::CaseSensitive), (std::vector<int>{2}));
    QCOMPARE(rows(QStringLiteral("Köln"), Qt::CaseSensitive), (std::vector<int>{0}));
    QCOMPARE(rows(QStringLiteral("köln"), Qt::CaseInsensitive), (std::vector<int>{0, 3}));
    QCOMPARE(rows(QStringLiteral("ln\nk"), Qt::CaseInsensitive), (std::vector<int>{}));
}

void Tst_LogSearch::regexDoesNotRunAcrossLines()
{
    LogModel model;
    model.append("end a\nb start\nsolo a b\n");
    const LogMatcher spaced({QStringLiteral("a\\s+b"), true, Qt::CaseSensitive});
    QCOMPARE(spaced.matchingRows(model, 0, 3), (std::vector<int>{2}));
}

void Tst_LogSearch::searchFollowsNewLines()
{
    LogModel model;
    LogSearch search(&model);
    model.append("alpha\nbeta\n");
    search.setPattern({QStringLiteral("needle"), false, Qt::CaseInsensitive});
    QCOMPARE(search.hitCount(), 0);
    QSignalSpy changed(&search, &LogSearch::hitsChanged);
    model.append("a Needle\nhay\nneedle again\n");
    QVERIFY(!changed.isEmpty());
    QCOMPARE(hitIds(search), (std::vector<qint64>{2, 4}));
}

void Tst_LogSearch::nextAndPreviousWrapAround()
{
    LogModel model;
    model.append("x\nhit\nx\nhit\nx\nhit\n");
    LogSearch search(&model);
    QSignalSpy current(&search, &LogSearch::currentChanged);
    search.setPattern({QStringLiteral("hit"), false, Qt::CaseSensitive});
    search.next(2); // the first hit at or after line 2
    QCOMPARE(search.currentLineId(), 3);
    QCOMPARE(current.last()[0].toLongLong(), 3);
    search.next();
    QCOMPARE(search.currentLineId(), 5);
    search.next();
    QCOMPARE(search.currentLineId(), 1);
    search.previous();
    QCOMPARE(search.currentLineId(), 5);
    QCOMPARE(search.currentIndex(), 2);
}

// Lines read backwards arrive in front: their hits go before the others,
// and the current hit stays on its line.
void Tst_LogSearch::hitsFollowPrependedLines()
{
    LogModel model;
    LogSearch search(&model);
    search.setPattern({QStringLiteral("5$"), true, Qt::CaseSensitive});
    model.append(numberedLines(60001, 80000));
    search.next();
    const qint64 current = search.currentLineId();
    for (int batch = 5; batch >= 0; --batch)
        model.prepend(numberedLines(batch * 10000 + 1, batch * 10000 + 10000));
    QCOMPARE(search.hitCount(), 8000);
    const std::vector<qint64> ids = hitIds(search);
    QVERIFY(std::is_sorted(ids.begin(), ids.end()));
    for (const qint64 id : ids)
        QVERIFY(model.lineText(model.rowOfLineId(id)).endsWith(u"5"));
    QCOMPARE(search.currentLineId(), current);
    QCOMPARE(model.lineText(model.rowOfLineId(search.hits().front())), u"line 5");
}

// A log opened at its end may begin inside a line longer than the chunk
// read backwards: its first line is searched once it is known to be whole.
void Tst_LogSearch::aLineLongerThanAChunkIsSearchedWhole()
{
    LogModel model;
    LogSearch search(&model);
    search.setPattern({QStringLiteral("^(tail|head)"), true, Qt::CaseSensitive});
    QSignalSpy changed(&search, &LogSearch::hitsChanged);
    model.append("tail of a long line\ntail line\n");
    QCOMPARE(hitIds(search), (std::vector<qint64>{1}));
    model.prepend("the head and the "); // more of the same line
    QCOMPARE(hitIds(search), (std::vector<qint64>{1}));
    model.prepend("head line\nmore of "); // the whole of it, and a line that may not be whole
    QCOMPARE(model.lineText(1), u"more of the head and the tail of a long line");
    QCOMPARE(hitIds(search), (std::vector<qint64>{1}));
    changed.clear();
    model.setStartReached();
    QCOMPARE(hitIds(search), (std::vector<qint64>{-1, 1}));
    QCOMPARE(changed.size(), 1);
}

QTEST_GUILESS_MAIN(Tst_LogSearch)
#include "tst_logsearch.moc"
