#include "namelistmodel.h"

namespace Flotilla {

NameListModel::NameListModel(FlotillaClient *client, Lister lister, QString header, QObject *parent)
    : ItemTableModel(client, ColumnCount, parent)
    , m_lister(lister)
    , m_header(std::move(header))
{}

ApiJob *NameListModel::createListJob(FlotillaClient &client, const QUrlQuery &query)
{
    return (client.*m_lister)(query);
}

QList<QString> NameListModel::itemsOf(ApiJob &job, qint64 *total) const
{
    const NameList &list = static_cast<ResultJob<NameList> &>(job).result();
    *total = list.page.total;
    return list.names;
}

void NameListModel::setNameFilter(const QString &text)
{
    setFilter(m_nameFilter, text);
}

void NameListModel::addFilters(QUrlQuery &query) const
{
    if (!m_nameFilter.isEmpty())
        query.addQueryItem(QStringLiteral("name"), m_nameFilter);
}

QVariant NameListModel::data(const QModelIndex &index, int role) const
{
    if (!isItemIndex(index))
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
