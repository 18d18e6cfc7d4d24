#pragma once

#include "httpmessage.h"

#include <store/listquery.h>
#include <wire/jsonreader.h>

namespace Flotilla {

class Store;

// The JSON answers of the API (api-contract §2).
QByteArray dumpJson(const Json &json); // invalid UTF-8 replaced, never thrown
HttpResponse jsonResponse(const Json &json, int status = 200);
// {"error": message}: what went wrong and what to do about it.
HttpResponse errorResponse(int status, const QString &message);
// A write the store refused, `what` saying what could not be done: 507
// when the disk is full, naming the data dir to free space in; else 500.
HttpResponse storeFailureResponse(const Store &store, const QString &what);
// A stored JSON document as it is.
HttpResponse documentResponse(QByteArray document);
// Appends `text` as a JSON string, in one pass for valid UTF-8.
void appendJsonString(QByteArray &out, QByteArrayView text);
// Every filter of a list query under the key the client sent, as string arrays.
void putFilterEcho(Json &json, const ListQuery &query);
// A list answer: the page's stored documents (`items`, joined by ',')
// spliced in before the echo of the query, so a page costs no JSON parsing.
HttpResponse listResponse(const char *itemsKey, const QByteArray &items, qint64 total, const ListQuery &query);

} // namespace Flotilla
