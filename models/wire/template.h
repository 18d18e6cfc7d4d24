#pragma once

#include "definition.h"
#include "envvar.h"
#include "launchrequest.h"
#include "payloadschema.h"

#include <QStringList>

#include <optional>

namespace Flotilla {

// A template (upstream's /api/v7/template): a versioned, parameterised job.
// Its command is a Go text/template rendered with a payload that its JSON
// Schema accepts, merged over its defaults. A version is never changed.
struct Template
{
    QString templateId;
    QString templateName;
    qint64 version = 0;
    Json schema = Json::object();
    QString commandTemplate;
    Json defaults = Json::object();
    QString avatarUri;
    QString image;
    std::optional<qint64> memory; // MB
    std::optional<qint64> cpu;
    std::optional<qint64> gpu;
    EnvList env;
    QStringList tags;
    Json unknown = Json::object(); // fields of other servers, kept for round trips

    Json toJson() const;
    static Template fromJson(const Json &json, QStringList *errors);

    // Upstream's rules for a template to be stored, plus ours: the schema is
    // a JSON Schema, the command template parses, the defaults are an object.
    QStringList validate() const;
    // Whether `other` has the same content: everything but id and version,
    // as upstream's create-or-version compares.
    bool sameContent(const Template &other) const;
    // "name v3"
    QString displayName() const;
};

// The body of PUT /api/v7/template/.../execute.
struct TemplateLaunchRequest
{
    QString ownerId;
    std::optional<QString> cluster; // cluster_name, or the web UI's cluster
    EnvList env;
    std::optional<qint64> memory;
    std::optional<qint64> cpu;
    LaunchPlacement placement;
    Json payload = Json::object(); // template_payload
    bool dryRun = false;

    Json toJson() const;
    static TemplateLaunchRequest fromJson(const Json &json, QStringList *errors);
};

// "/threads: must be at most 64 (maximum)": a violation on one line.
QString violationText(const SchemaViolation &violation);

// What a launch of `tpl` with `payload` runs: the payload merged over the
// defaults, checked against the schema, and the command rendered. Every
// problem at once when the payload cannot run (a rendering error has the
// rule "command_template").
struct RenderedLaunch
{
    Json payload;
    QString command;
    QList<SchemaViolation> problems;
};
RenderedLaunch renderLaunch(const Template &tpl, const Json &payload);

} // namespace Flotilla
