#pragma once

#include "awaitjob.h"

#include <client/flotillaclient.h>
#include <lists/pagedtablemodel.h>

#include <QTest>

namespace Flotilla::Testing {

// One definition "<group>-job" in each group; false at the first that fails.
inline bool createDefinitionsInGroups(FlotillaClient &client, const QStringList &groups)
{
    for (const QString &group : groups) {
        Definition definition;
        definition.alias = group + QStringLiteral("-job");
        definition.groupName = group;
        definition.image = QStringLiteral("none");
        definition.command = QStringLiteral("true");
        if (!await(client.createDefinition(definition))->succeeded())
            return false;
    }
    return true;
}

// Waits for the first page, then fetches and waits for every further one.
inline bool loadAllPages(PagedTableModel &model)
{
    const auto loaded = [&model] { return !model.isLoading(); };
    if (!QTest::qWaitFor(loaded, 20000))
        return false;
    while (model.canFetchMore({})) {
        model.fetchMore({});
        if (!QTest::qWaitFor(loaded, 20000))
            return false;
    }
    return true;
}

} // namespace Flotilla::Testing
