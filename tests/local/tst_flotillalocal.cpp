// flotilla-local, the program: options, start-up messages, signals and
// crash safety (api-contract §8, §8a). Runs the real binary.
#include "testpaths.h"
#include <client/flotillaclient.h>
#include <lists/runlistmodel.h>
#include <modeltesters.h>
#include <testserver.h>
#include <tmpfsmount.h>
#include <wire/localserver.h>

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <signal.h>
#include <unistd.h>

using namespace Flotilla;
using namespace Flotilla::Testing;

namespace {

QString program()
{
    return TestPaths::binDir() + QStringLiteral("/flotilla-local");
}

// One flotilla-local child; killed by the destructor whatever the test did.
class LocalProcess final
{
public:
    explicit LocalProcess(const QString &home)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        // Keep the real home out of reach, whatever the arguments.
        environment.insert(QStringLiteral("HOME"), home);
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
        m_process.setProcessEnvironment(environment);
    }

    ~LocalProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10000);
        }
    }

    void setEnvironmentVariable(const QString &name, const QString &value)
    {
        QProcessEnvironment environment = m_process.processEnvironment();
        environment.insert(name, value);
        m_process.setProcessEnvironment(environment);
    }

    void start(const QStringList &arguments) { m_process.start(program(), arguments); }

    // Runs to the end; false if it did not end in time (it is then killed).
    bool run(const QStringList &arguments, int timeoutMs = 30000)
    {
        start(arguments);
        if (m_process.waitForFinished(timeoutMs))
            return true;
        m_process.kill();
        m_process.waitForFinished(10000);
        return false;
    }

    // Starts it and waits for the "listening on" line; the URL, or empty with `problem`.
    QUrl startServing(const QStringList &arguments, QString *problem)
    {
        start(arguments);
        if (!m_process.waitForStarted(10000)) {
            *problem = m_process.errorString();
            return {};
        }
        const QDeadlineTimer deadline(30000);
        while (!m_process.canReadLine()) {
            if (m_process.state() == QProcess::NotRunning || deadline.hasExpired()) {
                *problem = QStringLiteral("no \"listening on\" line; stdout: %1 stderr: %2")
                               .arg(QString::fromLocal8Bit(m_stdout + m_process.readAllStandardOutput()),
                                    QString::fromLocal8Bit(m_process.readAllStandardError()));
                return {};
            }
            static_cast<void>(m_process.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime()))));
        }
        const QByteArray line = m_process.readLine();
        m_stdout += line;
        static const QRegularExpression pattern(QStringLiteral("^listening on (http://[0-9.]+:(\\d+))\n$"));
        const QRegularExpressionMatch match = pattern.match(QString::fromUtf8(line));
        if (!match.hasMatch() || match.captured(2).toInt() <= 0) {
            *problem = QStringLiteral("unexpected first line: ") + QString::fromUtf8(line);
            return {};
        }
        return QUrl(match.captured(1));
    }

    bool signalAndWait(int signal)
    {
        if (m_process.state() != QProcess::Running)
            return false;
        if (::kill(pid_t(m_process.processId()), signal) != 0)
            return false;
        return m_process.waitForFinished(30000);
    }

    bool killHard()
    {
        m_process.kill(); // SIGKILL
        return m_process.waitForFinished(10000);
    }

    bool waitForFinished(int timeoutMs = 30000) { return m_process.waitForFinished(timeoutMs); }
    QByteArray allStdout() { return m_stdout += m_process.readAllStandardOutput(); }
    QByteArray allStderr() { return m_stderr += m_process.readAllStandardError(); }
    int exitCode() const { return m_process.exitCode(); }
    qint64 processId() const { return m_process.processId(); }
    QProcess::ExitStatus exitStatus() const { return m_process.exitStatus(); }
    QProcess::ProcessState state() const { return m_process.state(); }

private:
    QProcess m_process;
    QByteArray m_stdout;
    QByteArray m_stderr;
};

QStringList entriesOf(const QString &dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
}

// Writes `path` until the disk is full; false if it never filled.
bool fillDisk(const QString &path)
{
    QFile filler(path);
    if (!filler.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return false;
    const QByteArray block(64 * 1024, 'x');
    for (int i = 0; i < 100000; ++i) {
        if (filler.write(block) != block.size())
            return true;
    }
    return false;
}

QStringList serveArgs(const QString &dataDir, const QString &listen = QStringLiteral("127.0.0.1:0"))
{
    return {QStringLiteral("--listen"), listen, QStringLiteral("--data-dir"), dataDir};
}

Json definitionBody(int i)
{
    return Json{{"alias", "crash-" + std::to_string(i)},
                {"image", "alpine:3"},
                {"command", "echo " + std::to_string(i)},
                {"memory", 64 + i}};
}

} // namespace

class Tst_FlotillaLocal final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void version();
    void help();
    void listensAndServes();
    void localhostListen();
    void secondInstanceOnSameDirFails();
    void badListen_data();
    void badListen();
    void unexpectedArgument();
    void nonLoopbackWithoutTokenRefused();
    void tokenByDefault();
    void noTokenWarnsAndServesLoopback();
    void tokenFileIsRead();
    void badTokenOptions_data();
    void badTokenOptions();
    void anotherUserGetsNoToken();
    void nonLoopbackWithTokenServes();
    void unknownDefaultClusterRefused();
    void readOnlyDataDirRefused();
    void foreignOwnedDataDirRefused();
    void missingContainerEngineLeftOutWithWarning();
    void logFileTruncatedOrDeletedUnderARun();
    void diskFull();
    void frozenServer();
    void corsOriginAllowed();
    void cleanExitOnSignal_data();
    void cleanExitOnSignal();
    void killNineKeepsAnsweredWrites();
    void killNineMidRunStillFinishesTheRun();
    void verboseLogsEachRequest();
    void quietWithoutVerbose();
    void runsInheritNoSockets();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString dataDir() const { return m_dir->path() + QStringLiteral("/data"); }
    QString home() const { return m_dir->path() + QStringLiteral("/home"); }
    // The token the control plane of dataDir() keeps beside its URL.
    QByteArray token() const
    {
        QFile file(LocalServer::tokenPath(dataDir()));
        return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray();
    }
};

