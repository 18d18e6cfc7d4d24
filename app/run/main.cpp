// flotilla-run: the wrapper each run of the local and container clusters runs
// under (see RunWrapper). The control plane starts it; it is no command for people.
#include <exec/wrapper/runlauncher.h>
#include <exec/wrapper/runwrapper.h>

#include <cstdio>
#include <cstring>
#include <unistd.h>

int main(int argc, char *argv[])
{
    if (argc == 2 && std::strcmp(argv[1], Flotilla::RunLauncher::option) == 0)
        return Flotilla::RunLauncher::serve(STDIN_FILENO);
    if (argc < 4) {
        std::fputs("usage: flotilla-run LOG CONTROL_DIR PROGRAM [ARGUMENT]...\n"
                   "       flotilla-run --launcher\n"
                   "Runs PROGRAM for flotilla-local, its output appended to LOG, its pids and exit code "
                   "recorded in CONTROL_DIR. With --launcher, starts such runs as flotilla-local asks on "
                   "stdin (a socket).\n",
                   stderr);
        return 2;
    }
    return Flotilla::RunWrapper(argv[1], argv[2], argv + 3).run();
}
