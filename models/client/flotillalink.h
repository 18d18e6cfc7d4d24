#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

#include <optional>

namespace Flotilla {

class ProfileStore;
struct ServerProfile;

// A link to a run, a definition or a template of one server profile:
// flotilla://PROFILE/run/RUN_ID, flotilla://PROFILE/definition/ID,
// flotilla://PROFILE/template/ID. The profile and the id are
// percent-encoded. The text is parsed by hand, not as a QUrl host: a host is
// lower-cased, and profile names keep their case.
class FlotillaLink final
{
    Q_DECLARE_TR_FUNCTIONS(Flotilla::FlotillaLink)

public:
    enum class Kind { Run, Definition, Template };

    FlotillaLink(QString profileName, Kind kind, QString id);

    // The link in `text`, or nothing with `error` saying what is wrong.
    static std::optional<FlotillaLink> parse(const QString &text, QString *error);
    // Whether `text` is meant as a link (starts with "flotilla:"), right or wrong.
    static bool isLink(const QString &text);

    QString profileName() const { return m_profileName; }
    Kind kind() const { return m_kind; }
    QString id() const { return m_id; }
    QString toString() const;

    // The same item on upstream's web UI at `webUi`: /runs/ID, /tasks/ID or
    // /templates/ID under its path (web-ui-features.md, routes).
    QUrl webUiUrl(const QUrl &webUi) const;
    // The profile the link names from `profiles`; an exact name first, else
    // one differing only in case (some URL handlers lower-case the part after
    // "//"). Nothing, with `error` saying what to fix, when there is none.
    std::optional<ServerProfile> resolve(const ProfileStore &profiles, QString *error) const;

    friend bool operator==(const FlotillaLink &a, const FlotillaLink &b)
    {
        return a.m_profileName == b.m_profileName && a.m_kind == b.m_kind && a.m_id == b.m_id;
    }

private:
    QString m_profileName;
    Kind m_kind;
    QString m_id;
};

} // namespace Flotilla
