#include "logwrapmodel.h"

#include "logfiltermodel.h"
#include "logmodel.h"

#include <QElapsedTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <QThreadPool>

#include <algorithm>
#include <bit>
#include <iterator>
#include <numeric>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace Flotilla {

namespace {

// A log this short, or lines arriving this few at once (following a
// running log), are measured at once: a few pages' lengths.
constexpr qint64 atOnceLines = 2 * LogWrapModel::blockLines;

int rowsOfLength(int length, int columns)
{
    return int(std::max<qint64>(1, (qint64(length) + columns - 1) / columns));
}

// On a pool thread: each block's rows at `columns`, its lines parsed as
// LogModel's pages parse them, so the lengths are the ones it shows.
void measureBlocks(QPromise<LogWrapModel::Measured> &promise, const LogSpillContent &content,
                   const std::vector<std::pair<qint64, qint64>> &blocks, int columns)
{
#ifdef Q_OS_LINUX
    // Below the GUI thread (nice 10, this thread only): counting waits, the
    // GUI does not. Raising a thread's nice value needs no privilege.
    ::setpriority(PRIO_PROCESS, ::gettid(), 10);
#endif
    for (const auto &[first, end] : blocks) {
        if (promise.isCanceled())
            return;
        const ParsedLines lines = LogSpillPages::parse(content, first, end);
        int rows = 0;
        for (qint64 line = 0; line < end - first; ++line)
            rows += line < lines.lineCount() ? rowsOfLength(lines.lineLength(line), columns) : 1;
        promise.addResult(LogWrapModel::Measured{first, end, rows});
    }
}

} // namespace

void LogWrapModel::RowSums::assign(const std::vector<Block> &blocks)
{
    m_tree.assign(blocks.size(), 0);
    for (size_t i = 0; i < blocks.size(); ++i) {
        m_tree[i] += blocks[i].rows;
        if (const size_t parent = i | (i + 1); parent < m_tree.size())
            m_tree[parent] += m_tree[i];
    }
}

void LogWrapModel::RowSums::add(size_t block, qint64 delta)
{
    for (; block < m_tree.size(); block |= block + 1)
        m_tree[block] += delta;
}

qint64 LogWrapModel::RowSums::before(size_t block) const
{
    qint64 sum = 0;
    for (; block > 0; block &= block - 1) // block is one past the node: m_tree[block - 1]
        sum += m_tree[block - 1];
    return sum;
}

size_t LogWrapModel::RowSums::blockOf(qint64 row) const
{
    // The most blocks whose rows all lie at or before `row`.
    size_t blocks = 0;
    for (size_t step = std::bit_floor(m_tree.size()); step > 0; step >>= 1) {
        if (blocks + step <= m_tree.size() && m_tree[blocks + step - 1] <= row) {
            blocks += step;
            row -= m_tree[blocks - 1];
        }
    }
    return blocks;
}

LogWrapModel::LogWrapModel(QObject *parent)
    : QAbstractProxyModel(parent)
{
    m_sliceTimer.setInterval(0);
    connect(&m_sliceTimer, &QTimer::timeout, this, &LogWrapModel::measureSlice);
}

LogWrapModel::~LogWrapModel()
{
    cancelMeasuring();
}

void LogWrapModel::setSourceModel(QAbstractItemModel *model)
{
    if (sourceModel())
        disconnect(sourceModel(), nullptr, this, nullptr);
    QAbstractProxyModel::setSourceModel(model);
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    // Our sources only drop rows when they start over (a filter's lines).
    connect(model, &QAbstractItemModel::rowsRemoved, this, &LogWrapModel::rebuild);
    connect(model, &QAbstractItemModel::modelReset, this, &LogWrapModel::rebuild);
    connect(model, &QAbstractItemModel::dataChanged, this, &LogWrapModel::onDataChanged);
    rebuild();
}

void LogWrapModel::setWrapColumns(int columns)
{
    columns = std::max(columns, 0);
    if (columns == m_columns)
        return;
    m_columns = columns;
    rebuild();
}

