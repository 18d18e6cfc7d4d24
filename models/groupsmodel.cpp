#include "groupsmodel.h"

namespace Flotilla {

GroupsModel::GroupsModel(FlotillaClient *client, QObject *parent)
    : NameListModel(client, tr("Group"), parent)
{}

ApiJob *GroupsModel::createListJob(FlotillaClient &client, const QUrlQuery &query)
{
    return client.groups(query);
}

QList<QString> GroupsModel::itemsOf(ApiJob &job, qint64 *total) const
{
    const NameList &list = static_cast<ResultJob<NameList> &>(job).result();
    *total = list.page.total;
    return list.names;
}

} // namespace Flotilla
