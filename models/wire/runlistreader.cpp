#include "runlistreader.h"

#include "timestamp.h"

#include <memory>
#include <unordered_map>

namespace Flotilla {

namespace {

using Sax = nlohmann::json::json_sax_t;

// The fields of one object the reader knows; any other key is skipped.
enum class Field {
    Unknown,
    // list
    History,
    Total,
    Limit,
    Offset,
    SortBy,
    Order,
    // run
    RunId,
    DefinitionId,
    Alias,
    GroupName,
    Image,
    Command,
    Cluster,
    Status,
    ExitCode,
    ExitReason,
    QueuedAt,
    StartedAt,
    FinishedAt,
    User,
    Env,
    Memory,
    Cpu,
    MemoryLimit,
    CpuLimit,
    MaxMemoryUsed,
    MaxCpuUsed,
    Gpu,
    Engine,
    NodeLifecycle,
    AttemptCount,
    PodName,
    PodEvents, // built as they come, then read as Run::fromJson reads them
    Instance,
    ExecutableId,
    ExecutableType,
    ExecutionRequestCustom, // a template's payload: any JSON, built as it comes
    // env variable
    Name,
    Value,
    // instance
    DnsName,
    InstanceId,
};

struct FieldName
{
    std::string_view key;
    Field field;
};

constexpr FieldName listFields[] = {
    {"history", Field::History}, {"total", Field::Total},    {"limit", Field::Limit},
    {"offset", Field::Offset},   {"sort_by", Field::SortBy}, {"order", Field::Order},
};
constexpr FieldName runFields[] = {
    {"run_id", Field::RunId},
    {"definition_id", Field::DefinitionId},
    {"alias", Field::Alias},
    {"group_name", Field::GroupName},
    {"image", Field::Image},
    {"command", Field::Command},
    {"cluster", Field::Cluster},
    {"status", Field::Status},
    {"exit_code", Field::ExitCode},
    {"exit_reason", Field::ExitReason},
    {"queued_at", Field::QueuedAt},
    {"started_at", Field::StartedAt},
    {"finished_at", Field::FinishedAt},
    {"user", Field::User},
    {"env", Field::Env},
    {"memory", Field::Memory},
    {"cpu", Field::Cpu},
    {"memory_limit", Field::MemoryLimit},
    {"cpu_limit", Field::CpuLimit},
    {"max_memory_used", Field::MaxMemoryUsed},
    {"max_cpu_used", Field::MaxCpuUsed},
    {"gpu", Field::Gpu},
    {"engine", Field::Engine},
    {"node_lifecycle", Field::NodeLifecycle},
    {"attempt_count", Field::AttemptCount},
    {"pod_name", Field::PodName},
    {"pod_events", Field::PodEvents},
    {"instance", Field::Instance},
    {"executable_id", Field::ExecutableId},
    {"executable_type", Field::ExecutableType},
    {"execution_request_custom", Field::ExecutionRequestCustom},
};
static_assert(std::size(runFields) <= 32, "a run's seen keys are bits of a quint32");
constexpr FieldName envFields[] = {{"name", Field::Name}, {"value", Field::Value}};
constexpr FieldName instanceFields[] = {{"dns_name", Field::DnsName}, {"instance_id", Field::InstanceId}};

// Where the parser is: which object or array the next event belongs to.
enum class Place { Document, List, History, Run, EnvArray, EnvVariable, Instance, Done };

class RunListHandler final : public Sax
{
public:
    RunList list;

    bool finished() const { return m_place == Place::Done; }

    bool null() override { return m_capture ? m_capture->null() : value(Kind::Null); }
    bool boolean(bool flag) override { return m_capture ? m_capture->boolean(flag) : value(Kind::Other); }
    bool number_integer(number_integer_t number) override
    {
        if (m_capture)
            return m_capture->number_integer(number);
        m_integer = number;
        return value(Kind::Integer);
    }
    bool number_unsigned(number_unsigned_t number) override
    {
        if (m_capture)
            return m_capture->number_unsigned(number);
        if (number > number_unsigned_t(INT64_MAX))
            return value(Kind::Other);
        m_integer = qint64(number);
        return value(Kind::Integer);
    }
    bool number_float(number_float_t number, const string_t &text) override
    {
        return m_capture ? m_capture->number_float(number, text) : value(Kind::Other);
    }
    bool string(string_t &text) override
    {
        if (m_capture)
            return m_capture->string(text);
        m_text = &text;
        return value(Kind::String);
    }
    bool binary(binary_t &) override { return false; }

