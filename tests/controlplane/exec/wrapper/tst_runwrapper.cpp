// flotilla-run as the executors start it: a real program running real
// commands, its log and control files read back.
#include "testpaths.h"
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>

class Tst_RunWrapper final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void outputExitCodeAndPids();
    void exitBySignal();
    void leftoversInTheGroupEndWithTheCommand();
    void aProcessOutsideTheGroupDoesNotHoldTheRun();
    void outputLargerThanThePipe();
    void logWriteRefused();
    void programNotFound();
    void usage();

private:
    // Runs `command` under sh -c to its end; flotilla-run's own exit status.
    int wrap(const QString &command, const QString &log = {});
    QByteArray controlFile(const char *name) const;
    QStringList controlFiles() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    qint64 m_wrapperPid = 0;
};

void Tst_RunWrapper::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("control")));
}

int Tst_RunWrapper::wrap(const QString &command, const QString &log)
{
    QProcess wrapper;
    wrapper.start(Flotilla::TestPaths::runProgram(), {log.isEmpty() ? m_dir->filePath(QStringLiteral("run.log")) : log,
                                                      m_dir->filePath(QStringLiteral("control")),
                                                      QStringLiteral("/bin/sh"), QStringLiteral("-c"), command});
    if (!wrapper.waitForStarted())
        return -1;
    m_wrapperPid = wrapper.processId();
    if (!wrapper.waitForFinished(60000) || wrapper.exitStatus() != QProcess::NormalExit)
        return -1;
    return wrapper.exitCode();
}

QByteArray Tst_RunWrapper::controlFile(const char *name) const
{
    QFile file(m_dir->filePath(QStringLiteral("control/") + QLatin1String(name)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(none)");
}

QStringList Tst_RunWrapper::controlFiles() const
{
    return QDir(m_dir->filePath(QStringLiteral("control"))).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

void Tst_RunWrapper::outputExitCodeAndPids()
{
    QCOMPARE(wrap(QStringLiteral("echo out; echo err >&2; echo again; exit 3")), 0);
    QFile log(m_dir->filePath(QStringLiteral("run.log")));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QCOMPARE(log.readAll(), "out\nerr\nagain\n");
    QCOMPARE(log.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    QCOMPARE(controlFile("exit"), "3\n");
    const QList<QByteArray> pids = controlFile("pids").split(' ');
    QCOMPARE(pids.size(), 2);
    QCOMPARE(pids[0].toLongLong(), m_wrapperPid);
    QVERIFY(pids[1].endsWith('\n') && pids[1].trimmed().toLongLong() > 1);
    // Nothing else: no temporary names left behind.
    QCOMPARE(controlFiles(), (QStringList{QStringLiteral("exit"), QStringLiteral("pids")}));
}

void Tst_RunWrapper::exitBySignal()
{
    // As a shell's $? says it: 128 + the signal.
    QCOMPARE(wrap(QStringLiteral("kill -TERM $$")), 0);
    QCOMPARE(controlFile("exit"), QByteArray::number(128 + SIGTERM) + '\n');
}

void Tst_RunWrapper::leftoversInTheGroupEndWithTheCommand()
{
    // The background sleep holds the pipe; the run ends with the command all the same.
    QCOMPARE(wrap(QStringLiteral("sleep 300 & echo started")), 0);
    QCOMPARE(controlFile("exit"), "0\n");
    const pid_t group = pid_t(controlFile("pids").split(' ').value(1).trimmed().toLongLong());
    QVERIFY(group > 1);
    QTRY_VERIFY(::kill(-group, 0) != 0 && errno == ESRCH);
}

void Tst_RunWrapper::aProcessOutsideTheGroupDoesNotHoldTheRun()
{
    // setsid takes the sleep out of the command's group (and session), out of
    // reach of the group's kill; it still holds the pipe.
    const QString pidFile = m_dir->filePath(QStringLiteral("escaped.pid"));
    QCOMPARE(wrap(QStringLiteral("setsid sleep 300 & echo $! > %1; echo started").arg(pidFile)), 0);
    QCOMPARE(controlFile("exit"), "0\n");
    QFile file(pidFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const pid_t escaped = pid_t(file.readAll().trimmed().toInt());
    QVERIFY(escaped > 1);
    ::kill(escaped, SIGKILL);
    QFile log(m_dir->filePath(QStringLiteral("run.log")));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QCOMPARE(log.readAll(), "started\n");
}

void Tst_RunWrapper::outputLargerThanThePipe()
{
    // Several times a pipe's largest size, written by a process the command starts.
    constexpr qint64 size = 5 * 1024 * 1024;
    QCOMPARE(wrap(QStringLiteral("head -c %1 /dev/zero | tr '\\0' x; echo end").arg(size)), 0);
    QCOMPARE(controlFile("exit"), "0\n");
    QFile log(m_dir->filePath(QStringLiteral("run.log")));
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray text = log.readAll();
    QCOMPARE(text.size(), size + 4);
    QVERIFY(text == QByteArray(size, 'x') + "end\n");
}

void Tst_RunWrapper::logWriteRefused()
{
    // /dev/full refuses every write as a full disk does (ENOSPC). The
    // command would write forever: its group is killed, and the loss recorded.
    QCOMPARE(wrap(QStringLiteral("while :; do echo line; done"), QStringLiteral("/dev/full")), 0);
    QCOMPARE(controlFile("log.failed"), "");
    QCOMPARE(controlFile(("log.error." + QByteArray::number(ENOSPC)).constData()), ""); // the server names it
    QCOMPARE(controlFile("exit"), QByteArray::number(128 + SIGKILL) + '\n');
    const pid_t group = pid_t(controlFile("pids").split(' ').value(1).trimmed().toLongLong());
    QVERIFY(group > 1);
    QTRY_VERIFY(::kill(-group, 0) != 0 && errno == ESRCH);
}

void Tst_RunWrapper::programNotFound()
{
    QProcess wrapper;
    wrapper.start(Flotilla::TestPaths::runProgram(),
                  {m_dir->filePath(QStringLiteral("run.log")), m_dir->filePath(QStringLiteral("control")),
                   QStringLiteral("no-such-program-here")});
    QVERIFY(wrapper.waitForFinished());
    QCOMPARE(wrapper.exitCode(), 0);
    // As a shell says it, with its code.
    QCOMPARE(controlFile("exit"), "127\n");
    QFile log(m_dir->filePath(QStringLiteral("run.log")));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QCOMPARE(log.readAll(), "flotilla-run: cannot run no-such-program-here: No such file or directory\n");
    QCOMPARE(controlFiles(), QStringList{QStringLiteral("exit")});
}

void Tst_RunWrapper::usage()
{
    QProcess wrapper;
    wrapper.start(Flotilla::TestPaths::runProgram(), {QStringLiteral("only-a-log")});
    QVERIFY(wrapper.waitForFinished());
    QCOMPARE(wrapper.exitCode(), 2);
    QVERIFY(wrapper.readAllStandardError().startsWith("usage: flotilla-run LOG CONTROL_DIR PROGRAM [ARGUMENT]..."));
}

QTEST_GUILESS_MAIN(Tst_RunWrapper)
#include "tst_runwrapper.moc"
