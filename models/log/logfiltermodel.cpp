#include "logfiltermodel.h"

#include "logmodel.h"

#include <algorithm>

namespace Flotilla {

LogFilterModel::LogFilterModel(QObject *parent)
    : QAbstractProxyModel(parent)
{}

void LogFilterModel::setLogModel(LogModel *model)
{
    beginResetModel();
    if (m_log)
        disconnect(m_log, nullptr, this, nullptr);
    m_log = model;
    QAbstractProxyModel::setSourceModel(model);
    connect(model, &LogModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    connect(model, &LogModel::dataChanged, this, &LogFilterModel::onDataChanged);
    connect(model, &LogModel::modelAboutToBeReset, this, &LogFilterModel::beginResetModel);
    connect(model, &LogModel::modelReset, this, [this] {
        m_keptIds.clear();
        m_afterContextLeft = 0;
        m_unfilteredCount = 0;
        m_firstId = m_log->firstLineId();
        filterRows(0, m_log->rowCount() - 1, m_keptIds);
        endResetModel();
    });
    endResetModel();
    refilter();
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
    beginResetModel();
    m_keptIds.clear();
    m_afterContextLeft = 0;
    m_unfilteredCount = 0;
    m_firstId = m_log ? m_log->firstLineId() : 0;
    if (m_log)
        filterRows(0, m_log->rowCount() - 1, m_keptIds);
    endResetModel();
}

void LogFilterModel::filterRows(int first, int last, std::vector<qint64> &kept)
{
    if (last < first)
        return;
    if (!isFiltering()) {
        m_unfilteredCount += last - first + 1;
        return;
    }
    const qint64 firstId = m_log->firstLineId();
    const std::vector<int> matching = m_matcher.matchingRows(*m_log, first, last + 1);
    auto nextMatch = matching.begin();
    qint64 lastKept = m_keptIds.empty() ? firstId - 1 : m_keptIds.back();
    for (int row = first; row <= last; ++row) {
        const bool matched = nextMatch != matching.end() && *nextMatch == row;
        if (matched)
            ++nextMatch;
        const qint64 id = firstId + row;
        if (matched != m_inverted) {
            for (qint64 before = std::max(lastKept + 1, id - m_context); before <= id; ++before)
                kept.push_back(before);
            lastKept = id;
            m_afterContextLeft = m_context;
        } else if (m_afterContextLeft > 0) {
            kept.push_back(id);
            lastKept = id;
            --m_afterContextLeft;
        }
    }
}

void LogFilterModel::onRowsInserted(int first, int last)
{
    const bool prepended = first == 0 && last + 1 < m_log->rowCount();
    if (!isFiltering()) {
        const int at = prepended ? 0 : m_unfilteredCount;
        beginInsertRows({}, at, at + last - first);
        if (prepended)
            m_firstId -= last - first + 1;
        m_unfilteredCount += last - first + 1;
        endInsertRows();
        return;
    }
    if (prepended) {
        // Context lines may reach across the seam: filter everything again.
        refilter();
        return;
    }
    std::vector<qint64> added; // filterRows() reads the last kept line from m_keptIds
    filterRows(first, last, added);
    if (added.empty())
        return;
    const int count = rowCount();
    beginInsertRows({}, count, count + int(added.size()) - 1);
    m_keptIds.insert(m_keptIds.end(), added.begin(), added.end());
    endInsertRows();
}

void LogFilterModel::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles)
{
    const qint64 firstId = m_log->firstLineId();
    const auto firstKept = std::lower_bound(m_keptIds.begin(), m_keptIds.end(), firstId + topLeft.row());
    const auto endKept = std::upper_bound(m_keptIds.begin(), m_keptIds.end(), firstId + bottomRight.row());
    const int first = isFiltering() ? int(firstKept - m_keptIds.begin()) : topLeft.row();
    const int last = isFiltering() ? int(endKept - m_keptIds.begin()) - 1 : bottomRight.row();
    if (first <= last)
        Q_EMIT dataChanged(index(first, topLeft.column()), index(last, bottomRight.column()), roles);
}

qint64 LogFilterModel::lineIdAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return LogModel::noLineId;
    return isFiltering() ? m_keptIds[size_t(row)] : m_firstId + row;
}

int LogFilterModel::rowOfLineId(qint64 id) const
{
    if (!m_log)
        return -1;
    if (!isFiltering())
        return id >= m_firstId && id < m_firstId + m_unfilteredCount ? int(id - m_firstId) : -1;
    const auto found = std::lower_bound(m_keptIds.begin(), m_keptIds.end(), id);
    return found != m_keptIds.end() && *found == id ? int(found - m_keptIds.begin()) : -1;
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
    if (parent.isValid() || !m_log)
        return 0;
    return isFiltering() ? int(m_keptIds.size()) : m_unfilteredCount;
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
