// CompareWindow against the real control plane: two runs of a definition
// with different env and logs that differ in timestamps and in two real
// places; the fields and env compared, the logs read and aligned with the
// default mask, jumping between differences, an invalid mask, and Cancel.
#include <compare/comparewindow.h>

#include <client/flotillaclient.h>
#include <lists/envcomparisonmodel.h>
#include <lists/runcomparisonmodel.h>
#include <log/logdiffmodel.h>
#include <testserver.h>

#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_CompareWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fieldsAndEnvDiffer();
    void logsAlignWithTheDefaultMask();
    void movesBetweenDifferences();
    void invalidMaskSaysWhatToFix();
    void cancelStopsTheComparison();

private:
    std::unique_ptr<CompareWindow> openWindow();
    QPushButton *button(CompareWindow &window, const QString &accessibleName) const;

    TestServer m_server;
    std::unique_ptr<FlotillaClient> m_client;
    Run m_left;
    Run m_right;
};

namespace {

// 30 timestamped lines; with DEBUG set one more after line 10; MODE=strict
// fails at the end.
const char *const command = "for i in $(seq 1 30); do echo \"$(date -u +%Y-%m-%dT%H:%M:%S.%NZ) INFO step $i\"; "
                            "if [ $i = 10 ] && [ -n \"$DEBUG\" ]; then echo \"$(date -u +%T) DEBUG cache warm\"; fi; "
                            "done; if [ \"$MODE\" = strict ]; then echo \"$(date -u +%T) ERROR 3 rows invalid\"; "
                            "exit 2; fi; echo \"$(date -u +%T) INFO finished\"";

} // namespace

void Tst_CompareWindow::initTestCase()
{
    QVERIFY(m_server.start());
    m_client = std::make_unique<FlotillaClient>(m_server.url(), ServerFlavour::ControlPlane);
    m_client->setBearerToken(QString::fromUtf8(m_server.token()));
    HttpTestClient http(m_server);
    const QString definition = createDefinition(http,
                                                Json{{"alias", "nightly"}, {"image", "none"}, {"command", command}});
    QVERIFY(!definition.isEmpty());
    const auto runWith = [&](const Json &env) {
        const QString runId = QString::fromStdString(
            launch(http, definition, Json{{"run_tags", {{"owner_id", "ada"}}}, {"env", env}}).value("run_id", ""));
        waitForStatus(http, runId, "STOPPED");
        ResultJob<Run> *job = m_client->run(runId);
        QSignalSpy finished(job, &ApiJob::finished);
        job->setAutoDelete(false);
        job->start();
        finished.wait();
        return job->result();
    };
    m_left = runWith(
        Json::array({Json{{"name", "MODE"}, {"value", "lenient"}}, Json{{"name", "REGION"}, {"value", "eu"}}}));
    m_right = runWith(
        Json::array({Json{{"name", "MODE"}, {"value", "strict"}}, Json{{"name", "DEBUG"}, {"value", "1"}}}));
    QCOMPARE(m_left.exitCode, 0);
    QCOMPARE(m_right.exitCode, 2);
}

std::unique_ptr<CompareWindow> Tst_CompareWindow::openWindow()
{
    return std::make_unique<CompareWindow>(m_client.get(), m_left, m_right);
}

QPushButton *Tst_CompareWindow::button(CompareWindow &window, const QString &accessibleName) const
{
    for (QPushButton *button : window.findChildren<QPushButton *>()) {
        if (button->accessibleName() == accessibleName)
            return button;
    }
    return nullptr;
}

void Tst_CompareWindow::fieldsAndEnvDiffer()
{
    const std::unique_ptr<CompareWindow> window = openWindow();
    RunComparisonModel *fields = window->fields();
    bool exitDiffers = false, imageDiffers = true;
    for (int row = 0; row < fields->rowCount(); ++row) {
        const auto field = RunField(fields->index(row, 0).data(RunComparisonModel::FieldRole).toInt());
        const bool differs = fields->index(row, 0).data(RunComparisonModel::DiffersRole).toBool();
        if (field == RunField::ExitCode)
            exitDiffers = differs;
        if (field == RunField::Image)
            imageDiffers = differs;
    }
    QVERIFY(exitDiffers);
    QVERIFY(!imageDiffers);
    EnvComparisonModel *env = window->env();
    QMap<QString, EnvChange> changes;
    for (const EnvComparison &var : env->comparison())
        changes.insert(var.name, var.change);
    QCOMPARE(changes.value(QStringLiteral("DEBUG")), EnvChange::Added);
    QCOMPARE(changes.value(QStringLiteral("REGION")), EnvChange::Removed);
    QCOMPARE(changes.value(QStringLiteral("MODE")), EnvChange::Changed);
    // The control plane's own variables: the run id differs, the owner does not.
    QCOMPARE(changes.value(QStringLiteral("FLOTILLA_RUN_ID")), EnvChange::Changed);
    QCOMPARE(changes.value(QStringLiteral("FLOTILLA_RUN_OWNER_ID")), EnvChange::Same);
    QCOMPARE(env->count(EnvChange::Changed), 2);
    QVERIFY(window->commandDiff()->result().isEqual());
}