void Tst_FlotillaLocal::initTestCase()
{
    QVERIFY2(QFile::exists(program()), qPrintable(program() + QStringLiteral(" is missing; build flotilla-local")));
}

void Tst_FlotillaLocal::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void Tst_FlotillaLocal::cleanup()
{
    m_dir.reset();
}

void Tst_FlotillaLocal::version()
{
    LocalProcess process(home());
    QVERIFY(process.run({QStringLiteral("--version")}));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    const QString out = QString::fromUtf8(process.allStdout());
    QCOMPARE(out, QStringLiteral("flotilla-local " FLOTILLA_VERSION "\n"));
}

void Tst_FlotillaLocal::help()
{
    LocalProcess process(home());
    QVERIFY(process.run({QStringLiteral("--help")}));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    const QString out = QString::fromUtf8(process.allStdout());
    for (const char *option :
         {"--listen", "--data-dir", "--token", "--cors-origin", "--default-cluster", "--version", "--help"})
        QVERIFY2(out.contains(QLatin1String(option)),
                 qPrintable(QLatin1String(option) + QStringLiteral(" missing in:\n") + out));
}

void Tst_FlotillaLocal::listensAndServes()
{
    LocalProcess process(home());
    QString problem;
    const QUrl url = process.startServing(serveArgs(dataDir()), &problem);
    QVERIFY2(url.isValid() && !url.isEmpty(), qPrintable(problem));
    QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(url.port() > 0);

    HttpTestClient client(url, token());
    const HttpResult health = client.get(QStringLiteral("/api/v6/health"));
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json().value("status", std::string()), std::string("healthy"));
    QCOMPARE(client.get(QStringLiteral("/api/v6/task")).status, 200);

    QVERIFY(QFile::exists(dataDir() + QStringLiteral("/flotilla.sqlite")));
    QFile urlFile(dataDir() + QStringLiteral("/control-plane.url"));
    QVERIFY(urlFile.open(QIODevice::ReadOnly));
    QCOMPARE(QUrl(QString::fromUtf8(urlFile.readAll().trimmed())), url);

    QVERIFY(process.signalAndWait(SIGTERM));
    // Exactly one line on stdout, all through its life.
    QCOMPARE(process.allStdout(), QByteArray("listening on http://127.0.0.1:" + QByteArray::number(url.port()) + "\n"));
}

void Tst_FlotillaLocal::localhostListen()
{
    LocalProcess process(home());
    QString problem;
    const QUrl url = process.startServing(serveArgs(dataDir(), QStringLiteral("localhost:0")), &problem);
    QVERIFY2(!url.isEmpty(), qPrintable(problem));
    QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
    HttpTestClient client(url, token());
    QCOMPARE(client.get(QStringLiteral("/api/v6/health")).status, 200);
    QVERIFY(process.signalAndWait(SIGINT));
    QCOMPARE(process.exitCode(), 0);
}

void Tst_FlotillaLocal::secondInstanceOnSameDirFails()
{
    LocalProcess first(home());
    QString problem;
    const QUrl url = first.startServing(serveArgs(dataDir()), &problem);
    QVERIFY2(!url.isEmpty(), qPrintable(problem));

    LocalProcess second(home());
    QVERIFY(second.run(serveArgs(dataDir())));
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QVERIFY(second.exitCode() != 0);
    const QString err = QString::fromLocal8Bit(second.allStderr());
    QVERIFY2(err.contains(url.toString()), qPrintable(err));
    QVERIFY2(!second.allStdout().contains("listening on"), second.allStdout().constData());

    // The first still serves, and still holds the dir.
    HttpTestClient client(url, token());
    QCOMPARE(client.get(QStringLiteral("/api/v6/health")).status, 200);
    QCOMPARE(first.state(), QProcess::Running);
}

void Tst_FlotillaLocal::badListen_data()
{
    QTest::addColumn<QString>("listen");
    QTest::newRow("no port") << QStringLiteral("nope");
    QTest::newRow("port too big") << QStringLiteral("127.0.0.1:99999");
    QTest::newRow("bad address") << QStringLiteral("300.1.1.1:5");
    QTest::newRow("empty host") << QStringLiteral(":5000");
    QTest::newRow("empty port") << QStringLiteral("127.0.0.1:");
    QTest::newRow("word port") << QStringLiteral("127.0.0.1:http");
    QTest::newRow("negative port") << QStringLiteral("127.0.0.1:-1");
    QTest::newRow("host name") << QStringLiteral("example.com:5000");
    QTest::newRow("empty") << QString();
}

void Tst_FlotillaLocal::badListen()
{
    QFETCH(QString, listen);
    LocalProcess process(home());
    QVERIFY(process.run(serveArgs(dataDir(), listen)));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 2);
    const QString err = QString::fromLocal8Bit(process.allStderr());
    QVERIFY2(err.contains(QStringLiteral("--listen")), qPrintable(err));
    QVERIFY2(listen.isEmpty() || err.contains(listen) || err.contains(listen.left(listen.lastIndexOf(u':'))),
             qPrintable(err));
    QVERIFY(process.allStdout().isEmpty());
    QVERIFY(!QFile::exists(dataDir())); // refused before touching the data dir
}

