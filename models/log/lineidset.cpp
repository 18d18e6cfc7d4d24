#include "lineidset.h"

#include <algorithm>
#include <bit>

namespace Flotilla {

qint64 LineIdSet::pageOf(qint64 id)
{
    return id >= 0 ? id / pageLines : (id + 1) / pageLines - 1; // rounded down, std::numeric_limits::min() too
}

namespace {

// Bits [from, to) of a word, 0 <= from < to <= 64.
quint64 bitsBetween(qint64 from, qint64 to)
{
    const quint64 below = to == 64 ? ~quint64(0) : (quint64(1) << to) - 1;
    return below & ~((quint64(1) << from) - 1);
}

} // namespace

std::vector<LineIdSet::Page>::const_iterator LineIdSet::pageFrom(qint64 number) const
{
    return std::lower_bound(m_pages.begin(), m_pages.end(), number,
                            [](const Page &p, qint64 n) { return p.number < n; });
}

void LineIdSet::clear()
{
    m_pages.clear();
    m_before.clear();
    m_beforeValid = true;
    m_size = 0;
}

void LineIdSet::insert(const std::vector<qint64> &ids)
{
    size_t page = m_pages.size(); // the page of the id before, while ids go on in it
    for (const qint64 id : ids) {
        const qint64 number = pageOf(id);
        if (page == m_pages.size() || m_pages[page].number != number) {
            page = size_t(pageFrom(number) - m_pages.cbegin());
            if (page == m_pages.size() || m_pages[page].number != number)
                m_pages.insert(m_pages.begin() + qint64(page), Page{number, 0, {}});
        }
        const qint64 offset = id - number * pageLines;
        m_pages[page].bits[size_t(offset / 64)] |= quint64(1) << (offset % 64);
        ++m_pages[page].count;
    }
    m_size += qsizetype(ids.size());
    if (!ids.empty())
        m_beforeValid = false;
}

void LineIdSet::insertRange(qint64 first, qint64 end)
{
    if (first >= end)
        return;
    const qint64 firstPage = pageOf(first);
    const qint64 lastPage = pageOf(end - 1);
    const auto lo = size_t(pageFrom(firstPage) - m_pages.cbegin());
    const auto hi = size_t(pageFrom(lastPage + 1) - m_pages.cbegin());
    if (qint64(hi - lo) < lastPage - firstPage + 1) { // pages to add: all in one insertion
        std::vector<Page> span;
        span.reserve(size_t(lastPage - firstPage + 1));
        size_t held = lo;
        for (qint64 number = firstPage; number <= lastPage; ++number) {
            if (held < hi && m_pages[held].number == number)
                span.push_back(m_pages[held++]);
            else
                span.push_back(Page{number, 0, {}});
        }
        m_pages.erase(m_pages.begin() + qint64(lo), m_pages.begin() + qint64(hi));
        m_pages.insert(m_pages.begin() + qint64(lo), span.begin(), span.end());
    }
    for (size_t page = lo; page < lo + size_t(lastPage - firstPage + 1); ++page) {
        Page &p = m_pages[page];
        const qint64 pageStart = p.number * pageLines;
        const qint64 from = std::max(first, pageStart) - pageStart;
        const qint64 to = std::min(end, pageStart + pageLines) - pageStart;
        for (qint64 word = from / 64; word * 64 < to; ++word) {
            quint64 &bits = p.bits[size_t(word)];
            const int before = std::popcount(bits);
            bits |= bitsBetween(std::max(from - word * 64, qint64(0)), std::min(to - word * 64, qint64(64)));
            const int added = std::popcount(bits) - before;
            p.count += added;
            m_size += added;
        }
    }
    m_beforeValid = false;
}

bool LineIdSet::contains(qint64 id) const
{
    const qint64 number = pageOf(id);
    const auto page = pageFrom(number);
    if (page == m_pages.end() || page->number != number)
        return false;
    const qint64 offset = id - number * pageLines;
    return (page->bits[size_t(offset / 64)] >> (offset % 64)) & 1;
}

qint64 LineIdSet::nextHeld(qint64 from, qint64 end) const
{
    for (auto page = pageFrom(pageOf(from)); page != m_pages.end() && page->number * pageLines < end; ++page) {
        const qint64 pageStart = page->number * pageLines;
        const qint64 offset = std::max(from, pageStart) - pageStart;
        for (qint64 word = offset / 64; word < words; ++word) {
            const quint64 bits = page->bits[size_t(word)] & bitsBetween(std::max(offset - word * 64, qint64(0)), 64);
            if (bits)
                return std::min(end, pageStart + word * 64 + std::countr_zero(bits));
        }
    }
    return end;
}

qint64 LineIdSet::nextMissing(qint64 from, qint64 end) const
{
    qint64 id = from;
    for (auto page = pageFrom(pageOf(from)); id < end; ++page) {
        const qint64 number = pageOf(id);
        if (page == m_pages.end() || page->number != number)
            return id; // no page: none of its ids is held
        const qint64 offset = id - number * pageLines;
        for (qint64 word = offset / 64; word < words; ++word) {
            const quint64 missing = ~page->bits[size_t(word)]
                                    & bitsBetween(std::max(offset - word * 64, qint64(0)), 64);
            if (missing)
                return std::min(end, number * pageLines + word * 64 + std::countr_zero(missing));
        }
        id = (number + 1) * pageLines;
    }
    return std::min(id, end);
}

qsizetype LineIdSet::runCount() const
{
    qsizetype runs = 0;
    qint64 lastNumber = 0;
    quint64 carry = 0; // whether the id before the word is held
    for (const Page &page : m_pages) {
        if (&page == &m_pages.front() || page.number != lastNumber + 1)
            carry = 0;
        for (const quint64 bits : page.bits) {
            runs += std::popcount(bits & ~((bits << 1) | carry)); // held ids whose id before is not
            carry = bits >> 63;
        }
        lastNumber = page.number;
    }
    return runs;
}

const std::vector<qsizetype> &LineIdSet::before() const
{
    if (!m_beforeValid) {
        m_before.resize(m_pages.size());
        qsizetype sum = 0;
        for (size_t page = 0; page < m_pages.size(); ++page) {
            m_before[page] = sum;
            sum += m_pages[page].count;
        }
        m_beforeValid = true;
    }
    return m_before;
}

qint64 LineIdSet::at(qsizetype index) const
{
    Q_ASSERT(index >= 0 && index < m_size);
    const std::vector<qsizetype> &counts = before();
    const auto page = size_t(std::upper_bound(counts.begin(), counts.end(), index) - counts.begin() - 1);
    qsizetype rank = index - counts[page];
    const Page &p = m_pages[page];
    for (int word = 0; word < words; ++word) {
        quint64 bits = p.bits[size_t(word)];
        const int held = std::popcount(bits);
        if (rank >= held) {
            rank -= held;
            continue;
        }
        for (; rank > 0; --rank)
            bits &= bits - 1; // drops the lowest set bit
        return p.number * pageLines + word * 64 + std::countr_zero(bits);
    }
    Q_UNREACHABLE();
    return 0;
}

qsizetype LineIdSet::countBelow(qint64 id) const
{
    // Outside the pages held (LogModel::noLineId among them): no page to look into.
    if (m_pages.empty() || id < m_pages.front().number * pageLines)
        return 0;
    if (id >= (m_pages.back().number + 1) * pageLines)
        return m_size;
    const qint64 number = pageOf(id);
    const auto found = pageFrom(number);
    if (found == m_pages.end())
        return m_size;
    qsizetype count = before()[size_t(found - m_pages.begin())];
    if (found->number != number)
        return count;
    const qint64 offset = id - number * pageLines;
    for (qint64 word = 0; word < offset / 64; ++word)
        count += std::popcount(found->bits[size_t(word)]);
    if (offset % 64)
        count += std::popcount(found->bits[size_t(offset / 64)] & ((quint64(1) << (offset % 64)) - 1));
    return count;
}

qint64 LineIdSet::storageBytes() const
{
    return qint64(m_pages.capacity() * sizeof(Page) + m_before.capacity() * sizeof(qsizetype));
}

} // namespace Flotilla
