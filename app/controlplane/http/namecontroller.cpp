#include "namecontroller.h"

#include "apirequest.h"
#include "jsonresponse.h"
#include <exec/runscheduler.h>
#include <store/store.h>

namespace Flotilla {

NameController::NameController(Store &store, const RunScheduler &scheduler)
    : m_store(store)
    , m_scheduler(scheduler)
{}

void NameController::addRoutes(Router &router)
{
    for (const QString &prefix : {QStringLiteral("v1/"), QStringLiteral("v6/"), QString()}) {
        router.add("GET", prefix + QStringLiteral("groups"), this, &NameController::groups);
        router.add("GET", prefix + QStringLiteral("tags"), this, &NameController::tags);
        router.add("GET", prefix + QStringLiteral("clusters"), this, &NameController::clusters);
    }
}

HttpResponse NameController::nameList(const HttpRequest &request, const char *key, bool groups)
{
    QString error;
    const std::optional<ListQuery> query = ListQuery::parse(ListKind::Names, queryItems(request), &error);
    if (!query)
        return errorResponse(400, error);
    const NamePage page = groups ? m_store.groups(*query) : m_store.tags(*query);
    Json names = Json::array();
    for (const QString &name : page.names)
        names.push_back(toUtf8(name));
    Json json{{key, std::move(names)}, {"total", page.total}, {"limit", query->limit}, {"offset", query->offset}};
    putFilterEcho(json, *query);
    return jsonResponse(json);
}

HttpResponse NameController::groups(const HttpRequest &request, const Args &)
{
    return nameList(request, "groups", true);
}

HttpResponse NameController::tags(const HttpRequest &request, const Args &)
{
    return nameList(request, "tags", false);
}

HttpResponse NameController::clusters(const HttpRequest &, const Args &)
{
    Json names = Json::array();
    for (const QString &cluster : m_scheduler.clusters())
        names.push_back(toUtf8(cluster));
    return jsonResponse(Json{{"clusters", std::move(names)}});
}

} // namespace Flotilla
