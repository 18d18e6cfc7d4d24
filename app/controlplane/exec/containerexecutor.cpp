#include "containerexecutor.h"

#include <QFile>
#include <QHostInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>

#include <fcntl.h>
#include <unistd.h>

namespace Flotilla {

namespace {

// On cgroup v1 hosts podman does not report OOMKilled; the kernel log names
// the memory cgroup of every OOM kill, and the container id is in it.
bool kernelLogShowsOomKill(const QString &containerId)
{
    if (containerId.isEmpty())
        return false;
    const int fd = ::open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
    if (fd < 0)
        return false;
    const QByteArray id = containerId.toLatin1();
    bool found = false;
    char record[8192];
    for (;;) {
        const ssize_t size = ::read(fd, record, sizeof record);
        if (size < 0) {
            if (errno == EPIPE)
                continue; // an overwritten record; read on
            break;
        }
        const QByteArray line = QByteArray::fromRawData(record, size);
        if (line.contains("oom_memcg=") && line.contains(id)) {
            found = true;
            break;
        }
    }
    ::close(fd);
    return found;
}

} // namespace

std::optional<ContainerEngine> ContainerEngine::probe(const QString &name, QString *problem)
{
    if (QStandardPaths::findExecutable(name).isEmpty()) {
        *problem = QStringLiteral("%1 was not found on PATH").arg(name);
        return std::nullopt;
    }
    QProcess process;
    process.start(name, {QStringLiteral("info"), QStringLiteral("--format"), QStringLiteral("{{json .}}")});
    if (!process.waitForFinished(15000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        process.kill();
        process.waitForFinished(1000);
        // The engine's own first words on why, e.g. a daemon that is not running.
        const QString why = QString::fromLocal8Bit(process.readAllStandardError()).trimmed().section(u'\n', 0, 0);
        *problem = QStringLiteral("`%1 info` failed%2").arg(name, why.isEmpty() ? QString() : QStringLiteral(": ") + why);
        return std::nullopt;
    }
    return ContainerEngine{name, defaultRunFlags(name)};
}

QStringList ContainerEngine::defaultRunFlags(const QString &name)
{
    if (name == u"podman" && !QStandardPaths::findExecutable(QStringLiteral("runc")).isEmpty()) {
        return {QStringLiteral("--runtime"),        QStringLiteral("runc"),     QStringLiteral("--ulimit"),
                QStringLiteral("nofile=1024:1024"), QStringLiteral("--ulimit"), QStringLiteral("nproc=1024:1024")};
    }
    return {};
}

ContainerExecutor::ContainerExecutor(ContainerEngine engine, QString runProgram, QString runsDirectory,
                                     const LogStore &logs, QObject *parent)
    : DetachedExecutor(std::move(runProgram), std::move(runsDirectory), logs, parent)
    , m_engine(std::move(engine))
{}

QString ContainerExecutor::containerName(const QString &runId) const
{
    return QStringLiteral("flotilla-") + runId;
}

QStringList ContainerExecutor::commandLine(const Run &run, const EnvList &env, const QString &controlDir) const
{
    QStringList arguments{m_engine.name,
                          QStringLiteral("run"),
                          QStringLiteral("--name"),
                          containerName(run.runId),
                          QStringLiteral("--cidfile"),
                          controlDir + QStringLiteral("/cid"),
                          QStringLiteral("--label"),
                          QStringLiteral("flotilla.run_id=") + run.runId,
                          QStringLiteral("--label"),
                          QStringLiteral("flotilla.definition_id=") + run.definitionId,
                          QStringLiteral("--label"),
                          QStringLiteral("flotilla.alias=") + run.alias};
    if (run.memory) {
        const QString limit = QString::number(*run.memory) + u'm';
        arguments << QStringLiteral("--memory") << limit << QStringLiteral("--memory-swap") << limit;
    }
    // 1024 CPU units are one core; engines refuse less than a hundredth of one.
    if (run.cpu)
        arguments << QStringLiteral("--cpus") << QString::number(std::max(double(*run.cpu) / 1024.0, 0.01));
    arguments << m_engine.runFlags;
    // `-e NAME` takes the value from the engine's own environment, which the
    // wrapper inherits: values stay out of the process list.
    for (const EnvVar &var : env)
        arguments << QStringLiteral("-e") << var.name;
    // The engine's client carries stdout and stderr as two streams, and
    // docker's interleaves them out of order; one stream inside the container
    // keeps the log in the order the command wrote it.
    arguments << run.image << QStringLiteral("/bin/sh") << QStringLiteral("-c")
              << QStringLiteral("exec 2>&1\n") + run.command;
    return arguments;
}

void ContainerExecutor::runEngine(const QStringList &arguments, int timeoutMs,
                                  const std::function<void(bool, const QByteArray &)> &done)
{
    auto *process = new QProcess(this);
    process->setProcessChannelMode(QProcess::MergedChannels);
    auto *timeout = new QTimer(process);
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, process, &QProcess::kill);
    connect(process, &QProcess::finished, this, [process, done](int exitCode, QProcess::ExitStatus status) {
        done(status == QProcess::NormalExit && exitCode == 0, process->readAll());
        process->deleteLater();
    });
    connect(process, &QProcess::errorOccurred, this, [process, done](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            done(false, process->errorString().toUtf8());
            process->deleteLater();
        }
    });
    process->start(m_engine.name, arguments);
    timeout->start(timeoutMs);
}