void Tst_FlotillaLocal::unexpectedArgument()
{
    LocalProcess process(home());
    QVERIFY(process.run(serveArgs(dataDir()) << QStringLiteral("stray")));
    QCOMPARE(process.exitCode(), 2);
    QVERIFY2(process.allStderr().contains("stray"), process.allStderr().constData());
}

void Tst_FlotillaLocal::nonLoopbackWithoutTokenRefused()
{
    LocalProcess process(home());
    QVERIFY(process.run(serveArgs(dataDir(), QStringLiteral("0.0.0.0:0")) << QStringLiteral("--no-token")));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 2);
    const QString err = QString::fromLocal8Bit(process.allStderr());
    QVERIFY2(err.contains(QStringLiteral("--no-token is only allowed on a loopback")), qPrintable(err));
    QVERIFY(!process.allStdout().contains("listening on"));
    QVERIFY(!QFile::exists(dataDir()));
}

void Tst_FlotillaLocal::tokenByDefault()
{
    LocalProcess process(home());
    QString problem;
    const QUrl url = process.startServing(serveArgs(dataDir()), &problem);
    QVERIFY2(!url.isEmpty(), qPrintable(problem));
    const std::optional<LocalServer> found = LocalServer::find(dataDir());
    QVERIFY(found);
    QCOMPARE(found->url, url);
    QCOMPARE(found->token.size(), 64);
    HttpTestClient anonymous(url);
    QCOMPARE(anonymous.get(QStringLiteral("/api/v6/health")).status, 401);
    HttpTestClient client(url, found->token);
    QCOMPARE(client.get(QStringLiteral("/api/v6/health")).status, 200);
    QVERIFY(process.signalAndWait(SIGTERM));
    QCOMPARE(process.allStdout(), "listening on " + url.toString().toUtf8() + '\n');
    QVERIFY2(process.allStderr().isEmpty(), process.allStderr().constData());
}

void Tst_FlotillaLocal::noTokenWarnsAndServesLoopback()
{
    LocalProcess process(home());
    QString problem;
    const QUrl url = process.startServing(serveArgs(dataDir()) << QStringLiteral("--no-token"), &problem);
    QVERIFY2(!url.isEmpty(), qPrintable(problem));
    HttpTestClient anonymous(url);
    QCOMPARE(anonymous.post(QStringLiteral("/api/v6/task"), definitionBody(1)).status, 200);
    // The Host and Origin rules still hold.
    QCOMPARE(anonymous.request("GET", QStringLiteral("/api/v6/task"), {}, {{"Origin", "http://evil.example"}}).status,
             403);
    QVERIFY(process.signalAndWait(SIGTERM));
    const QList<QByteArray> warnings = process.allStderr().split('\n');
    QCOMPARE(warnings.size(), 2); // one line and its newline
    QVERIFY2(warnings.first().startsWith("flotilla-local: warning: --no-token"), warnings.first().constData());
    QCOMPARE(process.allStdout(), "listening on " + url.toString().toUtf8() + '\n');
}

void Tst_FlotillaLocal::tokenFileIsRead()
{
    QTemporaryDir secrets;
    const QString path = secrets.filePath(QStringLiteral("token"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("from-a-file-0123456789\nsecond line ignored\n");
    file.close();
    LocalProcess process(home());
    QString problem;
    const QUrl url = process.startServing(serveArgs(dataDir()) << QStringLiteral("--token-file") << path, &problem);
    QVERIFY2(!url.isEmpty(), qPrintable(problem));
    QCOMPARE(token(), QByteArray("from-a-file-0123456789"));
    HttpTestClient client(url, "from-a-file-0123456789");
    QCOMPARE(client.get(QStringLiteral("/api/v6/health")).status, 200);
}

void Tst_FlotillaLocal::badTokenOptions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("error");
    QTest::newRow("--token and --no-token")
        << QStringList{QStringLiteral("--token"), QStringLiteral("t"), QStringLiteral("--no-token")}
        << QStringLiteral("exclude each other");
    QTest::newRow("--token and --token-file")
        << QStringList{QStringLiteral("--token"), QStringLiteral("t"), QStringLiteral("--token-file"),
                       QStringLiteral("/dev/null")}
        << QStringLiteral("exclude each other");
    QTest::newRow("empty --token") << QStringList{QStringLiteral("--token"), QString()}
                                   << QStringLiteral("--token needs a value");
    QTest::newRow("missing --token-file")
        << QStringList{QStringLiteral("--token-file"), QStringLiteral("/no/such/file")}
        << QStringLiteral("/no/such/file");
    QTest::newRow("empty --token-file") << QStringList{QStringLiteral("--token-file"), QStringLiteral("/dev/null")}
                                        << QStringLiteral("holds no token");
}

void Tst_FlotillaLocal::badTokenOptions()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, error);
    LocalProcess process(home());
    QVERIFY(process.run(serveArgs(dataDir()) + arguments));
    QCOMPARE(process.exitCode(), 2);
    const QString err = QString::fromLocal8Bit(process.allStderr());
    QVERIFY2(err.contains(error), qPrintable(err));
    QVERIFY(!QFile::exists(dataDir()));
}

