#include "healthcontroller.h"

#include "jsonresponse.h"

namespace Flotilla {

void HealthController::addRoutes(Router &router)
{
    router.add("GET", QStringLiteral("v6/health"), this, &HealthController::health);
}

HttpResponse HealthController::health(const HttpRequest &, const Router::Args &)
{
    return documentResponse(QByteArrayLiteral("{\"status\":\"healthy\"}"));
}

} // namespace Flotilla
