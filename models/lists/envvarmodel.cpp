#include "envvarmodel.h"

namespace Flotilla {

EnvVarModel::EnvVarModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void EnvVarModel::setEnvVars(const EnvList &vars)
{
    // A different list for the form: nothing of the old rows carries over.
    beginResetModel();
    m_vars = vars;
    endResetModel();
    Q_EMIT problemsChanged();
}

int EnvVarModel::addVar(const EnvVar &var)
{
    const int row = int(m_vars.size());
    beginInsertRows({}, row, row);
    m_vars.append(var);
    endInsertRows();
    namesChanged();
    return row;
}

void EnvVarModel::removeVar(int row)
{
    removeRows(row, 1);
}

bool EnvVarModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_vars.size())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_vars.remove(row, count);
    endRemoveRows();
    namesChanged();
    return true;
}

bool EnvVarModel::moveUp(int row)
{
    if (row <= 0 || row >= m_vars.size())
        return false;
    swapRows(row - 1);
    return true;
}

bool EnvVarModel::moveDown(int row)
{
    if (row < 0 || row + 1 >= m_vars.size())
        return false;
    swapRows(row);
    return true;
}

void EnvVarModel::swapRows(int upper)
{
    // Moving the lower row above the upper one (persistent indexes follow).
    beginMoveRows({}, upper + 1, upper + 1, {}, upper);
    m_vars.swapItemsAt(upper, upper + 1);
    endMoveRows();
    namesChanged(); // "first of a duplicate pair" can change
}

QStringList EnvVarModel::paste(const QString &text)
{
    QStringList unread;
    EnvList added;
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines[i];
        if (line.endsWith(u'\r'))
            line.chop(1);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u'#'))
            continue;
        const qsizetype equals = line.indexOf(u'=');
        if (equals < 0) {
            unread.append(tr("Line %1 (\"%2\") has no '='; write it as NAME=VALUE.").arg(i + 1).arg(trimmed));
            continue;
        }
        EnvVar var{line.left(equals).trimmed(), line.mid(equals + 1)};
        if (var.name.startsWith(QStringLiteral("export ")))
            var.name = var.name.mid(7).trimmed();
        if (const QString problem = envNameProblem(var.name); !problem.isEmpty()) {
            unread.append(tr("Line %1: the name %2; write it as NAME=VALUE.").arg(i + 1).arg(problem));
            continue;
        }
        const auto known = std::find_if(m_vars.begin(), m_vars.end(),
                                        [&var](const EnvVar &v) { return v.name == var.name; });
        if (known != m_vars.end()) {
            const int row = int(known - m_vars.begin());
            known->value = var.value;
            Q_EMIT dataChanged(index(row, Value), index(row, Value));
            continue;
        }
        added.append(var);
    }
    if (!added.isEmpty()) {
        const int first = int(m_vars.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        m_vars.append(added);
        endInsertRows();
        namesChanged();
    }
    return unread;
}

QString EnvVarModel::problemOf(int row) const
{
    const QString &name = m_vars[row].name;
    if (name.isEmpty())
        return tr("The name is empty; give the variable a name or remove the row.");
    if (const QString problem = envNameProblem(name); !problem.isEmpty())
        return tr("The name %1.").arg(problem);
    for (int other = 0; other < m_vars.size(); ++other) {
        if (other != row && m_vars[other].name == name)
            return tr("%1 is also set in row %2; keep one of them.").arg(name).arg(other + 1);
    }
    return {};
}

QStringList EnvVarModel::problems() const
{
    QStringList sentences;
    for (int row = 0; row < m_vars.size(); ++row) {
        if (const QString problem = problemOf(row); !problem.isEmpty())
            sentences.append(tr("Row %1: %2").arg(row + 1).arg(problem));
    }
    return sentences;
}

void EnvVarModel::namesChanged()
{
    if (!m_vars.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_vars.size()) - 1, ColumnCount - 1), {ProblemRole, Qt::ToolTipRole});
    Q_EMIT problemsChanged();
}

int EnvVarModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_vars.size());
}

int EnvVarModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EnvVarModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EnvVar &var = m_vars[index.row()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole: return index.column() == Name ? var.name : var.value;
    case ProblemRole: return problemOf(index.row());
    case Qt::ToolTipRole: return index.column() == Name ? problemOf(index.row()) : QString();
    case ObjectRole: return QVariant::fromValue(var);
    default: return {};
    }
}

bool EnvVarModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    EnvVar &var = m_vars[index.row()];
    QString &field = index.column() == Name ? var.name : var.value;
    const QString text = index.column() == Name ? value.toString().trimmed() : value.toString();
    if (field == text)
        return true;
    field = text;
    Q_EMIT dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole});
    if (index.column() == Name)
        namesChanged();
    return true;
}

Qt::ItemFlags EnvVarModel::flags(const QModelIndex &index) const
{
    return QAbstractTableModel::flags(index) | (index.isValid() ? Qt::ItemIsEditable : Qt::NoItemFlags);
}

QVariant EnvVarModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Name: return tr("Name");
    case Value: return tr("Value");
    case ColumnCount: break;
    }
    return {};
}

} // namespace Flotilla
