#pragma once

#include <awaitjob.h>
#include <client/flotillaclient.h>

#include "benchsupport.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

// What the programs that load flotilla-local with runs (soak, bench_burst)
// check afterwards: each run printed numbered lines that carry its id, so a
// log that is not exactly its own shows.
namespace Flotilla::Bench {

// A shell command printing `lines` lines `<run id> line <i>`, then
// `<run id> end`; it sleeps `halfwayPauseMs` halfway when given and ignores
// SIGTERM when asked.
QString numberedLinesCommand(int lines, int halfwayPauseMs = 0, bool ignoreSigterm = false);
// What that command prints in run `runId`.
QByteArray expectedLog(const QString &runId, int lines);

// The job once answered 200; fail() otherwise.
template <typename Job>
Job *awaitOk(Job *job, int timeoutMs = 30000)
{
    Testing::await(job, timeoutMs);
    if (!job->succeeded())
        fail(job->isFinished()
                 ? job->error().sentence()
                 : QStringLiteral("%1 %2 got no answer").arg(QString::fromUtf8(job->method()), job->url().toString()));
    return job;
}

bool isNotFound(const ApiJob *job);
// Waits until no run is active, or none ended for `drainMs`; the active ones then.
QStringList drain(FlotillaClient &client, int drainMs);
// A run's whole log, read as a client follows it: last_seen page by page.
QByteArray readLogByPaging(FlotillaClient &client, const QString &runId);
// Where two logs part, for the report.
QString firstDifference(const QByteArray &log, const QByteArray &expected);
// Runs the event loop for `milliseconds`.
void pause(int milliseconds);

} // namespace Flotilla::Bench
