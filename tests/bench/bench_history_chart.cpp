// bench_history part "chart": chart_ms, the time from asking for a
// definition's chart of its last 1,000 runs to the chart painted, the runs
// served by the real flotilla-local over a store filled as bench_runlistmodel
// fills it (20,000 runs, the busiest definition holding well over 1,000).
// It covers the page request, the model's rebuild, the series and the paint.
// Target 200 ms.

#include "benchhistory.h"
#include "benchsupport.h"
#include "storefill.h"

#include <history/historychart.h>
#include <history/zoomablechartview.h>
#include <lists/runhistorymodel.h>
#include <lists/runlistmodel.h>

#include <client/flotillaclient.h>

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

using namespace Flotilla;
using namespace Flotilla::Bench;

namespace {

constexpr double targetChartMs = 200;
constexpr int storedRuns = 20000;
constexpr int definitions = 200;

void measureChart()
{
    std::unique_ptr<QTemporaryDir> temporary;
    const QString dataDir = dataDirFor({}, QStringLiteral("flotilla-bench-chart"), &temporary);
    const Testing::FillResult filled = Testing::fillStore(dataDir + QStringLiteral("/flotilla.sqlite"), definitions,
                                                          storedRuns);
    if (!filled.error.isEmpty())
        fail(filled.error);
    Server server;
    const QUrl base = server.start({QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                    QStringLiteral("--data-dir"), dataDir, QStringLiteral("--parallel-runs"),
                                    QStringLiteral("0")});
    FlotillaClient client(base, ServerFlavour::ControlPlane);
    client.setBearerToken(QString::fromUtf8(server.token()));

    // The busiest definition: storefill's first.
    ResultJob<Definition> *lookup = client.definitionByAlias(QStringLiteral("bench-job-00000"));
    lookup->setAutoDelete(false);
    lookup->start();
    waitUntil([lookup] { return lookup->isFinished(); }, 30000, QStringLiteral("the busiest definition"));
    if (!lookup->succeeded())
        fail(lookup->error().sentence());
    const Definition definition = lookup->result();

    HistoryChart chart;
    chart.resize(1100, 480);
    chart.show();
    chart.model()->setLimit(RunHistoryModel::maxLimit);
    QCoreApplication::processEvents();

    QElapsedTimer timer;
    timer.start();
    chart.showRunsOf(&client, definition.definitionId, false, definition.alias);
    RunHistoryModel *model = chart.model();
    waitUntil(
        [model] {
            if (model->source()->lastError().isError())
                fail(model->source()->lastError().sentence());
            return !model->isLoading() && model->rowCount() == RunHistoryModel::maxLimit;
        },
        60000, QStringLiteral("1,000 runs in the chart"));
    const double loadedMs = timer.nsecsElapsed() / 1e6;
    chart.chartView()->viewport()->repaint();
    const double chartMs = timer.nsecsElapsed() / 1e6;

    // The drawing alone: the same 1,000 runs again (a live update).
    timer.restart();
    model->setLimit(RunHistoryModel::maxLimit - 1);
    waitUntil([model] { return !model->isLoading(); }, 10000, QStringLiteral("the rebuild"));
    chart.chartView()->viewport()->repaint();
    const double redrawMs = timer.nsecsElapsed() / 1e6;
    server.stop();

    say(QStringLiteral("chart: %1 of %2 stored runs of %3 (%4 on the server) loaded after %5 ms, painted after "
                       "%6 ms; a rebuild and repaint of them %7 ms")
            .arg(model->rowCount())
            .arg(storedRuns)
            .arg(definition.alias)
            .arg(model->source()->totalCount())
            .arg(loadedMs, 0, 'f', 1)
            .arg(chartMs, 0, 'f', 1)
            .arg(redrawMs, 0, 'f', 1));
    say(QStringLiteral("target: chart_ms %1 <= %2 %3")
            .arg(chartMs, 0, 'f', 1)
            .arg(targetChartMs)
            .arg(chartMs <= targetChartMs ? QStringLiteral("met") : QStringLiteral("MISSED")));
    say(QStringLiteral("chart_ms=%1").arg(chartMs, 0, 'f', 1));
}

[[maybe_unused]] const bool registered = registerHistoryPart(QStringLiteral("chart"), measureChart);

} // namespace
