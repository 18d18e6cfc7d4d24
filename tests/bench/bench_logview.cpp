// bench_logview: the log viewer at scale (issue 7), offscreen.
//
// Default: feeds N (1,000,000) ANSI-coloured lines of about 100 bytes, in
// 64 KiB chunks cut anywhere, through a LogIngester into a LogModel shown by
// a LogView (800x600), while a 1 ms timer measures the event loop's worst
// lateness; then times a search over all lines (LogSearch, plain text, any
// case); then the naive baseline: QPlainTextEdit::appendPlainText with 1,000
// lines per call. rss_mb is this process's peak before the baseline runs.
// Last line: lines_per_s=.. baseline_lines_per_s=.. ratio=.. max_stall_ms=.. rss_mb=.. search_ms=..
// Targets: ratio >= 5, max_stall_ms <= 50, rss_mb <= 300, search_ms <= 200.
//
// --e2e: starts the real flotilla-local next to this program and, for each
// size of --sizes (default 1,000,000, 5,000,000 and 20,000,000 lines), runs a
// command (awk) that writes that many such lines on the `local` cluster until
// it is STOPPED, then opens a LogPane on it (our server: the end first) and
// measures the time until the log's last line is painted, then waits until
// the pane has read the whole log back to line 1 and takes the peak RSS of
// this process. At the largest size it then searches the whole log through
// the pane (plain, any case) for a string only the first line holds, and for
// one every line holds (with the peak RSS after it), then filters it for the
// first string (filter mode: only that line stays; then inverted, all lines
// but that one, with the peak RSS after it). A 1 ms
// timer measures the worst event-loop stall over all of it, and another over
// the filter alone.
// Last line: e2e_last_line_ms_<N>=.. e2e_rss_mb_<N>=.. (each size)
//            search_mb_per_s=.. filter_mb_per_s=.. filter_max_stall_ms=.. e2e_max_stall_ms=..
// Targets: e2e_last_line_ms <= 300 and e2e_rss_mb <= 200 at every size,
// search_mb_per_s >= 300, filter_mb_per_s >= 300, e2e_max_stall_ms <= 50.
// --e2e --wrap: the same in wrap mode (a font twice the size: two rows a line), also waiting (before taking the RSS)
// until every wrapped row is counted (e2e_wrap_counted_s_<N>, from opening), and after the inverted filter until
// its kept lines' rows are; the figures are named e2e_wrap_...
//
// --search: writes N (default 20,000,000) such lines into a LogSpill, then
// times a LogSpillSearch over all of it for a plain string, any case, that
// only the first line holds (issue 21).
// Last line: search_lines=N search_mb=.. search_s=.. search_mb_per_s=..
// Target: search_mb_per_s >= 300.

#include "benchsupport.h"

#include <client/flotillaclient.h>
#include <client/logtailer.h>
#include <log/logfiltermodel.h>
#include <log/logingester.h>
#include <log/logmodel.h>
#include <log/logpane.h>
#include <log/logsearch.h>
#include <log/logspill.h>
#include <log/logspillsearch.h>
#include <log/logview.h>
#include <log/logwrapmodel.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Flotilla;
using namespace Flotilla::Bench;

