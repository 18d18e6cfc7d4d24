// Renders each main view of flotilla-desktop into PNGs, against a real
// control plane filled with a few definitions and runs, so people (and
// reviewers) can look at them: screenshots [--dark] DIR (default ./screenshots).
// --dark paints them in a dark palette, as a dark desktop theme would.
// dev.sh runs it under Xvfb; CTest runs it too, so every view at least renders.
#include <compare/comparewindow.h>
#include <definitions/definitiondetails.h>
#include <definitions/definitioneditor.h>
#include <definitions/definitionspage.h>
#include <definitions/launchdialog.h>
#include <desktop/translations.h>
#include <history/historychart.h>
#include <log/logpane.h>
#include <mainwindow/mainwindow.h>
#include <runs/runselectionactions.h>
#include <runs/runspage.h>
#include <runs/runtimelineview.h>
#include <runs/runview.h>
#include <settings/settingsdialog.h>
#include <templates/templatedetails.h>
#include <templates/templatelaunchdialog.h>
#include <templates/templatespage.h>
#include <tray/traymenu.h>
#include <tray/traystate.h>
#include <widgets/schemaform.h>
#include <widgets/starcontroller.h>

#include <client/flotillaclient.h>
#include <client/profilestore.h>
#include <fixtureserver.h>
#include <lists/podeventmodel.h>
#include <lists/runhistorymodel.h>
#include <lists/runlistmodel.h>
#include <lists/runtimelinemodel.h>
#include <lists/starredproxymodel.h>
#include <lists/templatelistmodel.h>
#include <log/logfiltermodel.h>
#include <log/logmodel.h>
#include <log/logview.h>
#include <log/logwrapmodel.h>
#include <runfixture.h>
#include <storefill.h>
#include <testserver.h>
#include <wire/runoutcome.h>

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QPainter>
#include <QPalette>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

QString g_outputDir;
int g_failures = 0;

void fail(const QString &message)
{
    std::fprintf(stderr, "screenshots: %s\n", qPrintable(message));
    ++g_failures;
}

void save(QWidget *widget, const QString &name)
{
    QApplication::processEvents();
    const QString path = g_outputDir + u'/' + name + QStringLiteral(".png");
    if (!widget->grab().save(path))
        return fail(QStringLiteral("cannot write %1").arg(path));
    std::printf("%s\n", qPrintable(path));
}

bool waitFor(const std::function<bool()> &condition, const char *what)
{
    if (QTest::qWaitFor(condition, 30000))
        return true;
    fail(QStringLiteral("timed out waiting for %1").arg(QLatin1String(what)));
    return false;
}

QString launchRun(HttpTestClient &client, const QString &definitionId, const Json &env = Json::array())
{
    return QString::fromStdString(
        launch(client, definitionId, Json{{"run_tags", {{"owner_id", "ada"}}}, {"env", env}}).value("run_id", ""));
}

// The run window of a run of `command`, once that run has stopped.
RunView *openStoppedRun(MainWindow &window, HttpTestClient &http, const char *alias, const char *command)
{
    const QString definition = createDefinition(http, {{"alias", alias},
                                                       {"image", "registry.example.com/batch:2"},
                                                       {"command", command}});
    const QString runId = launchRun(http, definition);
    if (waitForStatus(http, runId, "STOPPED", 60000).value("status", "") != "STOPPED") {
        fail(QStringLiteral("the run of %1 did not stop").arg(QLatin1String(alias)));
        return nullptr;
    }
    RunListModel *runs = window.runsPage()->model();
    if (!waitFor([&] { return runs->rowOf(runId) >= 0; }, "the run in the list"))
        return nullptr;
    RunView *view = window.openRun(runs->itemAt(runs->rowOf(runId)));
    if (!view)
        fail(QStringLiteral("no run view for %1").arg(QLatin1String(alias)));
    return view;
}

