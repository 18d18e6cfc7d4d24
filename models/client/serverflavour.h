#pragma once

#include <QString>

#include <optional>

namespace Flotilla {

// Which kind of Flotilla server a profile talks to; it decides the routes.
//
// - ControlPlane: this project's flotilla-local. Lists and reads use v1,
//   launches by id use v4 (run_tags.owner_id is recorded as the run's user).
// - CurrentUpstream: stitchfix/flotilla-os at HEAD. Everything through v6 as
//   its web UI does; PUT /v6/task/{id}/execute is the v4 launch.
// - SeedEra: the 2018 upstream. v1 only; a launch is the v1 {cluster, env}
//   and the server records no owner.
// - Auto: not known yet. Calls use v1 routes, which every era serves, and
//   launches use v4; run FlotillaClient::detectFlavour() to settle it.
//
// Detection (FlotillaClient::detectFlavour) asks as little as it can and never
// relies on a body a proxy could fake:
//   1. GET /api/groups: only our control plane serves the seed's literal,
//      unversioned paths (upstream's router answers a plain-text 404). A 200
//      with a `groups` key, or our 401 "needs a token", means ControlPlane.
//   2. GET /api/v6/health: 200 means CurrentUpstream (v6 arrived in 2019).
//   3. GET /api/v1/clusters: 200 means SeedEra. Anything else: not a
//      Flotilla server, reported as the error of the last answer.
enum class ServerFlavour { Auto, ControlPlane, CurrentUpstream, SeedEra };

QString serverFlavourName(ServerFlavour flavour); // "auto", "control-plane", "upstream", "seed-era"
std::optional<ServerFlavour> serverFlavourFromName(QStringView name);

} // namespace Flotilla
