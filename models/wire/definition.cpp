#include "definition.h"

#include <QRegularExpression>

namespace Flotilla {

static const std::initializer_list<std::string_view> knownKeys = {"definition_id", "alias",
                                                                  "group_name",    "image",
                                                                  "command",       "memory",
                                                                  "cpu",           "env",
                                                                  "tags",          "adaptive_resource_allocation"};

QStringList stringListFromJson(const Json &array, const QString &field, QStringList *errors)
{
    QStringList list;
    int index = 0;
    for (const Json &item : array) {
        if (item.is_string())
            list.append(toQString(item.get_ref<const std::string &>()));
        else
            errors->append(QStringLiteral("%1[%2] must be a JSON string").arg(field).arg(index));
        ++index;
    }
    return list;
}

Json stringListToJson(const QStringList &list)
{
    Json array = Json::array();
    for (const QString &item : list)
        array.push_back(toUtf8(item));
    return array;
}

Json Definition::toJson() const
{
    Json json = unknown.is_object() ? unknown : Json::object();
    json["definition_id"] = toUtf8(definitionId);
    json["alias"] = toUtf8(alias);
    json["group_name"] = toUtf8(groupName);
    json["image"] = toUtf8(image);
    json["command"] = toUtf8(command);
    putOptional(json, "memory", memory);
    putOptional(json, "cpu", cpu);
    json["env"] = envToJson(env);
    json["tags"] = stringListToJson(tags);
    if (adaptiveResourceAllocation)
        json["adaptive_resource_allocation"] = *adaptiveResourceAllocation;
    return json;
}

Definition Definition::fromJson(const Json &json, QStringList *errors)
{
    Definition definition;
    if (!json.is_object()) {
        errors->append(QStringLiteral("a definition must be a JSON object"));
        return definition;
    }
    JsonReader reader(json);
    definition.definitionId = reader.string("definition_id").value_or(QString());
    errors->append(reader.errors());
    DefinitionPatch::fromJson(json, errors).applyTo(definition);
    definition.unknown = reader.unknownMembers(knownKeys);
    return definition;
}

QStringList Definition::validate() const
{
    static const QRegularExpression groupPattern(QStringLiteral("^[A-Za-z0-9_-]*\\z"));
    QStringList problems;
    if (alias.trimmed().isEmpty())
        problems.append(QStringLiteral("alias is required"));
    if (alias.size() > 255)
        problems.append(QStringLiteral("alias must be at most 255 characters"));
    if (alias.contains(u'/'))
        problems.append(QStringLiteral("alias must not contain '/'"));
    if (image.trimmed().isEmpty())
        problems.append(QStringLiteral("image is required"));
    if (command.trimmed().isEmpty())
        problems.append(QStringLiteral("command is required"));
    if (!groupPattern.match(groupName).hasMatch())
        problems.append(QStringLiteral("group_name may only contain letters, digits, '_' and '-'"));
    if (groupName.size() > 255)
        problems.append(QStringLiteral("group_name must be at most 255 characters"));
    if (memory && *memory <= 0)
        problems.append(QStringLiteral("memory must be a positive number of MB"));
    if (cpu && *cpu <= 0)
        problems.append(QStringLiteral("cpu must be a positive number of CPU units (1024 = one core)"));
    problems.append(envProblems(env, QStringLiteral("env")));
    return problems;
}

DefinitionPatch DefinitionPatch::fromJson(const Json &json, QStringList *errors)
{
    DefinitionPatch patch;
    if (!json.is_object()) {
        errors->append(QStringLiteral("the body must be a JSON object"));
        return patch;
    }
    JsonReader reader(json);
    patch.alias = reader.string("alias");
    patch.groupName = reader.string("group_name");
    patch.image = reader.string("image");
    patch.command = reader.string("command");
    patch.memory = reader.integer("memory");
    patch.cpu = reader.integer("cpu");
    patch.adaptiveResourceAllocation = reader.boolean("adaptive_resource_allocation");
    if (const Json *env = reader.array("env"))
        patch.env = envFromJson(*env, QStringLiteral("env"), errors);
    if (const Json *tags = reader.array("tags"))
        patch.tags = stringListFromJson(*tags, QStringLiteral("tags"), errors);
    errors->append(reader.errors());
    return patch;
}

void DefinitionPatch::applyTo(Definition &definition) const
{
    if (alias)
        definition.alias = *alias;
    if (groupName)
        definition.groupName = *groupName;
    if (image)
        definition.image = *image;
    if (command)
        definition.command = *command;
    if (memory)
        definition.memory = memory;
    if (cpu)
        definition.cpu = cpu;
    if (adaptiveResourceAllocation)
        definition.adaptiveResourceAllocation = adaptiveResourceAllocation;
    if (env)
        definition.env = *env;
    if (tags) {
        // Upstream sends `"tags":[""]` for definitions without tags.
        definition.tags = *tags;
        definition.tags.removeAll(QString());
        definition.tags.removeDuplicates();
    }
}

} // namespace Flotilla
