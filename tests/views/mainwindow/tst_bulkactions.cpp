// BulkActions against a real control plane: one question naming the count,
// progress in status messages, every item done once, a partial failure
// listed item by item, retries with each run's env, one launch form for
// several definitions, and run ids on the clipboard.
#include <definitions/launchdialog.h>
#include <mainwindow/bulkactions.h>
#include <widgets/envvareditor.h>

#include <client/bulkoperation.h>
#include <client/flotillaclient.h>
#include <client/serverconnection.h>
#include <testserver.h>
#include <widgettesting.h>

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_BulkActions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void stopAsksOnceThenStopsEachRun();
    void cancelledStopStopsNothing();
    void partialFailureListsEachFailedRun();
    void retryRelaunchesEachWithItsOwnEnv();
    void launchUsesOneFormForAll();
    void deleteAsksOnceThenDeletesEach();
    void copyIdsPutsOneALine();
    void withoutAConnectionItSaysSo();

private:
    Definition definition(const std::string &command);
    Run launched(const Definition &definition, const Json &env = Json::array(), const char *status = "RUNNING");
    QMessageBox *waitForQuestion();

    QTemporaryDir m_settingsDir; // the launch form remembers its last launch
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpTestClient> m_http;
    std::unique_ptr<QWidget> m_window;
    ServerConnection *m_connection = nullptr;
    BulkActions *m_bulk = nullptr;
};

void Tst_BulkActions::initTestCase()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    m_server = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_http = std::make_unique<HttpTestClient>(*m_server);
}

void Tst_BulkActions::init()
{
    m_window = std::make_unique<QWidget>();
    m_window->show();
    m_connection = new ServerConnection(m_window.get());
    m_bulk = new BulkActions(m_connection, m_window.get());
    m_connection->setLocalServer(m_server->url(), m_server->token());
    m_connection->connectTo(ServerProfile::local());
    QCOMPARE(m_connection->state(), ServerConnection::State::Connected);
}

void Tst_BulkActions::cleanup()
{
    m_window.reset();
}

Definition Tst_BulkActions::definition(const std::string &command)
{
    const std::string alias = "bulk-" + std::to_string(QRandomGenerator::global()->generate());
    Definition definition;
    definition.definitionId = createDefinition(*m_http, {{"alias", alias}, {"image", "none"}, {"command", command}});
    definition.alias = QString::fromStdString(alias);
    definition.command = QString::fromStdString(command);
    return definition;
}

Run Tst_BulkActions::launched(const Definition &definition, const Json &env, const char *status)
{
    const Json run = launch(*m_http, definition.definitionId,
                            Json{{"run_tags", {{"owner_id", "tester"}}}, {"env", env}});
    QStringList errors;
    return Run::fromJson(waitForStatus(*m_http, QString::fromStdString(run.value("run_id", "")), status), &errors);
}

QMessageBox *Tst_BulkActions::waitForQuestion()
{
    QMessageBox *box = nullptr;
    const bool open = QTest::qWaitFor(
        [&] { return (box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) != nullptr; }, 10000);
    return open ? box : nullptr;
}

void Tst_BulkActions::stopAsksOnceThenStopsEachRun()
{
    const Definition sleeper = definition("sleep 600");
    QList<Run> runs;
    for (int i = 0; i < 5; ++i)
        runs.append(launched(sleeper, Json::array(), i < 4 ? "RUNNING" : "QUEUED")); // four run at once
    QSignalSpy messages(m_bulk, &BulkActions::statusMessage);
    QSignalSpy changed(m_bulk, &BulkActions::runsChanged);
    m_bulk->stopRuns(runs);
    QMessageBox *question = waitForQuestion();
    QVERIFY(question);
    QCOMPARE(question->text(), QStringLiteral("Stop 5 runs?"));
    QVERIFY(answerMessageBox(QStringLiteral("Stop 5 Runs")));
    QVERIFY(changed.wait(30000));
    QCOMPARE(changed.size(), 1);
    QStringList texts;
    for (const QVariantList &message : std::as_const(messages))
        texts.append(message.constFirst().toString());
    QCOMPARE(texts.constFirst(), QStringLiteral("Stopping runs: 0 of 5"));
    QVERIFY2(texts.contains(QStringLiteral("Stopping runs: 3 of 5")), qPrintable(texts.join(u'\n')));
    QCOMPARE(texts.constLast(), QStringLiteral("Stopped 5 runs"));
    for (const Run &run : std::as_const(runs))
        QCOMPARE(waitForStatus(*m_http, run.runId, "STOPPED").value("exit_reason", ""), "Task terminated by user");
}