// A run window on a long log: opened at its end while the part above is
// still being read (line numbers "≈N"), then a whole-log search under way,
// then the same pattern as a filter.
void shootLongLog(MainWindow &window, HttpTestClient &http)
{
    RunView *view = openStoppedRun(window, http, "long-log",
                                   "awk 'BEGIN { for (i = 1; i <= 400000; i++) printf \"2026-11-27T07:%02d:%02d "
                                   "\\033[32mINFO\\033[0m batch step %d of 400000 done\\n\", i / 6000 % 60, "
                                   "i / 100 % 60, i }'");
    if (!view)
        return;
    LogPane *pane = view->logPane();
    pane->setChunkBytes(LogPane::defaultTailBytes, 16 * 1024); // a slow read above the end, to catch it
    if (!waitFor([&] { return pane->model()->rowCount() > 0; }, "the long log's end"))
        return;
    save(view, QStringLiteral("23-run-long-log-end"));
    pane->setChunkBytes(LogPane::defaultTailBytes, LogPane::defaultEarlierChunkBytes); // the rest at full pace
    if (!waitFor([&] { return pane->isStartReached(); }, "the long log's start"))
        return;
    pane->setPattern(QStringLiteral("step \\d+0000 of"), true);
    save(view, QStringLiteral("24-run-long-log-search"));
    // Filter mode over all of it: the matching lines with one line of context.
    pane->setMode(LogPane::Mode::Filter);
    pane->setFilterOptions(false, 1);
    if (!waitFor([&] { return !pane->filterModel()->isSearching() && pane->filterModel()->rowCount() > 0; },
                 "the long log's filter"))
        return;
    save(view, QStringLiteral("25-run-long-log-filter"));
    view->close();
}

// Wrap mode on 200,000 long request lines: every row counted on the side
// (more rows than lines), a search's matches marked.
void shootWrappedLog(MainWindow &window, HttpTestClient &http)
{
    RunView *view = openStoppedRun(
        window, http, "api-replay",
        "awk 'BEGIN { for (i = 1; i <= 200000; i++) printf \"2026-11-27T08:%02d:%02d request %d POST "
        "/api/v6/task/alias/nightly-etl/execute status=200 body={\\\"cluster\\\":\\\"default\\\",\\\"env\\\":["
        "{\\\"name\\\":\\\"SHARD\\\",\\\"value\\\":\\\"%d\\\"}],\\\"run_tags\\\":{\\\"owner_id\\\":"
        "\\\"ada\\\"}}\\n\", i / 3000 % 60, i / 50 % 60, i, i % 64 }'");
    if (!view)
        return;
    LogPane *pane = view->logPane();
    if (!waitFor([&] { return pane->isStartReached(); }, "the request log's start"))
        return;
    pane->setWrapping(true);
    pane->setPattern(QStringLiteral("SHARD"), false);
    const LogWrapModel *rows = pane->view()->rows();
    if (!waitFor([&] { return rows->rowCount() > 200000 && rows->isMeasured(); }, "the request log's wrapped rows"))
        return;
    save(view, QStringLiteral("26-run-wrapped-log"));
    view->close();
}

// The tray's menu as it opens: a few active runs, the last finished ones
// and the recent launches.
void screenshotTrayMenu()
{
    const QDateTime start(QDate(2026, 11, 27), QTime(7, 0), Qt::UTC);
    const auto run = [&start](const char *id, const char *alias, RunStatus status, int minute,
                              std::optional<qint64> exitCode = std::nullopt) {
        Run made;
        made.runId = QLatin1String(id);
        made.alias = QLatin1String(alias);
        made.status = status;
        made.exitCode = exitCode;
        made.queuedAt = start.addSecs(minute * 60);
        made.startedAt = made.queuedAt;
        if (status == RunStatus::Stopped)
            made.finishedAt = made.startedAt->addSecs(90);
        return made;
    };
    TrayState state;
    state.setActiveRuns(QStringLiteral("local"), {run("a1", "train-model", RunStatus::Running, 50),
                                                  run("a2", "nightly-report", RunStatus::Running, 48),
                                                  run("a3", "resize-images", RunStatus::Queued, 52)});
    state.setRecentlyFinished(QStringLiteral("local"), {run("f1", "hello-flotilla", RunStatus::Stopped, 40, 0),
                                                        run("f2", "nightly-report", RunStatus::Stopped, 30, 1),
                                                        run("f3", "backup-db", RunStatus::Stopped, 20, 0),
                                                        run("f4", "train-model", RunStatus::Stopped, 10, 137),
                                                        run("f5", "resize-images", RunStatus::Stopped, 5, 0)});
    state.setLaunchItems(QStringLiteral("starred"), QStringLiteral("Starred"), QStringLiteral("local"),
                         {{LaunchItem::Kind::Definition, QStringLiteral("d3"), QStringLiteral("backup-db")}});
    state.setLaunchItems(QStringLiteral("recent"), QStringLiteral("Recent"), QStringLiteral("local"),
                         {{LaunchItem::Kind::Definition, QStringLiteral("d1"), QStringLiteral("train-model")},
                          {LaunchItem::Kind::Definition, QStringLiteral("d2"), QStringLiteral("nightly-report")}});
    TrayMenu menu(&state);
    menu.popup(QPoint(40, 40));
    save(&menu, QStringLiteral("16-tray-menu"));
    menu.hide();
}

