// bench_history part "compare": the diff of two 100,000-line logs with
// timestamps and a few hundred real edits, on LogDiffJob's worker thread
// (diff_ms, target 2,000), and the worst stall of the event loop meanwhile
// (diff_max_stall_ms, target 50); and diff_unlike_ms, two logs with no line
// in common, the worst case that the edit limit bounds.
#include "benchhistory.h"
#include "benchsupport.h"

#include <log/logdiffjob.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QRandomGenerator>

using namespace Flotilla;
using namespace Flotilla::Bench;

namespace {

constexpr int logLines = 100000;
constexpr int edits = 300;

// A worker's log: ISO times, levels, request ids and a hex id now and then,
// the times starting at `start`; logs of the same `content` differ only in
// times and ids.
QStringList workerLog(const QDateTime &start, quint32 seed, quint32 content = 0)
{
    QRandomGenerator random(seed);
    static const char *const messages[] = {"fetched batch %1 of %2 rows",
                                           "wrote partition %1 (%2 bytes)",
                                           "retrying upload of part %1 after %2 ms",
                                           "cache hit ratio %1.%2",
                                           "checkpoint %1 committed in %2 ms",
                                           "heartbeat from node-%1 lag %2"};
    static const char *const levels[] = {"INFO", "INFO", "INFO", "DEBUG", "WARN"};
    QStringList lines;
    lines.reserve(logLines);
    for (int i = 0; i < logLines; ++i) {
        const QString time = start.addMSecs(qint64(i) * 37 + random.bounded(30)).toString(Qt::ISODateWithMs);
        // The content is the same in both logs (seeded by line), the times and ids are not.
        QRandomGenerator line(quint32(i) * 2654435761U + content);
        const QString message = QString::fromLatin1(messages[line.bounded(6)])
                                    .arg(line.bounded(100000))
                                    .arg(line.bounded(5000));
        const QString id = QString::number(random.generate64(), 16).rightJustified(16, u'0');
        lines << QStringLiteral("%1 %2 [req %3] worker-%4: %5")
                     .arg(time, QLatin1String(levels[line.bounded(5)]), id)
                     .arg(line.bounded(8))
                     .arg(message);
    }
    return lines;
}

// How long `job` takes, and the worst stall of the event loop meanwhile.
std::pair<qint64, double> timeOf(LogDiffJob &job)
{
    QEventLoop loop; // a benchmark waits; product code never nests a loop
    QObject::connect(&job, &LogDiffJob::finished, &loop, &QEventLoop::quit);
    StallMeter stalls;
    QElapsedTimer clock;
    stalls.start();
    clock.start();
    job.start();
    loop.exec();
    const qint64 elapsed = clock.elapsed();
    const double worstStall = stalls.stop();
    if (!job.succeeded())
        fail(QStringLiteral("compare: the diff did not finish: %1").arg(job.errorString()));
    return {elapsed, worstStall};
}

void measure()
{
    const QDateTime yesterday(QDate(2026, 12, 2), QTime(7, 0), Qt::UTC);
    const QStringList left = workerLog(yesterday, 1);
    QStringList right = workerLog(yesterday.addDays(1).addSecs(1234), 2);
    // Real edits: changed lines, lines added and lines gone, spread out.
    QRandomGenerator random(3);
    for (int edit = 0; edit < edits; ++edit) {
        const int line = int(random.bounded(right.size()));
        switch (edit % 3) {
        case 0:
            right[line] = QStringLiteral("2026-12-03T09:00:00.000Z ERROR edit %1 changed this line").arg(edit);
            break;
        case 1:
            right.insert(line, QStringLiteral("2026-12-03T09:00:00.000Z WARN edit %1 added a line").arg(edit));
            break;
        case 2: right.removeAt(line); break;
        }
    }
    say(QStringLiteral("diff_lines=%1,%2").arg(left.size()).arg(right.size()));

    LogDiffJob job(left.join(u'\n'), right.join(u'\n'), LineMask::defaultPattern());
    const auto [elapsed, worstStall] = timeOf(job);
    const LineDiffResult &result = job.result();
    say(QStringLiteral("diff_changed=%1 diff_only_left=%2 diff_only_right=%3")
            .arg(result.changed)
            .arg(result.onlyLeft)
            .arg(result.onlyRight));
    say(QStringLiteral("diff_ms=%1").arg(elapsed));
    say(QStringLiteral("diff_max_stall_ms=%1").arg(worstStall, 0, 'f', 1));

    const QStringList unlike = workerLog(yesterday, 4, 12345);
    LogDiffJob unlikeJob(left.join(u'\n'), unlike.join(u'\n'), LineMask::defaultPattern());
    const auto [unlikeElapsed, unlikeStall] = timeOf(unlikeJob);
    say(QStringLiteral("diff_unlike_changed=%1").arg(unlikeJob.result().changed));
    say(QStringLiteral("diff_unlike_ms=%1 diff_unlike_max_stall_ms=%2").arg(unlikeElapsed).arg(unlikeStall, 0, 'f', 1));
}

const bool registered = registerHistoryPart(QStringLiteral("compare"), measure);

} // namespace
