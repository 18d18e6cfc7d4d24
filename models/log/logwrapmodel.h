#pragma once

#include "logspillpages.h"

#include <QAbstractProxyModel>
#include <QFutureWatcher>
#include <QTimer>

#include <deque>
#include <functional>
#include <limits>
#include <vector>

namespace Flotilla {

class LogModel;

// Wrap mode for a uniform-height list: each line of the source (a LogModel
// or a LogFilterModel on one) becomes as many visual rows as it needs at
// wrapColumns() characters per row. Every visual row carries all the line's
// roles plus where its piece of the text starts and how long it is.
// wrapColumns() 0 is no wrapping: one row per line.
//
// Memory stays flat however long the log: the lines are taken in blocks of
// blockLines (the spill's pages, by line id), and only a block's row count
// is kept, with prefix sums for finding a row's block. Where a block's rows
// go is worked out from its lines' lengths when it is shown, for the last
// few blocks shown. A block not measured yet counts one row per line; the
// log's blocks are measured on a pool thread from a snapshot of its spill
// (from the end backwards, at a lower priority than the GUI thread), the
// blocks asked for (the rows in view) at once after the event that read
// them, as are a short log and lines arriving a few at a time. A counted
// block's rows are removed and inserted again, laid out anew (the rows
// around it stay as they were), so a view that keeps its top line sees no
// jump. Rows appended to the source or prepended at its front are followed
// without a reset; changing the width resets.
//
// A filtering LogFilterModel's lines are not one run of the log's: then
// the blocks are measured on this thread, a few milliseconds of them per
// event-loop turn. Its lines may also come between others (context at a
// seam): the blocks from there on are measured and cut again.
class LogWrapModel final : public QAbstractProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogWrapModel)

public:
    enum Role {
        SegmentStartRole = Qt::UserRole + 100, // int: UTF-16 offset into the line
        SegmentLengthRole,                     // int
    };
    static constexpr qint64 blockLines = LogSpillPages::pageLines;
    // Blocks whose rows' places are kept at once while the log is measured on the side.
    static constexpr int keptLayouts = 8;

    explicit LogWrapModel(QObject *parent = nullptr);
    ~LogWrapModel() override;

    void setSourceModel(QAbstractItemModel *model) override;
    void setWrapColumns(int columns);
    int wrapColumns() const { return m_columns; }

    // Whether every block's rows are counted (none at one row per line).
    bool isMeasured() const { return m_unmeasured == 0; }
    int blockCount() const { return int(m_blocks.size()); }
    // What this model holds per block and for the blocks' kept row places, in bytes.
    qint64 storageBytes() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;

    // A block's lines and their row count, as measured on the pool thread.
    struct Measured
    {
        qint64 first = 0;
        qint64 end = 0;
        int rows = 0;
    };

private:
    struct Block
    {
        int rows = 0;          // one per line until measured; 0 while being replaced
        bool measured = false; // rows counted at the width
        // While measured: per line, one past its last row in the block;
        // empty when not kept (recomputed when shown).
        mutable std::vector<int> ends;
    };

    // Prefix sums of the blocks' rows (a Fenwick tree): changing a block and
    // finding the block of a row both cost O(log blocks).
    class RowSums
    {
    public:
        void assign(const std::vector<Block> &blocks);
        void add(size_t block, qint64 delta);
        qint64 before(size_t block) const; // rows of the blocks before `block`
        size_t blockOf(qint64 row) const;  // the block holding `row`
        qint64 storageBytes() const { return qint64(m_tree.size() * sizeof(qint64)); }

    private:
        std::vector<qint64> m_tree;
    };

    // Where a visual row is: its block, its line's key and its row in the line.
    struct Place
    {
        size_t block = 0;
        qint64 key = 0;
        int segment = 0;
    };

    bool isWrapping() const { return m_columns > 0; }
    void rebuild();
    void onRowsInserted(int first, int last);
    void insertBetween(int first, int last);
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);

    // Keys number the source's lines: line ids over a log, rows otherwise.
    qint64 blockNumber(qint64 key) const;
    qint64 blockFirst(size_t block) const;
    qint64 blockEnd(size_t block) const;
    // A block of the lines [first, end), measured when `measure`.
    Block makeBlock(qint64 first, qint64 end, bool measure) const;
    // The source row of a line; lines not taken in yet shift those below.
    int sourceRow(qint64 key) const;
    int lineLength(qint64 key) const;
    // Appends the row ends of the lines [first, end) to `ends`.
    void appendEnds(std::vector<int> &ends, qint64 first, qint64 end) const;
    // The block's row ends, worked out when not kept; empty when not measured.
    const std::vector<int> &endsOf(size_t block) const;
    void keepEnds(size_t block) const;
    Place locate(int row) const;
    int firstRowOfKey(qint64 key) const; // -1 while its block is laid out anew
    // Inserts (delta > 0) or removes rows from `at`, changing the state with `commit` between.
    void changeRows(int at, qint64 delta, const std::function<void()> &commit);
    // Replaces block `block` by `measured` (same lines): its rows are
    // removed and inserted again when their count changes.
    void replaceBlock(size_t block, Block measured);
    // Counts the block's rows on this thread and lays them out anew.
    void measureNow(size_t block);

    // Measuring: the blocks shown (at once, after the event that showed
    // them) and the rest on a pool thread.
    void askFor(size_t block) const;
    void measureAskedFor();
    void startMeasuring();
    void measureSlice();
    void cancelMeasuring();
    void takeMeasured(int begin, int end);
    void onMeasuringFinished();

    int m_columns = 0;
    int m_sourceColumns = 0;
    LogModel *m_log = nullptr; // when the source's lines are this log's, in order: measured on the side
    qint64 m_base = 0;         // the key of source row 0; within a prepend, already the new one
    qint64 m_firstKey = 0;     // the lines held: [m_firstKey, m_endKey)
    qint64 m_endKey = 0;
    qint64 m_firstBlock = 0; // the block number of m_blocks[0]
    std::vector<Block> m_blocks;
    RowSums m_sums;
    qint64 m_rowCount = 0;
    int m_unmeasured = 0;
    mutable std::deque<qint64> m_keptOrder;        // block numbers with kept ends, most recently shown first
    mutable std::vector<qint64> m_askedFor;        // block numbers shown before they were measured
    QFutureWatcher<Measured> *m_watcher = nullptr; // a log's count on the pool thread
    QTimer m_sliceTimer;                           // a filter's count here
    bool m_measuredAny = false;                    // by the pool thread's current job
    bool m_grownSince = false;                     // lines arrived since that job started
    // Within an insertion between others, before this model takes it in:
    // its old lines from m_pendingKey on are m_pendingCount further down the source.
    qint64 m_pendingKey = std::numeric_limits<qint64>::max();
    qint64 m_pendingCount = 0;
};

} // namespace Flotilla
