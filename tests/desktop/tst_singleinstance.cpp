// SingleInstance: a link handed to a second flotilla-desktop opens in the
// first (the real program, twice), the second exits 0, and a socket left by
// a crashed start is taken over.
#include "awaitjob.h"
#include "testpaths.h"

#include <desktop/singleinstance.h>

#include <client/flotillaclient.h>
#include <wire/localserver.h>

#include <QFile>
#include <QLocalServer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_SingleInstance final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void aLinkGivenToASecondStartOpensInTheFirst();
    void aStaleSocketIsTakenOver();
    void otherDataDirsAreOtherInstances();

private:
    QProcessEnvironment environment() const;
    QString dataDir() const { return m_dir->filePath(QStringLiteral("data")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    QProcess m_first;
};

void Tst_SingleInstance::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("runtime")));
    // A runtime dir must be the user's alone, or Qt picks another.
    QFile::setPermissions(m_dir->filePath(QStringLiteral("runtime")),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    qputenv("XDG_RUNTIME_DIR", m_dir->filePath(QStringLiteral("runtime")).toLocal8Bit());
}

void Tst_SingleInstance::cleanup()
{
    if (m_first.state() != QProcess::NotRunning) {
        m_first.terminate();
        if (!m_first.waitForFinished(10000))
            m_first.kill();
        m_first.waitForFinished(5000);
    }
}

QProcessEnvironment Tst_SingleInstance::environment() const
{
    // Its own settings, data and runtime dirs: nothing of the user's is touched.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir->filePath(QStringLiteral("runtime")));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir->filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir->filePath(QStringLiteral("share")));
    environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("flotilla.links.info=true"));
    return environment;
}

void Tst_SingleInstance::aLinkGivenToASecondStartOpensInTheFirst()
{
    const QString program = TestPaths::binDir() + QStringLiteral("/flotilla-desktop");
    m_first.setProcessEnvironment(environment());
    m_first.start(program, {QStringLiteral("--data-dir"), dataDir()});
    QVERIFY2(m_first.waitForStarted(), qPrintable(m_first.errorString()));
    // Its embedded control plane is up once it publishes its URL and token.
    const auto published = [this] {
        const std::optional<LocalServer> found = LocalServer::find(dataDir());
        return found && !found->token.isEmpty();
    };
    QTRY_VERIFY_WITH_TIMEOUT(published(), 60000);
    const LocalServer local = LocalServer::find(dataDir()).value_or(LocalServer{});

    FlotillaClient client(local.url, ServerFlavour::ControlPlane);
    client.setBearerToken(QString::fromUtf8(local.token));
    Definition definition;
    definition.alias = QStringLiteral("linked");
    definition.image = QStringLiteral("alpine:3.20");
    definition.command = QStringLiteral("echo linked");
    definition.memory = 64;
    auto *created = await(client.createDefinition(definition));
    QVERIFY2(created->succeeded(), qPrintable(created->error().sentence()));
    LaunchRequest request;
    request.cluster = QStringLiteral("local");
    request.ownerId = QStringLiteral("tester");
    auto *launched = await(client.launch(created->result().definitionId, request));
    QVERIFY2(launched->succeeded(), qPrintable(launched->error().sentence()));
    const QString runId = launched->result().runId;

    QProcess second;
    second.setProcessEnvironment(environment());
    second.start(program, {QStringLiteral("--data-dir"), dataDir(), QStringLiteral("flotilla://local/run/") + runId});
    QVERIFY(second.waitForFinished(30000));
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QVERIFY2(second.exitCode() == 0, second.readAllStandardError().constData());
    QCOMPARE(m_first.state(), QProcess::Running);

    // The first read the run from its control plane and opened its window.
    const QByteArray opened = QStringLiteral("flotilla.links: opened flotilla://local/run/%1: the run window of %1")
                                  .arg(runId)
                                  .toUtf8();
    QByteArray log;
    QTRY_VERIFY2_WITH_TIMEOUT((log += m_first.readAllStandardError()).contains(opened), log.constData(), 30000);
}

void Tst_SingleInstance::aStaleSocketIsTakenOver()
{
    SingleInstance instance(dataDir(), false);
    QVERIFY(instance.serverName().startsWith(m_dir->filePath(QStringLiteral("runtime/flotilla-desktop-"))));
    // What a crashed start leaves: the socket's file, and nobody behind it.
    {
        QFile stale(instance.serverName());
        QVERIFY(stale.open(QIODevice::WriteOnly));
    }
    QVERIFY(!instance.handOver({QStringLiteral("flotilla-desktop")}, 2000));
    QVERIFY(instance.listen());
}

void Tst_SingleInstance::otherDataDirsAreOtherInstances()
{
    const SingleInstance usual(QStringLiteral("/somewhere/data"), true);
    const SingleInstance other(QStringLiteral("/somewhere/data"), false);
    const SingleInstance third(QStringLiteral("/elsewhere/data"), false);
    QVERIFY(usual.serverName().endsWith(QStringLiteral("/flotilla-desktop-%1").arg(::getuid())));
    QVERIFY(other.serverName() != usual.serverName());
    QVERIFY(other.serverName() != third.serverName());
    QCOMPARE(SingleInstance(QStringLiteral("/somewhere/./data"), false).serverName(), other.serverName());
}

QTEST_GUILESS_MAIN(Tst_SingleInstance)
#include "tst_singleinstance.moc"
