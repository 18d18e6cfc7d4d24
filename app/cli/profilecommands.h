#pragma once

#include "command.h"

#include <client/serverprofile.h>

namespace Flotilla {

// `flotilla profiles list | add NAME URL | set NAME | remove NAME | default NAME`: the
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
    static void set(Invocation &invocation);
    // --flavour, --owner, --cluster and --web-ui where given; false after a usage error.
    static bool applyOptions(Invocation &invocation, ServerProfile *profile);
    static void remove(Invocation &invocation);
    static void makeDefault(Invocation &invocation);
};

} // namespace Flotilla