void Tst_FlotillaLocal::anotherUserGetsNoToken()
{
    // The tests run as root in CI; nobody plays the other local user.
    if (::geteuid() != 0)
        QSKIP("needs root to act as another user (setpriv)");
    LocalProcess process(home());
    QString problem;
    const QUrl url = process.startServing(serveArgs(dataDir()), &problem);
    QVERIFY2(!url.isEmpty(), qPrintable(problem));
    const QStringList asNobody{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                               QStringLiteral("--clear-groups"), QStringLiteral("--")};
    QProcess cat;
    cat.start(QStringLiteral("setpriv"),
              asNobody + QStringList{QStringLiteral("cat"), LocalServer::tokenPath(dataDir())});
    QVERIFY(cat.waitForFinished(30000));
    QVERIFY(cat.exitCode() != 0);
    QVERIFY2(cat.readAllStandardError().contains("Permission denied"), "cat should be refused the token file");
    QVERIFY(cat.readAllStandardOutput().isEmpty());

    QProcess curl;
    curl.start(QStringLiteral("setpriv"),
               asNobody
                   + QStringList{QStringLiteral("curl"), QStringLiteral("-s"), QStringLiteral("-o"),
                                 QStringLiteral("/dev/null"), QStringLiteral("-w"), QStringLiteral("%{http_code}"),
                                 QStringLiteral("-X"), QStringLiteral("POST"), QStringLiteral("-H"),
                                 QStringLiteral("Content-Type: application/json"), QStringLiteral("-d"),
                                 QStringLiteral(R"({"alias":"x","image":"i","command":"id"})"),
                                 url.toString() + QStringLiteral("/api/v1/task")});
    QVERIFY(curl.waitForFinished(30000));
    QCOMPARE(curl.readAllStandardOutput(), QByteArray("401"));
    HttpTestClient owner(url, token());
    // Nothing but the sample of the new data dir.
    QCOMPARE(owner.get(QStringLiteral("/api/v1/task")).json().value("total", -1), 1);
}

void Tst_FlotillaLocal::nonLoopbackWithTokenServes()
{
    LocalProcess process(home());
    QString problem;
    const QUrl url = process.startServing(serveArgs(dataDir(), QStringLiteral("0.0.0.0:0"))
                                              << QStringLiteral("--token") << QStringLiteral("tok-123"),
                                          &problem);
    QVERIFY2(!url.isEmpty(), qPrintable(problem));
    QCOMPARE(url.host(), QStringLiteral("0.0.0.0"));
    QUrl local = url;
    local.setHost(QStringLiteral("127.0.0.1"));
    HttpTestClient client(local);
    QCOMPARE(client.get(QStringLiteral("/api/v6/health")).status, 401);
    QCOMPARE(client.request("GET", QStringLiteral("/api/v6/health"), {}, {{"Authorization", "Bearer tok-123"}}).status,
             200);
    QVERIFY(process.signalAndWait(SIGTERM));
    QCOMPARE(process.exitCode(), 0);
}

void Tst_FlotillaLocal::unknownDefaultClusterRefused()
{
    LocalProcess process(home());
    QVERIFY(process.run(serveArgs(dataDir()) << QStringLiteral("--default-cluster") << QStringLiteral("mars")));
    QVERIFY(process.exitCode() != 0);
    const QString err = QString::fromLocal8Bit(process.allStderr());
    QVERIFY2(err.contains(QStringLiteral("mars")) && err.contains(QStringLiteral("local")), qPrintable(err));

    // A failed start does not hold the dir.
    LocalProcess next(home());
    QString problem;
    QVERIFY2(!next.startServing(serveArgs(dataDir()) << QStringLiteral("--default-cluster") << QStringLiteral("local"),
                                &problem)
                  .isEmpty(),
             qPrintable(problem));
}

void Tst_FlotillaLocal::readOnlyDataDirRefused()
{
    // Root writes to a read-only dir all the same: only the file system can refuse it.
    QVERIFY(QDir().mkpath(dataDir()));
    TmpfsMount mount;
    QString problem;
    if (!mount.mount(dataDir(), &problem))
        QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs here (%1)").arg(problem)));
    QFile earlier(dataDir() + QStringLiteral("/earlier"));
    QVERIFY(earlier.open(QIODevice::WriteOnly));
    earlier.close();
    QVERIFY2(mount.remountReadOnly(&problem), qPrintable(problem));

    LocalProcess process(home());
    QVERIFY(process.run(serveArgs(dataDir())));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 1);
    const QString err = QString::fromLocal8Bit(process.allStderr());
    QVERIFY2(err.contains(QStringLiteral("the data dir %1 is not writable by you (Read-only file system); choose "
                                         "another --data-dir or fix its permissions")
                              .arg(dataDir())),
             qPrintable(err));
    QVERIFY(process.allStdout().isEmpty());
    QCOMPARE(entriesOf(dataDir()), QStringList{QStringLiteral("earlier")});
}

void Tst_FlotillaLocal::foreignOwnedDataDirRefused()
{
    if (::geteuid() != 0)
        QSKIP("needs root to give a dir to another user");
    QVERIFY(QDir().mkpath(dataDir()));
    QVERIFY(::chown(QFile::encodeName(dataDir()).constData(), 65534, 65534) == 0); // nobody
    QVERIFY(QFile::setPermissions(dataDir(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));

    LocalProcess process(home());
    QVERIFY(process.run(serveArgs(dataDir())));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 1);
    const QString err = QString::fromLocal8Bit(process.allStderr());
    QVERIFY2(err.contains(QStringLiteral("the data dir %1 is owned by nobody (uid 65534), not by you (uid 0); "
                                         "choose another --data-dir or make it yours")
                              .arg(dataDir())),
             qPrintable(err));
    QVERIFY(process.allStdout().isEmpty());
    QCOMPARE(entriesOf(dataDir()), QStringList());
}

