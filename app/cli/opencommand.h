#pragma once

#include "command.h"

namespace Flotilla {

// `flotilla open URL`: what a flotilla:// link points to, printed as
// `flotilla run`, `flotilla definition` or `flotilla template` would, from
// the server of the profile the link names.
class OpenCommand final : public Command
{
public:
    OpenCommand();

    QString profileFromArguments(Invocation &invocation) const override;
    void run(Invocation &invocation) const override;
};

} // namespace Flotilla