qint64 LogWrapModel::storageBytes() const
{
    qint64 bytes = qint64(m_blocks.size() * sizeof(Block)) + m_sums.storageBytes();
    for (const Block &block : m_blocks)
        bytes += qint64(block.ends.size() * sizeof(int));
    return bytes + qint64((m_keptOrder.size() + m_askedFor.size()) * sizeof(qint64));
}

void LogWrapModel::rebuild()
{
    beginResetModel();
    cancelMeasuring();
    QAbstractItemModel *source = sourceModel();
    const auto *filter = qobject_cast<const LogFilterModel *>(source);
    m_log = filter ? (filter->isFiltering() ? nullptr : filter->logModel()) : qobject_cast<LogModel *>(source);
    const qint64 lines = source ? source->rowCount() : 0;
    m_sourceColumns = source ? source->columnCount() : 0;
    m_base = m_log ? m_log->firstLineId() : 0;
    m_firstKey = m_base;
    m_endKey = m_base + lines;
    m_firstBlock = blockNumber(m_firstKey);
    m_blocks.clear();
    m_keptOrder.clear();
    m_askedFor.clear();
    if (isWrapping()) {
        const bool measure = lines <= atOnceLines;
        for (qint64 first = m_firstKey; first < m_endKey;) {
            const qint64 end = std::min((blockNumber(first) + 1) * blockLines, m_endKey);
            m_blocks.push_back(makeBlock(first, end, measure));
            keepEnds(m_blocks.size() - 1);
            first = end;
        }
    }
    m_sums.assign(m_blocks);
    m_rowCount = isWrapping() ? m_sums.before(m_blocks.size()) : lines;
    m_unmeasured = int(std::count_if(m_blocks.begin(), m_blocks.end(), [](const Block &b) { return !b.measured; }));
    endResetModel();
    startMeasuring();
}

qint64 LogWrapModel::blockNumber(qint64 key) const
{
    return LogSpillPages::pageStart(key) / blockLines;
}

qint64 LogWrapModel::blockFirst(size_t block) const
{
    return std::max((m_firstBlock + qint64(block)) * blockLines, m_firstKey);
}

qint64 LogWrapModel::blockEnd(size_t block) const
{
    return std::min((m_firstBlock + qint64(block) + 1) * blockLines, m_endKey);
}

int LogWrapModel::sourceRow(qint64 key) const
{
    return int(key - m_base + (key >= m_pendingKey ? m_pendingCount : 0));
}

int LogWrapModel::lineLength(qint64 key) const
{
    return m_log ? m_log->lineLength(int(key - m_log->firstLineId()))
                 : sourceModel()->index(sourceRow(key), 0).data(LogModel::LineLengthRole).toInt();
}

void LogWrapModel::appendEnds(std::vector<int> &ends, qint64 first, qint64 end) const
{
    int rows = ends.empty() ? 0 : ends.back();
    for (qint64 key = first; key < end; ++key) {
        rows += rowsOfLength(lineLength(key), m_columns);
        ends.push_back(rows);
    }
}

LogWrapModel::Block LogWrapModel::makeBlock(qint64 first, qint64 end, bool measure) const
{
    Block block;
    block.measured = measure;
    if (!measure) {
        block.rows = int(end - first);
        return block;
    }
    appendEnds(block.ends, first, end);
    block.rows = block.ends.back();
    return block;
}

const std::vector<int> &LogWrapModel::endsOf(size_t block) const
{
    static const std::vector<int> oneRowEach;
    const Block &b = m_blocks[block];
    if (!b.measured)
        return oneRowEach;
    if (qint64(b.ends.size()) != blockEnd(block) - blockFirst(block)) {
        b.ends.clear();
        appendEnds(b.ends, blockFirst(block), blockEnd(block));
    }
    keepEnds(block);
    return b.ends;
}

void LogWrapModel::keepEnds(size_t block) const
{
    if (m_blocks[block].ends.empty())
        return;
    const qint64 number = m_firstBlock + qint64(block);
    if (!m_keptOrder.empty() && m_keptOrder.front() == number)
        return;
    std::erase(m_keptOrder, number);
    m_keptOrder.push_front(number);
    while (int(m_keptOrder.size()) > keptLayouts) {
        const qint64 dropped = m_keptOrder.back() - m_firstBlock;
        m_keptOrder.pop_back();
        if (dropped >= 0 && dropped < qint64(m_blocks.size()))
            std::vector<int>().swap(m_blocks[size_t(dropped)].ends);
    }
}

