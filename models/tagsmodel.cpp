#include "tagsmodel.h"

namespace Flotilla {

TagsModel::TagsModel(FlotillaClient *client, QObject *parent)
    : NameListModel(client, tr("Tag"), parent)
{}

ApiJob *TagsModel::createListJob(FlotillaClient &client, const QUrlQuery &query)
{
    return client.tags(query);
}

QList<QString> TagsModel::itemsOf(ApiJob &job, qint64 *total) const
{
    const NameList &list = static_cast<ResultJob<NameList> &>(job).result();
    *total = list.page.total;
    return list.names;
}

} // namespace Flotilla
