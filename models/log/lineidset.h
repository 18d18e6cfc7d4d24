#pragma once

#include <QtGlobal>

#include <array>
#include <vector>

namespace Flotilla {

// A set of line ids (a search's matching lines, a filter's kept ones) as one
// bitmap per 1,024-line page that holds any: at most ~150 bytes per 1,024
// lines however many are held and however they alternate, where a vector of
// ids costs 8 bytes an id (a hit on every line of 20M lines: 3 MB instead of
// 160 MB) and a list of runs 16 bytes a run. Ids are reached by their rank,
// as a vector's by index: at() and countBelow() cost a binary search over
// pages and a few popcounts.
class LineIdSet final
{
public:
    static constexpr qint64 pageLines = 1024;

    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    void clear();
    // Adds `ids`, ascending and none held yet.
    void insert(const std::vector<qint64> &ids);
    // Adds every id in [first, end), held already or not.
    void insertRange(qint64 first, qint64 end);
    bool contains(qint64 id) const;
    // The first id in [from, end) that is held (nextHeld) or is not
    // (nextMissing); `end` when there is none.
    qint64 nextHeld(qint64 from, qint64 end) const;
    qint64 nextMissing(qint64 from, qint64 end) const;
    // How many runs of consecutive ids it holds.
    qsizetype runCount() const;
    // The id of rank `index` (0 the smallest), 0 <= index < size().
    qint64 at(qsizetype index) const;
    qint64 front() const { return at(0); }
    // How many ids are below `id`: where it is or would go.
    qsizetype countBelow(qint64 id) const;
    qint64 storageBytes() const;

private:
    static constexpr int words = int(pageLines / 64);
    struct Page
    {
        qint64 number = 0; // ids [number * pageLines, (number + 1) * pageLines)
        qsizetype count = 0;
        std::array<quint64, words> bits{};
    };

    static qint64 pageOf(qint64 id);
    // The first page numbered `number` or above.
    std::vector<Page>::const_iterator pageFrom(qint64 number) const;
    const std::vector<qsizetype> &before() const;

    std::vector<Page> m_pages; // ascending by number
    // Per page, the ids in the pages before it; worked out again after an insert.
    mutable std::vector<qsizetype> m_before;
    mutable bool m_beforeValid = true;
    qsizetype m_size = 0;
};

} // namespace Flotilla
