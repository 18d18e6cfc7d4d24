#pragma once

#include <QByteArrayList>

#include <sys/types.h>

namespace Flotilla {

// Starts run wrappers through one `flotilla-run --launcher` (RunLauncher),
// started on the first run and again whenever it has gone: each wrapper is a
// fork of that small process, not a new program, and the control plane
// waits only for the launcher's answer, not for an exec.
class WrapperLauncher final
{
public:
    explicit WrapperLauncher(QByteArray program);
    WrapperLauncher(const WrapperLauncher &) = delete;
    WrapperLauncher &operator=(const WrapperLauncher &) = delete;
    // The launcher ends; the wrappers it started go on.
    ~WrapperLauncher();

    // `arguments`: LOG CONTROL_DIR PROGRAM [ARGUMENT]...; `environment`:
    // NAME=value each. The wrapper's pid, or 0 with errno set.
    pid_t start(const QByteArrayList &arguments, const QByteArrayList &environment, const QByteArray &workDir);

private:
    bool launch();
    void stop();
    // The launcher's answer to `request`: a pid, 0 with errno (the launcher
    // could not start it), or -1 with errno (the launcher did not answer).
    pid_t ask(const QByteArray &request);

    QByteArray m_program;
    int m_socket = -1;
    pid_t m_launcher = 0;
};

} // namespace Flotilla
