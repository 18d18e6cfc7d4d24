#include "router.h"

#include "jsonresponse.h"

#include <algorithm>

namespace Flotilla {

namespace {

const QString wildcard = QStringLiteral("*");

// Literal before wildcard, segment by segment: of two patterns matching one
// path, the more specific sorts first.
bool moreSpecific(const QStringList &a, const QStringList &b)
{
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](const QString &x, const QString &y) {
        return x != wildcard && y == wildcard;
    });
}

} // namespace

void Router::add(const QByteArray &method, const QString &pattern, Handler handler)
{
    Route route{method, pattern.split(u'/'), std::move(handler)};
    const auto at = std::upper_bound(m_routes.begin(), m_routes.end(), route, [](const Route &a, const Route &b) {
        return moreSpecific(a.segments, b.segments);
    });
    m_routes.insert(at, std::move(route));
}

HttpResponse Router::route(const HttpRequest &request) const
{
    static const QByteArray prefix = "/api/";
    QByteArray path = request.path;
    if (path.size() > prefix.size() && path.endsWith('/'))
        path.chop(1);
    if (!path.startsWith(prefix))
        return errorResponse(404, QStringLiteral("no such route: %1 (every route starts with /api/)")
                                      .arg(QString::fromUtf8(request.path)));
    QStringList segments;
    for (const QByteArray &segment : path.mid(prefix.size()).split('/'))
        segments.append(QString::fromUtf8(QByteArray::fromPercentEncoding(segment)));

    QByteArrayList allowed;
    for (const Route &route : m_routes) {
        if (route.segments.size() != segments.size())
            continue;
        Args args;
        bool matches = true;
        for (qsizetype i = 0; i < segments.size() && matches; ++i) {
            if (route.segments[i] == wildcard) {
                matches = !segments[i].isEmpty();
                args.append(segments[i]);
            } else {
                matches = route.segments[i] == segments[i];
            }
        }
        if (!matches)
            continue;
        if (route.method == request.method)
            return route.handler(request, args);
        if (!allowed.contains(route.method))
            allowed.append(route.method);
    }
    if (allowed.isEmpty())
        return errorResponse(404, QStringLiteral("no such route: %1").arg(QString::fromUtf8(request.path)));
    HttpResponse response = errorResponse(405,
                                          QStringLiteral("%1 is not allowed on %2; use %3")
                                              .arg(QString::fromUtf8(request.method), QString::fromUtf8(request.path),
                                                   QString::fromUtf8(allowed.join(" or "))));
    response.headers.emplaceBack("Allow", allowed.join(", "));
    return response;
}

} // namespace Flotilla
