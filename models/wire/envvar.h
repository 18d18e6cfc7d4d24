#pragma once

#include "jsonreader.h"

#include <QList>
#include <QString>

namespace Flotilla {

struct EnvVar
{
    QString name;
    QString value;

    friend bool operator==(const EnvVar &, const EnvVar &) = default;
};

using EnvList = QList<EnvVar>;

Json envToJson(const EnvList &env);
// Reads an env array; `field` names it in errors ("env", "launch env").
EnvList envFromJson(const Json &array, const QString &field, QStringList *errors);
// Why `name` cannot be an environment variable name, or an empty string.
QString envNameProblem(const QString &name);
// The problems of every entry, each naming its position.
QStringList envProblems(const EnvList &env, const QString &field);
// The variables the control plane sets on every run (contract §5); a launch
// may not override them.
const QStringList &reservedEnvNames();

} // namespace Flotilla
