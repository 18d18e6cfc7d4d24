// The launch form a template's schema generates, against a real control
// plane: driven through its widgets, kept in step with the JSON tab, checked
// as the server checks, launched, and the rendered command's output read in
// the run window.
#include "awaitjob.h"
#include "formtesting.h"
#include "jsoncompare.h"
#include <log/logpane.h>
#include <runs/runview.h>
#include <templates/templatelaunchdialog.h>
#include <testserver.h>
#include <widgets/schemaform.h>
#include <widgettesting.h>

#include <client/flotillaclient.h>
#include <log/logmodel.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Flotilla;

class tst_TemplateLaunchDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup() { m_dialog.reset(); }
    void formDrivesTheCommandAndTheLaunch();
    void jsonTabAndFormStayInStep();
    void problemsShowAtTheirFieldsAndBlockTheLaunch();
    void retryStartsFromTheRunsPayload();
    void everyControlHasAnAccessibleName();

private:
    void open(const std::optional<Run> &retryOf = std::nullopt);
    template <typename T>
    T *child(const char *name) const
    {
        return Testing::namedChild<T>(m_dialog.get(), name);
    }
    template <typename T>
    T *field(const char *path) const
    {
        return qobject_cast<T *>(m_dialog->findChild<SchemaForm *>()->fieldWidget(QString::fromLatin1(path)));
    }
    QPushButton *launchButton() const { return child<QDialogButtonBox>("buttonBox")->button(QDialogButtonBox::Ok); }
    QString command() const { return child<QPlainTextEdit>("renderedCommand")->toPlainText(); }

    QTemporaryDir m_settingsDir;
    Testing::TestServer m_server;
    std::unique_ptr<FlotillaClient> m_client;
    Template m_template;
    std::unique_ptr<TemplateLaunchDialog> m_dialog;
};

void tst_TemplateLaunchDialog::initTestCase()
{
    m_client = Testing::startFormTests(m_settingsDir, m_server);
    QVERIFY(m_client);
    QStringList errors;
    Template tpl = Template::fromJson(Json::parse(R"({
        "template_name": "greeter", "image": "none", "memory": 32,
        "schema": {"type": "object", "required": ["name", "greeting", "times"], "properties": {
            "name": {"type": "string", "title": "Name", "minLength": 1},
            "greeting": {"type": "string", "title": "Greeting", "enum": ["hello", "hi"]},
            "times": {"type": "integer", "title": "Times", "minimum": 1, "maximum": 5},
            "shout": {"type": "boolean", "title": "Shout"},
            "tags": {"type": "array", "title": "Tags", "items": {"type": "string"}}}},
        "defaults": {"name": "world", "greeting": "hello", "times": 1},
        "command_template": "{{range $i, $t := .tags}}echo tag {{$i}} {{$t}}; {{end}}for i in $(seq {{.times}}); do echo {{if .shout}}{{upper .greeting}} {{upper .name}}{{else}}{{.greeting}} {{.name}}{{end}}; done"
    })"),
                                      &errors);
    QVERIFY(errors.isEmpty());
    auto *created = Testing::await(m_client->createTemplate(tpl));
    QVERIFY2(created->succeeded(), qPrintable(created->error().sentence()));
    m_template = created->result().tpl;
}

void tst_TemplateLaunchDialog::open(const std::optional<Run> &retryOf)
{
    m_dialog = std::make_unique<TemplateLaunchDialog>(m_client.get(), ServerProfile::local(), m_template, retryOf);
    m_dialog->show();
    m_dialog->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_dialog.get()));
}