LogWrapModel::Place LogWrapModel::locate(int row) const
{
    if (!isWrapping())
        return {0, m_firstKey + row, 0};
    const size_t block = m_sums.blockOf(row);
    const qint64 inBlock = row - m_sums.before(block);
    const std::vector<int> &ends = endsOf(block);
    if (ends.empty())
        return {block, blockFirst(block) + inBlock, 0};
    const auto line = std::min(std::upper_bound(ends.begin(), ends.end(), int(inBlock)) - ends.begin(),
                               std::ptrdiff_t(ends.size()) - 1);
    const int lineStart = line ? ends[size_t(line - 1)] : 0;
    return {block, blockFirst(block) + line, int(inBlock) - lineStart};
}

int LogWrapModel::firstRowOfKey(qint64 key) const
{
    if (!isWrapping())
        return int(key - m_firstKey);
    const auto block = size_t(blockNumber(key) - m_firstBlock);
    if (m_blocks[block].rows == 0)
        return -1; // being laid out anew
    const qint64 inBlock = key - blockFirst(block);
    const std::vector<int> &ends = endsOf(block);
    return int(m_sums.before(block) + (ends.empty() ? inBlock : inBlock ? ends[size_t(inBlock - 1)] : 0));
}

void LogWrapModel::onRowsInserted(int first, int last)
{
    const qint64 count = last - first + 1;
    if (m_endKey == m_firstKey) {
        // Empty: a log's first lines may come above its line 0.
        m_base = m_log ? m_log->firstLineId() : m_base;
        m_firstKey = m_endKey = m_base;
        m_firstBlock = blockNumber(m_base);
    } else if (first != 0 && first != m_endKey - m_firstKey) {
        insertBetween(first, last);
        return;
    }
    const bool prepended = first == 0 && m_endKey > m_firstKey;
    m_grownSince = true;
    const auto commitKeys = [this, prepended, count] {
        (prepended ? m_firstKey : m_endKey) += prepended ? -count : count;
        m_firstBlock = blockNumber(m_firstKey);
    };
    if (prepended)
        m_base -= count; // the old rows are that much further down the source already
    if (!isWrapping()) {
        const auto at = int(prepended ? 0 : m_rowCount);
        beginInsertRows({}, at, at + int(count) - 1);
        commitKeys();
        m_rowCount += count;
        endInsertRows();
        return;
    }
    const bool measure = count <= atOnceLines;
    const qint64 from = prepended ? m_firstKey - count : m_endKey;
    const qint64 to = prepended ? m_firstKey : m_endKey + count;
    // The block at the seam grows when the seam is inside it.
    const size_t seam = prepended ? 0 : m_blocks.size() - 1;
    const bool grows = !m_blocks.empty()
                       && blockNumber(prepended ? to - 1 : from) == blockNumber(prepended ? to : from - 1);
    std::vector<Block> added;
    for (qint64 start = from; start < to;) {
        const qint64 end = std::min((blockNumber(start) + 1) * blockLines, to);
        const bool atSeam = grows && (prepended ? end == to : start == from);
        if (!atSeam) {
            added.push_back(makeBlock(start, end, measure));
        } else {
            const Block &old = m_blocks[seam];
            const qint64 blockStart = prepended ? start : blockFirst(seam);
            const qint64 blockStop = prepended ? blockEnd(seam) : end;
            if (old.measured && !prepended) { // its rows stay; the new lines' follow
                Block grown{0, true, endsOf(seam)};
                appendEnds(grown.ends, from, end);
                grown.rows = grown.ends.back();
                added.push_back(std::move(grown));
            } else if (old.measured || (measure && !prepended)) {
                // Counted anew; lines above the seam only when it was counted, so its old rows stay.
                added.push_back(makeBlock(blockStart, blockStop, true));
            } else {
                added.push_back({int(old.rows + end - start), false, {}});
            }
        }
        start = end;
    }
    qint64 addedRows = 0;
    for (const Block &block : added)
        addedRows += block.rows;
    const qint64 delta = addedRows - (grows ? m_blocks[seam].rows : 0);
    const bool seamRelaid = grows && (prepended || !m_blocks[seam].measured)
                            && added[prepended ? added.size() - 1 : 0].measured;
    const auto commit = [&] {
        if (grows)
            m_blocks.erase(m_blocks.begin() + qint64(seam));
        const auto where = prepended ? m_blocks.begin() : m_blocks.end();
        m_blocks.insert(where, std::make_move_iterator(added.begin()), std::make_move_iterator(added.end()));
        commitKeys();
        m_sums.assign(m_blocks);
        m_rowCount += delta;
        m_unmeasured = int(std::count_if(m_blocks.begin(), m_blocks.end(), [](const Block &b) { return !b.measured; }));
        const size_t firstAdded = prepended ? 0 : m_blocks.size() - added.size();
        for (size_t block = firstAdded; block < firstAdded + added.size(); ++block)
            keepEnds(block);
    };
    // Rows come in (or, a completed first line being shorter, go) where the lines do.
    const auto at = int(prepended ? 0 : m_rowCount + std::min<qint64>(delta, 0));
    changeRows(at, delta, commit);
    // The seam's block was laid out anew (counted, or its first line completed).
    if (seamRelaid) {
        const size_t block = prepended ? added.size() - 1 : m_blocks.size() - added.size();
        const qint64 top = m_sums.before(block);
        Q_EMIT dataChanged(index(int(top), 0), index(int(top + m_blocks[block].rows - 1), m_sourceColumns - 1));
    }
    startMeasuring();
}

