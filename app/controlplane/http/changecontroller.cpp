#include "changecontroller.h"

#include "apirequest.h"
#include "jsonresponse.h"
#include <store/store.h>

namespace Flotilla {

namespace {

Json pageJson(const ChangePage &page)
{
    Json changes = Json::array();
    for (const StoredChange &change : page.changes)
        changes.push_back({{"kind", toUtf8(change.kind)}, {"id", toUtf8(change.id)}, {"seq", change.seq}});
    return Json{{"seq", page.seq}, {"reset", page.reset}, {"changes", std::move(changes)}};
}

} // namespace

ChangeController::ChangeController(Store &store)
    : m_store(store)
{}

void ChangeController::addRoutes(Router &router)
{
    router.add("GET", QStringLiteral("v6/changes"), this, &ChangeController::changes);
}

HttpResponse ChangeController::changes(const HttpRequest &request, const Router::Args &)
{
    const QueryItems items = queryItems(request);
    std::optional<QString> sinceText;
    for (const auto &[key, value] : items) {
        // The first value counts, as for the list queries.
        if (key.compare(u"since", Qt::CaseInsensitive) == 0 && !sinceText)
            sinceText = value;
    }
    HttpResponse error;
    const std::optional<int> wait = waitSeconds(items, &error);
    if (!wait)
        return error;
    // Without a number the client is starting: the latest one, at once.
    if (!sinceText)
        return jsonResponse(pageJson(ChangePage{m_store.changeSeq(), false, {}}));
    const std::optional<qint64> since = nonNegative(*sinceText);
    if (!since)
        return errorResponse(400, QStringLiteral("since must be the seq of an earlier answer (an integer >= 0), "
                                                 "not \"%1\"")
                                      .arg(*sinceText));
    if (*since > m_store.changeSeq())
        return errorResponse(400, QStringLiteral("since %1 is ahead of this server's latest change %2 (a restored "
                                                 "or another data dir?); start again without since")
                                      .arg(*since)
                                      .arg(m_store.changeSeq()));

    const ChangePage page = m_store.changesSince(*since);
    if (page.reset || !page.changes.isEmpty() || *wait == 0)
        return jsonResponse(pageJson(page));
    HttpResponse response;
    response.holdMs = int(*wait * 1000);
    response.held = [this, since = *since](bool deadline) -> std::optional<HttpResponse> {
        if (!deadline && m_store.changeSeq() == since)
            return std::nullopt;
        return jsonResponse(pageJson(m_store.changesSince(since)));
    };
    return response;
}

} // namespace Flotilla
