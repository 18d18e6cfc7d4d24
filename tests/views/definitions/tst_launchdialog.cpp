#include "awaitjob.h"
#include "formtesting.h"
#include <definitions/launchdialog.h>
#include <fixtureserver.h>
#include <testserver.h>
#include <widgets/envvareditor.h>
#include <widgettesting.h>

#include <client/flotillaclient.h>
#include <client/settings.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

using namespace Flotilla;

// The dialog against a real control plane, and against an upstream imitation
// where the test must see the request body or the seed-era routes.
class tst_LaunchDialog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup() { m_dialog.reset(); }
    void launchesAndRemembersClusterAndOwner();
    void retryStartsFromTheRunWithoutReservedNames();
    void overridesAreSentOnlyWhenChanged();
    void seedEraHidesOverrides();
    void cpuAndPlacementWhereTheServerTakesThem();
    void retryCarriesResourcesAndPlacementOver();
    void serverErrorsStayInTheDialog();
    void blockedWhileInvalid();
    void everyControlHasAnAccessibleName();
    void severalDefinitionsShareOneFormAndLaunchNothingThemselves();

private:
    void open(const Definition &definition, const std::optional<Run> &retryOf = std::nullopt,
              FlotillaClient *client = nullptr, const ServerProfile &profile = ServerProfile::local());
    template <typename T>
    T *child(const char *name) const
    {
        return Testing::namedChild<T>(m_dialog.get(), name);
    }
    QPushButton *launchButton() const { return child<QDialogButtonBox>("buttonBox")->button(QDialogButtonBox::Ok); }
    // Serves PUT launches with a run echoing nothing but the basics, recording the bodies.
    static void answerLaunches(Testing::FixtureServer &upstream);

    QTemporaryDir m_settingsDir;
    Testing::TestServer m_server;
    std::unique_ptr<FlotillaClient> m_client;
    Definition m_definition;
    std::unique_ptr<LaunchDialog> m_dialog;
};

void tst_LaunchDialog::initTestCase()
{
    m_client = Testing::startFormTests(m_settingsDir, m_server);
    QVERIFY(m_client);
    Definition definition;
    definition.alias = QStringLiteral("greeter");
    definition.image = QStringLiteral("alpine");
    definition.command = QStringLiteral("echo $GREETING");
    definition.memory = 256;
    definition.env = {{QStringLiteral("GREETING"), QStringLiteral("hi")}, {QStringLiteral("TARGET"), {}}};
    auto *created = Testing::await(m_client->createDefinition(definition));
    QVERIFY(created->succeeded());
    m_definition = created->result();
}

void tst_LaunchDialog::open(const Definition &definition, const std::optional<Run> &retryOf, FlotillaClient *client,
                            const ServerProfile &profile)
{
    m_dialog = std::make_unique<LaunchDialog>(client ? client : m_client.get(), profile, definition, retryOf);
    m_dialog->show();
    m_dialog->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_dialog.get()));
}

void tst_LaunchDialog::answerLaunches(Testing::FixtureServer &upstream)
{
    upstream.setHandler([](const Testing::FixtureRequest &request) -> std::optional<Testing::FixtureResponse> {
        if (request.method == "PUT")
            return Testing::FixtureResponse::json(
                QByteArray("{\"run_id\":\"r-1\",\"definition_id\":\"def-1\",\"status\":\"QUEUED\"}"));
        return std::nullopt;
    });
}

