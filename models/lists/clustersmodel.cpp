#include "clustersmodel.h"

namespace Flotilla {

ClustersModel::ClustersModel(FlotillaClient *client, QObject *parent)
    : NameListModel(client, nullptr, tr("Cluster"), parent)
{}

ApiJob *ClustersModel::createListJob(FlotillaClient &client, const QUrlQuery &)
{
    return client.clusters();
}

QList<QString> ClustersModel::itemsOf(ApiJob &job, qint64 *total) const
{
    QStringList clusters = static_cast<ResultJob<ClustersList> &>(job).result().clusters;
    if (!nameFilter().isEmpty())
        clusters = clusters.filter(nameFilter());
    *total = clusters.size();
    return clusters;
}

} // namespace Flotilla
