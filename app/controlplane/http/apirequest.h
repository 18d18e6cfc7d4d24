#pragma once

#include "httpmessage.h"

#include <store/listquery.h>
#include <wire/jsonreader.h>

#include <optional>

namespace Flotilla {

// What a request carries for the handlers.
// The query's items, decoded as a form ('+' is a space, as in upstream's Go server).
QueryItems queryItems(const HttpRequest &request);
// The body as a JSON object, or nullopt with `error` the 400 answer saying what is wrong.
std::optional<Json> parseJsonBody(const HttpRequest &request, HttpResponse *error);

} // namespace Flotilla
