#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace Flotilla {

class FlotillaClient;

// What a profile keeps in the keychain: a bearer token and extra headers
// (e.g. a proxy's auth cookie), stored as one JSON entry per profile.
struct ProfileSecrets
{
    QString bearerToken;
    QList<std::pair<QByteArray, QByteArray>> headers;

    bool isEmpty() const { return bearerToken.isEmpty() && headers.isEmpty(); }
    void applyTo(FlotillaClient *client) const;

    QByteArray toJson() const;
    static std::optional<ProfileSecrets> fromJson(const QByteArray &json);
};

} // namespace Flotilla
