#include "apirequest.h"

#include "jsonresponse.h"

#include <QRegularExpression>
#include <QUrlQuery>

#include <algorithm>

namespace Flotilla {

QueryItems queryItems(const HttpRequest &request)
{
    QUrlQuery query(QString::fromUtf8(request.query).replace(u'+', QStringLiteral("%20")));
    return query.queryItems(QUrl::FullyDecoded);
}

std::optional<int> waitSeconds(const QueryItems &items, HttpResponse *error)
{
    const auto item = std::find_if(items.begin(), items.end(), [](const auto &item) {
        return item.first.compare(u"wait", Qt::CaseInsensitive) == 0;
    });
    if (item == items.end())
        return 0;
    const std::optional<qint64> wait = nonNegative(item->second);
    if (!wait || *wait > maxWaitSeconds) {
        *error = errorResponse(400, QStringLiteral("wait must be whole seconds from 0 to %1, not \"%2\"")
                                        .arg(maxWaitSeconds)
                                        .arg(item->second));
        return std::nullopt;
    }
    return int(*wait);
}

std::optional<Json> parseJsonBody(const HttpRequest &request, HttpResponse *error)
{
    if (request.body.trimmed().isEmpty()) {
        *error = errorResponse(400, QStringLiteral("the request body is empty; send a JSON object"));
        return std::nullopt;
    }
    if (jsonNestingDepth(request.body) > maxJsonDepth) {
        *error = errorResponse(400, QStringLiteral("the request body nests arrays and objects deeper than %1 levels")
                                        .arg(maxJsonDepth));
        return std::nullopt;
    }
    try {
        Json json = Json::parse(request.body.constData(), request.body.constData() + request.body.size());
        if (!json.is_object()) {
            *error = errorResponse(400, QStringLiteral("the request body must be a JSON object, not %1")
                                            .arg(QString::fromLatin1(json.type_name())));
            return std::nullopt;
        }
        return json;
    } catch (const Json::parse_error &e) {
        QString what = QString::fromUtf8(e.what());
        what.remove(QRegularExpression(QStringLiteral("^\\[json\\.exception\\.[a-z_]+\\.\\d+\\] ")));
        *error = errorResponse(400, QStringLiteral("the request body is not valid JSON: %1").arg(what));
        return std::nullopt;
    }
}

} // namespace Flotilla
