#pragma once

#include "ansiparser.h"
#include "logspillcontent.h"

#include <deque>
#include <limits>
#include <utility>

namespace Flotilla {

// The parsed lines of a LogSpill, read a page at a time and the last few
// pages kept: what a model over the spill shows for the rows in view, so
// memory stays flat however long the log. A page is pageLines lines, one
// step of the spill's index, so a page costs one seek and its own bytes.
//
// Each page is parsed on its own: a colour left open at the end of one
// page's last line is not carried into the next page (AnsiParser carries it
// across lines), which a model built on this must accept or fix by keeping
// the parser's style at page starts.
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
    // Lines [first, end) of `spill` parsed as one page is (a fresh parser):
    // what a page of this shows, for whoever needs it on another thread.
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

    const LogSpillContent *m_spill;
    std::deque<Page> m_pages; // most recently used first
    int m_keptPages;
    qint64 m_parsed = 0;
};

} // namespace Flotilla
