#pragma once

#include "httpmessage.h"

#include <QHostAddress>
#include <QStringList>

#include <optional>

namespace Flotilla {

// Who may use the API (api-contract §8). The control plane runs commands as
// its user, so a request must come from that user's own client: not from a
// web page (a foreign Host after DNS rebinding, a foreign Origin, a form or
// text/plain body sent cross-site without a preflight) and not from another
// local user (the bearer token, readable by the owner only).
struct AccessPolicy
{
    QByteArray token;         // empty: no token needed (--no-token)
    QStringList corsOrigins;  // browser origins allowed to call
    QStringList allowedHosts; // further Host names (--allow-host), with any port
};

class RequestGuard final
{
public:
    explicit RequestGuard(AccessPolicy policy);

    // The Host names of the server listening on `address` and `port`: the
    // loopback names, the address itself, and off loopback this machine's
    // own names and addresses. No Host is accepted before this is called.
    void setListening(const QHostAddress &address, quint16 port);

    // The answer for a request that must not reach a route, checked in the
    // order Host (421), Origin (403), token (401), then the body's type (415);
    // nullopt when it may go on. A CORS preflight needs no token and has no body.
    std::optional<HttpResponse> refusal(const HttpRequest &request) const;
    bool originAllowed(const QByteArray &origin) const;

private:
    std::optional<HttpResponse> hostRefusal(const QByteArray &host) const;

    AccessPolicy m_policy;
    quint16 m_port = 0;
    QStringList m_names; // accepted with m_port only; lower case, IPv6 in brackets
};

} // namespace Flotilla