void tst_LaunchDialog::launchesAndRemembersClusterAndOwner()
{
    open(m_definition);
    auto *cluster = child<QComboBox>("clusterCombo");
    QTRY_VERIFY(cluster->findText(QStringLiteral("local")) >= 0);
    QCOMPARE(cluster->currentText(), QString()); // the server's default until chosen
    QCOMPARE(child<QLineEdit>("ownerEdit")->text(), QStringLiteral("tester"));
    QCOMPARE(m_dialog->findChild<EnvVarEditor *>()->envVars(), m_definition.env);
    QVERIFY(child<QLabel>("envProblems")->text().contains(QStringLiteral("TARGET"))); // an empty value is flagged
    QVERIFY(launchButton()->isEnabled());                                             // ... but allowed

    cluster->setEditText(QStringLiteral("local"));
    child<QLineEdit>("ownerEdit")->setText(QStringLiteral("alice"));
    QSignalSpy launched(m_dialog.get(), &LaunchDialog::launched);
    QTest::keyClick(m_dialog.get(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(launched.wait());
    QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
    const Run run = launched.at(0).at(0).value<Run>();
    QCOMPARE(run.cluster, QStringLiteral("local"));
    QCOMPARE(run.user, QStringLiteral("alice"));
    QVERIFY(run.env.contains(EnvVar{QStringLiteral("GREETING"), QStringLiteral("hi")}));

    QCOMPARE(Settings().lastLaunchCluster(QStringLiteral("local")), QStringLiteral("local"));
    open(m_definition);
    QCOMPARE(child<QComboBox>("clusterCombo")->currentText(), QStringLiteral("local"));
    QCOMPARE(child<QLineEdit>("ownerEdit")->text(), QStringLiteral("alice"));
    ServerProfile other;
    other.name = QStringLiteral("other");
    open(m_definition, std::nullopt, nullptr, other); // remembered per profile
    QCOMPARE(child<QLineEdit>("ownerEdit")->text(), QStringLiteral("tester"));
    QCOMPARE(child<QComboBox>("clusterCombo")->currentText(), QString());

    // Nothing remembered yet: the profile's own defaults.
    ServerProfile team;
    team.name = QStringLiteral("team");
    team.ownerId = QStringLiteral("ops-bot");
    team.defaultCluster = QStringLiteral("local");
    open(m_definition, std::nullopt, nullptr, team);
    QCOMPARE(child<QLineEdit>("ownerEdit")->text(), QStringLiteral("ops-bot"));
    QCOMPARE(child<QComboBox>("clusterCombo")->currentText(), QStringLiteral("local"));
}

void tst_LaunchDialog::retryStartsFromTheRunWithoutReservedNames()
{
    LaunchRequest request;
    request.ownerId = QStringLiteral("bob");
    request.env = {{QStringLiteral("GREETING"), QStringLiteral("hello")}};
    request.command = QStringLiteral("echo retried");
    auto *first = Testing::await(m_client->launch(m_definition.definitionId, request));
    QVERIFY2(first->succeeded(), qPrintable(first->error().sentence()));
    const Run original = first->result();
    QVERIFY(original.env.size() > 1); // the reserved names come first

    open(m_definition, original);
    QCOMPARE(m_dialog->findChild<EnvVarEditor *>()->envVars(), request.env);
    QCOMPARE(child<QPlainTextEdit>("commandEdit")->toPlainText(), QStringLiteral("echo retried"));
    QCOMPARE(child<QComboBox>("clusterCombo")->currentText(), original.cluster);
    QVERIFY(m_dialog->windowTitle().startsWith(QStringLiteral("Retry")));
    QSignalSpy launched(m_dialog.get(), &LaunchDialog::launched);
    QTest::mouseClick(launchButton(), Qt::LeftButton);
    QVERIFY2(launched.wait(), qPrintable(child<QLabel>("launchProblem")->text()));
    QCOMPARE(launched.at(0).at(0).value<Run>().command, QStringLiteral("echo retried"));
}

void tst_LaunchDialog::overridesAreSentOnlyWhenChanged()
{
    Testing::FixtureServer upstream;
    QVERIFY(upstream.listen());
    answerLaunches(upstream);
    FlotillaClient client(upstream.url(), ServerFlavour::CurrentUpstream);
    Definition definition = m_definition;
    definition.definitionId = QStringLiteral("def-1");

    open(definition, std::nullopt, &client);
    QSignalSpy launched(m_dialog.get(), &LaunchDialog::launched);
    QTest::mouseClick(launchButton(), Qt::LeftButton);
    QVERIFY(launched.wait());
    Json sent = Json::parse(upstream.requests().last().body.toStdString());
    QCOMPARE(upstream.requests().last().path, QByteArray("/api/v6/task/def-1/execute"));
    QVERIFY(!sent.contains("command"));
    QVERIFY(!sent.contains("memory"));
    QVERIFY(!sent.contains("cpu"));
    QVERIFY(!sent.contains("engine"));
    QVERIFY(!sent.contains("node_lifecycle"));

    open(definition, std::nullopt, &client);
    QSignalSpy launchedAgain(m_dialog.get(), &LaunchDialog::launched);
    child<QPlainTextEdit>("commandEdit")->setPlainText(QStringLiteral("echo other"));
    child<QSpinBox>("memorySpin")->setValue(1024);
    QTest::mouseClick(launchButton(), Qt::LeftButton);
    QVERIFY(launchedAgain.wait());
    sent = Json::parse(upstream.requests().last().body.toStdString());
    QCOMPARE(sent.value("command", ""), std::string("echo other"));
    QCOMPARE(sent.value("memory", 0), 1024);
}

void tst_LaunchDialog::seedEraHidesOverrides()
{
    Testing::FixtureServer upstream;
    QVERIFY(upstream.listen());
    answerLaunches(upstream);
    FlotillaClient client(upstream.url(), ServerFlavour::SeedEra);
    Definition definition = m_definition;
    definition.definitionId = QStringLiteral("def-1");
    open(definition, std::nullopt, &client);
    QVERIFY(child<QPlainTextEdit>("commandEdit")->isHidden());
    QVERIFY(child<QSpinBox>("memorySpin")->isHidden());
    QVERIFY(child<QLabel>("commandEditLabel")->isHidden());
    for (const char *name : {"cpuSpin", "engineCombo", "nodeLifecycleCombo"})
        QVERIFY2(child<QWidget>(name)->isHidden(), name);
    QSignalSpy launched(m_dialog.get(), &LaunchDialog::launched);
    QTest::mouseClick(launchButton(), Qt::LeftButton);
    QVERIFY(launched.wait());
    QCOMPARE(upstream.requests().last().path, QByteArray("/api/v1/task/def-1/execute"));
}

void tst_LaunchDialog::cpuAndPlacementWhereTheServerTakesThem()
{
    // Our control plane: CPU, prefilled from the definition; no placement.
    Definition withCpu = m_definition;
    withCpu.cpu = 512;
    open(withCpu);
    QVERIFY(child<QSpinBox>("cpuSpin")->isVisible());
    QCOMPARE(child<QSpinBox>("cpuSpin")->value(), 512);
    QVERIFY(child<QComboBox>("engineCombo")->isHidden());
    QVERIFY(child<QLabel>("nodeLifecycleComboLabel")->isHidden());

    // Current upstream: all three, sent when chosen.
    Testing::FixtureServer upstream;
    QVERIFY(upstream.listen());
    answerLaunches(upstream);
    FlotillaClient client(upstream.url(), ServerFlavour::CurrentUpstream);
    withCpu.definitionId = QStringLiteral("def-1");
    open(withCpu, std::nullopt, &client);
    auto *engine = child<QComboBox>("engineCombo");
    auto *lifecycle = child<QComboBox>("nodeLifecycleCombo");
    QVERIFY(engine->isVisible() && lifecycle->isVisible());
    QCOMPARE(engine->currentData().toString(), QString()); // the server's default
    child<QSpinBox>("cpuSpin")->setValue(2048);
    engine->setCurrentIndex(engine->findData(QStringLiteral("eks")));
    lifecycle->setCurrentIndex(lifecycle->findData(QStringLiteral("ondemand")));
    QSignalSpy launched(m_dialog.get(), &LaunchDialog::launched);
    QTest::mouseClick(launchButton(), Qt::LeftButton);
    QVERIFY(launched.wait());
    const Json sent = Json::parse(upstream.requests().last().body.toStdString());
    QCOMPARE(sent.value("cpu", 0), 2048);
    QCOMPARE(sent.value("engine", ""), std::string("eks"));
    QCOMPARE(sent.value("node_lifecycle", ""), std::string("ondemand"));
}

void tst_LaunchDialog::retryCarriesResourcesAndPlacementOver()
{
    Testing::FixtureServer upstream;
    QVERIFY(upstream.listen());
    answerLaunches(upstream);
    FlotillaClient client(upstream.url(), ServerFlavour::CurrentUpstream);
    Definition definition = m_definition;
    definition.definitionId = QStringLiteral("def-1");
    Run original;
    original.runId = QStringLiteral("r-0");
    original.memory = 1536;
    original.cpu = 768;
    original.engine = QStringLiteral("eks-spark"); // one the form does not list: kept
    original.nodeLifecycle = QStringLiteral("spot");
    open(definition, original, &client);
    QCOMPARE(child<QSpinBox>("memorySpin")->value(), 1536);
    QCOMPARE(child<QSpinBox>("cpuSpin")->value(), 768);
    QCOMPARE(child<QComboBox>("engineCombo")->currentData().toString(), QStringLiteral("eks-spark"));
    QCOMPARE(child<QComboBox>("nodeLifecycleCombo")->currentData().toString(), QStringLiteral("spot"));
    QSignalSpy launched(m_dialog.get(), &LaunchDialog::launched);
    QTest::mouseClick(launchButton(), Qt::LeftButton);
    QVERIFY(launched.wait());
    const Json sent = Json::parse(upstream.requests().last().body.toStdString());
    QCOMPARE(sent.value("memory", 0), 1536);
    QCOMPARE(sent.value("cpu", 0), 768);
    QCOMPARE(sent.value("engine", ""), std::string("eks-spark"));
    QCOMPARE(sent.value("node_lifecycle", ""), std::string("spot"));
}

void tst_LaunchDialog::serverErrorsStayInTheDialog()
{
    open(m_definition);
    child<QComboBox>("clusterCombo")->setEditText(QStringLiteral("nowhere"));
    QTest::mouseClick(launchButton(), Qt::LeftButton);
    QTRY_VERIFY(child<QLabel>("launchProblem")->isVisible());
    QVERIFY2(child<QLabel>("launchProblem")->text().contains(QStringLiteral("400")),
             qPrintable(child<QLabel>("launchProblem")->text()));
    QVERIFY(child<QLabel>("clusterComboProblem")->text().contains(QStringLiteral("nowhere")));
    QVERIFY(m_dialog->isVisible());
    QVERIFY(launchButton()->isEnabled());
}

void tst_LaunchDialog::blockedWhileInvalid()
{
    open(m_definition);
    child<QLineEdit>("ownerEdit")->clear();
    QVERIFY(!launchButton()->isEnabled());
    QVERIFY(child<QLabel>("ownerEditProblem")->isVisible());
    child<QLineEdit>("ownerEdit")->setText(QStringLiteral("carol"));
    QVERIFY(launchButton()->isEnabled());
    m_dialog->findChild<EnvVarEditor *>()->setEnvVars({{QStringLiteral("A"), {}}, {QStringLiteral("A"), {}}});
    QVERIFY(!launchButton()->isEnabled());
    QTest::keyClick(m_dialog.get(), Qt::Key_Return, Qt::ControlModifier); // does nothing
    QVERIFY(m_dialog->isVisible());
}

void tst_LaunchDialog::everyControlHasAnAccessibleName()
{
    open(m_definition);
    QCOMPARE(Testing::controlsWithoutAccessibleName(m_dialog.get()), QStringList());
    QVERIFY(!Testing::screenshot(m_dialog.get(), QStringLiteral("launchdialog")).isNull());
}

void tst_LaunchDialog::severalDefinitionsShareOneFormAndLaunchNothingThemselves()
{
    Definition second = m_definition;
    second.definitionId = QStringLiteral("second-id");
    second.alias = QStringLiteral("second");
    second.command = QStringLiteral("echo second");
    second.memory = 512;
    m_dialog = std::make_unique<LaunchDialog>(m_client.get(), ServerProfile::local(),
                                              QList<Definition>{m_definition, second});
    m_dialog->show();
    QCOMPARE(m_dialog->windowTitle(), QStringLiteral("Launch 2 Definitions"));
    QCOMPARE(child<QLabel>("definitionName")->text(), QStringLiteral("greeter, second"));
    QVERIFY(!child<QPlainTextEdit>("commandEdit")->isVisibleTo(m_dialog.get()));
    QVERIFY(m_dialog->findChild<EnvVarEditor *>()->envVars().isEmpty()); // each keeps its own
    QCOMPARE(child<QSpinBox>("memorySpin")->value(), 0);                 // as defined

    // As defined: no overrides at all.
    LaunchRequest request = m_dialog->request(second);
    QVERIFY(!request.command && !request.memory && !request.cpu);
    // A memory is sent where it differs from the definition's.
    child<QSpinBox>("memorySpin")->setValue(512);
    m_dialog->findChild<EnvVarEditor *>()->setEnvVars({{QStringLiteral("EXTRA"), QStringLiteral("1")}});
    QCOMPARE(m_dialog->request(m_definition).memory, 512);
    QVERIFY(!m_dialog->request(second).memory);
    QCOMPARE(m_dialog->request(second).env, (EnvList{{QStringLiteral("EXTRA"), QStringLiteral("1")}}));
    QVERIFY(!m_dialog->request(second).command);

    // Launch only accepts: the caller launches each.
    const qint64 runsBefore = Testing::await(m_client->listRuns({}, m_definition.definitionId))->result().page.total;
    QSignalSpy launched(m_dialog.get(), &LaunchDialog::launched);
    QTRY_VERIFY(launchButton()->isEnabled());
    launchButton()->click();
    QCOMPARE(m_dialog->result(), int(QDialog::Accepted));
    QCOMPARE(launched.size(), 0);
    QCOMPARE(Testing::await(m_client->listRuns({}, m_definition.definitionId))->result().page.total, runsBefore);
}

QTEST_MAIN(tst_LaunchDialog)
#include "tst_launchdialog.moc"
