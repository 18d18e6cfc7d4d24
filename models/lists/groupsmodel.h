#pragma once

#include "namelistmodel.h"

namespace Flotilla {

// The groups of the server's definitions (GET /groups), paged.
class GroupsModel final : public NameListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupsModel)

public:
    explicit GroupsModel(FlotillaClient *client = nullptr, QObject *parent = nullptr)
        : NameListModel(client, &FlotillaClient::groups, tr("Group"), parent)
    {}
};

} // namespace Flotilla