    bool start_object(std::size_t elements) override
    {
        if (m_capture) {
            ++m_captureDepth;
            return m_capture->start_object(elements);
        }
        if (m_place == Place::Run && m_field == Field::ExecutionRequestCustom)
            return startCapture()->start_object(elements);
        if (skipping()) {
            ++m_skipDepth;
            return true;
        }
        switch (m_place) {
        case Place::Document: return enter(Place::List);
        case Place::History: m_run = Run(); return enter(Place::Run);
        case Place::EnvArray: m_variable = EnvVar(); return enter(Place::EnvVariable);
        case Place::Run: return m_field == Field::Instance && enter(Place::Instance);
        default: return false;
        }
    }
    bool end_object() override
    {
        if (m_capture) {
            if (!m_capture->end_object())
                return false;
            return --m_captureDepth > 0 || endCapture();
        }
        if (m_skipDepth > 0) {
            --m_skipDepth;
            return true;
        }
        switch (m_place) {
        case Place::List: return enter(Place::Done);
        case Place::Run: list.history.append(std::move(m_run)); return enter(Place::History);
        case Place::EnvVariable: m_run.env.append(std::move(m_variable)); return enter(Place::EnvArray);
        case Place::Instance: return enter(Place::Run, false);
        default: return false;
        }
    }
    bool start_array(std::size_t elements) override
    {
        if (m_capture) {
            ++m_captureDepth;
            return m_capture->start_array(elements);
        }
        if (skipping()) {
            ++m_skipDepth;
            return true;
        }
        if (m_place == Place::List && m_field == Field::History)
            return enter(Place::History);
        if (m_place == Place::Run && m_field == Field::Env)
            return enter(Place::EnvArray);
        if (m_place == Place::Run && m_field == Field::PodEvents)
            return startCapture()->start_array(elements);
        return false;
    }
    bool end_array() override
    {
        if (m_capture) {
            if (!m_capture->end_array())
                return false;
            return --m_captureDepth > 0 || endCapture();
        }
        if (m_skipDepth > 0) {
            --m_skipDepth;
            return true;
        }
        switch (m_place) {
        case Place::History: return enter(Place::List, false);
        case Place::EnvArray: return enter(Place::Run, false);
        default: return false;
        }
    }
    bool key(string_t &key) override
    {
        if (m_capture)
            return m_capture->key(key);
        if (m_skipDepth > 0)
            return true;
        switch (m_place) {
        case Place::List: return see(key, listFields, &m_listSeen);
        case Place::Run: return see(key, runFields, &m_runSeen);
        case Place::EnvVariable: return see(key, envFields, &m_innerSeen);
        case Place::Instance: return see(key, instanceFields, &m_innerSeen);
        default: return false;
        }
    }
    bool parse_error(std::size_t, const std::string &, const nlohmann::detail::exception &) override { return false; }

private:
    enum class Kind { Null, Integer, String, Other };

    bool inObject() const
    {
        return m_place == Place::List || m_place == Place::Run || m_place == Place::EnvVariable
               || m_place == Place::Instance;
    }
    nlohmann::detail::json_sax_dom_parser<Json> *startCapture()
    {
        m_captured = Json();
        m_capture = std::make_unique<nlohmann::detail::json_sax_dom_parser<Json>>(m_captured, false);
        m_captureDepth = 1;
        return m_capture.get();
    }
    // The end of a value built whole, read as Run::fromJson reads it;
    // anything that reader would warn about (a payload that is no object, a
    // key twice, an event that is no object) is the DOM path's.
    bool endCapture()
    {
        m_capture.reset();
        if (m_field == Field::PodEvents) {
            QStringList errors;
            m_run.podEvents = podEventsFromJson(m_captured, QString(), &errors);
            return errors.isEmpty();
        }
        const Json *payload = nullptr;
        for (auto it = m_captured.begin(); it != m_captured.end(); ++it) {
            if (!sameKey(it.key(), "template_payload"))
                continue;
            if (payload)
                return false;
            payload = &it.value();
        }
        if (payload && !payload->is_null()) {
            if (!payload->is_object())
                return false;
            m_run.templatePayload = *payload;
        }
        return true;
    }

    // Inside the value of a key the reader does not know.
    bool skipping() const { return m_skipDepth > 0 || (inObject() && m_field == Field::Unknown); }

    // Moves to `place`; a fresh object there starts with no keys seen, the
    // one returned to after a nested value keeps its own.
    bool enter(Place place, bool fresh = true)
    {
        m_place = place;
        m_field = Field::Unknown;
        if (fresh) {
            if (place == Place::List)
                m_listSeen = 0;
            else if (place == Place::Run)
                m_runSeen = 0;
            else
                m_innerSeen = 0;
        }
        return true;
    }

    template <std::size_t N>
    bool see(std::string_view key, const FieldName (&fields)[N], quint32 *seen)
    {
        m_field = Field::Unknown;
        for (std::size_t i = 0; i < N; ++i) {
            if (sameKey(key, fields[i].key)) {
                // A key twice (in any spelling) is the DOM path's to resolve.
                if (*seen & (1u << i))
                    return false;
                *seen |= 1u << i;
                m_field = fields[i].field;
                break;
            }
        }
        return true;
    }

