#pragma once

#include "serverflavour.h"

#include <QString>
#include <QUrl>

namespace Flotilla {

// One server the client talks to. Secrets (bearer token, extra auth
// headers) are not part of it: they live in the keychain (SecretStore), and
// `hasSecrets` only says whether to look there.
//
// The built-in profile "local" is the control plane serving the default data
// dir; its URL is found at connect time from that dir's control-plane.url,
// so `baseUrl` stays empty.
struct ServerProfile
{
    static constexpr QStringView localName = u"local";

    QString name;
    QUrl baseUrl;
    ServerFlavour flavour = ServerFlavour::Auto;
    QString ownerId;        // run_tags.owner_id for launches; empty: the login name
    QString defaultCluster; // preselected for launches; empty: the server's default
    bool hasSecrets = false;
    // Upstream's web UI for this server (its REACT_APP_BASE_URL is a
    // separate address); empty: none. Copied links name its pages too.
    QUrl webUi;

    bool isLocal() const { return name == localName; }
    // The owner id for launches: ownerId, else the login name (empty when
    // neither is known).
    QString launchOwnerId() const;
    static ServerProfile local();
    // Empty when valid, else a sentence saying what to fix.
    QString problem() const;
    static QString nameProblem(const QString &name);
    static bool isHttpUrl(const QUrl &url);
};

} // namespace Flotilla