void Tst_CompareWindow::logsAlignWithTheDefaultMask()
{
    const std::unique_ptr<CompareWindow> window = openWindow();
    QSignalSpy compared(window.get(), &CompareWindow::logsCompared);
    QVERIFY(window->isBusy());
    QCOMPARE(window->maskField()->text(), LineMask::defaultPattern());
    QVERIFY(compared.wait(30000));
    QVERIFY(!window->isBusy());
    const LineDiffResult &result = window->logDiff()->result();
    // Every line has a different time; only the DEBUG line and the end differ.
    QCOMPARE(window->logDiff()->rowCount(), 32);
    QCOMPARE(result.onlyRight, 1);
    QCOMPARE(result.onlyLeft, 0);
    QCOMPARE(result.changed, 1);
    QCOMPARE(result.firstDifference, 10);
    QVERIFY(window->logDiff()->index(10, LogDiffModel::RightText).data().toString().endsWith(u"DEBUG cache warm"));
    QCOMPARE(window->logStatus(), QStringLiteral("0 lines only left, 1 only right, 1 changed, in 2 places"));
    // It jumped there.
    QCOMPARE(window->logView()->currentIndex().row(), 10);

    // Without a mask every line differs.
    window->maskField()->clear();
    window->compareLogs();
    QVERIFY(compared.wait(30000));
    QCOMPARE(window->logDiff()->result().changed, 31);
}

void Tst_CompareWindow::movesBetweenDifferences()
{
    const std::unique_ptr<CompareWindow> window = openWindow();
    QSignalSpy compared(window.get(), &CompareWindow::logsCompared);
    QVERIFY(compared.wait(30000));
    QCOMPARE(window->logView()->currentIndex().row(), 10);
    QPushButton *next = button(*window, QStringLiteral("Next difference"));
    QPushButton *previous = button(*window, QStringLiteral("Previous difference"));
    QVERIFY(next && previous);
    QVERIFY(!previous->isEnabled());
    next->click();
    QCOMPARE(window->logView()->currentIndex().row(), 31);
    QVERIFY(!next->isEnabled());
    previous->click();
    QCOMPARE(window->logView()->currentIndex().row(), 10);
    window->logView()->setCurrentIndex(window->logDiff()->index(0, 0));
    button(*window, QStringLiteral("Jump to the first difference"))->click();
    QCOMPARE(window->logView()->currentIndex().row(), 10);
}

void Tst_CompareWindow::invalidMaskSaysWhatToFix()
{
    const std::unique_ptr<CompareWindow> window = openWindow();
    QSignalSpy compared(window.get(), &CompareWindow::logsCompared);
    QVERIFY(compared.wait(30000));
    window->maskField()->setText(QStringLiteral("(unclosed"));
    window->compareLogs();
    QCOMPARE(compared.size(), 2);
    QVERIFY2(window->logStatus().contains(u"not a valid regular expression"), qPrintable(window->logStatus()));
    QCOMPARE(window->logDiff()->rowCount(), 0);
}

void Tst_CompareWindow::cancelStopsTheComparison()
{
    const std::unique_ptr<CompareWindow> window = openWindow();
    QSignalSpy compared(window.get(), &CompareWindow::logsCompared);
    QVERIFY(compared.wait(30000));
    window->compareLogs();
    QVERIFY(window->isBusy());
    button(*window, QStringLiteral("Cancel the log comparison"))->click();
    QVERIFY(compared.wait(30000));
    QVERIFY(!window->isBusy());
    QVERIFY2(window->logStatus().contains(u"cancelled"), qPrintable(window->logStatus()));
    // The diff of before stays on screen until a comparison ends with a result.
    QCOMPARE(window->logDiff()->rowCount(), 32);
}

QTEST_MAIN(Tst_CompareWindow)
#include "tst_comparewindow.moc"
