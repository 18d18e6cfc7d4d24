#pragma once

#include "envvar.h"

#include <optional>

namespace Flotilla {

// Where and with what a run is placed, beyond its cluster: the launch keys
// upstream's EKS engine reads. Our server records and echoes them.
struct LaunchPlacement
{
    std::optional<qint64> gpu;
    std::optional<QString> engine;        // "eks", "ecs"... upstream; a cluster's kind on ours
    std::optional<QString> nodeLifecycle; // "spot" or "ondemand"

    void read(JsonReader &reader);
    void writeTo(Json &body) const;
};

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
    LaunchPlacement placement;

    static LaunchRequest fromJson(const Json &json, QStringList *errors);
};

} // namespace Flotilla
