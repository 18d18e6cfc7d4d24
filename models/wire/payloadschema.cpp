#include "payloadschema.h"

#include "draft7metaschema.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/constraint_builder.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <QRegularExpression>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <regex>
#include <set>

namespace Flotilla {

namespace {

using ValiJson = nlohmann::json;
using Adapter = valijson::adapters::NlohmannJsonAdapter;

// Limits that keep parsing and validation finite and on the stack. A
// template's schema is a few dozen subschemas; these are far above that.
constexpr int maxSchemaNodes = 1000; // valijson's parser recurses once per $ref it follows
// valijson's parser recurses a few large frames per level of the schema's
// JSON: 380 nested "properties" overflow the stack of a sanitized build.
constexpr int maxSchemaDepth = 128;
constexpr int maxSameValueChain = 32; // $ref/allOf/... applied to one value in a row
constexpr qsizetype maxPatternLength = 1000;
constexpr std::size_t maxPatternPropertyName = 1000; // std::regex recurses once per character
// Each subschema applied costs the depth of its value: valijson copies the
// path for each, and a failing anyOf copies its branches' errors upwards.
constexpr qint64 maxValidationCost = 1000000;
constexpr std::uintptr_t maxStackUse = 2 * 1024 * 1024;

// Keywords of our own that parse() puts into the copy valijson reads.
constexpr char budgetKeyword[] = "$flotilla:budget";
constexpr char patternKeyword[] = "$flotilla:pattern";

// Thrown from inside valijson when a validation runs out of its budget.
struct TooComplex
{};

struct Budget
{
    std::uintptr_t stackBase = 0;
    qint64 cost = 0;
};

thread_local Budget *t_budget = nullptr;

// Counts every subschema valijson applies and watches the stack: recursive
// schemas may apply exponentially many subschemas to a deep payload.
class BudgetConstraint final : public valijson::constraints::PolyConstraint
{
public:
    bool validate(const valijson::adapters::Adapter &, const std::vector<std::string> &context,
                  valijson::ValidationResults *) const override
    {
        if (t_budget) {
            const auto frame = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
            t_budget->cost += qint64(context.size());
            if (t_budget->cost > maxValidationCost || t_budget->stackBase - frame > maxStackUse)
                throw TooComplex();
        }
        return true;
    }

private:
    Constraint *cloneInto(void *memory) const override { return new (memory) BudgetConstraint(*this); }
    size_t sizeOf() const override { return sizeof(*this); }
};

class BudgetBuilder final : public valijson::ConstraintBuilder
{
public:
    valijson::constraints::Constraint *make(const valijson::adapters::Adapter &) const override
    {
        return new BudgetConstraint;
    }
};

// "pattern" with PCRE2 instead of valijson's std::regex, whose matcher
// recurses once per character and overflows the stack on 50,000 of them.
class PatternConstraint final : public valijson::constraints::PolyConstraint
{
public:
    explicit PatternConstraint(const QString &pattern)
        : m_regex(pattern)
    {}

    bool validate(const valijson::adapters::Adapter &target, const std::vector<std::string> &context,
                  valijson::ValidationResults *results) const override
    {
        if (!target.isString() || m_regex.match(QString::fromStdString(target.asString())).hasMatch())
            return true;
        if (results)
            results->pushError(context, "Failed to match regex specified by 'pattern' constraint.");
        return false;
    }

private:
    Constraint *cloneInto(void *memory) const override { return new (memory) PatternConstraint(*this); }
    size_t sizeOf() const override { return sizeof(*this); }

