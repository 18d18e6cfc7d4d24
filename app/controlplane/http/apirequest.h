#pragma once

#include "httpmessage.h"

#include <store/listquery.h>
#include <wire/jsonreader.h>

#include <optional>

namespace Flotilla {

// What a request carries for the handlers.
// The query's items, decoded as a form ('+' is a space, as in upstream's Go server).
QueryItems queryItems(const HttpRequest &request);
// The longest `wait` of a route that can hold its answer.
constexpr int maxWaitSeconds = 30;
// The first `wait=SECONDS` (0 when absent), or nullopt with `error` the 400 answer.
std::optional<int> waitSeconds(const QueryItems &items, HttpResponse *error);
// The body as a JSON object, or nullopt with `error` the 400 answer saying what is wrong.
std::optional<Json> parseJsonBody(const HttpRequest &request, HttpResponse *error);

} // namespace Flotilla
