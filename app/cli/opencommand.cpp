#include "opencommand.h"

#include "definitioncommands.h"
#include "invocation.h"
#include "runcommands.h"
#include "templatecommands.h"

#include <client/flotillalink.h>
#include <client/profilestore.h>

namespace Flotilla {

OpenCommand::OpenCommand()
    : Command({QStringLiteral("open"),
               QStringLiteral("URL"),
               QStringLiteral("Show what a link points to: flotilla://PROFILE/run/RUN_ID, .../definition/ID or\n"
                              ".../template/ID, from the server of that profile."),
               {},
               1,
               1})
{}

QString OpenCommand::profileFromArguments(Invocation &invocation) const
{
    QString error;
    const std::optional<FlotillaLink> link = FlotillaLink::parse(invocation.positional().constFirst(), &error);
    const std::optional<ServerProfile> profile = link ? link->resolve(invocation.profileStore(), &error) : std::nullopt;
    if (!profile) {
        invocation.usageError(error);
        return {};
    }
    return profile->name;
}

void OpenCommand::run(Invocation &invocation) const
{
    QString error;
    const std::optional<FlotillaLink> link = FlotillaLink::parse(invocation.positional().constFirst(), &error);
    if (!link)
        return invocation.usageError(error);
    switch (link->kind()) {
    case FlotillaLink::Kind::Run: return RunCommands::show(invocation, link->id());
    case FlotillaLink::Kind::Definition: return DefinitionCommands::show(invocation, link->id());
    case FlotillaLink::Kind::Template: return TemplateCommands::show(invocation, link->id());
    }
}

} // namespace Flotilla