    QRegularExpression m_regex;
};

class PatternBuilder final : public valijson::ConstraintBuilder
{
public:
    valijson::constraints::Constraint *make(const valijson::adapters::Adapter &value) const override
    {
        return new PatternConstraint(QString::fromStdString(value.asString()));
    }
};

std::unique_ptr<valijson::SchemaParser> makeParser()
{
    auto parser = std::make_unique<valijson::SchemaParser>(valijson::SchemaParser::kDraft7);
    parser->addConstraintBuilder(budgetKeyword, new BudgetBuilder);
    parser->addConstraintBuilder(patternKeyword, new PatternBuilder);
    return parser;
}

// valijson's adapter reads nlohmann::json, not ordered_json. Numbers like
// 3.0 become integers: draft 7 counts them as integers, valijson does not.
ValiJson toValiJson(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::object: {
        ValiJson object = ValiJson::object();
        for (auto it = value.begin(); it != value.end(); ++it)
            object[it.key()] = toValiJson(it.value());
        return object;
    }
    case Json::value_t::array: {
        ValiJson array = ValiJson::array();
        for (const Json &item : value)
            array.push_back(toValiJson(item));
        return array;
    }
    case Json::value_t::number_float: {
        const double number = value.get<double>();
        if (std::trunc(number) == number && std::fabs(number) < 9.2e18)
            return ValiJson(std::int64_t(number));
        return ValiJson(number);
    }
    case Json::value_t::number_integer: return ValiJson(value.get<std::int64_t>());
    case Json::value_t::number_unsigned: return ValiJson(value.get<std::uint64_t>());
    case Json::value_t::string: return ValiJson(value.get<std::string>());
    case Json::value_t::boolean: return ValiJson(value.get<bool>());
    default: return ValiJson();
    }
}

std::string escapeToken(std::string token)
{
    for (std::size_t at = 0; (at = token.find_first_of("~/", at)) != std::string::npos; at += 2)
        token.replace(at, 1, token[at] == '~' ? "~0" : "~1");
    return token;
}

QString pointerText(const std::vector<std::string> &tokens)
{
    std::string pointer;
    for (const std::string &token : tokens)
        pointer += '/' + escapeToken(token);
    return QString::fromStdString(pointer);
}

const ValiJson *child(const ValiJson *value, const std::string &token)
{
    if (!value)
        return nullptr;
    if (value->is_object()) {
        const auto found = value->find(token);
        return found == value->end() ? nullptr : &*found;
    }
    if (value->is_array() && !token.empty() && token.size() < 10
        && token.find_first_not_of("0123456789") == std::string::npos) {
        const std::size_t index = std::stoul(token);
        return index < value->size() ? &(*value)[index] : nullptr;
    }
    return nullptr;
}

// The local "$ref" target as valijson resolves it ("#", "#/a/0", with
// %-escapes and ~0/~1), or null.
const ValiJson *resolveRef(const ValiJson &root, const std::string &ref)
{
    if (ref.empty() || ref.front() != '#')
        return nullptr;
    std::string pointer;
    for (std::size_t at = 1; at < ref.size(); ++at) {
        if (ref[at] != '%') {
            pointer += ref[at];
            continue;
        }
        if (at + 2 >= ref.size() || !std::isxdigit(uchar(ref[at + 1])) || !std::isxdigit(uchar(ref[at + 2])))
            return nullptr;
        pointer += char(std::stoi(ref.substr(at + 1, 2), nullptr, 16));
        at += 2;
    }
    pointer.erase(pointer.find_last_not_of('/') + 1);
    const ValiJson *node = &root;
    if (pointer.empty())
        return node;
    if (pointer.front() != '/')
        return nullptr;
    std::size_t start = 1;
    while (node) {
        const std::size_t end = pointer.find('/', start);
        std::string token = pointer.substr(start, end == std::string::npos ? std::string::npos : end - start);
        for (std::size_t at = 0; (at = token.find('~', at)) != std::string::npos; ++at) {
            if (at + 1 >= token.size() || (token[at + 1] != '0' && token[at + 1] != '1'))
                return nullptr;
            token.replace(at, 2, token[at + 1] == '0' ? "~" : "/");
        }
        node = child(node, token);
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    return node;
}

bool startsWith(const std::string &text, const char *prefix)
{
    return text.rfind(prefix, 0) == 0;
}

const ValiJson *member(const ValiJson &object, const char *key)
{
    const auto found = object.find(key);
    return found == object.end() ? nullptr : &*found;
}

// Subschema keywords of draft 7 by shape. "not", "if", "then", "else",
// allOf/anyOf/oneOf and schema dependencies apply to the value their schema
// applies to; the rest to a part of it.
const char *const sameValueSingle[] = {"not", "if", "then", "else"};
const char *const partSingle[] = {"additionalItems", "additionalProperties", "contains", "propertyNames"};
const char *const schemaArrays[] = {"allOf", "anyOf", "oneOf"};
const char *const schemaMaps[] = {"properties", "patternProperties", "definitions"};

bool isIn(const std::string &word, const auto &list)
{
    return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

// Every schema object of a document reachable from its root, with its
// location, the schemas it applies to the same value, and the mistakes a
// meta-schema cannot see: bad regexes and $ref that go nowhere.
struct SchemaGraph
{
    explicit SchemaGraph(const ValiJson &document)
        : root(document)
    {}

    const ValiJson &root;
    std::map<const ValiJson *, std::string> pointers;
    std::map<const ValiJson *, std::vector<const ValiJson *>> sameValue;
    std::vector<std::pair<const ValiJson *, std::string>> refs;
    QStringList problems;
    bool tooLarge = false;
    bool hasPatternProperties = false;

    void problem(const std::string &pointer, const QString &sentence)
    {
        problems.append(QStringLiteral("%1 %2").arg(pointer.empty() ? QStringLiteral("the top of the schema")
                                                                    : QString::fromStdString(pointer),
                                                    sentence));
    }

    void addSchema(const ValiJson &node, const std::string &pointer, const ValiJson *from)
    {
        if (!node.is_object())
            return;
        if (from)
            sameValue[from].push_back(&node);
        walk(node, pointer);
    }

    void walk(const ValiJson &node, const std::string &pointer)
    {
        if (!node.is_object() || pointers.count(&node) || tooLarge)
            return;
        if (int(pointers.size()) >= maxSchemaNodes) {
            tooLarge = true;
            problems.append(QStringLiteral("the schema has more than %1 subschemas; simplify it").arg(maxSchemaNodes));
            return;
        }
        pointers.emplace(&node, pointer);
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (startsWith(it.key(), "$flotilla:"))
                problem(pointer + '/' + escapeToken(it.key()), QStringLiteral("is a reserved keyword; rename it"));
        }
        // Like valijson, a schema with "$ref" applies only that reference;
        // its other subschemas are still walked ("definitions" beside it).
        const ValiJson *ref = member(node, "$ref");
        const bool isRef = ref && ref->is_string();
        if (isRef)
            refs.emplace_back(&node, pointer);
        const ValiJson *sameValueParent = isRef ? nullptr : &node;
        if (const ValiJson *pattern = member(node, "pattern"); pattern && pattern->is_string()) {
            const QString text = QString::fromStdString(pattern->get<std::string>());
            const QRegularExpression regex(text);
            if (text.size() > maxPatternLength)
                problem(pointer + "/pattern",
                        QStringLiteral("must be at most %1 characters long").arg(maxPatternLength));
            else if (!regex.isValid())
                problem(pointer + "/pattern", QStringLiteral("is not a valid regular expression: %1 at offset %2")
                                                  .arg(regex.errorString())
                                                  .arg(regex.patternErrorOffset()));
        }
        if (const ValiJson *patterns = member(node, "patternProperties"); patterns && patterns->is_object()) {
            hasPatternProperties = true;
            for (auto it = patterns->begin(); it != patterns->end(); ++it) {
                const std::string where = pointer + "/patternProperties/" + escapeToken(it.key());
                if (it.key().size() > maxPatternPropertyName) {
                    problem(where, QStringLiteral("has a name longer than %1 characters; shorten the pattern")
                                       .arg(maxPatternPropertyName));
                    continue;
                }
                try {
                    std::regex(it.key(), std::regex::ECMAScript);
                } catch (const std::regex_error &error) {
                    problem(where, QStringLiteral("is named by an invalid regular expression: %1")
                                       .arg(QString::fromUtf8(error.what())));
                }
            }
        }
        for (auto it = node.begin(); it != node.end(); ++it) {
            const std::string &key = it.key();
            const std::string where = pointer + '/' + escapeToken(key);
            if (isIn(key, sameValueSingle)) {
                addSchema(*it, where, sameValueParent);
            } else if (isIn(key, partSingle) || (key == "items" && !it->is_array())) {
                addSchema(*it, where, nullptr);
            } else if (isIn(key, schemaArrays) || (key == "items" && it->is_array())) {
                if (it->is_array()) {
                    for (std::size_t index = 0; index < it->size(); ++index)
                        addSchema((*it)[index], where + '/' + std::to_string(index),
                                  key == "items" ? nullptr : sameValueParent);
                }
            } else if (isIn(key, schemaMaps) || key == "dependencies") {
                if (it->is_object()) {
                    for (auto entry = it->begin(); entry != it->end(); ++entry)
                        addSchema(*entry, where + '/' + escapeToken(entry.key()),
                                  key == "dependencies" ? sameValueParent : nullptr);
                }
            }
        }
    }

    // Walks the schema, then checks each $ref: it must point to one of the
    // schemas found, not into an "enum" or other plain data, which parse()
    // will not change.
    void build()
    {
        walk(root, std::string());
        for (const auto &[node, pointer] : refs) {
            const std::string text = node->at("$ref").get<std::string>();
            const ValiJson *target = resolveRef(root, text);
            const std::string where = pointer + "/$ref";
            if (text.empty() || text.front() != '#')
                problem(where, QStringLiteral("must point inside this schema (start with \"#\"): other documents are "
                                              "not fetched"));
            else if (!target)
                problem(where,
                        QStringLiteral("points to nothing: %1 is not in the schema").arg(QString::fromStdString(text)));
            else if (target->is_object() && pointers.count(target))
                sameValue[node].push_back(target);
            else if (!target->is_boolean())
                problem(where, QStringLiteral("must point to a schema (under \"definitions\", \"properties\", ...), "
                                              "not to %1")
                                   .arg(QString::fromStdString(text)));
        }
    }

    // A schema that reaches itself without moving into the value (through
    // "$ref": "#", allOf, ...) would make valijson recurse forever.
    void checkSameValueChains()
    {
        std::map<const ValiJson *, int> length;                       // -1 while on the path
        std::vector<std::pair<std::string, const ValiJson *>> starts; // in document order, for stable messages
        for (const auto &[node, pointer] : pointers)
            starts.emplace_back(pointer, node);
        std::sort(starts.begin(), starts.end());
        for (const auto &[location, start] : starts) {
            if (length.count(start))
                continue;
            std::vector<std::pair<const ValiJson *, std::size_t>> path{{start, 0}};
            length[start] = -1;
            while (!path.empty()) {
                auto &[node, next] = path.back();
                const std::vector<const ValiJson *> &targets = sameValue[node];
                if (next < targets.size()) {
                    const ValiJson *target = targets[next++];
                    const auto known = length.find(target);
                    if (known == length.end()) {
                        length[target] = -1;
                        path.emplace_back(target, 0);
                    } else if (known->second < 0) {
                        problem(pointers[target],
                                QStringLiteral("refers back to itself (through $ref, allOf, anyOf, oneOf, not, "
                                               "if/then/else or dependencies) without moving into properties or "
                                               "items, so no value could be checked against it"));
                        return;
                    }
                    continue;
                }
                int longest = 1;
                for (const ValiJson *target : targets)
                    longest = std::max(longest, length[target] + 1);
                length[node] = longest;
                if (longest > maxSameValueChain) {
                    problem(pointers[node], QStringLiteral("applies more than %1 schemas in a row to one value "
                                                           "(through $ref, allOf, ...); flatten it")
                                                .arg(maxSameValueChain));
                    return;
                }
                path.pop_back();
            }
        }
    }
};

// The copy valijson parses: our own "pattern" and a budget in every schema
// object, no "format" (see the header). Only strings are removed: a value
// that is an object may be a schema of `graph` itself.
void prepareForValijson(const SchemaGraph &graph)
{
    for (const auto &[node, pointer] : graph.pointers) {
        ValiJson &schema = const_cast<ValiJson &>(*node); // graph.root is the caller's own copy
        if (const auto format = schema.find("format"); format != schema.end() && format->is_string())
            schema.erase(format);
        if (const auto pattern = schema.find("pattern"); pattern != schema.end() && pattern->is_string()) {
            schema[patternKeyword] = *pattern;
            schema.erase("pattern");
        }
        schema[budgetKeyword] = true;
    }
}

struct RawViolation
{
    std::vector<std::string> path;
    const ValiJson *value = nullptr;
    QString rule;
    std::string detail;
};

std::string quoted(const std::string &description, const char *prefix)
{
    std::string name = description.substr(std::strlen(prefix));
    if (name.size() >= 2 && name.compare(name.size() - 2, 2, "'.") == 0)
        name.resize(name.size() - 2);
    return name;
}

// valijson's error sentences name no keyword; its wrappers ("Failed to
// validate against schema associated with property name 'x'") only repeat
// what a leaf says. The rule of each leaf, or an empty one for a wrapper.
QString ruleOf(const std::string &description, std::string *detail)
{
    static const std::pair<const char *, const char *> leaves[] = {
        {"Value type not permitted", "type"},
        {"Expected number greater than or equal to", "minimum"},
        {"Expected number greater than", "exclusiveMinimum"},
        {"Expected number less than or equal to", "maximum"},
        {"Expected number less than", "exclusiveMaximum"},
        {"String should be no more than", "maxLength"},
        {"String should be no fewer than", "minLength"},
        {"Array should contain no more than", "maxItems"},
        {"Array should contain no fewer than", "minItems"},
        {"Object should have no more than", "maxProperties"},
        {"Object should have no fewer than", "minProperties"},
        {"Failed to match against any enum values", "enum"},
        {"Failed to match expected value set by 'const'", "const"},
        {"Failed to match regex specified by 'pattern'", "pattern"},
        {"Value should be a multiple of", "multipleOf"},
        {"Value could not be converted", "multipleOf"},
        {"Object contains a property that could not be validated", "additionalProperties"},
        {"Array contains more items than allowed", "additionalItems"},
        {"Cannot validate item #", "additionalItems"},
        {"Elements at indexes", "uniqueItems"},
        {"Target should not validate against schema specified in 'not'", "not"},
        {"Failed to validate against any schemas allowed by anyOf", "anyOf"},
        {"Failed to validate against any child schemas allowed by oneOf", "oneOf"},
        {"Failed to validate against exactly one child schema", "oneOf"},
        {"Failed to any values against subschema in 'contains'", "contains"},
        {"String should be a valid", "format"},
    };
    static const char *const wrappers[] = {
        "Failed to validate against schema associated with",       "Failed to validate item #",
        "Failed to validate against additional properties schema", "Failed to validate against child schema #",
        "Failed to validate against a conditional schema",         "Failed to validate against dependent schema",
    };
    if (startsWith(description, "Missing required property '")) {
        *detail = quoted(description, "Missing required property '");
        return QStringLiteral("required");
    }
    if (startsWith(description, "Missing dependency '")) {
        *detail = quoted(description, "Missing dependency '");
        return QStringLiteral("dependencies");
    }
    for (const auto &[prefix, rule] : leaves) {
        if (startsWith(description, prefix))
            return QString::fromLatin1(rule);
    }
    for (const char *prefix : wrappers) {
        if (startsWith(description, prefix))
            return QString();
    }
    *detail = description;
    return QStringLiteral("schema");
}

// valijson's context ["<root>", "[threads]", "[0]"] as tokens, read against
// the value so that "[0]" is an index in arrays and a name in objects.
std::vector<RawViolation> collect(const valijson::ValidationResults &results, const ValiJson &document)
{
    std::vector<RawViolation> violations;
    for (const valijson::ValidationResults::Error &error : results) {
        RawViolation violation;
        violation.rule = ruleOf(error.description, &violation.detail);
        if (violation.rule.isEmpty())
            continue;
        violation.value = &document;
        for (std::size_t index = 1; index < error.context.size(); ++index) {
            const std::string &part = error.context[index];
            std::string token = part.size() >= 2 && part.front() == '[' && part.back() == ']'
                                    ? part.substr(1, part.size() - 2)
                                    : part;
            violation.value = child(violation.value, token);
            violation.path.push_back(std::move(token));
        }
        violations.push_back(std::move(violation));
    }
    return violations;
}

// --- Messages for schema problems (violations of the meta-schema) ---

QString keywordRequirement(const std::string &keyword)
{
    static const std::map<std::string, const char *> requirements = {
        {"$id", "must be a string"},
        {"$schema", "must be a string"},
        {"$ref", "must be a string"},
        {"$comment", "must be a string"},
        {"title", "must be a string"},
        {"description", "must be a string"},
        {"format", "must be a string"},
        {"contentMediaType", "must be a string"},
        {"contentEncoding", "must be a string"},
        {"readOnly", "must be true or false"},
        {"uniqueItems", "must be true or false"},
        {"examples", "must be an array"},
        {"enum", "must be an array"},
        {"multipleOf", "must be a number greater than 0"},
        {"maximum", "must be a number"},
        {"exclusiveMaximum", "must be a number"},
        {"minimum", "must be a number"},
        {"exclusiveMinimum", "must be a number"},
        {"maxLength", "must be a non-negative integer"},
        {"minLength", "must be a non-negative integer"},
        {"maxItems", "must be a non-negative integer"},
        {"minItems", "must be a non-negative integer"},
        {"maxProperties", "must be a non-negative integer"},
        {"minProperties", "must be a non-negative integer"},
        {"pattern", "must be a string (a regular expression)"},
        {"items", "must be a schema or a non-empty array of schemas"},
        {"required", "must be an array of distinct strings"},
        {"definitions", "must be an object that maps names to schemas"},
        {"properties", "must be an object that maps names to schemas"},
        {"patternProperties", "must be an object that maps regular expressions to schemas"},
        {"dependencies", "must be an object that maps names to schemas or to arrays of distinct names"},
        {"type", "must be one of \"array\", \"boolean\", \"integer\", \"null\", \"number\", \"object\", "
                 "\"string\", or a non-empty array of distinct ones"},
        {"allOf", "must be a non-empty array of schemas"},
        {"anyOf", "must be a non-empty array of schemas"},
        {"oneOf", "must be a non-empty array of schemas"},
    };
    const auto found = requirements.find(keyword);
    return QString::fromLatin1(found == requirements.end() ? "must be a schema (a JSON object or true/false)"
                                                           : found->second);
}

// "<keyword location> <what it must be>" for a meta-schema violation at
// `path` of the schema, reading the path as schema positions and keywords.
QString schemaProblem(const std::vector<std::string> &path, const ValiJson &schema)
{
    std::vector<std::string> location;
    const ValiJson *node = &schema;
    std::size_t at = 0;
    while (at < path.size()) {
        const std::string &keyword = path[at];
        const ValiJson *value = child(node, keyword);
        const bool holdsSchemas = isIn(keyword, schemaArrays) || isIn(keyword, schemaMaps)
                                  || (keyword == "items" && value && value->is_array()) || keyword == "dependencies";
        const bool isSchema = isIn(keyword, sameValueSingle) || isIn(keyword, partSingle)
                              || (keyword == "items" && value && !value->is_array());
        if (isSchema && at + 1 < path.size()) {
            location.push_back(keyword);
            node = value;
            at += 1;
        } else if (holdsSchemas && at + 2 < path.size()
                   && (keyword != "dependencies" || !child(value, path[at + 1])
                       || !child(value, path[at + 1])->is_array())) {
            location.push_back(keyword);
            location.push_back(path[at + 1]);
            node = child(value, path[at + 1]);
            at += 2;
        } else {
            location.push_back(keyword);
            if (holdsSchemas && at + 2 == path.size() && keyword != "dependencies")
                return QStringLiteral("%1 must be a schema (a JSON object or true/false)").arg(pointerText(path));
            return QStringLiteral("\"%1\" at %2 %3")
                .arg(QString::fromStdString(keyword),
                     location.size() == 1 ? QStringLiteral("the top of the schema")
                                          : pointerText({location.begin(), location.end() - 1}),
                     keywordRequirement(keyword));
        }
    }
    return path.empty() ? QStringLiteral("the schema must be a JSON object")
                        : QStringLiteral("%1 must be a schema (a JSON object or true/false)").arg(pointerText(path));
}

struct MetaSchema
{
    ValiJson document;
    valijson::Schema schema;

    MetaSchema()
        : document(ValiJson::parse(draft7MetaSchema))
    {
        // Its root is where every nested schema comes back to ("$ref": "#"),
        // so a budget there watches the stack of a deep schema's check.
        document[budgetKeyword] = true;
        for (const char *keyword : {"$id", "$schema", "$ref"})
            document["properties"][keyword].erase("format");
        document["properties"]["pattern"].erase("format");
        document["properties"]["patternProperties"].erase("propertyNames");
        makeParser()->populateSchema(Adapter(document), schema);
    }
};

const MetaSchema &metaSchema()
{
    static const MetaSchema meta;
    return meta;
}

// Runs a validation with a fresh budget; false when it ran out.
bool validateWithin(const valijson::Schema &schema, const ValiJson &document, valijson::ValidationResults *results)
{
    Budget budget;
    budget.stackBase = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
    Budget *const outer = t_budget;
    t_budget = &budget;
    bool finished = true;
    try {
        valijson::Validator validator;
        validator.validate(schema, Adapter(document), results);
    } catch (const TooComplex &) {
        finished = false;
    }
    t_budget = outer;
    return finished;
}

} // namespace

struct PayloadSchema::Compiled
{
    ValiJson document; // as given (converted), for the messages
    valijson::Schema schema;
    bool hasPatternProperties = false;
};

PayloadSchema::PayloadSchema(std::shared_ptr<const Compiled> compiled)
    : m_compiled(std::move(compiled))
{}

std::optional<PayloadSchema> PayloadSchema::parse(const Json &schema, QStringList *problems)
{
    QStringList found;
    const auto fail = [&] {
        found.removeDuplicates();
        if (problems)
            problems->append(found);
        return std::nullopt;
    };
    if (!schema.is_object()) {
        found.append(
            QStringLiteral("the schema must be a JSON object, not %1").arg(QString::fromLatin1(schema.type_name())));
        return fail();
    }
    if (const int depth = jsonNestingDepth(QByteArray::fromStdString(schema.dump())); depth > maxSchemaDepth) {
        found.append(
            QStringLiteral("the schema nests %1 levels deep; at most %2 are allowed, so flatten it")
                .arg(depth > maxJsonDepth ? QStringLiteral("more than %1").arg(maxJsonDepth) : QString::number(depth))
                .arg(maxSchemaDepth));
        return fail();
    }
    auto compiled = std::make_shared<Compiled>();
    compiled->document = toValiJson(schema);

    valijson::ValidationResults metaResults;
    if (!validateWithin(metaSchema().schema, compiled->document, &metaResults)) {
        found.append(QStringLiteral("the schema nests too deeply to be checked"));
        return fail();
    }
    // The meta-schema's anyOf ("items" is a schema or an array of them)
    // fails at a keyword whose value is of the right kind but holds a
    // mistake: then only the mistake deeper down is worth a sentence.
    const std::vector<RawViolation> metaViolations = collect(metaResults, compiled->document);
    std::set<std::vector<std::string>> explainedDeeper;
    for (const RawViolation &alternatives : metaViolations) {
        if (alternatives.rule != QLatin1String("anyOf"))
            continue;
        const std::vector<std::string> &at = alternatives.path;
        if (std::any_of(metaViolations.begin(), metaViolations.end(), [&](const RawViolation &other) {
                return other.path.size() > at.size() && std::equal(at.begin(), at.end(), other.path.begin());
            }))
            explainedDeeper.insert(at);
    }
    for (const RawViolation &violation : metaViolations) {
        if (!explainedDeeper.count(violation.path))
            found.append(schemaProblem(violation.path, compiled->document));
    }
    if (!found.isEmpty())
        return fail();

    ValiJson prepared = compiled->document;
    SchemaGraph graph(prepared);
    graph.build();
    if (graph.problems.isEmpty())
        graph.checkSameValueChains();
    if (!graph.problems.isEmpty()) {
        found = graph.problems;
        return fail();
    }
    compiled->hasPatternProperties = graph.hasPatternProperties;
    prepareForValijson(graph);
    try {
        makeParser()->populateSchema(Adapter(prepared), compiled->schema);
    } catch (const std::exception &error) {
        found.append(QStringLiteral("the schema cannot be used: %1").arg(QString::fromUtf8(error.what())));
        return fail();
    }
    return PayloadSchema(std::move(compiled));
}

namespace {

// --- Messages for payload violations ---

bool hasType(const ValiJson &value, const std::string &type)
{
    if (type == "integer")
        return value.is_number_integer();
    if (type == "number")
        return value.is_number();
    if (type == "string")
        return value.is_string();
    if (type == "boolean")
        return value.is_boolean();
    if (type == "array")
        return value.is_array();
    if (type == "object")
        return value.is_object();
    return type == "null" && value.is_null();
}

QString typeNoun(const std::string &type)
{
    if (type == "integer" || type == "array" || type == "object")
        return QStringLiteral("an %1").arg(QString::fromStdString(type));
    if (type == "boolean")
        return QStringLiteral("true or false");
    if (type == "null")
        return QStringLiteral("null");
    return QStringLiteral("a %1").arg(QString::fromStdString(type));
}

QString numberText(const ValiJson &number)
{
    return QString::fromStdString(number.dump());
}

qint64 characters(const std::string &utf8)
{
    return std::count_if(utf8.begin(), utf8.end(), [](char c) { return (uchar(c) & 0xc0) != 0x80; });
}

double asDouble(const ValiJson &value)
{
    return value.is_number() ? value.get<double>() : 0;
}

std::size_t sizeOf(const ValiJson &value)
{
    return value.is_array() || value.is_object() ? value.size() : 0;
}

// Whether `value` breaks `keyword` with the argument `rule` of a schema.
bool breaks(const std::string &keyword, const ValiJson &rule, const ValiJson &value)
{
    if (keyword == "type") {
        if (rule.is_string())
            return !hasType(value, rule.get<std::string>());
        return std::none_of(rule.begin(), rule.end(), [&](const ValiJson &type) {
            return type.is_string() && hasType(value, type.get<std::string>());
        });
    }
    if (keyword == "enum")
        return std::find(rule.begin(), rule.end(), value) == rule.end();
    if (keyword == "const")
        return rule != value;
    if (keyword == "pattern")
        return value.is_string()
               && !QRegularExpression(QString::fromStdString(rule.get<std::string>()))
                       .match(QString::fromStdString(value.get<std::string>()))
                       .hasMatch();
    const double limit = asDouble(rule);
    if (value.is_number()) {
        const double number = value.get<double>();
        if (keyword == "minimum")
            return number < limit;
        if (keyword == "maximum")
            return number > limit;
        if (keyword == "exclusiveMinimum")
            return number <= limit;
        if (keyword == "exclusiveMaximum")
            return number >= limit;
        if (keyword == "multipleOf")
            return limit > 0 && std::fabs(std::remainder(number, limit)) > 1e-9 * std::fabs(limit);
    }
    if (value.is_string()) {
        if (keyword == "minLength")
            return characters(value.get<std::string>()) < limit;
        if (keyword == "maxLength")
            return characters(value.get<std::string>()) > limit;
    }
    if (keyword == "minItems" || keyword == "minProperties")
        return double(sizeOf(value)) < limit;
    if (keyword == "maxItems" || keyword == "maxProperties")
        return double(sizeOf(value)) > limit;
    return true;
}

QString ruleMessage(const std::string &keyword, const ValiJson &rule)
{
    if (keyword == "type") {
        QStringList nouns;
        if (rule.is_string())
            nouns.append(typeNoun(rule.get<std::string>()));
        else
            std::transform(rule.begin(), rule.end(), std::back_inserter(nouns),
                           [](const ValiJson &type) { return typeNoun(type.get<std::string>()); });
        return QStringLiteral("must be %1").arg(nouns.join(QStringLiteral(" or ")));
    }
    if (keyword == "enum") {
        QStringList values;
        for (const ValiJson &value : rule)
            values.append(QString::fromStdString(value.dump()));
        return QStringLiteral("must be one of %1").arg(values.join(QStringLiteral(", ")));
    }
    if (keyword == "const")
        return QStringLiteral("must be %1").arg(QString::fromStdString(rule.dump()));
    if (keyword == "pattern")
        return QStringLiteral("must match the pattern %1").arg(QString::fromStdString(rule.get<std::string>()));
    const QString limit = numberText(rule);
    static const std::map<std::string, const char *> sentences = {
        {"minimum", "must be at least %1"},
        {"maximum", "must be at most %1"},
        {"exclusiveMinimum", "must be greater than %1"},
        {"exclusiveMaximum", "must be less than %1"},
        {"multipleOf", "must be a multiple of %1"},
        {"minLength", "must be at least %1 characters long"},
        {"maxLength", "must be at most %1 characters long"},
        {"minItems", "must have at least %1 items"},
        {"maxItems", "must have at most %1 items"},
        {"minProperties", "must have at least %1 properties"},
        {"maxProperties", "must have at most %1 properties"},
    };
    const auto found = sentences.find(keyword);
    return found == sentences.end() ? QString() : QString::fromLatin1(found->second).arg(limit);
}

bool matchesPattern(const std::string &pattern, const std::string &name)
{
    try {
        return std::regex_search(name, std::regex(pattern, std::regex::ECMAScript));
    } catch (const std::regex_error &) {
        return false;
    }
}

// The schema objects that apply to the value at `path` of `payload`: what
// valijson walked through to report a violation there. Bounded, since it
// only names the keyword's argument in a message.
std::vector<const ValiJson *> schemasAt(const ValiJson &root, const ValiJson &payload,
                                        const std::vector<std::string> &path)
{
    constexpr std::size_t maxCandidates = 256;
    const auto expand = [&](std::vector<const ValiJson *> start) {
        std::vector<const ValiJson *> out;
        std::set<const ValiJson *> seen;
        while (!start.empty() && out.size() < maxCandidates) {
            const ValiJson *node = start.back();
            start.pop_back();
            if (!node || !node->is_object() || !seen.insert(node).second)
                continue;
            if (const ValiJson *ref = member(*node, "$ref"); ref && ref->is_string()) {
                start.push_back(resolveRef(root, ref->get<std::string>()));
                continue;
            }
            out.push_back(node);
            for (const char *keyword : {"then", "else"})
                start.push_back(member(*node, keyword));
            for (const char *keyword : schemaArrays) {
                if (const ValiJson *list = member(*node, keyword); list && list->is_array()) {
                    for (const ValiJson &item : *list)
                        start.push_back(&item);
                }
            }
            if (const ValiJson *dependencies = member(*node, "dependencies");
                dependencies && dependencies->is_object()) {
                for (const ValiJson &dependency : *dependencies)
                    start.push_back(&dependency);
            }
        }
        return out;
    };
    std::vector<const ValiJson *> current = expand({&root});
    const ValiJson *value = &payload;
    for (const std::string &token : path) {
        std::vector<const ValiJson *> next;
        for (const ValiJson *schema : current) {
            if (value && value->is_object()) {
                bool matched = false;
                if (const ValiJson *properties = member(*schema, "properties"); properties && properties->is_object()) {
                    if (const ValiJson *property = member(*properties, token.c_str())) {
                        next.push_back(property);
                        matched = true;
                    }
                }
                if (const ValiJson *patterns = member(*schema, "patternProperties"); patterns && patterns->is_object()) {
                    for (auto it = patterns->begin(); it != patterns->end(); ++it) {
                        if (matchesPattern(it.key(), token)) {
                            next.push_back(&*it);
                            matched = true;
                        }
                    }
                }
                if (!matched)
                    next.push_back(member(*schema, "additionalProperties"));
            } else if (value && value->is_array()) {
                const ValiJson *items = member(*schema, "items");
                if (items && items->is_array()) {
                    const std::size_t index = std::stoul(token);
                    next.push_back(index < items->size() ? &(*items)[index] : member(*schema, "additionalItems"));
                } else {
                    next.push_back(items);
                }
            }
        }
        current = expand(std::move(next));
        value = child(value, token);
    }
    return current;
}

// Each property of the object at `violation` that no "additionalProperties":
// false lets in (valijson names only the first).
void addUnwanted(const RawViolation &violation, const std::vector<const ValiJson *> &schemas,
                 QList<SchemaViolation> *violations)
{
    const QString message = QStringLiteral("is not allowed here; remove it");
    for (const ValiJson *schema : schemas) {
        const ValiJson *additional = member(*schema, "additionalProperties");
        if (!additional || *additional != ValiJson(false) || !violation.value || !violation.value->is_object())
            continue;
        const ValiJson *properties = member(*schema, "properties");
        const ValiJson *patterns = member(*schema, "patternProperties");
        for (auto it = violation.value->begin(); it != violation.value->end(); ++it) {
            if (properties && properties->contains(it.key()))
                continue;
            if (patterns && std::any_of(patterns->items().begin(), patterns->items().end(), [&](const auto &pattern) {
                    return matchesPattern(pattern.key(), it.key());
                }))
                continue;
            std::vector<std::string> path = violation.path;
            path.push_back(it.key());
            violations->append({pointerText(path), QStringLiteral("additionalProperties"), message});
        }
        return;
    }
    violations->append({pointerText(violation.path), QStringLiteral("additionalProperties"),
                        QStringLiteral("has a property that is not allowed here")});
}

// Property names patternProperties would match with std::regex, which
// recurses once per character: a long one would overflow the stack.
void findLongNames(const ValiJson &value, std::vector<std::string> &path, QList<SchemaViolation> *violations)
{
    if (value.is_array()) {
        for (std::size_t index = 0; index < value.size(); ++index) {
            path.push_back(std::to_string(index));
            findLongNames(value[index], path, violations);
            path.pop_back();
        }
    } else if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            path.push_back(it.key());
            if (it.key().size() > maxPatternPropertyName)
                violations->append({pointerText(path), QStringLiteral("patternProperties"),
                                    QStringLiteral("has a name longer than %1 characters, too long to check; "
                                                   "shorten it")
                                        .arg(maxPatternPropertyName)});
            else
                findLongNames(*it, path, violations);
            path.pop_back();
        }
    }
}

} // namespace