void LogWrapModel::insertBetween(int first, int last)
{
    Q_ASSERT(!m_log); // a log's lines come at its ends only
    const qint64 key = m_base + first;
    const qint64 count = last - first + 1;
    const auto takeIn = [this, count] {
        m_endKey += count;
        m_pendingKey = std::numeric_limits<qint64>::max();
        m_pendingCount = 0;
    };
    if (!isWrapping()) {
        m_pendingKey = key;
        m_pendingCount = count;
        beginInsertRows({}, first, last);
        takeIn();
        m_rowCount += count;
        endInsertRows();
        return;
    }
    // The new lines' rows, read before the old lines below them move down.
    std::vector<int> added;
    appendEnds(added, key, key + count);
    m_pendingKey = key;
    m_pendingCount = count;
    // Every old line's rows from the block the new ones go into on, to cut
    // those blocks again: blocks not measured yet are measured now, and
    // blocks not shown lately measured again (rare: context at a seam).
    const auto block = size_t(blockNumber(key) - m_firstBlock);
    std::vector<int> lineRows;
    lineRows.reserve(size_t(m_endKey - blockFirst(block) + count));
    for (size_t b = block; b < m_blocks.size(); ++b) {
        if (!m_blocks[b].measured)
            measureNow(b);
        const std::vector<int> &ends = endsOf(b);
        for (size_t line = 0; line < ends.size(); ++line)
            lineRows.push_back(ends[line] - (line ? ends[line - 1] : 0));
    }
    const auto at = key - blockFirst(block);
    const int rowsAbove = std::accumulate(lineRows.begin(), lineRows.begin() + at, 0);
    std::adjacent_difference(added.begin(), added.end(), std::inserter(lineRows, lineRows.begin() + at));
    std::vector<Block> blocks;
    for (qint64 start = blockFirst(block), end = m_endKey + count; start < end;) {
        const qint64 stop = std::min((blockNumber(start) + 1) * blockLines, end);
        Block cut{0, true, {}};
        for (qint64 line = start; line < stop; ++line)
            cut.ends.push_back(cut.rows += lineRows[size_t(line - blockFirst(block))]);
        blocks.push_back(std::move(cut));
        start = stop;
    }
    changeRows(int(m_sums.before(block) + rowsAbove), added.back(), [&] {
        m_blocks.erase(m_blocks.begin() + qint64(block), m_blocks.end());
        m_blocks.insert(m_blocks.end(), std::make_move_iterator(blocks.begin()), std::make_move_iterator(blocks.end()));
        takeIn();
        m_sums.assign(m_blocks);
        m_rowCount += added.back();
    });
}

