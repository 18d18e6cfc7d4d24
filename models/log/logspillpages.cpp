#include "logspillpages.h"

#include <algorithm>

namespace Flotilla {

LogSpillPages::LogSpillPages(const LogSpillContent *spill, int keptPages)
    : m_spill(spill)
    , m_keptPages(std::max(1, keptPages))
{}

QByteArrayView LogSpillPages::lineUtf8(qint64 line)
{
    const Page &page = pageOf(line);
    return page.lines.lineUtf8(line - page.first);
}

int LogSpillPages::lineLength(qint64 line)
{
    const Page &page = pageOf(line);
    return page.lines.lineLength(line - page.first);
}

QList<ColourSpan> LogSpillPages::lineSpans(qint64 line)
{
    const Page &page = pageOf(line);
    return page.lines.lineSpans(line - page.first);
}

std::pair<qint64, const ParsedLines *> LogSpillPages::parsedPage(qint64 line)
{
    const Page &page = pageOf(line);
    return {page.first, &page.lines};
}

qint64 LogSpillPages::pageStart(qint64 line)
{
    return line >= 0 ? line / pageLines * pageLines : -((-line + pageLines - 1) / pageLines) * pageLines;
}

ParsedLines LogSpillPages::parse(const LogSpillContent &spill, qint64 first, qint64 end)
{
    ParsedLines lines;
    AnsiParser parser;
    parser.feed(QByteArrayView(spill.readLines(first, end - first)), lines);
    parser.finish(lines);
    return lines;
}

const LogSpillPages::Page &LogSpillPages::pageOf(qint64 line)
{
    Q_ASSERT(line >= m_spill->firstLine() && line < m_spill->endLine());
    // Pages are aligned with the index: line numbers that are multiples of pageLines.
    const qint64 start = pageStart(line);
    const qint64 first = std::max(start, m_spill->firstLine());
    const qint64 end = std::min(start + pageLines, m_spill->endLine());
    const qint64 low = first == m_spill->firstLine() ? m_spill->startPosition() : notFirst;
    const auto kept = std::find_if(m_pages.begin(), m_pages.end(), [first, end, low](const Page &page) {
        return page.first == first && page.end == end && page.low == low;
    });
    if (kept != m_pages.end()) {
        std::rotate(m_pages.begin(), kept, kept + 1);
        return m_pages.front();
    }
    Page page{first, end, low, {}};
    AnsiParser parser;
    if (first == start)
        parser.setStyle(styleAt(start));
    parser.feed(QByteArrayView(m_spill->readLines(first, end - first)), page.lines);
    keepEndStyle(first, end, parser);
    parser.finish(page.lines);
    ++m_parsed;
    // A page that grew replaces its old self; the least recently used goes.
    std::erase_if(m_pages, [start](const Page &old) { return old.first < start + pageLines && old.end > start; });
    m_pages.push_front(std::move(page));
    if (int(m_pages.size()) > m_keptPages)
        m_pages.pop_back();
    return m_pages.front();
}

AnsiParser::Style LogSpillPages::styleAt(qint64 start)
{
    if (const auto known = m_startStyles.find(start); known != m_startStyles.end())
        return known->second;
    // Read the page above for its style alone; the spill's first page starts
    // as the log does, or with nothing known above it.
    const qint64 above = start - pageLines;
    if (start <= m_spill->firstLine())
        return {};
    const qint64 first = std::max(above, m_spill->firstLine());
    AnsiParser parser;
    if (first == above) {
        if (const auto known = m_startStyles.find(above); known != m_startStyles.end())
            parser.setStyle(known->second);
    }
    ParsedLines scratch;
    parser.feed(QByteArrayView(m_spill->readLines(first, start - first)), scratch);
    keepEndStyle(first, start, parser);
    return parser.style();
}

void LogSpillPages::keepEndStyle(qint64 first, qint64 end, const AnsiParser &parser)
{
    // A page still growing, or with lines still to come above, may end otherwise.
    const bool wholeAbove = first > m_spill->firstLine() || m_spill->startReached();
    if (first % pageLines == 0 && end == first + pageLines && wholeAbove)
        m_startStyles[end] = parser.style();
}

} // namespace Flotilla
