#include "logfiltermodel.h"

#include "logmodel.h"
#include "logspillsearch.h"

#include <algorithm>
#include <utility>

namespace Flotilla {

LogFilterModel::LogFilterModel(QObject *parent)
    : QAbstractProxyModel(parent)
    , m_spillSearch(new LogSpillSearch(this))
{
    m_spillSearch->setMaxHits(std::numeric_limits<qsizetype>::max());
    m_spillSearch->setKeepingHits(false); // m_kept is all the filter keeps
    connect(m_spillSearch, &LogSpillSearch::hitsFound, this, &LogFilterModel::onSpillHits);
    connect(m_spillSearch, &LogSpillSearch::linesSearched, this,
            [this](qint64 endLine) { takeMatches({}, std::min(endLine, m_partEnd)); });
    connect(m_spillSearch, &LogSpillSearch::progressChanged, this, [this](int permille) {
        m_progress = permille;
        Q_EMIT progressChanged(permille);
    });
    connect(m_spillSearch, &LogSpillSearch::finished, this, &LogFilterModel::onSpillFinished);
}

LogFilterModel::~LogFilterModel() = default;

void LogFilterModel::setLogModel(LogModel *model)
{
    m_spillSearch->cancel();
    beginResetModel();
    if (m_log)
        disconnect(m_log, nullptr, this, nullptr);
    m_log = model;
    QAbstractProxyModel::setSourceModel(model);
    connect(model, &LogModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    connect(model, &LogModel::dataChanged, this, &LogFilterModel::onDataChanged);
    connect(model, &LogModel::startReachedChanged, this, [this] { filterPending(); }); // the first line is whole
    connect(model, &LogModel::modelAboutToBeReset, this, [this] {
        m_spillSearch->cancel();
        beginResetModel();
    });
    connect(model, &LogModel::modelReset, this, [this] {
        clearKept();
        endResetModel();
        filterPending();
    });
    clearKept();
    endResetModel();
    filterPending();
}

void LogFilterModel::setPattern(const LogPattern &pattern)
{
    if (pattern == m_matcher.pattern())
        return;
    m_matcher = LogMatcher(pattern);
    refilter();
}

void LogFilterModel::setInverted(bool inverted)
{
    if (inverted == m_inverted)
        return;
    m_inverted = inverted;
    refilter();
}

void LogFilterModel::setContextLines(int lines)
{
    lines = std::max(lines, 0);
    if (lines == m_context)
        return;
    m_context = lines;
    refilter();
}

void LogFilterModel::refilter()
{
    m_spillSearch->cancel();
    beginResetModel();
    clearKept();
    endResetModel();
    filterPending();
}

void LogFilterModel::clearKept()
{
    m_kept.clear();
    m_progress = 0;
    m_cancelled = false;
    m_wantedFirst = std::numeric_limits<qint64>::max();
    m_wantedEnd = std::numeric_limits<qint64>::min();
    m_filteredFirst = m_filteredEnd = m_log ? m_log->endLineId() : 0; // nothing filtered yet
    if (m_log && !isFiltering() && m_log->rowCount() > 0) {
        m_kept.insertRange(m_log->firstLineId(), m_log->endLineId());
        m_filteredFirst = m_log->firstLineId();
    }
}

void LogFilterModel::filterPending(std::vector<Lines> arrived)
{
    while (m_log && isFiltering() && !m_spillSearch->isRunning()) {
        const qint64 logFirst = m_log->firstLineId();
        const qint64 wholeFirst = m_log->firstWholeLineId();
        Lines part;
        if (wholeFirst < m_filteredFirst) { // prepended above (or the start)
            part = {wholeFirst, m_filteredFirst};
            m_filteredFirst = wholeFirst;
        } else if (m_filteredEnd < m_log->endLineId()) { // appended below
            part = {std::max(m_filteredEnd, wholeFirst), m_log->endLineId()};
            if (m_filteredFirst == m_filteredEnd) // nothing filtered yet
                m_filteredFirst = part.first;
            m_filteredEnd = part.end;
        } else {
            break;
        }
        beginPart(part.first, part.end);
        const LogSpill &spill = m_log->spill();
        if (spill.byteSize() > LogSearch::syncSearchBytes) {
            m_progress = 0;
            Q_EMIT progressChanged(0);
            m_spillSearch->start(spill.snapshot(), m_matcher.pattern(), LogSpillSearch::Mode::Lines,
                                 spill.lineStart(part.first), spill.lineStart(part.end));
            break;
        }
        std::vector<qint64> matches;
        for (const int row : m_matcher.matchingRows(*m_log, int(part.first - logFirst), int(part.end - logFirst)))
            matches.push_back(logFirst + row);
        takeMatches(matches, part.end, std::exchange(arrived, {}));
    }
    keep(arrived);
    updateSearching();
}

void LogFilterModel::beginPart(qint64 first, qint64 end)
{
    m_gapStart = first;
    m_partEnd = end;
}

void LogFilterModel::takeMatches(const std::vector<qint64> &matches, qint64 searchedEnd,
                                 const std::vector<Lines> &arrived)
{
    std::vector<Lines> wanted;
    // Each kept line (a match, or with invert a line between matches)
    // keeps the context lines around it too.
    for (const qint64 line : matches) {
        if (!m_inverted)
            wanted.push_back({line - m_context, line + m_context + 1});
        else if (m_gapStart < line)
            wanted.push_back({m_gapStart - m_context, line + m_context});
        m_gapStart = std::max(m_gapStart, line + 1);
    }
    if (m_inverted && m_gapStart < searchedEnd) // the lines since the last match, as far as searched
        wanted.push_back({m_gapStart - m_context, searchedEnd + m_context});
    noteReach(wanted);
    wanted.insert(wanted.end(), arrived.begin(), arrived.end());
    keep(std::move(wanted));
}

void LogFilterModel::onSpillHits(qsizetype first, qsizetype count)
{
    std::vector<qint64> matches;
    matches.reserve(size_t(count));
    for (qsizetype i = first; i < first + count; ++i)
        matches.push_back(m_spillSearch->hits()[size_t(i)].line);
    takeMatches(matches, matches.back());
}

void LogFilterModel::onSpillFinished()
{
    takeMatches({}, m_partEnd);
    m_progress = 1000;
    filterPending(); // what arrived meanwhile
}

void LogFilterModel::cancel()
{
    if (!m_searching)
        return;
    m_spillSearch->cancel();
    m_cancelled = true;
    // The rest of the log as it is now is left; what arrives later is filtered.
    m_filteredFirst = m_log->firstLineId();
    m_filteredEnd = m_log->endLineId();
    updateSearching();
}

void LogFilterModel::updateSearching()
{
    const bool searching = m_spillSearch->isRunning();
    if (searching == m_searching)
        return;
    m_searching = searching;
    Q_EMIT searchingChanged(searching);
}

void LogFilterModel::noteReach(const std::vector<Lines> &wanted)
{
    for (const Lines &lines : wanted) {
        if (lines.first >= lines.end)
            continue;
        m_wantedFirst = std::min(m_wantedFirst, lines.first);
        m_wantedEnd = std::max(m_wantedEnd, lines.end);
    }
}

void LogFilterModel::keep(std::vector<Lines> wanted)
{
    std::sort(wanted.begin(), wanted.end(), [](const Lines &a, const Lines &b) { return a.first < b.first; });
    // The lines not kept yet, as pieces between the kept ones.
    std::vector<Lines> pieces;
    for (Lines lines : wanted) {
        lines.first = std::max({lines.first, m_log->firstLineId(), pieces.empty() ? lines.first : pieces.back().end});
        lines.end = std::min(lines.end, m_log->endLineId());
        while (lines.first < lines.end) {
            const qint64 pieceFirst = m_kept.nextMissing(lines.first, lines.end);
            const qint64 pieceEnd = m_kept.nextHeld(pieceFirst, lines.end);
            if (pieceFirst < pieceEnd) {
                if (!pieces.empty() && pieces.back().end == pieceFirst)
                    pieces.back().end = pieceEnd;
                else
                    pieces.push_back({pieceFirst, pieceEnd});
            }
            lines.first = pieceEnd;
        }
    }
    // Pieces with no kept line between them are one insertion (usually all
    // of them: they go at the end, or at the start); the last ones first, so
    // the rows of the others stay where they are.
    auto groupEnd = pieces.end();
    while (groupEnd != pieces.begin()) {
        const qint64 row = keptBefore(std::prev(groupEnd)->first);
        auto groupBegin = std::prev(groupEnd);
        while (groupBegin != pieces.begin() && keptBefore(std::prev(groupBegin)->first) == row)
            --groupBegin;
        insertPieces(std::vector<Lines>(groupBegin, groupEnd), int(row));
        groupEnd = groupBegin;
    }
}

void LogFilterModel::insertPieces(const std::vector<Lines> &pieces, int row)
{
    qint64 count = 0;
    for (const Lines &piece : pieces)
        count += piece.end - piece.first;
    beginInsertRows({}, row, row + int(count) - 1);
    for (const Lines &piece : pieces)
        m_kept.insertRange(piece.first, piece.end);
    endInsertRows();
}

void LogFilterModel::onRowsInserted(int first, int last)
{
    const qint64 firstId = m_log->firstLineId() + first;
    const qint64 endId = m_log->firstLineId() + last + 1;
    if (!isFiltering()) {
        keep({{firstId, endId}});
        return;
    }
    // Context lines that kept lines reached out to before these arrived:
    // kept with what filtering the new lines keeps, when that is done at once.
    const bool prepended = first == 0 && last + 1 < m_log->rowCount();
    filterPending(
        {prepended ? Lines{std::max(firstId, m_wantedFirst), endId} : Lines{firstId, std::min(endId, m_wantedEnd)}});
}

void LogFilterModel::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    const qint64 firstId = m_log->firstLineId();
    const qint64 first = keptBefore(firstId + topLeft.row());
    const qint64 end = keptBefore(firstId + bottomRight.row() + 1);
    if (first < end)
        Q_EMIT dataChanged(index(int(first), topLeft.column()), index(int(end - 1), bottomRight.column()), roles);
}

qint64 LogFilterModel::lineIdAt(int row) const
{
    return row >= 0 && row < rowCount() ? m_kept.at(row) : LogModel::noLineId;
}

int LogFilterModel::rowOfLineId(qint64 id) const
{
    return m_kept.contains(id) ? int(m_kept.countBelow(id)) : -1;
}

QModelIndex LogFilterModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= rowCount() || column < 0 || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex LogFilterModel::parent(const QModelIndex &) const
{
    return {};
}

int LogFilterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_kept.size());
}

int LogFilterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_log ? 0 : LogModel::ColumnCount;
}

QModelIndex LogFilterModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || proxyIndex.model() != this)
        return {};
    const int row = m_log->rowOfLineId(lineIdAt(proxyIndex.row()));
    return row < 0 ? QModelIndex() : m_log->index(row, proxyIndex.column());
}

QModelIndex LogFilterModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.model() != m_log)
        return {};
    const int row = rowOfLineId(m_log->firstLineId() + sourceIndex.row());
    return row < 0 ? QModelIndex() : index(row, sourceIndex.column());
}

} // namespace Flotilla