namespace {

constexpr qsizetype chunkBytes = 64 * 1024;
constexpr int baselineBatch = 1000;

// Line i (from 1) of the benchmark's log: a timestamp, a level and a message
// in colour, about 100 bytes with its newline.
QByteArray line(qint64 i)
{
    static const char *const levels[] = {"\x1b[32mINFO \x1b[0m", "\x1b[33mWARN \x1b[0m", "\x1b[1;31mERROR\x1b[0m"};
    char buffer[160];
    const int size = std::snprintf(buffer, sizeof buffer,
                                   "\x1b[2m2026-11-27T10:%02lld:%02lld.%03lldZ\x1b[22m %s worker-%lld processed item "
                                   "%07lld, payload abcdefghijklmnop\n",
                                   i / 60000 % 60, i / 1000 % 60, i % 1000,
                                   levels[i % 7 == 0 ? (i % 21 == 0 ? 2 : 1) : 0], i % 8, i);
    return QByteArray(buffer, size);
}

// The lines as a byte stream cut into fixed-size chunks.
class ChunkSource final
{
public:
    explicit ChunkSource(qint64 lines)
        : m_lines(lines)
    {}
    bool atEnd() const { return m_next > m_lines && m_buffer.isEmpty(); }
    QByteArray next(qsizetype size)
    {
        while (m_buffer.size() < size && m_next <= m_lines)
            m_buffer += line(m_next++);
        const QByteArray chunk = m_buffer.left(size);
        m_buffer.remove(0, chunk.size());
        return chunk;
    }

private:
    qint64 m_lines;
    qint64 m_next = 1;
    QByteArray m_buffer;
};

template <typename Job>
Job *await(Job *job, const QString &what)
{
    job->setAutoDelete(false); // read after finished(); a child of the client
    bool done = false;
    QObject::connect(job, &ApiJob::finished, [&done] { done = true; });
    job->start();
    waitUntil([&done] { return done; }, 60000, what);
    if (!job->succeeded())
        fail(QStringLiteral("%1 failed: %2").arg(what, job->error().sentence()));
    return job;
}

bool lastRowVisible(const LogView &view)
{
    const int rows = view.model()->rowCount();
    const QModelIndex bottom = view.indexAt(QPoint(1, view.viewport()->height() - 2));
    const QModelIndex last = view.model()->index(rows - 1, 0);
    return rows > 0 && view.visualRect(last).bottom() <= view.viewport()->height() && view.visualRect(last).isValid()
           && (!bottom.isValid() || bottom.row() == rows - 1);
}

int benchIngest(qint64 lines, qint64 baselineLines)
{
    LogModel model;
    LogFilterModel filter;
    filter.setLogModel(&model);
    LogIngester ingester(&model);
    LogView view;
    view.setLines(&filter);
    view.resize(800, 600);
    view.show();

    ChunkSource source(lines);
    StallMeter stalls;
    QElapsedTimer clock;
    QTimer feeder;
    feeder.setInterval(0);
    bool finished = false;
    QObject::connect(&feeder, &QTimer::timeout, [&] {
        while (ingester.queuedSize() < 4 * chunkBytes && !source.atEnd())
            ingester.append(source.next(chunkBytes));
        if (source.atEnd() && !finished) {
            ingester.finish();
            finished = true;
            feeder.stop();
        }
    });
    stalls.start();
    clock.start();
    feeder.start();
    waitUntil([&] { return finished && ingester.isIdle() && model.rowCount() == lines && lastRowVisible(view); },
              600000, QStringLiteral("the lines to be in the view"));
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    const double maxStallMs = stalls.stop();
    say(QStringLiteral("ingest: %1 lines in %2 s, worst stall %3 ms, spill %4 MiB")
            .arg(lines)
            .arg(seconds, 0, 'f', 2)
            .arg(maxStallMs, 0, 'f', 1)
            .arg(double(model.spill().byteSize()) / (1 << 20), 0, 'f', 1));

    LogSearch search(&model);
    clock.restart();
    search.setPattern({QStringLiteral("ITEM %1,").arg(lines - 3, 7, 10, QLatin1Char('0')), false, Qt::CaseInsensitive});
    waitUntil([&search] { return !search.isSearching(); }, 600000, QStringLiteral("the search to end"));
    const double searchMs = double(clock.nsecsElapsed()) / 1e6;
    if (search.hitCount() != 1)
        fail(QStringLiteral("the search found %1 lines, not 1").arg(search.hitCount()));
    say(QStringLiteral("search: %1 ms").arg(searchMs, 0, 'f', 1));
    const double rssMb = peakRssMb();
    view.hide();

    QPlainTextEdit baseline;
    baseline.resize(800, 600);
    baseline.show();
    clock.restart();
    for (qint64 first = 1; first <= baselineLines; first += baselineBatch) {
        QByteArray batch;
        for (qint64 i = first; i < first + baselineBatch && i <= baselineLines; ++i)
            batch += line(i);
        batch.chop(1);
        baseline.appendPlainText(QString::fromUtf8(batch));
        QCoreApplication::processEvents();
    }
    baseline.verticalScrollBar()->setValue(baseline.verticalScrollBar()->maximum());
    QCoreApplication::processEvents();
    const double baselineSeconds = double(clock.nsecsElapsed()) / 1e9;
    say(QStringLiteral("baseline: %1 lines in %2 s").arg(baselineLines).arg(baselineSeconds, 0, 'f', 2));

    const double rate = double(lines) / seconds;
    const double baselineRate = double(baselineLines) / baselineSeconds;
    say(QStringLiteral("lines_per_s=%1 baseline_lines_per_s=%2 ratio=%3 max_stall_ms=%4 rss_mb=%5 search_ms=%6")
            .arg(rate, 0, 'f', 0)
            .arg(baselineRate, 0, 'f', 0)
            .arg(rate / baselineRate, 0, 'f', 1)
            .arg(maxStallMs, 0, 'f', 1)
            .arg(rssMb, 0, 'f', 0)
            .arg(searchMs, 0, 'f', 1));
    return 0;
}

// Launches a run that writes `lines` benchmark lines and waits until it stopped.
QString launchLogWriter(FlotillaClient &client, qint64 lines)
{
    Definition definition;
    definition.alias = QStringLiteral("bench-logview-%1").arg(lines);
    definition.image = QStringLiteral("local");
    // The same lines as the in-process benchmark, written by awk.
    definition.command
        = QStringLiteral(
              "awk 'BEGIN { split(\"32mINFO ,33mWARN ,1;31mERROR\", lv, \",\"); for (i = 1; i <= LINES; i++) "
              "printf \"\\033[2m2026-11-27T10:%02d:%02d.%03dZ\\033[22m \\033[%s\\033[0m worker-%d processed item %07d, "
              "payload abcdefghijklmnop\\n\", "
              "int(i / 60000) % 60, int(i / 1000) % 60, i % 1000, lv[i % 7 == 0 ? (i % 21 == 0 ? 3 : 2) : 1], i % 8, i "
              "}'")
              .replace(QStringLiteral("LINES"), QString::number(lines));
    const QString definitionId = await(client.createDefinition(definition), QStringLiteral("creating the definition"))
                                     ->result()
                                     .definitionId;
    LaunchRequest request;
    request.cluster = QStringLiteral("local");
    request.ownerId = QStringLiteral("bench");
    const QString runId = await(client.launch(definitionId, request), QStringLiteral("launching"))->result().runId;
    say(QStringLiteral("e2e: run %1 writes %2 lines").arg(runId).arg(lines));
    QElapsedTimer waited;
    waited.start();
    while (true) {
        const Run run = await(client.run(runId), QStringLiteral("reading the run"))->result();
        if (run.status == RunStatus::Stopped) {
            if (run.exitCode.value_or(-1) != 0)
                fail(QStringLiteral("the log-writing run failed: exit code %1 %2")
                         .arg(run.exitCode.value_or(-1))
                         .arg(run.exitReason));
            break;
        }
        if (waited.elapsed() > 1800000)
            fail(QStringLiteral("the run did not stop within 30 minutes"));
        QEventLoop idle;
        QTimer::singleShot(500, &idle, &QEventLoop::quit);
        idle.exec();
    }
    say(QStringLiteral("e2e: the log was written in %1 s").arg(double(waited.elapsed()) / 1000, 0, 'f', 1));
    return runId;
}

// Whether the view's bottom row is line `lines` of the benchmark's log.
bool lastLineOnScreen(const LogPane &pane, qint64 lines)
{
    const LogView &view = *pane.view();
    if (!lastRowVisible(view))
        return false;
    const QModelIndex last = view.model()->index(view.model()->rowCount() - 1, 0);
    return last.data().toString().contains(QStringLiteral("item %1,").arg(lines, 7, 10, QLatin1Char('0')));
}

int benchEndToEnd(const QList<qint64> &sizes, const QString &keepDir, bool wrap)
{
    const QString figure = wrap ? QStringLiteral("e2e_wrap_") : QStringLiteral("e2e_");
    std::unique_ptr<QTemporaryDir> temporary;
    const QString dataDir = dataDirFor(keepDir, QStringLiteral("bench_logview"), &temporary);
    Server server;
    const QUrl url = server.start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                   QStringLiteral("--data-dir"), dataDir, QStringLiteral("--container-engines"),
                                   QString()});
    FlotillaClient client(url, ServerFlavour::ControlPlane);
    client.setBearerToken(QString::fromUtf8(server.token()));
    QStringList figures;
    double worstStallMs = 0;
    double searchMbPerS = 0;
    double filterMbPerS = 0;
    double filterStallMs = 0;
    double searchedRssMb = 0; // the peak after every search and filter of the biggest log
    for (const qint64 lines : sizes) {
        const QString runId = launchLogWriter(client, lines);
        StallMeter stalls;
        QElapsedTimer clock;
        stalls.start();
        clock.start();
        LogPane pane(&client, runId);
        pane.resize(1000, 700);
        if (wrap) { // twice the characters' size: every line takes two rows
            QFont font = pane.view()->font();
            font.setPointSizeF(font.pointSizeF() * 2);
            pane.view()->setFont(font);
            pane.setWrapping(true);
        }
        pane.show();
        waitUntil([&] { return lastLineOnScreen(pane, lines); }, 600000, QStringLiteral("the last line on screen"));
        pane.view()->viewport()->repaint(); // painted, not only laid out
        const double lastLineMs = double(clock.nsecsElapsed()) / 1e6;
        say(QStringLiteral("e2e %1: the last line on screen after %2 ms").arg(lines).arg(lastLineMs, 0, 'f', 0));
        waitUntil([&] { return pane.isStartReached() && pane.isFinished(); }, 1800000,
                  QStringLiteral("the whole log read"));
        say(QStringLiteral("e2e %1: the whole log read after %2 s, status: %3")
                .arg(lines)
                .arg(double(clock.nsecsElapsed()) / 1e9, 0, 'f', 1)
                .arg(pane.statusText()));
        if (pane.model()->rowCount() != lines)
            fail(QStringLiteral("the pane holds %1 lines, not %2").arg(pane.model()->rowCount()).arg(lines));
        if (wrap) {
            waitUntil([&] { return pane.view()->rows()->isMeasured(); }, 1800000,
                      QStringLiteral("the wrapped rows counted"));
            const double countedS = double(clock.nsecsElapsed()) / 1e9;
            say(QStringLiteral("e2e %1: %2 wrapped rows at %3 columns counted after %4 s")
                    .arg(lines)
                    .arg(pane.view()->rows()->rowCount())
                    .arg(pane.view()->rows()->wrapColumns())
                    .arg(countedS, 0, 'f', 1));
            figures << QStringLiteral("%1counted_s_%2=%3").arg(figure).arg(lines).arg(countedS, 0, 'f', 1);
        }
        const double rssMb = peakRssMb();
        if (lines == *std::max_element(sizes.begin(), sizes.end())) {
            clock.restart();
            pane.setPattern(QStringLiteral("ITEM 0000001,"));
            waitUntil([&] { return !pane.search()->isSearching(); }, 1800000, QStringLiteral("the search to end"));
            const double seconds = double(clock.nsecsElapsed()) / 1e9;
            if (pane.search()->hitCount() != 1 || pane.model()->rowOfLineId(pane.search()->hits().front()) != 0)
                fail(QStringLiteral("the search found %1 lines, not the first alone").arg(pane.search()->hitCount()));
            const double megabytes = double(pane.model()->spill().byteSize()) / 1e6;
            searchMbPerS = megabytes / seconds;
            say(QStringLiteral("e2e %1: searched %2 MB in %3 s")
                    .arg(lines)
                    .arg(megabytes, 0, 'f', 0)
                    .arg(seconds, 0, 'f', 2));
            // A string on every line: the hits are what grows, not the lines.
            clock.restart();
            pane.setPattern(QStringLiteral("ITEM"));
            waitUntil([&] { return !pane.search()->isSearching(); }, 1800000, QStringLiteral("the dense search to end"));
            if (pane.search()->hitCount() != lines)
                fail(QStringLiteral("the search for every line found %1").arg(pane.search()->hitCount()));
            say(QStringLiteral("e2e %1: %2 lines found in %3 s, peak RSS %4 MB")
                    .arg(lines)
                    .arg(pane.search()->hitCount())
                    .arg(double(clock.nsecsElapsed()) / 1e9, 0, 'f', 2)
                    .arg(peakRssMb(), 0, 'f', 0));
            pane.setPattern(QStringLiteral("ITEM 0000001,"));

            StallMeter filterStalls;
            filterStalls.start();
            clock.restart();
            pane.setMode(LogPane::Mode::Filter); // the same pattern
            const LogFilterModel *filter = pane.filterModel();
            waitUntil([filter] { return !filter->isSearching(); }, 1800000, QStringLiteral("the filter to end"));
            const double filterSeconds = double(clock.nsecsElapsed()) / 1e9;
            filterStallMs = filterStalls.stop();
            if (filter->rowCount() != 1 || pane.model()->rowOfLineId(filter->lineIdAt(0)) != 0)
                fail(QStringLiteral("the filter kept %1 lines, not the first alone").arg(filter->rowCount()));
            filterMbPerS = megabytes / filterSeconds;
            say(QStringLiteral("e2e %1: filtered %2 MB in %3 s, worst stall %4 ms")
                    .arg(lines)
                    .arg(megabytes, 0, 'f', 0)
                    .arg(filterSeconds, 0, 'f', 2)
                    .arg(filterStallMs, 0, 'f', 1));
            // Inverted, every line but the first stays: memory follows the runs, not the lines.
            clock.restart();
            pane.setFilterOptions(true, 0);
            waitUntil([filter] { return !filter->isSearching(); }, 1800000, QStringLiteral("the filter to end"));
            if (filter->rowCount() != lines - 1)
                fail(QStringLiteral("the inverted filter kept %1 lines, not %2").arg(filter->rowCount()).arg(lines - 1));
            say(QStringLiteral("e2e %1: inverted, %2 lines kept as %3 run(s) in %4 s, peak RSS %5 MB")
                    .arg(lines)
                    .arg(filter->rowCount())
                    .arg(filter->runCount())
                    .arg(double(clock.nsecsElapsed()) / 1e9, 0, 'f', 2)
                    .arg(peakRssMb(), 0, 'f', 0));
            if (wrap) { // a filter's rows are counted on this thread, a slice at a time
                waitUntil([&] { return pane.view()->rows()->isMeasured(); }, 1800000,
                          QStringLiteral("the kept lines' rows counted"));
                say(QStringLiteral("e2e %1: the kept lines' %2 wrapped rows counted after %3 s, peak RSS %4 MB")
                        .arg(lines)
                        .arg(pane.view()->rows()->rowCount())
                        .arg(double(clock.nsecsElapsed()) / 1e9, 0, 'f', 2)
                        .arg(peakRssMb(), 0, 'f', 0));
            }
            // Still inverted, odd workers out: every other line is kept, a
            // run each, and memory must not follow the runs.
            clock.restart();
            pane.setPattern(QStringLiteral("worker-[1357] "), true);
            waitUntil([filter] { return !filter->isSearching(); }, 1800000, QStringLiteral("the filter to end"));
            if (filter->rowCount() != lines / 2)
                fail(QStringLiteral("every other line filtered kept %1 lines, not %2")
                         .arg(filter->rowCount())
                         .arg(lines / 2));
            searchedRssMb = peakRssMb();
            say(QStringLiteral("e2e %1: every other line, %2 lines kept as %3 run(s) in %4 s, peak RSS %5 MB")
                    .arg(lines)
                    .arg(filter->rowCount())
                    .arg(filter->runCount())
                    .arg(double(clock.nsecsElapsed()) / 1e9, 0, 'f', 2)
                    .arg(searchedRssMb, 0, 'f', 0));
        }
        const double stallMs = stalls.stop();
        worstStallMs = std::max(worstStallMs, stallMs);
        say(QStringLiteral("e2e %1: peak RSS %2 MB, worst stall %3 ms")
                .arg(lines)
                .arg(rssMb, 0, 'f', 0)
                .arg(stallMs, 0, 'f', 1));
        figures << QStringLiteral("%1last_line_ms_%2=%3").arg(figure).arg(lines).arg(lastLineMs, 0, 'f', 0)
                << QStringLiteral("%1rss_mb_%2=%3").arg(figure).arg(lines).arg(rssMb, 0, 'f', 0);
    }
    figures << QStringLiteral("search_mb_per_s=%1").arg(searchMbPerS, 0, 'f', 0)
            << QStringLiteral("filter_mb_per_s=%1").arg(filterMbPerS, 0, 'f', 0)
            << QStringLiteral("filter_max_stall_ms=%1").arg(filterStallMs, 0, 'f', 1)
            << QStringLiteral("searched_rss_mb=%1").arg(searchedRssMb, 0, 'f', 0)
            << QStringLiteral("%1max_stall_ms=%2").arg(figure).arg(worstStallMs, 0, 'f', 1);
    say(figures.join(QLatin1Char(' ')));
    return 0;
}

