// ActionsController against a real control plane: deleting a definition,
// launching, retrying, stopping and watching runs, each with the client of
// the server it started on.
#include <definitions/definitioneditor.h>
#include <definitions/launchdialog.h>
#include <mainwindow/actionscontroller.h>
#include <templates/templatelaunchdialog.h>

#include <client/flotillaclient.h>
#include <client/serverconnection.h>
#include <testserver.h>
#include <widgettesting.h>

#include <QApplication>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

ServerProfile unreachable()
{
    ServerProfile profile;
    profile.name = QStringLiteral("unreachable");
    profile.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1"));
    return profile;
}

} // namespace

class Tst_ActionsController final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void deleteAsksThenDeletes();
    void cancelledDeleteKeepsTheDefinition();
    void launchOpensTheFormAndReportsTheRun();
    void retryStartsFromTheRun();
    void retryOfATemplateRunOpensItsForm();
    void templateLaunchReportsTheRun();
    void stopAsksThenStops();
    void watchUsesTheClientItIsGivenWhateverTheConnectionDoes();
    void actionsWithoutAConnectionSaySo();
    void serverErrorsAreReported();

private:
    Definition definition(const std::string &command);
    LaunchDialog *waitForLaunchDialog();

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpTestClient> m_http;
    std::unique_ptr<QWidget> m_window;
    ServerConnection *m_connection = nullptr;
    ActionsController *m_actions = nullptr;
};

void Tst_ActionsController::initTestCase()
{
    m_server = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_http = std::make_unique<HttpTestClient>(*m_server);
    qRegisterMetaType<FlotillaClient *>(); // for QSignalSpy: the signal's header only declares it
}

void Tst_ActionsController::init()
{
    m_window = std::make_unique<QWidget>();
    m_window->show();
    m_connection = new ServerConnection(m_window.get());
    m_actions = new ActionsController(m_connection, m_window.get());
    m_connection->setLocalServer(m_server->url(), m_server->token());
    m_connection->connectTo(ServerProfile::local());
    QCOMPARE(m_connection->state(), ServerConnection::State::Connected);
}

void Tst_ActionsController::cleanup()
{
    m_window.reset();
}

Definition Tst_ActionsController::definition(const std::string &command)
{
    const QString id = createDefinition(*m_http,
                                        {{"alias", "action-" + std::to_string(QRandomGenerator::global()->generate())},
                                         {"image", "none"},
                                         {"command", command}});
    Definition definition;
    definition.definitionId = id;
    definition.alias = QString::fromStdString(
        m_http->get(QStringLiteral("/api/v1/task/") + id).json().value("alias", std::string()));
    definition.command = QString::fromStdString(command);
    return definition;
}

LaunchDialog *Tst_ActionsController::waitForLaunchDialog()
{
    LaunchDialog *dialog = nullptr;
    if (!QTest::qWaitFor([&] { return (dialog = m_window->findChild<LaunchDialog *>()) != nullptr; }, 10000))
        return nullptr;
    dialog->findChild<QLineEdit *>(QStringLiteral("ownerEdit"))->setText(QStringLiteral("tester"));
    return dialog;
}

void Tst_ActionsController::deleteAsksThenDeletes()
{
    const Definition doomed = definition("true");
    QSignalSpy changed(m_actions, &ActionsController::definitionsChanged);
    m_actions->deleteDefinition(doomed);
    QVERIFY(answerMessageBox(QStringLiteral("Delete")));
    QVERIFY(changed.wait(10000));
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/task/") + doomed.definitionId).status, 404);
}

void Tst_ActionsController::cancelledDeleteKeepsTheDefinition()
{
    const Definition kept = definition("true");
    m_actions->deleteDefinition(kept);
    QVERIFY(answerMessageBox(QStringLiteral("Cancel")));
    QTRY_VERIFY(!QApplication::activeModalWidget());
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/task/") + kept.definitionId).status, 200);
}

void Tst_ActionsController::launchOpensTheFormAndReportsTheRun()
{
    QSignalSpy launched(m_actions, &ActionsController::launched);
    QSignalSpy finished(m_actions, &ActionsController::launchedRunFinished);
    m_actions->launch(definition("echo launched"));
    LaunchDialog *dialog = waitForLaunchDialog();
    QVERIFY(dialog);
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QTRY_VERIFY(ok->isEnabled());
    ok->click();
    QVERIFY(launched.wait(10000));
    QCOMPARE(launched.constFirst().constFirst().value<FlotillaClient *>(), m_connection->client());
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.constFirst().constFirst().value<Run>().exitCode, 0);
}

void Tst_ActionsController::retryStartsFromTheRun()
{
    const Definition retried = definition("exit 1");
    Run run = Run();
    run.runId = QString::fromStdString(launch(*m_http, retried.definitionId).value("run_id", ""));
    run.definitionId = retried.definitionId;
    run.command = QStringLiteral("echo retried");
    m_actions->retry(run);
    LaunchDialog *dialog = waitForLaunchDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->windowTitle().startsWith(QStringLiteral("Retry")));
    dialog->reject();
}

