#pragma once

#include "namelistmodel.h"

namespace Flotilla {

// The groups of the server's definitions (GET /groups), paged.
class GroupsModel final : public NameListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupsModel)

public:
    explicit GroupsModel(FlotillaClient *client = nullptr, QObject *parent = nullptr);

private:
    ApiJob *createListJob(FlotillaClient &client, const QUrlQuery &query) override;
    QList<QString> itemsOf(ApiJob &job, qint64 *total) const override;
};

} // namespace Flotilla
