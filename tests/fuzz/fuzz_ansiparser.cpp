// AnsiParser (models/ansiparser): log text with ANSI escapes, as a run
// prints it. The input is the text. It is parsed three ways, which must
// agree line for line and span for span:
//  - as UTF-8 bytes in one piece;
//  - as UTF-8 bytes cut into small pieces (anywhere: inside escape
//    sequences, "\r\n" and UTF-8 characters), as chunks arrive from a server;
//  - as the UTF-16 text of the same bytes, in one piece.
// Every line holds no escape or control character but tab, ends in its own
// '\n', and its spans lie inside it, in order, without overlap.

#include <log/ansiparser.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Flotilla;

namespace {

void fail(const char *what, const QByteArray &input)
{
    std::fprintf(stderr, "%s (input: %s)\n", what, input.toPercentEncoding().constData());
    std::abort();
}

bool same(const ParsedLines &a, const ParsedLines &b)
{
    return a.text == b.text && a.lineEnds == b.lineEnds && a.spans == b.spans && a.spanEnds == b.spanEnds;
}

void checkLines(const ParsedLines &lines, const QByteArray &input)
{
    if (lines.spanEnds.size() != lines.lineEnds.size())
        fail("lines and span ends differ in number", input);
    qsizetype lineStart = 0;
    for (qsizetype line = 0; line < lines.lineCount(); ++line) {
        const qsizetype end = lines.lineEnds[size_t(line)];
        if (end < lineStart || end >= lines.text.size() || lines.text.at(end) != '\n')
            fail("a line does not end in its own newline", input);
        const QByteArrayView utf8 = lines.lineUtf8(line);
        for (const char c : utf8) {
            if ((uchar(c) < 0x20 && c != '\t') || c == 0x7f)
                fail("a control character or escape is left in a line", input);
        }
        const auto length = qint32(QString::fromUtf8(utf8).size());
        qint32 spanStart = 0;
        for (const ColourSpan &span : lines.lineSpans(line)) {
            if (span.length <= 0 || span.start < spanStart || span.start + span.length > length)
                fail("a span is empty, out of order or outside its line", input);
            spanStart = span.start + span.length;
        }
        lineStart = end + 1;
    }
    if (lineStart != lines.text.size())
        fail("text follows the last line", input);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));

    AnsiParser parser;
    ParsedLines whole;
    parser.feed(QByteArrayView(input), whole);
    parser.finish(whole);
    checkLines(whole, input);

    parser.reset();
    ParsedLines pieces;
    // Piece sizes 1..11 in a pattern that depends on the input's size, so the
    // cuts move as the fuzzer grows an input.
    qsizetype at = 0;
    for (qsizetype piece = 0; at < input.size(); ++piece) {
        const qsizetype length = std::min<qsizetype>(1 + (piece * 7 + input.size()) % 11, input.size() - at);
        parser.feed(QByteArrayView(input).sliced(at, length), pieces);
        at += length;
    }
    parser.finish(pieces);
    if (!same(whole, pieces))
        fail("text cut into pieces parses differently from the whole", input);

    parser.reset();
    ParsedLines utf16;
    parser.feed(QStringView(QString::fromUtf8(input)), utf16);
    parser.finish(utf16);
    if (!same(whole, utf16))
        fail("the UTF-16 text parses differently from its UTF-8 bytes", input);
    return 0;
}
