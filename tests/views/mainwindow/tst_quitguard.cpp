// QuitGuard against a real control plane: quitting with and without active
// local runs, each answer, and the connection moving on while it asks.
#include <mainwindow/quitguard.h>

#include <client/flotillaclient.h>
#include <client/serverconnection.h>
#include <testserver.h>

#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

QMessageBox *waitForQuestion()
{
    QMessageBox *box = nullptr;
    if (!QTest::qWaitFor(
            [&] { return (box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) != nullptr; }, 10000))
        return nullptr;
    return box;
}

void answer(QMessageBox *box, const QString &text)
{
    for (QAbstractButton *button : box->buttons()) {
        if (button->text().remove(u'&').startsWith(text))
            return button->click();
    }
    QFAIL(qPrintable(QStringLiteral("no button %1").arg(text)));
}

} // namespace

class Tst_QuitGuard final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void withoutALocalServerItQuits();
    void withoutActiveRunsItQuitsWithoutAsking();
    void disabledItDoesNotAsk();
    void cancelKeepsTheRunsAndAsksAgainNextTime();
    void leaveRunningQuitsAndLeavesThem();
    void stopThemStopsEveryRunAndQuits();
    void stopThemGoesToTheServerItAskedAbout();

private:
    QString startRun();

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<HttpTestClient> m_http;
    std::unique_ptr<QWidget> m_window;
    ServerConnection *m_connection = nullptr;
    QuitGuard *m_guard = nullptr;
};

void Tst_QuitGuard::init()
{
    m_server = std::make_unique<TestServer>();
    QString error;
    QVERIFY2(m_server->start(&error), qPrintable(error));
    m_http = std::make_unique<HttpTestClient>(*m_server);
    m_window = std::make_unique<QWidget>();
    m_window->show();
    m_connection = new ServerConnection(m_window.get());
    m_guard = new QuitGuard(m_connection, m_window.get());
    m_connection->setLocalServer(m_server->url(), m_server->token());
    m_connection->connectTo(ServerProfile::local());
    QCOMPARE(m_connection->state(), ServerConnection::State::Connected);
}

void Tst_QuitGuard::cleanup()
{
    m_window.reset();
    m_http.reset();
    m_server.reset();
}

QString Tst_QuitGuard::startRun()
{
    const QString definitionId = createDefinition(*m_http,
                                                  {{"alias",
                                                    "sleeper-" + std::to_string(QRandomGenerator::global()->generate())},
                                                   {"image", "none"},
                                                   {"command", "sleep 600"}});
    const QString runId = QString::fromStdString(launch(*m_http, definitionId).value("run_id", ""));
    waitForStatus(*m_http, runId, "RUNNING");
    return runId;
}

void Tst_QuitGuard::withoutALocalServerItQuits()
{
    ServerConnection remoteOnly;
    QuitGuard guard(&remoteOnly, m_window.get());
    QVERIFY(guard.mayQuit());
}

void Tst_QuitGuard::withoutActiveRunsItQuitsWithoutAsking()
{
    QSignalSpy confirmed(m_guard, &QuitGuard::quitConfirmed);
    QVERIFY(!m_guard->mayQuit()); // it asks the server first
    QVERIFY(!m_guard->mayQuit()); // once
    QVERIFY(confirmed.wait(10000));
    QVERIFY(!QApplication::activeModalWidget());
    QVERIFY(m_guard->mayQuit());
}

void Tst_QuitGuard::disabledItDoesNotAsk()
{
    startRun();
    m_guard->setEnabled(false);
    QVERIFY(m_guard->mayQuit());
}

void Tst_QuitGuard::cancelKeepsTheRunsAndAsksAgainNextTime()
{
    const QString runId = startRun();
    QSignalSpy confirmed(m_guard, &QuitGuard::quitConfirmed);
    QVERIFY(!m_guard->mayQuit());
    QMessageBox *box = waitForQuestion();
    QVERIFY(box);
    QVERIFY(box->text().contains(QStringLiteral("1 local run")));
    box->reject();
    QTRY_VERIFY(!QApplication::activeModalWidget());
    QCOMPARE(confirmed.size(), 0);
    QVERIFY(!m_guard->mayQuit());
    QVERIFY(waitForQuestion());
    QApplication::activeModalWidget()->close();
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/history/") + runId).json().value("status", ""), "RUNNING");
}

void Tst_QuitGuard::leaveRunningQuitsAndLeavesThem()
{
    const QString runId = startRun();
    QSignalSpy confirmed(m_guard, &QuitGuard::quitConfirmed);
    QVERIFY(!m_guard->mayQuit());
    answer(waitForQuestion(), QStringLiteral("Leave Running"));
    QCOMPARE(confirmed.size(), 1);
    QVERIFY(m_guard->mayQuit());
    QCOMPARE(m_http->get(QStringLiteral("/api/v1/history/") + runId).json().value("status", ""), "RUNNING");
}

void Tst_QuitGuard::stopThemStopsEveryRunAndQuits()
{
    const QStringList runIds{startRun(), startRun()};
    QSignalSpy confirmed(m_guard, &QuitGuard::quitConfirmed);
    QVERIFY(!m_guard->mayQuit());
    QMessageBox *box = waitForQuestion();
    QVERIFY(box->text().contains(QStringLiteral("2 local run")));
    answer(box, QStringLiteral("Stop Them"));
    QVERIFY(confirmed.wait(10000));
    for (const QString &runId : runIds)
        QCOMPARE(waitForStatus(*m_http, runId, "STOPPED").value("status", ""), "STOPPED");
}

// Issue 15: after the question the local client was read again, null after a
// reconnect or forgotten clients (a crash).
void Tst_QuitGuard::stopThemGoesToTheServerItAskedAbout()
{
    const QString runId = startRun();
    QSignalSpy confirmed(m_guard, &QuitGuard::quitConfirmed);
    QVERIFY(!m_guard->mayQuit());
    QMessageBox *box = waitForQuestion();
    QVERIFY(box);
    m_connection->forgetClients();
    QVERIFY(!m_connection->localClient());
    answer(box, QStringLiteral("Stop Them"));
    QVERIFY(confirmed.wait(10000));
    QCOMPARE(waitForStatus(*m_http, runId, "STOPPED").value("status", ""), "STOPPED");
}

QTEST_MAIN(Tst_QuitGuard)
#include "tst_quitguard.moc"
