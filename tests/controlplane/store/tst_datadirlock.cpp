// DataDirLock: one control plane per data dir (api-contract §8a).
#include "testpaths.h"
#include <store/datadirlock.h>
#include <wire/localserver.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Flotilla;

namespace {

QString lockFile(const QString &dir)
{
    return dir + QStringLiteral("/control-plane.lock");
}

QString urlFile(const QString &dir)
{
    return dir + QStringLiteral("/control-plane.url");
}

QString tokenFile(const QString &dir)
{
    return dir + QStringLiteral("/control-plane.token");
}

// The URL clients find for `dir`, as LocalServer::find reads it.
std::optional<QUrl> runningUrl(const QString &dir)
{
    const std::optional<LocalServer> found = LocalServer::find(dir);
    return found ? std::optional<QUrl>(found->url) : std::nullopt;
}

const QByteArray testToken = QByteArrayLiteral("0123456789abcdef0123456789abcdef");

bool publish(DataDirLock &lock, const QUrl &url, const QByteArray &token = testToken)
{
    QString error;
    const bool published = lock.publish(url, token, &error);
    if (!published)
        qWarning("publish: %s", qPrintable(error));
    return published;
}

int fileMode(const QString &path)
{
    struct stat info = {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 07777) : -1;
}

// flotilla-local as a child process, killed whatever happens to the test.
class LocalServerProcess final
{
public:
    ~LocalServerProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10000);
        }
    }

    // Starts it on 127.0.0.1:0 over `dataDir` and waits for its "listening on" line.
    bool start(const QString &dataDir, QString *problem)
    {
        const QString program = TestPaths::binDir() + QStringLiteral("/flotilla-local");
        if (!QFile::exists(program)) {
            *problem = program + QStringLiteral(" is missing");
            return false;
        }
        m_process.start(program, {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                  QStringLiteral("--data-dir"), dataDir});
        if (!m_process.waitForStarted(10000)) {
            *problem = m_process.errorString();
            return false;
        }
        const QDeadlineTimer deadline(30000);
        while (!m_process.canReadLine()) {
            if (m_process.state() == QProcess::NotRunning || deadline.hasExpired()
                || !m_process.waitForReadyRead(int(deadline.remainingTime()))) {
                *problem = QStringLiteral("no \"listening on\" line; stderr: ")
                           + QString::fromLocal8Bit(m_process.readAllStandardError());
                return false;
            }
        }
        const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
        static const QRegularExpression pattern(QStringLiteral("^listening on (http://127\\.0\\.0\\.1:\\d+)$"));
        const QRegularExpressionMatch match = pattern.match(line);
        if (!match.hasMatch()) {
            *problem = QStringLiteral("unexpected first line: ") + line;
            return false;
        }
        m_url = QUrl(match.captured(1));
        return true;
    }

    bool killHard()
    {
        m_process.kill(); // SIGKILL: no destructor runs, the lock file stays behind
        return m_process.waitForFinished(10000);
    }

    qint64 pid() const { return m_process.processId(); }
    QUrl url() const { return m_url; }

private:
    QProcess m_process;
    QUrl m_url;
};

// Whether some open file description holds a flock on `path`.
bool isFlocked(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0;
    ::close(fd);
    return held;
}

} // namespace

class Tst_DataDirLock final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstLockSucceeds();
    void secondLockFailsNamingPid();
    void secondLockNamesPublishedUrl();
    void runningServerWhileHeldAndAfterRelease();
    void releasedLockCanBeTakenAgain();
    void lockAndUrlFilesAreOwnerOnly();
    void tokenIsFoundBesideTheUrlAndOutlivesTheHolder();
    void liveChildProcessHoldsLock();
    void staleLockOfKilledProcessIsTakenOver();
    void staleLockStillFlockedByDeadHoldersChildIsTakenOver();
    void staleUrlIsNotReportedAfterTakeover();
    void unusableDirIsNotBlamedOnAnotherHolder();
};

void Tst_DataDirLock::firstLockSucceeds()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    DataDirLock lock(dir.path());
    QString holder;
    QVERIFY2(lock.tryLock(&holder), qPrintable(holder));
    QVERIFY(QFile::exists(lockFile(dir.path())));
    QVERIFY(!QFile::exists(urlFile(dir.path()))); // nothing published yet
}