int benchSpillSearch(qint64 lines)
{
    LogSpill spill;
    if (!spill.isOpen())
        fail(spill.errorString());
    ChunkSource source(lines);
    while (!source.atEnd()) {
        if (!spill.append(source.next(LogSpillSearch::blockBytes)))
            fail(spill.errorString());
    }
    spill.setStartReached();
    spill.finish();
    if (spill.lineCount() != lines)
        fail(QStringLiteral("the spill holds %1 lines, not %2").arg(spill.lineCount()).arg(lines));
    say(QStringLiteral("spill: %1 lines, %2 MB in %3")
            .arg(lines)
            .arg(double(spill.byteSize()) / 1e6, 0, 'f', 0)
            .arg(spill.path()));

    LogSpillSearch search;
    bool finished = false;
    QObject::connect(&search, &LogSpillSearch::finished, [&finished] { finished = true; });
    QElapsedTimer clock;
    clock.start();
    search.start(spill.snapshot(), {QStringLiteral("ITEM 0000001,"), false, Qt::CaseInsensitive});
    waitUntil([&finished] { return finished; }, 600000, QStringLiteral("the search to end"));
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    if (search.hits().size() != 1 || search.hits().front().line != 0)
        fail(QStringLiteral("the search found %1 hits, not the first line alone").arg(search.hits().size()));
    const double megabytes = double(spill.byteSize()) / 1e6;
    say(QStringLiteral("search_lines=%1 search_mb=%2 search_s=%3 search_mb_per_s=%4")
            .arg(lines)
            .arg(megabytes, 0, 'f', 0)
            .arg(seconds, 0, 'f', 2)
            .arg(megabytes / seconds, 0, 'f', 0));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM",
            qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    return run(argc, argv, "bench_logview", [] {
        QCommandLineParser parser;
        parser.setApplicationDescription(QStringLiteral("The log viewer at scale; see the top of bench_logview.cpp."));
        parser.addHelpOption();
        const QCommandLineOption linesOption(QStringLiteral("lines"),
                                             QStringLiteral("Lines to feed (default 1000000)."), QStringLiteral("N"),
                                             QStringLiteral("1000000"));
        const QCommandLineOption baselineOption(QStringLiteral("baseline-lines"),
                                                QStringLiteral(
                                                    "Lines for the QPlainTextEdit baseline (default: --lines)."),
                                                QStringLiteral("N"));
        const QCommandLineOption e2eOption(QStringLiteral("e2e"),
                                           QStringLiteral("Measure a LogPane on a real flotilla-local run instead."));
        const QCommandLineOption keepOption(QStringLiteral("data-dir"),
                                            QStringLiteral("--e2e: keep the server's data here."),
                                            QStringLiteral("DIR"));
        const QCommandLineOption sizesOption(QStringLiteral("sizes"),
                                             QStringLiteral("--e2e: the log sizes in lines, comma-separated "
                                                            "(default 1000000,5000000,20000000)."),
                                             QStringLiteral("N,N,.."), QStringLiteral("1000000,5000000,20000000"));
        const QCommandLineOption searchOption(QStringLiteral("search"),
                                              QStringLiteral("Measure a whole-log search over a spill file instead "
                                                             "(default 20000000 lines)."));
        const QCommandLineOption wrapOption(QStringLiteral("wrap"), QStringLiteral("--e2e: in wrap mode."));
        parser.addOptions({linesOption, baselineOption, e2eOption, keepOption, sizesOption, searchOption, wrapOption});
        parser.process(QCoreApplication::arguments());
        if (parser.isSet(searchOption))
            return benchSpillSearch(parser.isSet(linesOption) ? positive(parser, linesOption) : 20'000'000);
        if (parser.isSet(e2eOption)) {
            QList<qint64> sizes;
            for (const QString &size : parser.value(sizesOption).split(QLatin1Char(','))) {
                bool ok = false;
                sizes.append(size.trimmed().toLongLong(&ok));
                if (!ok || sizes.back() < 1)
                    fail(QStringLiteral("--sizes takes whole numbers of lines from 1, comma-separated, not \"%1\"")
                             .arg(parser.value(sizesOption)));
            }
            return benchEndToEnd(sizes, parser.value(keepOption), parser.isSet(wrapOption));
        }
        const int lines = positive(parser, linesOption);
        return benchIngest(lines, parser.isSet(baselineOption) ? positive(parser, baselineOption) : lines);
    });
}
