#include "filesyncer.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace Flotilla {

FileSyncer::FileSyncer(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("flotilla-sync"));
    m_worker.moveToThread(&m_thread);
    m_thread.start();
}

FileSyncer::~FileSyncer()
{
    // A sync under way finishes; what it would report goes with this object.
    m_thread.quit();
    m_thread.wait();
}

int FileSyncer::syncFile(const QByteArray &path)
{
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? 0 : errno;
    const int error = ::fdatasync(fd) == 0 ? 0 : errno;
    ::close(fd);
    return error;
}

void FileSyncer::request(qint64 mark)
{
    if (m_busy)
        m_next = mark;
    else
        start(mark);
}

void FileSyncer::start(qint64 mark)
{
    m_busy = true;
    QMetaObject::invokeMethod(&m_worker, [this, path = m_path, mark] {
        const int error = syncFile(path);
        QMetaObject::invokeMethod(
            this,
            [this, mark, error] {
                m_busy = false;
                if (const std::optional<qint64> next = std::exchange(m_next, std::nullopt))
                    start(*next);
                Q_EMIT synced(mark, error);
            },
            Qt::QueuedConnection);
    });
}

} // namespace Flotilla
