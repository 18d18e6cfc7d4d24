#pragma once

#include "command.h"

namespace Flotilla {

// `export ID_OR_ALIAS` (or `export --template ID_OR_NAME[@VERSION]`) prints a
// definition or a template as upstream's create body (wire/exportfile.h), and
// `create --from-file FILE` creates what such a file holds: together they
// move a job from one server to another.
class ExportCommand final : public Command
{
public:
    ExportCommand();

    void run(Invocation &invocation) const override;

    // Creates the definition or template of the file at `path` ("-": standard
    // input) and prints it; a bad file is a usage error naming the field.
    static void createFromFile(Invocation &invocation, const QString &path);
};

} // namespace Flotilla