void ContainerExecutor::prepare(const Run &run, const Ready &ready)
{
    const QString image = run.image;
    const QString missing = QStringLiteral("Image not found: ") + image;
    if (image.trimmed().isEmpty())
        return QTimer::singleShot(0, this, [ready, missing] { ready(missing); });
    Q_EMIT stepped(run.runId, ExecutorStep::CheckingImage, image);
    runEngine({QStringLiteral("image"), QStringLiteral("inspect"), QStringLiteral("--format"),
               QStringLiteral("{{.Id}}"), image},
              30000, [this, runId = run.runId, image, ready, missing](bool present, const QByteArray &) {
                  if (present)
                      return ready(QString());
                  Q_EMIT stepped(runId, ExecutorStep::ImageMissing, image);
                  runEngine({QStringLiteral("pull"), QStringLiteral("--quiet"), image}, 300000,
                            [ready, missing](bool pulled, const QByteArray &) { ready(pulled ? QString() : missing); });
              });
}

std::optional<RunInstance> ContainerExecutor::placedInstance(const QString &runId) const
{
    QFile cidFile(controlDir(runId) + QStringLiteral("/cid"));
    if (!cidFile.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QString id = QString::fromLatin1(cidFile.readAll().trimmed());
    if (id.isEmpty())
        return std::nullopt;
    return RunInstance{QHostInfo::localHostName(), id};
}

void ContainerExecutor::stop(const QString &runId, int graceMs)
{
    // The engine sends SIGTERM, then SIGKILL after the grace; `run` then exits.
    const int seconds = (graceMs + 999) / 1000;
    runEngine({QStringLiteral("stop"), QStringLiteral("-t"), QString::number(seconds), containerName(runId)},
              graceMs + 30000, [](bool, const QByteArray &) {});
    Q_EMIT stepped(runId, ExecutorStep::SignalSent, QStringLiteral("SIGTERM"));
}

void ContainerExecutor::findUsage(const QString &runId, const std::function<void(const UsageSource &)> &found)
{
    findUsageAttempt(runId, found, 0);
}

void ContainerExecutor::findUsageAttempt(const QString &runId, const std::function<void(const UsageSource &)> &found,
                                         int attempt)
{
    // Once per run: the container's main process names its cgroup, read from then on.
    // A container just created has no process yet (pid 0).
    runEngine({QStringLiteral("inspect"), QStringLiteral("--format"), QStringLiteral("{{.State.Pid}}"),
               containerName(runId)},
              30000, [this, runId, found, attempt](bool ok, const QByteArray &output) {
                  const qint64 pid = ok ? output.trimmed().toLongLong() : 0;
                  if (pid > 0) {
                      if (const std::optional<UsageSource> source = UsageSource::cgroupOf(pid))
                          found(*source);
                  } else if (ok && attempt < 20) {
                      QTimer::singleShot(250, this, [this, runId, found, attempt] {
                          findUsageAttempt(runId, found, attempt + 1);
                      });
                  }
              });
}

void ContainerExecutor::describeEnd(const QString &runId, qint64 exitCode, const Described &described)
{
    const QString name = containerName(runId);
    const QString containerId = placedInstance(runId).value_or(RunInstance{}).instanceId;
    const auto removeThen = [this, name, described](std::optional<qint64> code, const QString &reason) {
        runEngine({QStringLiteral("rm"), QStringLiteral("-f"), name}, 60000, [](bool, const QByteArray &) {});
        described(code, reason);
    };
    if (exitCode == 0)
        return removeThen(exitCode, QString());
    // `run` also ends when the container is removed under it, with a code
    // that says nothing of the command.
    runEngine({QStringLiteral("inspect"), QStringLiteral("--format"), QStringLiteral("{{.State.OOMKilled}}"), name},
              30000, [removeThen, name, containerId, exitCode](bool ok, const QByteArray &output) {
                  if (!ok && output.toLower().contains("no such"))
                      return removeThen(std::nullopt,
                                        QStringLiteral("the container %1 was removed outside flotilla").arg(name));
                  const bool oomKilled = exitCode == 137
                                         && ((ok && output.trimmed() == "true") || kernelLogShowsOomKill(containerId));
                  removeThen(exitCode, oomKilled ? QStringLiteral("OOMKilled") : QString());
              });
}

} // namespace Flotilla
