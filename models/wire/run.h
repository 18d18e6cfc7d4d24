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

// One step of a run's life, in upstream's shape (its Kubernetes pod events).
struct PodEvent
{
    std::optional<QDateTime> timestamp;
    QString eventType; // "Normal" or "Warning"
    QString reason;
    QString sourceObject;
    QString message;

    bool isWarning() const { return eventType == u"Warning"; }
    bool operator==(const PodEvent &) const = default;

    Json toJson() const;
    static PodEvent fromJson(const Json &json, const QString &context, QStringList *errors);
};
using PodEventList = QList<PodEvent>;

Json podEventsToJson(const PodEventList &events);
PodEventList podEventsFromJson(const Json &array, const QString &context, QStringList *errors);

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
    // Resources: requests as launched (memory MB, cpu in CPU units, 1024 a
    // core), the limits the engine enforced, and the peaks measured.
    std::optional<qint64> memory;
    std::optional<qint64> cpu;
    std::optional<qint64> memoryLimit;
    std::optional<qint64> cpuLimit;
    std::optional<qint64> maxMemoryUsed;
    std::optional<qint64> maxCpuUsed;
    std::optional<qint64> gpu;
    QString engine;
    QString nodeLifecycle; // upstream's "spot" or "ondemand"
    std::optional<qint64> attemptCount;
    QString podName;
    RunInstance instance;
    PodEventList podEvents;
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

// The answer of GET /api/v{1,6}/{run_id}/events. Upstream answers
// "pod_events": null for a run without recorded events.
struct RunEventList
{
    qint64 total = 0;
    PodEventList events;

    Json toJson() const;
    static RunEventList fromJson(const Json &json, QStringList *errors);
};

// The answer of GET /api/v6/{run_id}/status: the few fields that say whether
// a run moved, without its env, events or usage. The server's ETag travels in
// the HTTP header, not here.
struct RunStatusSummary
{
    QString runId;
    RunStatus status = RunStatus::Queued;
    std::optional<QDateTime> queuedAt;
    std::optional<QDateTime> startedAt;
    std::optional<QDateTime> finishedAt;
    std::optional<qint64> exitCode;
    QString exitReason;
    QString engine;
    QString definitionId;
    QString alias;
    QString cluster; // the key is "cluster_name" here, unlike on a run

    Json toJson() const;
    static RunStatusSummary fromJson(const Json &json, QStringList *errors);
};

} // namespace Flotilla
