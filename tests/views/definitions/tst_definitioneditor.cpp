#include "awaitjob.h"
#include <definitions/definitioneditor.h>
#include <fixtureserver.h>
#include <testserver.h>
#include <widgets/envvareditor.h>
#include <widgettesting.h>

#include <client/flotillaclient.h>

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace Flotilla;

// The editor against a real control plane (and, for the fields only other
// servers know, an upstream imitation that records what it is sent).
class tst_DefinitionEditor final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup() { m_editor.reset(); }
    void createValidatesAndSavesWithCtrlS();
    void problemsShowUnderTheirField();
    void serverErrorsReachTheirField();
    void editKeepsFieldsTheFormDoesNotShow();
    void adaptiveAllocationOnCurrentUpstreamOnly();
    void copyStartsWithoutAlias();
    void groupsAndTagsCompleteFromTheServer();
    void unsavedChangesAskBeforeClosing();
    void everyControlHasAnAccessibleName();

private:
    void open(DefinitionEditor::Mode mode, const Definition &initial = {}, FlotillaClient *client = nullptr);
    template <typename T>
    T *child(const char *name) const
    {
        return Testing::namedChild<T>(m_editor.get(), name);
    }
    QPushButton *saveButton() const { return child<QDialogButtonBox>("buttonBox")->button(QDialogButtonBox::Save); }
    void fill(const QString &alias, const QString &image, const QString &command);
    Definition stored(const QString &alias);
    // A current upstream that answers an update with the definition it was sent.
    static void answerUpdatesWithTheirBody(Testing::FixtureServer &upstream);

    Testing::TestServer m_server;
    std::unique_ptr<FlotillaClient> m_client;
    std::unique_ptr<DefinitionEditor> m_editor;
};

void tst_DefinitionEditor::initTestCase()
{
    QString error;
    QVERIFY2(m_server.start(&error), qPrintable(error));
    m_client = std::make_unique<FlotillaClient>(m_server.url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server.token()));
}

void tst_DefinitionEditor::answerUpdatesWithTheirBody(Testing::FixtureServer &upstream)
{
    upstream.setHandler([](const Testing::FixtureRequest &request) -> std::optional<Testing::FixtureResponse> {
        if (request.method == "PUT")
            return Testing::FixtureResponse::json(request.body);
        return std::nullopt;
    });
}

void tst_DefinitionEditor::open(DefinitionEditor::Mode mode, const Definition &initial, FlotillaClient *client)
{
    m_editor = std::make_unique<DefinitionEditor>(client ? client : m_client.get(), mode, initial);
    m_editor->show();
    m_editor->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_editor.get()));
}

void tst_DefinitionEditor::fill(const QString &alias, const QString &image, const QString &command)
{
    QTest::keyClicks(child<QLineEdit>("aliasEdit"), alias);
    QTest::keyClicks(child<QLineEdit>("imageEdit"), image);
    QTest::keyClicks(child<QPlainTextEdit>("commandEdit"), command);
}

Definition tst_DefinitionEditor::stored(const QString &alias)
{
    auto *job = Testing::await(m_client->definitionByAlias(alias));
    job->deleteLater();
    return job->result();
}

