#pragma once

// Plain C++ on POSIX, no Qt: flotilla-run starts for every run, so it must
// start in well under a millisecond.

namespace Flotilla {

// The files a run's wrapper writes in the run's control dir. Each appears
// whole, under its name at once, so a watch on the directory sees every value
// complete. The wrappers of versions before flotilla-run (a shell script)
// wrote wrapper.pid and child.pid instead of pids, and `NAME.written`
// markers; exit and log.failed mean the same in both.
namespace RunControlFile {
inline constexpr char pids[] = "pids";            // "WRAPPER CHILD\n" once the command started
inline constexpr char exit[] = "exit";            // "CODE\n", 128+N for a command ended by signal N
inline constexpr char logFailed[] = "log.failed"; // the log refused a write; the run's output is lost
// Made just before log.failed: "log.error.N", N the errno of the refused
// write. An empty file, as a full disk takes no bytes but still takes a name.
inline constexpr char logErrorPrefix[] = "log.error.";
} // namespace RunControlFile

// Writes all of `bytes`, through short writes and EINTR; false with errno set.
bool writeAll(int fd, const char *bytes, long size);

// flotilla-run LOG CONTROL_DIR PROGRAM [ARGUMENT]...: runs PROGRAM (found on
// PATH) in a process group of its own, with stdin as given and its stdout and
// stderr one pipe whose bytes it appends to LOG. It records in CONTROL_DIR
// the pids, then the exit code once PROGRAM has ended; what PROGRAM left
// running in its process group is killed then, as a container's processes
// end with its first. A write the log refuses (a full disk) kills the group
// and is recorded as log.failed.
class RunWrapper final
{
public:
    RunWrapper(const char *logPath, const char *controlDir, char *const *command);
    RunWrapper(const RunWrapper &) = delete;
    RunWrapper &operator=(const RunWrapper &) = delete;
    ~RunWrapper();

    // The wrapper's own exit status: 0 once the end is recorded, else 1.
    int run();

private:
    bool startCommand();
    void follow();
    // Moves what the pipe holds to the log; false at its end, or once the log refused a write.
    bool copyAvailable();
    bool appendToLog(const char *bytes, long size);
    void failLog(int error);
    // Waits until every writer of the pipe has gone, a short while at most:
    // a process that left the command's group keeps it open.
    void drain();
    // An unnamed file in the control dir, or -1 where the file system makes none.
    int openUnnamedFile() const;
    // Writes `name` whole: into `unnamed` (which it closes) when given, else a file of its own.
    bool writeControlFile(const char *name, const char *text, long size, int unnamed = -1) const;

    const char *m_logPath;
    const char *m_controlDir;
    char *const *m_command;
    int m_log = -1;
    int m_pipe = -1;      // the read end
    int m_childExit = -1; // a pidfd, readable once the command ended
    int m_exitFile = -1;  // the unnamed file that becomes `exit`
    int m_child = 0;
    int m_status = 0;
    bool m_splice = true;
    bool m_logFailed = false;
    char *m_buffer = nullptr; // for read/write where splice is refused
};

} // namespace Flotilla