void LogWrapModel::changeRows(int at, qint64 delta, const std::function<void()> &commit)
{
    if (delta > 0) {
        beginInsertRows({}, at, at + int(delta) - 1);
        commit();
        endInsertRows();
    } else if (delta < 0) {
        beginRemoveRows({}, at, at - int(delta) - 1);
        commit();
        endRemoveRows();
    } else {
        commit();
    }
}

void LogWrapModel::replaceBlock(size_t block, Block measured)
{
    const auto top = int(m_sums.before(block));
    const int old = m_blocks[block].rows;
    const auto setBlock = [this, block](Block replacement) {
        const int delta = replacement.rows - m_blocks[block].rows;
        m_unmeasured += int(m_blocks[block].measured) - int(replacement.measured);
        m_blocks[block] = std::move(replacement);
        m_sums.add(block, delta);
        m_rowCount += delta;
        keepEnds(block);
    };
    if (measured.rows == old) { // one row per line still, or the same count laid out anew
        setBlock(std::move(measured));
        Q_EMIT dataChanged(index(top, 0), index(top + old - 1, m_sourceColumns - 1));
        return;
    }
    // Its rows go and come back laid out anew, so the rows around it stay
    // as they were (rows of the same lines); in between it has none.
    const int rows = measured.rows;
    changeRows(top, -old, [&] { setBlock({}); });
    changeRows(top, rows, [&] { setBlock(std::move(measured)); });
}

void LogWrapModel::measureNow(size_t block)
{
    replaceBlock(block, makeBlock(blockFirst(block), blockEnd(block), true));
}

void LogWrapModel::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    const qint64 firstKey = std::max(topLeft.row() + m_base, m_firstKey);
    const qint64 lastKey = std::min(bottomRight.row() + m_base, m_endKey - 1);
    if (firstKey > lastKey)
        return;
    const bool textChanged = roles.isEmpty() || roles.contains(Qt::DisplayRole)
                             || roles.contains(LogModel::LineLengthRole);
    // Counted again now (a line read backwards completed: one block), so a
    // count under way, of the old text, is not taken.
    if (textChanged && isWrapping()) {
        for (qint64 number = blockNumber(firstKey); number <= blockNumber(lastKey); ++number) {
            const auto block = size_t(number - m_firstBlock);
            measureNow(block);
        }
    }
    const int lastRow = (lastKey + 1 < m_endKey ? firstRowOfKey(lastKey + 1) : int(m_rowCount)) - 1;
    Q_EMIT dataChanged(index(firstRowOfKey(firstKey), topLeft.column()), index(lastRow, bottomRight.column()), roles);
}

void LogWrapModel::askFor(size_t block) const
{
    const qint64 number = m_firstBlock + qint64(block);
    if (std::find(m_askedFor.begin(), m_askedFor.end(), number) != m_askedFor.end()
        || int(m_askedFor.size()) >= keptLayouts) // more than a view shows: left to the pool thread
        return;
    m_askedFor.push_back(number);
    if (m_askedFor.size() == 1) // counting changes rows: not while they are read
        QMetaObject::invokeMethod(const_cast<LogWrapModel *>(this), &LogWrapModel::measureAskedFor,
                                  Qt::QueuedConnection);
}

void LogWrapModel::measureAskedFor()
{
    for (const qint64 number : std::exchange(m_askedFor, {})) {
        const qint64 block = number - m_firstBlock;
        if (block >= 0 && block < qint64(m_blocks.size()) && !m_blocks[size_t(block)].measured)
            measureNow(size_t(block));
    }
}

