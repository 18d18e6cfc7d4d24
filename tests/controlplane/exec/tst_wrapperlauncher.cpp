// Run wrappers started by flotilla-run --launcher: a real launcher forking
// real wrappers, their log and control files read back.
#include "testpaths.h"
#include <exec/wrapperlauncher.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <csignal>

#include <unistd.h>

using namespace Flotilla;

class Tst_WrapperLauncher final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void startsAWrapperWithItsDirAndEnvironment();
    void wrapperOutlivesTheLauncher();
    void aKilledLauncherIsReplaced();
    void missingWorkDirIsAnError();
    void runsShareOneSessionEachInAGroupOfItsOwn();

private:
    // Starts `command` under sh -c in run `name`'s dirs; the wrapper's pid.
    pid_t start(WrapperLauncher &launcher, const QString &name, const QByteArray &command);
    QByteArray exitOf(const QString &name) const;
    QByteArray logOf(const QString &name) const;
    QString dir(const QString &name) const { return m_dir->filePath(name); }
    // A command that runs until release() is called.
    QByteArray untilReleased() const;
    void release();

    std::unique_ptr<QTemporaryDir> m_dir;
};

void Tst_WrapperLauncher::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

pid_t Tst_WrapperLauncher::start(WrapperLauncher &launcher, const QString &name, const QByteArray &command)
{
    QDir(m_dir->path()).mkpath(name + QStringLiteral("/work"));
    return launcher.start({QFile::encodeName(dir(name + QStringLiteral(".log"))), QFile::encodeName(dir(name)),
                           "/bin/sh", "-c", command},
                          {"PATH=/usr/bin:/bin", "RUN_NAME=" + name.toUtf8()},
                          QFile::encodeName(dir(name + QStringLiteral("/work"))));
}

QByteArray Tst_WrapperLauncher::untilReleased() const
{
    return "while [ ! -e " + QFile::encodeName(dir(QStringLiteral("release"))) + " ]; do sleep 0.05; done; echo done";
}

void Tst_WrapperLauncher::release()
{
    QFile marker(dir(QStringLiteral("release")));
    QVERIFY(marker.open(QIODevice::WriteOnly));
}

QByteArray Tst_WrapperLauncher::exitOf(const QString &name) const
{
    QFile file(dir(name + QStringLiteral("/exit")));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray Tst_WrapperLauncher::logOf(const QString &name) const
{
    QFile file(dir(name + QStringLiteral(".log")));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void Tst_WrapperLauncher::startsAWrapperWithItsDirAndEnvironment()
{
    WrapperLauncher launcher(QFile::encodeName(TestPaths::runProgram()));
    const pid_t wrapper = start(launcher, QStringLiteral("a"), "echo \"$RUN_NAME in $(pwd)\"; exit 3");
    QVERIFY2(wrapper > 0, strerror(errno));
    QTRY_COMPARE(exitOf(QStringLiteral("a")), QByteArray("3\n"));
    QCOMPARE(logOf(QStringLiteral("a")), "a in " + QFile::encodeName(dir(QStringLiteral("a/work"))) + '\n');
    // The pids file names the wrapper the launcher answered with.
    QFile pids(dir(QStringLiteral("a/pids")));
    QVERIFY(pids.open(QIODevice::ReadOnly));
    QCOMPARE(pids.readAll().split(' ').value(0).toLongLong(), qint64(wrapper));
    // A second run through the same launcher.
    QVERIFY(start(launcher, QStringLiteral("b"), "exit 0") > 0);
    QTRY_COMPARE(exitOf(QStringLiteral("b")), QByteArray("0\n"));
}

void Tst_WrapperLauncher::wrapperOutlivesTheLauncher()
{
    pid_t wrapper = 0;
    {
        WrapperLauncher launcher(QFile::encodeName(TestPaths::runProgram()));
        wrapper = start(launcher, QStringLiteral("a"), untilReleased());
        QVERIFY(wrapper > 0);
        QTRY_VERIFY(QFile::exists(dir(QStringLiteral("a/pids"))));
    }
    QCOMPARE(::kill(wrapper, 0), 0);
    release();
    QTRY_COMPARE(exitOf(QStringLiteral("a")), QByteArray("0\n"));
    QCOMPARE(logOf(QStringLiteral("a")), QByteArray("done\n"));
}

void Tst_WrapperLauncher::aKilledLauncherIsReplaced()
{
    WrapperLauncher launcher(QFile::encodeName(TestPaths::runProgram()));
    const pid_t first = start(launcher, QStringLiteral("a"), untilReleased());
    QVERIFY(first > 0);
    // The wrapper's parent is the launcher.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(first));
    QVERIFY(stat.open(QIODevice::ReadOnly));
    const QByteArray text = stat.readAll();
    const qint64 parent = text.mid(text.lastIndexOf(')') + 2).split(' ').value(1).toLongLong();
    QVERIFY(parent > 1);
    QCOMPARE(::kill(pid_t(parent), SIGKILL), 0);
    release();
    QTRY_COMPARE(exitOf(QStringLiteral("a")), QByteArray("0\n"));
    const pid_t second = start(launcher, QStringLiteral("b"), "exit 5");
    QVERIFY2(second > 0, strerror(errno));
    QTRY_COMPARE(exitOf(QStringLiteral("b")), QByteArray("5\n"));
}

void Tst_WrapperLauncher::missingWorkDirIsAnError()
{
    WrapperLauncher launcher(QFile::encodeName(TestPaths::runProgram()));
    QCOMPARE(launcher.start({"log", "control", "/bin/true"}, {}, QFile::encodeName(dir(QStringLiteral("none")))),
             pid_t(0));
    QCOMPARE(errno, ENOENT);
    // The launcher goes on serving.
    QVERIFY(start(launcher, QStringLiteral("a"), "exit 0") > 0);
    QTRY_COMPARE(exitOf(QStringLiteral("a")), QByteArray("0\n"));
}

void Tst_WrapperLauncher::runsShareOneSessionEachInAGroupOfItsOwn()
{
    // With autogroup scheduling a session gets a share of the CPU: the runs
    // together take one, not one each. Signals go to a run's own group.
    WrapperLauncher launcher(QFile::encodeName(TestPaths::runProgram()));
    // /proc/self/stat: pid (comm) state ppid pgrp session ...
    const QByteArray command = "read -r pid comm state ppid group session rest < /proc/self/stat; "
                               "echo \"$$ $pid $group $session\"";
    QList<QByteArrayList> seen;
    for (const QString &name : {QStringLiteral("a"), QStringLiteral("b")}) {
        QVERIFY(start(launcher, name, command) > 0);
        QTRY_COMPARE(exitOf(name), QByteArray("0\n"));
        seen.append(logOf(name).trimmed().split(' '));
        QCOMPARE(seen.last().size(), 4);
        QCOMPARE(seen.last()[1], seen.last()[0]);
        QCOMPARE(seen.last()[2], seen.last()[0]); // the command leads its group
    }
    QCOMPARE(seen[0][3], seen[1][3]);
    QVERIFY(seen[0][3].toLongLong() != ::getsid(0));
}

QTEST_GUILESS_MAIN(Tst_WrapperLauncher)
#include "tst_wrapperlauncher.moc"
