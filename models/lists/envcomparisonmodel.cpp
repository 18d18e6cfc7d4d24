#include "envcomparisonmodel.h"

#include <algorithm>

namespace Flotilla {

EnvComparisonModel::EnvComparisonModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void EnvComparisonModel::setEnv(const EnvList &left, const EnvList &right)
{
    beginResetModel();
    m_rows = compareEnv(left, right);
    endResetModel();
}

int EnvComparisonModel::count(EnvChange change) const
{
    return int(
        std::count_if(m_rows.cbegin(), m_rows.cend(), [change](const auto &row) { return row.change == change; }));
}

int EnvComparisonModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EnvComparisonModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EnvComparisonModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EnvComparison &row = m_rows.at(index.row());
    switch (role) {
    case ChangeRole: return int(row.change);
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Name: return row.name;
        case Left: return row.change == EnvChange::Added ? QStringLiteral("—") : row.left;
        case Right: return row.change == EnvChange::Removed ? QStringLiteral("—") : row.right;
        case ColumnCount: break;
        }
        break;
    case Qt::ToolTipRole:
        switch (row.change) {
        case EnvChange::Same: return tr("The same in both runs");
        case EnvChange::Added: return tr("Only in the right run");
        case EnvChange::Removed: return tr("Only in the left run");
        case EnvChange::Changed: return tr("Different values");
        }
        break;
    default: break;
    }
    return {};
}

QVariant EnvComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Name: return tr("Name");
    case Left: return tr("Left run");
    case Right: return tr("Right run");
    case ColumnCount: break;
    }
    return {};
}

} // namespace Flotilla
