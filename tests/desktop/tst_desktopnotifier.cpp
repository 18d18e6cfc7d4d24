// DesktopNotifier against a notification service on a private session bus
// (ctest runs it under dbus-run-session): what an ended run looks like, and
// its Open action.
#include <desktop/desktopnotifier.h>

#include <fakenotifications.h>
#include <icons.h>
#include <wire/run.h>

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusPendingCallWatcher>
#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

Run endedRun(std::optional<qint64> exitCode, const QString &reason = {})
{
    Run run;
    run.runId = QStringLiteral("run-1");
    run.alias = QStringLiteral("nightly-report");
    run.status = RunStatus::Stopped;
    run.exitCode = exitCode;
    run.exitReason = reason;
    run.queuedAt = QDateTime(QDate(2026, 1, 1), QTime(8, 0), Qt::UTC);
    run.startedAt = run.queuedAt->addSecs(5);
    run.finishedAt = run.startedAt->addSecs(65);
    return run;
}

} // namespace

class Tst_DesktopNotifier final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init() { m_service.calls.clear(); }
    void aSucceededRunSaysSoWithAnOpenAction();
    void aFailedRunSaysItsExitCodeAndReason();
    void failuresCanStayUntilDismissed();
    void openAsksForThatRunUntilClosed();
    void withoutAServiceItIsHandedOn();

private:
    FakeNotifications m_service;
};

void Tst_DesktopNotifier::initTestCase()
{
    QCoreApplication::setApplicationName(QStringLiteral("flotilla"));
    QString error;
    QVERIFY2(m_service.publish(&error), qPrintable(error));
}

void Tst_DesktopNotifier::aSucceededRunSaysSoWithAnOpenAction()
{
    DesktopNotifier notifier;
    notifier.runFinished(QStringLiteral("local"), endedRun(0));
    QTRY_COMPARE(m_service.calls.size(), 1);
    const FakeNotifications::Call &call = m_service.calls.constFirst();
    QCOMPARE(call.appName, QStringLiteral("flotilla"));
    QCOMPARE(call.icon, applicationId());
    QCOMPARE(call.summary, QStringLiteral("nightly-report: Succeeded"));
    QCOMPARE(call.body, QStringLiteral("Ran for 1m 05s.\nExit code 0."));
    QCOMPARE(call.hints.value(QStringLiteral("desktop-entry")).toString(), applicationId());
    QCOMPARE(call.actions, (QStringList{QStringLiteral("default"), QStringLiteral("Open"), QStringLiteral("open"),
                                        QStringLiteral("Open")}));
    QCOMPARE(call.timeout, -1);
    QVERIFY(!call.hints.contains(QStringLiteral("urgency")));
}

void Tst_DesktopNotifier::aFailedRunSaysItsExitCodeAndReason()
{
    DesktopNotifier notifier;
    notifier.runFinished(QStringLiteral("local"), endedRun(3, QStringLiteral("Killed by the user")));
    QTRY_COMPARE(m_service.calls.size(), 1);
    QCOMPARE(m_service.calls.constFirst().summary, QStringLiteral("nightly-report: Failed"));
    QCOMPARE(m_service.calls.constFirst().body, QStringLiteral("Ran for 1m 05s.\nExit code 3.\nKilled by the user"));
    QCOMPARE(m_service.calls.constFirst().timeout, -1); // not asked to stay
}

void Tst_DesktopNotifier::failuresCanStayUntilDismissed()
{
    DesktopNotifier notifier;
    notifier.setFailuresStay(true);
    notifier.runFinished(QStringLiteral("local"), endedRun(1));
    notifier.runFinished(QStringLiteral("local"), endedRun(0));
    QTRY_COMPARE(m_service.calls.size(), 2);
    QCOMPARE(m_service.calls.at(0).timeout, 0);
    QCOMPARE(m_service.calls.at(0).hints.value(QStringLiteral("urgency")).value<uchar>(), uchar(2));
    QCOMPARE(m_service.calls.at(1).timeout, -1); // a success goes as usual
    QVERIFY(!m_service.calls.at(1).hints.contains(QStringLiteral("urgency")));
}

void Tst_DesktopNotifier::openAsksForThatRunUntilClosed()
{
    DesktopNotifier notifier;
    QSignalSpy open(&notifier, &DesktopNotifier::openRequested);
    Run other = endedRun(0);
    other.runId = QStringLiteral("run-2");
    notifier.runFinished(QStringLiteral("prod"), endedRun(1));
    QTRY_COMPARE(m_service.calls.size(), 1);
    notifier.runFinished(QStringLiteral("local"), other);
    QTRY_COMPARE(m_service.calls.size(), 2);
    // The replies with the ids come after the calls were recorded.
    QTRY_VERIFY(notifier.findChildren<QDBusPendingCallWatcher *>().isEmpty());
    QVERIFY(m_service.emitSignal(QStringLiteral("ActionInvoked"), {41u, QStringLiteral("open")}));
    QTRY_COMPARE(open.size(), 1);
    QCOMPARE(open.first().value(0).toString(), QStringLiteral("prod"));
    QCOMPARE(open.first().value(1).value<Run>().runId, QStringLiteral("run-1"));
    QVERIFY(m_service.emitSignal(QStringLiteral("ActionInvoked"), {42u, QStringLiteral("default")}));
    QTRY_COMPARE(open.size(), 2);
    QCOMPARE(open.last().value(1).value<Run>().runId, QStringLiteral("run-2"));
    // Closed, or an action of another program's notification: nothing.
    QVERIFY(m_service.emitSignal(QStringLiteral("NotificationClosed"), {41u, 2u}));
    QVERIFY(m_service.emitSignal(QStringLiteral("ActionInvoked"), {41u, QStringLiteral("open")}));
    QVERIFY(m_service.emitSignal(QStringLiteral("ActionInvoked"), {99u, QStringLiteral("open")}));
    QVERIFY(m_service.emitSignal(QStringLiteral("ActionInvoked"),
                                 {42u, QStringLiteral("open")})); // a marker: it still counts
    QTRY_COMPARE(open.size(), 3);
    QCOMPARE(open.last().value(1).value<Run>().runId, QStringLiteral("run-2"));
}

void Tst_DesktopNotifier::withoutAServiceItIsHandedOn()
{
    const QString serviceName = FakeNotifications::serviceName;
    QVERIFY(m_service.shell().unregisterService(serviceName));
    QTRY_VERIFY(!QDBusConnection::sessionBus().interface()->isServiceRegistered(serviceName));
    DesktopNotifier notifier;
    QSignalSpy notShown(&notifier, &DesktopNotifier::notShown);
    notifier.runFinished(QStringLiteral("local"), endedRun(0));
    QVERIFY(notShown.wait(10000));
    QCOMPARE(notShown.first().value(1).value<Run>().runId, QStringLiteral("run-1"));
    QVERIFY(m_service.calls.isEmpty());
    QVERIFY(m_service.shell().registerService(serviceName));
}

QTEST_GUILESS_MAIN(Tst_DesktopNotifier)
#include "tst_desktopnotifier.moc"
