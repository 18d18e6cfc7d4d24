#pragma once

#include <log/ansiparser.h>

#include <QString>

namespace Flotilla::Testing {

// `text` parsed into lines (an unfinished last line completed).
inline ParsedLines parsedLines(QByteArrayView text)
{
    AnsiParser parser;
    ParsedLines lines;
    parser.feed(text, lines);
    parser.finish(lines);
    return lines;
}

// "prefix first\n" … "prefix last\n".
inline QByteArray numberedLines(int first, int last, const char *prefix = "line")
{
    QByteArray text;
    for (int i = first; i <= last; ++i)
        text += QByteArray(prefix) + ' ' + QByteArray::number(i) + '\n';
    return text;
}

} // namespace Flotilla::Testing
