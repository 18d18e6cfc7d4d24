#include "runwrapper.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <utility>

#include <fcntl.h>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace Flotilla {

namespace {

constexpr int pipeBytes = 1 << 20;
// How long the pipe may stay open, and silent, after the command's group was killed.
constexpr int drainQuietMs = 100;
constexpr int drainMaxMs = 1000;

long long monotonicMs()
{
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1000LL + now.tv_nsec / 1000000;
}

} // namespace

bool writeAll(int fd, const char *bytes, long size)
{
    while (size > 0) {
        const ssize_t written = ::write(fd, bytes, size_t(size));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0) {
            if (written == 0)
                errno = EIO; // a file that takes nothing, and says nothing why
            return false;
        }
        bytes += written;
        size -= written;
    }
    return true;
}

RunWrapper::RunWrapper(const char *logPath, const char *controlDir, char *const *command)
    : m_logPath(logPath)
    , m_controlDir(controlDir)
    , m_command(command)
{}

RunWrapper::~RunWrapper()
{
    for (const int fd : {m_log, m_pipe, m_childExit, m_exitFile}) {
        if (fd >= 0)
            ::close(fd);
    }
    delete[] m_buffer;
}

int RunWrapper::run()
{
    // Not O_APPEND: splice() refuses such files. The wrapper is the log's
    // only writer and seeks to its end before each write, which also follows
    // a truncation under the run.
    m_log = ::open(m_logPath, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (m_log < 0) {
        failLog(errno);
        m_status = W_EXITCODE(127, 0);
    } else if (startCommand()) {
        follow();
    }
    const int code = WIFSIGNALED(m_status) ? 128 + WTERMSIG(m_status) : WEXITSTATUS(m_status);
    const std::string text = std::to_string(code) + '\n';
    return writeControlFile(RunControlFile::exit, text.data(), long(text.size()), std::exchange(m_exitFile, -1)) ? 0
                                                                                                                 : 1;
}

bool RunWrapper::startCommand()
{
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC) != 0) {
        m_status = W_EXITCODE(126, 0);
        return false;
    }
    // Fewer wake-ups for a command that writes much; the system may allow less.
    ::fcntl(ends[1], F_SETPIPE_SZ, pipeBytes);
    // vfork and exec, not posix_spawn: glibc's posix_spawn child sets each
    // of the 64 signals' action, 128 system calls before the exec. Here no
    // signal has a handler and none is blocked, so there is nothing to reset.
    volatile int execError = 0; // the child shares this memory until it execs or ends
    const pid_t child = ::vfork();
    if (child == 0) {
        // A process group of its own, so signalling the command's group never hits the wrapper.
        ::setpgid(0, 0);
        ::dup2(ends[1], STDOUT_FILENO);
        ::dup2(ends[1], STDERR_FILENO);
        ::execvp(m_command[0], m_command);
        execError = errno;
        ::_exit(127);
    }
    const int error = child < 0 ? errno : execError;
    ::close(ends[1]);
    m_pipe = ends[0];
    if (error != 0) {
        if (child > 0) {
            while (::waitpid(child, nullptr, 0) < 0 && errno == EINTR) {
            }
        }
        // As a shell says it, and with its codes: 127 not found, 126 not runnable.
        const std::string message = std::string("flotilla-run: cannot run ") + m_command[0] + ": "
                                    + std::strerror(error) + '\n';
        appendToLog(message.data(), long(message.size()));
        m_status = W_EXITCODE(error == ENOENT ? 127 : 126, 0);
        return false;
    }
    m_child = child;
    ::fcntl(m_pipe, F_SETFL, O_NONBLOCK);
    // Readable once the command has ended (a zombie, until waited for).
    // (The syscall itself: glibc 2.36's sys/pidfd.h does not declare it for C++.)
    m_childExit = int(::syscall(SYS_pidfd_open, child, 0));
    const std::string pids = std::to_string(::getpid()) + ' ' + std::to_string(child) + '\n';
    writeControlFile(RunControlFile::pids, pids.data(), long(pids.size()));
    // Made while the command runs: a new file costs the file system an inode
    // (a few hundred microseconds on an ext4 that freed many lately), which
    // the run's end then does not wait for.
    m_exitFile = openUnnamedFile();
    return true;
}

