#include "logspill.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace Flotilla {

namespace {

const QString namePrefix = QStringLiteral("spill-");
const QString nameSuffix = QStringLiteral(".log");

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

LogSpill::LogSpill(const QString &directory)
{
    const QString dir = directory.isEmpty() ? defaultDirectory() : directory;
    {
        // Once per folder and process: later files there are this process's own.
        static std::mutex mutex;
        static QStringList cleaned;
        const std::lock_guard lock(mutex);
        if (!cleaned.contains(dir)) {
            cleaned.append(dir);
            removeStale(dir);
        }
    }
    if (!QDir().mkpath(dir)) {
        m_error = QCoreApplication::translate("LogSpill", "Cannot create the folder %1 for the log's spill file; "
                                                          "check that the cache folder is writable.")
                      .arg(dir);
        return;
    }
    // The pid and a per-process count make the name unique; O_EXCL makes sure.
    static std::atomic<int> serial = 0;
    m_path = QStringLiteral("%1/%2%3-%4%5")
                 .arg(dir, namePrefix)
                 .arg(QCoreApplication::applicationPid())
                 .arg(serial++)
                 .arg(nameSuffix);
    const int fd = ::open(QFile::encodeName(m_path).constData(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        m_error = QCoreApplication::translate("LogSpill", "Cannot create the log's spill file %1: %2; check that "
                                                          "the cache folder is writable and has space.")
                      .arg(m_path, systemError());
        return;
    }
    ::flock(fd, LOCK_EX | LOCK_NB); // a fresh file: nobody else can hold it
    m_file = std::make_shared<File>(fd);
}

LogSpill::~LogSpill()
{
    if (m_file)
        ::unlink(QFile::encodeName(m_path).constData());
}

QString LogSpill::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/logs");
}

int LogSpill::removeStale(const QString &directory)
{
    int removed = 0;
    const QDir dir(directory);
    for (const QString &name : dir.entryList({namePrefix + u'*' + nameSuffix}, QDir::Files)) {
        const QByteArray path = QFile::encodeName(dir.filePath(name));
        const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        // A living spill holds its lock; a crashed app's lock went with it.
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0 && ::unlink(path.constData()) == 0)
            ++removed;
        ::close(fd);
    }
    return removed;
}

bool LogSpill::write(QByteArrayView bytes)
{
    if (!m_file) {
        m_error = QCoreApplication::translate("LogSpill", "The log's spill file could not be created.");
        return false;
    }
    for (qint64 done = 0; done < bytes.size();) {
        const ssize_t wrote = ::pwrite(m_file->fd, bytes.data() + done, size_t(bytes.size() - done), m_fileSize + done);
        if (wrote < 0) {
            if (errno == EINTR)
                continue;
            m_error = QCoreApplication::translate("LogSpill", "Cannot write the log's spill file %1: %2; free some "
                                                              "space in the cache folder.")
                          .arg(m_path, systemError());
            return false;
        }
        done += wrote;
    }
    return true;
}

bool LogSpill::append(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return true;
    if (!write(bytes))
        return false;
    if (!m_segments.empty() && m_segments.back().file + m_segments.back().length == m_fileSize)
        m_segments.back().length += bytes.size();
    else
        m_segments.push_back({m_high, m_fileSize, bytes.size()});
    m_fileSize += bytes.size();
    const qint64 position = m_high;
    m_high += bytes.size();
    const qint64 newlines = std::count(bytes.begin(), bytes.end(), '\n');
    if (newlines) {
        m_newlinesAbove += newlines;
        const char *last = static_cast<const char *>(::memrchr(bytes.data(), '\n', size_t(bytes.size())));
        m_lastLineStart = position + (last - bytes.data()) + 1;
        indexAppended(bytes.data(), bytes.size(), position);
    }
    return true;
}

bool LogSpill::prepend(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return true;
    if (m_startReached) {
        m_error = QCoreApplication::translate("LogSpill", "The spill already begins at the log's first byte; "
                                                          "nothing comes before it.");
        return false;
    }
    if (!write(bytes))
        return false;
    const qint64 position = m_low - bytes.size();
    m_segments.insert(m_segments.begin(), {position, m_fileSize, bytes.size()});
    m_fileSize += bytes.size();
    m_low = position;
    const qint64 newlines = std::count(bytes.begin(), bytes.end(), '\n');
    if (m_newlinesBelow + m_newlinesAbove == 0) {
        const char *last = static_cast<const char *>(::memrchr(bytes.data(), '\n', size_t(bytes.size())));
        m_lastLineStart = last ? position + (last - bytes.data()) + 1 : m_low;
    }
    if (newlines) {
        const qint64 oldFirstLine = firstLine();
        m_newlinesBelow += newlines;
        indexPrepended(bytes.data(), bytes.size(), position, oldFirstLine);
    }
    return true;
}

} // namespace Flotilla
