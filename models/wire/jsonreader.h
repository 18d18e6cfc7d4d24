#pragma once

#include <nlohmann/json.hpp>

#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <initializer_list>
#include <optional>
#include <string_view>

namespace Flotilla {

// Objects keep the order their keys came in: the last of two spellings of
// one key must win, as in Go's decoder.
using Json = nlohmann::ordered_json;

QString toQString(const std::string &utf8);
std::string toUtf8(const QString &text);
// Sets `key` to the number when there is one (absent stays absent).
void putOptional(Json &json, const char *key, const std::optional<qint64> &value);
// Whether two object keys name one field: ASCII letters match in either case.
bool sameKey(std::string_view a, std::string_view b);

// Copying, comparing, dumping and decoding a Json recurse once per level of
// nesting, so a document from the network that nests deeper than this is
// refused before parsing: 100,000 '[' would overflow the stack.
constexpr int maxJsonDepth = 512;

// How deep arrays and objects nest in a JSON text (brackets in strings do
// not count). Stops counting past maxJsonDepth.
int jsonNestingDepth(QByteArrayView text);

// Json::parse without exceptions for documents from the network: discarded
// when `text` is not JSON or nests deeper than maxJsonDepth.
Json parseNetworkJson(QByteArrayView text);

// Reads one JSON object the way upstream's Go decoder does: keys match
// case-insensitively (the last duplicate wins), null counts as absent and
// unknown keys are ignored. Type mismatches are collected as sentences that
// name the field, so one answer can list every mistake of a request.
class JsonReader final
{
public:
    explicit JsonReader(const Json &object, QString context = {});

    const Json *find(std::string_view key) const;
    std::optional<QString> string(std::string_view key);
    std::optional<qint64> integer(std::string_view key);
    std::optional<bool> boolean(std::string_view key);
    const Json *array(std::string_view key);
    const Json *object(std::string_view key);

    // The members whose keys are none of `known`, for round trips.
    Json unknownMembers(std::initializer_list<std::string_view> known) const;

    void addError(const QString &error);
    QString fieldName(std::string_view key) const;
    QStringList errors() const { return m_errors; }

private:
    const Json &m_object;
    QString m_context;
    QStringList m_errors;
};

} // namespace Flotilla
