#pragma once

#include "envvar.h"

#include <optional>

namespace Flotilla {

// The body of every launch route (v1, v2, v4, v6, by alias). Which fields a
// route honours is the route's business; this only reads them.
struct LaunchRequest
{
    std::optional<QString> cluster;
    EnvList env;
    QString ownerId;    // run_tags.owner_id
    QString ownerEmail; // run_tags.owner_email
    QString teamName;   // run_tags.team_name
    std::optional<QString> command;
    std::optional<qint64> memory;
    std::optional<qint64> cpu;

    static LaunchRequest fromJson(const Json &json, QStringList *errors);
};

} // namespace Flotilla
