#pragma once

#include "envvar.h"

#include <QDateTime>

#include <optional>

namespace Flotilla {

enum class RunStatus { Queued, Pending, Running, Stopped, NeedsRetry };

QString runStatusName(RunStatus status);
std::optional<RunStatus> runStatusFromName(QStringView name);
QStringList runStatusNames();

struct RunInstance
{
    QString dnsName;
    QString instanceId;
};

// One execution of a definition, with the fields every Flotilla era knows.
struct Run
{
    QString runId;
    QString definitionId;
    QString alias;
    QString groupName;
    QString image;
    QString command;
    QString cluster;
    RunStatus status = RunStatus::Queued;
    std::optional<qint64> exitCode;
    QString exitReason; // empty while there is none
    std::optional<QDateTime> queuedAt;
    std::optional<QDateTime> startedAt;
    std::optional<QDateTime> finishedAt;
    QString user;
    EnvList env;
    std::optional<qint64> memory;
    std::optional<qint64> cpu;
    QString engine;
    RunInstance instance;
    // What it runs: a definition ("task_definition") or a template
    // ("template", then `definitionId` is the template's id too).
    QString executableId;
    QString executableType;
    Json templatePayload; // a template run's merged payload; null otherwise

    bool isTemplateRun() const { return executableType == u"template"; }

    // Moves the status forward only (QUEUED → PENDING → RUNNING → STOPPED),
    // as upstream does; returns whether it moved.
    bool advanceTo(RunStatus next);
    bool isActive() const { return status != RunStatus::Stopped; }

    Json toJson() const;
    static Run fromJson(const Json &json, QStringList *errors);
};

} // namespace Flotilla