void Tst_DataDirLock::secondLockFailsNamingPid()
{
    QTemporaryDir dir;
    DataDirLock first(dir.path());
    QString holder;
    QVERIFY2(first.tryLock(&holder), qPrintable(holder));

    DataDirLock second(dir.path());
    QString message;
    QVERIFY(!second.tryLock(&message));
    const QString pid = QString::number(QCoreApplication::applicationPid());
    QVERIFY2(message.contains(QStringLiteral("pid ") + pid), qPrintable(message));
    QVERIFY2(message.contains(dir.path()), qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("http://")), qPrintable(message));

    // The failed attempt left the holder's lock alone.
    QVERIFY(QFile::exists(lockFile(dir.path())));
    DataDirLock third(dir.path());
    QVERIFY(!third.tryLock(&message));
}

void Tst_DataDirLock::secondLockNamesPublishedUrl()
{
    QTemporaryDir dir;
    DataDirLock first(dir.path());
    QString holder;
    QVERIFY2(first.tryLock(&holder), qPrintable(holder));
    const QUrl url(QStringLiteral("http://127.0.0.1:45678"));
    QVERIFY(publish(first, url));

    DataDirLock second(dir.path());
    QString message;
    QVERIFY(!second.tryLock(&message));
    QVERIFY2(message.contains(url.toString()), qPrintable(message));
    QVERIFY2(message.contains(QString::number(QCoreApplication::applicationPid())), qPrintable(message));
}

void Tst_DataDirLock::runningServerWhileHeldAndAfterRelease()
{
    QTemporaryDir dir;
    QVERIFY(!runningUrl(dir.path()));
    const QUrl url(QStringLiteral("http://127.0.0.1:40001"));
    {
        DataDirLock lock(dir.path());
        QString holder;
        QVERIFY2(lock.tryLock(&holder), qPrintable(holder));
        QVERIFY(!runningUrl(dir.path())); // held but not published
        QVERIFY(publish(lock, url));
        const std::optional<QUrl> running = runningUrl(dir.path());
        QVERIFY(running);
        QCOMPARE(*running, url);

        // Publishing again replaces the URL.
        const QUrl moved(QStringLiteral("http://127.0.0.1:40002"));
        QVERIFY(publish(lock, moved));
        QCOMPARE(runningUrl(dir.path()), std::optional<QUrl>(moved));
    }
    QVERIFY(!runningUrl(dir.path()));
    QVERIFY(!QFile::exists(urlFile(dir.path())));
    QVERIFY(!QFile::exists(lockFile(dir.path())));
    // A dir that does not exist has no server either.
    QVERIFY(!runningUrl(dir.path() + QStringLiteral("/missing")));
}

void Tst_DataDirLock::releasedLockCanBeTakenAgain()
{
    QTemporaryDir dir;
    QString holder;
    for (int round = 0; round < 3; ++round) {
        DataDirLock lock(dir.path());
        QVERIFY2(lock.tryLock(&holder), qPrintable(holder));
        QVERIFY(publish(lock, QUrl(QStringLiteral("http://127.0.0.1:%1").arg(41000 + round))));
    }
    auto lock = std::make_unique<DataDirLock>(dir.path());
    QVERIFY2(lock->tryLock(&holder), qPrintable(holder));
    lock.reset();
    DataDirLock again(dir.path());
    QVERIFY2(again.tryLock(&holder), qPrintable(holder));
}

void Tst_DataDirLock::lockAndUrlFilesAreOwnerOnly()
{
    QTemporaryDir dir;
    DataDirLock lock(dir.path());
    QString holder;
    QVERIFY2(lock.tryLock(&holder), qPrintable(holder));
    QVERIFY(publish(lock, QUrl(QStringLiteral("http://127.0.0.1:42000"))));
    QCOMPARE(fileMode(lockFile(dir.path())), 0600);
    QCOMPARE(fileMode(urlFile(dir.path())), 0600);
    QCOMPARE(fileMode(tokenFile(dir.path())), 0600);
}

void Tst_DataDirLock::tokenIsFoundBesideTheUrlAndOutlivesTheHolder()
{
    QTemporaryDir dir;
    const QUrl url(QStringLiteral("http://127.0.0.1:42001"));
    {
        DataDirLock lock(dir.path());
        QString holder;
        QVERIFY2(lock.tryLock(&holder), qPrintable(holder));
        QVERIFY(publish(lock, url));
        const std::optional<LocalServer> found = LocalServer::find(dir.path());
        QVERIFY(found);
        QCOMPARE(found->url, url);
        QCOMPARE(found->token, testToken);
    }
    // Nobody serves the dir; the token stays for the next start.
    QVERIFY(!LocalServer::find(dir.path()));
    QVERIFY(QFile::exists(tokenFile(dir.path())));
    QVERIFY(!QFile::exists(urlFile(dir.path())));
}

