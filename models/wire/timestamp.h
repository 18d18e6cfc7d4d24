#pragma once

#include <QDateTime>
#include <QString>

#include <optional>
#include <string_view>

namespace Flotilla::Timestamp {

// RFC 3339 with 0-9 fractional digits and `Z` or `±hh:mm`, as upstream
// servers of every era write them. Sub-millisecond digits are dropped.
std::optional<QDateTime> parse(QStringView text);
// The same for UTF-8 text straight from a JSON document, without a QString.
std::optional<QDateTime> parseUtf8(std::string_view text);

// The contract's form: UTC with milliseconds, `2026-11-27T07:01:26.123Z`.
QString format(const QDateTime &time);

} // namespace Flotilla::Timestamp
