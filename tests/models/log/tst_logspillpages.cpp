// LogSpillPages: the spill's lines parsed a page at a time are the lines
// AnsiParser makes of the whole log; few pages are kept; pages follow the
// spill as it grows at either end.
#include <log/logspill.h>
#include <log/logspillpages.h>

#include <QStandardPaths>
#include <QTest>

using namespace Flotilla;

class Tst_LogSpillPages final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void linesAreWhatTheParserMakesOfTheWholeLog();
    void fewPagesAreKept();
    void pagesFollowTheSpill();
    void colourOpenAcrossAPageStart();
};

namespace {

// Colours closed on each line, CRLF, invalid UTF-8, empty and long lines.
QByteArray sampleLog(int lines)
{
    QByteArray log;
    for (int i = 0; i < lines; ++i) {
        switch (i % 6) {
        case 0: log += "line " + QByteArray::number(i) + "\r\n"; break;
        case 1: log += "\x1b[1;31mERROR\x1b[0m item " + QByteArray::number(i) + "\n"; break;
        case 2: log += "bad \xff\xc3 utf-8\n"; break;
        case 3: log += "\n"; break;
        case 4: log += QByteArray(i % 1000 == 4 ? 5000 : 80, 'x') + "\n"; break;
        default: log += "caf\xc3\xa9 \x1b[32mok\x1b[0m\n"; break;
        }
    }
    return log;
}

ParsedLines parseWhole(const QByteArray &log)
{
    ParsedLines lines;
    AnsiParser parser;
    parser.feed(QByteArrayView(log), lines);
    parser.finish(lines);
    return lines;
}

} // namespace

void Tst_LogSpillPages::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void Tst_LogSpillPages::linesAreWhatTheParserMakesOfTheWholeLog()
{
    const QByteArray log = sampleLog(5000) + "no newline at the end";
    const ParsedLines whole = parseWhole(log);
    // Opened in the middle: the part above came backwards.
    LogSpill spill;
    const qsizetype middle = log.indexOf('\n', log.size() / 2) + 1;
    QVERIFY(spill.append(log.sliced(middle)));
    for (qsizetype end = middle; end > 0; end -= 7000)
        QVERIFY(spill.prepend(log.sliced(std::max<qsizetype>(0, end - 7000), end - std::max<qsizetype>(0, end - 7000))));
    spill.setStartReached();
    spill.finish();
    QCOMPARE(spill.lineCount(), whole.lineCount());

    LogSpillPages pages(&spill);
    // Scrolled from the bottom up, as a user opening the end would.
    for (qsizetype i = whole.lineCount() - 1; i >= 0; --i) {
        const qint64 line = spill.firstLine() + i;
        if (pages.lineUtf8(line) != whole.lineUtf8(i) || pages.lineSpans(line) != whole.lineSpans(i))
            QFAIL(qPrintable(QStringLiteral("line %1 differs").arg(i)));
    }
    QCOMPARE(pages.lineText(spill.endLine() - 1), QStringLiteral("no newline at the end"));
}

void Tst_LogSpillPages::fewPagesAreKept()
{
    LogSpill spill;
    QVERIFY(spill.append(sampleLog(20 * 1024)));
    LogSpillPages pages(&spill, 3);
    for (qint64 line = 0; line < spill.endLine(); ++line)
        pages.lineUtf8(line);
    QCOMPARE(pages.parsedPageCount(), 20);
    QCOMPARE(pages.keptPageCount(), 3);
    // Back and forth within the kept pages parses nothing again.
    pages.lineUtf8(19 * 1024);
    pages.lineUtf8(17 * 1024 + 5);
    pages.lineUtf8(18 * 1024 + 1023);
    QCOMPARE(pages.parsedPageCount(), 20);
    pages.lineUtf8(0);
    QCOMPARE(pages.parsedPageCount(), 21);
    QCOMPARE(pages.keptPageCount(), 3);
}

void Tst_LogSpillPages::pagesFollowTheSpill()
{
    LogSpill spill;
    QVERIFY(spill.append("c\nd\n"));
    LogSpillPages pages(&spill);
    QCOMPARE(pages.lineText(1), QStringLiteral("d"));
    QVERIFY(spill.append("e\n"));
    QCOMPARE(pages.lineText(2), QStringLiteral("e"));
    QVERIFY(spill.prepend("a\nb\n"));
    QCOMPARE(pages.lineText(-2), QStringLiteral("a"));
    QCOMPARE(pages.lineText(0), QStringLiteral("c"));
    QCOMPARE(pages.keptPageCount(), 2); // pages -1024..-1 and 0..1023

    // Opened inside a long line: the chunk above completes the first line.
    LogSpill inside;
    QVERIFY(inside.append("end of a long line\nnext\n"));
    LogSpillPages insidePages(&inside);
    QCOMPARE(insidePages.lineText(0), QStringLiteral("end of a long line"));
    QVERIFY(inside.prepend("start, "));
    QCOMPARE(insidePages.lineText(0), QStringLiteral("start, end of a long line"));
    QCOMPARE(insidePages.lineText(1), QStringLiteral("next"));
    QVERIFY(inside.prepend("above\nlong line's "));
    QCOMPARE(insidePages.lineText(-1), QStringLiteral("above"));
    QCOMPARE(insidePages.lineText(0), QStringLiteral("long line's start, end of a long line"));
}

void Tst_LogSpillPages::colourOpenAcrossAPageStart()
{
    // Red opened on line 1023 and closed on line 1025.
    QByteArray log;
    for (int i = 0; i < 1023; ++i)
        log += "plain\n";
    log += "\x1b[31mred starts\nstill red\nred ends\x1b[0m\n";
    const ParsedLines whole = parseWhole(log);
    QVERIFY(!whole.lineSpans(1024).isEmpty());
    LogSpill spill;
    QVERIFY(spill.append(log));
    LogSpillPages pages(&spill);
    QCOMPARE(pages.lineSpans(1023), whole.lineSpans(1023));
    QCOMPARE(pages.lineText(1024), QStringLiteral("still red"));
    QCOMPARE(pages.lineSpans(1024), whole.lineSpans(1024));
    QCOMPARE(pages.lineSpans(1025), whole.lineSpans(1025));

    // The page below read first (a log opened at its end): the page above is read for its style.
    LogSpillPages fromBelow(&spill);
    QCOMPARE(fromBelow.lineSpans(1025), whole.lineSpans(1025));
    QCOMPARE(fromBelow.lineSpans(1024), whole.lineSpans(1024));
    QCOMPARE(fromBelow.lineSpans(1023), whole.lineSpans(1023));
    QCOMPARE(fromBelow.lineSpans(0), whole.lineSpans(0));
}

QTEST_GUILESS_MAIN(Tst_LogSpillPages)
#include "tst_logspillpages.moc"
