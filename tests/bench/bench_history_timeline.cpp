// bench_history part "timeline": the timeline of 10,000 runs, panned.
//
// Fills a data dir through the Store with 10,000 runs over the last 90 days
// (the data of bench_controlplane, on 50 definitions), starts the real
// flotilla-local on it (--parallel-runs 0) and shows the runs page's
// timeline offscreen, a row per definition, over 91 days: every run in
// range, loaded through the paged run lists. Then pans it 100 steps of 12
// pixels twice, at the whole range (every run on screen, merged per pixel)
// and zoomed in to a week, and times each step: the pan, the events it
// posts (the chart's layout) and the repaint. Prints
//   timeline_load_ms      from setClient() to every run loaded and drawn
//   timeline_max_frame_ms the worst step (target 16)
#include "benchhistory.h"
#include "benchsupport.h"
#include "storefill.h"

#include <client/flotillaclient.h>
#include <lists/runtimelinemodel.h>
#include <runs/runtimelinechart.h>
#include <runs/runtimelineview.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

using namespace Flotilla;
using namespace Flotilla::Bench;

namespace {

constexpr int runCount = 10000;
constexpr int panSteps = 100;
constexpr double panPixels = 12;
constexpr double targetFrameMs = 16;

// The worst and mean frame of `steps` pans by `dx` pixels.
std::pair<double, double> pan(RunTimelineChart &chart, double dx)
{
    double worst = 0;
    double total = 0;
    QElapsedTimer frame;
    for (int step = 0; step < panSteps; ++step) {
        frame.start();
        chart.panPixels(dx, 0);
        QCoreApplication::processEvents(); // the chart lays out its axes on a posted event
        chart.viewport()->repaint();
        const double ms = double(frame.nsecsElapsed()) / 1e6;
        worst = std::max(worst, ms);
        total += ms;
    }
    return {worst, total / panSteps};
}

void measure()
{
    std::unique_ptr<QTemporaryDir> temporary;
    const QString dataDir = dataDirFor({}, QStringLiteral("flotilla-bench-timeline"), &temporary);
    const Testing::FillResult filled = Testing::fillStore(dataDir + QStringLiteral("/flotilla.sqlite"), 50, runCount);
    if (!filled.error.isEmpty())
        fail(filled.error);
    Server server;
    const QUrl base = server.start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                    QStringLiteral("--data-dir"), dataDir, QStringLiteral("--parallel-runs"),
                                    QStringLiteral("0")});
    FlotillaClient client(base, ServerFlavour::ControlPlane);
    client.setBearerToken(QString::fromUtf8(server.token()));

    RunTimelineView view;
    view.resize(1280, 760);
    view.show();
    const QDateTime now = QDateTime::currentDateTime();
    view.setChosenRange(now.addDays(-91), now);
    view.setGrouping(TimelineGrouping::ByDefinition);
    QElapsedTimer load;
    load.start();
    view.setClient(&client);
    // 1% of the stored runs are still queued: no bar.
    waitUntil([&] { return view.model()->runCount() >= runCount * 98 / 100 && !view.model()->isLoading(); }, 120000,
              QStringLiteral("the runs"));
    QCoreApplication::processEvents();
    view.chart()->viewport()->repaint();
    const double loadMs = double(load.nsecsElapsed()) / 1e6;
    say(QStringLiteral("timeline: %1 runs in range on %2 rows, loaded and drawn in %3 ms")
            .arg(view.model()->runCount())
            .arg(view.model()->rowCount())
            .arg(loadMs, 0, 'f', 0));

    RunTimelineChart &chart = *view.chart();
    const auto [wholeWorst, wholeMean] = pan(chart, -panPixels);
    say(QStringLiteral("pan at the whole range (91 days): worst %1 ms, mean %2 ms a frame")
            .arg(wholeWorst, 0, 'f', 2)
            .arg(wholeMean, 0, 'f', 2));
    const qint64 weekMs = 7LL * 24 * 3600 * 1000;
    chart.setVisibleRange(now.toMSecsSinceEpoch() - 3 * weekMs, now.toMSecsSinceEpoch() - 2 * weekMs);
    QCoreApplication::processEvents();
    const auto [weekWorst, weekMean] = pan(chart, panPixels);
    say(QStringLiteral("pan at a week: worst %1 ms, mean %2 ms a frame")
            .arg(weekWorst, 0, 'f', 2)
            .arg(weekMean, 0, 'f', 2));
    const double worst = std::max(wholeWorst, weekWorst);
    say(QStringLiteral("timeline_load_ms=%1 timeline_max_frame_ms=%2 (target %3)")
            .arg(loadMs, 0, 'f', 0)
            .arg(worst, 0, 'f', 2)
            .arg(targetFrameMs, 0, 'f', 0));
}

const bool registered = registerHistoryPart(QStringLiteral("timeline"), measure);

} // namespace