// Defect: Retry of a template run said "Cannot retry" (it asked for a definition).
void Tst_ActionsController::retryOfATemplateRunOpensItsForm()
{
    const Json created = m_http
                             ->post(QStringLiteral("/api/v7/template"), Json::parse(R"({
        "template_name": "retried", "image": "none", "memory": 16,
        "schema": {"type": "object", "properties": {"n": {"type": "integer"}}},
        "defaults": {"n": 1}, "command_template": "exit {{.n}}"})"))
                             .json();
    const QString templateId = QString::fromStdString(created["template"]["template_id"].get<std::string>());
    const Json launched = m_http
                              ->put(QStringLiteral("/api/v7/template/%1/execute").arg(templateId),
                                    Json{{"owner_id", "tester"}, {"template_payload", {{"n", 3}}}})
                              .json();
    QStringList errors;
    const Run run = Run::fromJson(launched, &errors);
    QVERIFY(run.isTemplateRun());
    QSignalSpy error(m_actions, &ActionsController::errorOccurred);
    m_actions->retry(run);
    TemplateLaunchDialog *dialog = nullptr;
    QVERIFY(QTest::qWaitFor([&] { return (dialog = m_window->findChild<TemplateLaunchDialog *>()) != nullptr; }, 10000));
    QVERIFY(dialog->windowTitle().startsWith(QStringLiteral("Retry retried v1")));
    QCOMPARE(dialog->payload()["n"].get<int>(), 3);
    QCOMPARE(error.count(), 0);
    dialog->reject();
}

void Tst_ActionsController::templateLaunchReportsTheRun()
{
    const Json created = m_http
                             ->post(QStringLiteral("/api/v7/template"), Json::parse(R"({
        "template_name": "launched", "image": "none", "memory": 16,
        "schema": {"type": "object"}, "command_template": "echo from a template"})"))
                             .json();
    QStringList errors;
    const Template tpl = Template::fromJson(created["template"], &errors);
    QSignalSpy launched(m_actions, &ActionsController::launched);
    QSignalSpy finished(m_actions, &ActionsController::launchedRunFinished);
    m_actions->launchTemplate(tpl);
    TemplateLaunchDialog *dialog = nullptr;
    QVERIFY(QTest::qWaitFor([&] { return (dialog = m_window->findChild<TemplateLaunchDialog *>()) != nullptr; }, 10000));
    dialog->findChild<QLineEdit *>(QStringLiteral("ownerEdit"))->setText(QStringLiteral("tester"));
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QTRY_VERIFY(ok->isEnabled());
    ok->click();
    QVERIFY(launched.wait(10000));
    QVERIFY(finished.wait(30000));
    const Run run = finished.constFirst().constFirst().value<Run>();
    QVERIFY(run.isTemplateRun());
    QCOMPARE(run.exitCode, 0);
}

void Tst_ActionsController::stopAsksThenStops()
{
    const Definition sleeper = definition("sleep 600");
    Run run;
    run.runId = QString::fromStdString(launch(*m_http, sleeper.definitionId).value("run_id", ""));
    run.definitionId = sleeper.definitionId;
    waitForStatus(*m_http, run.runId, "RUNNING");
    QSignalSpy changed(m_actions, &ActionsController::runsChanged);
    m_actions->stop(run);
    QVERIFY(answerMessageBox(QStringLiteral("Stop Run")));
    QVERIFY(changed.wait(10000));
    QCOMPARE(waitForStatus(*m_http, run.runId, "STOPPED").value("status", ""), "STOPPED");
}

// Issue 15: the launched run was watched with the connection's client of the
// moment, null while another server connects.
void Tst_ActionsController::watchUsesTheClientItIsGivenWhateverTheConnectionDoes()
{
    FlotillaClient *launcher = m_connection->client();
    const Definition quick = definition("echo watched");
    Run run;
    run.runId = QString::fromStdString(launch(*m_http, quick.definitionId).value("run_id", ""));
    m_connection->connectTo(unreachable());
    m_connection->forgetClients(); // the launcher is no longer the connection's
    QSignalSpy finished(m_actions, &ActionsController::launchedRunFinished);
    m_actions->watch(launcher, run);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.constFirst().constFirst().value<Run>().runId, run.runId);
}

void Tst_ActionsController::actionsWithoutAConnectionSaySo()
{
    m_connection->connectTo(unreachable());
    QSignalSpy errors(m_actions, &ActionsController::errorOccurred);
    m_actions->launch(definition("true"));
    m_actions->stop(Run());
    m_actions->newDefinition();
    QCOMPARE(errors.size(), 3);
    QVERIFY(errors.constFirst().constFirst().toString().contains(QStringLiteral("Not connected")));
    QVERIFY(!QApplication::activeModalWidget());
}

void Tst_ActionsController::serverErrorsAreReported()
{
    Definition missing;
    missing.definitionId = QStringLiteral("no-such-definition");
    missing.alias = QStringLiteral("missing");
    QSignalSpy errors(m_actions, &ActionsController::errorOccurred);
    m_actions->deleteDefinition(missing);
    QVERIFY(answerMessageBox(QStringLiteral("Delete")));
    QVERIFY(errors.wait(10000));
    QVERIFY(!errors.constFirst().constFirst().toString().isEmpty());
}

QTEST_MAIN(Tst_ActionsController)
#include "tst_actionscontroller.moc"
