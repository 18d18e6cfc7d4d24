#pragma once

#include <wire/definition.h>
#include <wire/run.h>

namespace Flotilla::Testing {

// A run of `definition` as the control plane would store it, with nothing
// timed yet: the fields a launch copies from its definition, the cluster
// (also its engine), the user and the status.
inline Run runOfDefinition(const Definition &definition, const QString &runId, RunStatus status, const QString &user,
                           const QString &cluster = QStringLiteral("local"))
{
    Run run;
    run.runId = runId;
    run.definitionId = definition.definitionId;
    run.alias = definition.alias;
    run.groupName = definition.groupName;
    run.image = definition.image;
    run.command = definition.command;
    run.memory = definition.memory;
    run.cluster = cluster;
    run.engine = cluster;
    run.user = user;
    run.status = status;
    return run;
}

} // namespace Flotilla::Testing
