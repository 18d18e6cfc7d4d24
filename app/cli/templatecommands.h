#pragma once

#include "command.h"

#include <wire/jsonreader.h>

namespace Flotilla {

struct Template;

// The commands on templates: templates (list), template (show one) and
// launch-template, whose payload comes from --payload and --set.
class TemplateCommands final : public Command
{
public:
    enum class Action { List, Show, Launch };

    explicit TemplateCommands(Action action);

    static CommandList commands(); // in the order of the help
    void run(Invocation &invocation) const override;

    // Prints a template by id, or by NAME[:VERSION] (`key`), as the show command does (flotilla open too).
    static void show(Invocation &invocation, const QString &key);

    // --set KEY=VALUE: VALUE is JSON when it parses as JSON (numbers,
    // booleans, null, arrays, objects), else a string; a dotted KEY sets a
    // nested field. False with `error` saying what to fix.
    static bool setPayloadValue(Json &payload, const QString &assignment, QString *error);

private:
    void list(Invocation &invocation) const;
    void launch(Invocation &invocation) const;
    static void print(Invocation &invocation, const Template &tpl);

    Action m_action;
};

} // namespace Flotilla
