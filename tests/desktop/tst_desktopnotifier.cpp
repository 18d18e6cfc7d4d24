// DesktopNotifier against a notification service on a private session bus
// (ctest runs it under dbus-run-session): what a finished run looks like.
#include <desktop/desktopnotifier.h>

#include <icons.h>
#include <wire/run.h>

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QTest>

using namespace Flotilla;

namespace {

// org.freedesktop.Notifications as a desktop shell offers it, recording calls.
class FakeNotifications final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Call
    {
        QString appName;
        QString icon;
        QString summary;
        QString body;
        QVariantMap hints;
    };
    QList<Call> calls;

public Q_SLOTS:
    uint Notify(const QString &appName, uint, const QString &icon, const QString &summary, const QString &body,
                const QStringList &, const QVariantMap &hints, int)
    {
        calls.append({appName, icon, summary, body, hints});
        return uint(calls.size());
    }
};

const QString serviceName = QStringLiteral("org.freedesktop.Notifications");

Run stoppedRun(std::optional<qint64> exitCode, const QString &reason = {})
{
    Run run;
    run.runId = QStringLiteral("run-1");
    run.alias = QStringLiteral("nightly-report");
    run.status = RunStatus::Stopped;
    run.exitCode = exitCode;
    run.exitReason = reason;
    return run;
}

} // namespace

class Tst_DesktopNotifier final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init() { m_service.calls.clear(); }
    void aSucceededRunSaysSo();
    void aFailedRunSaysItsExitCodeAndReason();
    void withoutAServiceNothingBreaks();

private:
    FakeNotifications m_service;
    // The service sits on its own connection, as another process's would.
    QDBusConnection m_shell{QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("shell"))};
};

void Tst_DesktopNotifier::initTestCase()
{
    QCoreApplication::setApplicationName(QStringLiteral("flotilla"));
    QVERIFY2(m_shell.isConnected(), "no session bus: run under dbus-run-session");
    QVERIFY(m_shell.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &m_service,
                                   QDBusConnection::ExportAllSlots));
    QVERIFY(m_shell.registerService(serviceName));
}

void Tst_DesktopNotifier::aSucceededRunSaysSo()
{
    DesktopNotifier notifier;
    notifier.runFinished(stoppedRun(0));
    QTRY_COMPARE(m_service.calls.size(), 1);
    const FakeNotifications::Call &call = m_service.calls.constFirst();
    QCOMPARE(call.appName, QStringLiteral("flotilla"));
    QCOMPARE(call.icon, applicationId());
    QCOMPARE(call.summary, QStringLiteral("nightly-report: Succeeded"));
    QCOMPARE(call.body, QStringLiteral("Exit code 0"));
    QCOMPARE(call.hints.value(QStringLiteral("desktop-entry")).toString(), applicationId());
}

void Tst_DesktopNotifier::aFailedRunSaysItsExitCodeAndReason()
{
    DesktopNotifier notifier;
    notifier.runFinished(stoppedRun(3, QStringLiteral("Killed by the user")));
    QTRY_COMPARE(m_service.calls.size(), 1);
    QCOMPARE(m_service.calls.constFirst().summary, QStringLiteral("nightly-report: Failed"));
    QCOMPARE(m_service.calls.constFirst().body, QStringLiteral("Exit code 3. Killed by the user"));
}

void Tst_DesktopNotifier::withoutAServiceNothingBreaks()
{
    QVERIFY(m_shell.unregisterService(serviceName));
    QTRY_VERIFY(!QDBusConnection::sessionBus().interface()->isServiceRegistered(serviceName));
    DesktopNotifier notifier;
    notifier.runFinished(stoppedRun(0)); // fire and forget: no reply awaited, no error
    QVERIFY(m_service.calls.isEmpty());
    QVERIFY(m_shell.registerService(serviceName));
}

QTEST_GUILESS_MAIN(Tst_DesktopNotifier)
#include "tst_desktopnotifier.moc"
