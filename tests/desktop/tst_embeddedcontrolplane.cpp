// The desktop app's local control plane: its own on a worker thread, or the
// flotilla-local already serving the data dir.
#include "testpaths.h"
#include <desktop/embeddedcontrolplane.h>
#include <testserver.h>
#include <wire/localserver.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_EmbeddedControlPlane final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsItsOwnOnAWorkerThread();
    void usesTheServerAlreadyServingTheDataDir();
    void reportsWhyItCouldNotStart();
};

void Tst_EmbeddedControlPlane::startsItsOwnOnAWorkerThread()
{
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(QStringLiteral("data"));
    {
        EmbeddedControlPlane local(dataDir, TestPaths::runProgram());
        QSignalSpy ready(&local, &EmbeddedControlPlane::ready);
        local.start();
        QVERIFY(ready.wait(30000));
        QVERIFY(local.isEmbedded());
        const QUrl url = ready.constFirst().constFirst().toUrl();
        const QByteArray token = ready.constFirst().at(1).toByteArray();
        // Always a token, and the one other clients of this user find.
        QCOMPARE(token.size(), 64);
        QCOMPARE(LocalServer::find(dataDir)->token, token);
        QCOMPARE(HttpTestClient(url).get(QStringLiteral("/api/v6/health")).status, 401);
        HttpTestClient client(url, token);
        QCOMPARE(client.get(QStringLiteral("/api/v6/health")).status, 200);
        // Runs go to plain processes unless asked otherwise: no image needed.
        const QString id = createDefinition(client, {{"alias", "embedded"}, {"image", "none"}, {"command", "echo hi"}});
        const Json run = launch(client, id);
        QCOMPARE(run.value("cluster", ""), "local");
        QCOMPARE(waitForStatus(client, QString::fromStdString(run.value("run_id", "")), "STOPPED").value("exit_code", -1),
                 0);
        QVERIFY(QFile::exists(dataDir + QStringLiteral("/control-plane.lock")));
    }
    QVERIFY(!QFile::exists(dataDir + QStringLiteral("/control-plane.lock")));
}

void Tst_EmbeddedControlPlane::usesTheServerAlreadyServingTheDataDir()
{
    TestServer server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    EmbeddedControlPlane local(server.dataDir());
    QSignalSpy ready(&local, &EmbeddedControlPlane::ready);
    local.start();
    QVERIFY(ready.wait(30000));
    QVERIFY(!local.isEmbedded());
    QCOMPARE(ready.constFirst().constFirst().toUrl(), server.url());
    // The token of a server it did not start, read from the data dir.
    QCOMPARE(ready.constFirst().at(1).toByteArray(), server.token());
    QVERIFY(!server.token().isEmpty());
}

void Tst_EmbeddedControlPlane::reportsWhyItCouldNotStart()
{
    QTemporaryDir dir;
    QFile blocker(dir.filePath(QStringLiteral("file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    EmbeddedControlPlane local(blocker.fileName() + QStringLiteral("/data")); // under a file: cannot be made
    QSignalSpy failed(&local, &EmbeddedControlPlane::failed);
    local.start();
    QVERIFY(failed.wait(30000));
    QVERIFY(!failed.constFirst().constFirst().toString().isEmpty());
}

QTEST_GUILESS_MAIN(Tst_EmbeddedControlPlane)
#include "tst_embeddedcontrolplane.moc"
