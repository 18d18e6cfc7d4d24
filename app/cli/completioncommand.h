#pragma once

#include "command.h"

namespace Flotilla {

// `completion bash|zsh|fish` prints a script that completes the commands,
// their options, profile names, and the aliases, template names and run ids
// of the server the line names (--server, --profile). The scripts ask for
// those through hidden commands, `__complete-aliases PREFIX` and the like,
// which print one name per line.
class CompletionCommand final : public Command
{
public:
    enum class Action { Script, Aliases, Templates, Runs, Profiles };

    explicit CompletionCommand(Action action);

    static CommandList hiddenCommands();
    bool needsServer() const override;
    void run(Invocation &invocation) const override;

    // The script for `shell` (bash, zsh or fish) over `commands`; empty for another shell.
    static QString script(const QString &shell, const CommandList &commands);

private:
    void printNames(Invocation &invocation, const QStringList &names) const;

    Action m_action;
};

} // namespace Flotilla