void LogWrapModel::startMeasuring()
{
    if (!isWrapping() || m_unmeasured == 0 || m_watcher)
        return;
    if (!m_log) {
        m_sliceTimer.start();
        return;
    }
    std::vector<std::pair<qint64, qint64>> blocks; // from the end, which is shown first
    for (size_t block = m_blocks.size(); block-- > 0;) {
        if (!m_blocks[block].measured)
            blocks.emplace_back(blockFirst(block), blockEnd(block));
    }
    m_measuredAny = false;
    m_grownSince = false;
    m_watcher = new QFutureWatcher<Measured>(this);
    connect(m_watcher, &QFutureWatcherBase::resultsReadyAt, this, &LogWrapModel::takeMeasured);
    connect(m_watcher, &QFutureWatcherBase::finished, this, &LogWrapModel::onMeasuringFinished);
    // A pool of its own: its thread's lowered priority stays there.
    static QThreadPool pool;
    pool.setMaxThreadCount(1);
    m_watcher->setFuture(
        QtConcurrent::run(&pool, measureBlocks, m_log->spill().snapshot(), std::move(blocks), m_columns));
}

void LogWrapModel::measureSlice()
{
    // From the end, which is shown first; the events waiting go between slices.
    constexpr qint64 sliceMs = 4;
    QElapsedTimer slice;
    slice.start();
    for (size_t block = m_blocks.size(); block-- > 0 && !slice.hasExpired(sliceMs);) {
        if (!m_blocks[block].measured)
            measureNow(block);
    }
    if (m_unmeasured == 0)
        m_sliceTimer.stop();
}

void LogWrapModel::cancelMeasuring()
{
    m_sliceTimer.stop();
    if (!m_watcher)
        return;
    // The job stops within a block; its watcher goes now, so nothing of it is taken.
    m_watcher->disconnect(this);
    m_watcher->cancel();
    m_watcher->deleteLater();
    m_watcher = nullptr;
}

void LogWrapModel::takeMeasured(int begin, int end)
{
    for (int i = begin; i < end && m_watcher; ++i) { // a slot may start over meanwhile
        const Measured measured = m_watcher->resultAt(i);
        const qint64 block = blockNumber(measured.first) - m_firstBlock;
        // Lines that arrived since make the count stale: that block goes again.
        if (block < 0 || block >= qint64(m_blocks.size()) || m_blocks[size_t(block)].measured
            || blockFirst(size_t(block)) != measured.first || blockEnd(size_t(block)) != measured.end)
            continue;
        replaceBlock(size_t(block), {measured.rows, true, {}});
        m_measuredAny = true;
    }
}

void LogWrapModel::onMeasuringFinished()
{
    m_watcher->deleteLater();
    m_watcher = nullptr;
    // Blocks that arrived meanwhile, or changed under the count, go again.
    if (m_measuredAny || m_grownSince)
        startMeasuring();
}

// Views call this for every row on each layout: no virtual calls.
QModelIndex LogWrapModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || row >= m_rowCount || column < 0 || column >= m_sourceColumns || parent.isValid())
        return {};
    return createIndex(row, column);
}

QModelIndex LogWrapModel::parent(const QModelIndex &) const
{
    return {};
}

int LogWrapModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rowCount);
}

int LogWrapModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_sourceColumns;
}

QVariant LogWrapModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Place place = locate(index.row());
    if (isWrapping() && !m_blocks[place.block].measured)
        askFor(place.block);
    const QModelIndex line = sourceModel()->index(sourceRow(place.key), index.column());
    if (role != SegmentStartRole && role != SegmentLengthRole)
        return line.data(role);
    const int length = line.data(LogModel::LineLengthRole).toInt();
    if (!isWrapping())
        return role == SegmentStartRole ? 0 : length;
    const int start = place.segment * m_columns;
    return role == SegmentStartRole ? start : std::clamp(length - start, 0, m_columns);
}

QModelIndex LogWrapModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || proxyIndex.model() != this)
        return {};
    return sourceModel()->index(sourceRow(locate(proxyIndex.row()).key), proxyIndex.column());
}

QModelIndex LogWrapModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.model() != sourceModel())
        return {};
    qint64 key = sourceIndex.row() + m_base;
    if (key >= m_pendingKey + m_pendingCount)
        key -= m_pendingCount;
    else if (key >= m_pendingKey)
        return {}; // not taken in yet
    if (key < m_firstKey || key >= m_endKey)
        return {}; // not taken in yet
    const int row = firstRowOfKey(key);
    return row < 0 ? QModelIndex() : index(row, sourceIndex.column());
}

} // namespace Flotilla
