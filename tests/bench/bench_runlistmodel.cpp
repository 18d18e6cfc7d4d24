// bench_runlistmodel: how the run list feels with 100,000 runs.
//
// Fills a data dir through the Store with N runs (the data of
// bench_controlplane), starts the real flotilla-local next to this program
// on it (--parallel-runs 0: nothing executes), and shows a RunListModel
// (auto refresh on, as in the app) behind a QSortFilterProxyModel in an
// offscreen QTableView. Measures:
//   first_page_ms  from setModel() to the first page painted
//   rows_per_s     every run paged in by scrolling to the bottom, from
//                  setModel() to the last row, rows over seconds
//   bytes_per_row  heap in use (glibc mallinfo2) after paging in, over the
//                  same before the model existed, per row
// and prints the worst event-loop stall while paging (a 1 ms timer's lateness).
// The last line is `first_page_ms=.. rows_per_s=.. bytes_per_row=..`.
// Targets: first page <= 100 ms, >= 20,000 rows/s, <= 1024 bytes per row.

#include "benchsupport.h"
#include "storefill.h"

#include <lists/runlistmodel.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTableView>

#include <malloc.h>

#include <cstdio>

using namespace Flotilla;
using namespace Flotilla::Bench;

namespace {

constexpr double targetFirstPageMs = 100;
constexpr double targetRowsPerSecond = 20000;
constexpr double targetBytesPerRow = 1024;

qint64 heapInUse()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
}

