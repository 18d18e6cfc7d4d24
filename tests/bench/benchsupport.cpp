#include "benchsupport.h"

#include <wire/localserver.h>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>
#include <optional>
#include <unistd.h>

namespace Flotilla::Bench {

void fail(const QString &message)
{
    throw Failure{message};
}

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

double processCpuSeconds(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = file.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    return fields.size() < 13 ? 0 : (fields[11].toDouble() + fields[12].toDouble()) / double(::sysconf(_SC_CLK_TCK));
}

void waitUntil(const std::function<bool()> &done, int timeoutMs, const QString &what)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            fail(QStringLiteral("timed out after %1 s waiting for %2").arg(timeoutMs / 1000).arg(what));
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    }
}

int positive(const QCommandLineParser &parser, const QCommandLineOption &option, int minimum)
{
    bool ok = false;
    const int value = parser.value(option).toInt(&ok);
    if (!ok || value < minimum)
        fail(QStringLiteral("--%1 takes a whole number >= %2, not \"%3\"")
                 .arg(option.names().constFirst())
                 .arg(minimum)
                 .arg(parser.value(option)));
    return value;
}

double peakRssMb(qint64 pid)
{
    QFile file(pid > 0 ? QStringLiteral("/proc/%1/status").arg(pid) : QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : file.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024;
    return 0;
}

QString dataDirFor(const QString &keep, const QString &prefix, std::unique_ptr<QTemporaryDir> *temporary)
{
    if (!keep.isEmpty()) {
        const QString dir = QDir(keep).absolutePath();
        if (!QDir().mkpath(dir))
            fail(QStringLiteral("cannot create %1").arg(dir));
        return dir;
    }
    *temporary = std::make_unique<QTemporaryDir>(QDir::tempPath() + u'/' + prefix + QStringLiteral("-XXXXXX"));
    if (!(*temporary)->isValid())
        fail(QStringLiteral("cannot make a temporary dir: %1").arg((*temporary)->errorString()));
    return (*temporary)->path();
}

int run(int argc, char *argv[], const char *name, const std::function<int()> &bench)
{
    // Widget benchmarks make their QApplication first.
    std::optional<QCoreApplication> app;
    if (!QCoreApplication::instance())
        app.emplace(argc, argv);
    QCoreApplication::setApplicationName(QString::fromLatin1(name));
    try {
        return bench();
    } catch (const Failure &failure) {
        std::fflush(stdout);
        std::fprintf(stderr, "%s: %s\n", name, qPrintable(failure.message));
        return 1;
    }
}

QUrl Server::start(const QStringList &arguments)
{
    const QString program = QCoreApplication::applicationDirPath() + QStringLiteral("/flotilla-local");
    if (!QFile::exists(program))
        fail(QStringLiteral("%1 is missing; build the flotilla-local target").arg(program));
    if (m_errorFile.isEmpty())
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    else
        m_process.setStandardErrorFile(m_errorFile); // forwarding would win over the file
    m_process.start(program, arguments);
    if (!m_process.waitForStarted(10000))
        fail(QStringLiteral("cannot start %1: %2").arg(program, m_process.errorString()));
    QElapsedTimer timer;
    timer.start();
    QByteArray output;
    while (timer.elapsed() < 30000) {
        while (m_process.canReadLine()) {
            const QByteArray line = m_process.readLine().trimmed();
            output += line + '\n';
            if (line.startsWith("listening on ")) {
                const qsizetype dataDir = arguments.indexOf(QStringLiteral("--data-dir"));
                if (dataDir < 0 || dataDir + 1 >= arguments.size())
                    fail(QStringLiteral("the benchmark starts flotilla-local without --data-dir"));
                m_token = LocalServer::find(arguments.at(dataDir + 1)).value_or(LocalServer()).token;
                return QUrl(QString::fromUtf8(line.mid(13)));
            }
        }
        if (m_process.state() != QProcess::Running)
            fail(QStringLiteral("flotilla-local exited with code %1 before listening; it said:\n%2")
                     .arg(m_process.exitCode())
                     .arg(QString::fromUtf8(output + m_process.readAll())));
        m_process.waitForReadyRead(200);
    }
    fail(QStringLiteral("flotilla-local did not say \"listening on\" within 30 s"));
}

void Server::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate(); // SIGTERM: it closes the store and releases the dir
    if (!m_process.waitForFinished(10000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

void Server::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(10000);
    m_process.readAll(); // what it said before dying is not the next start's
}

} // namespace Flotilla::Bench