void Tst_BulkActions::cancelledStopStopsNothing()
{
    const Definition sleeper = definition("sleep 600");
    const QList<Run> runs{launched(sleeper), launched(sleeper)};
    m_bulk->stopRuns(runs);
    QVERIFY(answerMessageBox(QStringLiteral("Cancel")));
    QTRY_VERIFY(!QApplication::activeModalWidget());
    QVERIFY(!m_bulk->operation());
    for (const Run &run : runs)
        QCOMPARE(m_http->get(QStringLiteral("/api/v1/history/") + run.runId).json().value("status", ""), "RUNNING");
    for (const Run &run : runs)
        m_http->del(QStringLiteral("/api/v1/task/%1/history/%2").arg(run.definitionId, run.runId));
}

void Tst_BulkActions::partialFailureListsEachFailedRun()
{
    const Definition sleeper = definition("sleep 600");
    Run unknown;
    unknown.runId = QStringLiteral("00000000-0000-4000-8000-0000000000aa");
    unknown.definitionId = sleeper.definitionId;
    unknown.alias = QStringLiteral("vanished");
    const Run ended = launched(definition("true"), Json::array(), "STOPPED");
    const QList<Run> runs{launched(sleeper), unknown, ended};
    QSignalSpy shown(m_bulk, &BulkActions::failuresShown);
    QSignalSpy messages(m_bulk, &BulkActions::statusMessage);
    m_bulk->stopRuns(runs);
    QVERIFY(answerMessageBox(QStringLiteral("Stop 3 Runs")));
    QVERIFY(shown.wait(30000));
    auto *report = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
    QVERIFY(report);
    QCOMPARE(report->text(), QStringLiteral("2 of 3 runs could not be stopped."));
    const QStringList lines = report->informativeText().split(u'\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.contains(QStringLiteral("vanished (%1): Run with id %1 not found for %2")
                                .arg(unknown.runId, sleeper.definitionId)),
             qPrintable(lines.join(u'\n')));
    QVERIFY2(std::any_of(lines.cbegin(), lines.cend(),
                         [&](const QString &line) {
                             return line.startsWith(QStringLiteral("%1 (%2): ").arg(ended.alias, ended.runId));
                         }),
             qPrintable(lines.join(u'\n')));
    QVERIFY(report->detailedText().contains(QStringLiteral("HTTP 404")));
    QCOMPARE(messages.constLast().constFirst().toString(), report->text());
    report->close();
    QCOMPARE(waitForStatus(*m_http, runs.constFirst().runId, "STOPPED").value("status", ""), "STOPPED");
}

void Tst_BulkActions::retryRelaunchesEachWithItsOwnEnv()
{
    const Definition printer = definition("echo $COLOUR");
    const QList<Run> runs{launched(printer, Json::array({Json{{"name", "COLOUR"}, {"value", "red"}}}), "STOPPED"),
                          launched(printer, Json::array({Json{{"name", "COLOUR"}, {"value", "blue"}}}), "STOPPED")};
    QSignalSpy changed(m_bulk, &BulkActions::runsChanged);
    m_bulk->retryRuns(runs);
    QCOMPARE(waitForQuestion()->text(),
             QStringLiteral("Retry 2 runs, each with its own environment, cluster and command?"));
    QVERIFY(answerMessageBox(QStringLiteral("Retry 2 Runs")));
    QVERIFY(changed.wait(30000));
    const Json history = m_http->get(QStringLiteral("/api/v1/task/%1/history").arg(printer.definitionId)).json();
    QCOMPARE(history["total"].get<int>(), 4);
    QMap<QString, int> colours;
    for (const Json &run : history["history"]) {
        for (const Json &var : run["env"]) {
            if (var["name"] == "COLOUR")
                ++colours[QString::fromStdString(var["value"].get<std::string>())];
            QVERIFY(var["name"] != "FLOTILLA_RUN_ID" || var["value"] == run["run_id"]); // not the old run's
        }
    }
    QCOMPARE(colours, (QMap<QString, int>{{QStringLiteral("blue"), 2}, {QStringLiteral("red"), 2}}));
}

