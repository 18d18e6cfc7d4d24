#pragma once

#include "ansiparser.h"
#include "logspillcontent.h"

#include <deque>
#include <limits>
#include <unordered_map>
#include <utility>

namespace Flotilla {

// The parsed lines of a LogSpill, read a page at a time and the last few
// pages kept: what a model over the spill shows for the rows in view, so
// memory stays flat however long the log. A page is pageLines lines, one
// step of the spill's index, so a page costs one seek and its own bytes.
//
// A page is parsed starting with the style the page above ended with (a
// colour left open across a page start stays), kept from when the page above
// was parsed or else found by reading that page for it; a colour opened more
// than a page above a page not yet reached from there is not known.
class LogSpillPages final
{
public:
    static constexpr qint64 pageLines = LogSpillContent::indexStride;
    static constexpr qint64 notFirst = std::numeric_limits<qint64>::max();

    explicit LogSpillPages(const LogSpillContent *spill, int keptPages = 8);

    // `line` in the spill's numbering, firstLine() <= line < endLine().
    QByteArrayView lineUtf8(qint64 line);
    QString lineText(qint64 line) { return QString::fromUtf8(lineUtf8(line)); }
    int lineLength(qint64 line);
    QList<ColourSpan> lineSpans(qint64 line);
    // The parsed page holding `line`: its first line and its lines. Valid
    // until the next call.
    std::pair<qint64, const ParsedLines *> parsedPage(qint64 line);

    // The first line of the page holding `line`: a multiple of pageLines.
    static qint64 pageStart(qint64 line);
    // Lines [first, end) of `spill` parsed with a fresh parser, for whoever
    // needs a page's text on another thread: the text is what a page of this
    // shows, the colours may lack one left open above.
    static ParsedLines parse(const LogSpillContent &spill, qint64 first, qint64 end);

    int keptPageCount() const { return int(m_pages.size()); }
    qint64 parsedPageCount() const { return m_parsed; } // how many parses so far

private:
    struct Page
    {
        qint64 first = 0; // the lines held: [first, end)
        qint64 end = 0;
        // Where the spill began, for the page with its first line, which a
        // prepended chunk may complete; notFirst for the others.
        qint64 low = 0;
        ParsedLines lines;
    };

    // The page holding `line`, parsed again when the spill grew into it.
    const Page &pageOf(qint64 line);
    // The style in force at the first line of the page starting at `start`.
    AnsiParser::Style styleAt(qint64 start);
    // Notes the style after page [start, end) was parsed, when that page is whole.
    void keepEndStyle(qint64 start, qint64 end, const AnsiParser &parser);

    const LogSpillContent *m_spill;
    std::deque<Page> m_pages; // most recently used first
    // The style at page starts (by start line) found so far: a few bytes per
    // page, as the spill's own index.
    std::unordered_map<qint64, AnsiParser::Style> m_startStyles;
    int m_keptPages;
    qint64 m_parsed = 0;
};

} // namespace Flotilla
