#pragma once

#include "command.h"

#include <wire/jsonreader.h>

#include <functional>

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

    // --set KEY=VALUE: VALUE is JSON when it parses as JSON (numbers,
    // booleans, null, arrays, objects), else a string; a dotted KEY sets a
    // nested field. False with `error` saying what to fix.
    static bool setPayloadValue(Json &payload, const QString &assignment, QString *error);
    // False after a usage error when the server has no templates (a seed-era one).
    static bool checkServesTemplates(Invocation &invocation);
    // Reads a template by id (tpl-...) or by NAME[@VERSION], the latest
    // version without one; a missing one ends the invocation with code 1.
    static void fetch(Invocation &invocation, const QString &key, std::function<void(const Template &)> found);
    // A template as fields, or as JSON with --output json.
    static void print(Invocation &invocation, const Template &tpl);

private:
    void list(Invocation &invocation) const;
    void show(Invocation &invocation) const;
    void launch(Invocation &invocation) const;

    Action m_action;
};

} // namespace Flotilla