void tst_DefinitionEditor::createValidatesAndSavesWithCtrlS()
{
    open(DefinitionEditor::Mode::Create);
    QVERIFY(!saveButton()->isEnabled());
    QVERIFY(child<QLabel>("aliasEditProblem")->isHidden()); // nothing shown before an edit
    QSignalSpy saved(m_editor.get(), &DefinitionEditor::saved);
    fill(QStringLiteral("greeter"), QStringLiteral("alpine"), QStringLiteral("echo hi"));
    child<QComboBox>("groupCombo")->setEditText(QStringLiteral("tools"));
    child<QSpinBox>("memorySpin")->setValue(512);
    child<QLineEdit>("tagsEdit")->setText(QStringLiteral("a, b, a,"));
    m_editor->findChild<EnvVarEditor *>()->setEnvVars({{QStringLiteral("GREETING"), QStringLiteral("hi")}});
    QVERIFY(saveButton()->isEnabled());

    QTest::keySequence(m_editor.get(), QKeySequence::Save);
    QVERIFY(!saveButton()->isEnabled()); // in flight
    QVERIFY(saved.wait());
    QCOMPARE(m_editor->result(), int(QDialog::Accepted));
    const Definition definition = saved.at(0).at(0).value<Definition>();
    QVERIFY(!definition.definitionId.isEmpty());
    const Definition onServer = stored(QStringLiteral("greeter"));
    QCOMPARE(onServer.definitionId, definition.definitionId);
    QCOMPARE(onServer.groupName, QStringLiteral("tools"));
    QCOMPARE(onServer.memory, std::optional<qint64>(512));
    QCOMPARE(onServer.cpu, std::nullopt);
    QCOMPARE(onServer.tags, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(onServer.env.value(0).name, QStringLiteral("GREETING"));
}

void tst_DefinitionEditor::problemsShowUnderTheirField()
{
    open(DefinitionEditor::Mode::Create);
    fill(QStringLiteral("a/b"), QStringLiteral("alpine"), QStringLiteral("true"));
    QVERIFY(child<QLabel>("aliasEditProblem")->isVisible());
    QVERIFY2(child<QLabel>("aliasEditProblem")->text().contains(QStringLiteral("'/'")),
             qPrintable(child<QLabel>("aliasEditProblem")->text()));
    QVERIFY(!saveButton()->isEnabled());
    child<QLineEdit>("aliasEdit")->clear();
    QTest::keyClicks(child<QLineEdit>("aliasEdit"), QStringLiteral("ok"));
    QVERIFY(child<QLabel>("aliasEditProblem")->isHidden());
    QVERIFY(saveButton()->isEnabled());

    QTest::keyClicks(child<QComboBox>("groupCombo")->lineEdit(), QStringLiteral("bad group"));
    QVERIFY(child<QLabel>("groupComboProblem")->isVisible());
    QVERIFY(!saveButton()->isEnabled());
    child<QComboBox>("groupCombo")->setEditText(QString());
    m_editor->findChild<EnvVarEditor *>()->setEnvVars({{QStringLiteral("A"), {}}, {QStringLiteral("A"), {}}});
    QVERIFY(!saveButton()->isEnabled()); // duplicate env names
    QVERIFY(saveButton()->toolTip().contains(QStringLiteral("row 2")));
}

void tst_DefinitionEditor::serverErrorsReachTheirField()
{
    Definition taken;
    taken.alias = QStringLiteral("taken");
    taken.image = QStringLiteral("alpine");
    taken.command = QStringLiteral("true");
    QVERIFY(Testing::await(m_client->createDefinition(taken))->succeeded());

    open(DefinitionEditor::Mode::Copy, taken);
    QCOMPARE(child<QLineEdit>("aliasEdit")->text(), QString());
    QTest::keyClicks(child<QLineEdit>("aliasEdit"), QStringLiteral("taken"));
    QTest::mouseClick(saveButton(), Qt::LeftButton);
    QTRY_VERIFY(child<QLabel>("formProblem")->isVisible());
    QVERIFY2(child<QLabel>("formProblem")->text().contains(QStringLiteral("409")),
             qPrintable(child<QLabel>("formProblem")->text()));
    QVERIFY(child<QLabel>("aliasEditProblem")->isVisible());
    QVERIFY(child<QLabel>("aliasEditProblem")->text().contains(QStringLiteral("already exists")));
    QVERIFY(m_editor->isVisible());
    QVERIFY(saveButton()->isEnabled());
}

void tst_DefinitionEditor::editKeepsFieldsTheFormDoesNotShow()
{
    Testing::FixtureServer upstream;
    QVERIFY(upstream.listen());
    answerUpdatesWithTheirBody(upstream);
    FlotillaClient client(upstream.url(), ServerFlavour::CurrentUpstream);
    Definition initial;
    initial.definitionId = QStringLiteral("def-1");
    initial.alias = QStringLiteral("reporter");
    initial.image = QStringLiteral("alpine");
    initial.command = QStringLiteral("true");
    initial.unknown = Json{{"container_name", "reporter"}, {"privileged", false}};
    open(DefinitionEditor::Mode::Edit, initial, &client);
    QVERIFY(child<QLineEdit>("aliasEdit")->isReadOnly());
    QVERIFY(!m_editor->hasUnsavedChanges());
    child<QLineEdit>("imageEdit")->setText(QStringLiteral("python:3"));
    QSignalSpy saved(m_editor.get(), &DefinitionEditor::saved);
    QTest::mouseClick(saveButton(), Qt::LeftButton);
    QVERIFY(saved.wait());

    const Json sent = Json::parse(upstream.requests().last().body.toStdString());
    QCOMPARE(upstream.requests().last().path, QByteArray("/api/v6/task/def-1"));
    QCOMPARE(sent.value("image", ""), std::string("python:3"));
    QCOMPARE(sent.value("container_name", ""), std::string("reporter"));
    QVERIFY(sent.contains("privileged"));
    QVERIFY(!sent.contains("adaptive_resource_allocation")); // unset and untouched: omitted
    QCOMPARE(saved.at(0).at(0).value<Definition>().image, QStringLiteral("python:3"));
}

void tst_DefinitionEditor::adaptiveAllocationOnCurrentUpstreamOnly()
{
    Testing::FixtureServer upstream;
    QVERIFY(upstream.listen());
    answerUpdatesWithTheirBody(upstream);
    FlotillaClient client(upstream.url(), ServerFlavour::CurrentUpstream);
    Definition initial;
    initial.definitionId = QStringLiteral("def-1");
    initial.alias = QStringLiteral("trainer");
    initial.image = QStringLiteral("alpine");
    initial.command = QStringLiteral("true");
    open(DefinitionEditor::Mode::Edit, initial, &client);
    auto *adaptive = child<QCheckBox>("adaptiveCheck");
    QVERIFY(adaptive->isVisible());
    QVERIFY(!adaptive->isChecked());
    adaptive->click();
    QVERIFY(m_editor->hasUnsavedChanges());
    QSignalSpy saved(m_editor.get(), &DefinitionEditor::saved);
    QTest::mouseClick(saveButton(), Qt::LeftButton);
    QVERIFY(saved.wait());
    const Json sent = Json::parse(upstream.requests().last().body.toStdString());
    QCOMPARE(sent.value("adaptive_resource_allocation", false), true);
    QCOMPARE(saved.at(0).at(0).value<Definition>().adaptiveResourceAllocation, std::optional<bool>(true));

    // Switched off again, it is sent as false, not dropped.
    initial.adaptiveResourceAllocation = true;
    open(DefinitionEditor::Mode::Edit, initial, &client);
    QVERIFY(child<QCheckBox>("adaptiveCheck")->isChecked());
    child<QCheckBox>("adaptiveCheck")->click();
    QSignalSpy savedAgain(m_editor.get(), &DefinitionEditor::saved);
    QTest::mouseClick(saveButton(), Qt::LeftButton);
    QVERIFY(savedAgain.wait());
    QCOMPARE(Json::parse(upstream.requests().last().body.toStdString()).value("adaptive_resource_allocation", true),
             false);

    // Our control plane has no such switch; the value a definition has is kept.
    open(DefinitionEditor::Mode::Edit, initial);
    QVERIFY(child<QCheckBox>("adaptiveCheck")->isHidden());
    QCOMPARE(m_editor->definition().adaptiveResourceAllocation, std::optional<bool>(true));
}

void tst_DefinitionEditor::copyStartsWithoutAlias()
{
    Definition original;
    original.definitionId = QStringLiteral("x-1");
    original.alias = QStringLiteral("original");
    original.image = QStringLiteral("alpine");
    original.command = QStringLiteral("echo copy");
    original.env = {{QStringLiteral("A"), QStringLiteral("1")}};
    open(DefinitionEditor::Mode::Copy, original);
    QVERIFY(!child<QLineEdit>("aliasEdit")->isReadOnly());
    QVERIFY(!saveButton()->isEnabled());
    QCOMPARE(m_editor->definition().definitionId, QString());
    QCOMPARE(child<QPlainTextEdit>("commandEdit")->toPlainText(), QStringLiteral("echo copy"));
    QSignalSpy saved(m_editor.get(), &DefinitionEditor::saved);
    QTest::keyClicks(child<QLineEdit>("aliasEdit"), QStringLiteral("the-copy"));
    QTest::mouseClick(saveButton(), Qt::LeftButton);
    QVERIFY(saved.wait());
    const Definition copy = stored(QStringLiteral("the-copy"));
    QVERIFY(copy.definitionId != original.definitionId);
    QCOMPARE(copy.env, original.env);
}

void tst_DefinitionEditor::groupsAndTagsCompleteFromTheServer()
{
    Definition grouped;
    grouped.alias = QStringLiteral("grouped");
    grouped.groupName = QStringLiteral("analytics");
    grouped.image = QStringLiteral("alpine");
    grouped.command = QStringLiteral("true");
    grouped.tags = {QStringLiteral("nightly")};
    QVERIFY(Testing::await(m_client->createDefinition(grouped))->succeeded());
    open(DefinitionEditor::Mode::Create);
    auto *groups = child<QComboBox>("groupCombo");
    QTRY_VERIFY(groups->findText(QStringLiteral("analytics")) >= 0);
    QCOMPARE(groups->currentText(), QString()); // loading groups picks none
    auto *tags = child<QLineEdit>("tagsEdit");
    QTRY_VERIFY(tags->completer()->model()->rowCount() > 0);
    tags->setFocus();
    QTest::keyClicks(tags, QStringLiteral("x, nigh"));
    QTRY_VERIFY(tags->completer()->popup()->isVisible());
    QTest::keyClick(tags->completer()->popup(), Qt::Key_Down);
    QTest::keyClick(tags->completer()->popup(), Qt::Key_Return);
    QCOMPARE(tags->text(), QStringLiteral("x, nightly"));
}

void tst_DefinitionEditor::unsavedChangesAskBeforeClosing()
{
    open(DefinitionEditor::Mode::Create);
    m_editor->reject(); // nothing typed: closes at once
    QVERIFY(!m_editor->isVisible());

    open(DefinitionEditor::Mode::Create);
    QTest::keyClicks(child<QLineEdit>("imageEdit"), QStringLiteral("alpine"));
    const auto answer = [this](QMessageBox::ButtonRole role) {
        m_editor->reject();
        QMessageBox *question = nullptr;
        QTRY_VERIFY((question = m_editor->findChild<QMessageBox *>(QStringLiteral("unsavedChanges"))));
        for (QAbstractButton *button : question->buttons()) {
            if (question->buttonRole(button) == role)
                button->click();
        }
        QTRY_VERIFY(!m_editor->findChild<QMessageBox *>(QStringLiteral("unsavedChanges")));
    };
    answer(QMessageBox::RejectRole); // Keep editing
    QVERIFY(m_editor->isVisible());
    answer(QMessageBox::DestructiveRole); // Discard
    QVERIFY(!m_editor->isVisible());
    QCOMPARE(m_editor->result(), int(QDialog::Rejected));
}

void tst_DefinitionEditor::everyControlHasAnAccessibleName()
{
    Definition shown;
    shown.alias = QStringLiteral("shown");
    shown.image = QStringLiteral("alpine");
    shown.command = QStringLiteral("echo $GREETING");
    shown.env = {{QStringLiteral("GREETING"), QStringLiteral("hi")}, {QStringLiteral("EMPTY"), {}}};
    open(DefinitionEditor::Mode::Edit, shown);
    QCOMPARE(Testing::controlsWithoutAccessibleName(m_editor.get()), QStringList());
    QVERIFY(!Testing::screenshot(m_editor.get(), QStringLiteral("definitioneditor")).isNull());
}

QTEST_MAIN(tst_DefinitionEditor)
#include "tst_definitioneditor.moc"
