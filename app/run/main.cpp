// flotilla-run: the wrapper each run of the local and container clusters runs
// under (see RunWrapper). The control plane starts it; it is no command for people.
#include <exec/wrapper/runwrapper.h>

#include <cstdio>

int main(int argc, char *argv[])
{
    if (argc < 4) {
        std::fputs("usage: flotilla-run LOG CONTROL_DIR PROGRAM [ARGUMENT]...\n"
                   "Runs PROGRAM for flotilla-local, its output appended to LOG, its pids and exit code "
                   "recorded in CONTROL_DIR.\n",
                   stderr);
        return 2;
    }
    return Flotilla::RunWrapper(argv[1], argv[2], argv + 3).run();
}
