#pragma once

#include <http/httpmessage.h>

#include <optional>

namespace Flotilla::Fuzzing {

// Takes the first HTTP/1.x request off the front of `bytes` the way the
// server library does before ControlPlaneServer sees it: request line with
// an origin-form target, header lines, a body of Content-Length bytes. The
// URL is built as QHttpServerRequest builds it, then handed on through
// HttpRequest::fromParsed, like every request the server takes. nullopt:
// no complete request is left, or one the server library would refuse.
std::optional<HttpRequest> takeRawHttpRequest(QByteArray &bytes);

} // namespace Flotilla::Fuzzing
