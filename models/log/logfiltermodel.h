#pragma once

#include "lineidset.h"
#include "logsearch.h"

#include <QAbstractProxyModel>

#include <limits>
#include <vector>

namespace Flotilla {

class LogModel;
class LogSpillSearch;

// Filter mode: only the lines of a LogModel that match a pattern (or, with
// invert, that do not), each with up to contextLines() lines before and
// after it. Without a pattern every line passes.
//
// The kept lines are a LineIdSet, a bitmap per 1,024 lines: ~150 bytes per
// 1,024 lines of log at most, however the kept lines alternate (every other
// line of 20 million: 3 MB, where a list of runs took 240 MB). Matches come
// as a stream of lines (a pattern,
// invert or context change starts it again, a model reset); context is the
// runs around each kept "seed" line, so each part of the log is filtered on
// its own and the parts add up.
//
// A log of up to LogSearch::syncSearchBytes is filtered at once. A bigger
// one is filtered on a pool thread over its spill file (LogSpillSearch in
// Lines mode), one part at a time: the lines there when the filter starts,
// then what was prepended above (chunks read backwards) and appended below
// (follow) meanwhile. Kept lines are inserted as they are found, a batch at
// a time (the first match at once); progressChanged() follows, cancel()
// stops it and keeps what was found.
class LogFilterModel final : public QAbstractProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogFilterModel)

public:
    explicit LogFilterModel(QObject *parent = nullptr);
    ~LogFilterModel() override;

    void setLogModel(LogModel *model);
    LogModel *logModel() const { return m_log; }

    // Each of these filters everything again (a model reset, then the lines as they are found).
    void setPattern(const LogPattern &pattern);
    void setInverted(bool inverted);
    void setContextLines(int lines);
    const LogMatcher &matcher() const { return m_matcher; }
    bool isInverted() const { return m_inverted; }
    int contextLines() const { return m_context; }
    bool isFiltering() const { return !m_matcher.isEmpty() && m_matcher.isValid(); }

    // Whether a background search is under way, and how far it got (permille).
    bool isSearching() const { return m_searching; }
    int progress() const { return m_progress; }
    // Stops filtering what is there now; the lines kept so far stay, lines
    // that arrive later are filtered.
    void cancel();
    bool wasCancelled() const { return m_cancelled; }

    qint64 lineIdAt(int row) const;
    int rowOfLineId(qint64 id) const; // -1 when filtered out
    // How many runs of consecutive lines are kept.
    qsizetype runCount() const { return m_kept.runCount(); }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;

Q_SIGNALS:
    void progressChanged(int permille);
    void searchingChanged(bool searching);

private:
    // Lines [first, end).
    struct Lines
    {
        qint64 first = 0;
        qint64 end = 0;
    };

    void setSourceModel(QAbstractItemModel *) override {} // use setLogModel()
    void refilter();
    // Forgets what is kept (within a model reset).
    void clearKept();
    // Filters the parts of the log not filtered yet: at once when the log
    // is small, else starts a background search over the next part. Keeps
    // the lines of `arrived` too (sorted), in the same insertion if it can.
    void filterPending(std::vector<Lines> arrived = {});
    // Starts filtering lines [first, end): the matches come in ascending order.
    void beginPart(qint64 first, qint64 end);
    // `matches` (ascending) were found in the part, every line before
    // `searchedEnd` is searched: keeps their lines, and those of `arrived`.
    void takeMatches(const std::vector<qint64> &matches, qint64 searchedEnd, const std::vector<Lines> &arrived = {});
    void onSpillHits(qsizetype first, qsizetype count);
    void onSpillFinished();
    void updateSearching();
    // Notes how far `wanted` reaches past the log's ends: those lines are kept when they arrive.
    void noteReach(const std::vector<Lines> &wanted);
    // Inserts the rows of the lines of `wanted` (may overlap) that the log
    // holds and are not kept yet, in as few insertions as can be.
    void keep(std::vector<Lines> wanted);
    // Inserts `pieces` (sorted, not kept, nothing kept between them) at `row`.
    void insertPieces(const std::vector<Lines> &pieces, int row);
    // How many kept lines come before line `id`.
    qint64 keptBefore(qint64 id) const { return m_kept.countBelow(id); }
    void onRowsInserted(int first, int last);
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);

    LogModel *m_log = nullptr;
    LogSpillSearch *m_spillSearch;
    LogMatcher m_matcher;
    bool m_inverted = false;
    int m_context = 0;
    LineIdSet m_kept;
    // The lines filtered (or being filtered): [m_filteredFirst, m_filteredEnd).
    qint64 m_filteredFirst = 0;
    qint64 m_filteredEnd = 0;
    // The part being filtered: its end, and for invert where its current
    // run of non-matching lines began.
    qint64 m_partEnd = 0;
    qint64 m_gapStart = 0;
    // Kept lines may reach past the log's ends (context): these are kept when they arrive.
    qint64 m_wantedFirst = std::numeric_limits<qint64>::max();
    qint64 m_wantedEnd = std::numeric_limits<qint64>::min();
    int m_progress = 0;
    bool m_searching = false;
    bool m_cancelled = false;
};

} // namespace Flotilla
