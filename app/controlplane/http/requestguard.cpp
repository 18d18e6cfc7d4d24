#include "requestguard.h"

#include "jsonresponse.h"
#include <store/constanttime.h>

#include <QHostInfo>
#include <QNetworkInterface>

namespace Flotilla {

namespace {

// The Host header as name and port; a missing port is HTTP's 80. Names are
// lower case and IPv6 addresses keep their brackets, as the accepted names.
std::optional<std::pair<QByteArray, int>> parseHost(const QByteArray &value)
{
    const QByteArray host = value.trimmed().toLower();
    qsizetype nameEnd = host.startsWith('[') ? host.indexOf(']') + 1 : host.indexOf(':');
    if (nameEnd < 0)
        nameEnd = host.size();
    const QByteArray name = host.left(nameEnd);
    const QByteArray rest = host.mid(nameEnd);
    if (name.isEmpty() || name == "[")
        return std::nullopt;
    if (rest.isEmpty())
        return std::pair{name, 80};
    bool ok = false;
    const int port = rest.mid(1).toInt(&ok);
    if (!rest.startsWith(':') || !ok || port < 0 || port > 65535 || rest.mid(1).startsWith('+'))
        return std::nullopt;
    return std::pair{name, port};
}

QString hostName(QHostAddress address)
{
    address.setScopeId(QString());
    return address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']' : address.toString();
}

bool isJsonMediaType(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    return contentType.left(semicolon < 0 ? contentType.size() : semicolon).trimmed().toLower() == "application/json";
}

// The auth scheme is case-insensitive (RFC 9110); the token is not.
bool bearerTokenMatches(const QByteArray &authorization, const QByteArray &token)
{
    return authorization.size() > 7 && authorization.left(7).compare("bearer ", Qt::CaseInsensitive) == 0
           && constantTimeEquals(authorization.mid(7).trimmed(), token);
}

QString normalizedOrigin(QString origin)
{
    while (origin.endsWith(u'/'))
        origin.chop(1);
    return origin.toLower();
}

} // namespace

RequestGuard::RequestGuard(AccessPolicy policy)
    : m_policy(std::move(policy))
{
    for (QString &origin : m_policy.corsOrigins)
        origin = normalizedOrigin(origin);
    for (QString &host : m_policy.allowedHosts)
        host = host.toLower();
}

void RequestGuard::setListening(const QHostAddress &address, quint16 port)
{
    m_port = port;
    m_names = {QStringLiteral("127.0.0.1"), QStringLiteral("localhost"), QStringLiteral("[::1]"), hostName(address)};
    if (!address.isLoopback()) {
        const QString machine = QHostInfo::localHostName().toLower();
        m_names.append(machine);
        if (const QString domain = QHostInfo::localDomainName().toLower(); !domain.isEmpty())
            m_names.append(machine + u'.' + domain);
        for (const QHostAddress &own : QNetworkInterface::allAddresses())
            m_names.append(hostName(own));
    }
    m_names.removeDuplicates();
}

bool RequestGuard::originAllowed(const QByteArray &origin) const
{
    return !origin.isEmpty() && m_policy.corsOrigins.contains(normalizedOrigin(QString::fromUtf8(origin)));
}

std::optional<HttpResponse> RequestGuard::hostRefusal(const QByteArray &host) const
{
    if (const auto parsed = parseHost(host)) {
        const QString name = QString::fromUtf8(parsed->first);
        if ((parsed->second == m_port && m_names.contains(name)) || m_policy.allowedHosts.contains(name))
            return std::nullopt;
    }
    QStringList accepted;
    for (const QString &name : m_names)
        accepted.append(name + u':' + QString::number(m_port));
    accepted += m_policy.allowedHosts;
    return errorResponse(421, QStringLiteral("this server does not answer to the Host \"%1\"; it accepts %2 "
                                             "(flotilla-local --allow-host NAME adds a name, e.g. for a reverse proxy)")
                                  .arg(QString::fromUtf8(host), accepted.join(QStringLiteral(", "))));
}

std::optional<HttpResponse> RequestGuard::refusal(const HttpRequest &request) const
{
    // DNS rebinding: a page of attacker.example reaches us with its own name.
    if (std::optional<HttpResponse> refused = hostRefusal(request.header("host")))
        return refused;
    // Browsers send Origin with every cross-site request; our own clients never do.
    const QByteArray origin = request.header("origin");
    if (!origin.isEmpty() && !originAllowed(origin)) {
        return errorResponse(403, QStringLiteral("requests from web pages are refused: the origin %1 is not allowed "
                                                 "(flotilla-local --cors-origin %1 allows it)")
                                      .arg(QString::fromUtf8(origin)));
    }
    if (request.method == "OPTIONS")
        return std::nullopt;
    const QByteArray authorization = request.header("authorization");
    if (!m_policy.token.isEmpty() && !bearerTokenMatches(authorization, m_policy.token)) {
        HttpResponse response = errorResponse(
            401, authorization.isEmpty()
                     ? QStringLiteral("this server needs a token: send the header Authorization: Bearer <token> "
                                      "(the local server keeps it in control-plane.token in its data dir)")
                     : QStringLiteral("the bearer token is wrong"));
        response.headers.emplaceBack("WWW-Authenticate", "Bearer");
        return response;
    }
    // A browser sends text/plain and form bodies cross-site without asking first.
    const QByteArray contentType = request.header("content-type");
    if (!request.body.isEmpty() && !isJsonMediaType(contentType)) {
        return errorResponse(415, QStringLiteral("the request body must be JSON sent with the header "
                                                 "Content-Type: application/json, not %1")
                                      .arg(contentType.isEmpty() ? QStringLiteral("no Content-Type")
                                                                 : u'"' + QString::fromUtf8(contentType) + u'"'));
    }
    return std::nullopt;
}

} // namespace Flotilla
