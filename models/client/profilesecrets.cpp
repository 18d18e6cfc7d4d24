#include "profilesecrets.h"

#include "flotillaclient.h"

#include <wire/jsonreader.h>

namespace Flotilla {

void ProfileSecrets::applyTo(FlotillaClient *client) const
{
    for (const auto &[name, value] : headers)
        client->setRawHeader(name, value);
    if (!bearerToken.isEmpty())
        client->setBearerToken(bearerToken);
}

QByteArray ProfileSecrets::toJson() const
{
    Json json = Json::object();
    json["bearer_token"] = bearerToken.toStdString();
    Json list = Json::object();
    for (const auto &[name, value] : headers)
        list[name.toStdString()] = value.toStdString();
    json["headers"] = std::move(list);
    return QByteArray::fromStdString(json.dump());
}

std::optional<ProfileSecrets> ProfileSecrets::fromJson(const QByteArray &json)
{
    const Json parsed = Json::parse(json.begin(), json.end(), nullptr, false);
    if (!parsed.is_object())
        return std::nullopt;
    ProfileSecrets secrets;
    if (const auto token = parsed.find("bearer_token"); token != parsed.end() && token->is_string())
        secrets.bearerToken = QString::fromStdString(token->get<std::string>());
    if (const auto headers = parsed.find("headers"); headers != parsed.end() && headers->is_object()) {
        for (const auto &[name, value] : headers->items()) {
            if (value.is_string())
                secrets.headers.append(
                    {QByteArray::fromStdString(name), QByteArray::fromStdString(value.get<std::string>())});
        }
    }
    return secrets;
}

} // namespace Flotilla
