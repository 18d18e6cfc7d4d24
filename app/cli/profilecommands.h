#pragma once

#include "command.h"

namespace Flotilla {

// `flotilla profiles list | add NAME URL | remove NAME | default NAME`: the
// server profiles in the settings file, their secrets (the token of
// --token-env, the headers of --header-env) in the system keychain.
class ProfileCommands final : public Command
{
public:
    ProfileCommands();

    bool needsServer() const override { return false; }
    void run(Invocation &invocation) const override;

private:
    static void list(Invocation &invocation);
    static void add(Invocation &invocation);
    static void remove(Invocation &invocation);
    static void makeDefault(Invocation &invocation);
};

} // namespace Flotilla
