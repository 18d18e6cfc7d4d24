#pragma once

#include "namelistmodel.h"

namespace Flotilla {

// The tags of the server's definitions (GET /tags), paged.
class TagsModel final : public NameListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TagsModel)

public:
    explicit TagsModel(FlotillaClient *client = nullptr, QObject *parent = nullptr)
        : NameListModel(client, &FlotillaClient::tags, tr("Tag"), parent)
    {}
};

} // namespace Flotilla