void Tst_BulkActions::launchUsesOneFormForAll()
{
    const QList<Definition> definitions{definition("echo one $EXTRA"), definition("echo two $EXTRA")};
    QSignalSpy messages(m_bulk, &BulkActions::statusMessage);
    QSignalSpy changed(m_bulk, &BulkActions::runsChanged);
    m_bulk->launchDefinitions(definitions);
    LaunchDialog *dialog = nullptr;
    QVERIFY(QTest::qWaitFor([&] { return (dialog = m_window->findChild<LaunchDialog *>()) != nullptr; }, 10000));
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Launch 2 Definitions"));
    QCOMPARE(namedChild<QLabel>(dialog, "definitionName")->text(),
             definitions[0].alias + QStringLiteral(", ") + definitions[1].alias);
    QVERIFY(!namedChild<QPlainTextEdit>(dialog, "commandEdit")->isVisibleTo(dialog)); // each keeps its own
    namedChild<QLineEdit>(dialog, "ownerEdit")->setText(QStringLiteral("tester"));
    namedChild<EnvVarEditor>(dialog, "envEditor")->setEnvVars({{QStringLiteral("EXTRA"), QStringLiteral("shared")}});
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QCOMPARE(ok->text(), QStringLiteral("&Launch 2"));
    QTRY_VERIFY(ok->isEnabled());
    ok->click();
    QVERIFY(changed.wait(30000));
    QCOMPARE(messages.constLast().constFirst().toString(), QStringLiteral("Launched 2 definitions"));
    for (const Definition &definition : definitions) {
        const Json history = m_http->get(QStringLiteral("/api/v1/task/%1/history").arg(definition.definitionId)).json();
        QCOMPARE(history["total"].get<int>(), 1);
        const Json &run = history["history"][0];
        QCOMPARE(run.value("command", ""), definition.command.toStdString());
        QVERIFY(std::any_of(run["env"].cbegin(), run["env"].cend(),
                            [](const Json &var) { return var["name"] == "EXTRA" && var["value"] == "shared"; }));
    }
}

void Tst_BulkActions::deleteAsksOnceThenDeletesEach()
{
    const QList<Definition> doomed{definition("true"), definition("true"), definition("true")};
    QSignalSpy changed(m_bulk, &BulkActions::definitionsChanged);
    m_bulk->deleteDefinitions(doomed);
    QCOMPARE(waitForQuestion()->text(), QStringLiteral("Delete 3 definitions? Their runs stay in the history."));
    QVERIFY(answerMessageBox(QStringLiteral("Delete 3 Definitions")));
    QVERIFY(changed.wait(30000));
    for (const Definition &definition : doomed)
        QCOMPARE(m_http->get(QStringLiteral("/api/v1/task/") + definition.definitionId).status, 404);
}

void Tst_BulkActions::copyIdsPutsOneALine()
{
    Run first;
    first.runId = QStringLiteral("run-a");
    Run second;
    second.runId = QStringLiteral("run-b");
    QSignalSpy messages(m_bulk, &BulkActions::statusMessage);
    m_bulk->copyRunIds({first, second});
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("run-a\nrun-b"));
    QCOMPARE(messages.constLast().constFirst().toString(), QStringLiteral("Copied 2 run ids"));
}

void Tst_BulkActions::withoutAConnectionItSaysSo()
{
    ServerProfile unreachable;
    unreachable.name = QStringLiteral("unreachable");
    unreachable.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1"));
    m_connection->connectTo(unreachable);
    QSignalSpy errors(m_bulk, &BulkActions::errorOccurred);
    m_bulk->stopRuns({Run()});
    m_bulk->launchDefinitions({Definition(), Definition()});
    QCOMPARE(errors.size(), 2);
    QVERIFY(errors.constFirst().constFirst().toString().contains(QStringLiteral("Not connected")));
    QVERIFY(!QApplication::activeModalWidget());
}

QTEST_MAIN(Tst_BulkActions)
#include "tst_bulkactions.moc"
