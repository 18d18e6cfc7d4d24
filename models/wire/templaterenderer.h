#pragma once

#include "commandtemplate.h"
#include "template.h"

namespace Flotilla {

// A template's schema and command template, parsed once, for rendering
// many payloads: the launch form renders on every keystroke.
class TemplateRenderer final
{
public:
    explicit TemplateRenderer(const Template &tpl);

    // What renderLaunch(tpl, payload) gives.
    RenderedLaunch render(const Json &payload) const;

private:
    Json m_defaults;
    std::optional<PayloadSchema> m_schema;
    QList<SchemaViolation> m_schemaProblems; // when the schema does not parse
    std::optional<CommandTemplate> m_command;
    QString m_commandError;
};

} // namespace Flotilla
