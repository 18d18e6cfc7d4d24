#include "statscommand.h"

#include "definitioncommands.h"
#include "invocation.h"

#include <client/flotillaclient.h>
#include <wire/definition.h>
#include <wire/runstats.h>

#include <QUrlQuery>

namespace Flotilla {

namespace {

QString durationField(const std::optional<qint64> &ms)
{
    return ms ? durationText(*ms) : QString();
}

Json optionalJson(const std::optional<qint64> &value)
{
    return value ? Json(*value) : Json();
}

} // namespace

StatsCommand::StatsCommand()
    : Command({QStringLiteral("stats"),
               QStringLiteral("ID_OR_ALIAS"),
               QStringLiteral("Show what a definition's last finished runs add up to: count, success rate, median, "
                              "p90 and max duration, and max memory."),
               {option("last", "Take the last N finished runs (1 to 1000, default 100).", "N")},
               1,
               1})
{}

void StatsCommand::run(Invocation &invocation) const
{
    int last = defaultLast;
    if (invocation.isSet(QStringLiteral("last"))) {
        bool ok = false;
        last = invocation.value(QStringLiteral("last")).toInt(&ok);
        if (!ok || last < 1 || last > maxLast)
            return invocation.usageError(QStringLiteral("--last takes a whole number from 1 to %1; got \"%2\"")
                                             .arg(maxLast)
                                             .arg(invocation.value(QStringLiteral("last"))));
    }
    DefinitionCommands::fetch(
        invocation, invocation.positional().constFirst(), [&invocation, last](const Definition &definition) {
            // Newest first as the desktop's history chart loads them: by queued
            // time where the server sorts by it (ours), else by start.
            FlotillaClient *client = invocation.client();
            QUrlQuery query;
            query.addQueryItem(QStringLiteral("status"), runStatusName(RunStatus::Stopped));
            query.addQueryItem(QStringLiteral("sort_by"), client->flavour() == ServerFlavour::ControlPlane
                                                              ? QStringLiteral("queued_at")
                                                              : QStringLiteral("started_at"));
            query.addQueryItem(QStringLiteral("order"), QStringLiteral("desc"));
            query.addQueryItem(QStringLiteral("limit"), QString::number(last));
            invocation.whenDone<ResultJob<RunList>>(client->listRuns(query, definition.definitionId),
                                                    [&invocation](ResultJob<RunList> *job) {
                                                        print(invocation, RunStats::of(job->result().history));
                                                        invocation.done();
                                                    });
        });
}

void StatsCommand::print(Invocation &invocation, const RunStats &stats)
{
    Output &output = invocation.output();
    if (output.isJson()) {
        return output.printJson(Json{{"count", stats.count},
                                     {"succeeded", stats.succeeded},
                                     {"success_rate", stats.successRate ? Json(*stats.successRate) : Json()},
                                     {"median_duration_ms", optionalJson(stats.medianMs)},
                                     {"p90_duration_ms", optionalJson(stats.p90Ms)},
                                     {"max_duration_ms", optionalJson(stats.maxMs)},
                                     {"max_memory_mb", optionalJson(stats.maxMemoryMb)}});
    }
    const QString rate = stats.successRate ? QStringLiteral("%1% (%2 of %3)")
                                                 .arg(*stats.successRate * 100, 0, 'f', 1)
                                                 .arg(stats.succeeded)
                                                 .arg(stats.count)
                                           : QString();
    output.printFields({{QStringLiteral("Runs"), QString::number(stats.count)},
                        {QStringLiteral("Success rate"), rate},
                        {QStringLiteral("Median duration"), durationField(stats.medianMs)},
                        {QStringLiteral("p90 duration"), durationField(stats.p90Ms)},
                        {QStringLiteral("Max duration"), durationField(stats.maxMs)},
                        {QStringLiteral("Max memory"),
                         stats.maxMemoryMb ? QStringLiteral("%1 MB").arg(*stats.maxMemoryMb) : QString()}});
}

} // namespace Flotilla
