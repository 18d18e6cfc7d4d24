#pragma once

#include "command.h"

namespace Flotilla {

// The commands that list names the server knows: groups, tags and clusters,
// one a line (or a JSON array with --output json).
class NameCommands final : public Command
{
public:
    enum class Names { Groups, Tags, Clusters };

    explicit NameCommands(Names names);

    static CommandList commands(); // in the order of the help
    void run(Invocation &invocation) const override;

private:
    Names m_names;
};

} // namespace Flotilla
