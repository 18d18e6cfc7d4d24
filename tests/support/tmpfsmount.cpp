#include "tmpfsmount.h"

#include <QProcess>

namespace Flotilla::Testing {

TmpfsMount::~TmpfsMount()
{
    if (!m_dir.isEmpty())
        QProcess::execute(QStringLiteral("umount"), {m_dir});
}

bool TmpfsMount::mount(const QString &dir, QString *problem, const QString &size)
{
    if (!mountCommand({QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                       QStringLiteral("size=%1,mode=0700").arg(size), QStringLiteral("tmpfs"), dir},
                      problem))
        return false;
    m_dir = dir;
    return true;
}

bool TmpfsMount::remountReadOnly(QString *problem)
{
    return mountCommand({QStringLiteral("-o"), QStringLiteral("remount,ro"), m_dir}, problem);
}

bool TmpfsMount::mountCommand(const QStringList &arguments, QString *problem)
{
    QProcess mount;
    mount.start(QStringLiteral("mount"), arguments);
    if (mount.waitForFinished(30000) && mount.exitStatus() == QProcess::NormalExit && mount.exitCode() == 0)
        return true;
    *problem = QStringLiteral("mount %1: %2 %3")
                   .arg(arguments.join(u' '), mount.errorString(),
                        QString::fromLocal8Bit(mount.readAllStandardError()).trimmed());
    return false;
}

} // namespace Flotilla::Testing
