#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QRgb>
#include <QString>

#include <vector>

namespace Flotilla {

// One run of equally styled characters in a line; start and length count
// UTF-16 code units of the line's text. A colour with alpha 0 is the view's
// default.
struct ColourSpan
{
    enum Flag : quint8 { Bold = 1, Italic = 2, Underline = 4, Inverse = 8 }; // Inverse: swap the colours when painting

    qint32 start = 0;
    qint32 length = 0;
    QRgb foreground = 0;
    QRgb background = 0;
    quint8 flags = 0;

    friend bool operator==(const ColourSpan &, const ColourSpan &) = default;
};

// Complete lines as LogModel stores them: the text of all lines in UTF-8,
// each followed by '\n' (escape sequences removed), and for each line where
// its text ends and where its spans end. Lines without styling have no spans.
struct ParsedLines
{
    QByteArray text;
    std::vector<quint32> lineEnds; // offset of each line's '\n' in text
    std::vector<ColourSpan> spans;
    std::vector<quint32> spanEnds; // per line: one past its last span

    qsizetype lineCount() const { return qsizetype(lineEnds.size()); }
    bool isEmpty() const { return lineEnds.empty(); }
    QByteArrayView lineUtf8(qsizetype line) const;
    // The line's text length in UTF-16 code units (a QString's length).
    int lineLength(qsizetype line) const;
    QList<ColourSpan> lineSpans(qsizetype line) const;
    void appendLine(QStringView line, const ColourSpan *spans, qsizetype spanCount);
    // Copies `count` lines of `other`, from its line `first`, behind these.
    void appendLines(const ParsedLines &other, qsizetype first, qsizetype count);
    void clear();
};

// Turns log text into lines with colour spans, ANSI SGR escapes understood
// (16, 256 and 24-bit colours, bold, italic, underline, inverse) and other
// escape sequences dropped. Text may arrive in pieces cut anywhere: the
// style, an unfinished escape sequence, an unfinished line and (for bytes)
// an unfinished UTF-8 character are carried to the next piece. "\r\n" ends a
// line like "\n"; other control characters but tab are dropped.
class AnsiParser final
{
public:
    AnsiParser() = default;
    Q_DISABLE_COPY_MOVE(AnsiParser)

    // Parses `text` and moves the lines it completed into `out`.
    void feed(QStringView text, ParsedLines &out);
    void feed(QByteArrayView utf8, ParsedLines &out);
    // Ends the text: an unfinished last line is completed into `out`.
    void finish(ParsedLines &out);
    void reset();

    // The text of the unfinished line so far.
    QString pendingLine() const { return m_line; }

    // What the escapes so far have set, carried to the next character.
    struct Style
    {
        QRgb foreground = 0;
        QRgb background = 0;
        quint8 flags = 0;
        bool inverse = false;
        bool isPlain() const { return !foreground && !background && !flags && !inverse; }
    };
    Style style() const { return m_style; }
    // Text read from the middle of a log starts with the style it had there.
    void setStyle(const Style &style) { m_style = style; }

private:
    void appendText(QStringView text);
    void endLine(ParsedLines &out);
    // Consumes an escape sequence at text[0] (ESC); returns how many
    // characters it took, or 0 when it is cut off by the end of text.
    qsizetype takeEscape(QStringView text);
    void applySgr(QStringView parameters);

    QByteArray m_pendingUtf8; // an unfinished UTF-8 character at the end of a piece
    Style m_style;
    QString m_line;
    std::vector<ColourSpan> m_lineSpans;
    QString m_pending; // an escape sequence or "\r" cut off by the end of a piece
};

} // namespace Flotilla

Q_DECLARE_METATYPE(Flotilla::ColourSpan)