void Tst_FlotillaLocal::missingContainerEngineLeftOutWithWarning()
{
    LocalProcess process(home());
    process.setEnvironmentVariable(QStringLiteral("PATH"), home()); // no podman on it
    QString problem;
    const QUrl url = process.startServing(serveArgs(dataDir())
                                              << QStringLiteral("--container-engines") << QStringLiteral("podman"),
                                          &problem);
    QVERIFY2(!url.isEmpty(), qPrintable(problem));
    QTRY_VERIFY2(process.allStderr().contains("flotilla-local: warning: podman was not found on PATH; the podman "
                                              "cluster is left out\n"),
                 process.allStderr().constData());
    HttpTestClient client(url, token());
    const HttpResult clusters = client.get(QStringLiteral("/api/v1/clusters"));
    QCOMPARE(clusters.status, 200);
    QCOMPARE(clusters.json().value("clusters", Json()).dump(), std::string(R"(["local"])"));
    QVERIFY(process.signalAndWait(SIGTERM));
    QCOMPARE(process.exitCode(), 0);
}

void Tst_FlotillaLocal::logFileTruncatedOrDeletedUnderARun()
{
    LocalProcess process(home());
    QString problem;
    const QUrl url = process.startServing(serveArgs(dataDir()) << QStringLiteral("--container-engines") << QString(),
                                          &problem);
    QVERIFY2(!url.isEmpty(), qPrintable(problem));
    HttpTestClient client(url, token());
    // The gate holds the run between its first lines and the rest, so the
    // truncation is seen before anything is written again.
    const QString gate = dataDir() + QStringLiteral("-gate");
    const QString definitionId = createDefinition(
        client,
        {{"alias", "log-fault"},
         {"image", "none"},
         {"command", ("echo before 1; echo before 2; while [ ! -e " + gate.toStdString()
                      + " ]; do sleep 0.02; done; for i in $(seq 1 100000); do echo line $i; sleep 0.01; done")}});
    const QString runId = QString::fromStdString(launch(client, definitionId).value("run_id", ""));
    const QString logPath = dataDir() + QStringLiteral("/logs/") + runId + QStringLiteral(".log");
    const auto readFrom = [&](const std::string &token) {
        return client.get(QStringLiteral("/api/v1/%1/logs?last_seen=%2")
                              .arg(runId, QString::fromLatin1(QUrl::toPercentEncoding(QString::fromStdString(token)))));
    };

    Json answer;
    QTRY_VERIFY((answer = readFrom("").json()).value("log", "") == "before 1\nbefore 2\n");
    QVERIFY(!answer.contains("note"));
    QVERIFY(QFile::resize(logPath, 0));
    HttpResult result = readFrom(answer.value("last_seen", ""));
    QCOMPARE(result.status, 200);
    answer = result.json();
    QCOMPARE(answer.value("log", "x"), "");
    QVERIFY2(answer.value("note", "").find("truncated under the run (to 0 bytes, 18 had been read)")
                 != std::string::npos,
             answer.dump().c_str());

    // Written on, the log is read from the start of what the file holds now.
    QVERIFY(QFile(gate).open(QIODevice::WriteOnly));
    const std::string afterTruncation = answer.value("last_seen", "");
    QTRY_VERIFY((answer = readFrom(afterTruncation).json()).value("log", "").starts_with("line 1\n"));
    QVERIFY(!answer.contains("note"));

    QVERIFY(QFile::remove(logPath));
    result = readFrom(answer.value("last_seen", ""));
    QCOMPARE(result.status, 200);
    QCOMPARE(result.json().value("log", "x"), "");
    QVERIFY2(result.json().value("note", "").find("the log file " + logPath.toStdString() + " was deleted under the run")
                 != std::string::npos,
             result.body.constData());
    QCOMPARE(client.get(QStringLiteral("/api/v1/history/") + runId).json().value("status", ""), "RUNNING");

    // The run goes on until it is stopped, and ends as any stopped run does.
    QCOMPARE(client.del(QStringLiteral("/api/v1/task/%1/history/%2").arg(definitionId, runId)).status, 200);
    const Json stopped = waitForStatus(client, runId, "STOPPED");
    QCOMPARE(stopped.value("exit_reason", ""), "Task terminated by user");
    QCOMPARE(client.get(QStringLiteral("/api/v6/health")).status, 200);
    QVERIFY(process.signalAndWait(SIGTERM));
    QCOMPARE(process.exitCode(), 0);
}

