// AnsiParser: colours, escape sequences and UTF-8 characters cut anywhere.
#include <log/ansiparser.h>

#include <QTest>

using namespace Flotilla;

namespace {

struct Line
{
    QString text;
    QList<ColourSpan> spans;
    friend bool operator==(const Line &, const Line &) = default;
};

QList<Line> linesOf(const ParsedLines &parsed)
{
    QList<Line> lines;
    for (qsizetype i = 0; i < parsed.lineCount(); ++i)
        lines.append({QString::fromUtf8(parsed.lineUtf8(i)), parsed.lineSpans(i)});
    return lines;
}

// Parses `utf8` cut into pieces at `cuts` (byte offsets).
QList<Line> parseCut(const QByteArray &utf8, const QList<qsizetype> &cuts)
{
    AnsiParser parser;
    ParsedLines parsed;
    qsizetype from = 0;
    for (const qsizetype cut : cuts) {
        parser.feed(QByteArrayView(utf8).sliced(from, cut - from), parsed);
        from = cut;
    }
    parser.feed(QByteArrayView(utf8).sliced(from), parsed);
    parser.finish(parsed);
    return linesOf(parsed);
}

const QByteArray colourful = "plain \x1b[1;31mbold red\x1b[0m then \x1b[38;5;33mxterm\x1b[39m"
                             " \x1b[48;2;1;2;3mtrue\x1b[m\n"
                             "\x1b[32mgreen across\nlines\x1b[0m done\n"
                             "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \x1b[4munder\x1b[24m\n";

} // namespace

class Tst_AnsiParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainText();
    void colourSpans();
    void styleIsCarriedAcrossLines();
    void otherSequencesAndControlsAreDropped();
    void escapeCutAtEveryPosition();
    void utf8CutInsideEveryCharacter();
    void brokenUtf8CutAnywhereReadsAsWhole();
    void finishCompletesTheLastLine();
    void escapeBeforeACharacterOutsideTheBmp();
};

void Tst_AnsiParser::plainText()
{
    const QList<Line> lines = parseCut("one\ntwo\r\n\nlast\n", {});
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[0].text, u"one");
    QCOMPARE(lines[1].text, u"two");
    QCOMPARE(lines[2].text, QString());
    QCOMPARE(lines[3].text, u"last");
    QVERIFY(lines[0].spans.isEmpty());
}

void Tst_AnsiParser::colourSpans()
{
    const QList<Line> lines = parseCut(colourful, {});
    QCOMPARE(lines[0].text, u"plain bold red then xterm true");
    const QList<ColourSpan> spans = lines[0].spans;
    QCOMPARE(spans.size(), 3);
    QCOMPARE(spans[0], (ColourSpan{6, 8, 0xffcd0000, 0, ColourSpan::Bold}));
    QCOMPARE(spans[1], (ColourSpan{20, 5, qRgb(0, 135, 255), 0, 0}));
    QCOMPARE(spans[2], (ColourSpan{26, 4, 0, qRgb(1, 2, 3), 0}));
    QCOMPARE(lines[3].text, QStringLiteral("café € 😀 under"));
    QCOMPARE(lines[3].spans, (QList<ColourSpan>{{10, 5, 0, 0, ColourSpan::Underline}}));
}

void Tst_AnsiParser::styleIsCarriedAcrossLines()
{
    const QList<Line> lines = parseCut(colourful, {});
    QCOMPARE(lines[1].text, u"green across");
    QCOMPARE(lines[1].spans, (QList<ColourSpan>{{0, 12, 0xff00cd00, 0, 0}}));
    QCOMPARE(lines[2].text, u"lines done");
    QCOMPARE(lines[2].spans, (QList<ColourSpan>{{0, 5, 0xff00cd00, 0, 0}}));
}

