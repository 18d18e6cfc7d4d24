// Raw HTTP requests through the control plane's routing and handlers
// (HttpApi), over a real store and log store in a temporary folder, with no
// socket: the input is parsed as the server library would parse it, several
// requests in a row as on a kept-alive connection. Every request must get an
// answer with a status the contract allows, and a JSON body unless it is a
// log or has no body. Runs stay QUEUED (no parallel runs), so nothing is
// executed. A definition, a queued run and a finished run with a log are
// always there under fixed ids, so the routes that take ids have something
// to find; the seeds use them.

#include "rawhttprequest.h"

#include <controlplane/httpapi.h>
#include <controlplane/localexecutor.h>
#include <controlplane/logstore.h>
#include <controlplane/runscheduler.h>
#include <controlplane/store.h>

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
        m_scheduler.addExecutor(std::make_unique<LocalExecutor>(m_dir.path() + QStringLiteral("/runs"), m_logs));
        if (!m_scheduler.setDefaultCluster(QStringLiteral("local"), &error))
            fail(error);
        m_api = std::make_unique<HttpApi>(m_store, m_logs, m_scheduler,
                                          ApiOptions{"fuzz-token", {QStringLiteral("http://ui.example")}});
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
            missing.append(run);
            QFile log(m_logs.pathFor(run.runId));
            if (!log.open(QIODevice::WriteOnly | QIODevice::Truncate) || log.write("hi\nthere\n") != 9)
                fail(QStringLiteral("cannot write %1").arg(log.fileName()));
        }
        if (!missing.isEmpty() && !m_store.insertRuns(missing))
            fail(QStringLiteral("cannot store the fixed runs: %1").arg(m_store.lastError()));
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

void checkResponse(const HttpRequest &request, const HttpResponse &response)
{
    static const QList<int> statuses = {200, 204, 400, 401, 403, 404, 405, 409, 413};
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

    parts.restoreFixtures();
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    while (const std::optional<HttpRequest> request = Fuzzing::takeRawHttpRequest(bytes)) {
        checkResponse(*request, parts.api().handle(*request));
        QCoreApplication::processEvents(); // the scheduler takes launched runs from the event loop
    }
    return 0;
}
