// Raw HTTP requests through the control plane's routing and handlers
// (HttpApi), over a real store and log store in a temporary folder, with no
// socket: the input is parsed as the server library would parse it, several
// requests in a row as on a kept-alive connection. Every request must get an
// answer with a status the contract allows, and a JSON body unless it is a
// log or has no body. Runs stay QUEUED (no parallel runs), so nothing is
// executed. A definition, a template, a queued run and a finished run with
// a log are always there under fixed ids, so the routes that take ids have
// something to find; the seeds use them.
//
// The first byte of an input picks the Host and the Origin that every one of
// its requests carries (api-contract §8): a foreign Host must get 421 and a
// foreign Origin 403. Whatever the answer, a request that is not answered
// 200 must leave the store as it was.

#include "rawhttprequest.h"

#include <exec/localexecutor.h>
#include <exec/logstore.h>
#include <exec/runscheduler.h>
#include <http/httpapi.h>
#include <store/listquery.h>
#include <store/store.h>

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace Flotilla;

namespace {

[[noreturn]] void fail(const QString &what)
{
    std::fprintf(stderr, "%s\n", qPrintable(what));
    std::abort();
}

class ControlPlaneParts final
{
    Q_DISABLE_COPY_MOVE(ControlPlaneParts)
public:
    ControlPlaneParts()
        : m_logs(m_dir.path() + QStringLiteral("/logs"))
        , m_scheduler(m_store, SchedulerOptions{0, 0})
    {
        QString error;
        if (!m_dir.isValid() || !m_store.open(m_dir.path() + QStringLiteral("/flotilla.sqlite"), &error)
            || !m_logs.open(&error))
            fail(QStringLiteral("cannot set up a store in a temporary folder: %1").arg(error));
        // No wrapper: with no run slot (parallel runs 0) every run stays QUEUED.
        m_scheduler.addExecutor(
            std::make_unique<LocalExecutor>(QString(), m_dir.path() + QStringLiteral("/runs"), m_logs));
        if (!m_scheduler.setDefaultCluster(QStringLiteral("local"), &error))
            fail(error);
        m_api = std::make_unique<HttpApi>(m_store, m_logs, m_scheduler,
                                          ApiOptions{
                                              AccessPolicy{"fuzz-token", {QStringLiteral("http://ui.example")}, {}}});
        m_api->setListening(QHostAddress(QHostAddress::LocalHost), 5000);
    }

    // Every stored definition, template and run, as one value to compare.
    QByteArray storeContents()
    {
        QString error;
        const auto all = [&error](ListKind kind) { return *ListQuery::parse(kind, {{"limit", "100000"}}, &error); };
        return m_store.listDefinitions(all(ListKind::Definitions)).items + '\n'
               + m_store.listTemplates(all(ListKind::Templates), false).items + '\n'
               + m_store.listRuns(all(ListKind::Runs)).items;
    }

    // The fixed definition and runs, back if a request deleted them.
    void restoreFixtures()
    {
        Definition definition;
        definition.definitionId = QStringLiteral("fuzz-def");
        definition.alias = QStringLiteral("fuzz-alias");
        definition.groupName = QStringLiteral("fuzz-group");
        definition.image = QStringLiteral("busybox");
        definition.command = QStringLiteral("echo hi");
        definition.memory = 64;
        definition.env = {{QStringLiteral("NAME"), QStringLiteral("value")}};
        definition.tags = {QStringLiteral("fuzz")};
        // A request may have given the alias to another definition meanwhile.
        if (!m_store.definition(definition.definitionId) && !m_store.definitionByAlias(definition.alias)
            && !m_store.insertDefinition(definition))
            fail(QStringLiteral("cannot store the fixed definition: %1").arg(m_store.lastError()));
        QList<Run> missing;
        for (const auto &[runId, status] :
             {std::pair{u"fuzz-run", RunStatus::Queued}, std::pair{u"fuzz-done", RunStatus::Stopped}}) {
            if (m_store.run(QString::fromUtf16(runId)))
                continue;
            Run run;
            run.runId = QString::fromUtf16(runId);
            run.definitionId = definition.definitionId;
            run.alias = definition.alias;
            run.groupName = definition.groupName;
            run.image = definition.image;
            run.command = definition.command;
            run.cluster = QStringLiteral("local");
            run.engine = QStringLiteral("local");
            run.user = QStringLiteral("fuzzer");
            run.queuedAt = QDateTime::currentDateTimeUtc();
            run.status = status;
            run.env = definition.env;
            run.podEvents = {PodEvent{run.queuedAt, QStringLiteral("Normal"), QStringLiteral("Queued"),
                                      QStringLiteral("run/") + run.runId, QStringLiteral("Queued for cluster local")}};
            missing.append(run);
            QFile log(m_logs.pathFor(run.runId));
            if (!log.open(QIODevice::WriteOnly | QIODevice::Truncate) || log.write("hi\nthere\n") != 9)
                fail(QStringLiteral("cannot write %1").arg(log.fileName()));
        }
        if (!missing.isEmpty() && !m_store.insertRuns(missing))
            fail(QStringLiteral("cannot store the fixed runs: %1").arg(m_store.lastError()));
        // Versions are never deleted, so once stored the template stays.
        if (!m_store.templateById(QStringLiteral("tpl-fuzz"))) {
            Template tpl;
            tpl.templateId = QStringLiteral("tpl-fuzz");
            tpl.templateName = QStringLiteral("fuzz-template");
            tpl.version = 1;
            tpl.image = QStringLiteral("busybox");
            tpl.memory = 64;
            tpl.schema = Json::parse(R"({"type": "object", "required": ["n"], "properties": {
                "n": {"type": "integer", "minimum": 1, "maximum": 9}, "s": {"type": "string", "enum": ["a", "b"]},
                "l": {"type": "array", "items": {"type": "string"}}}})");
            tpl.defaults = Json::parse(R"({"s": "a", "l": ["x"]})");
            tpl.commandTemplate = QStringLiteral(
                "echo {{.n}} {{.s | upper}}{{range $i, $e := .l}} {{$i}}={{$e}}{{end}}");
            if (!m_store.insertTemplate(tpl))
                fail(QStringLiteral("cannot store the fixed template: %1").arg(m_store.lastError()));
        }
    }

    HttpApi &api() { return *m_api; }