void Tst_AnsiParser::otherSequencesAndControlsAreDropped()
{
    const QList<Line> lines = parseCut("a\x1b[2Kb\x1b]0;title\x07"
                                       "c\x1b(Bd\x01\x7f\x1b[7me\rf\n",
                                       {});
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines[0].text, u"abcdef");
    QCOMPARE(lines[0].spans, (QList<ColourSpan>{{4, 2, 0, 0, ColourSpan::Inverse}}));
}

void Tst_AnsiParser::escapeCutAtEveryPosition()
{
    const QList<Line> whole = parseCut(colourful, {});
    for (qsizetype cut = 1; cut < colourful.size(); ++cut)
        QVERIFY2(parseCut(colourful, {cut}) == whole, qPrintable(QStringLiteral("cut at byte %1").arg(cut)));
    // And as text pieces, the way LogTailer hands them out.
    const QString text = QString::fromUtf8(colourful);
    for (qsizetype cut = 1; cut < text.size(); ++cut) {
        AnsiParser parser;
        ParsedLines parsed;
        parser.feed(QStringView(text).first(cut), parsed);
        parser.feed(QStringView(text).sliced(cut), parsed);
        parser.finish(parsed);
        QVERIFY2(linesOf(parsed) == whole, qPrintable(QStringLiteral("cut at character %1").arg(cut)));
    }
}

void Tst_AnsiParser::utf8CutInsideEveryCharacter()
{
    const QByteArray utf8 = "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\n";
    for (qsizetype first = 1; first < utf8.size(); ++first)
        for (qsizetype second = first + 1; second < utf8.size(); ++second)
            QCOMPARE(parseCut(utf8, {first, second}).value(0).text, QStringLiteral("é€😀"));
}

// A lead byte at the end of a piece that the next piece does not continue
// (Qt 6.4's QStringDecoder swallowed the next character; fuzz_ansiparser).
void Tst_AnsiParser::brokenUtf8CutAnywhereReadsAsWhole()
{
    const QByteArray utf8 = "r\xd3"
                            "d \x8a\xe2\x82"
                            "x\xf0\x9f\n";
    const QString whole = QString::fromUtf8(utf8).chopped(1);
    QCOMPARE(whole, QStringLiteral("r\ufffdd \ufffd\ufffd\ufffdx\ufffd\ufffd")); // one per byte
    for (qsizetype cut = 1; cut < utf8.size(); ++cut)
        QCOMPARE(parseCut(utf8, {cut}).value(0).text, whole);
}

void Tst_AnsiParser::finishCompletesTheLastLine()
{
    AnsiParser parser;
    ParsedLines parsed;
    parser.feed(QByteArrayView("one\ntw"), parsed);
    QCOMPARE(parsed.lineCount(), 1);
    QCOMPARE(parser.pendingLine(), u"tw");
    parser.feed(QByteArrayView("o\x1b[3"), parsed);
    parser.finish(parsed);
    QCOMPARE(linesOf(parsed).value(1).text, u"two");
    QCOMPARE(parsed.text, QByteArray("one\ntwo\n"));
}

// ESC before a 4-byte character took only its high surrogate; the low one
// left behind waited in a shared encoder and came out at the start of the
// next parse as a replacement character (fuzz_ansiparser).
void Tst_AnsiParser::escapeBeforeACharacterOutsideTheBmp()
{
    const QByteArray utf8 = "a\x1b\xf3\x8a\x8a\x8a\n";
    QCOMPARE(parseCut(utf8, {}).value(0).text, QStringLiteral("a") + QString::fromUtf8("\xf3\x8a\x8a\x8a"));
    QCOMPARE(parseCut("b\n", {}).value(0).text, u"b");
    // Nor does ESC take a newline or any other control character with it.
    const QList<Line> lines = parseCut("c\x1b\nd\x1b\te\n", {});
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.value(0).text, u"c");
    QCOMPARE(lines.value(1).text, u"d\te");
}

QTEST_GUILESS_MAIN(Tst_AnsiParser)
#include "tst_ansiparser.moc"
