#include "jsonreader.h"

#include <algorithm>
#include <cctype>

namespace Flotilla {

void putOptional(Json &json, const char *key, const std::optional<qint64> &value)
{
    if (value)
        json[key] = *value;
}

QString toQString(const std::string &utf8)
{
    return QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
}

std::string toUtf8(const QString &text)
{
    return text.toStdString();
}

int jsonNestingDepth(QByteArrayView text)
{
    int depth = 0, deepest = 0;
    bool inString = false;
    for (qsizetype i = 0; i < text.size() && deepest <= maxJsonDepth; ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i; // the escaped character cannot end the string
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

Json parseNetworkJson(QByteArrayView text)
{
    if (jsonNestingDepth(text) > maxJsonDepth)
        return Json(Json::value_t::discarded);
    return Json::parse(text.begin(), text.end(), nullptr, false);
}

bool sameKey(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

JsonReader::JsonReader(const Json &object, QString context)
    : m_object(object)
    , m_context(std::move(context))
{}

const Json *JsonReader::find(std::string_view key) const
{
    if (!m_object.is_object())
        return nullptr;
    const Json *found = nullptr;
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        if (sameKey(it.key(), key))
            found = &it.value();
    }
    return (found && !found->is_null()) ? found : nullptr;
}

QString JsonReader::fieldName(std::string_view key) const
{
    const QString name = QString::fromLatin1(key.data(), qsizetype(key.size()));
    return m_context.isEmpty() ? name : m_context + u'.' + name;
}

void JsonReader::addError(const QString &error)
{
    m_errors.append(error);
}

std::optional<QString> JsonReader::string(std::string_view key)
{
    const Json *value = find(key);
    if (!value)
        return std::nullopt;
    if (!value->is_string()) {
        addError(QStringLiteral("%1 must be a JSON string").arg(fieldName(key)));
        return std::nullopt;
    }
    return toQString(value->get_ref<const std::string &>());
}

std::optional<qint64> JsonReader::integer(std::string_view key)
{
    const Json *value = find(key);
    if (!value)
        return std::nullopt;
    if (value->is_number_integer() && !value->is_number_unsigned())
        return value->get<qint64>();
    if (value->is_number_unsigned() && value->get<std::uint64_t>() <= std::uint64_t(INT64_MAX))
        return qint64(value->get<std::uint64_t>());
    addError(QStringLiteral("%1 must be a JSON integer, not %2").arg(fieldName(key), toQString(value->dump())));
    return std::nullopt;
}

std::optional<bool> JsonReader::boolean(std::string_view key)
{
    const Json *value = find(key);
    if (!value)
        return std::nullopt;
    if (value->is_boolean())
        return value->get<bool>();
    addError(QStringLiteral("%1 must be true or false, not %2").arg(fieldName(key), toQString(value->dump())));
    return std::nullopt;
}

const Json *JsonReader::array(std::string_view key)
{
    const Json *value = find(key);
    if (value && !value->is_array()) {
        addError(QStringLiteral("%1 must be a JSON array").arg(fieldName(key)));
        return nullptr;
    }
    return value;
}

const Json *JsonReader::object(std::string_view key)
{
    const Json *value = find(key);
    if (value && !value->is_object()) {
        addError(QStringLiteral("%1 must be a JSON object").arg(fieldName(key)));
        return nullptr;
    }
    return value;
}

Json JsonReader::unknownMembers(std::initializer_list<std::string_view> known) const
{
    Json rest = Json::object();
    if (!m_object.is_object())
        return rest;
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        const bool isKnown = std::any_of(known.begin(), known.end(),
                                         [&](std::string_view k) { return sameKey(it.key(), k); });
        if (!isKnown)
            rest[it.key()] = it.value();
    }
    return rest;
}

} // namespace Flotilla
