#pragma once

#include "lists.h"

#include <optional>
#include <string_view>

namespace Flotilla {

// Reads a run list answer straight from its text into RunList with a SAX
// parser: no JSON DOM is built and freed, and strings that repeat across the
// runs of a page (group, image, command, env...) are decoded once. A page of
// 100,000 runs spent most of its time in the DOM.
//
// It reads only the regular case, every field once and of its type. On
// anything RunList::fromJson would warn about or has to resolve (not JSON,
// a type mismatch, a bad time or status, a key given twice in any spelling)
// it returns nullopt, and the caller decodes the body with RunList::fromJson,
// which stays the one definition of tolerant decoding (contract §9).
class RunListReader final
{
public:
    static std::optional<RunList> read(std::string_view body);
};

} // namespace Flotilla
