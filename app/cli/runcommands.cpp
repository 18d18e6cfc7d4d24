#include "runcommands.h"

#include "definitioncommands.h"
#include "invocation.h"

#include <client/bulkoperation.h>
#include <client/flotillaclient.h>
#include <client/logtailer.h>
#include <client/runwatcher.h>
#include <wire/timestamp.h>

#include <QHash>
#include <QUrlQuery>

#include <limits>

namespace Flotilla {

namespace {

Command::Description describe(RunCommands::Action action)
{
    using Action = RunCommands::Action;
    const auto o = [](const char *name, const char *description, const char *valueName = nullptr) {
        return Command::option(name, description, valueName);
    };
    switch (action) {
    case Action::Launch:
        return {QStringLiteral("launch"),
                QStringLiteral("ID_OR_ALIAS"),
                QStringLiteral("Launch a run of a definition."),
                QList<QCommandLineOption>{o("cluster", "Cluster to run on.", "C"),
                                          o("env", "Environment variable for the run (repeatable).", "NAME=VALUE"),
                                          o("owner", "Owner of the run (default: the login user name).", "ID"),
                                          o("follow", "Print the log as it arrives and exit with the run's exit code.")}
                    + Command::launchResourceOptions(),
                1,
                1};
    case Action::List:
        return {QStringLiteral("runs"),
                {},
                QStringLiteral("List runs."),
                {o("definition", "Only runs of definition ID.", "ID"),
                 o("status", "Only runs with status S: QUEUED, PENDING, RUNNING, STOPPED, NEEDS_RETRY (repeatable).",
                   "S"),
                 o("cluster", "Only runs on cluster C.", "C"),
                 o("alias", "Only runs of aliases containing TEXT.", "TEXT"),
                 o("finished-since", "Only runs that finished at or after TIME (RFC 3339, e.g. 2026-11-27T07:00:00Z).",
                   "TIME"),
                 o("finished-until", "Only runs that finished at or before TIME (RFC 3339).", "TIME"),
                 o("limit", "At most N entries.", "N"), o("offset", "Skip the first N entries.", "N")},
                0,
                0};
    case Action::Show:
        return {QStringLiteral("run"),
                QStringLiteral("RUN_ID"),
                QStringLiteral("Show one run: its fields, resources (requested, limit, max used) and last events."),
                {},
                1,
                1};
    case Action::Events:
        return {QStringLiteral("events"),
                QStringLiteral("RUN_ID"),
                QStringLiteral("Print the events of a run (queued, placed, started, OOM, exited...)."),
                {o("follow", "Keep printing new events until the run is STOPPED.")},
                1,
                1};
    case Action::Logs:
        return {QStringLiteral("logs"),
                QStringLiteral("RUN_ID"),
                QStringLiteral("Print the log of a run."),
                {o("follow", "Keep printing as the log grows and exit with the run's exit code.")},
                1,
                1};
    case Action::Stop:
        return {
            QStringLiteral("stop"),
            QStringLiteral("RUN_ID..."),
            QStringLiteral("Stop runs: the ones given, or every run of a definition with a status "
                           "(--definition ID_OR_ALIAS --status RUNNING --yes)."),
            {o("definition", "Stop the runs of definition ID_OR_ALIAS (instead of RUN_IDs).", "ID_OR_ALIAS"),
             o("status",
               "With --definition: only runs with status S: QUEUED, PENDING, RUNNING (repeatable or comma-separated; "
               "default: all three).",
               "S"),
             o("yes", "With --definition: stop the matching runs; without it they are only listed.")},
            0,
            std::numeric_limits<int>::max()};
    }
    Q_UNREACHABLE();
}

// Whether the server answers raw_text=true with the log as text: our control
// plane does, and upstream since its S3 log view. A 2018 server ignores the
// parameter and sends its first JSON page.
bool servesRawText(ServerFlavour flavour)
{
    return flavour == ServerFlavour::ControlPlane || flavour == ServerFlavour::CurrentUpstream;
}

// "512 MB requested, 512 MB limit, 387 MB max used": the parts there are.
QString resourceText(const std::optional<qint64> &requested, const std::optional<qint64> &limit,
                     const std::optional<qint64> &maxUsed, const QString &unit)
{
    QStringList parts;
    if (requested)
        parts << QStringLiteral("%1%2 requested").arg(*requested).arg(unit);
    if (limit)
        parts << QStringLiteral("%1%2 limit").arg(*limit).arg(unit);
    if (maxUsed)
        parts << QStringLiteral("%1%2 max used").arg(*maxUsed).arg(unit);
    return parts.join(QStringLiteral(", "));
}

// stop --definition takes at most this many matching runs at a time.
constexpr int maxStoppedAtOnce = 1000;

// `run` shows the latest few; `events` shows them all.
constexpr qsizetype lastEventsShown = 5;

} // namespace

RunCommands::RunCommands(Action action)
    : Command(describe(action))
    , m_action(action)
{}

CommandList RunCommands::commands()
{
    CommandList list;
    for (Action action : {Action::Launch, Action::List, Action::Show, Action::Events, Action::Logs, Action::Stop})
        list.append(std::make_shared<RunCommands>(action));
    return list;
}

void RunCommands::run(Invocation &invocation) const
{
    switch (m_action) {
    case Action::Launch: return launch(invocation);
    case Action::List: return list(invocation);
    case Action::Show: return show(invocation, invocation.positional().constFirst());
    case Action::Events: return events(invocation);
    case Action::Logs: return logs(invocation);
    case Action::Stop: return stop(invocation);
    }
}

void RunCommands::print(Invocation &invocation, const Run &r)
{
    Output &output = invocation.output();
    if (output.isJson())
        return output.printJson(r.toJson());
    output.printFields({{QStringLiteral("Run ID"), r.runId},
                        {QStringLiteral("Definition"), r.definitionId},
                        {QStringLiteral("Alias"), r.alias},
                        {QStringLiteral("Status"), runStatusName(r.status)},
                        {QStringLiteral("Exit code"), Output::text(r.exitCode)},
                        {QStringLiteral("Exit reason"), r.exitReason},
                        {QStringLiteral("Cluster"), r.cluster},
                        {QStringLiteral("User"), r.user},
                        {QStringLiteral("Image"), r.image},
                        {QStringLiteral("Command"), r.command},
                        {QStringLiteral("Env"), Output::text(r.env)},
                        {QStringLiteral("Queued"), Output::text(r.queuedAt)},
                        {QStringLiteral("Started"), Output::text(r.startedAt)},
                        {QStringLiteral("Finished"), Output::text(r.finishedAt)}});
    // What only some servers send, where they send it.
    QList<std::pair<QString, QString>> more;
    const auto add = [&more](const char *name, const QString &value) {
        if (!value.isEmpty())
            more.append({QString::fromLatin1(name), value});
    };
    add("Engine", r.engine);
    add("Node lifecycle", r.nodeLifecycle);
    add("Attempts", Output::text(r.attemptCount));
    add("Instance", r.instance.dnsName);
    add("Memory", resourceText(r.memory, r.memoryLimit, r.maxMemoryUsed, QStringLiteral(" MB")));
    add("CPU", resourceText(r.cpu, r.cpuLimit, r.maxCpuUsed, QString()));
    add("GPU", Output::text(r.gpu));
    if (!more.isEmpty())
        output.printFields(more);
    if (r.podEvents.isEmpty())
        return;
    const qsizetype shown = std::min(r.podEvents.size(), lastEventsShown);
    output.out(shown == r.podEvents.size()
                   ? QStringLiteral("Events:\n")
                   : QStringLiteral("Events (last %1 of %2):\n").arg(shown).arg(r.podEvents.size()));
    for (const PodEvent &event : r.podEvents.mid(r.podEvents.size() - shown))
        output.out(QStringLiteral("  ") + eventLine(event));
}

QString RunCommands::eventLine(const PodEvent &event)
{
    return QStringLiteral("%1  %2  %3  %4\n")
        .arg(Output::text(event.timestamp), event.eventType.leftJustified(7), event.reason, event.message);
}

void RunCommands::launch(Invocation &invocation) const
{
    LaunchRequest request;
    if (!parseEnv(invocation, &request.env))
        return;
    if (invocation.isSet(QStringLiteral("cluster")))
        request.cluster = invocation.value(QStringLiteral("cluster"));
    else
        request.cluster = invocation.profile().defaultCluster;
    LaunchResources resources;
    if (!parseLaunchResources(invocation, &resources))
        return;
    request.memory = resources.memory;
    request.cpu = resources.cpu;
    request.placement = resources.placement;
    request.ownerId = invocation.isSet(QStringLiteral("owner")) ? invocation.value(QStringLiteral("owner"))
                                                                : invocation.profile().launchOwnerId();
    if (request.ownerId.isEmpty())
        return invocation.usageError(QStringLiteral("launch needs --owner ID: the login user name is unknown here"));
    const QString key = invocation.positional().constFirst();
    const auto launched = [&invocation](ResultJob<Run> *job) {
        if (!invocation.isSet(QStringLiteral("follow"))) {
            print(invocation, job->result());
            return invocation.done();
        }
        invocation.output().err(QStringLiteral("flotilla: launched run %1\n").arg(job->result().runId));
        follow(invocation, job->result().runId);
    };
    FlotillaClient *client = invocation.client();
    auto *job = client->launch(key, request);
    QObject::connect(job, &ApiJob::finished, &invocation, [&invocation, client, job, key, request, launched] {
        if (job->succeeded())
            return launched(job);
        if (job->error().httpStatus() != 404)
            return invocation.apiError(job->error());
        invocation.whenDone<ResultJob<Run>>(client->launchByAlias(key, request), launched);
    });
    job->start();
}

void RunCommands::follow(Invocation &invocation, const QString &runId)
{
    auto *tailer = new LogTailer(invocation.client(), runId, &invocation);
    QObject::connect(&invocation, &Invocation::finished, tailer, &LogTailer::stop);
    QObject::connect(tailer, &LogTailer::appended, &invocation,
                     [&invocation](const QString &text) { invocation.output().out(text); });
    QObject::connect(tailer, &LogTailer::errorOccurred, &invocation, [&invocation, tailer](const ApiError &error) {
        if (!tailer->isActive())
            return invocation.apiError(error);
        invocation.output().err(QStringLiteral("flotilla: %1 (trying again)\n").arg(error.sentence()));
    });
    QObject::connect(tailer, &LogTailer::finished, &invocation, [&invocation, runId] {
        invocation.whenDone<ResultJob<Run>>(invocation.client()->run(runId), [&invocation](ResultJob<Run> *job) {
            finishWithRunExit(invocation, job->result());
        });
    });
    tailer->start();
}

void RunCommands::finishWithRunExit(Invocation &invocation, const Run &run)
{
    if (!run.exitCode) {
        invocation.output().err(
            QStringLiteral("flotilla: run %1 ended without an exit code%2\n")
                .arg(run.runId, run.exitReason.isEmpty() ? QString() : QStringLiteral(": ") + run.exitReason));
        return invocation.done(1);
    }
    const qint64 code = *run.exitCode;
    invocation.done(code >= 0 && code <= 255 ? int(code) : 1);
}

bool RunCommands::parseStatuses(Invocation &invocation, QStringList *statuses)
{
    for (const QString &given : invocation.values(QStringLiteral("status"))) {
        for (const QString &status : given.split(u',', Qt::SkipEmptyParts)) {
            const std::optional<RunStatus> known = runStatusFromName(status.trimmed().toUpper());
            if (!known) {
                invocation.usageError(QStringLiteral("--status takes one of %1; got \"%2\"")
                                          .arg(runStatusNames().join(QStringLiteral(", ")), status));
                return false;
            }
            statuses->append(runStatusName(*known));
        }
    }
    return true;
}

void RunCommands::list(Invocation &invocation) const
{
    QUrlQuery query;
    QStringList statuses;
    if (!parseStatuses(invocation, &statuses))
        return;
    for (const QString &status : std::as_const(statuses))
        query.addQueryItem(QStringLiteral("status"), status);
    if (invocation.isSet(QStringLiteral("cluster")))
        query.addQueryItem(QStringLiteral("cluster_name"), invocation.value(QStringLiteral("cluster")));
    if (invocation.isSet(QStringLiteral("alias")))
        query.addQueryItem(QStringLiteral("alias"), invocation.value(QStringLiteral("alias")));
    for (const char *bound : {"since", "until"}) {
        const QString option = QStringLiteral("finished-") + QLatin1String(bound);
        if (!invocation.isSet(option))
            continue;
        const std::optional<QDateTime> time = Timestamp::parse(invocation.value(option));
        if (!time)
            return invocation.usageError(
                QStringLiteral("--%1 takes an RFC 3339 time, e.g. 2026-11-27T07:00:00Z; got \"%2\"")
                    .arg(option, invocation.value(option)));
        query.addQueryItem(QStringLiteral("finished_at_") + QLatin1String(bound), Timestamp::format(*time));
    }
    if (!addPaging(invocation, &query))
        return;
    invocation.whenDone<ResultJob<RunList>>(
        invocation.client()->listRuns(query, invocation.value(QStringLiteral("definition"))),
        [&invocation](ResultJob<RunList> *job) {
            const RunList &list = job->result();
            Output &output = invocation.output();
            if (output.isJson()) {
                output.printJsonArray(list.history);
            } else {
                QList<QStringList> rows;
                for (const Run &r : list.history)
                    rows.append({r.runId, r.alias, runStatusName(r.status), Output::text(r.exitCode), r.cluster, r.user,
                                 Output::text(r.queuedAt)});
                output.printTable({QStringLiteral("RUN ID"), QStringLiteral("ALIAS"), QStringLiteral("STATUS"),
                                   QStringLiteral("EXIT"), QStringLiteral("CLUSTER"), QStringLiteral("USER"),
                                   QStringLiteral("QUEUED")},
                                  rows);
            }
            invocation.done();
        });
}

void RunCommands::show(Invocation &invocation, const QString &key)
{
    invocation.whenDone<ResultJob<Run>>(invocation.client()->run(key), [&invocation](ResultJob<Run> *job) {
        print(invocation, job->result());
        invocation.done();
    });
}

void RunCommands::events(Invocation &invocation) const
{
    const QString runId = invocation.positional().constFirst();
    if (invocation.isSet(QStringLiteral("follow")))
        return followEvents(invocation, runId);
    readEvents(invocation, runId, [&invocation](const PodEventList &events) {
        Output &output = invocation.output();
        if (output.isJson())
            output.printJson(RunEventList{events.size(), events}.toJson());
        else
            printEvents(invocation, events);
        invocation.done();
    });
}

void RunCommands::readEvents(Invocation &invocation, const QString &runId,
                             const std::function<void(const PodEventList &)> &read)
{
    FlotillaClient *client = invocation.client();
    // A seed-era server has no /events; its runs carry none either.
    if (!client->servesRunEvents())
        return invocation.whenDone<ResultJob<Run>>(client->run(runId),
                                                   [read](ResultJob<Run> *job) { read(job->result().podEvents); });
    invocation.whenDone<ResultJob<RunEventList>>(client->runEvents(runId),
                                                 [read](ResultJob<RunEventList> *job) { read(job->result().events); });
}

void RunCommands::printEvents(Invocation &invocation, const PodEventList &events)
{
    Output &output = invocation.output();
    for (const PodEvent &event : events) {
        if (output.isJson())
            output.printJson(event.toJson());
        else
            output.out(eventLine(event));
    }
}

void RunCommands::followEvents(Invocation &invocation, const QString &runId)
{
    // Events only ever add up, so the ones printed are a count.
    const auto printed = std::make_shared<qsizetype>(0);
    const auto printNew = [&invocation, printed](const PodEventList &events) {
        printEvents(invocation, events.mid(std::min(*printed, events.size())));
        *printed = std::max(*printed, events.size());
    };
    auto *watcher = new RunWatcher(invocation.client(), runId, &invocation);
    watcher->setInterval(followIntervalMs);
    QObject::connect(&invocation, &Invocation::finished, watcher, &RunWatcher::stop);
    QObject::connect(watcher, &RunWatcher::updated, &invocation,
                     [&invocation, runId, printNew] { readEvents(invocation, runId, printNew); });
    QObject::connect(watcher, &RunWatcher::finished, &invocation, [&invocation, runId, printNew] {
        readEvents(invocation, runId, [&invocation, printNew](const PodEventList &events) {
            printNew(events);
            invocation.done();
        });
    });
    QObject::connect(watcher, &RunWatcher::errorOccurred, &invocation, [&invocation, watcher](const ApiError &error) {
        if (!watcher->isActive())
            return invocation.apiError(error);
        invocation.output().err(QStringLiteral("flotilla: %1 (trying again)\n").arg(error.sentence()));
    });
    watcher->start();
}

void RunCommands::logs(Invocation &invocation) const
{
    const QString runId = invocation.positional().constFirst();
    if (invocation.isSet(QStringLiteral("follow")))
        return follow(invocation, runId);
    if (!servesRawText(invocation.client()->flavour()))
        return readPages(invocation, runId);
    invocation.whenDone<ResultJob<QByteArray>>(invocation.client()->rawLog(runId),
                                               [&invocation](ResultJob<QByteArray> *job) {
                                                   Output &output = invocation.output();
                                                   if (output.isJson())
                                                       output.printJson(Json{{"log", job->result().toStdString()}});
                                                   else
                                                       output.out(QString::fromUtf8(job->result()));
                                                   invocation.done();
                                               });
}

void RunCommands::readPages(Invocation &invocation, const QString &runId)
{
    auto *tailer = new LogTailer(invocation.client(), runId, &invocation);
    tailer->setUntilCaughtUp(true);
    tailer->setFastInterval(0);
    const auto log = std::make_shared<QString>(); // for --output json, printed whole
    QObject::connect(&invocation, &Invocation::finished, tailer, &LogTailer::stop);
    QObject::connect(tailer, &LogTailer::appended, &invocation, [&invocation, log](const QString &text) {
        if (invocation.output().isJson())
            *log += text;
        else
            invocation.output().out(text);
    });
    QObject::connect(tailer, &LogTailer::errorOccurred, &invocation, [&invocation, tailer](const ApiError &error) {
        tailer->stop();
        invocation.apiError(error);
    });
    QObject::connect(tailer, &LogTailer::finished, &invocation, [&invocation, log] {
        if (invocation.output().isJson())
            invocation.output().printJson(Json{{"log", toUtf8(*log)}});
        invocation.done();
    });
    tailer->start();
}

void RunCommands::stop(Invocation &invocation) const
{
    const QStringList &runIds = invocation.positional();
    const bool byDefinition = invocation.isSet(QStringLiteral("definition"));
    if (byDefinition == !runIds.isEmpty())
        return invocation.usageError(
            QStringLiteral("stop takes RUN_IDs or --definition ID_OR_ALIAS, one of the two; see flotilla help stop"));
    if (!byDefinition) {
        for (const char *option : {"status", "yes"}) {
            if (invocation.isSet(QLatin1String(option)))
                return invocation.usageError(QStringLiteral("--%1 goes with --definition").arg(QLatin1String(option)));
        }
        return stopEach(invocation, runIds);
    }
    QStringList statuses;
    if (!parseStatuses(invocation, &statuses))
        return;
    if (statuses.contains(runStatusName(RunStatus::Stopped)))
        return invocation.usageError(QStringLiteral("STOPPED runs have stopped already; --status takes QUEUED, "
                                                    "PENDING or RUNNING"));
    if (statuses.isEmpty()) {
        for (const RunStatus status : {RunStatus::Queued, RunStatus::Pending, RunStatus::Running})
            statuses.append(runStatusName(status));
    }
    stopMatching(invocation, statuses);
}

void RunCommands::stopMatching(Invocation &invocation, const QStringList &statuses)
{
    DefinitionCommands::fetch(invocation, invocation.value(QStringLiteral("definition")), [&invocation, statuses](const Definition &definition) {
        QUrlQuery query;
        for (const QString &status : statuses)
            query.addQueryItem(QStringLiteral("status"), status);
        query.addQueryItem(QStringLiteral("limit"), QString::number(maxStoppedAtOnce));
        invocation.whenDone<ResultJob<
            RunList>>(invocation.client()->listRuns(query, definition.definitionId), [&invocation, statuses,
                                                                                      definition](
                                                                                         ResultJob<RunList> *job) {
            const QList<Run> runs = job->result().history;
            Output &output = invocation.output();
            const QString what = QStringLiteral("%1 %2 of %3 with status %4")
                                     .arg(runs.size())
                                     .arg(runs.size() == 1 ? QStringLiteral("run") : QStringLiteral("runs"),
                                          definition.alias, statuses.join(QStringLiteral(" or ")));
            output.err(QStringLiteral("flotilla: %1\n").arg(what));
            if (job->result().page.total > runs.size())
                output.err(QStringLiteral("flotilla: %1 match; the first %2 are taken, run stop again "
                                          "for the rest\n")
                               .arg(job->result().page.total)
                               .arg(runs.size()));
            if (runs.isEmpty())
                return invocation.done();
            if (!invocation.isSet(QStringLiteral("yes"))) {
                if (output.isJson()) {
                    output.printJsonArray(runs);
                } else {
                    QList<QStringList> rows;
                    for (const Run &r : runs)
                        rows.append({r.runId, runStatusName(r.status), r.cluster, r.user, Output::text(r.queuedAt)});
                    output.printTable({QStringLiteral("RUN ID"), QStringLiteral("STATUS"), QStringLiteral("CLUSTER"),
                                       QStringLiteral("USER"), QStringLiteral("QUEUED")},
                                      rows);
                }
                return invocation.usageError(
                    QStringLiteral("would stop %1; nothing was stopped: add --yes to stop them").arg(what));
            }
            QStringList runIds;
            for (const Run &r : runs)
                runIds.append(r.runId);
            stopEach(invocation, runIds, runs);
        });
    });
}

void RunCommands::stopEach(Invocation &invocation, const QStringList &runIds, const QList<Run> &known)
{
    QHash<QString, Run> read;
    for (const Run &r : known)
        read.insert(r.runId, r);
    QList<BulkItem> items;
    for (const QString &runId : runIds)
        items.append({runId, runId});
    FlotillaClient *client = invocation.client();
    // Terminating needs the run's definition: a run not read yet is read first.
    auto *operation = new BulkOperation(
        items,
        [client, read](const BulkItem &item, const ApiJob *previous) -> ApiJob * {
            if (previous && previous->method() == "DELETE")
                return nullptr;
            const auto *readJob = dynamic_cast<const ResultJob<Run> *>(previous);
            if (!readJob && !read.contains(item.id))
                return client->run(item.id);
            const Run r = readJob ? readJob->result() : read.value(item.id);
            return client->terminate(r.definitionId, r.runId, r.isTemplateRun());
        },
        &invocation);
    QObject::connect(operation, &BulkOperation::finished, &invocation, [&invocation, operation] {
        QHash<QString, ApiError> failed;
        for (const BulkFailure &failure : operation->failures())
            failed.insert(failure.item.id, failure.error);
        Output &output = invocation.output();
        for (const BulkItem &item : operation->items()) {
            const auto failure = failed.constFind(item.id);
            if (output.isJson()) {
                Json result{{"run_id", toUtf8(item.id)}, {"terminated", failure == failed.cend()}};
                if (failure != failed.cend())
                    result["error"] = toUtf8(failure->sentence());
                output.printJson(result);
            } else if (failure == failed.cend()) {
                output.out(QStringLiteral("stopped %1\n").arg(item.id));
            } else {
                output.err(QStringLiteral("flotilla: %1 not stopped: %2\n").arg(item.id, failure->sentence()));
            }
        }
        if (!failed.isEmpty() && operation->total() > 1)
            output.err(
                QStringLiteral("flotilla: %1 of %2 runs not stopped\n").arg(failed.size()).arg(operation->total()));
        invocation.done(failed.isEmpty() ? 0 : 1);
    });
    operation->start();
}

} // namespace Flotilla