    bool value(Kind kind)
    {
        if (m_skipDepth > 0)
            return true;
        if (!inObject()) // the document, a run or an env entry that is not an object
            return false;
        if (m_field == Field::Unknown || kind == Kind::Null) // null counts as absent
            return true;
        switch (m_field) {
        case Field::Total: return integer(kind, &list.page.total);
        case Field::Limit: return integer(kind, &list.page.limit);
        case Field::Offset: return integer(kind, &list.page.offset);
        case Field::SortBy: return text(kind, &list.page.sortBy);
        case Field::Order: return text(kind, &list.page.order);
        case Field::RunId: return text(kind, &m_run.runId, Decode::Once);
        case Field::DefinitionId: return text(kind, &m_run.definitionId);
        case Field::Alias: return text(kind, &m_run.alias);
        case Field::GroupName: return text(kind, &m_run.groupName);
        case Field::Image: return text(kind, &m_run.image);
        case Field::Command: return text(kind, &m_run.command);
        case Field::Cluster: return text(kind, &m_run.cluster);
        case Field::ExitReason: return text(kind, &m_run.exitReason);
        case Field::User: return text(kind, &m_run.user);
        case Field::Engine: return text(kind, &m_run.engine);
        case Field::NodeLifecycle: return text(kind, &m_run.nodeLifecycle);
        case Field::PodName: return text(kind, &m_run.podName, Decode::Once);
        case Field::ExecutableId: return text(kind, &m_run.executableId);
        case Field::ExecutableType: return text(kind, &m_run.executableType);
        case Field::Name: return text(kind, &m_variable.name);
        case Field::Value: return text(kind, &m_variable.value);
        case Field::DnsName: return text(kind, &m_run.instance.dnsName);
        case Field::InstanceId: return text(kind, &m_run.instance.instanceId, Decode::Once);
        case Field::ExitCode: return integer(kind, &m_run.exitCode);
        case Field::Memory: return integer(kind, &m_run.memory);
        case Field::Cpu: return integer(kind, &m_run.cpu);
        case Field::MemoryLimit: return integer(kind, &m_run.memoryLimit);
        case Field::CpuLimit: return integer(kind, &m_run.cpuLimit);
        case Field::MaxMemoryUsed: return integer(kind, &m_run.maxMemoryUsed);
        case Field::MaxCpuUsed: return integer(kind, &m_run.maxCpuUsed);
        case Field::Gpu: return integer(kind, &m_run.gpu);
        case Field::AttemptCount: return integer(kind, &m_run.attemptCount);
        case Field::QueuedAt: return time(kind, &m_run.queuedAt);
        case Field::StartedAt: return time(kind, &m_run.startedAt);
        case Field::FinishedAt: return time(kind, &m_run.finishedAt);
        case Field::Status: return status(kind);
        default: // history, env or instance that is neither array nor object
            return false;
        }
    }

    template <typename Target>
    bool integer(Kind kind, Target *target)
    {
        if (kind != Kind::Integer)
            return false;
        *target = m_integer;
        return true;
    }

    // Strings unique to a run are decoded as they come; the rest once per page.
    enum class Decode { Once, Shared };
    bool text(Kind kind, QString *target, Decode decode = Decode::Shared)
    {
        if (kind != Kind::String)
            return false;
        *target = decode == Decode::Once ? decoded(*m_text) : shared(*m_text);
        return true;
    }
    static QString decoded(const std::string &utf8) { return QString::fromUtf8(utf8.data(), qsizetype(utf8.size())); }
    const QString &shared(const std::string &utf8)
    {
        auto known = m_strings.find(utf8);
        if (known == m_strings.end())
            known = m_strings.emplace(utf8, decoded(utf8)).first;
        return known->second;
    }
    bool time(Kind kind, std::optional<QDateTime> *target)
    {
        if (kind != Kind::String)
            return false;
        *target = Timestamp::parseUtf8(*m_text);
        return target->has_value();
    }
    bool status(Kind kind)
    {
        if (kind != Kind::String)
            return false;
        const std::optional<RunStatus> known = runStatusFromName(shared(*m_text));
        if (known)
            m_run.status = *known;
        return known.has_value();
    }

    Place m_place = Place::Document;
    Field m_field = Field::Unknown; // the key whose value comes next
    // Bit i: the i-th key of the object's field table came already.
    quint32 m_listSeen = 0;
    quint32 m_runSeen = 0;
    quint32 m_innerSeen = 0; // of an env entry or the instance
    int m_skipDepth = 0;     // > 0 inside a nested value of an unknown key
    qint64 m_integer = 0;
    const std::string *m_text = nullptr;
    Run m_run;
    EnvVar m_variable;
    // Builds execution_request_custom while its events come.
    std::unique_ptr<nlohmann::detail::json_sax_dom_parser<Json>> m_capture;
    Json m_captured;
    int m_captureDepth = 0;
    std::unordered_map<std::string, QString> m_strings;
};

} // namespace

std::optional<RunList> RunListReader::read(std::string_view body)
{
    RunListHandler handler;
    if (!nlohmann::json::sax_parse(body.begin(), body.end(), &handler) || !handler.finished())
        return std::nullopt;
    return std::move(handler.list);
}

} // namespace Flotilla