void screenshotNotificationSettings(ProfileStore *profiles, QWidget *window)
{
    SettingsDialog settings(profiles, window);
    settings.show();
    settings.findChild<QTabWidget *>(QStringLiteral("pages"))
        ->setCurrentWidget(settings.findChild<QWidget *>(QStringLiteral("notificationsPage")));
    save(&settings, QStringLiteral("17-notification-settings"));
    settings.hide();
}

// 19: two definitions starred with the Star action come first, with their marker.
void shootFavourites(MainWindow &window, const QStringList &starred)
{
    window.showPage(MainWindow::Definitions);
    DefinitionsPage *page = window.definitionsPage();
    for (const QString &definitionId : starred) {
        page->select(definitionId);
        page->stars()->starAction()->trigger();
    }
    QTableView *table = page->table();
    const auto starredOnTop = [&] {
        for (int row = 0; row < starred.size(); ++row) {
            if (!table->model()->index(row, 0).data(StarredProxyModel::StarredRole).toBool())
                return false;
        }
        return true;
    };
    if (!waitFor(starredOnTop, "the starred definitions on top"))
        return;
    waitFor([&] { return page->details()->runs()->rowCount() == 1; }, "the definition's runs");
    save(&window, QStringLiteral("19-favourites"));
}

// 18: five active runs selected on the runs page and the one question for
// all of them over it (a dialog is its own window: drawn onto the window's
// picture where it opened).
void bulkStopConfirmation(MainWindow &window, HttpTestClient &http, const QString &definitionId)
{
    for (int i = 0; i < 4; ++i) // with the one running already: five, some QUEUED behind the cluster's four
        launchRun(http, definitionId);
    window.showPage(MainWindow::Runs);
    RunListModel *runs = window.runsPage()->model();
    runs->setStatusFilter({RunStatus::Queued, RunStatus::Pending, RunStatus::Running});
    runs->refresh();
    const auto fiveActive = [runs] {
        bool active = runs->rowCount() == 5;
        for (int row = 0; active && row < runs->rowCount(); ++row)
            active = runs->itemAt(row).isActive();
        return active;
    };
    if (!waitFor(fiveActive, "five active runs"))
        return;
    window.runsPage()->table()->selectAll();
    QAction *stop = window.runsPage()->runActions()->stopAction();
    if (!stop->isEnabled())
        return fail(QStringLiteral("no Stop action for the selected runs"));
    stop->trigger();
    QMessageBox *box = nullptr;
    if (!waitFor([&] { return (box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) != nullptr; },
                 "the stop question"))
        return;
    QApplication::processEvents();
    QPixmap picture = window.grab();
    const QPixmap question = box->grab();
    QPainter painter(&picture);
    const QPoint at = box->isVisible() && window.geometry().contains(box->geometry())
                          ? box->geometry().topLeft() - window.geometry().topLeft()
                          : QPoint((picture.width() - question.width()) / 2, (picture.height() - question.height()) / 3);
    painter.drawPixmap(at, question);
    painter.end();
    const QString path = g_outputDir + QStringLiteral("/18-bulk-stop-confirm.png");
    if (!picture.save(path))
        return fail(QStringLiteral("cannot write %1").arg(path));
    std::printf("%s\n", qPrintable(path));
    box->reject(); // the runs go on
}

