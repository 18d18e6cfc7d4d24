#include "runcheck.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <QUrlQuery>

namespace Flotilla::Bench {

QString numberedLinesCommand(int lines, int halfwayPauseMs, bool ignoreSigterm)
{
    // No sleep at all without a pause: it is a process of its own.
    const QString halfway = halfwayPauseMs > 0 ? QStringLiteral("[ $i -eq %1 ] && sleep %2; ")
                                                     .arg(lines / 2)
                                                     .arg(halfwayPauseMs / 1000.0, 0, 'f', 3)
                                               : QString();
    return QStringLiteral("%3i=0; while [ $i -lt %1 ]; do i=$((i+1)); echo \"$FLOTILLA_RUN_ID line $i\"; "
                          "%2done; echo \"$FLOTILLA_RUN_ID end\"")
        .arg(lines)
        .arg(halfway, ignoreSigterm ? QStringLiteral("trap '' TERM; ") : QString());
}

QByteArray expectedLog(const QString &runId, int lines)
{
    const QByteArray id = runId.toUtf8();
    QByteArray log;
    for (int i = 1; i <= lines; ++i)
        log += id + " line " + QByteArray::number(i) + '\n';
    return log + id + " end\n";
}

bool isNotFound(const ApiJob *job)
{
    return job->error().kind() == ApiError::Kind::Http && job->error().httpStatus() == 404;
}

namespace {

QUrlQuery activeQuery()
{
    QUrlQuery query;
    for (const char *status : {"QUEUED", "PENDING", "RUNNING"})
        query.addQueryItem(QStringLiteral("status"), QString::fromLatin1(status));
    return query;
}

// How many are active: one run's JSON and the count, where the whole list
// (up to 1,000 runs every 200 ms) took CPU from the runs being measured.
qint64 activeCount(FlotillaClient &client)
{
    QUrlQuery query = activeQuery();
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("1"));
    return awaitOk(client.listRuns(query))->result().page.total;
}

QStringList activeRuns(FlotillaClient &client)
{
    QStringList ids;
    for (const Run &run : awaitOk(client.listRuns(activeQuery()))->result().history)
        ids.append(run.runId);
    return ids;
}

} // namespace

QStringList drain(FlotillaClient &client, int drainMs)
{
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    qint64 fewest = -1;
    for (;;) {
        const qint64 active = activeCount(client);
        if (active == 0)
            return {};
        if (sinceProgress.elapsed() > drainMs && active >= fewest)
            return activeRuns(client);
        if (fewest < 0 || active < fewest) {
            fewest = active;
            sinceProgress.restart();
        }
        pause(200);
    }
}

QByteArray readLogByPaging(FlotillaClient &client, const QString &runId)
{
    QByteArray log;
    QString token;
    for (;;) {
        const LogChunk chunk = awaitOk(client.logs(runId, token))->result();
        log += chunk.log.toUtf8();
        if (!chunk.lastSeen || *chunk.lastSeen == token)
            return log;
        token = *chunk.lastSeen;
    }
}

QString firstDifference(const QByteArray &log, const QByteArray &expected)
{
    qsizetype at = 0;
    while (at < log.size() && at < expected.size() && log[at] == expected[at])
        ++at;
    const qsizetype lineStart = log.lastIndexOf('\n', at - 1) + 1;
    return QStringLiteral("%1 bytes of %2 expected; from byte %3 it reads \"%4\"")
        .arg(log.size())
        .arg(expected.size())
        .arg(lineStart)
        .arg(QString::fromUtf8(log.mid(lineStart, 80)).replace(u'\n', QStringLiteral("\\n")));
}

void pause(int milliseconds)
{
    QEventLoop loop;
    QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace Flotilla::Bench
