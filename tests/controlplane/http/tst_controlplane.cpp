// ControlPlane: start-up checks, data dir ownership and restart over the
// same data (api-contract §8, §8a).
#include "testpaths.h"
#include <http/controlplane.h>
#include <wire/localserver.h>

#include <testserver.h>
#include <tmpfsmount.h>

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/stat.h>
#include <unistd.h>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

int fileMode(const QString &path)
{
    struct stat info = {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 07777) : -1;
}

ControlPlaneOptions optionsFor(const QString &dataDir)
{
    ControlPlaneOptions options;
    options.port = 0;
    options.dataDir = dataDir;
    options.runProgram = TestPaths::runProgram();
    return options;
}

Json definitionBody(const QString &alias)
{
    return Json{{"alias", alias.toStdString()},
                {"image", "alpine:3"},
                {"command", "echo hello"},
                {"group_name", "restart"},
                {"memory", 128},
                {"env", Json::array({Json{{"name", "A"}, {"value", "1"}}})}};
}

} // namespace

class Tst_ControlPlane final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void startsOnFreeLoopbackPort();
    void dataDirAndDatabaseAreOwnerOnly();
    void createsMissingDataDir();
    void secondOnSameDirFailsNamingFirst();
    void differentDirsRunSideBySide();
    void dataDirOthersCanWriteIsRefused_data();
    void dataDirOthersCanWriteIsRefused();
    void dataDirOfAnotherUserIsRefused();
    void readOnlyDataDirIsRefused();
    void tokenIsMadeKeptAndPublished();
    void nonLoopbackNeedsToken();
    void nonLoopbackWithTokenStarts();
    void unknownDefaultClusterFails();
    void knownDefaultClusterStarts();
    void missingContainerEngineIsAWarning();
    void busyPortFails();
    void failedStartReleasesDir();
    void uncreatableDataDirFails();
    void restartKeepsData();
    void servesAndRunsFromAWorkerThread();
};

void Tst_ControlPlane::startsOnFreeLoopbackPort()
{
    QTemporaryDir dir;
    ControlPlane controlPlane(optionsFor(dir.path() + QStringLiteral("/data")));
    QVERIFY(controlPlane.url().isEmpty());
    QString error;
    QVERIFY2(controlPlane.start(&error), qPrintable(error));
    const QUrl url = controlPlane.url();
    QCOMPARE(url.scheme(), QStringLiteral("http"));
    QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(url.port() > 0);
    QVERIFY(url.port() <= 65535);
    QCOMPARE(url.toString(), QStringLiteral("http://127.0.0.1:%1").arg(url.port()));
    QCOMPARE(controlPlane.dataDir(), dir.path() + QStringLiteral("/data"));

    HttpTestClient client(controlPlane);
    const HttpResult health = client.get(QStringLiteral("/api/v6/health"));
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json().value("status", std::string()), std::string("healthy"));
}

void Tst_ControlPlane::dataDirAndDatabaseAreOwnerOnly()
{
    QTemporaryDir dir;
    const QString dataDir = dir.path() + QStringLiteral("/data");
    QVERIFY(QDir().mkpath(dataDir));
    QVERIFY(QFile::setPermissions(dataDir, QFile::Permissions(0x7755))); // an existing, open dir
    ControlPlane controlPlane(optionsFor(dataDir));
    QString error;
    QVERIFY2(controlPlane.start(&error), qPrintable(error));

    // Write something so the database has its WAL files too, and run something.
    HttpTestClient client(controlPlane);
    const QString id = createDefinition(client, {{"alias", "perm"}, {"image", "none"}, {"command", "echo hi"}});
    const QString run = QString::fromStdString(
        launch(client, id, {{"cluster", "local"}, {"run_tags", {{"owner_id", "me"}}}}).value("run_id", ""));
    QCOMPARE(waitForStatus(client, run, "STOPPED").value("exit_code", -1), 0);

    QCOMPARE(fileMode(dataDir), 0700);
    QCOMPARE(fileMode(dataDir + QStringLiteral("/flotilla.sqlite")), 0600);
    for (const char *suffix : {"-wal", "-shm"}) {
        const QString path = dataDir + QStringLiteral("/flotilla.sqlite") + QLatin1String(suffix);
        if (QFile::exists(path))
            QVERIFY2(fileMode(path) == 0600, qPrintable(path));
    }
    QCOMPARE(fileMode(dataDir + QStringLiteral("/control-plane.lock")), 0600);
    QCOMPARE(fileMode(dataDir + QStringLiteral("/control-plane.url")), 0600);
    QCOMPARE(fileMode(dataDir + QStringLiteral("/control-plane.token")), 0600);
    QCOMPARE(fileMode(dataDir + QStringLiteral("/logs")), 0700);
    QCOMPARE(fileMode(dataDir + QStringLiteral("/logs/") + run + QStringLiteral(".log")), 0600);
    QCOMPARE(fileMode(dataDir + QStringLiteral("/runs")), 0700);
    QCOMPARE(fileMode(dataDir + QStringLiteral("/runs/") + run), 0700);
    QCOMPARE(fileMode(dataDir + QStringLiteral("/runs/") + run + QStringLiteral("/work")), 0700);
}

