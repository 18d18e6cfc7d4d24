#include "template.h"

#include "templaterenderer.h"

namespace Flotilla {

static const std::initializer_list<std::string_view> knownKeys = {
    "template_id", "template_name", "version", "schema", "command_template",
    "defaults",    "avatar_uri",    "image",   "memory", "cpu",
    "gpu",         "env",           "tags"};

Json Template::toJson() const
{
    Json json = unknown.is_object() ? unknown : Json::object();
    json["template_id"] = toUtf8(templateId);
    json["template_name"] = toUtf8(templateName);
    json["version"] = version;
    json["schema"] = schema;
    json["command_template"] = toUtf8(commandTemplate);
    json["defaults"] = defaults;
    json["avatar_uri"] = toUtf8(avatarUri);
    json["image"] = toUtf8(image);
    putOptional(json, "memory", memory);
    putOptional(json, "cpu", cpu);
    putOptional(json, "gpu", gpu);
    json["env"] = envToJson(env);
    json["tags"] = stringListToJson(tags);
    return json;
}

Template Template::fromJson(const Json &json, QStringList *errors)
{
    Template tpl;
    if (!json.is_object()) {
        errors->append(QStringLiteral("a template must be a JSON object"));
        return tpl;
    }
    JsonReader reader(json);
    tpl.templateId = reader.string("template_id").value_or(QString());
    tpl.templateName = reader.string("template_name").value_or(QString());
    tpl.version = reader.integer("version").value_or(0);
    if (const Json *schema = reader.object("schema"))
        tpl.schema = *schema;
    tpl.commandTemplate = reader.string("command_template").value_or(QString());
    if (const Json *defaults = reader.object("defaults"))
        tpl.defaults = *defaults;
    tpl.avatarUri = reader.string("avatar_uri").value_or(QString());
    tpl.image = reader.string("image").value_or(QString());
    tpl.memory = reader.integer("memory");
    tpl.cpu = reader.integer("cpu");
    tpl.gpu = reader.integer("gpu");
    if (const Json *env = reader.array("env"))
        tpl.env = envFromJson(*env, QStringLiteral("env"), errors);
    // Upstream's tags are a list of strings; null or absent is none.
    if (const Json *tags = reader.array("tags")) {
        tpl.tags = stringListFromJson(*tags, QStringLiteral("tags"), errors);
        tpl.tags.removeAll(QString());
    }
    errors->append(reader.errors());
    tpl.unknown = reader.unknownMembers(knownKeys);
    return tpl;
}

QStringList Template::validate() const
{
    QStringList problems;
    if (templateName.trimmed().isEmpty())
        problems.append(QStringLiteral("string [template_name] must be specified"));
    if (templateName.size() > 255)
        problems.append(QStringLiteral("template_name must be at most 255 characters"));
    if (templateName.contains(u'/'))
        problems.append(QStringLiteral("template_name must not contain '/'"));
    if (schema.empty()) {
        problems.append(QStringLiteral("schema must be specified: a JSON Schema object for the payload"));
    } else {
        QStringList schemaProblems;
        if (!PayloadSchema::parse(schema, &schemaProblems)) {
            for (const QString &problem : std::as_const(schemaProblems))
                problems.append(QStringLiteral("schema is not a valid JSON Schema: %1").arg(problem));
        }
    }
    if (commandTemplate.trimmed().isEmpty()) {
        problems.append(QStringLiteral("string [command_template] must be specified"));
    } else {
        QString error;
        if (!CommandTemplate::parse(commandTemplate, &error))
            problems.append(QStringLiteral("command_template does not parse: %1").arg(error));
    }
    if (image.trimmed().isEmpty())
        problems.append(QStringLiteral("string [image] must be specified"));
    if (!memory)
        problems.append(QStringLiteral("int [memory] must be specified"));
    else if (*memory <= 0)
        problems.append(QStringLiteral("memory must be a positive number of MB"));
    if (cpu && *cpu <= 0)
        problems.append(QStringLiteral("cpu must be a positive number of CPU units (1024 = one core)"));
    if (gpu && *gpu < 0)
        problems.append(QStringLiteral("gpu must not be negative"));
    problems.append(envProblems(env, QStringLiteral("env")));
    return problems;
}

bool Template::sameContent(const Template &other) const
{
    return templateName == other.templateName && schema == other.schema && commandTemplate == other.commandTemplate
           && defaults == other.defaults && avatarUri == other.avatarUri && image == other.image
           && memory == other.memory && cpu == other.cpu && gpu == other.gpu && env == other.env && tags == other.tags
           && unknown == other.unknown;
}

QString Template::displayName() const
{
    return QStringLiteral("%1 v%2").arg(templateName).arg(version);
}

Json TemplateLaunchRequest::toJson() const
{
    Json json = Json::object();
    json["owner_id"] = toUtf8(ownerId);
    if (cluster)
        json["cluster_name"] = toUtf8(*cluster);
    json["env"] = envToJson(env);
    putOptional(json, "memory", memory);
    putOptional(json, "cpu", cpu);
    placement.writeTo(json);
    json["template_payload"] = payload;
    if (dryRun)
        json["dry_run"] = true;
    return json;
}

TemplateLaunchRequest TemplateLaunchRequest::fromJson(const Json &json, QStringList *errors)
{
    TemplateLaunchRequest request;
    if (!json.is_object()) {
        errors->append(QStringLiteral("the body must be a JSON object"));
        return request;
    }
    JsonReader reader(json);
    request.ownerId = reader.string("owner_id").value_or(QString());
    request.cluster = reader.string("cluster_name");
    if (!request.cluster)
        request.cluster = reader.string("cluster"); // what upstream's web UI sends
    if (const Json *env = reader.array("env"))
        request.env = envFromJson(*env, QStringLiteral("env"), errors);
    request.memory = reader.integer("memory");
    request.cpu = reader.integer("cpu");
    request.placement.read(reader);
    if (const Json *payload = reader.object("template_payload"))
        request.payload = *payload;
    if (const Json *dryRun = reader.find("dry_run")) {
        if (dryRun->is_boolean())
            request.dryRun = dryRun->get<bool>();
        else
            reader.addError(QStringLiteral("dry_run must be true or false"));
    }
    errors->append(reader.errors());
    return request;
}

QString violationText(const SchemaViolation &violation)
{
    const QString where = violation.path.isEmpty() ? QStringLiteral("template_payload")
                                                   : QStringLiteral("template_payload") + violation.path;
    return QStringLiteral("%1: %2 (%3)").arg(where, violation.message, violation.rule);
}

RenderedLaunch renderLaunch(const Template &tpl, const Json &payload)
{
    return TemplateRenderer(tpl).render(payload);
}

TemplateRenderer::TemplateRenderer(const Template &tpl)
    : m_defaults(tpl.defaults)
{
    QStringList problems;
    m_schema = PayloadSchema::parse(tpl.schema, &problems);
    for (const QString &problem : std::as_const(problems))
        m_schemaProblems.append({QString(), QStringLiteral("schema"),
                                 QStringLiteral("the template's schema is not valid: %1").arg(problem)});
    m_command = CommandTemplate::parse(tpl.commandTemplate, &m_commandError);
}

RenderedLaunch TemplateRenderer::render(const Json &payload) const
{
    RenderedLaunch launch;
    launch.payload = mergeDefaults(payload, m_defaults);
    if (!m_schema) {
        launch.problems = m_schemaProblems;
        return launch;
    }
    launch.problems = m_schema->validate(launch.payload);
    if (!launch.problems.isEmpty())
        return launch;
    QString error = m_commandError;
    std::optional<QString> rendered = m_command ? m_command->render(launch.payload, &error) : std::nullopt;
    if (!rendered) {
        launch.problems.append({QString(), QStringLiteral("command_template"),
                                QStringLiteral("the command template cannot be rendered: %1").arg(error)});
        return launch;
    }
    launch.command = std::move(*rendered);
    return launch;
}

} // namespace Flotilla
