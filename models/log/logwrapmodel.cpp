#include "logwrapmodel.h"

#include "logmodel.h"

#include <algorithm>

namespace Flotilla {

LogWrapModel::LogWrapModel(QObject *parent)
    : QAbstractProxyModel(parent)
{}

void LogWrapModel::setSourceModel(QAbstractItemModel *model)
{
    if (sourceModel())
        disconnect(sourceModel(), nullptr, this, nullptr);
    QAbstractProxyModel::setSourceModel(model);
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsInserted(first, last); });
    connect(model, &QAbstractItemModel::modelReset, this, &LogWrapModel::rebuild);
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles) {
                Q_EMIT dataChanged(mapFromSource(topLeft), mapFromSource(bottomRight.siblingAtColumn(0)), roles);
            });
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

void LogWrapModel::rebuild()
{
    beginResetModel();
    m_segmentEnds.clear();
    m_lineCount = sourceModel() ? sourceModel()->rowCount() : 0;
    m_sourceColumns = sourceModel() ? sourceModel()->columnCount() : 0;
    if (m_columns > 0)
        appendSegments(0, m_lineCount - 1, m_segmentEnds);
    endResetModel();
}

void LogWrapModel::appendSegments(int first, int last, std::vector<qint64> &ends) const
{
    qint64 end = ends.empty() ? 0 : ends.back();
    for (int row = first; row <= last; ++row) {
        const int length = sourceModel()->index(row, 0).data(LogModel::LineLengthRole).toInt();
        end += std::max(1, (length + m_columns - 1) / m_columns);
        ends.push_back(end);
    }
}

void LogWrapModel::onRowsInserted(int first, int last)
{
    // Sources insert anywhere: a LogModel at its end or its start, a
    // LogFilterModel where the lines it keeps belong.
    const int lines = last - first + 1;
    m_pendingFirst = first;
    m_pendingCount = lines;
    if (m_columns == 0) {
        beginInsertRows({}, first, last);
        m_lineCount += lines;
        m_pendingCount = 0;
        endInsertRows();
        return;
    }
    std::vector<qint64> ends{first ? m_segmentEnds[size_t(first - 1)] : 0};
    appendSegments(first, last, ends);
    const qint64 added = ends.back() - ends.front();
    beginInsertRows({}, int(ends.front()), int(ends.back()) - 1);
    for (auto end = m_segmentEnds.begin() + first; end != m_segmentEnds.end(); ++end)
        *end += added;
    m_segmentEnds.insert(m_segmentEnds.begin() + first, ends.begin() + 1, ends.end());
    m_lineCount += lines;
    m_pendingCount = 0;
    endInsertRows();
}

std::pair<int, int> LogWrapModel::locate(int row) const
{
    if (m_columns == 0)
        return {row, 0};
    const auto line = std::upper_bound(m_segmentEnds.begin(), m_segmentEnds.end(), qint64(row)) - m_segmentEnds.begin();
    const qint64 lineStart = line ? m_segmentEnds[size_t(line - 1)] : 0;
    return {int(line), int(row - lineStart)};
}

int LogWrapModel::visualRowCount() const
{
    return m_columns == 0 ? m_lineCount : int(m_segmentEnds.empty() ? 0 : m_segmentEnds.back());
}

// Views call this for every row on each layout: no virtual calls.
QModelIndex LogWrapModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || row >= visualRowCount() || column < 0 || column >= m_sourceColumns || parent.isValid())
        return {};
    return createIndex(row, column);
}

QModelIndex LogWrapModel::parent(const QModelIndex &) const
{
    return {};
}

int LogWrapModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : visualRowCount();
}

int LogWrapModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_sourceColumns;
}

QVariant LogWrapModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (role != SegmentStartRole && role != SegmentLengthRole)
        return QAbstractProxyModel::data(index, role);
    const int length = mapToSource(index).data(LogModel::LineLengthRole).toInt();
    if (m_columns == 0)
        return role == SegmentStartRole ? 0 : length;
    const int start = locate(index.row()).second * m_columns;
    return role == SegmentStartRole ? start : std::min(m_columns, length - start);
}

QModelIndex LogWrapModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || proxyIndex.model() != this)
        return {};
    const int line = locate(proxyIndex.row()).first;
    return sourceModel()->index(line >= m_pendingFirst ? line + m_pendingCount : line, proxyIndex.column());
}

QModelIndex LogWrapModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.row() >= m_lineCount)
        return {};
    const int line = sourceIndex.row();
    const int row = m_columns == 0 ? line : int(line ? m_segmentEnds[size_t(line - 1)] : 0);
    return index(row, sourceIndex.column());
}

} // namespace Flotilla