// Fusion in the dark palette a dark desktop theme hands Qt applications.
void useDarkPalette()
{
    QApplication::setStyle(QStringLiteral("Fusion"));
    QPalette palette;
    const QColor window(45, 45, 48), base(30, 30, 32), text(230, 230, 230), disabled(128, 128, 128);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::ToolTipBase, base);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, disabled);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, Qt::red);
    palette.setColor(QPalette::Link, QColor(90, 160, 255));
    palette.setColor(QPalette::Highlight, QColor(38, 110, 200));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Light, QColor(70, 70, 74));
    palette.setColor(QPalette::Midlight, QColor(60, 60, 64));
    palette.setColor(QPalette::Mid, QColor(40, 40, 42));
    palette.setColor(QPalette::Dark, QColor(20, 20, 22));
    palette.setColor(QPalette::Shadow, Qt::black);
    for (const QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabled);
    QApplication::setPalette(palette);
}

// A month of a twice-daily job, stored before the server starts: slowly
// getting slower, a few failures, one out-of-memory kill (after which it asks
// for more memory) and one run stopped by hand.
QString storeIngestHistory(const QString &dataDir)
{
    Definition ingest;
    ingest.definitionId = QStringLiteral("daily-ingest-7f3a");
    ingest.alias = QStringLiteral("daily-ingest");
    ingest.groupName = QStringLiteral("data");
    ingest.image = QStringLiteral("registry.example.com/ingest:3.2");
    ingest.command = QStringLiteral("ingest --source s3://data/events --since yesterday");
    ingest.memory = 768;
    ingest.tags = {QStringLiteral("etl")};
    QList<Run> runs;
    const QDateTime first = QDateTime::currentDateTimeUtc().addDays(-30);
    for (int i = 0; i < 60; ++i) {
        Run run = runOfDefinition(ingest, QStringLiteral("ingest-run-%1").arg(i, 2, 10, QLatin1Char('0')),
                                  RunStatus::Stopped, QStringLiteral("ada"));
        run.memory = i <= 23 ? 512 : 768;
        run.queuedAt = first.addSecs(qint64(i) * 12 * 3600);
        run.startedAt = run.queuedAt->addSecs(4);
        qint64 seconds = 240 + i * 3 + (i * 37) % 60;
        run.exitCode = 0;
        run.maxMemoryUsed = 280 + i * 3 + (i * 53) % 70;
        if (i % 11 == 5) {
            run.exitCode = 1;
            seconds = 40 + i;
        } else if (i == 23) {
            run.exitCode = 137;
            run.exitReason = QStringLiteral("OOMKilled");
            run.maxMemoryUsed = 512;
        } else if (i == 41) {
            run.exitCode = 143;
            run.exitReason = terminatedByUserReason.toString();
        }
        run.finishedAt = run.startedAt->addSecs(seconds);
        runs.append(run);
    }
    QDir().mkpath(dataDir);
    return storeRuns(dataDir + QStringLiteral("/flotilla.sqlite"), {ingest}, runs);
}

// 20: a definition's history chart: a month of runs by outcome, memory
// against the request, median and p90.
void shootDefinitionHistory(MainWindow &window, const QString &definitionId)
{
    window.showPage(MainWindow::Definitions);
    DefinitionsPage *page = window.definitionsPage();
    page->select(definitionId);
    auto *tabs = page->details()->findChild<QTabWidget *>(QStringLiteral("runTabs"));
    if (!tabs)
        return fail(QStringLiteral("no runs tabs in the definition's details"));
    tabs->setCurrentWidget(page->details()->history());
    RunHistoryModel *history = page->details()->history()->model();
    if (!waitFor([&] { return !history->isLoading() && history->rowCount() == 60; }, "the definition's history"))
        return;
    save(&window, QStringLiteral("20-definition-history"));
    tabs->setCurrentIndex(0);
}

