#include "logdiffmodel.h"

#include <algorithm>

namespace Flotilla {

LogDiffModel::LogDiffModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void LogDiffModel::setDiff(QStringList left, QStringList right, LineDiffResult result)
{
    beginResetModel();
    m_left = std::move(left);
    m_right = std::move(right);
    m_result = std::move(result);
    m_differences.clear();
    for (size_t row = 0; row < m_result.rows.size(); ++row) {
        if (m_result.rows[row].kind != DiffKind::Same && (row == 0 || m_result.rows[row - 1].kind == DiffKind::Same))
            m_differences.push_back(int(row));
    }
    endResetModel();
}

void LogDiffModel::clear()
{
    setDiff({}, {}, {});
}

int LogDiffModel::nextDifference(int row) const
{
    const auto next = std::upper_bound(m_differences.begin(), m_differences.end(), row);
    return next == m_differences.end() ? -1 : *next;
}

int LogDiffModel::previousDifference(int row) const
{
    // The last one starting at or before `row`; when `row` is in it, the one before.
    auto at = std::upper_bound(m_differences.begin(), m_differences.end(), row) - m_differences.begin() - 1;
    if (at >= 0 && row < rowCount() && kind(row) != DiffKind::Same)
        --at;
    return at < 0 ? -1 : m_differences[size_t(at)];
}

int LogDiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_result.rows.size());
}

int LogDiffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogDiffModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const DiffRow &row = m_result.rows[size_t(index.row())];
    if (role == KindRole)
        return int(row.kind);
    if (role == Qt::TextAlignmentRole && (index.column() == LeftNumber || index.column() == RightNumber))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    // The whole line on hover: a long one is cut at the column's edge.
    if (role != Qt::DisplayRole
        && !(role == Qt::ToolTipRole && (index.column() == LeftText || index.column() == RightText)))
        return {};
    switch (index.column()) {
    case LeftNumber: return row.left < 0 ? QVariant() : QVariant(row.left + 1);
    case LeftText: return row.left < 0 ? QString() : m_left[row.left];
    case RightNumber: return row.right < 0 ? QVariant() : QVariant(row.right + 1);
    case RightText: return row.right < 0 ? QString() : m_right[row.right];
    default: return {};
    }
}

QVariant LogDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LeftNumber:
    case RightNumber: return tr("Line");
    case LeftText: return tr("Left");
    case RightText: return tr("Right");
    default: return {};
    }
}

} // namespace Flotilla
