#include "jsonresponse.h"

#include <store/store.h>

#include <cstring>

namespace Flotilla {

QByteArray dumpJson(const Json &json)
{
    return QByteArray::fromStdString(json.dump(-1, ' ', false, Json::error_handler_t::replace));
}

HttpResponse jsonResponse(const Json &json, int status)
{
    HttpResponse response;
    response.status = status;
    response.body = dumpJson(json);
    return response;
}

HttpResponse errorResponse(int status, const QString &message)
{
    return jsonResponse(Json{{"error", toUtf8(message)}}, status);
}

HttpResponse storeFailureResponse(const Store &store, const QString &what)
{
    if (store.lastErrorWasDiskFull()) {
        return errorResponse(507, QStringLiteral("%1: the disk holding the data dir %2 is full; free some space "
                                                 "there and try again")
                                      .arg(what, store.directory()));
    }
    return errorResponse(500, QStringLiteral("%1: %2").arg(what, store.lastError()));
}

HttpResponse documentResponse(QByteArray document)
{
    HttpResponse response;
    response.body = std::move(document);
    return response;
}

// Log chunks are up to 1 MiB and read in a
// loop, so valid UTF-8 is escaped here in one pass into the answer; anything
// else goes through nlohmann, which replaces invalid bytes.
void appendJsonString(QByteArray &out, QByteArrayView text)
{
    if (!text.isValidUtf8()) {
        out += dumpJson(Json(std::string(text.data(), size_t(text.size()))));
        return;
    }
    static constexpr char hex[] = "0123456789abcdef";
    out.reserve(out.size() + text.size() + text.size() / 16 + 2);
    out += '"';
    const char *run = text.data();
    const char *const end = text.data() + text.size();
    for (const char *p = run; p != end; ++p) {
        // Skip 8 plain bytes at a time: none below 0x20, none '"' or '\\'.
        while (end - p >= 8) {
            quint64 word;
            std::memcpy(&word, p, 8);
            constexpr quint64 ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
            const auto hasZeroByte = [](quint64 v) { return (v - ones) & ~v & highs; };
            if (((word - ones * 0x20) & ~word & highs) | hasZeroByte(word ^ (ones * '"'))
                | hasZeroByte(word ^ (ones * '\\')))
                break;
            p += 8;
        }
        if (p == end)
            break;
        const auto byte = static_cast<unsigned char>(*p);
        if (byte >= 0x20 && byte != '"' && byte != '\\')
            continue;
        out.append(run, p - run);
        run = p + 1;
        switch (byte) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default: {
            const char escaped[] = {'\\', 'u', '0', '0', hex[byte >> 4], hex[byte & 0xF]};
            out.append(escaped, sizeof escaped);
        }
        }
    }
    out.append(run, end - run);
    out += '"';
}

void putFilterEcho(Json &json, const ListQuery &query)
{
    const auto strings = [](const QStringList &values) {
        Json array = Json::array();
        for (const QString &value : values)
            array.push_back(toUtf8(value));
        return array;
    };
    for (const ListQuery::Filter &filter : query.filters)
        json[toUtf8(filter.key)] = strings(filter.values);
    for (const ListQuery::TimeBound &bound : query.timeBounds)
        json[toUtf8(bound.key)] = strings({bound.text});
}

HttpResponse listResponse(const char *itemsKey, const QByteArray &items, qint64 total, const ListQuery &query)
{
    Json meta = Json::object();
    meta["total"] = total;
    meta["limit"] = query.limit;
    meta["offset"] = query.offset;
    meta["sort_by"] = toUtf8(query.sortBy);
    meta["order"] = query.descending ? "desc" : "asc";
    Json env = Json::object();
    for (const auto &[name, value] : query.envFilters)
        env[toUtf8(name)] = toUtf8(value);
    meta["env_filters"] = std::move(env);
    putFilterEcho(meta, query);

    QByteArray body;
    body.reserve(items.size() + 320);
    body += "{\"";
    body += itemsKey;
    body += "\":[";
    body += items;
    body += "],";
    body += dumpJson(meta).mid(1); // the echo object without its opening brace
    HttpResponse response;
    response.body = std::move(body);
    return response;
}

} // namespace Flotilla