private:
    QTemporaryDir m_dir;
    Store m_store;
    LogStore m_logs;
    RunScheduler m_scheduler;
    std::unique_ptr<HttpApi> m_api;
};

bool isJson(const QByteArray &body)
{
    return !Json::parse(body.constData(), body.constData() + body.size(), nullptr, false).is_discarded();
}

enum class Expect { Any, MisdirectedHost, ForeignOrigin };

// The Host and Origin of every request of an input, from its first byte;
// "own" keeps what the request itself says.
struct Origins
{
    std::optional<QByteArray> host;
    std::optional<QByteArray> origin; // an empty value: no Origin header
    Expect expect = Expect::Any;

    static Origins pick(quint8 byte)
    {
        static const std::optional<QByteArray> hosts[] = {std::nullopt,    "127.0.0.1:5000",        "localhost:5000",
                                                          "[::1]:5000",    "attacker.example:5000", "",
                                                          "10.9.8.7:5000", "127.0.0.1:5001"};
        static const std::optional<QByteArray> origins[] = {std::nullopt, QByteArray(), "http://ui.example",
                                                            "http://attacker.example"};
        Origins picked{hosts[byte & 7], origins[(byte >> 3) & 3]};
        if ((byte & 7) >= 4)
            picked.expect = Expect::MisdirectedHost;
        else if ((byte & 7) != 0 && ((byte >> 3) & 3) == 3)
            picked.expect = Expect::ForeignOrigin;
        return picked;
    }

    void applyTo(HttpRequest &request) const
    {
        const auto set = [&request](const QByteArray &name, const std::optional<QByteArray> &value) {
            if (!value)
                return;
            request.headers.removeIf(
                [&name](const auto &header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
            if (!value->isEmpty() || name == "Host")
                request.headers.append({name, *value});
        };
        set("Host", host);
        set("Origin", origin);
    }
};

void checkResponse(const HttpRequest &request, const HttpResponse &response, Expect expect, bool storeChanged)
{
    static const QList<int> statuses = {200, 204, 304, 400, 401, 403, 404, 405, 409, 413, 415, 421};
    const int expected = expect == Expect::MisdirectedHost ? 421 : expect == Expect::ForeignOrigin ? 403 : 0;
    if (expected != 0 && response.status != expected)
        fail(QStringLiteral("%1 %2 with Host \"%3\" and Origin \"%4\" got %5, not %6")
                 .arg(QString::fromUtf8(request.method), QString::fromUtf8(request.path),
                      QString::fromUtf8(request.header("host")), QString::fromUtf8(request.header("origin")))
                 .arg(response.status)
                 .arg(expected));
    if (storeChanged && response.status != 200)
        fail(QStringLiteral("%1 %2 was answered %3 but changed the store")
                 .arg(QString::fromUtf8(request.method), QString::fromUtf8(request.path))
                 .arg(response.status));
    const bool jsonBody = response.contentType.startsWith("application/json");
    if (!statuses.contains(response.status) || (jsonBody && !isJson(response.body)))
        fail(QStringLiteral("%1 %2?%3 got %4 %5: %6")
                 .arg(QString::fromUtf8(request.method), QString::fromUtf8(request.path),
                      QString::fromUtf8(request.query))
                 .arg(response.status)
                 .arg(QString::fromUtf8(response.contentType), QString::fromUtf8(response.body.left(500))));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int argc = 1;
    static char name[] = "fuzz_httpapi";
    static char *argv[] = {name, nullptr};
    static QCoreApplication application(argc, argv);
    static ControlPlaneParts parts;

    if (size == 0)
        return 0;
    parts.restoreFixtures();
    const Origins origins = Origins::pick(data[0]);
    QByteArray bytes(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    while (std::optional<HttpRequest> request = Fuzzing::takeRawHttpRequest(bytes)) {
        origins.applyTo(*request);
        const QByteArray before = parts.storeContents();
        HttpResponse response = parts.api().handle(*request);
        // A held answer (`wait`) is checked as its deadline gives it.
        if (response.held)
            response = *response.heldAnswer(true);
        checkResponse(*request, response, origins.expect, parts.storeContents() != before);
        QCoreApplication::processEvents(); // the scheduler takes launched runs from the event loop
    }
    return 0;
}
