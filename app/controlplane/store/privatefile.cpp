#include "privatefile.h"

#include <QFile>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace Flotilla {

bool writePrivateFile(const QString &path, QByteArrayView content, QString *error)
{
    const QByteArray target = QFile::encodeName(path);
    QByteArray temporary = target + ".XXXXXX";
    const int fd = ::mkstemp(temporary.data()); // mode 0600, whatever the umask
    const auto fail = [&](const char *step) {
        *error = QStringLiteral("cannot %1 %2: %3")
                     .arg(QLatin1String(step), path, QString::fromLocal8Bit(std::strerror(errno)));
        if (fd >= 0) {
            ::close(fd);
            ::unlink(temporary.constData());
        }
        return false;
    };
    if (fd < 0)
        return fail("create a file beside");
    for (qsizetype written = 0; written < content.size();) {
        const ssize_t n = ::write(fd, content.data() + written, size_t(content.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return fail("write");
        written += n;
    }
    if (::fsync(fd) != 0)
        return fail("write");
    if (::rename(temporary.constData(), target.constData()) != 0)
        return fail("replace");
    ::close(fd);
    return true;
}

bool makePrivateDir(const QString &path)
{
    return ::mkdir(QFile::encodeName(path).constData(), S_IRWXU) == 0 || errno == EEXIST;
}

} // namespace Flotilla
