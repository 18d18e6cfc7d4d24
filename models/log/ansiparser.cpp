#include "ansiparser.h"

#include <QStringEncoder>
#include <QVarLengthArray>

#include <array>
#include <utility>

namespace Flotilla {

namespace {

constexpr QChar escape(u'\x1b');
// Longer unfinished sequences are garbage, not a piece cut short.
constexpr qsizetype maxCsiLength = 64;
constexpr qsizetype maxOscLength = 4096;

// xterm's 16 colours.
constexpr std::array<QRgb, 16> basicColours = {
    0xff000000, 0xffcd0000, 0xff00cd00, 0xffcdcd00, 0xff0000ee, 0xffcd00cd, 0xff00cdcd, 0xffe5e5e5,
    0xff7f7f7f, 0xffff0000, 0xff00ff00, 0xffffff00, 0xff5c5cff, 0xffff00ff, 0xff00ffff, 0xffffffff,
};

QRgb xterm256(int index)
{
    if (index < 16)
        return basicColours[size_t(index)];
    if (index < 232) {
        static constexpr std::array<int, 6> levels = {0, 95, 135, 175, 215, 255};
        const int cube = index - 16;
        return qRgb(levels[size_t(cube / 36)], levels[size_t(cube / 6 % 6)], levels[size_t(cube % 6)]);
    }
    const int grey = 8 + 10 * (index - 232);
    return qRgb(grey, grey, grey);
}

bool isStyledLike(const ColourSpan &span, QRgb foreground, QRgb background, quint8 flags)
{
    return span.foreground == foreground && span.background == background && span.flags == flags;
}

} // namespace

QByteArrayView ParsedLines::lineUtf8(qsizetype line) const
{
    const qsizetype start = line ? lineEnds[size_t(line - 1)] + 1 : 0;
    return QByteArrayView(text.constData() + start, lineEnds[size_t(line)] - start);
}

int ParsedLines::lineLength(qsizetype line) const
{
    int length = 0;
    for (const char c : lineUtf8(line)) {
        const auto byte = uchar(c);
        length += (byte & 0xc0) != 0x80; // not a continuation byte
        length += byte >= 0xf0;          // a surrogate pair
    }
    return length;
}

QList<ColourSpan> ParsedLines::lineSpans(qsizetype line) const
{
    const auto first = spans.begin() + (line ? spanEnds[size_t(line - 1)] : 0);
    return QList<ColourSpan>(first, spans.begin() + spanEnds[size_t(line)]);
}

void ParsedLines::appendLine(QStringView line, const ColourSpan *lineSpans, qsizetype spanCount)
{
    // Stateless: a lone surrogate must not carry over into the next line.
    thread_local QStringEncoder encoder(QStringEncoder::Utf8, QStringConverter::Flag::Stateless);
    const qsizetype old = text.size();
    text.resize(old + encoder.requiredSpace(line.size()) + 1);
    char *end = encoder.appendToBuffer(text.data() + old, line);
    *end++ = '\n';
    text.truncate(end - text.constData());
    lineEnds.push_back(quint32(text.size() - 1));
    spans.insert(spans.end(), lineSpans, lineSpans + spanCount);
    spanEnds.push_back(quint32(spans.size()));
}

void ParsedLines::appendLines(const ParsedLines &other, qsizetype first, qsizetype count)
{
    if (count <= 0)
        return;
    const size_t from = size_t(first);
    const size_t to = size_t(first + count);
    const quint32 textStart = from ? other.lineEnds[from - 1] + 1 : 0;
    const quint32 spanStart = from ? other.spanEnds[from - 1] : 0;
    const auto textShift = qint64(text.size()) - textStart;
    const auto spanShift = qint64(spans.size()) - spanStart;
    text.append(other.text.constData() + textStart, other.lineEnds[to - 1] + 1 - textStart);
    for (size_t line = from; line < to; ++line) {
        lineEnds.push_back(quint32(other.lineEnds[line] + textShift));
        spanEnds.push_back(quint32(other.spanEnds[line] + spanShift));
    }
    spans.insert(spans.end(), other.spans.begin() + spanStart, other.spans.begin() + other.spanEnds[to - 1]);
}

void ParsedLines::clear()
{
    text.clear();
    lineEnds.clear();
    spans.clear();
    spanEnds.clear();
}

// Where the bytes stop being decodable on their own: before a UTF-8
// sequence at the end that the next bytes may still complete.
static qsizetype decodableLength(QByteArrayView utf8)
{
    for (qsizetype back = 1; back <= 3 && back <= utf8.size(); ++back) {
        const auto byte = uchar(utf8[utf8.size() - back]);
        if ((byte & 0xc0) == 0x80) // a continuation byte
            continue;
        if (byte >= 0xc2 && byte <= 0xf4) {
            const qsizetype length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
            if (length > back)
                return utf8.size() - back;
        }
        break;
    }
    return utf8.size();
}

// Not QStringDecoder: Qt 6.4's keeps a lead byte that ends one piece and then
// swallows the next piece's first character when it does not continue it
// (fuzz_ansiparser). Decoding is the same whole or cut before a sequence.
void AnsiParser::feed(QByteArrayView utf8, ParsedLines &out)
{
    if (!m_pendingUtf8.isEmpty()) {
        QByteArray joined = std::exchange(m_pendingUtf8, {});
        joined.append(utf8);
        feed(QByteArrayView(joined), out);
        return;
    }
    const qsizetype decodable = decodableLength(utf8);
    m_pendingUtf8 = utf8.sliced(decodable).toByteArray();
    feed(QStringView(QString::fromUtf8(utf8.first(decodable))), out);
}

void AnsiParser::feed(QStringView text, ParsedLines &out)
{
    QString joined;
    if (!m_pending.isEmpty()) {
        joined = m_pending;
        joined.append(text);
        m_pending.clear();
        text = joined;
    }
    out.text.reserve(out.text.size() + text.size() + 16);
    const qsizetype size = text.size();
    const QChar *data = text.data();
    qsizetype i = 0;
    while (i < size) {
        qsizetype j = i;
        while (j < size && ((data[j].unicode() >= 0x20 && data[j].unicode() != 0x7f) || data[j] == u'\t'))
            ++j;
        appendText(text.sliced(i, j - i));
        if (j == size)
            break;
        if (data[j] == u'\n') {
            endLine(out);
            i = j + 1;
        } else if (data[j] == escape) {
            const qsizetype taken = takeEscape(text.sliced(j));
            if (!taken) {
                m_pending = text.sliced(j).toString();
                return;
            }
            i = j + taken;
        } else {
            i = j + 1; // "\r" and other control characters
        }
    }
}

void AnsiParser::finish(ParsedLines &out)
{
    if (!m_pendingUtf8.isEmpty()) // an unfinished character: a replacement character
        feed(QStringView(QString::fromUtf8(std::exchange(m_pendingUtf8, {}))), out);
    m_pending.clear();
    if (!m_line.isEmpty())
        endLine(out);
}

void AnsiParser::reset()
{
    m_pendingUtf8.clear();
    m_style = {};
    m_line.clear();
    m_lineSpans.clear();
    m_pending.clear();
}

void AnsiParser::appendText(QStringView text)
{
    if (text.isEmpty())
        return;
    const auto start = qint32(m_line.size());
    m_line.append(text);
    if (m_style.isPlain())
        return;
    const quint8 flags = m_style.flags | (m_style.inverse ? ColourSpan::Inverse : 0);
    if (!m_lineSpans.empty()) {
        ColourSpan &last = m_lineSpans.back();
        if (last.start + last.length == start && isStyledLike(last, m_style.foreground, m_style.background, flags)) {
            last.length += qint32(text.size());
            return;
        }
    }
    m_lineSpans.push_back({start, qint32(text.size()), m_style.foreground, m_style.background, flags});
}

void AnsiParser::endLine(ParsedLines &out)
{
    out.appendLine(m_line, m_lineSpans.data(), qsizetype(m_lineSpans.size()));
    m_line.resize(0);
    m_lineSpans.clear();
}

qsizetype AnsiParser::takeEscape(QStringView text)
{
    if (text.size() < 2)
        return 0;
    const char16_t kind = text[1].unicode();
    if (kind == u'[') {
        for (qsizetype k = 2; k < text.size(); ++k) {
            const char16_t c = text[k].unicode();
            if (c >= 0x40 && c <= 0x7e) {
                if (c == u'm')
                    applySgr(text.sliced(2, k - 2));
                return k + 1;
            }
            if (c < 0x20 || c > 0x3f || k > maxCsiLength)
                return 1; // not a CSI sequence: drop the ESC alone
        }
        return 0;
    }
    if (kind == u']') { // OSC, ended by BEL or ESC backslash
        for (qsizetype k = 2; k < text.size(); ++k) {
            if (text[k] == u'\a')
                return k + 1;
            if (text[k] == escape && k + 1 < text.size() && text[k + 1] == u'\\')
                return k + 2;
            if (k > maxOscLength)
                return 1;
        }
        return 0;
    }
    // Finals are 0x30-0x7e. Anything else after ESC is text or a control of
    // its own and stays (a newline, or half of a surrogate pair).
    const auto isFinal = [](QChar c) { return c.unicode() >= 0x30 && c.unicode() <= 0x7e; };
    if (kind >= 0x20 && kind <= 0x2f) // ESC, intermediate, final (charset choices)
        return text.size() >= 3 ? (isFinal(text[2]) ? 3 : 2) : 0;
    return isFinal(text[1]) ? 2 : 1;
}

void AnsiParser::applySgr(QStringView parameters)
{
    QVarLengthArray<int, 16> codes{0};
    for (const QChar c : parameters) {
        if (c == u';' || c == u':')
            codes.append(0); // an empty parameter counts as 0, as terminals do
        else if (c.isDigit() && codes.back() < 100000)
            codes.back() = codes.back() * 10 + c.digitValue();
    }
    // 38/48: 5;n (256 colours) or 2;r;g;b; returns 0 when incomplete.
    const auto extendedColour = [&codes](qsizetype &i) -> QRgb {
        if (i + 2 < codes.size() && codes[i + 1] == 5) {
            i += 2;
            return xterm256(qBound(0, codes[i], 255));
        }
        if (i + 4 < codes.size() && codes[i + 1] == 2) {
            i += 4;
            return qRgb(qBound(0, codes[i - 2], 255), qBound(0, codes[i - 1], 255), qBound(0, codes[i], 255));
        }
        i = codes.size();
        return 0;
    };
    for (qsizetype i = 0; i < codes.size(); ++i) {
        const int code = codes[i];
        if (code == 0)
            m_style = {};
        else if (code == 1)
            m_style.flags |= ColourSpan::Bold;
        else if (code == 3)
            m_style.flags |= ColourSpan::Italic;
        else if (code == 4)
            m_style.flags |= ColourSpan::Underline;
        else if (code == 7)
            m_style.inverse = true;
        else if (code == 22)
            m_style.flags &= quint8(~ColourSpan::Bold);
        else if (code == 23)
            m_style.flags &= quint8(~ColourSpan::Italic);
        else if (code == 24)
            m_style.flags &= quint8(~ColourSpan::Underline);
        else if (code == 27)
            m_style.inverse = false;
        else if (code >= 30 && code <= 37)
            m_style.foreground = basicColours[size_t(code - 30)];
        else if (code == 38)
            m_style.foreground = extendedColour(i);
        else if (code == 39)
            m_style.foreground = 0;
        else if (code >= 40 && code <= 47)
            m_style.background = basicColours[size_t(code - 40)];
        else if (code == 48)
            m_style.background = extendedColour(i);
        else if (code == 49)
            m_style.background = 0;
        else if (code >= 90 && code <= 97)
            m_style.foreground = basicColours[size_t(code - 90 + 8)];
        else if (code >= 100 && code <= 107)
            m_style.background = basicColours[size_t(code - 100 + 8)];
    }
}

} // namespace Flotilla
