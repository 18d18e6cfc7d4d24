#include "exportfile.h"

#include <QRegularExpression>

#include <algorithm>

namespace Flotilla {

namespace {

// What servers assign on create: the id, and the seed era's ECS fields.
constexpr std::string_view assignedDefinitionKeys[] = {"definition_id", "arn", "container_name"};
constexpr std::string_view assignedTemplateKeys[] = {"template_id", "version"};

template <size_t N>
Json withoutKeys(Json body, const std::string_view (&keys)[N])
{
    for (auto it = body.begin(); it != body.end();) {
        const bool assigned = std::any_of(std::begin(keys), std::end(keys),
                                          [&it](std::string_view key) { return sameKey(it.key(), key); });
        it = assigned ? body.erase(it) : std::next(it);
    }
    return body;
}

QByteArray indented(const Json &body)
{
    return QByteArray::fromStdString(body.dump(2)) + '\n';
}

} // namespace

Json ExportFile::createBody(const Definition &definition)
{
    return withoutKeys(definition.toJson(), assignedDefinitionKeys);
}

Json ExportFile::createBody(const Template &tpl)
{
    return withoutKeys(tpl.toJson(), assignedTemplateKeys);
}

QByteArray ExportFile::write(const Definition &definition)
{
    return indented(createBody(definition));
}

QByteArray ExportFile::write(const Template &tpl)
{
    return indented(createBody(tpl));
}

QString ExportFile::fileName(const QString &aliasOrName)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._@+-]"));
    QString name = aliasOrName;
    name.replace(unsafe, QStringLiteral("_"));
    if (name.isEmpty() || name.startsWith(u'.'))
        name.prepend(u'_');
    return name + QStringLiteral(".json");
}

std::optional<ExportFile> ExportFile::read(QByteArrayView bytes, QString *error)
{
    const Json json = parseNetworkJson(bytes);
    if (json.is_discarded()) {
        *error = QStringLiteral("the file is not JSON; it must hold one JSON object, a definition or a template "
                                "as upstream's create takes it");
        return std::nullopt;
    }
    if (!json.is_object()) {
        *error = QStringLiteral("the file must hold one JSON object, a definition or a template as upstream's "
                                "create takes it, not a JSON %1")
                     .arg(QString::fromLatin1(json.type_name()));
        return std::nullopt;
    }
    ExportFile file;
    const JsonReader reader(json);
    QStringList problems;
    if (reader.find("template_name") || reader.find("command_template")) {
        file.kind = Kind::Template;
        file.tpl = Template::fromJson(withoutKeys(json, assignedTemplateKeys), &problems);
        if (problems.isEmpty())
            problems = file.tpl.validate();
    } else {
        file.definition = Definition::fromJson(withoutKeys(json, assignedDefinitionKeys), &problems);
        if (problems.isEmpty())
            problems = file.definition.validate();
    }
    if (!problems.isEmpty()) {
        *error = problems.join(u'\n');
        return std::nullopt;
    }
    return file;
}

QString ExportFile::name() const
{
    return kind == Kind::Template ? tpl.templateName : definition.alias;
}

} // namespace Flotilla
