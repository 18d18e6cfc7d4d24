#pragma once

#include "namelistmodel.h"

namespace Flotilla {

// The clusters a run can go to (GET /clusters): one short list, no paging;
// the name filter is applied here, as no server filters clusters.
class ClustersModel final : public NameListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClustersModel)

public:
    explicit ClustersModel(FlotillaClient *client = nullptr, QObject *parent = nullptr);

private:
    void addFilters(QUrlQuery &) const override {}
    ApiJob *createListJob(FlotillaClient &client, const QUrlQuery &query) override;
    QList<QString> itemsOf(ApiJob &job, qint64 *total) const override;
};

} // namespace Flotilla