void RunWrapper::follow()
{
    pollfd watched[2] = {{m_pipe, POLLIN, 0}, {m_childExit, POLLIN, 0}};
    // Without a pidfd (a kernel before 5.3) the command's end shows as the pipe's.
    while (watched[0].fd >= 0 || watched[1].fd >= 0) {
        if (::poll(watched, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (watched[0].revents && !copyAvailable())
            watched[0].fd = -1;
        if (watched[1].revents)
            break;
    }
    // What the command left running in its group ends with it, and stops holding the pipe.
    ::kill(-m_child, SIGKILL);
    while (::waitpid(m_child, &m_status, 0) < 0 && errno == EINTR) {
    }
    if (watched[0].fd >= 0)
        drain();
}

void RunWrapper::drain()
{
    pollfd watched{m_pipe, POLLIN, 0};
    const long long giveUpAt = monotonicMs() + drainMaxMs;
    for (;;) {
        const int ready = ::poll(&watched, 1, drainQuietMs);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0 || !copyAvailable() || monotonicMs() > giveUpAt)
            return;
    }
}

bool RunWrapper::copyAvailable()
{
    if (m_logFailed)
        return false;
    ::lseek(m_log, 0, SEEK_END);
    if (m_splice) {
        const ssize_t moved = ::splice(m_pipe, nullptr, m_log, nullptr, pipeBytes, SPLICE_F_NONBLOCK);
        if (moved >= 0)
            return moved > 0;
        if (errno == EAGAIN || errno == EINTR)
            return true;
        if (errno != EINVAL) {
            failLog(errno);
            return false;
        }
        m_splice = false; // a file system that takes no splice: copy through memory
    }
    if (!m_buffer)
        m_buffer = new char[pipeBytes];
    const ssize_t size = ::read(m_pipe, m_buffer, pipeBytes);
    if (size < 0)
        return errno == EAGAIN || errno == EINTR;
    return size > 0 && appendToLog(m_buffer, size);
}

bool RunWrapper::appendToLog(const char *bytes, long size)
{
    if (m_logFailed)
        return false;
    if (!writeAll(m_log, bytes, size)) {
        failLog(errno);
        return false;
    }
    return true;
}

void RunWrapper::failLog(int error)
{
    if (m_logFailed)
        return;
    m_logFailed = true;
    // The run's output is lost from here: the run ends now, and fails.
    if (m_child > 0)
        ::kill(-m_child, SIGKILL);
    // Empty files, which a full disk still takes.
    writeControlFile((RunControlFile::logErrorPrefix + std::to_string(error)).c_str(), "", 0);
    writeControlFile(RunControlFile::logFailed, "", 0);
}

int RunWrapper::openUnnamedFile() const
{
    return ::open(m_controlDir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
}

bool RunWrapper::writeControlFile(const char *name, const char *text, long size, int unnamed) const
{
    const std::string path = std::string(m_controlDir) + '/' + name;
    // Made unnamed and linked once written, it appears whole, and the watch
    // on the directory wakes once.
    if (const int file = unnamed >= 0 ? unnamed : openUnnamedFile(); file >= 0) {
        const std::string self = "/proc/self/fd/" + std::to_string(file);
        const bool linked = writeAll(file, text, size)
                            && ::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, path.c_str(), AT_SYMLINK_FOLLOW) == 0;
        ::close(file);
        if (linked)
            return true;
    }
    // Where the file system has no unnamed files: a temporary name, renamed.
    const std::string temporary = std::string(m_controlDir) + "/." + name + ".tmp";
    const int file = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (file < 0)
        return false;
    const bool written = writeAll(file, text, size);
    ::close(file);
    if (written && ::rename(temporary.c_str(), path.c_str()) == 0)
        return true;
    ::unlink(temporary.c_str());
    return false;
}

} // namespace Flotilla
