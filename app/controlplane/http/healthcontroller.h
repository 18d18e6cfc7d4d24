#pragma once

#include "router.h"

namespace Flotilla {

// /v6/health: the cheapest answer, the server benchmark's baseline.
class HealthController final
{
public:
    void addRoutes(Router &router);

private:
    HttpResponse health(const HttpRequest &request, const Router::Args &args);
};

} // namespace Flotilla
