#pragma once

// Plain C++ on POSIX, no Qt, like RunWrapper.

#include <cstdint>

namespace Flotilla {

// flotilla-run --launcher: started once by the control plane with a stream
// socket as its stdin, it starts each run's wrapper with fork() alone, no
// exec: a new program costs a run about a millisecond more on a VM than a
// fork of this small process, and the control plane no longer waits in
// posix_spawn for every run. Each wrapper leads a process group of its own
// in the launcher's session and is reaped by the kernel; it outlives the
// launcher and the control plane.
//
// A request: three uint32 (the byte count of what follows, argc, envc), then
// argc + envc + 1 strings, each ended by a NUL: the wrapper's work dir, its
// arguments (LOG CONTROL_DIR PROGRAM [ARGUMENT]...) and its environment.
// The answer: one int32, the wrapper's pid, or minus the errno of the
// failure. The launcher ends when the socket does.
namespace RunLauncher {
inline constexpr char option[] = "--launcher";
struct RequestHead
{
    std::uint32_t bytes = 0;
    std::uint32_t argc = 0;
    std::uint32_t envc = 0;
};
// A request larger than this is refused (E2BIG): far above what a command
// line and an environment may hold.
inline constexpr std::uint32_t maxRequestBytes = 64u << 20;

// Serves requests on `socket` until it closes; the process's exit status.
int serve(int socket);
} // namespace RunLauncher

} // namespace Flotilla
