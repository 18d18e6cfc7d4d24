#include "runcomparisonmodel.h"

#include <algorithm>

namespace Flotilla {

RunComparisonModel::RunComparisonModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void RunComparisonModel::setRuns(const Run &left, const Run &right)
{
    beginResetModel();
    m_fields = compareRunFields(left, right);
    m_fields.removeIf([](const FieldComparison &field) {
        return field.field == RunField::Command || field.field == RunField::Payload;
    });
    endResetModel();
}

int RunComparisonModel::differenceCount() const
{
    return int(std::count_if(m_fields.cbegin(), m_fields.cend(), [](const auto &field) { return field.differs(); }));
}

QString RunComparisonModel::fieldLabel(RunField field)
{
    switch (field) {
    case RunField::Image: return tr("Image");
    case RunField::Command: return tr("Command");
    case RunField::Cluster: return tr("Cluster");
    case RunField::Owner: return tr("Owner");
    case RunField::MemoryRequested: return tr("Memory requested");
    case RunField::MemoryLimit: return tr("Memory limit");
    case RunField::MaxMemoryUsed: return tr("Memory max used");
    case RunField::CpuRequested: return tr("CPU requested");
    case RunField::CpuLimit: return tr("CPU limit");
    case RunField::MaxCpuUsed: return tr("CPU max used");
    case RunField::ExitCode: return tr("Exit code");
    case RunField::ExitReason: return tr("Exit reason");
    case RunField::Duration: return tr("Duration");
    case RunField::Payload: return tr("Payload");
    }
    return {};
}

int RunComparisonModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_fields.size());
}

int RunComparisonModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunComparisonModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FieldComparison &field = m_fields.at(index.row());
    switch (role) {
    case DiffersRole: return field.differs();
    case FieldRole: return int(field.field);
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (Column(index.column())) {
        case Field: return fieldLabel(field.field);
        case Left: return field.left.isEmpty() && role == Qt::DisplayRole ? QStringLiteral("—") : field.left;
        case Right: return field.right.isEmpty() && role == Qt::DisplayRole ? QStringLiteral("—") : field.right;
        case ColumnCount: break;
        }
        break;
    default: break;
    }
    return {};
}

QVariant RunComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Field: return tr("Field");
    case Left: return tr("Left run");
    case Right: return tr("Right run");
    case ColumnCount: break;
    }
    return {};
}

} // namespace Flotilla
