#pragma once

#include "jsonreader.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace Flotilla {

// One way a payload breaks its template's schema.
struct SchemaViolation
{
    QString path;    // JSON Pointer of the offending value in the payload, e.g. "/tags/2"; "" for the root
    QString rule;    // the keyword broken: "required", "type", "minimum", "enum", "maxLength", ...
    QString message; // what to fix, e.g. "must be at most 64", "is required"

    friend bool operator==(const SchemaViolation &, const SchemaViolation &) = default;
};

// A template's parameter schema (upstream /api/v7/template): JSON Schema
// draft 7, the dialect upstream's gojsonschema defaults to, checked with
// valijson. "format" is read as an annotation only: valijson checks it with
// std::regex, which overflows the stack on long strings. Immutable; copies
// share one parsed schema, and validate() may run on several threads.
class PayloadSchema final
{
public:
    // nullopt, with one sentence per mistake in `problems`, when `schema` is
    // not a JSON object that is a valid draft-7 schema this class can check.
    static std::optional<PayloadSchema> parse(const Json &schema, QStringList *problems);

    // Every violation of `payload`, each once; empty when it is valid.
    QList<SchemaViolation> validate(const Json &payload) const;

private:
    struct Compiled;
    explicit PayloadSchema(std::shared_ptr<const Compiled> compiled);

    std::shared_ptr<const Compiled> m_compiled;
};

// Upstream's compositeUserAndDefaults (MergeMaps): sets every key of
// `defaults` that `payload` lacks; where both hold an object, they merge
// recursively, and otherwise the payload's value wins (arrays are not merged
// element-wise). A null payload counts as {}; any other non-object is
// returned as it is.
Json mergeDefaults(Json payload, const Json &defaults);

} // namespace Flotilla
