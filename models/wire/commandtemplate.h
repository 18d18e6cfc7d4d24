#pragma once

#include "jsonreader.h"

#include <QString>

#include <memory>
#include <optional>

namespace Flotilla {

namespace CommandTemplateAst {
struct Node;
}

// A command template in Go text/template syntax (the subset upstream
// templates use, with sprig's default, quote, squote, upper, lower, trim,
// join, toJson and b64enc), parsed once. Rendering follows Go: the data is
// the payload as encoding/json decodes it into map[string]interface{}, so
// every JSON number is a float64.
class CommandTemplate final
{
public:
    // nullopt and *error set when `text` does not parse or uses anything
    // outside the subset; the error names the construct and where it sits,
    // e.g. "line 2, column 7: function \"html\" is not supported".
    static std::optional<CommandTemplate> parse(const QString &text, QString *error);

    // The text rendered with `data` (the merged payload object) as `.`;
    // nullopt and *error on an execution error (Go's errors: wrong argument
    // types, index out of range, incompatible comparison, output too
    // large...), with line and column.
    std::optional<QString> render(const Json &data, QString *error) const;

    QString text() const { return m_text; }

private:
    CommandTemplate() = default;

    QString m_text;
    std::string m_utf8; // positions in errors are counted in this text
    std::shared_ptr<const CommandTemplateAst::Node> m_root;
};

} // namespace Flotilla