// Runs the event loop until `done` or `timeoutMs`.
int bench()
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("RunListModel behind a QSortFilterProxyModel in an offscreen QTableView, fed by flotilla-local "
                       "holding N runs. The last line is first_page_ms=.. rows_per_s=.. bytes_per_row=.. "
                       "(targets: <= 100, >= 20000, <= 1024)."));
    parser.addHelpOption();
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs to store."), QStringLiteral("N"),
                                        QStringLiteral("100000"));
    const QCommandLineOption pageOption(QStringLiteral("page-size"),
                                        QStringLiteral(
                                            "Rows in every page request (default: the model's growing pages)."),
                                        QStringLiteral("N"));
    const QCommandLineOption keepOption(QStringLiteral("keep"),
                                        QStringLiteral("Use DIR as the data dir and keep it; a DIR that already holds "
                                                       "flotilla.sqlite is used as it is, without filling."),
                                        QStringLiteral("DIR"));
    const QCommandLineOption staticOption(QStringLiteral("no-refresh"),
                                          QStringLiteral("Turn the model's live refresh off (it is on in the app)."));
    parser.addOptions({runsOption, pageOption, keepOption, staticOption});
    parser.process(*QCoreApplication::instance());
    if (!parser.positionalArguments().isEmpty())
        fail(QStringLiteral("unexpected argument %1; see --help").arg(parser.positionalArguments().constFirst()));
    const int runCount = positive(parser, runsOption);

    std::unique_ptr<QTemporaryDir> temporary;
    const QString dataDir = dataDirFor(parser.value(keepOption), QStringLiteral("flotilla-bench-model"), &temporary);
    const QString databasePath = dataDir + QStringLiteral("/flotilla.sqlite");
    if (QFile::exists(databasePath)) {
        say(QStringLiteral("fill: skipped, %1 exists").arg(databasePath));
    } else {
        const Testing::FillResult filled = Testing::fillStore(databasePath, 1000, runCount);
        if (!filled.error.isEmpty())
            fail(filled.error);
        say(QStringLiteral("fill: %1 runs in %2 s")
                .arg(runCount)
                .arg(filled.definitionSeconds + filled.runSeconds, 0, 'f', 2));
    }
    Server server;
    const QUrl base = server.start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                    QStringLiteral("--data-dir"), dataDir, QStringLiteral("--parallel-runs"),
                                    QStringLiteral("0")});
    say(QStringLiteral("server: flotilla-local --parallel-runs 0 listening on %1").arg(base.toString()));

    FlotillaClient client(base, ServerFlavour::ControlPlane);
    client.setBearerToken(QString::fromUtf8(server.token()));
    QTableView view;
    view.setAccessibleName(QStringLiteral("Runs"));
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.verticalHeader()->hide();
    view.resize(1200, 800);
    view.show();
    QCoreApplication::processEvents();

    const qint64 heapBefore = heapInUse();
    RunListModel model(&client);
    if (parser.isSet(pageOption))
        model.setPageSize(positive(parser, pageOption));
    model.setAutoRefresh(!parser.isSet(staticOption));
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);

    QElapsedTimer timer;
    timer.start();
    view.setModel(&proxy);
    model.fetchMore({}); // what the view asks for when it has room; a no-op if it asked already
    waitUntil([&] { return proxy.rowCount() > 0 || model.lastError().isError(); }, 30000,
              QStringLiteral("the first page"));
    if (model.lastError().isError())
        fail(model.lastError().sentence());
    view.viewport()->repaint();
    const double firstPageMs = timer.nsecsElapsed() / 1e6;
    say(QStringLiteral("first page: %1 rows of %2 on screen after %3 ms (pages of %4 growing to %5, live refresh %6)")
            .arg(proxy.rowCount())
            .arg(model.totalCount())
            .arg(firstPageMs, 0, 'f', 1)
            .arg(model.pageSize())
            .arg(model.maxPageSize())
            .arg(model.autoRefresh() ? QStringLiteral("on") : QStringLiteral("off")));

    // Scrolling to the bottom makes the view fetch the next page.
    int requests = 1;
    StallMeter stalls;
    stalls.start();
    waitUntil(
        [&] {
            if (model.lastError().isError())
                fail(model.lastError().sentence());
            if (!model.isLoading() && !model.canFetchMore({}))
                return true;
            if (!model.isLoading()) {
                view.scrollToBottom();
                requests += model.isLoading() ? 1 : 0;
            }
            return false;
        },
        600000, QStringLiteral("every page"));
    view.viewport()->repaint();
    const double pagingSeconds = timer.nsecsElapsed() / 1e9;
    const double maxStallMs = stalls.stop();
    const int rows = model.rowCount();
    if (rows != model.totalCount() || proxy.rowCount() != rows)
        fail(
            QStringLiteral("paged in %1 rows (proxy %2) of %3").arg(rows).arg(proxy.rowCount()).arg(model.totalCount()));
    const double rowsPerSecond = rows / pagingSeconds;
    say(QStringLiteral("paging: %1 rows in %2 s through %3 page requests, %4 rows/s, worst event-loop stall %5 ms")
            .arg(rows)
            .arg(pagingSeconds, 0, 'f', 2)
            .arg(requests)
            .arg(rowsPerSecond, 0, 'f', 0)
            .arg(maxStallMs, 0, 'f', 1));

    const double bytesPerRow = double(heapInUse() - heapBefore) / rows;
    say(QStringLiteral("memory: %1 MB on the heap for %2 rows (model, proxy and view), %3 bytes per row")
            .arg((heapInUse() - heapBefore) / (1024.0 * 1024.0), 0, 'f', 1)
            .arg(rows)
            .arg(bytesPerRow, 0, 'f', 0));
    server.stop();

    const auto verdict = [](bool met) { return met ? QStringLiteral("met") : QStringLiteral("MISSED"); };
    say(QStringLiteral("targets: first_page_ms %1 <= %2 %3, rows_per_s %4 >= %5 %6, bytes_per_row %7 <= %8 %9")
            .arg(firstPageMs, 0, 'f', 1)
            .arg(targetFirstPageMs)
            .arg(verdict(firstPageMs <= targetFirstPageMs))
            .arg(rowsPerSecond, 0, 'f', 0)
            .arg(targetRowsPerSecond)
            .arg(verdict(rowsPerSecond >= targetRowsPerSecond))
            .arg(bytesPerRow, 0, 'f', 0)
            .arg(targetBytesPerRow)
            .arg(verdict(bytesPerRow <= targetBytesPerRow)));
    std::printf("first_page_ms=%.1f rows_per_s=%.0f bytes_per_row=%.0f\n", firstPageMs, rowsPerSecond, bytesPerRow);
    std::fflush(stdout);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    return Flotilla::Bench::run(argc, argv, "bench_runlistmodel", bench);
}