void tst_TemplateLaunchDialog::formDrivesTheCommandAndTheLaunch()
{
    open();
    QCOMPARE(command(), QStringLiteral("for i in $(seq 1); do echo hello world; done"));

    auto *name = field<QLineEdit>("/name");
    QVERIFY(name);
    name->selectAll();
    QTest::keyClicks(name, QStringLiteral("Ada"));
    auto *greeting = field<QComboBox>("/greeting");
    greeting->setCurrentIndex(greeting->findText(QStringLiteral("hi")));
    auto *times = field<QSpinBox>("/times");
    QCOMPARE(times->maximum(), 5);
    times->setValue(2);
    field<QCheckBox>("/shout")->click();
    QCOMPARE(command(), QStringLiteral("for i in $(seq 2); do echo HI ADA; done"));
    QVERIFY(launchButton()->isEnabled());

    child<QComboBox>("clusterCombo")->setEditText(QStringLiteral("local"));
    QSignalSpy launched(m_dialog.get(), &TemplateLaunchDialog::launched);
    QTest::keyClick(m_dialog.get(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(launched.wait());
    const Run run = launched.at(0).at(0).value<Run>();
    QVERIFY(run.isTemplateRun());
    QCOMPARE(run.command, QStringLiteral("for i in $(seq 2); do echo HI ADA; done"));
    QCOMPARE(run.user, QStringLiteral("tester"));

    // The run window shows what the rendered command printed.
    RunView view(m_client.get(), run);
    view.show();
    LogModel *log = view.logPane()->model();
    QTRY_VERIFY_WITH_TIMEOUT(log->rowCount() >= 2, 30000);
    QCOMPARE(log->lineText(0), QStringLiteral("HI ADA"));
    QCOMPARE(log->lineText(1), QStringLiteral("HI ADA"));
    // ... and the payload it was rendered with.
    QLabel *payload = nullptr;
    for (QLabel *label : view.findChildren<QLabel *>()) {
        if (label->accessibleName() == u"Template payload")
            payload = label;
    }
    QVERIFY(payload && payload->isVisible());
    QVERIFY2(payload->text().contains(u"\"name\": \"Ada\""), qPrintable(payload->text()));
}

void tst_TemplateLaunchDialog::jsonTabAndFormStayInStep()
{
    open();
    field<QLineEdit>("/name")->selectAll();
    QTest::keyClicks(field<QLineEdit>("/name"), QStringLiteral("Bo"));
    auto *json = child<QPlainTextEdit>("jsonEdit");
    JSON_COMPARE(Json::parse(json->toPlainText().toStdString())["name"], "Bo");

    child<QTabWidget>("payloadTabs")->setCurrentWidget(child<QWidget>("jsonTab"));
    json->setPlainText(QStringLiteral(R"({"name": "Cy", "greeting": "hi", "times": 3, "tags": ["a"]})"));
    QCOMPARE(field<QLineEdit>("/name")->text(), QStringLiteral("Cy"));
    QCOMPARE(field<QSpinBox>("/times")->value(), 3);
    QCOMPARE(command(), QStringLiteral("echo tag 0 a; for i in $(seq 3); do echo hi Cy; done"));
    JSON_COMPARE(m_dialog->payload()["tags"], Json::parse(R"(["a"])"));

    // Text that is not JSON (yet) keeps the last payload and says so.
    json->setPlainText(QStringLiteral(R"({"name": )"));
    QVERIFY(child<QLabel>("jsonProblem")->isVisible());
    QVERIFY(!launchButton()->isEnabled());
    QCOMPARE(field<QLineEdit>("/name")->text(), QStringLiteral("Cy"));
}

void tst_TemplateLaunchDialog::problemsShowAtTheirFieldsAndBlockTheLaunch()
{
    open();
    child<QTabWidget>("payloadTabs")->setCurrentWidget(child<QWidget>("jsonTab"));
    child<QPlainTextEdit>("jsonEdit")->setPlainText(QStringLiteral(R"({"name": "x", "greeting": "yo", "times": 9})"));
    QVERIFY(!launchButton()->isEnabled());
    QVERIFY(command().isEmpty());
    const QString listed = child<QLabel>("payloadProblem")->text();
    QVERIFY2(listed.contains(u"template_payload/greeting") && listed.contains(u"template_payload/times"),
             qPrintable(listed));
    child<QTabWidget>("payloadTabs")->setCurrentWidget(child<QWidget>("formTab"));
    auto *timesProblem = m_dialog->findChild<QLabel *>(QStringLiteral("problem/times"));
    QVERIFY(timesProblem && timesProblem->isVisible());
    QVERIFY(timesProblem->text().contains(u"at most 5"));
    QVERIFY(child<QLabel>("payloadProblem")->text().contains(u"2"));
}

void tst_TemplateLaunchDialog::retryStartsFromTheRunsPayload()
{
    Run run;
    run.cluster = QStringLiteral("local");
    run.templatePayload = Json::parse(R"({"name": "again", "greeting": "hi", "times": 4})");
    run.env = {{QStringLiteral("FLOTILLA_RUN_ID"), QStringLiteral("r")}, {QStringLiteral("KEEP"), QStringLiteral("1")}};
    run.cpu = 640;
    run.engine = QStringLiteral("podman");
    open(run);
    QCOMPARE(child<QSpinBox>("cpuSpin")->value(), 640);   // carried over
    QVERIFY(child<QComboBox>("engineCombo")->isHidden()); // our server places by cluster
    QCOMPARE(field<QLineEdit>("/name")->text(), QStringLiteral("again"));
    QCOMPARE(field<QSpinBox>("/times")->value(), 4);
    QCOMPARE(child<QComboBox>("clusterCombo")->currentText(), QStringLiteral("local"));
    QCOMPARE(command(), QStringLiteral("for i in $(seq 4); do echo hi again; done"));
    QVERIFY(m_dialog->windowTitle().startsWith(u"Retry"));
}

void tst_TemplateLaunchDialog::everyControlHasAnAccessibleName()
{
    open();
    QCOMPARE(Testing::controlsWithoutAccessibleName(m_dialog.get()), QStringList());
    QVERIFY(!Testing::screenshot(m_dialog.get(), QStringLiteral("templatelaunchdialog")).isNull());
}

QTEST_MAIN(tst_TemplateLaunchDialog)
#include "tst_templatelaunchdialog.moc"