QList<SchemaViolation> PayloadSchema::validate(const Json &payload) const
{
    const ValiJson document = toValiJson(payload);
    QList<SchemaViolation> violations;
    if (m_compiled->hasPatternProperties) {
        std::vector<std::string> path;
        findLongNames(document, path, &violations);
        if (!violations.isEmpty())
            return violations;
    }
    valijson::ValidationResults results;
    if (!validateWithin(m_compiled->schema, document, &results)) {
        return {{QString(), QStringLiteral("schema"),
                 QStringLiteral("is too large or nests too deeply to check against this template's schema")}};
    }
    for (const RawViolation &raw : collect(results, document)) {
        const std::string keyword = raw.rule.toStdString();
        if (raw.rule == QLatin1String("required") || raw.rule == QLatin1String("dependencies")) {
            std::vector<std::string> path = raw.path;
            path.push_back(raw.detail);
            violations.append({pointerText(path), raw.rule,
                               raw.rule == QLatin1String("required")
                                   ? QStringLiteral("is required")
                                   : QStringLiteral("is required when the properties it depends on are given")});
            continue;
        }
        const std::vector<const ValiJson *> schemas = schemasAt(m_compiled->document, document, raw.path);
        if (raw.rule == QLatin1String("additionalProperties")) {
            addUnwanted(raw, schemas, &violations);
            continue;
        }
        QString message;
        const ValiJson *fallback = nullptr;
        for (const ValiJson *schema : schemas) {
            const ValiJson *rule = member(*schema, keyword.c_str());
            if (!rule)
                continue;
            if (!fallback)
                fallback = rule;
            if (raw.value && breaks(keyword, *rule, *raw.value)) {
                message = ruleMessage(keyword, *rule);
                break;
            }
        }
        if (message.isEmpty() && fallback)
            message = ruleMessage(keyword, *fallback);
        if (message.isEmpty()) {
            static const std::map<QString, const char *> generic = {
                {QStringLiteral("additionalItems"), "has more items than the schema allows"},
                {QStringLiteral("uniqueItems"), "must not hold the same item twice"},
                {QStringLiteral("not"), "must not match the schema under \"not\""},
                {QStringLiteral("anyOf"), "must match at least one of the schemas under \"anyOf\""},
                {QStringLiteral("oneOf"), "must match exactly one of the schemas under \"oneOf\""},
                {QStringLiteral("contains"), "must hold at least one item that matches \"contains\""},
            };
            const auto found = generic.find(raw.rule);
            message = found != generic.end() ? QString::fromLatin1(found->second) : QString::fromStdString(raw.detail);
        }
        const SchemaViolation violation{pointerText(raw.path), raw.rule, message};
        if (!violations.contains(violation))
            violations.append(violation);
    }
    // In the payload's order would be nicer, but valijson's is by keyword.
    std::stable_sort(violations.begin(), violations.end(),
                     [](const SchemaViolation &a, const SchemaViolation &b) { return a.path < b.path; });
    return violations;
}

Json mergeDefaults(Json payload, const Json &defaults)
{
    if (payload.is_null())
        payload = Json::object();
    if (!payload.is_object() || !defaults.is_object())
        return payload;
    for (auto it = defaults.begin(); it != defaults.end(); ++it) {
        const auto found = payload.find(it.key());
        if (found == payload.end())
            payload[it.key()] = it.value();
        else if (found->is_object() && it->is_object())
            *found = mergeDefaults(std::move(*found), *it);
    }
    return payload;
}

} // namespace Flotilla