void Tst_FlotillaLocal::diskFull()
{
    QVERIFY(QDir().mkpath(dataDir()));
    TmpfsMount mount;
    QString problem;
    if (!mount.mount(dataDir(), &problem, QStringLiteral("4m")))
        QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs here (%1)").arg(problem)));
    LocalProcess process(home());
    const QUrl url = process.startServing(serveArgs(dataDir()) << QStringLiteral("--container-engines") << QString(),
                                          &problem);
    QVERIFY2(!url.isEmpty(), qPrintable(problem));
    HttpTestClient client(url, token());
    const QString hello = createDefinition(client, {{"alias", "hello"}, {"image", "none"}, {"command", "echo hello"}});
    QVERIFY(!hello.isEmpty());

    // A run whose output fills the disk fails for it; what it wrote stays.
    const QString numbered = createDefinition(client, {{"alias", "numbered"},
                                                       {"image", "none"},
                                                       {"command", "i=0; while :; do i=$((i+1)); echo line $i; done"}});
    const QString failedRunId = QString::fromStdString(launch(client, numbered).value("run_id", ""));
    QVERIFY(!failedRunId.isEmpty());
    const Json failed = waitForStatus(client, failedRunId, "STOPPED", 60000);
    const QString logPath = dataDir() + QStringLiteral("/logs/") + failedRunId + QStringLiteral(".log");
    QVERIFY2(failed.value("exit_code", Json()).is_null(), failed.dump().c_str());
    QVERIFY2(failed.value("exit_reason", "")
                 == "the log " + logPath.toStdString() + " could not be written: no space left on device",
             failed.dump().c_str());
    const QByteArray log = readLogByPaging(client, failedRunId);
    const QList<QByteArray> lines = log.split('\n');
    QVERIFY2(lines.size() > 1000, log.left(200).constData());
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) // the last line may be cut short
        QCOMPARE(lines[i], "line " + QByteArray::number(i + 1));

    // A write that does not fit is refused whole, and the server stays up.
    const int definitions = client.get(QStringLiteral("/api/v1/task")).json().value("total", -1);
    QVERIFY(fillDisk(dataDir() + QStringLiteral("/filler")));
    const QStringList runFiles = entriesOf(dataDir() + QStringLiteral("/runs"));
    const QStringList logFiles = entriesOf(dataDir() + QStringLiteral("/logs"));
    const std::string full = "the disk holding the data dir " + dataDir().toStdString()
                             + " is full; free some space there and try again";
    HttpResult refused = client.put(QStringLiteral("/api/v4/task/%1/execute").arg(hello),
                                    Json{{"run_tags", {{"owner_id", "tester"}}}});
    QCOMPARE(refused.status, 507);
    QCOMPARE(refused.json().value("error", ""), "could not store the run: " + full);
    refused = client.post(QStringLiteral("/api/v1/task"), {{"alias", "more"}, {"image", "none"}, {"command", "true"}});
    QCOMPARE(refused.status, 507);
    QCOMPARE(refused.json().value("error", ""), "could not save the definition: " + full);
    QCOMPARE(client.get(QStringLiteral("/api/v1/history")).json().value("total", -1), 1);
    QCOMPARE(client.get(QStringLiteral("/api/v1/task")).json().value("total", -1), definitions);
    QCOMPARE(entriesOf(dataDir() + QStringLiteral("/runs")), runFiles);
    QCOMPARE(entriesOf(dataDir() + QStringLiteral("/logs")), logFiles);
    QCOMPARE(client.get(QStringLiteral("/api/v6/health")).status, 200);

    // Space freed, launches work again.
    QVERIFY(QFile::remove(dataDir() + QStringLiteral("/filler")));
    QVERIFY(QFile::remove(logPath));
    const QString runId = QString::fromStdString(launch(client, hello).value("run_id", ""));
    QVERIFY(!runId.isEmpty());
    const Json succeeded = waitForStatus(client, runId, "STOPPED");
    QVERIFY2(succeeded.value("exit_code", -1) == 0, succeeded.dump().c_str());
    QCOMPARE(readLogByPaging(client, runId), "hello\n");
    QVERIFY(process.signalAndWait(SIGTERM));
    QCOMPARE(process.exitCode(), 0);
}

void Tst_FlotillaLocal::frozenServer()
{
    LocalProcess server(home());
    QString problem;
    const QUrl url = server.startServing(serveArgs(dataDir()) << QStringLiteral("--container-engines") << QString(),
                                         &problem);
    QVERIFY2(!url.isEmpty(), qPrintable(problem));
    HttpTestClient client(url, token());
    // The gate holds the run between its halves until the server is frozen.
    const QString gate = dataDir() + QStringLiteral("-gate");
    const std::string numbered = "for i in $(seq 1 100); do echo line $i; done; while [ ! -e " + gate.toStdString()
                                 + " ]; do sleep 0.02; done; for i in $(seq 101 200); do echo line $i; done";
    const QString definitionId = createDefinition(client,
                                                  {{"alias", "numbered"}, {"image", "none"}, {"command", numbered}});
    const QString runId = QString::fromStdString(launch(client, definitionId).value("run_id", ""));
    QVERIFY(!runId.isEmpty());

    QProcess cli;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HOME"), home());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home() + QStringLiteral("/.config"));
    environment.insert(QStringLiteral("FLOTILLA_TEST_TOKEN"), QString::fromLatin1(token()));
    cli.setProcessEnvironment(environment);
    cli.start(TestPaths::binDir() + QStringLiteral("/flotilla"),
              {QStringLiteral("--server"), url.toString(), QStringLiteral("--token-env"),
               QStringLiteral("FLOTILLA_TEST_TOKEN"), QStringLiteral("--timeout"), QStringLiteral("0.5"),
               QStringLiteral("logs"), QStringLiteral("--follow"), runId});
    QByteArray out, err;
    const auto readCli = [&] {
        out += cli.readAllStandardOutput();
        err += cli.readAllStandardError();
    };
    // The desktop's run list, refreshing, with as short a patience.
    FlotillaClient modelClient(url);
    modelClient.setBearerToken(QString::fromLatin1(token()));
    modelClient.setTimeout(500);
    RunListModel runs(&modelClient);
    runs.setRefreshInterval(50);
    ModelTesters testers(&runs);
    QSignalSpy modelErrors(&runs, &RunListModel::errorOccurred);
    runs.fetchMore({});
    QTRY_COMPARE(runs.rowCount(), 1);
    QTRY_VERIFY2((readCli(), out.contains("line 100\n")), out.constData());

    // Frozen, the server answers nobody; the run goes on meanwhile.
    modelErrors.clear();
    err.clear();
    QVERIFY(::kill(pid_t(server.processId()), SIGSTOP) == 0);
    QVERIFY(QFile(gate).open(QIODevice::WriteOnly));
    const QByteArray notAnswering = url.toString().toUtf8() + " did not answer in time";
    QTRY_VERIFY2_WITH_TIMEOUT((readCli(), err.contains(notAnswering)), err.constData(), 30000);
    QVERIFY(err.contains("(trying again)"));
    QTRY_VERIFY_WITH_TIMEOUT(!modelErrors.isEmpty(), 30000);
    QVERIFY(modelErrors.first().first().value<ApiError>().isTimeout());
    QVERIFY(::kill(pid_t(server.processId()), SIGCONT) == 0);
    QTRY_COMPARE_WITH_TIMEOUT(runs.itemAt(0).status, RunStatus::Stopped, 30000);

    QVERIFY2((cli.waitForFinished(60000), readCli(), cli.state() == QProcess::NotRunning), err.constData());
    QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
    QVERIFY2(cli.exitCode() == 0, err.constData());
    QByteArray expected;
    for (int i = 1; i <= 200; ++i)
        expected += "line " + QByteArray::number(i) + '\n';
    QCOMPARE(out, expected);
    QVERIFY(server.signalAndWait(SIGTERM));
    QCOMPARE(server.exitCode(), 0);
}