void Tst_ControlPlane::dataDirOthersCanWriteIsRefused_data()
{
    QTest::addColumn<int>("mode");
    QTest::newRow("0777") << 0777;
    QTest::newRow("0770 (group)") << 0770;
    QTest::newRow("0702 (others)") << 0702;
}

void Tst_ControlPlane::dataDirOthersCanWriteIsRefused()
{
    QFETCH(int, mode);
    QTemporaryDir dir;
    const QString dataDir = dir.path() + QStringLiteral("/data");
    QVERIFY(QDir().mkdir(dataDir));
    QVERIFY(::chmod(QFile::encodeName(dataDir).constData(), mode_t(mode)) == 0);
    ControlPlane controlPlane(optionsFor(dataDir));
    QString message;
    QVERIFY(!controlPlane.start(&message));
    QVERIFY2(message.contains(QStringLiteral("can be written by other users")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("chmod 700 ") + dataDir), qPrintable(message));
    QVERIFY(controlPlane.url().isEmpty());
    QCOMPARE(QDir(dataDir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
    QCOMPARE(fileMode(dataDir), mode); // not repaired behind the user's back
}

void Tst_ControlPlane::dataDirOfAnotherUserIsRefused()
{
    if (::geteuid() != 0)
        QSKIP("needs root to give a dir to another user");
    QTemporaryDir dir;
    const QString dataDir = dir.path() + QStringLiteral("/data");
    QVERIFY(QDir().mkdir(dataDir));
    QVERIFY(::chown(QFile::encodeName(dataDir).constData(), 65534, 65534) == 0); // nobody
    QVERIFY(::chmod(QFile::encodeName(dataDir).constData(), 0700) == 0);
    ControlPlane controlPlane(optionsFor(dataDir));
    QString message;
    QVERIFY(!controlPlane.start(&message));
    QVERIFY2(message.contains(QStringLiteral("is owned by nobody (uid 65534), not by you")), qPrintable(message));
    QCOMPARE(QDir(dataDir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
}

// The control plane the desktop app runs gives the same message as flotilla-local.
void Tst_ControlPlane::readOnlyDataDirIsRefused()
{
    QTemporaryDir dir;
    const QString dataDir = dir.path() + QStringLiteral("/data");
    QVERIFY(QDir().mkdir(dataDir));
    TmpfsMount mount;
    QString problem;
    if (!mount.mount(dataDir, &problem) || !mount.remountReadOnly(&problem))
        QSKIP(qPrintable(QStringLiteral("cannot mount a read-only tmpfs here (%1)").arg(problem)));
    ControlPlane controlPlane(optionsFor(dataDir));
    QString message;
    QVERIFY(!controlPlane.start(&message));
    QVERIFY2(message.contains(QStringLiteral("the data dir %1 is not writable by you").arg(dataDir)),
             qPrintable(message));
    QCOMPARE(QDir(dataDir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
}

void Tst_ControlPlane::tokenIsMadeKeptAndPublished()
{
    QTemporaryDir dir;
    const QString dataDir = dir.path() + QStringLiteral("/data");
    QByteArray first;
    {
        ControlPlane controlPlane(optionsFor(dataDir));
        QString error;
        QVERIFY2(controlPlane.start(&error), qPrintable(error));
        first = controlPlane.token();
        QCOMPARE(first.size(), 64);
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{64}$")).match(QString::fromLatin1(first)).hasMatch());
        const std::optional<LocalServer> found = LocalServer::find(dataDir);
        QVERIFY(found);
        QCOMPARE(found->url, controlPlane.url());
        QCOMPARE(found->token, first);
        QCOMPARE(fileMode(LocalServer::tokenPath(dataDir)), 0600);
    }
    // A restart keeps it, so clients go on; another data dir has its own.
    {
        ControlPlane again(optionsFor(dataDir));
        QString error;
        QVERIFY2(again.start(&error), qPrintable(error));
        QCOMPARE(again.token(), first);
    }
    ControlPlane other(optionsFor(dir.path() + QStringLiteral("/other")));
    QVERIFY(other.start(nullptr));
    QVERIFY(other.token() != first);
    // Deleting the file makes a new one; a given token is the one published.
    QVERIFY(QFile::remove(LocalServer::tokenPath(dataDir)));
    ControlPlaneOptions options = optionsFor(dataDir);
    {
        ControlPlane renewed(options);
        QVERIFY(renewed.start(nullptr));
        QVERIFY(renewed.token() != first);
    }
    options.token = "given-token";
    ControlPlane given(options);
    QVERIFY(given.start(nullptr));
    QCOMPARE(given.token(), QByteArray("given-token"));
    QCOMPARE(LocalServer::find(dataDir)->token, QByteArray("given-token"));
}

void Tst_ControlPlane::createsMissingDataDir()
{
    QTemporaryDir dir;
    const QString dataDir = dir.path() + QStringLiteral("/a/b/c");
    ControlPlane controlPlane(optionsFor(dataDir));
    QString error;
    QVERIFY2(controlPlane.start(&error), qPrintable(error));
    QVERIFY(QFile::exists(dataDir + QStringLiteral("/flotilla.sqlite")));
    QCOMPARE(fileMode(dataDir), 0700);
}

void Tst_ControlPlane::secondOnSameDirFailsNamingFirst()
{
    QTemporaryDir dir;
    const QString dataDir = dir.path() + QStringLiteral("/data");
    ControlPlane first(optionsFor(dataDir));
    QString error;
    QVERIFY2(first.start(&error), qPrintable(error));

    ControlPlane second(optionsFor(dataDir));
    QString message;
    QVERIFY(!second.start(&message));
    QVERIFY2(message.contains(first.url().toString()), qPrintable(message));
    QVERIFY(second.url().isEmpty());

    // The first is unharmed.
    HttpTestClient client(first);
    QCOMPARE(client.get(QStringLiteral("/api/v6/health")).status, 200);
    QCOMPARE(client.post(QStringLiteral("/api/v6/task"), definitionBody(QStringLiteral("still-works"))).status, 200);
}

void Tst_ControlPlane::differentDirsRunSideBySide()
{
    QTemporaryDir dir;
    ControlPlane a(optionsFor(dir.path() + QStringLiteral("/a")));
    ControlPlane b(optionsFor(dir.path() + QStringLiteral("/b")));
    QString error;
    QVERIFY2(a.start(&error), qPrintable(error));
    QVERIFY2(b.start(&error), qPrintable(error));
    QVERIFY(a.url() != b.url());
    HttpTestClient clientA(a);
    HttpTestClient clientB(b);
    QCOMPARE(clientA.post(QStringLiteral("/api/v6/task"), definitionBody(QStringLiteral("only-a"))).status, 200);
    QCOMPARE(clientA.get(QStringLiteral("/api/v6/task")).json()["total"].get<int>(), 1);
    QCOMPARE(clientB.get(QStringLiteral("/api/v6/task")).json()["total"].get<int>(), 0);
}

void Tst_ControlPlane::nonLoopbackNeedsToken()
{
    QTemporaryDir dir;
    ControlPlaneOptions options = optionsFor(dir.path() + QStringLiteral("/data"));
    options.tokenRequired = false;
    for (const QHostAddress &address : {QHostAddress(QHostAddress::AnyIPv4), QHostAddress(QHostAddress::Any)}) {
        options.address = address;
        ControlPlane controlPlane(options);
        QString message;
        QVERIFY(!controlPlane.start(&message));
        QVERIFY2(message.contains(QStringLiteral("--no-token")), qPrintable(message));
        QVERIFY(controlPlane.url().isEmpty());
    }
    // It refused before taking the dir.
    QVERIFY(!QFile::exists(dir.path() + QStringLiteral("/data/control-plane.lock")));
}

void Tst_ControlPlane::nonLoopbackWithTokenStarts()
{
    QTemporaryDir dir;
    ControlPlaneOptions options = optionsFor(dir.path() + QStringLiteral("/data"));
    options.address = QHostAddress(QHostAddress::AnyIPv4);
    options.token = "s3cret-token";
    ControlPlane controlPlane(options);
    QString error;
    QVERIFY2(controlPlane.start(&error), qPrintable(error));
    QVERIFY(controlPlane.url().port() > 0);
    QCOMPARE(controlPlane.url().host(), QStringLiteral("0.0.0.0"));

    // Reachable through loopback; the token is required.
    QUrl local = controlPlane.url();
    local.setHost(QStringLiteral("127.0.0.1"));
    HttpTestClient client(local);
    QCOMPARE(client.get(QStringLiteral("/api/v6/health")).status, 401);
    const HttpResult authorized = client.request("GET", QStringLiteral("/api/v6/health"), {},
                                                 {{"Authorization", "Bearer s3cret-token"}});
    QCOMPARE(authorized.status, 200);
}

void Tst_ControlPlane::unknownDefaultClusterFails()
{
    QTemporaryDir dir;
    ControlPlaneOptions options = optionsFor(dir.path() + QStringLiteral("/data"));
    options.defaultCluster = QStringLiteral("no-such-cluster");
    ControlPlane controlPlane(options);
    QString message;
    QVERIFY(!controlPlane.start(&message));
    QVERIFY2(message.contains(QStringLiteral("no-such-cluster")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("local")), qPrintable(message)); // the valid clusters
    QVERIFY(controlPlane.url().isEmpty());
}

void Tst_ControlPlane::missingContainerEngineIsAWarning()
{
    QTemporaryDir dir;
    ControlPlaneOptions options = optionsFor(dir.path() + QStringLiteral("/data"));
    options.containerEngines = {QStringLiteral("flotilla-no-such-engine")};
    ControlPlane controlPlane(options);
    QString error;
    QVERIFY2(controlPlane.start(&error), qPrintable(error));
    QCOMPARE(controlPlane.warnings(), QStringList{QStringLiteral("flotilla-no-such-engine was not found on PATH; the "
                                                                 "flotilla-no-such-engine cluster is left out")});
    HttpTestClient client(controlPlane);
    QCOMPARE(client.get(QStringLiteral("/api/v6/clusters")).json().value("clusters", Json()).dump(),
             std::string(R"(["local"])"));
}

void Tst_ControlPlane::knownDefaultClusterStarts()
{
    QTemporaryDir dir;
    const QString dataDir = dir.path() + QStringLiteral("/data");
    QStringList clusters;
    {
        ControlPlane probe(optionsFor(dataDir));
        QString error;
        QVERIFY2(probe.start(&error), qPrintable(error));
        HttpTestClient client(probe);
        const HttpResult result = client.get(QStringLiteral("/api/v6/clusters"));
        QCOMPARE(result.status, 200);
        const Json body = result.json();
        for (const Json &name : body["clusters"])
            clusters.append(QString::fromStdString(name.get<std::string>()));
    }
    QVERIFY(!clusters.isEmpty());
    ControlPlaneOptions options = optionsFor(dataDir);
    options.defaultCluster = clusters.first();
    ControlPlane controlPlane(options);
    QString error;
    QVERIFY2(controlPlane.start(&error), qPrintable(error));
}

void Tst_ControlPlane::busyPortFails()
{
    QTemporaryDir dir;
    ControlPlane first(optionsFor(dir.path() + QStringLiteral("/a")));
    QString error;
    QVERIFY2(first.start(&error), qPrintable(error));

    ControlPlaneOptions options = optionsFor(dir.path() + QStringLiteral("/b"));
    options.port = quint16(first.url().port());
    ControlPlane second(options);
    QString message;
    QVERIFY(!second.start(&message));
    QVERIFY2(message.contains(QString::number(first.url().port())), qPrintable(message));
    QVERIFY(second.url().isEmpty());

    // The failed start let go of its data dir.
    ControlPlane third(optionsFor(dir.path() + QStringLiteral("/b")));
    QVERIFY2(third.start(&error), qPrintable(error));
}

void Tst_ControlPlane::uncreatableDataDirFails()
{
    QTemporaryDir dir;
    const QString file = dir.path() + QStringLiteral("/plain-file");
    {
        QFile plain(file);
        QVERIFY(plain.open(QIODevice::WriteOnly));
    }
    ControlPlane controlPlane(optionsFor(file + QStringLiteral("/data")));
    QString message;
    QVERIFY(!controlPlane.start(&message));
    QVERIFY2(message.contains(file + QStringLiteral("/data")), qPrintable(message));
    QVERIFY(controlPlane.url().isEmpty());
}

void Tst_ControlPlane::failedStartReleasesDir()
{
    // A start that fails after taking the dir (bad cluster) leaves it free.
    QTemporaryDir dir;
    const QString dataDir = dir.path() + QStringLiteral("/data");
    {
        ControlPlaneOptions options = optionsFor(dataDir);
        options.defaultCluster = QStringLiteral("nowhere");
        ControlPlane failing(options);
        QString message;
        QVERIFY(!failing.start(&message));
        // Still inside its lifetime: the lock must not be held.
        ControlPlane other(optionsFor(dataDir));
        QString error;
        QVERIFY2(other.start(&error), qPrintable(error));
    }
    ControlPlane after(optionsFor(dataDir));
    QString error;
    QVERIFY2(after.start(&error), qPrintable(error));
}

void Tst_ControlPlane::restartKeepsData()
{
    QTemporaryDir dir;
    const QString dataDir = dir.path() + QStringLiteral("/data");
    QString definitionId;
    QUrl firstUrl;
    {
        auto first = std::make_unique<ControlPlane>(optionsFor(dataDir));
        QString error;
        QVERIFY2(first->start(&error), qPrintable(error));
        firstUrl = first->url();
        HttpTestClient client(*first);
        const HttpResult created = client.post(QStringLiteral("/api/v6/task"),
                                               definitionBody(QStringLiteral("survivor")));
        QCOMPARE(created.status, 200);
        definitionId = QString::fromStdString(created.json()["definition_id"].get<std::string>());
        QVERIFY(!definitionId.isEmpty());
        first.reset();
        QVERIFY(!QFile::exists(dataDir + QStringLiteral("/control-plane.lock")));
        QVERIFY(!QFile::exists(dataDir + QStringLiteral("/control-plane.url")));
    }

    ControlPlane second(optionsFor(dataDir));
    QString error;
    QVERIFY2(second.start(&error), qPrintable(error));
    HttpTestClient client(second);
    const HttpResult fetched = client.get(QStringLiteral("/api/v6/task/") + definitionId);
    QCOMPARE(fetched.status, 200);
    const Json definition = fetched.json();
    QCOMPARE(definition["alias"].get<std::string>(), std::string("survivor"));
    QCOMPARE(definition["image"].get<std::string>(), std::string("alpine:3"));
    QCOMPARE(definition["command"].get<std::string>(), std::string("echo hello"));
    QCOMPARE(definition["memory"].get<int>(), 128);
    QCOMPARE(definition["group_name"].get<std::string>(), std::string("restart"));
    QCOMPARE(definition["env"].size(), std::size_t(1));
    const HttpResult list = client.get(QStringLiteral("/api/v6/task"));
    QCOMPARE(list.json()["total"].get<int>(), 1);
    const HttpResult byAlias = client.get(QStringLiteral("/api/v6/task/alias/survivor"));
    QCOMPARE(byAlias.status, 200);
    QCOMPARE(QString::fromStdString(byAlias.json()["definition_id"].get<std::string>()), definitionId);
}

// The desktop app runs the control plane in-process on a worker thread:
// everything it creates must live there, and it serves and runs from there.
void Tst_ControlPlane::servesAndRunsFromAWorkerThread()
{
    QTemporaryDir dir;
    ControlPlaneOptions options;
    options.port = 0;
    options.dataDir = dir.filePath(QStringLiteral("data"));
    options.runProgram = TestPaths::runProgram();
    options.containerEngines.clear();
    QThread worker;
    auto *controlPlane = new ControlPlane(options);
    controlPlane->moveToThread(&worker);
    connect(&worker, &QThread::finished, controlPlane, &QObject::deleteLater);
    worker.start();
    QString error;
    bool started = false;
    QMetaObject::invokeMethod(
        controlPlane, [&] { started = controlPlane->start(&error); }, Qt::BlockingQueuedConnection);
    QVERIFY2(started, qPrintable(error));

    Testing::HttpTestClient client(*controlPlane);
    const QString id = Testing::createDefinition(client, {{"alias", "threaded"},
                                                          {"image", "none"},
                                                          {"command", "echo from a thread"}});
    const QString run = QString::fromStdString(Testing::launch(client, id).value("run_id", ""));
    QCOMPARE(Testing::waitForStatus(client, run, "STOPPED").value("exit_code", -1), 0);
    QCOMPARE(Testing::readLogByPaging(client, run), "from a thread\n");

    worker.quit();
    QVERIFY(worker.wait(30000));
    QVERIFY(!QFile::exists(options.dataDir + QStringLiteral("/control-plane.lock")));
}

QTEST_GUILESS_MAIN(Tst_ControlPlane)
#include "tst_controlplane.moc"
