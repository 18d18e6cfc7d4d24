#pragma once

#include "envvar.h"

#include <QStringList>

#include <optional>

namespace Flotilla {

// A task definition: what to run (image, command, env, memory) and how it is
// found (alias, group, tags).
struct Definition
{
    QString definitionId;
    QString alias;
    QString groupName;
    QString image;
    QString command;
    std::optional<qint64> memory; // MB, hard limit
    std::optional<qint64> cpu;    // CPU units, 1024 = one core (upstream: millicores on EKS)
    EnvList env;
    QStringList tags;
    // Upstream's ARA: its scheduler may raise memory and CPU after OOM kills.
    // Current upstream only; omitted when null, as upstream does.
    std::optional<bool> adaptiveResourceAllocation;
    Json unknown = Json::object(); // fields of other servers, kept for round trips

    Json toJson() const;
    static Definition fromJson(const Json &json, QStringList *errors);

    // The contract's rules for a definition to be stored, one sentence each.
    QStringList validate() const;
};

// The fields a request body carries; absent ones leave a definition as it is.
struct DefinitionPatch
{
    std::optional<QString> alias;
    std::optional<QString> groupName;
    std::optional<QString> image;
    std::optional<QString> command;
    std::optional<qint64> memory;
    std::optional<qint64> cpu;
    std::optional<EnvList> env;
    std::optional<QStringList> tags;
    std::optional<bool> adaptiveResourceAllocation;

    static DefinitionPatch fromJson(const Json &json, QStringList *errors);
    void applyTo(Definition &definition) const;
};

QStringList stringListFromJson(const Json &array, const QString &field, QStringList *errors);
Json stringListToJson(const QStringList &list);

} // namespace Flotilla