void Tst_FlotillaLocal::corsOriginAllowed()
{
    LocalProcess process(home());
    QString problem;
    const QUrl url = process.startServing(serveArgs(dataDir())
                                              << QStringLiteral("--cors-origin") << QStringLiteral("http://ui.example")
                                              << QStringLiteral("--cors-origin")
                                              << QStringLiteral("http://other.example"),
                                          &problem);
    QVERIFY2(!url.isEmpty(), qPrintable(problem));
    HttpTestClient client(url, token());
    for (const QByteArray &origin : {QByteArray("http://ui.example"), QByteArray("http://other.example")}) {
        const HttpResult result = client.request("GET", QStringLiteral("/api/v6/health"), {}, {{"Origin", origin}});
        QCOMPARE(result.status, 200);
        QCOMPARE(result.header("Access-Control-Allow-Origin"), origin);
    }
    const HttpResult denied = client.request("GET", QStringLiteral("/api/v6/health"), {},
                                             {{"Origin", "http://evil.example"}});
    QCOMPARE(denied.status, 403);
    QVERIFY(denied.header("Access-Control-Allow-Origin").isEmpty());
}

void Tst_FlotillaLocal::cleanExitOnSignal_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void Tst_FlotillaLocal::cleanExitOnSignal()
{
    QFETCH(int, signal);
    QString definitionId;
    {
        LocalProcess process(home());
        QString problem;
        const QUrl url = process.startServing(serveArgs(dataDir()), &problem);
        QVERIFY2(!url.isEmpty(), qPrintable(problem));
        HttpTestClient client(url, token());
        const HttpResult created = client.post(QStringLiteral("/api/v6/task"), definitionBody(1));
        QCOMPARE(created.status, 200);
        definitionId = QString::fromStdString(created.json()["definition_id"].get<std::string>());

        QVERIFY(process.signalAndWait(signal));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QVERIFY2(process.allStderr().isEmpty(), process.allStderr().constData());
        // The lock and the URL file went with it.
        QVERIFY(!QFile::exists(dataDir() + QStringLiteral("/control-plane.lock")));
        QVERIFY(!QFile::exists(dataDir() + QStringLiteral("/control-plane.url")));
    }
    LocalProcess next(home());
    QString problem;
    const QUrl url = next.startServing(serveArgs(dataDir()), &problem);
    QVERIFY2(!url.isEmpty(), qPrintable(problem));
    HttpTestClient client(url, token());
    QCOMPARE(client.get(QStringLiteral("/api/v6/task/") + definitionId).status, 200);
    QVERIFY(next.signalAndWait(SIGTERM));
    QCOMPARE(next.exitCode(), 0);
}

void Tst_FlotillaLocal::killNineKeepsAnsweredWrites()
{
    QSet<QString> created;
    QString updatedId;
    QString deletedId;
    {
        LocalProcess process(home());
        QString problem;
        const QUrl url = process.startServing(serveArgs(dataDir()), &problem);
        QVERIFY2(!url.isEmpty(), qPrintable(problem));
        HttpTestClient client(url, token());
        for (int i = 0; i < 22; ++i) {
            const HttpResult result = client.post(QStringLiteral("/api/v6/task"), definitionBody(i));
            QCOMPARE(result.status, 200);
            created.insert(QString::fromStdString(result.json()["definition_id"].get<std::string>()));
        }
        QCOMPARE(created.size(), 22);
        // An update and a delete, answered before the kill, count too.
        updatedId = *created.cbegin();
        QCOMPARE(client.put(QStringLiteral("/api/v6/task/") + updatedId, Json{{"command", "echo updated"}}).status, 200);
        deletedId = *std::next(created.cbegin());
        QCOMPARE(client.del(QStringLiteral("/api/v6/task/") + deletedId).status, 200);
        created.remove(deletedId);

        QVERIFY(process.killHard());
        QCOMPARE(process.exitStatus(), QProcess::CrashExit);
        QVERIFY(QFile::exists(dataDir() + QStringLiteral("/control-plane.lock"))); // left behind
    }

    LocalProcess restarted(home());
    QString problem;
    const QUrl url = restarted.startServing(serveArgs(dataDir()), &problem);
    QVERIFY2(!url.isEmpty(), qPrintable(problem));
    HttpTestClient client(url, token());
    const HttpResult list = client.get(QStringLiteral("/api/v6/task?limit=100"));
    QCOMPARE(list.status, 200);
    const Json body = list.json();
    QCOMPARE(body["total"].get<int>(), 22); // with the sample hello-flotilla of the new data dir
    QSet<QString> listed;
    for (const Json &definition : body["definitions"]) {
        if (definition["alias"] != "hello-flotilla")
            listed.insert(QString::fromStdString(definition["definition_id"].get<std::string>()));
    }
    QCOMPARE(listed, created);
    const HttpResult updated = client.get(QStringLiteral("/api/v6/task/") + updatedId);
    QCOMPARE(updated.status, 200);
    QCOMPARE(updated.json()["command"].get<std::string>(), std::string("echo updated"));
    QCOMPARE(client.get(QStringLiteral("/api/v6/task/") + deletedId).status, 404);

    // Writes keep working after the recovery.
    QCOMPARE(client.post(QStringLiteral("/api/v6/task"), definitionBody(99)).status, 200);
    QVERIFY(restarted.signalAndWait(SIGTERM));
    QCOMPARE(restarted.exitCode(), 0);
}

