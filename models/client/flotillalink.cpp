#include "flotillalink.h"

#include "profilestore.h"

namespace Flotilla {

namespace {

struct KindName
{
    FlotillaLink::Kind kind;
    QStringView name;
};

constexpr KindName kindNames[] = {
    {FlotillaLink::Kind::Run, u"run"},
    {FlotillaLink::Kind::Definition, u"definition"},
    {FlotillaLink::Kind::Template, u"template"},
};

QString encoded(const QString &part)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(part));
}

} // namespace

FlotillaLink::FlotillaLink(QString profileName, Kind kind, QString id)
    : m_profileName(std::move(profileName))
    , m_kind(kind)
    , m_id(std::move(id))
{}

bool FlotillaLink::isLink(const QString &text)
{
    return text.startsWith(QStringLiteral("flotilla:"), Qt::CaseInsensitive);
}

std::optional<FlotillaLink> FlotillaLink::parse(const QString &text, QString *error)
{
    const auto fail = [error](const QString &problem) {
        *error = problem;
        return std::nullopt;
    };
    const QString prefix = QStringLiteral("flotilla://");
    if (!text.startsWith(prefix, Qt::CaseInsensitive))
        return fail(tr("\"%1\" is not a flotilla:// link; links look like flotilla://PROFILE/run/RUN_ID").arg(text));
    QStringList parts = text.mid(prefix.size()).split(u'/');
    if (parts.size() > 3 && parts.constLast().isEmpty())
        parts.removeLast(); // a trailing slash
    for (QString &part : parts)
        part = QUrl::fromPercentEncoding(part.toUtf8());
    if (parts.constFirst().isEmpty())
        return fail(tr("the link %1 names no profile; links look like flotilla://PROFILE/run/RUN_ID").arg(text));
    if (parts.size() < 2 || parts.at(1).isEmpty())
        return fail(tr("the link %1 names no run, definition or template; add /run/ID, /definition/ID or "
                       "/template/ID")
                        .arg(text));
    const auto known = std::find_if(std::begin(kindNames), std::end(kindNames),
                                    [&parts](const KindName &kind) { return kind.name == parts.at(1); });
    if (known == std::end(kindNames))
        return fail(tr("the link %1 points to an unknown kind of item \"%2\"; use run, definition or template")
                        .arg(text, parts.at(1)));
    if (parts.size() < 3 || parts.at(2).isEmpty())
        return fail(tr("the link %1 has no %2 id after /%2/").arg(text, parts.at(1)));
    if (parts.size() > 3)
        return fail(tr("the link %1 has more parts than PROFILE/%2/ID").arg(text, parts.at(1)));
    return FlotillaLink(parts.at(0), known->kind, parts.at(2));
}

QString FlotillaLink::toString() const
{
    const auto known = std::find_if(std::begin(kindNames), std::end(kindNames),
                                    [this](const KindName &kind) { return kind.kind == m_kind; });
    return QStringLiteral("flotilla://") + encoded(m_profileName) + u'/' + known->name.toString() + u'/'
           + encoded(m_id);
}

QUrl FlotillaLink::webUiUrl(const QUrl &webUi) const
{
    QString path = webUi.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    switch (m_kind) {
    case Kind::Run: path += QStringLiteral("/runs/"); break;
    case Kind::Definition: path += QStringLiteral("/tasks/"); break;
    case Kind::Template: path += QStringLiteral("/templates/"); break;
    }
    QUrl url = webUi;
    url.setPath(path + m_id);
    return url;
}

std::optional<ServerProfile> FlotillaLink::resolve(const ProfileStore &profiles, QString *error) const
{
    if (std::optional<ServerProfile> exact = profiles.profile(m_profileName))
        return exact;
    for (const ServerProfile &profile : profiles.profiles()) {
        if (profile.name.compare(m_profileName, Qt::CaseInsensitive) == 0)
            return profile;
    }
    *error = tr("the link %1 names the profile \"%2\", which is not set up here; add a profile of that name "
                "(Settings, or flotilla profiles add)")
                 .arg(toString(), m_profileName);
    return std::nullopt;
}

} // namespace Flotilla
