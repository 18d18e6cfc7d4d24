#include "lineidset.h"

#include <algorithm>
#include <bit>

namespace Flotilla {

qint64 LineIdSet::pageOf(qint64 id)
{
    return id >= 0 ? id / pageLines : -((-id + pageLines - 1) / pageLines);
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
            page = size_t(std::lower_bound(m_pages.begin(), m_pages.end(), number,
                                           [](const Page &p, qint64 n) { return p.number < n; })
                          - m_pages.begin());
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
    const auto found = std::lower_bound(m_pages.begin(), m_pages.end(), number,
                                        [](const Page &p, qint64 n) { return p.number < n; });
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