void Tst_FlotillaLocal::killNineMidRunStillFinishesTheRun()
{
    const QString gate = dataDir() + QStringLiteral("-gate");
    const QStringList arguments = serveArgs(dataDir()) + QStringList{QStringLiteral("--container-engines"), QString()};
    QString runId;
    {
        LocalProcess process(home());
        QString problem;
        const QUrl url = process.startServing(arguments, &problem);
        QVERIFY2(!url.isEmpty(), qPrintable(problem));
        HttpTestClient client(url, token());
        const QString id = createDefinition(client, {{"alias", "outlives"},
                                                     {"image", "none"},
                                                     {"command", ("echo before; while [ ! -e " + gate.toStdString()
                                                                  + " ]; do sleep 0.02; done; echo after; exit 5")}});
        runId = QString::fromStdString(launch(client, id).value("run_id", ""));
        QTRY_VERIFY(readLogByPaging(client, runId).contains("before"));
        QVERIFY(process.killHard());
    }
    QFile(gate).open(QIODevice::WriteOnly); // the run ends while no control plane is alive

    LocalProcess restarted(home());
    QString problem;
    const QUrl url = restarted.startServing(arguments, &problem);
    QVERIFY2(!url.isEmpty(), qPrintable(problem));
    HttpTestClient client(url, token());
    const Json stopped = waitForStatus(client, runId, "STOPPED");
    QCOMPARE(stopped.value("exit_code", -1), 5);
    QVERIFY(!stopped.contains("exit_reason"));
    QCOMPARE(readLogByPaging(client, runId), "before\nafter\n");
    QVERIFY(restarted.signalAndWait(SIGTERM));
}

// --verbose: one line per request on stderr (the journal under systemd).
void Tst_FlotillaLocal::verboseLogsEachRequest()
{
    LocalProcess process(home());
    QString problem;
    const QUrl url = process.startServing(serveArgs(dataDir()) << QStringLiteral("--verbose"), &problem);
    QVERIFY2(!url.isEmpty(), qPrintable(problem));
    HttpTestClient client(url, token());
    QCOMPARE(client.get(QStringLiteral("/api/v6/health")).status, 200);
    QCOMPARE(client.get(QStringLiteral("/api/v1/task/nothing-here")).status, 404);
    static const QRegularExpression health(QStringLiteral(
                                               "^flotilla\\.http\\.requests: GET /api/v6/health 200 \\d+ us$"),
                                           QRegularExpression::MultilineOption);
    static const QRegularExpression missing(
        QStringLiteral("^flotilla\\.http\\.requests: GET /api/v1/task/nothing-here 404 \\d+ us$"),
        QRegularExpression::MultilineOption);
    QTRY_VERIFY2(QString::fromUtf8(process.allStderr()).contains(missing), process.allStderr().constData());
    QVERIFY2(QString::fromUtf8(process.allStderr()).contains(health), process.allStderr().constData());
    QVERIFY(process.signalAndWait(SIGTERM));
}

void Tst_FlotillaLocal::quietWithoutVerbose()
{
    LocalProcess process(home());
    QString problem;
    const QUrl url = process.startServing(serveArgs(dataDir()), &problem);
    QVERIFY2(!url.isEmpty(), qPrintable(problem));
    HttpTestClient client(url, token());
    QCOMPARE(client.get(QStringLiteral("/api/v6/health")).status, 200);
    QVERIFY(process.signalAndWait(SIGTERM));
    QVERIFY2(!process.allStderr().contains("flotilla.http.requests"), process.allStderr().constData());
}

// Defect 9: runs are detached children of flotilla-local; they must not hold
// its signal socketpair (or any other socket) open.
void Tst_FlotillaLocal::runsInheritNoSockets()
{
    LocalProcess process(home());
    QString problem;
    const QUrl url = process.startServing(serveArgs(dataDir())
                                              + QStringList{QStringLiteral("--container-engines"), QString()},
                                          &problem);
    QVERIFY2(!url.isEmpty(), qPrintable(problem));
    HttpTestClient client(url, token());
    const QString id = createDefinition(client,
                                        {{"alias", "fds"}, {"image", "none"}, {"command", "ls -l /proc/self/fd/"}});
    const QString runId = QString::fromStdString(launch(client, id).value("run_id", ""));
    const Json stopped = waitForStatus(client, runId, "STOPPED");
    QCOMPARE(stopped.value("exit_code", -1), 0);
    const QByteArray listing = readLogByPaging(client, runId);
    QVERIFY2(listing.contains(" 0 -> ") && listing.contains(" 2 -> "), listing.constData());
    QVERIFY2(!listing.contains("socket:"), listing.constData());
    QVERIFY(process.signalAndWait(SIGTERM));
}

QTEST_GUILESS_MAIN(Tst_FlotillaLocal)
#include "tst_flotillalocal.moc"
