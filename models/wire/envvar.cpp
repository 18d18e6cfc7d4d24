#include "envvar.h"

namespace Flotilla {

Json envToJson(const EnvList &env)
{
    Json array = Json::array();
    for (const EnvVar &var : env)
        array.push_back({{"name", toUtf8(var.name)}, {"value", toUtf8(var.value)}});
    return array;
}

EnvList envFromJson(const Json &array, const QString &field, QStringList *errors)
{
    EnvList env;
    env.reserve(qsizetype(array.size()));
    int index = 0;
    for (const Json &item : array) {
        const QString context = QStringLiteral("%1[%2]").arg(field).arg(index++);
        if (!item.is_object()) {
            errors->append(QStringLiteral("%1 must be an object {\"name\":..,\"value\":..}").arg(context));
            continue;
        }
        JsonReader reader(item, context);
        EnvVar var;
        var.name = reader.string("name").value_or(QString());
        // Absent or null is "", as in Go: a null QString would reach SQL as NULL.
        var.value = reader.string("value").value_or(QStringLiteral(""));
        errors->append(reader.errors());
        env.append(var);
    }
    return env;
}

const QStringList &reservedEnvNames()
{
    static const QStringList names = {QStringLiteral("FLOTILLA_RUN_ID"), QStringLiteral("FLOTILLA_SERVER_MODE"),
                                      QStringLiteral("FLOTILLA_RUN_OWNER_ID")};
    return names;
}

QString envNameProblem(const QString &name)
{
    if (name.isEmpty())
        return QStringLiteral("must not be empty");
    if (name.contains(u'='))
        return QStringLiteral("must not contain '='");
    if (name.contains(QChar(0)))
        return QStringLiteral("must not contain a NUL character");
    return {};
}

QStringList envProblems(const EnvList &env, const QString &field)
{
    QStringList problems;
    for (qsizetype i = 0; i < env.size(); ++i) {
        const QString problem = envNameProblem(env[i].name);
        if (!problem.isEmpty())
            problems.append(QStringLiteral("%1[%2].name %3").arg(field).arg(i).arg(problem));
        if (env[i].value.contains(QChar(0)))
            problems.append(QStringLiteral("%1[%2].value must not contain a NUL character").arg(field).arg(i));
    }
    return problems;
}

} // namespace Flotilla
