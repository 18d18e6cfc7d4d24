#include "run.h"

#include "timestamp.h"

namespace Flotilla {

static constexpr std::pair<RunStatus, const char16_t *> statusNames[] = {
    {RunStatus::Queued, u"QUEUED"},   {RunStatus::Pending, u"PENDING"},        {RunStatus::Running, u"RUNNING"},
    {RunStatus::Stopped, u"STOPPED"}, {RunStatus::NeedsRetry, u"NEEDS_RETRY"},
};

QString runStatusName(RunStatus status)
{
    for (const auto &[value, name] : statusNames) {
        if (value == status)
            return QString::fromUtf16(name);
    }
    Q_UNREACHABLE();
}

std::optional<RunStatus> runStatusFromName(QStringView name)
{
    for (const auto &[value, text] : statusNames) {
        if (name == QStringView(text))
            return value;
    }
    return std::nullopt;
}

QStringList runStatusNames()
{
    QStringList names;
    for (const auto &entry : statusNames)
        names.append(QString::fromUtf16(entry.second));
    return names;
}

static int precedence(RunStatus status)
{
    switch (status) {
    case RunStatus::NeedsRetry: return -1;
    case RunStatus::Queued: return 0;
    case RunStatus::Pending: return 1;
    case RunStatus::Running: return 2;
    case RunStatus::Stopped: return 3;
    }
    return 0;
}

bool Run::advanceTo(RunStatus next)
{
    if (next != RunStatus::NeedsRetry && precedence(next) <= precedence(status))
        return false;
    status = next;
    return true;
}

static void putTime(Json &json, const char *key, const std::optional<QDateTime> &time)
{
    if (time)
        json[key] = toUtf8(Timestamp::format(*time));
}

static void putText(Json &json, const char *key, const QString &text)
{
    if (!text.isEmpty())
        json[key] = toUtf8(text);
}

static std::optional<QDateTime> readTime(JsonReader &reader, std::string_view key)
{
    const std::optional<QString> text = reader.string(key);
    if (!text)
        return std::nullopt;
    std::optional<QDateTime> time = Timestamp::parse(*text);
    if (!time)
        reader.addError(QStringLiteral("%1 is not an RFC 3339 time: %2").arg(reader.fieldName(key), *text));
    return time;
}

static RunStatus readStatus(JsonReader &reader)
{
    const QString status = reader.string("status").value_or(QStringLiteral("QUEUED"));
    if (const std::optional<RunStatus> known = runStatusFromName(status))
        return *known;
    reader.addError(QStringLiteral("status %1 is not one of %2").arg(status, runStatusNames().join(u", ")));
    return RunStatus::Queued;
}

Json PodEvent::toJson() const
{
    Json json = Json::object();
    putTime(json, "timestamp", timestamp);
    json["event_type"] = toUtf8(eventType);
    json["reason"] = toUtf8(reason);
    json["source_object"] = toUtf8(sourceObject);
    json["message"] = toUtf8(message);
    return json;
}

PodEvent PodEvent::fromJson(const Json &json, const QString &context, QStringList *errors)
{
    PodEvent event;
    if (!json.is_object()) {
        errors->append(QStringLiteral("%1 must be a JSON object").arg(context));
        return event;
    }
    JsonReader reader(json, context);
    event.timestamp = readTime(reader, "timestamp");
    event.eventType = reader.string("event_type").value_or(QString());
    event.reason = reader.string("reason").value_or(QString());
    event.sourceObject = reader.string("source_object").value_or(QString());
    event.message = reader.string("message").value_or(QString());
    errors->append(reader.errors());
    return event;
}

Json podEventsToJson(const PodEventList &events)
{
    Json array = Json::array();
    for (const PodEvent &event : events)
        array.push_back(event.toJson());
    return array;
}

PodEventList podEventsFromJson(const Json &array, const QString &context, QStringList *errors)
{
    PodEventList events;
    if (!array.is_array()) {
        errors->append(QStringLiteral("%1 must be an array").arg(context));
        return events;
    }
    for (std::size_t i = 0; i < array.size(); ++i)
        events.append(PodEvent::fromJson(array[i], QStringLiteral("%1[%2]").arg(context).arg(i), errors));
    return events;
}

Json Run::toJson() const
{
    Json json = Json::object();
    json["run_id"] = toUtf8(runId);
    json["definition_id"] = toUtf8(definitionId);
    json["alias"] = toUtf8(alias);
    json["group_name"] = toUtf8(groupName);
    json["image"] = toUtf8(image);
    json["command"] = toUtf8(command);
    json["cluster"] = toUtf8(cluster);
    json["status"] = toUtf8(runStatusName(status));
    if (exitCode)
        json["exit_code"] = *exitCode;
    if (!exitReason.isEmpty())
        json["exit_reason"] = toUtf8(exitReason);
    putTime(json, "queued_at", queuedAt);
    putTime(json, "started_at", startedAt);
    putTime(json, "finished_at", finishedAt);
    json["user"] = toUtf8(user);
    json["env"] = envToJson(env);
    putOptional(json, "memory", memory);
    putOptional(json, "cpu", cpu);
    putOptional(json, "memory_limit", memoryLimit);
    putOptional(json, "cpu_limit", cpuLimit);
    putOptional(json, "max_memory_used", maxMemoryUsed);
    putOptional(json, "max_cpu_used", maxCpuUsed);
    putOptional(json, "gpu", gpu);
    json["engine"] = toUtf8(engine);
    putText(json, "node_lifecycle", nodeLifecycle);
    putOptional(json, "attempt_count", attemptCount);
    putText(json, "pod_name", podName);
    json["instance"] = {{"dns_name", toUtf8(instance.dnsName)}, {"instance_id", toUtf8(instance.instanceId)}};
    json["pod_events"] = podEventsToJson(podEvents);
    if (!executableId.isEmpty())
        json["executable_id"] = toUtf8(executableId);
    if (!executableType.isEmpty())
        json["executable_type"] = toUtf8(executableType);
    if (!templatePayload.is_null())
        json["execution_request_custom"] = {{"template_payload", templatePayload}};
    return json;
}

Run Run::fromJson(const Json &json, QStringList *errors)
{
    Run run;
    if (!json.is_object()) {
        errors->append(QStringLiteral("a run must be a JSON object"));
        return run;
    }
    JsonReader reader(json);
    run.runId = reader.string("run_id").value_or(QString());
    run.definitionId = reader.string("definition_id").value_or(QString());
    run.alias = reader.string("alias").value_or(QString());
    run.groupName = reader.string("group_name").value_or(QString());
    run.image = reader.string("image").value_or(QString());
    run.command = reader.string("command").value_or(QString());
    run.cluster = reader.string("cluster").value_or(QString());
    run.status = readStatus(reader);
    run.exitCode = reader.integer("exit_code");
    run.exitReason = reader.string("exit_reason").value_or(QString());
    run.queuedAt = readTime(reader, "queued_at");
    run.startedAt = readTime(reader, "started_at");
    run.finishedAt = readTime(reader, "finished_at");
    run.user = reader.string("user").value_or(QString());
    if (const Json *env = reader.array("env"))
        run.env = envFromJson(*env, QStringLiteral("env"), errors);
    run.memory = reader.integer("memory");
    run.cpu = reader.integer("cpu");
    run.memoryLimit = reader.integer("memory_limit");
    run.cpuLimit = reader.integer("cpu_limit");
    run.maxMemoryUsed = reader.integer("max_memory_used");
    run.maxCpuUsed = reader.integer("max_cpu_used");
    run.gpu = reader.integer("gpu");
    run.engine = reader.string("engine").value_or(QString());
    run.nodeLifecycle = reader.string("node_lifecycle").value_or(QString());
    run.attemptCount = reader.integer("attempt_count");
    run.podName = reader.string("pod_name").value_or(QString());
    if (const Json *events = reader.array("pod_events"))
        run.podEvents = podEventsFromJson(*events, QStringLiteral("pod_events"), errors);
    if (const Json *instance = reader.object("instance")) {
        JsonReader instanceReader(*instance, QStringLiteral("instance"));
        run.instance.dnsName = instanceReader.string("dns_name").value_or(QString());
        run.instance.instanceId = instanceReader.string("instance_id").value_or(QString());
        errors->append(instanceReader.errors());
    }
    run.executableId = reader.string("executable_id").value_or(QString());
    run.executableType = reader.string("executable_type").value_or(QString());
    if (const Json *custom = reader.object("execution_request_custom")) {
        JsonReader customReader(*custom, QStringLiteral("execution_request_custom"));
        if (const Json *payload = customReader.object("template_payload"))
            run.templatePayload = *payload;
        errors->append(customReader.errors());
    }
    errors->append(reader.errors());
    return run;
}

Json RunEventList::toJson() const
{
    return Json{{"total", total}, {"pod_events", podEventsToJson(events)}};
}

RunEventList RunEventList::fromJson(const Json &json, QStringList *errors)
{
    RunEventList list;
    if (!json.is_object()) {
        errors->append(QStringLiteral("an events answer must be a JSON object"));
        return list;
    }
    JsonReader reader(json);
    if (const Json *events = reader.array("pod_events"))
        list.events = podEventsFromJson(*events, QStringLiteral("pod_events"), errors);
    list.total = reader.integer("total").value_or(list.events.size());
    errors->append(reader.errors());
    return list;
}

Json RunStatusSummary::toJson() const
{
    Json json = Json::object();
    json["run_id"] = toUtf8(runId);
    json["status"] = toUtf8(runStatusName(status));
    putTime(json, "queued_at", queuedAt);
    putTime(json, "started_at", startedAt);
    putTime(json, "finished_at", finishedAt);
    putOptional(json, "exit_code", exitCode);
    putText(json, "exit_reason", exitReason);
    putText(json, "engine", engine);
    json["definition_id"] = toUtf8(definitionId);
    json["alias"] = toUtf8(alias);
    json["cluster_name"] = toUtf8(cluster);
    return json;
}

RunStatusSummary RunStatusSummary::fromJson(const Json &json, QStringList *errors)
{
    RunStatusSummary summary;
    if (!json.is_object()) {
        errors->append(QStringLiteral("a run status must be a JSON object"));
        return summary;
    }
    JsonReader reader(json);
    summary.runId = reader.string("run_id").value_or(QString());
    summary.status = readStatus(reader);
    summary.queuedAt = readTime(reader, "queued_at");
    summary.startedAt = readTime(reader, "started_at");
    summary.finishedAt = readTime(reader, "finished_at");
    summary.exitCode = reader.integer("exit_code");
    summary.exitReason = reader.string("exit_reason").value_or(QString());
    summary.engine = reader.string("engine").value_or(QString());
    summary.definitionId = reader.string("definition_id").value_or(QString());
    summary.alias = reader.string("alias").value_or(QString());
    summary.cluster = reader.string("cluster_name").value_or(QString());
    errors->append(reader.errors());
    return summary;
}

} // namespace Flotilla
