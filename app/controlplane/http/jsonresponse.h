#pragma once

#include "httpmessage.h"

#include <wire/jsonreader.h>

namespace Flotilla {

// The JSON answers of the API (api-contract §2).
QByteArray dumpJson(const Json &json); // invalid UTF-8 replaced, never thrown
HttpResponse jsonResponse(const Json &json, int status = 200);
// {"error": message}: what went wrong and what to do about it.
HttpResponse errorResponse(int status, const QString &message);
// A stored JSON document as it is.
HttpResponse documentResponse(QByteArray document);
// Appends `text` as a JSON string, in one pass for valid UTF-8.
void appendJsonString(QByteArray &out, QByteArrayView text);

} // namespace Flotilla
