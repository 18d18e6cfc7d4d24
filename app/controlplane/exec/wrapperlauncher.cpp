#include "wrapperlauncher.h"

#include <exec/wrapper/runlauncher.h>

#include <cerrno>
#include <csignal>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace Flotilla {

namespace {

// A fork of the launcher takes well under this even on a loaded machine; a
// launcher that takes longer is stuck (stopped) and is replaced.
constexpr int answerMs = 5000;

} // namespace

WrapperLauncher::WrapperLauncher(QByteArray program)
    : m_program(std::move(program))
{}

WrapperLauncher::~WrapperLauncher()
{
    stop();
}

pid_t WrapperLauncher::start(const QByteArrayList &arguments, const QByteArrayList &environment,
                             const QByteArray &workDir)
{
    QByteArray text = workDir + '\0';
    for (const QByteArrayList *strings : {&arguments, &environment}) {
        for (const QByteArray &string : *strings)
            text += string + '\0';
    }
    const RunLauncher::RequestHead head{std::uint32_t(text.size()), std::uint32_t(arguments.size()),
                                        std::uint32_t(environment.size())};
    const QByteArray request = QByteArray(reinterpret_cast<const char *>(&head), sizeof head) + text;
    // A launcher that has gone (killed from outside) is replaced once.
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (m_launcher <= 0 && !launch())
            return 0;
        const pid_t pid = ask(request);
        if (pid >= 0)
            return pid;
        const int error = errno;
        stop();
        errno = error;
    }
    return 0;
}

bool WrapperLauncher::launch()
{
    int ends[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) != 0)
        return false;
    posix_spawn_file_actions_t actions;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawn_file_actions_adddup2(&actions, ends[1], STDIN_FILENO);
    ::posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    ::posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    // Nothing of the control plane's (its sockets, its store) stays open in a run.
    ::posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
    posix_spawnattr_t attributes;
    ::posix_spawnattr_init(&attributes);
    // A session of its own, which its runs share: no terminal's Ctrl+C reaches it or them.
    // Signals as a new program expects them (Qt ignores SIGPIPE in the control plane).
    sigset_t signals;
    ::sigemptyset(&signals);
    ::posix_spawnattr_setsigmask(&attributes, &signals);
    ::sigfillset(&signals);
    ::posix_spawnattr_setsigdefault(&attributes, &signals);
    ::posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    char *const argv[] = {m_program.data(), const_cast<char *>(RunLauncher::option), nullptr};
    pid_t pid = 0;
    const int error = ::posix_spawn(&pid, argv[0], &actions, &attributes, argv, environ);
    ::posix_spawnattr_destroy(&attributes);
    ::posix_spawn_file_actions_destroy(&actions);
    ::close(ends[1]);
    if (error != 0) {
        ::close(ends[0]);
        errno = error;
        return false;
    }
    m_socket = ends[0];
    m_launcher = pid;
    return true;
}

pid_t WrapperLauncher::ask(const QByteArray &request)
{
    for (qsizetype sent = 0; sent < request.size();) {
        const ssize_t n = ::send(m_socket, request.constData() + sent, size_t(request.size() - sent), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        sent += n;
    }
    std::int32_t answer = 0;
    for (qsizetype got = 0; got < qsizetype(sizeof answer);) {
        pollfd readable{m_socket, POLLIN, 0};
        const int ready = ::poll(&readable, 1, answerMs);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready == 0)
            errno = ETIMEDOUT;
        if (ready <= 0)
            return -1;
        const ssize_t n = ::recv(m_socket, reinterpret_cast<char *>(&answer) + got, sizeof answer - size_t(got), 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EPIPE; // the launcher ended
            return -1;
        }
        got += n;
    }
    if (answer > 0)
        return pid_t(answer);
    errno = -answer;
    return 0;
}

void WrapperLauncher::stop()
{
    if (m_socket >= 0)
        ::close(std::exchange(m_socket, -1));
    // Killed, not waited for: a stopped one would never see its socket close.
    // The wrappers it forked go on, each in a process group of its own.
    if (const pid_t launcher = std::exchange(m_launcher, 0); launcher > 0) {
        ::kill(launcher, SIGKILL);
        while (::waitpid(launcher, nullptr, 0) < 0 && errno == EINTR) {
        }
    }
}

} // namespace Flotilla
