#include "runcomparison.h"

#include "runstats.h"

#include <QMap>

#include <optional>

namespace Flotilla {

namespace {

QString numberText(const std::optional<qint64> &value, const QString &unit = {})
{
    return value ? QString::number(*value) + unit : QString();
}

QString fieldText(const Run &run, RunField field)
{
    const QString megabytes = QStringLiteral(" MB");
    switch (field) {
    case RunField::Image: return run.image;
    case RunField::Command: return run.command;
    case RunField::Cluster: return run.cluster;
    case RunField::Owner: return run.user;
    case RunField::MemoryRequested: return numberText(run.memory, megabytes);
    case RunField::MemoryLimit: return numberText(run.memoryLimit, megabytes);
    case RunField::MaxMemoryUsed: return numberText(run.maxMemoryUsed, megabytes);
    case RunField::CpuRequested: return numberText(run.cpu);
    case RunField::CpuLimit: return numberText(run.cpuLimit);
    case RunField::MaxCpuUsed: return numberText(run.maxCpuUsed);
    case RunField::ExitCode: return numberText(run.exitCode);
    case RunField::ExitReason: return run.exitReason;
    case RunField::Duration: {
        const std::optional<qint64> duration = finishedDurationMs(run);
        return duration ? durationText(*duration) : QString(); // empty until the run ended
    }
    case RunField::Payload: return payloadText(run);
    }
    return {};
}

// The last value of each name.
QMap<QString, QString> envByName(const EnvList &env)
{
    QMap<QString, QString> byName;
    for (const EnvVar &var : env)
        byName.insert(var.name, var.value);
    return byName;
}

} // namespace

QList<FieldComparison> compareRunFields(const Run &left, const Run &right)
{
    QList<FieldComparison> fields;
    for (int field = int(RunField::Image); field <= int(RunField::Payload); ++field) {
        const auto which = RunField(field);
        if (which == RunField::Payload && !left.isTemplateRun() && !right.isTemplateRun())
            continue;
        fields.append({which, fieldText(left, which), fieldText(right, which)});
    }
    return fields;
}

QString runFieldName(RunField field)
{
    switch (field) {
    case RunField::Image: return QStringLiteral("image");
    case RunField::Command: return QStringLiteral("command");
    case RunField::Cluster: return QStringLiteral("cluster");
    case RunField::Owner: return QStringLiteral("owner");
    case RunField::MemoryRequested: return QStringLiteral("memory requested");
    case RunField::MemoryLimit: return QStringLiteral("memory limit");
    case RunField::MaxMemoryUsed: return QStringLiteral("memory max used");
    case RunField::CpuRequested: return QStringLiteral("cpu requested");
    case RunField::CpuLimit: return QStringLiteral("cpu limit");
    case RunField::MaxCpuUsed: return QStringLiteral("cpu max used");
    case RunField::ExitCode: return QStringLiteral("exit code");
    case RunField::ExitReason: return QStringLiteral("exit reason");
    case RunField::Duration: return QStringLiteral("duration");
    case RunField::Payload: return QStringLiteral("payload");
    }
    return {};
}

QString payloadText(const Run &run)
{
    return run.templatePayload.is_null() ? QString() : toQString(run.templatePayload.dump(2));
}

QList<EnvComparison> compareEnv(const EnvList &left, const EnvList &right)
{
    const QMap<QString, QString> leftByName = envByName(left);
    const QMap<QString, QString> rightByName = envByName(right);
    QMap<QString, EnvComparison> byName;
    for (auto var = leftByName.begin(); var != leftByName.end(); ++var)
        byName.insert(var.key(), {var.key(), EnvChange::Removed, var.value(), {}});
    for (auto var = rightByName.begin(); var != rightByName.end(); ++var) {
        const auto known = byName.find(var.key());
        if (known == byName.end()) {
            byName.insert(var.key(), {var.key(), EnvChange::Added, {}, var.value()});
            continue;
        }
        EnvComparison &entry = *known;
        entry.right = var.value();
        entry.change = entry.left == entry.right ? EnvChange::Same : EnvChange::Changed;
    }
    return byName.values();
}

} // namespace Flotilla
