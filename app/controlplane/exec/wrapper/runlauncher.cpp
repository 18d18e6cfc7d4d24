#include "runlauncher.h"

#include "runwrapper.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

extern char **environ;

namespace Flotilla::RunLauncher {

namespace {

bool readAll(int fd, void *into, std::size_t size)
{
    auto *bytes = static_cast<char *>(into);
    while (size > 0) {
        const ssize_t got = ::read(fd, bytes, size);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return false;
        bytes += got;
        size -= std::size_t(got);
    }
    return true;
}

// Splits `text` into `count` NUL-ended strings; false if it does not hold exactly that many.
bool split(std::vector<char> &text, std::size_t count, std::vector<char *> &strings)
{
    strings.clear();
    std::size_t at = 0;
    while (at < text.size() && strings.size() < count) {
        strings.push_back(text.data() + at);
        const void *end = std::memchr(text.data() + at, '\0', text.size() - at);
        if (!end)
            return false;
        at = std::size_t(static_cast<const char *>(end) - text.data()) + 1;
    }
    return strings.size() == count && at == text.size();
}

// In the forked child: from here on it is the run's wrapper (a process
// group of its own, stdin, stdout and stderr on /dev/null, nothing else
// open, default signals). It stays in the launcher's session, as all runs
// do. With the kernel's autogroup scheduling each session gets an equal
// share of the CPU: a session per run gave eight busy runs eight shares and
// the control plane's (or the desktop's) session one.
[[noreturn]] void becomeWrapper(char **argv, char **envp)
{
    ::signal(SIGCHLD, SIG_DFL);
    ::setpgid(0, 0);
    const int null = ::open("/dev/null", O_RDWR);
    for (int fd = STDIN_FILENO; fd <= STDERR_FILENO; ++fd)
        ::dup2(null, fd);
    ::closefrom(STDERR_FILENO + 1);
    environ = envp;
    ::_exit(RunWrapper(argv[0], argv[1], argv + 2).run());
}

} // namespace

int serve(int socket)
{
    // The wrappers are no one's to wait for: the kernel reaps them.
    ::signal(SIGCHLD, SIG_IGN);
    std::vector<char> text;
    std::vector<char *> strings;
    for (;;) {
        RequestHead head;
        if (!readAll(socket, &head, sizeof head))
            return 0; // the control plane has gone
        if (head.bytes > maxRequestBytes)
            return 1; // not a request of ours: the stream cannot be followed
        text.resize(head.bytes);
        if (!readAll(socket, text.data(), text.size()))
            return 0;
        std::int32_t answer;
        if (head.argc < 3 || !split(text, std::size_t(head.argc) + head.envc + 1, strings)) {
            answer = -EINVAL;
        } else if (::chdir(strings[0]) != 0) {
            answer = -errno;
        } else {
            // argv and envp as exec takes them: null-ended.
            std::vector<char *> argv(strings.begin() + 1, strings.begin() + 1 + head.argc);
            argv.push_back(nullptr);
            std::vector<char *> envp(strings.begin() + 1 + head.argc, strings.end());
            envp.push_back(nullptr);
            const pid_t child = ::fork();
            if (child == 0)
                becomeWrapper(argv.data(), envp.data());
            answer = child > 0 ? std::int32_t(child) : -errno;
            ::chdir("/"); // holds no run's dir
        }
        if (!writeAll(socket, reinterpret_cast<const char *>(&answer), sizeof answer))
            return 0;
    }
}

} // namespace Flotilla::RunLauncher
