// The list-query parser (app/controlplane/listquery) on any query string, for
// each kind of list: a query parses to columns of its tables or fails with a
// sentence, never anything else. The first byte picks the kind.

#include <store/listquery.h>

#include <QUrlQuery>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Flotilla;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const auto kind = static_cast<ListKind>(data[0] % 3);
    // As HttpApi reads a query: form encoding, '+' is a space.
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data) + 1, qsizetype(size) - 1);
    const QUrlQuery urlQuery(QString(text).replace(u'+', QStringLiteral("%20")));
    QString error;
    const std::optional<ListQuery> query = ListQuery::parse(kind, urlQuery.queryItems(QUrl::FullyDecoded), &error);
    const bool valid = query ? error.isEmpty() && query->limit >= 0 && query->offset >= 0
                                   && (kind == ListKind::Names || !query->sortColumn.isEmpty())
                             : !error.isEmpty();
    if (!valid) {
        std::fprintf(stderr, "parse of \"%s\": %s with error \"%s\"\n", qPrintable(text),
                     query ? "a query" : "no query", qPrintable(error));
        std::abort();
    }
    return 0;
}