// The runs page's timeline, a row per definition: the runs of this session,
// some at once (lanes), failed, stopped by the user, and one still running.
void shootTimeline(MainWindow &window, HttpTestClient &http, const QDateTime &since)
{
    const auto define = [&](const char *alias, const char *command) {
        return createDefinition(http, {{"alias", alias},
                                       {"group_name", "ops"},
                                       {"image", "registry.example.com/ops:1"},
                                       {"command", command},
                                       {"memory", 256}});
    };
    const QString backup = define("backup-db", "sleep 4");
    const QString resize = define("resize-images", "sleep 1.5; exit 1");
    const QString sync = define("sync-users", "sleep 1");
    QStringList runs = {launchRun(http, backup), launchRun(http, resize), launchRun(http, sync)};
    waitForStatus(http, runs.constLast(), "STOPPED");
    runs.append(launchRun(http, sync));
    waitForStatus(http, runs.constFirst(), "STOPPED");
    const QString stopped = launchRun(http, backup);
    const QDateTime started = QDateTime::fromString(QString::fromStdString(
                                                        waitForStatus(http, stopped, "RUNNING").value("started_at", "")),
                                                    Qt::ISODate);
    // Its bar long enough to be seen: a second of running, by the server's clock of its start.
    waitFor([&] { return !started.isValid() || started.msecsTo(QDateTime::currentDateTimeUtc()) >= 1000; },
            "the run to have run for a second");
    http.del(QStringLiteral("/api/v1/task/%1/history/%2").arg(backup, stopped));
    runs.append(stopped);
    runs.append(launchRun(http, resize));
    for (const QString &runId : runs)
        waitForStatus(http, runId, "STOPPED");

    window.showPage(MainWindow::Runs);
    window.runsPage()->showTimeline(true);
    RunTimelineView *timeline = window.runsPage()->timeline();
    timeline->setGrouping(TimelineGrouping::ByDefinition);
    const QDateTime now = QDateTime::currentDateTime();
    timeline->setChosenRange(since, now.addMSecs(since.msecsTo(now) / 8));
    if (!waitFor([&] { return timeline->model()->runCount() >= 5 + runs.size() && !timeline->model()->isLoading(); },
                 "the timeline's runs"))
        return;
    save(&window, QStringLiteral("21-runs-timeline"));
    window.runsPage()->showTimeline(false);
}

