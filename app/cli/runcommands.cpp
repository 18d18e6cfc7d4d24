#include "runcommands.h"

#include "invocation.h"

#include <client/flotillaclient.h>
#include <client/logtailer.h>

#include <QUrlQuery>

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
                {o("cluster", "Cluster to run on.", "C"),
                 o("env", "Environment variable for the run (repeatable).", "NAME=VALUE"),
                 o("owner", "Owner of the run (default: the login user name).", "ID"),
                 o("follow", "Print the log as it arrives and exit with the run's exit code.")},
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
                 o("alias", "Only runs of aliases containing TEXT.", "TEXT"), o("limit", "At most N entries.", "N"),
                 o("offset", "Skip the first N entries.", "N")},
                0,
                0};
    case Action::Show:
        return {QStringLiteral("run"), QStringLiteral("RUN_ID"), QStringLiteral("Show one run."), {}, 1, 1};
    case Action::Logs:
        return {QStringLiteral("logs"),
                QStringLiteral("RUN_ID"),
                QStringLiteral("Print the log of a run."),
                {o("follow", "Keep printing as the log grows and exit with the run's exit code.")},
                1,
                1};
    case Action::Stop:
        return {QStringLiteral("stop"), QStringLiteral("RUN_ID"), QStringLiteral("Stop a run."), {}, 1, 1};
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

} // namespace

RunCommands::RunCommands(Action action)
    : Command(describe(action))
    , m_action(action)
{}

CommandList RunCommands::commands()
{
    CommandList list;
    for (Action action : {Action::Launch, Action::List, Action::Show, Action::Logs, Action::Stop})
        list.append(std::make_shared<RunCommands>(action));
    return list;
}

void RunCommands::run(Invocation &invocation) const
{
    switch (m_action) {
    case Action::Launch: return launch(invocation);
    case Action::List: return list(invocation);
    case Action::Show: return show(invocation);
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

void RunCommands::list(Invocation &invocation) const
{
    QUrlQuery query;
    for (const QString &status : invocation.values(QStringLiteral("status"))) {
        const std::optional<RunStatus> known = runStatusFromName(status.toUpper());
        if (!known)
            return invocation.usageError(QStringLiteral("--status takes one of %1; got \"%2\"")
                                             .arg(runStatusNames().join(QStringLiteral(", ")), status));
        query.addQueryItem(QStringLiteral("status"), runStatusName(*known));
    }
    if (invocation.isSet(QStringLiteral("cluster")))
        query.addQueryItem(QStringLiteral("cluster_name"), invocation.value(QStringLiteral("cluster")));
    if (invocation.isSet(QStringLiteral("alias")))
        query.addQueryItem(QStringLiteral("alias"), invocation.value(QStringLiteral("alias")));
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

void RunCommands::show(Invocation &invocation) const
{
    invocation.whenDone<ResultJob<Run>>(invocation.client()->run(invocation.positional().constFirst()),
                                        [&invocation](ResultJob<Run> *job) {
                                            print(invocation, job->result());
                                            invocation.done();
                                        });
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
    FlotillaClient *client = invocation.client();
    invocation.whenDone<ResultJob<Run>>(client->run(invocation.positional().constFirst()), [&invocation, client](
                                                                                               ResultJob<Run> *job) {
        const Run run = job->result();
        invocation.whenDone<ResultJob<Termination>>(
            client->terminate(run.definitionId, run.runId, run.isTemplateRun()),
            [&invocation, run](ResultJob<Termination> *) {
                if (invocation.output().isJson())
                    invocation.output().printJson(Json{{"terminated", true}, {"run_id", toUtf8(run.runId)}});
                else
                    invocation.output().out(QStringLiteral("stopped %1\n").arg(run.runId));
                invocation.done();
            });
    });
}

} // namespace Flotilla
