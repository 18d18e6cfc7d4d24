#pragma once

#include "httpmessage.h"

#include <QStringList>

#include <functional>

namespace Flotilla {

// Maps a request's method and path (under /api/) to its handler. A pattern
// is a path such as "v1/task/*/history" where "*" matches one non-empty
// segment and becomes an argument. Where several patterns match a path the
// most specific wins: at the first segment where they differ, a literal
// beats "*" (so "task/alias/*" wins over "task/*/history").
class Router final
{
public:
    using Args = QStringList;
    using Handler = std::function<HttpResponse(const HttpRequest &, const Args &)>;

    void add(const QByteArray &method, const QString &pattern, Handler handler);
    template <typename Controller>
    void add(const QByteArray &method, const QString &pattern, Controller *controller,
             HttpResponse (Controller::*handler)(const HttpRequest &, const Args &))
    {
        add(method, pattern, [controller, handler](const HttpRequest &request, const Args &args) {
            return (controller->*handler)(request, args);
        });
    }

    // The handler's answer; 404 for a path no pattern matches, 405 (with
    // Allow) for a path that only other methods have.
    HttpResponse route(const HttpRequest &request) const;

private:
    struct Route
    {
        QByteArray method;
        QStringList segments;
        Handler handler;
    };
    QList<Route> m_routes; // most specific first, then in the order added
};

} // namespace Flotilla
