#include "namelistmodel.h"

namespace Flotilla {

NameListModel::NameListModel(FlotillaClient *client, QString header, QObject *parent)
    : ItemTableModel(client, ColumnCount, parent)
    , m_header(std::move(header))
{}

void NameListModel::setNameFilter(const QString &text)
{
    if (std::exchange(m_nameFilter, text) != text)
        filterChanged();
}

void NameListModel::addFilters(QUrlQuery &query) const
{
    if (!m_nameFilter.isEmpty())
        query.addQueryItem(QStringLiteral("name"), m_nameFilter);
}

QVariant NameListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case IdRole:
    case ObjectRole:
    case RawValueRole: return itemAt(index.row());
    default: return {};
    }
}

QVariant NameListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section == Name)
        return m_header;
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace Flotilla