// Yesterday's and today's run of an import, with different env: the
// comparison window with its fields, env and aligned logs.
void shootComparison(MainWindow &window, HttpTestClient &http)
{
    const char *const importer
        = "now() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }; "
          "echo \"$(now) INFO importer 7.2 starting in $REGION, batches of $BATCH\"; "
          "for t in orders customers invoices payments refunds shipments; do "
          "echo \"$(now) INFO loading table $t\"; echo \"$(now) INFO table $t: 1200 rows read\"; "
          "echo \"$(now) INFO table $t: checksum ok\"; "
          "if [ $t = refunds ] && [ \"$STRICT\" = 1 ]; then "
          "echo \"$(now) ERROR table refunds: 3 rows failed validation (request "
          "0f8fad5b-d9cb-469f-a165-70867728950e)\"; "
          "fi; done; "
          "if [ \"$STRICT\" = 1 ]; then echo \"$(now) ERROR import aborted\"; exit 4; fi; "
          "echo \"$(now) INFO committed 7200 rows\"";
    const QString definition = createDefinition(http, {{"alias", "nightly-import"},
                                                       {"group_name", "data"},
                                                       {"image", "registry.example.com/importer:7.2"},
                                                       {"command", importer},
                                                       {"memory", 256}});
    const auto env = [](std::initializer_list<std::pair<const char *, const char *>> vars) {
        Json list = Json::array();
        for (const auto &[name, value] : vars)
            list.push_back(Json{{"name", name}, {"value", value}});
        return list;
    };
    const QString yesterday = launchRun(http, definition,
                                        env({{"REGION", "eu-west-1"}, {"BATCH", "500"}, {"LOG_LEVEL", "info"}}));
    waitForStatus(http, yesterday, "STOPPED");
    const QString today = launchRun(http, definition,
                                    env({{"REGION", "eu-west-1"}, {"BATCH", "1000"}, {"STRICT", "1"}}));
    waitForStatus(http, today, "STOPPED");
    FlotillaClient *client = window.connection()->client();
    const auto read = [client](const QString &runId) {
        ResultJob<Run> *job = client->run(runId);
        job->setAutoDelete(false);
        QSignalSpy finished(job, &ApiJob::finished);
        job->start();
        finished.wait(30000);
        const Run run = job->result();
        job->deleteLater();
        return run;
    };
    CompareWindow *compare = window.openComparison(read(yesterday), read(today));
    if (!compare)
        return fail(QStringLiteral("no compare window"));
    QSignalSpy compared(compare, &CompareWindow::logsCompared);
    if (!compared.wait(30000))
        return fail(QStringLiteral("the logs were not compared"));
    save(compare, QStringLiteral("22-compare-runs"));
    compare->close();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("flotilla-screenshots"));
    QCoreApplication::setApplicationName(QStringLiteral("flotilla-screenshots"));
    const Translations translations{QLocale()}; // LANGUAGE=de: the German views
    QStringList arguments = QCoreApplication::arguments().mid(1);
    if (arguments.removeAll(QStringLiteral("--dark")) > 0)
        useDarkPalette();
    g_outputDir = arguments.value(0, QStringLiteral("screenshots"));
    QDir().mkpath(g_outputDir);
    QTemporaryDir settingsDir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());

    ControlPlaneOptions options;
    options.containerEngines.clear();
    TestServer server(options);
    QString error = storeIngestHistory(server.dataDir());
    if (!error.isEmpty() || !server.start(&error))
        return fail(error), 1;
    HttpTestClient http(server);
    const QDateTime started = QDateTime::currentDateTime().addSecs(-2);
    const QString hello = createDefinition(http, {{"alias", "hello-flotilla"},
                                                  {"group_name", "examples"},
                                                  {"image", "docker.io/library/busybox:latest"},
                                                  {"command", "echo \"hello ${USERNAME}\""},
                                                  {"memory", 64},
                                                  {"env", Json::array({Json{{"name", "USERNAME"}, {"value", "world"}}})},
                                                  {"tags", Json::array({"example"})}});
    const QString report = createDefinition(http,
                                            {{"alias", "nightly-report"},
                                             {"group_name", "reports"},
                                             {"image", "registry.example.com/reports:2.4"},
                                             {"command",
                                              "for i in $(seq 1 40); do printf '\\033[32mINFO\\033[0m step %s of 40: "
                                              "\\033[1mrendering\\033[0m section %s\\n' $i $i; done; "
                                              "printf '\\033[33mWARN\\033[0m 2 charts had no data\\n'; echo done"},
                                             {"memory", 512},
                                             {"env", Json::array({Json{{"name", "REPORT_DATE"}, {"value", "2026-11-26"}},
                                                                  Json{{"name", "FORMAT"}, {"value", "pdf"}}})},
                                             {"tags", Json::array({"nightly", "finance"})}});
    const QString train = createDefinition(http, {{"alias", "train-model"},
                                                  {"group_name", "ml"},
                                                  {"image", "registry.example.com/trainer:1.9"},
                                                  {"command", "echo epoch 1; echo epoch 2; sleep 600"},
                                                  {"memory", 4096},
                                                  {"tags", Json::array({"gpu"})}});
    const QString etl = createDefinition(http,
                                         {{"alias", "etl-orders"},
                                          {"group_name", "data"},
                                          {"image", "registry.example.com/etl:5"},
                                          {"command",
                                           "echo loading orders; echo 'ERROR: table orders is locked' >&2; exit 3"},
                                          {"memory", 1024}});
    launchRun(http, hello, Json::array({Json{{"name", "USERNAME"}, {"value", "Ada"}}}));
    const QString reportRun = launchRun(http, report);
    const QString failedRun = launchRun(http, etl);
    const QString trainRun = launchRun(http, train);
    const Json sweep = http.post(QStringLiteral("/api/v7/template"), Json::parse(R"({
        "template_name": "parameter-sweep", "image": "registry.example.com/sweep:3", "memory": 2048,
        "schema": {"type": "object", "required": ["dataset", "optimizer", "epochs"], "properties": {
            "dataset": {"type": "string", "title": "Dataset", "description": "Where the training data is"},
            "optimizer": {"type": "string", "title": "Optimizer", "enum": ["adam", "sgd", "rmsprop"]},
            "epochs": {"type": "integer", "title": "Epochs", "minimum": 1, "maximum": 500},
            "learning_rate": {"type": "number", "title": "Learning rate", "minimum": 0, "maximum": 1},
            "early_stop": {"type": "boolean", "title": "Stop early"},
            "features": {"type": "array", "title": "Features", "items": {"type": "string"}}}},
        "defaults": {"dataset": "s3://data/orders", "optimizer": "adam", "epochs": 20, "learning_rate": 0.01,
                     "features": ["age", "income"]},
        "command_template": "echo training on {{.dataset}} with {{.optimizer}} for {{.epochs}} epochs{{range .features}} --feature {{.}}{{end}}{{if .early_stop}} --early-stop{{end}}"
    })"))
                           .json()["template"];
    const QString sweepRun = QString::fromStdString(
        http.put(QStringLiteral("/api/v7/template/%1/execute").arg(QString::fromStdString(sweep["template_id"])),
                 Json{{"owner_id", "ada"}, {"template_payload", {{"epochs", 40}}}})
            .json()
            .value("run_id", ""));
    waitForStatus(http, reportRun, "STOPPED");
    waitForStatus(http, sweepRun, "STOPPED");
    waitForStatus(http, failedRun, "STOPPED");
    waitForStatus(http, trainRun, "RUNNING");

    QTemporaryDir profilesDir;
    ProfileStore profiles(profilesDir.filePath(QStringLiteral("flotilla.conf")));
    ServerProfile production;
    production.name = QStringLiteral("production");
    production.baseUrl = QUrl(QStringLiteral("https://flotilla.example.com"));
    production.flavour = ServerFlavour::CurrentUpstream;
    production.ownerId = QStringLiteral("ada");
    profiles.save(production);

    MainWindow window(&profiles);
    window.setAskBeforeQuit(false);
    window.resize(1280, 800);
    window.show();
    window.setLocalServer(server.url(), server.token());
    QTableView *definitions = window.definitionsPage()->table();
    if (!waitFor([&] { return definitions->model()->rowCount() == 5; }, "the definitions"))
        return 1;
    window.definitionsPage()->select(report);
    waitFor([&] { return window.definitionsPage()->details()->runs()->rowCount() == 1; }, "the definition's runs");
    save(&window, QStringLiteral("01-definitions"));

    window.showPage(MainWindow::Runs);
    window.runsPage()->model()->setStatusFilter({});
    // The five launched here and daily-ingest's stored month.
    waitFor([&] { return window.runsPage()->model()->rowCount() == 65; }, "the runs");
    save(&window, QStringLiteral("02-runs"));
    window.showPage(MainWindow::Groups);
    save(&window, QStringLiteral("03-groups"));
    window.showPage(MainWindow::Definitions);

    const auto runOf = [&](const QString &runId) {
        RunListModel *runs = window.runsPage()->model();
        return runs->itemAt(runs->rowOf(runId));
    };
    for (const auto &[runId, name] : {std::pair{reportRun, QStringLiteral("04-run-finished")},
                                      std::pair{failedRun, QStringLiteral("05-run-failed")},
                                      std::pair{trainRun, QStringLiteral("06-run-running")}}) {
        RunView *view = window.openRun(runOf(runId));
        if (!view)
            return fail(QStringLiteral("no run view")), 1;
        waitFor([&] { return view->logPane()->model()->rowCount() > 0 && view->run().startedAt.has_value(); },
                "log lines");
        save(view, name);
        view->close();
    }

    // An upstream EKS run killed for memory: limits, peaks, placement and
    // events, which our local engine does not have.
    FixtureServer upstream;
    if (!upstream.listen())
        return fail(QStringLiteral("no upstream imitation")), 1;
    const QByteArray oomRun = FixtureServer::fixture(QStringLiteral("run-oomkilled-eks-head.json"));
    const QString oomRunId = QString::fromStdString(Json::parse(oomRun.toStdString())["run_id"]);
    upstream.setHandler([&](const FixtureRequest &request) -> std::optional<FixtureResponse> {
        if (request.path.endsWith("/logs"))
            return FixtureResponse::json(R"({"last_seen":"2","log":"loading orders\nKilled\n"})");
        if (request.path.contains(oomRunId.toUtf8()))
            return FixtureResponse::json(oomRun);
        return std::nullopt;
    });
    FlotillaClient upstreamClient(upstream.url(), ServerFlavour::CurrentUpstream);
    Run oomStub;
    oomStub.runId = oomRunId;
    RunView oomView(&upstreamClient, oomStub);
    oomView.resize(1280, 760);
    oomView.show();
    waitFor([&] { return oomView.events()->rowCount() > 0 && oomView.logPane()->model()->rowCount() > 0; },
            "the OOM run");
    save(&oomView, QStringLiteral("14-run-oom-resources"));
    auto *runTabs = oomView.findChild<QTabWidget *>(QStringLiteral("runTabs"));
    runTabs->setCurrentIndex(1);
    save(&oomView, QStringLiteral("15-run-oom-events"));
    oomView.close();

    const Definition selected = *window.definitionsPage()->selectedDefinition();
    ServerConnection *connection = window.connection();
    DefinitionEditor editor(connection->client(), DefinitionEditor::Mode::Edit, selected, &window);
    editor.show();
    save(&editor, QStringLiteral("07-definition-editor"));
    editor.hide();
    LaunchDialog launchDialog(connection->client(), ServerProfile::local(), selected, std::nullopt, &window);
    launchDialog.show();
    save(&launchDialog, QStringLiteral("08-launch"));
    launchDialog.hide();

    window.showPage(MainWindow::Templates);
    QTableView *templates = window.templatesPage()->table();
    if (!waitFor([&] { return templates->model()->rowCount() == 1; }, "the templates"))
        return 1;
    templates->setCurrentIndex(templates->model()->index(0, 0));
    waitFor([&] { return window.templatesPage()->details()->runs()->rowCount() == 1; }, "the template's runs");
    waitFor([&] { return window.templatesPage()->details()->versions()->rowCount() == 1; }, "the versions");
    save(&window, QStringLiteral("10-templates"));
    const Template shownTemplate = window.templatesPage()->details()->shownTemplate();
    TemplateLaunchDialog templateDialog(connection->client(), ServerProfile::local(), shownTemplate, std::nullopt,
                                        &window);
    templateDialog.resize(720, 820);
    templateDialog.show();
    save(&templateDialog, QStringLiteral("11-template-launch"));
    // A payload the schema refuses, typed as JSON: each problem at its field,
    // and the command waits until they are mended.
    auto *payloadTabs = templateDialog.findChild<QTabWidget *>(QStringLiteral("payloadTabs"));
    payloadTabs->setCurrentIndex(1);
    templateDialog.findChild<QPlainTextEdit *>(QStringLiteral("jsonEdit"))
        ->setPlainText(QStringLiteral("{\n  \"dataset\": \"s3://data/orders\",\n  \"optimizer\": \"adagrad\",\n"
                                      "  \"epochs\": 900\n}"));
    save(&templateDialog, QStringLiteral("12-template-launch-json"));
    payloadTabs->setCurrentIndex(0);
    save(&templateDialog, QStringLiteral("13-template-launch-problems"));
    templateDialog.hide();

    SettingsDialog settings(&profiles, &window);
    settings.show();
    save(&settings, QStringLiteral("09-settings"));
    settings.hide();

    screenshotTrayMenu();
    screenshotNotificationSettings(&profiles, &window);
    shootTimeline(window, http, started);
    shootFavourites(window, {train, report});
    // Before the bulk stop question, whose runs go on and take the cluster's slots.
    shootLongLog(window, http);
    shootWrappedLog(window, http);
    shootComparison(window, http);
    bulkStopConfirmation(window, http, train);
    shootDefinitionHistory(window, QStringLiteral("daily-ingest-7f3a"));
    return g_failures == 0 ? 0 : 1;
}