void Tst_DataDirLock::liveChildProcessHoldsLock()
{
    QTemporaryDir dir;
    LocalServerProcess server;
    QString problem;
    QVERIFY2(server.start(dir.path(), &problem), qPrintable(problem));

    QCOMPARE(runningUrl(dir.path()), std::optional<QUrl>(server.url()));
    DataDirLock lock(dir.path());
    QString message;
    QVERIFY(!lock.tryLock(&message));
    QVERIFY2(message.contains(QStringLiteral("pid %1").arg(server.pid())), qPrintable(message));
    QVERIFY2(message.contains(server.url().toString()), qPrintable(message));
}

void Tst_DataDirLock::staleLockOfKilledProcessIsTakenOver()
{
    QTemporaryDir dir;
    LocalServerProcess server;
    QString problem;
    QVERIFY2(server.start(dir.path(), &problem), qPrintable(problem));
    QVERIFY(server.killHard());

    // Its files stay behind, but it is dead.
    QVERIFY(QFile::exists(lockFile(dir.path())));
    QVERIFY(!runningUrl(dir.path()));

    DataDirLock lock(dir.path());
    QString holder;
    QVERIFY2(lock.tryLock(&holder), qPrintable(holder));
    QCOMPARE(fileMode(lockFile(dir.path())), 0600);
    const QUrl url(QStringLiteral("http://127.0.0.1:43000"));
    QVERIFY(publish(lock, url));
    QCOMPARE(runningUrl(dir.path()), std::optional<QUrl>(url));

    // And it is now held by this process.
    DataDirLock second(dir.path());
    QString message;
    QVERIFY(!second.tryLock(&message));
    QVERIFY2(message.contains(QString::number(QCoreApplication::applicationPid())), qPrintable(message));
}

void Tst_DataDirLock::staleLockStillFlockedByDeadHoldersChildIsTakenOver()
{
    // Found by the soak: a control plane killed while a child of it was
    // between fork and exec (a run being spawned) leaves that child sharing
    // the lock file's flock for a moment after its death. A restart in that
    // moment refused to start, naming the dead pid as the holder. Here
    // flock(1) plays the child, holding the flock half a second.
    QTemporaryDir dir;
    LocalServerProcess server;
    QString problem;
    QVERIFY2(server.start(dir.path(), &problem), qPrintable(problem));
    QVERIFY(server.killHard());
    QProcess child;
    child.start(QStringLiteral("flock"),
                {QStringLiteral("--exclusive"), lockFile(dir.path()), QStringLiteral("sleep"), QStringLiteral("0.5")});
    QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));
    QTRY_VERIFY(isFlocked(lockFile(dir.path())));

    DataDirLock lock(dir.path());
    QString holder;
    QVERIFY2(lock.tryLock(&holder), qPrintable(holder));
    QVERIFY(child.waitForFinished(10000)); // it was waited out, not ignored
    QCOMPARE(child.exitCode(), 0);
}

void Tst_DataDirLock::staleUrlIsNotReportedAfterTakeover()
{
    // A killed holder leaves control-plane.url behind. Once a live process
    // has taken the lock over, but before it publishes, the dead one's URL
    // must not be reported as the running server.
    QTemporaryDir dir;
    LocalServerProcess server;
    QString problem;
    QVERIFY2(server.start(dir.path(), &problem), qPrintable(problem));
    const QUrl deadUrl = server.url();
    QVERIFY(server.killHard());

    DataDirLock lock(dir.path());
    QString holder;
    QVERIFY2(lock.tryLock(&holder), qPrintable(holder));
    const std::optional<QUrl> running = runningUrl(dir.path());
    QVERIFY2(running != std::optional<QUrl>(deadUrl), qPrintable(deadUrl.toString()));

    DataDirLock second(dir.path());
    QString message;
    QVERIFY(!second.tryLock(&message));
    QVERIFY2(!message.contains(deadUrl.toString()), qPrintable(message));
}

void Tst_DataDirLock::unusableDirIsNotBlamedOnAnotherHolder()
{
    // tryLock() is false only "when another live process holds the dir".
    // A dir where no lock file can be made is a different failure, and the
    // message must not invent a holder.
    QTemporaryDir dir;
    const QString missing = dir.path() + QStringLiteral("/does-not-exist");
    DataDirLock lock(missing);
    QString message;
    const bool locked = lock.tryLock(&message);
    QVERIFY(!locked);
    QVERIFY(!message.isEmpty());
    QVERIFY2(!message.contains(QStringLiteral("another control plane")), qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("pid 0")), qPrintable(message));
}

QTEST_GUILESS_MAIN(Tst_DataDirLock)
#include "tst_datadirlock.moc"
