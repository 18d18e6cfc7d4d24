#pragma once

#include "command.h"

#include <functional>

namespace Flotilla {

struct Definition;

// The commands on task definitions: definitions (list), definition (show
// one, by id or alias), create, update and delete.
class DefinitionCommands final : public Command
{
public:
    enum class Action { List, Show, Create, Update, Delete };

    explicit DefinitionCommands(Action action);

    static CommandList commands(); // in the order of the help
    void run(Invocation &invocation) const override;

    // A definition as fields, or as JSON with --output json.
    static void print(Invocation &invocation, const Definition &definition);
    // Reads a definition by id, and on 404 by alias.
    static void fetch(Invocation &invocation, const QString &key, std::function<void(const Definition &)> found);

private:
    void list(Invocation &invocation) const;
    void show(Invocation &invocation) const;
    void create(Invocation &invocation) const;
    void update(Invocation &invocation) const;
    void remove(Invocation &invocation) const;

    Action m_action;
};

} // namespace Flotilla
