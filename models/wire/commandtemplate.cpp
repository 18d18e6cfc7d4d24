#include "commandtemplate.h"

#include <QChar>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace Flotilla {

namespace CommandTemplateAst {

struct Pipeline;

// One word of a command: a field chain, a variable, a literal, a function
// name or a parenthesised pipeline (with an optional field chain after it).
struct Operand
{
    enum class Kind { Field, Variable, Dot, Nil, Bool, Int, Float, String, Function, Pipeline };
    Kind kind = Kind::Dot;
    size_t pos = 0;
    size_t end = 0;
    std::string name; // the variable, the function, the string's value
    std::vector<std::string> fields;
    bool boolean = false;
    qint64 integer = 0;
    double number = 0;
    std::shared_ptr<const Pipeline> pipeline;
};

struct Command
{
    size_t pos = 0;
    std::vector<Operand> args;
};

struct Pipeline
{
    size_t pos = 0;
    bool isAssign = false;
    std::vector<std::string> declarations;
    std::vector<Command> commands;
};

struct Node
{
    enum class Kind { Text, Action, If, Range, With };
    Kind kind = Kind::Text;
    size_t pos = 0;
    std::string text;
    std::shared_ptr<const Pipeline> pipeline;
    std::vector<std::shared_ptr<const Node>> list;
    std::vector<std::shared_ptr<const Node>> elseList;
    bool hasElse = false;
};

} // namespace CommandTemplateAst

using namespace CommandTemplateAst;

namespace {

// Deeper nesting of if/range/with and parentheses is refused: parsing and
// rendering recurse once per level.
constexpr int maxDepth = 100;
constexpr size_t maxOutput = 1024 * 1024;
// Rendering stops after this many actions, commands and loop turns, or
// after this much work on large values (string bytes and array or map
// entries handed to functions, looked up or ranged over): `range` over a
// large literal, or over a large payload value, must not hang the caller.
constexpr qint64 maxSteps = 10'000'000;
constexpr qint64 maxWork = 256 * 1024 * 1024;

struct TemplateError
{
    size_t pos;
    std::string message;
};

[[noreturn]] void fail(size_t pos, std::string message)
{
    throw TemplateError{pos, std::move(message)};
}

QString located(const std::string &source, const TemplateError &error)
{
    const size_t pos = std::min(error.pos, source.size());
    int line = 1;
    size_t lineStart = 0;
    for (size_t i = 0; i < pos; ++i) {
        if (source[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    // Columns count characters, not bytes: continuation bytes are skipped.
    int column = 1;
    for (size_t i = lineStart; i < pos; ++i) {
        if ((uchar(source[i]) & 0xc0) != 0x80)
            ++column;
    }
    return QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(toQString(error.message));
}

// --- UTF-8 ---------------------------------------------------------------

// The rune at `at` and its length in bytes; U+FFFD with length 1 for a byte
// that starts no valid UTF-8 sequence, as Go decodes.
std::pair<char32_t, size_t> decodeRune(std::string_view text, size_t at)
{
    const auto b0 = uchar(text[at]);
    if (b0 < 0x80)
        return {b0, 1};
    size_t length = 0;
    char32_t rune = 0;
    char32_t minimum = 0;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
        length = 2;
        rune = b0 & 0x1f;
        minimum = 0x80;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
        length = 3;
        rune = b0 & 0x0f;
        minimum = 0x800;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
        length = 4;
        rune = b0 & 0x07;
        minimum = 0x10000;
    } else {
        return {0xfffd, 1};
    }
    if (at + length > text.size())
        return {0xfffd, 1};
    for (size_t i = 1; i < length; ++i) {
        const auto b = uchar(text[at + i]);
        if ((b & 0xc0) != 0x80)
            return {0xfffd, 1};
        rune = (rune << 6) | (b & 0x3f);
    }
    if (rune < minimum || rune > 0x10ffff || (rune >= 0xd800 && rune <= 0xdfff))
        return {0xfffd, 1};
    return {rune, length};
}

void appendRune(std::string &out, char32_t rune)
{
    if (rune > 0x10ffff || (rune >= 0xd800 && rune <= 0xdfff))
        rune = 0xfffd;
    if (rune < 0x80) {
        out += char(rune);
    } else if (rune < 0x800) {
        out += char(0xc0 | (rune >> 6));
        out += char(0x80 | (rune & 0x3f));
    } else if (rune < 0x10000) {
        out += char(0xe0 | (rune >> 12));
        out += char(0x80 | ((rune >> 6) & 0x3f));
        out += char(0x80 | (rune & 0x3f));
    } else {
        out += char(0xf0 | (rune >> 18));
        out += char(0x80 | ((rune >> 12) & 0x3f));
        out += char(0x80 | ((rune >> 6) & 0x3f));
        out += char(0x80 | (rune & 0x3f));
    }
}

qint64 runeCount(std::string_view text)
{
    qint64 count = 0;
    for (size_t at = 0; at < text.size(); ++count)
        at += decodeRune(text, at).second;
    return count;
}

bool isLetterOrDigit(char32_t rune)
{
    return rune == '_' || (rune < 0x80 ? std::isalnum(int(rune)) != 0 : QChar::isLetterOrNumber(rune));
}

// Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and
// the ASCII space.
bool isPrintable(char32_t rune)
{
    if (rune < 0x80)
        return rune >= 0x20 && rune < 0x7f;
    switch (QChar::category(rune)) {
    case QChar::Other_Control:
    case QChar::Other_Format:
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
    case QChar::Separator_Space:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph: return false;
    default: return true;
    }
}

// Go's unicode.IsSpace, for strings.TrimSpace.
bool isSpace(char32_t rune)
{
    switch (rune) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xa0: return true;
    default: return rune > 0xff && QChar::isSpace(rune);
    }
}

std::string hexDigits(quint64 value, bool upper, int minimum = 0)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    std::string out;
    do {
        out += digits[value & 0xf];
        value >>= 4;
    } while (value != 0);
    while (int(out.size()) < minimum)
        out += '0';
    std::reverse(out.begin(), out.end());
    return out;
}

// strconv.Quote (and QuoteToASCII with `asciiOnly`); `quote` is '"' or '\''.
std::string goQuote(std::string_view text, char quote = '"', bool asciiOnly = false)
{
    std::string out(1, quote);
    for (size_t at = 0; at < text.size();) {
        const auto [rune, length] = decodeRune(text, at);
        if (rune == 0xfffd && length == 1 && uchar(text[at]) >= 0x80) {
            out += "\\x" + hexDigits(uchar(text[at]), false, 2);
        } else if (rune == char32_t(quote) || rune == '\\') {
            out += '\\';
            out += char(rune);
        } else if (isPrintable(rune) && !(asciiOnly && rune >= 0x80)) {
            out.append(text.substr(at, length));
        } else {
            switch (rune) {
            case '\a': out += "\\a"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\v': out += "\\v"; break;
            default:
                if (rune < ' ' || rune == 0x7f)
                    out += "\\x" + hexDigits(rune, false, 2);
                else if (rune < 0x10000)
                    out += "\\u" + hexDigits(rune, false, 4);
                else
                    out += "\\U" + hexDigits(rune, false, 8);
            }
        }
        at += length;
    }
    out += quote;
    return out;
}

// --- Values ----------------------------------------------------------------

// A value as Go's reflection sees it while executing: Missing is the
// invalid value of an absent map key (printed "<no value>"), Nil a nil
// interface{} (JSON null, printed "<nil>"). Arrays and maps point into the
// data, which outlives the rendering.
struct Value
{
    enum class Kind { Missing, Nil, Bool, Int, Float, String, Array, Map };
    Kind kind = Kind::Missing;
    bool boolean = false;
    qint64 integer = 0;
    double number = 0;
    // Strings are shared, never copied: a loop may read a large payload
    // string millions of times. `text` points into the data or `owned`.
    const std::string *text = nullptr;
    std::shared_ptr<const std::string> owned;
    const Json *json = nullptr;

    const std::string &string() const { return *text; }

    static Value ofBool(bool b)
    {
        Value v;
        v.kind = Kind::Bool;
        v.boolean = b;
        return v;
    }
    static Value ofInt(qint64 i)
    {
        Value v;
        v.kind = Kind::Int;
        v.integer = i;
        return v;
    }
    static Value ofString(std::string s)
    {
        Value v;
        v.kind = Kind::String;
        v.owned = std::make_shared<const std::string>(std::move(s));
        v.text = v.owned.get();
        return v;
    }
    static Value nil()
    {
        Value v;
        v.kind = Kind::Nil;
        return v;
    }
};

Value fromJson(const Json &json)
{
    Value v;
    switch (json.type()) {
    case Json::value_t::null:
    case Json::value_t::discarded: v.kind = Value::Kind::Nil; break;
    case Json::value_t::boolean: v = Value::ofBool(json.get<bool>()); break;
    // encoding/json decodes every number into a float64.
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
        v.kind = Value::Kind::Float;
        v.number = json.get<double>();
        break;
    case Json::value_t::string:
        v.kind = Value::Kind::String;
        v.text = &json.get_ref<const std::string &>();
        break;
    case Json::value_t::array:
        v.kind = Value::Kind::Array;
        v.json = &json;
        break;
    case Json::value_t::object:
        v.kind = Value::Kind::Map;
        v.json = &json;
        break;
    case Json::value_t::binary: v.kind = Value::Kind::Nil; break;
    }
    return v;
}

std::string typeName(const Value &v)
{
    switch (v.kind) {
    case Value::Kind::Missing:
    case Value::Kind::Nil: return "interface {}";
    case Value::Kind::Bool: return "bool";
    case Value::Kind::Int: return "int";
    case Value::Kind::Float: return "float64";
    case Value::Kind::String: return "string";
    case Value::Kind::Array: return "[]interface {}";
    case Value::Kind::Map: return "map[string]interface {}";
    }
    return {};
}

// Go ranges over and prints maps in sorted key order (byte-wise).
std::vector<std::pair<std::string_view, const Json *>> sortedMembers(const Json &object)
{
    std::vector<std::pair<std::string_view, const Json *>> members;
    members.reserve(object.size());
    for (auto it = object.begin(); it != object.end(); ++it)
        members.emplace_back(it.key(), &it.value());
    std::stable_sort(members.begin(), members.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    return members;
}

const Json *findMember(const Json &object, std::string_view key)
{
    const auto it = object.find(std::string(key));
    return it == object.end() ? nullptr : &*it;
}

// Go's truth: false, 0, nil, empty strings, arrays and maps are false.
bool isTrue(const Value &v)
{
    switch (v.kind) {
    case Value::Kind::Missing:
    case Value::Kind::Nil: return false;
    case Value::Kind::Bool: return v.boolean;
    case Value::Kind::Int: return v.integer != 0;
    case Value::Kind::Float: return v.number != 0;
    case Value::Kind::String: return !v.string().empty();
    case Value::Kind::Array:
    case Value::Kind::Map: return !v.json->empty();
    }
    return false;
}

// --- Number formatting ---------------------------------------------------------

// The shortest decimal digits that read back as `value` (> 0), and the
// exponent of the first one: 1234.5 is "12345", 3.
void shortestDigits(double value, std::string &digits, int &exponent)
{
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    const std::string_view text(buffer, size_t(result.ptr - buffer));
    const size_t e = text.find('e');
    digits.clear();
    for (const char c : text.substr(0, e)) {
        if (c != '.')
            digits += c;
    }
    exponent = std::stoi(std::string(text.substr(e + 1)));
}

// The digits rounded to `count` significant digits, trailing zeros dropped.
void roundedDigits(double value, int count, std::string &digits, int &exponent)
{
    std::string buffer(size_t(count) + 32, '\0');
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                      std::chars_format::scientific, count - 1);
    const std::string_view text(buffer.data(), size_t(result.ptr - buffer.data()));
    const size_t e = text.find('e');
    digits.clear();
    for (const char c : text.substr(0, e)) {
        if (c != '.')
            digits += c;
    }
    while (digits.size() > 1 && digits.back() == '0')
        digits.pop_back();
    exponent = std::stoi(std::string(text.substr(e + 1)));
}

std::string exponentSuffix(int exponent, char e)
{
    std::string out(1, e);
    out += exponent < 0 ? '-' : '+';
    const std::string number = std::to_string(std::abs(exponent));
    if (number.size() < 2)
        out += '0';
    return out + number;
}

std::string scientificFrom(const std::string &digits, int exponent, char e)
{
    std::string out(1, digits[0]);
    if (digits.size() > 1)
        out += '.' + digits.substr(1);
    return out + exponentSuffix(exponent, e);
}

std::string fixedFrom(const std::string &digits, int exponent)
{
    const int point = exponent + 1; // digits before the decimal point
    if (point <= 0)
        return "0." + std::string(size_t(-point), '0') + digits;
    if (size_t(point) >= digits.size())
        return digits + std::string(size_t(point) - digits.size(), '0');
    return digits.substr(0, size_t(point)) + '.' + digits.substr(size_t(point));
}

std::string nonFinite(double value)
{
    if (std::isnan(value))
        return "NaN";
    return value < 0 ? "-Inf" : "+Inf";
}

// strconv.FormatFloat(value, 'g', precision, 64) without the sign. With
// the shortest precision (-1), which fmt's %v uses, Go decides with
// precision 6: the exponent form is used when the exponent is < -4 or
// >= 6, so 100000 prints "100000" but 1000000 prints "1e+06" (only
// encoding/json switches at 1e21).
std::string formatG(double value, int precision, bool upper)
{
    if (value == 0)
        return "0";
    std::string digits;
    int exponent = 0;
    int eprecision = 6;
    if (precision < 0) {
        shortestDigits(value, digits, exponent);
    } else {
        eprecision = precision == 0 ? 1 : precision;
        roundedDigits(value, eprecision, digits, exponent);
        if (eprecision > int(digits.size()) && int(digits.size()) >= exponent + 1)
            eprecision = int(digits.size());
    }
    if (exponent < -4 || exponent >= eprecision)
        return scientificFrom(digits, exponent, upper ? 'E' : 'e');
    return fixedFrom(digits, exponent);
}

std::string formatFixed(double value, int precision)
{
    std::string buffer(size_t(precision) + 400, '\0');
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed,
                                      precision);
    buffer.resize(size_t(result.ptr - buffer.data()));
    return buffer;
}

std::string formatScientific(double value, int precision, bool upper)
{
    std::string buffer(size_t(precision) + 32, '\0');
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                      std::chars_format::scientific, precision);
    buffer.resize(size_t(result.ptr - buffer.data()));
    if (upper)
        std::replace(buffer.begin(), buffer.end(), 'e', 'E');
    return buffer;
}

// %x of a float64: "0x1.8p+01", the exponent with at least two digits.
std::string formatHexFloat(double value, int precision, bool upper)
{
    std::string buffer(size_t(std::max(precision, 0)) + 48, '\0');
    const auto result = precision < 0
                            ? std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::hex)
                            : std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::hex,
                                            precision);
    buffer.resize(size_t(result.ptr - buffer.data()));
    const size_t p = buffer.find('p');
    std::string exponent = buffer.substr(p + 2);
    if (exponent.size() < 2)
        exponent.insert(0, "0");
    std::string out = "0x" + buffer.substr(0, p) + 'p' + buffer[p + 1] + exponent;
    if (upper)
        std::transform(out.begin(), out.end(), out.begin(), [](char c) { return char(std::toupper(uchar(c))); });
    return out;
}

// encoding/json's float64: like ES6, plain decimals from 1e-6 to 1e21,
// otherwise the exponent form with e-7 rather than e-07.
std::string jsonNumber(double value)
{
    if (value == 0)
        return std::signbit(value) ? "-0" : "0";
    std::string digits;
    int exponent = 0;
    shortestDigits(std::abs(value), digits, exponent);
    const double magnitude = std::abs(value);
    std::string out = value < 0 ? "-" : "";
    if (magnitude < 1e-6 || magnitude >= 1e21) {
        std::string text = scientificFrom(digits, exponent, 'e');
        const size_t n = text.size();
        if (n >= 4 && text[n - 4] == 'e' && text[n - 3] == '-' && text[n - 2] == '0')
            text.erase(n - 2, 1);
        return out + text;
    }
    return out + fixedFrom(digits, exponent);
}

// --- fmt -----------------------------------------------------------------

struct FormatSpec
{
    bool minus = false;
    bool plus = false;
    bool sharp = false;
    bool space = false;
    bool zero = false;
    int width = -1;
    int precision = -1;
};

void pad(std::string &out, const std::string &text, const FormatSpec &spec, bool zeros = false)
{
    const qint64 padding = spec.width < 0 ? 0 : spec.width - runeCount(text);
    if (padding <= 0) {
        out += text;
    } else if (spec.minus) {
        out += text;
        out.append(size_t(padding), ' ');
    } else {
        out.append(size_t(padding), zeros && spec.zero ? '0' : ' ');
        out += text;
    }
}

void formatValue(std::string &out, const Value &v, char verb, const FormatSpec &spec, int depth);

void badVerb(std::string &out, const Value &v, char verb, const FormatSpec &spec)
{
    out += "%!";
    out += verb;
    out += '(';
    if (v.kind == Value::Kind::Nil || v.kind == Value::Kind::Missing) {
        out += "<nil>";
    } else {
        out += typeName(v) + '=';
        formatValue(out, v, 'v', spec, 0);
    }
    out += ')';
}

void formatInteger(std::string &out, qint64 value, char verb, const FormatSpec &spec)
{
    const bool negative = value < 0;
    const quint64 magnitude = negative ? quint64(0) - quint64(value) : quint64(value);
    std::string digits;
    switch (verb) {
    case 'd':
    case 'v': digits = std::to_string(magnitude); break;
    case 'x':
    case 'X': digits = hexDigits(magnitude, verb == 'X'); break;
    case 'o':
    case 'b': {
        const int shift = verb == 'o' ? 3 : 1;
        quint64 rest = magnitude;
        do {
            digits += char('0' + (rest & ((1u << shift) - 1)));
            rest >>= shift;
        } while (rest != 0);
        std::reverse(digits.begin(), digits.end());
        break;
    }
    case 'c': {
        std::string rune;
        appendRune(rune, value < 0 || value > 0x10ffff ? 0xfffd : char32_t(value));
        pad(out, rune, spec);
        return;
    }
    case 'q': {
        std::string rune;
        appendRune(rune, value < 0 || value > 0x10ffff ? 0xfffd : char32_t(value));
        pad(out, goQuote(rune, '\'', spec.plus), spec);
        return;
    }
    case 'U': {
        pad(out, "U+" + hexDigits(magnitude, true, 4), spec);
        return;
    }
    default: badVerb(out, Value::ofInt(value), verb, spec); return;
    }
    int precision = spec.precision;
    if (precision == 0 && value == 0)
        digits.clear();
    std::string sign = negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
    // Zero padding goes between the sign and the digits.
    if (precision < 0 && spec.zero && !spec.minus && spec.width > 0)
        precision = spec.width - int(sign.size());
    if (precision > int(digits.size()))
        digits.insert(0, size_t(precision - int(digits.size())), '0');
    if (spec.sharp) {
        if (verb == 'x')
            sign += "0x";
        else if (verb == 'X')
            sign += "0X";
        else if (verb == 'o' && digits.front() != '0')
            sign += '0';
    }
    FormatSpec spaces = spec;
    spaces.zero = false;
    pad(out, sign + digits, spaces);
}

void formatFloat(std::string &out, double value, char verb, const FormatSpec &spec)
{
    std::string number;
    if (!std::isfinite(value)) {
        number = nonFinite(value);
    } else {
        const double magnitude = std::abs(value);
        switch (verb) {
        case 'v':
        case 'g':
        case 'G': number = formatG(magnitude, spec.precision, verb == 'G'); break;
        case 'f':
        case 'F': number = formatFixed(magnitude, spec.precision < 0 ? 6 : spec.precision); break;
        case 'e':
        case 'E': number = formatScientific(magnitude, spec.precision < 0 ? 6 : spec.precision, verb == 'E'); break;
        case 'x':
        case 'X': number = formatHexFloat(magnitude, spec.precision, verb == 'X'); break;
        default: {
            Value v;
            v.kind = Value::Kind::Float;
            v.number = value;
            badVerb(out, v, verb, spec);
            return;
        }
        }
        if (std::signbit(value))
            number.insert(0, "-");
    }
    if (number[0] != '-' && number[0] != '+') {
        if (spec.plus)
            number.insert(0, "+");
        else if (spec.space)
            number.insert(0, " ");
    }
    if (spec.zero && !spec.minus && spec.width > 0 && std::isfinite(value) && int(number.size()) < spec.width) {
        const bool signed_ = number[0] == '-' || number[0] == '+' || number[0] == ' ';
        number.insert(signed_ ? 1 : 0, size_t(spec.width) - number.size(), '0');
    }
    FormatSpec spaces = spec;
    spaces.zero = false;
    pad(out, number, spaces);
}

void formatString(std::string &out, const std::string &text, char verb, const FormatSpec &spec)
{
    std::string_view shown = text;
    if (spec.precision >= 0) {
        size_t at = 0;
        for (int runes = 0; runes < spec.precision && at < shown.size(); ++runes)
            at += decodeRune(shown, at).second;
        shown = shown.substr(0, at);
    }
    switch (verb) {
    case 'v':
    case 's': pad(out, std::string(shown), spec, true); return;
    case 'q': pad(out, goQuote(shown, '"', spec.plus), spec, true); return;
    case 'x':
    case 'X': {
        std::string hex;
        for (const char c : (spec.precision >= 0 ? std::string_view(text).substr(0, size_t(spec.precision)) : text))
            hex += hexDigits(uchar(c), verb == 'X', 2);
        pad(out, hex, spec, true);
        return;
    }
    default: badVerb(out, Value::ofString(text), verb, spec);
    }
}

// fmt's printing of one operand with `verb`; arrays and maps apply the verb
// to each element, as fmt does for []interface{} and maps.
void formatValue(std::string &out, const Value &v, char verb, const FormatSpec &spec, int depth)
{
    switch (v.kind) {
    case Value::Kind::Missing:
    case Value::Kind::Nil:
        // A nil element of a slice or map prints "<nil>" with any verb.
        if (verb == 'v' || depth > 0)
            pad(out, "<nil>", spec);
        else
            badVerb(out, v, verb, spec);
        return;
    case Value::Kind::Bool:
        if (verb == 'v' || verb == 't')
            pad(out, v.boolean ? "true" : "false", spec);
        else
            badVerb(out, v, verb, spec);
        return;
    case Value::Kind::Int: formatInteger(out, v.integer, verb, spec); return;
    case Value::Kind::Float: formatFloat(out, v.number, verb, spec); return;
    case Value::Kind::String: formatString(out, v.string(), verb, spec); return;
    case Value::Kind::Array: {
        out += '[';
        bool first = true;
        for (const Json &element : *v.json) {
            if (!first)
                out += ' ';
            first = false;
            formatValue(out, fromJson(element), verb, spec, depth + 1);
        }
        out += ']';
        return;
    }
    case Value::Kind::Map: {
        out += "map[";
        bool first = true;
        for (const auto &[key, element] : sortedMembers(*v.json)) {
            if (!first)
                out += ' ';
            first = false;
            formatValue(out, Value::ofString(std::string(key)), verb, spec, depth + 1);
            out += ':';
            formatValue(out, fromJson(*element), verb, spec, depth + 1);
        }
        out += ']';
        return;
    }
    }
}

std::string printed(const Value &v)
{
    std::string out;
    formatValue(out, v, 'v', {}, 0);
    return out;
}

// fmt's parsenum: a number that grows past a million swallows the rest of
// the format, as in Go.
bool parseNumber(std::string_view format, size_t &at, size_t end, int &number)
{
    number = 0;
    bool any = false;
    for (; at < end && format[at] >= '0' && format[at] <= '9'; ++at) {
        if (number > 1'000'000) {
            number = 0;
            at = format.size();
            return false;
        }
        number = number * 10 + (format[at] - '0');
        any = true;
    }
    return any;
}

struct Printf
{
    std::string_view format;
    const std::vector<Value> &args;
    size_t at = 0;
    size_t argument = 0;
    bool reordered = false;
    bool goodArgument = true;

    // "[n]" picks argument n (1-based) for what follows.
    bool argumentIndex()
    {
        if (at >= format.size() || format[at] != '[')
            return false;
        reordered = true;
        const size_t close = format.find(']', at);
        if (format.size() - at < 3 || close == std::string_view::npos) {
            ++at;
            goodArgument = false;
            return false;
        }
        size_t digits = at + 1;
        int index = 0;
        const bool ok = parseNumber(format, digits, close, index) && digits == close;
        at = close + 1;
        if (ok && index >= 1 && size_t(index) <= args.size()) {
            argument = size_t(index) - 1;
            return true;
        }
        goodArgument = false;
        return ok;
    }

    // `*`: the width or precision from an int argument.
    bool intArgument(int &number)
    {
        number = 0;
        if (argument >= args.size())
            return false;
        const Value &value = args[argument++];
        if (value.kind != Value::Kind::Int || value.integer > 1'000'000 || value.integer < -1'000'000)
            return false;
        number = int(value.integer);
        return true;
    }

    std::string run()
    {
        std::string out;
        while (at < format.size()) {
            const size_t percent = format.find('%', at);
            if (percent == std::string_view::npos) {
                out.append(format.substr(at));
                break;
            }
            out.append(format.substr(at, percent - at));
            at = percent + 1;
            FormatSpec spec;
            for (; at < format.size(); ++at) {
                const char c = format[at];
                if (c == '-') {
                    spec.minus = true;
                    spec.zero = false;
                } else if (c == '+') {
                    spec.plus = true;
                } else if (c == '#') {
                    spec.sharp = true;
                } else if (c == ' ') {
                    spec.space = true;
                } else if (c == '0') {
                    spec.zero = !spec.minus;
                } else {
                    break;
                }
            }
            goodArgument = true;
            bool afterIndex = argumentIndex();
            if (at < format.size() && format[at] == '*') {
                ++at;
                if (!intArgument(spec.width))
                    out += "%!(BADWIDTH)";
                if (spec.width < 0) {
                    spec.width = -spec.width;
                    spec.minus = true;
                    spec.zero = false;
                }
                afterIndex = false;
            } else if (parseNumber(format, at, format.size(), spec.width)) {
                if (afterIndex)
                    goodArgument = false; // "%[3]2d"
            } else {
                spec.width = -1;
            }
            if (at + 1 < format.size() && format[at] == '.') {
                ++at;
                if (afterIndex)
                    goodArgument = false; // "%[3].2d"
                afterIndex = argumentIndex();
                if (at < format.size() && format[at] == '*') {
                    ++at;
                    if (!intArgument(spec.precision) || spec.precision < 0) {
                        out += "%!(BADPREC)";
                        spec.precision = -1;
                    }
                    afterIndex = false;
                } else if (!parseNumber(format, at, format.size(), spec.precision)) {
                    spec.precision = 0;
                }
            }
            if (!afterIndex)
                argumentIndex();
            if (at >= format.size()) {
                out += "%!(NOVERB)";
                break;
            }
            const auto [verb, length] = decodeRune(format, at);
            at += length;
            if (verb == '%') {
                out += '%';
                continue;
            }
            if (!goodArgument || argument >= args.size()) {
                out += "%!";
                appendRune(out, verb);
                out += goodArgument ? "(MISSING)" : "(BADINDEX)";
                continue;
            }
            const Value &value = args[argument++];
            if (verb >= 0x80) {
                out += "%!";
                appendRune(out, verb);
                out += '(';
                if (value.kind == Value::Kind::Nil) {
                    out += "<nil>";
                } else {
                    out += typeName(value) + '=';
                    formatValue(out, value, 'v', spec, 0);
                }
                out += ')';
                continue;
            }
            formatValue(out, value, char(verb), spec, 0);
        }
        if (!reordered && argument < args.size())
            appendExtra(out);
        return out;
    }

    void appendExtra(std::string &out) const
    {
        out += "%!(EXTRA ";
        for (size_t i = argument; i < args.size(); ++i) {
            if (i > argument)
                out += ", ";
            if (args[i].kind == Value::Kind::Nil) {
                out += "<nil>";
            } else {
                out += typeName(args[i]) + '=';
                formatValue(out, args[i], 'v', {}, 0);
            }
        }
        out += ')';
    }
};

std::string sprintf(std::string_view format, const std::vector<Value> &args)
{
    return Printf{format, args}.run();
}

// --- encoding/json ---------------------------------------------------------

void appendJson(std::string &out, const Value &v);

void appendJsonString(std::string &out, std::string_view text)
{
    out += '"';
    for (size_t at = 0; at < text.size();) {
        const auto [rune, length] = decodeRune(text, at);
        at += length;
        switch (rune) {
        case '"': out += "\\\""; continue;
        case '\\': out += "\\\\"; continue;
        case '\n': out += "\\n"; continue;
        case '\r': out += "\\r"; continue;
        case '\t': out += "\\t"; continue;
        case '\b': out += "\\b"; continue;
        case '\f': out += "\\f"; continue;
        // HTML-safe, like json.Marshal.
        case '<':
        case '>':
        case '&':
        case 0x2028:
        case 0x2029: out += "\\u" + hexDigits(rune, false, 4); continue;
        default: break;
        }
        if (rune < 0x20)
            out += "\\u" + hexDigits(rune, false, 4);
        else
            appendRune(out, rune); // invalid bytes become U+FFFD, as in Go
    }
    out += '"';
}

void appendJson(std::string &out, const Value &v)
{
    switch (v.kind) {
    case Value::Kind::Missing:
    case Value::Kind::Nil: out += "null"; return;
    case Value::Kind::Bool: out += v.boolean ? "true" : "false"; return;
    case Value::Kind::Int: out += std::to_string(v.integer); return;
    case Value::Kind::Float: out += jsonNumber(v.number); return;
    case Value::Kind::String: appendJsonString(out, v.string()); return;
    case Value::Kind::Array: {
        out += '[';
        bool first = true;
        for (const Json &element : *v.json) {
            if (!first)
                out += ',';
            first = false;
            appendJson(out, fromJson(element));
        }
        out += ']';
        return;
    }
    case Value::Kind::Map: {
        out += '{';
        bool first = true;
        for (const auto &[key, element] : sortedMembers(*v.json)) {
            if (!first)
                out += ',';
            first = false;
            appendJsonString(out, key);
            out += ':';
            appendJson(out, fromJson(*element));
        }
        out += '}';
        return;
    }
    }
}

std::string base64(std::string_view bytes)
{
    return QByteArray(bytes.data(), qsizetype(bytes.size())).toBase64().toStdString();
}

// --- Parsing -------------------------------------------------------------------

const std::vector<std::string_view> &functionNames()
{
    static const std::vector<std::string_view> names = {"and",    "or",      "not",     "len",    "index",  "eq",
                                                        "ne",     "lt",      "le",      "gt",     "ge",     "print",
                                                        "printf", "println", "default", "quote",  "squote", "upper",
                                                        "lower",  "trim",    "join",    "toJson", "b64enc"};
    return names;
}

struct Token
{
    enum class Type {
        Space,
        Pipe,
        LeftParen,
        RightParen,
        Assign,
        Declare,
        Comma,
        String,
        Char,
        Number,
        Field,
        Dot,
        Variable,
        Identifier,
        End
    };
    Type type = Type::End;
    size_t pos = 0;
    size_t end = 0;
    std::string text; // a string's value, a field's name, the source of others
    qint64 rune = 0;
};

bool isTrimSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

class Parser final
{
public:
    explicit Parser(const std::string &source)
        : m_src(source)
    {}

    std::vector<std::shared_ptr<const Node>> parseTemplate()
    {
        std::vector<std::shared_ptr<const Node>> list;
        const Terminator terminator = parseList(list);
        if (terminator.kind == Terminator::Kind::End)
            fail(terminator.pos, "{{end}} has no {{if}}, {{range}} or {{with}} to close; remove it");
        if (terminator.kind == Terminator::Kind::Else)
            fail(terminator.pos, "{{else}} is outside any {{if}}, {{range}} or {{with}}; remove it");
        return list;
    }

private:
    struct Terminator
    {
        enum class Kind { Eof, End, Else };
        Kind kind = Kind::Eof;
        size_t pos = 0;
        std::vector<Token> tokens; // after "else", for {{else if ...}}
        size_t next = 0;
    };

    // Reads text and actions up to {{end}}, {{else}} or the end.
    Terminator parseList(std::vector<std::shared_ptr<const Node>> &list)
    {
        while (m_pos < m_src.size()) {
            const size_t open = m_src.find("{{", m_pos);
            const size_t textEnd = open == std::string::npos ? m_src.size() : open;
            std::string_view text(m_src.data() + m_pos, textEnd - m_pos);
            if (m_trimNext) {
                while (!text.empty() && isTrimSpace(text.front()))
                    text.remove_prefix(1);
            }
            m_trimNext = false;
            size_t at = textEnd + 2;
            if (open != std::string::npos && at + 1 < m_src.size() && m_src[at] == '-' && isTrimSpace(m_src[at + 1])) {
                while (!text.empty() && isTrimSpace(text.back()))
                    text.remove_suffix(1);
                at += 2;
            }
            if (!text.empty()) {
                auto node = std::make_shared<Node>();
                node->kind = Node::Kind::Text;
                node->pos = size_t(text.data() - m_src.data());
                node->text = std::string(text);
                list.push_back(node);
            }
            if (open == std::string::npos) {
                m_pos = m_src.size();
                break;
            }
            m_pos = at;
            if (skipComment(open))
                continue;
            std::vector<Token> tokens = lexAction(open);
            size_t i = 0;
            skipSpace(tokens, i);
            const Token &first = tokens[i];
            if (first.type == Token::Type::Identifier) {
                const std::string &word = first.text;
                if (word == "end") {
                    expectEnd(tokens, i + 1, "end");
                    return {Terminator::Kind::End, first.pos, {}, 0};
                }
                if (word == "else")
                    return {Terminator::Kind::Else, first.pos, tokens, i + 1};
                if (word == "if" || word == "range" || word == "with") {
                    list.push_back(parseControl(word, tokens, i + 1, first.pos));
                    continue;
                }
                if (word == "define" || word == "template" || word == "block" || word == "break" || word == "continue")
                    fail(first.pos, "\"" + word + "\" is not supported in command templates");
            }
            auto node = std::make_shared<Node>();
            node->kind = Node::Kind::Action;
            node->pos = first.pos;
            node->pipeline = parsePipeline(tokens, i, "command", false);
            expectEnd(tokens, i, "command");
            list.push_back(node);
        }
        return {Terminator::Kind::Eof, m_src.size(), {}, 0};
    }

    // `{{if}}`, `{{range}}` and `{{with}}`, the keyword's tokens consumed.
    std::shared_ptr<const Node> parseControl(const std::string &keyword, const std::vector<Token> &tokens, size_t i,
                                             size_t pos)
    {
        if (++m_depth > maxDepth)
            fail(pos, "the template nests deeper than " + std::to_string(maxDepth) + " levels; simplify it");
        const size_t scope = m_vars.size();
        auto node = std::make_shared<Node>();
        node->kind = keyword == "if" ? Node::Kind::If : keyword == "range" ? Node::Kind::Range : Node::Kind::With;
        node->pos = pos;
        node->pipeline = parsePipeline(tokens, i, keyword, keyword == "range");
        expectEnd(tokens, i, keyword);
        Terminator terminator = parseList(node->list);
        if (terminator.kind == Terminator::Kind::Eof)
            fail(pos, "{{" + keyword + "}} has no matching {{end}}; add one");
        if (terminator.kind == Terminator::Kind::Else) {
            node->hasElse = true;
            size_t next = terminator.next;
            skipSpace(terminator.tokens, next);
            const Token &after = terminator.tokens[next];
            const bool control = after.type == Token::Type::Identifier && (after.text == "if" || after.text == "with");
            if (control && after.text == keyword) {
                // {{else if x}} is {{else}}{{if x}}...{{end}} sharing this {{end}}.
                node->elseList.push_back(parseControl(after.text, terminator.tokens, next + 1, after.pos));
            } else {
                // Go reads any other {{else if}} or {{else with}} as {{else}}
                // followed by a control that needs its own {{end}}.
                if (control)
                    node->elseList.push_back(parseControl(after.text, terminator.tokens, next + 1, after.pos));
                else if (after.type != Token::Type::End)
                    fail(after.pos,
                         "unexpected " + describe(after) + " after {{else}}; only \"if\" or \"with\" may follow it");
                terminator = parseList(node->elseList);
                if (terminator.kind == Terminator::Kind::Eof)
                    fail(pos, "{{" + keyword + "}} has no matching {{end}}; add one");
                if (terminator.kind == Terminator::Kind::Else)
                    fail(terminator.pos, "a second {{else}} in one {{" + keyword + "}}; remove it");
            }
        }
        m_vars.resize(scope);
        --m_depth;
        return node;
    }

    bool skipComment(size_t open)
    {
        if (m_src.compare(m_pos, 2, "/*") != 0)
            return false;
        const size_t close = m_src.find("*/", m_pos + 2);
        if (close == std::string::npos)
            fail(open, "the comment is not closed; end it with */}}");
        size_t at = close + 2;
        if (at + 3 <= m_src.size() && isTrimSpace(m_src[at]) && m_src.compare(at + 1, 3, "-}}") == 0) {
            m_trimNext = true;
            at += 4;
        } else if (m_src.compare(at, 2, "}}") == 0) {
            at += 2;
        } else {
            fail(close, "the comment must end right before }}");
        }
        m_pos = at;
        return true;
    }

    static std::string describe(const Token &token)
    {
        switch (token.type) {
        case Token::Type::End: return "end of action";
        case Token::Type::Space: return "space";
        default: return "\"" + token.text + "\"";
        }
    }

    static void skipSpace(const std::vector<Token> &tokens, size_t &i)
    {
        while (tokens[i].type == Token::Type::Space)
            ++i;
    }

    static void expectEnd(const std::vector<Token> &tokens, size_t i, const std::string &context)
    {
        skipSpace(tokens, i);
        if (tokens[i].type != Token::Type::End)
            fail(tokens[i].pos, "unexpected " + describe(tokens[i]) + " in " + context);
    }

    // The tokens of one action, from after "{{" (and its trim marker) to
    // "}}", which becomes the End token.
    std::vector<Token> lexAction(size_t open)
    {
        std::vector<Token> tokens;
        int parens = 0;
        auto push = [&](Token::Type type, size_t start, size_t end, std::string text = {}) {
            Token token;
            token.type = type;
            token.pos = start;
            token.end = end;
            token.text = text.empty() && type != Token::Type::String ? m_src.substr(start, end - start)
                                                                     : std::move(text);
            tokens.push_back(std::move(token));
        };
        while (true) {
            if (m_pos >= m_src.size())
                fail(open, "the action is not closed; end it with }}");
            const char c = m_src[m_pos];
            const size_t start = m_pos;
            if (m_src.compare(m_pos, 2, "}}") == 0) {
                if (parens > 0)
                    fail(m_pos, "a \"(\" is not closed; add \")\"");
                m_pos += 2;
                push(Token::Type::End, start, m_pos, "}}");
                return tokens;
            }
            if (isTrimSpace(c)) {
                while (m_pos < m_src.size() && isTrimSpace(m_src[m_pos]))
                    ++m_pos;
                if (m_src.compare(m_pos, 3, "-}}") == 0) {
                    if (parens > 0)
                        fail(m_pos, "a \"(\" is not closed; add \")\"");
                    m_pos += 3;
                    m_trimNext = true;
                    push(Token::Type::End, start, m_pos, "}}");
                    return tokens;
                }
                push(Token::Type::Space, start, m_pos, " ");
                continue;
            }
            switch (c) {
            case '|':
                ++m_pos;
                push(Token::Type::Pipe, start, m_pos);
                continue;
            case ',':
                ++m_pos;
                push(Token::Type::Comma, start, m_pos);
                continue;
            case '=':
                ++m_pos;
                push(Token::Type::Assign, start, m_pos);
                continue;
            case ':':
                if (m_src.compare(m_pos, 2, ":=") != 0)
                    fail(m_pos, "expected \":=\" after \":\"");
                m_pos += 2;
                push(Token::Type::Declare, start, m_pos);
                continue;
            case '(':
                if (++parens + m_depth > maxDepth)
                    fail(m_pos, "the template nests deeper than " + std::to_string(maxDepth) + " levels; simplify it");
                ++m_pos;
                push(Token::Type::LeftParen, start, m_pos);
                continue;
            case ')':
                if (--parens < 0)
                    fail(m_pos, "unexpected \")\"; no \"(\" is open");
                ++m_pos;
                push(Token::Type::RightParen, start, m_pos);
                continue;
            case '"': {
                std::string value = lexQuoted();
                push(Token::Type::String, start, m_pos, value);
                continue;
            }
            case '`': {
                const size_t close = m_src.find('`', m_pos + 1);
                if (close == std::string::npos)
                    fail(start, "the raw string is not closed; end it with `");
                m_pos = close + 1;
                push(Token::Type::String, start, m_pos, m_src.substr(start + 1, close - start - 1));
                continue;
            }
            case '\'': {
                const qint64 rune = lexChar();
                push(Token::Type::Char, start, m_pos);
                tokens.back().rune = rune;
                continue;
            }
            case '$': {
                ++m_pos;
                lexWord();
                push(Token::Type::Variable, start, m_pos);
                checkTerminator();
                continue;
            }
            case '.':
                if (m_pos + 1 >= m_src.size() || m_src[m_pos + 1] < '0' || m_src[m_pos + 1] > '9') {
                    ++m_pos;
                    const size_t nameStart = m_pos;
                    lexWord();
                    if (m_pos == nameStart) {
                        push(Token::Type::Dot, start, m_pos);
                    } else {
                        push(Token::Type::Field, start, m_pos, m_src.substr(nameStart, m_pos - nameStart));
                    }
                    checkTerminator();
                    continue;
                }
                break;
            default: break;
            }
            if (c == '.' || c == '+' || c == '-' || (c >= '0' && c <= '9')) {
                lexNumber();
                push(Token::Type::Number, start, m_pos);
                continue;
            }
            const auto [rune, length] = decodeRune(m_src, m_pos);
            if (rune == '_' || (rune < 0x80 ? std::isalpha(int(rune)) != 0 : QChar::isLetter(rune))) {
                lexWord();
                push(Token::Type::Identifier, start, m_pos);
                checkTerminator();
                continue;
            }
            std::string character;
            appendRune(character, rune);
            fail(m_pos, "unexpected character " + goQuote(character) + " in the action");
        }
    }

    void lexWord()
    {
        while (m_pos < m_src.size()) {
            const auto [rune, length] = decodeRune(m_src, m_pos);
            if (!isLetterOrDigit(rune))
                break;
            m_pos += length;
        }
    }

    // After a word, Go wants a space, a delimiter or punctuation: ".a-b" is
    // not the key "a-b".
    void checkTerminator()
    {
        if (m_pos >= m_src.size())
            return;
        const char c = m_src[m_pos];
        if (isTrimSpace(c) || c == '.' || c == ',' || c == '|' || c == ':' || c == ')' || c == '(' || c == '='
            || m_src.compare(m_pos, 2, "}}") == 0)
            return;
        const auto [rune, length] = decodeRune(m_src, m_pos);
        std::string character;
        appendRune(character, rune);
        fail(m_pos, "unexpected character " + goQuote(character)
                        + " after a name; use index to reach keys that are not plain names");
    }

    qint64 lexEscape(bool inChar)
    {
        // m_pos is at the backslash.
        const size_t start = m_pos;
        if (m_pos + 1 >= m_src.size())
            fail(start, "the escape sequence is cut off");
        const char c = m_src[m_pos + 1];
        m_pos += 2;
        auto hex = [&](int digits) {
            qint64 value = 0;
            for (int i = 0; i < digits; ++i, ++m_pos) {
                const char h = m_pos < m_src.size() ? m_src[m_pos] : '\0';
                const int digit = std::isxdigit(uchar(h))
                                      ? (std::isdigit(uchar(h)) ? h - '0' : std::tolower(h) - 'a' + 10)
                                      : -1;
                if (digit < 0)
                    fail(start, "the escape sequence \"\\" + std::string(1, c) + "\" needs " + std::to_string(digits)
                                    + " hexadecimal digits");
                value = value * 16 + digit;
            }
            return value;
        };
        switch (c) {
        case 'a': return '\a';
        case 'b': return '\b';
        case 'f': return '\f';
        case 'n': return '\n';
        case 'r': return '\r';
        case 't': return '\t';
        case 'v': return '\v';
        case '\\': return '\\';
        case '"':
            if (inChar)
                break;
            return '"';
        case '\'':
            if (!inChar)
                break;
            return '\'';
        case 'x': return -1 - hex(2); // a byte, not a rune
        case 'u':
        case 'U': {
            const qint64 rune = hex(c == 'u' ? 4 : 8);
            if (rune > 0x10ffff || (rune >= 0xd800 && rune <= 0xdfff))
                fail(start, "the escape sequence names no Unicode character");
            return rune;
        }
        default:
            if (c >= '0' && c <= '7') {
                qint64 value = c - '0';
                for (int i = 0; i < 2; ++i, ++m_pos) {
                    if (m_pos >= m_src.size() || m_src[m_pos] < '0' || m_src[m_pos] > '7')
                        fail(start, "an octal escape needs three digits");
                    value = value * 8 + (m_src[m_pos] - '0');
                }
                if (value > 255)
                    fail(start, "the octal escape is larger than a byte");
                return -1 - value;
            }
        }
        fail(start, "unknown escape sequence \"\\" + std::string(1, c) + "\"");
    }

    std::string lexQuoted()
    {
        const size_t start = m_pos;
        ++m_pos;
        std::string value;
        while (true) {
            if (m_pos >= m_src.size() || m_src[m_pos] == '\n')
                fail(start, "the string is not closed; end it with \" on the same line");
            const char c = m_src[m_pos];
            if (c == '"') {
                ++m_pos;
                return value;
            }
            if (c == '\\') {
                const qint64 escaped = lexEscape(false);
                if (escaped < 0)
                    value += char(-1 - escaped);
                else
                    appendRune(value, char32_t(escaped));
                continue;
            }
            value += c;
            ++m_pos;
        }
    }

    qint64 lexChar()
    {
        const size_t start = m_pos;
        ++m_pos;
        if (m_pos >= m_src.size() || m_src[m_pos] == '\n' || m_src[m_pos] == '\'')
            fail(start, "the character constant is empty or not closed");
        qint64 rune = 0;
        if (m_src[m_pos] == '\\') {
            rune = lexEscape(true);
            if (rune < 0)
                rune = -1 - rune;
        } else {
            const auto [decoded, length] = decodeRune(m_src, m_pos);
            rune = decoded;
            m_pos += length;
        }
        if (m_pos >= m_src.size() || m_src[m_pos] != '\'')
            fail(start, "a character constant holds one character; end it with '");
        ++m_pos;
        return rune;
    }

    void lexNumber()
    {
        // Go's scan: sign, digits of any base, point, exponent; then no
        // letter or digit may follow.
        const size_t start = m_pos;
        if (m_src[m_pos] == '+' || m_src[m_pos] == '-')
            ++m_pos;
        auto accept = [&](std::string_view valid) {
            bool any = false;
            while (m_pos < m_src.size() && valid.find(m_src[m_pos]) != std::string_view::npos) {
                ++m_pos;
                any = true;
            }
            return any;
        };
        std::string_view digits = "0123456789_";
        if (m_src.compare(m_pos, 1, "0") == 0 && m_pos + 1 < m_src.size()
            && std::string_view("xXoObB").find(m_src[m_pos + 1]) != std::string_view::npos) {
            const char base = char(std::tolower(m_src[m_pos + 1]));
            m_pos += 2;
            digits = base == 'x' ? "0123456789abcdefABCDEF_" : base == 'o' ? "01234567_" : "01_";
        }
        accept(digits);
        if (m_pos < m_src.size() && m_src[m_pos] == '.') {
            ++m_pos;
            accept(digits);
        }
        if (m_pos < m_src.size() && (m_src[m_pos] == 'e' || m_src[m_pos] == 'E')) {
            ++m_pos;
            accept("+-");
            accept("0123456789_");
        }
        if (m_pos < m_src.size()) {
            const auto [rune, length] = decodeRune(m_src, m_pos);
            if (isLetterOrDigit(rune) || rune == '.') {
                lexWord();
                fail(m_pos, "bad number syntax: " + goQuote(std::string_view(m_src).substr(start, m_pos - start)));
            }
        }
    }

    Operand numberOperand(const Token &token)
    {
        Operand operand;
        operand.pos = token.pos;
        operand.end = token.end;
        operand.name = token.text;
        std::string text;
        for (const char c : token.text) {
            if (c != '_')
                text += c;
        }
        bool negative = false;
        std::string_view body = text;
        if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
            negative = body[0] == '-';
            body.remove_prefix(1);
        }
        const bool prefixed = body.size() > 1 && body[0] == '0' && std::isalpha(uchar(body[1]));
        if (!prefixed && body.find_first_of(".eE") != std::string_view::npos) {
            double value = 0;
            const auto result = std::from_chars(body.data(), body.data() + body.size(), value);
            if (result.ec != std::errc() || result.ptr != body.data() + body.size() || !std::isfinite(value))
                fail(token.pos, "bad number syntax: " + goQuote(token.text));
            operand.kind = Operand::Kind::Float;
            operand.number = negative ? -value : value;
            return operand;
        }
        int base = 10;
        if (prefixed) {
            const char b = char(std::tolower(body[1]));
            base = b == 'x' ? 16 : b == 'o' ? 8 : 2;
            body.remove_prefix(2);
        } else if (body.size() > 1 && body[0] == '0') {
            base = 8;
            body.remove_prefix(1);
        }
        quint64 value = 0;
        const auto result = std::from_chars(body.data(), body.data() + body.size(), value, base);
        if (body.empty() || result.ptr != body.data() + body.size())
            fail(token.pos, "bad number syntax: " + goQuote(token.text));
        if (result.ec != std::errc() || value > quint64(std::numeric_limits<qint64>::max()) + (negative ? 1 : 0))
            fail(token.pos, "the number " + token.text + " does not fit in 64 bits");
        operand.kind = Operand::Kind::Int;
        operand.integer = negative ? qint64(quint64(0) - value) : qint64(value);
        return operand;
    }

    bool isDeclared(const std::string &name) const
    {
        return name == "$" || std::find(m_vars.begin(), m_vars.end(), name) != m_vars.end();
    }

    // [decl :=] command | command ..., up to End (or ")" when `nested`).
    std::shared_ptr<const Pipeline> parsePipeline(const std::vector<Token> &tokens, size_t &i,
                                                  const std::string &context, bool isRange, bool nested = false)
    {
        auto pipeline = std::make_shared<Pipeline>();
        skipSpace(tokens, i);
        pipeline->pos = tokens[i].pos;
        std::vector<std::string> declared;
        // Declarations: $x := / $x = / (range) $i, $e :=
        if (!nested && tokens[i].type == Token::Type::Variable) {
            size_t j = i + 1;
            skipSpace(tokens, j);
            const Token::Type next = tokens[j].type;
            if (next == Token::Type::Declare || next == Token::Type::Assign || next == Token::Type::Comma) {
                declared.push_back(tokens[i].text);
                if (next == Token::Type::Comma) {
                    if (!isRange)
                        fail(tokens[j].pos, "only {{range}} declares two variables; declare one");
                    ++j;
                    skipSpace(tokens, j);
                    if (tokens[j].type != Token::Type::Variable)
                        fail(tokens[j].pos, "expected a second variable after \",\"");
                    declared.push_back(tokens[j].text);
                    ++j;
                    skipSpace(tokens, j);
                    if (tokens[j].type != Token::Type::Declare && tokens[j].type != Token::Type::Assign)
                        fail(tokens[j].pos, "expected \":=\" or \"=\" after the variables");
                }
                pipeline->isAssign = tokens[j].type == Token::Type::Assign;
                if (pipeline->isAssign) {
                    for (const std::string &name : declared) {
                        if (!isDeclared(name))
                            fail(tokens[i].pos, "undefined variable \"" + name + "\"; declare it with :=");
                    }
                }
                pipeline->declarations = declared;
                i = j + 1;
            }
        }
        while (true) {
            skipSpace(tokens, i);
            const Token &token = tokens[i];
            const bool atEnd = token.type == Token::Type::End || (nested && token.type == Token::Type::RightParen);
            if (atEnd || (!nested && token.type == Token::Type::RightParen)) {
                if (!atEnd)
                    fail(token.pos, "unexpected \")\" in " + context);
                if (pipeline->commands.empty())
                    fail(token.pos, "missing value for " + context);
                break;
            }
            if (!pipeline->commands.empty()) {
                if (token.type != Token::Type::Pipe)
                    fail(token.pos, "unexpected " + describe(token) + " in " + context);
                ++i;
                skipSpace(tokens, i);
            }
            pipeline->commands.push_back(parseCommand(tokens, i, context, nested));
        }
        // Only the first command may start with a value that is no function.
        for (size_t stage = 1; stage < pipeline->commands.size(); ++stage) {
            const Operand &first = pipeline->commands[stage].args.front();
            switch (first.kind) {
            case Operand::Kind::Bool:
            case Operand::Kind::Dot:
            case Operand::Kind::Nil:
            case Operand::Kind::Int:
            case Operand::Kind::Float:
            case Operand::Kind::String:
                fail(first.pos, "non executable command in pipeline stage " + std::to_string(stage + 1)
                                    + "; only a function can take the piped value");
            default: break;
            }
        }
        for (const std::string &name : declared) {
            if (!pipeline->isAssign)
                m_vars.push_back(name);
        }
        return pipeline;
    }

    Command parseCommand(const std::vector<Token> &tokens, size_t &i, const std::string &context, bool nested)
    {
        Command command;
        command.pos = tokens[i].pos;
        while (true) {
            const Token &token = tokens[i];
            if (token.type == Token::Type::End || token.type == Token::Type::Pipe
                || token.type == Token::Type::RightParen) {
                if (command.args.empty())
                    fail(token.pos, "empty command in " + context + "; a \"|\" needs a function after it");
                if (token.type == Token::Type::RightParen && !nested)
                    fail(token.pos, "unexpected \")\" in " + context);
                return command;
            }
            command.args.push_back(parseOperand(tokens, i, context));
            const Token &after = tokens[i];
            if (after.type == Token::Type::Space) {
                skipSpace(tokens, i);
                continue;
            }
            if (after.type != Token::Type::End && after.type != Token::Type::Pipe
                && after.type != Token::Type::RightParen)
                fail(after.pos, "unexpected " + describe(after) + " in operand");
        }
    }

    Operand parseOperand(const std::vector<Token> &tokens, size_t &i, const std::string &context)
    {
        const Token &token = tokens[i++];
        Operand operand;
        operand.pos = token.pos;
        operand.end = token.end;
        switch (token.type) {
        case Token::Type::Identifier:
            if (token.text == "true" || token.text == "false") {
                operand.kind = Operand::Kind::Bool;
                operand.boolean = token.text == "true";
                operand.name = token.text;
            } else if (token.text == "nil") {
                operand.kind = Operand::Kind::Nil;
                operand.name = token.text;
            } else {
                const auto &names = functionNames();
                if (std::find(names.begin(), names.end(), token.text) == names.end()) {
                    if (token.text == "if" || token.text == "range" || token.text == "with" || token.text == "else"
                        || token.text == "end" || token.text == "define" || token.text == "template"
                        || token.text == "block" || token.text == "break" || token.text == "continue")
                        fail(token.pos, "unexpected \"" + token.text + "\" in " + context
                                            + "; it must start an action of its own");
                    fail(token.pos, "function \"" + token.text + "\" is not supported");
                }
                operand.kind = Operand::Kind::Function;
                operand.name = token.text;
            }
            break;
        case Token::Type::Dot: operand.kind = Operand::Kind::Dot; break;
        case Token::Type::Field:
            operand.kind = Operand::Kind::Field;
            operand.fields.push_back(token.text);
            break;
        case Token::Type::Variable:
            if (!isDeclared(token.text))
                fail(token.pos, "undefined variable \"" + token.text + "\"; declare it with :=");
            operand.kind = Operand::Kind::Variable;
            operand.name = token.text;
            break;
        case Token::Type::String:
            operand.kind = Operand::Kind::String;
            operand.name = token.text;
            break;
        case Token::Type::Char:
            operand.kind = Operand::Kind::Int;
            operand.integer = token.rune;
            operand.name = m_src.substr(token.pos, token.end - token.pos);
            break;
        case Token::Type::Number: operand = numberOperand(token); break;
        case Token::Type::LeftParen: {
            ++m_depth;
            operand.kind = Operand::Kind::Pipeline;
            operand.pipeline = parsePipeline(tokens, i, "parenthesized pipeline", false, true);
            // parsePipeline stops at the ")".
            operand.end = tokens[i].end;
            ++i;
            --m_depth;
            break;
        }
        default: fail(token.pos, "unexpected " + describe(token) + " in " + context);
        }
        // A field chain right after the term: .a.b, $x.a, (pipeline).a
        while (tokens[i].type == Token::Type::Field) {
            switch (operand.kind) {
            case Operand::Kind::Field:
            case Operand::Kind::Variable:
            case Operand::Kind::Pipeline: break;
            default:
                fail(tokens[i].pos, "unexpected \"" + tokens[i].text + "\" after " + describe(token)
                                        + "; only data, variables and (pipelines) have fields");
            }
            operand.fields.push_back(tokens[i].text);
            operand.end = tokens[i].end;
            ++i;
        }
        if (tokens[i].type == Token::Type::Dot)
            fail(tokens[i].pos, "unexpected \".\" after " + describe(token));
        return operand;
    }

    const std::string &m_src;
    size_t m_pos = 0;
    bool m_trimNext = false;
    int m_depth = 0;
    std::vector<std::string> m_vars;
};

// --- Rendering -----------------------------------------------------------------

enum class Param { Any, Reflect, String };

class Renderer final
{
public:
    explicit Renderer(const std::string &source)
        : m_src(source)
    {}

    std::string render(const std::vector<std::shared_ptr<const Node>> &list, const Json &data)
    {
        const Value dot = fromJson(data);
        m_vars.emplace_back("$", dot);
        walkList(list, dot);
        return std::move(m_out);
    }

private:
    void step(size_t pos)
    {
        if (++m_steps > maxSteps)
            fail(pos, "rendering takes more than " + std::to_string(maxSteps)
                          + " steps; the template loops too often over its data");
    }

    void work(size_t pos, qint64 units)
    {
        m_work += units;
        if (m_work > maxWork)
            fail(pos, "rendering handles more than " + std::to_string(maxWork)
                          + " bytes and entries of data; the template loops too often over large values");
    }

    void work(size_t pos, const Value &value)
    {
        if (value.kind == Value::Kind::String)
            work(pos, qint64(value.string().size()));
        else if (value.kind == Value::Kind::Array || value.kind == Value::Kind::Map)
            work(pos, qint64(value.json->size()));
    }

    void write(size_t pos, std::string_view text)
    {
        if (m_out.size() + text.size() > maxOutput)
            fail(pos, "the rendered command is longer than " + std::to_string(maxOutput)
                          + " bytes (1 MiB); shorten the template or its data");
        m_out.append(text);
    }

    void walkList(const std::vector<std::shared_ptr<const Node>> &list, const Value &dot)
    {
        for (const auto &node : list)
            walk(*node, dot);
    }

    void walk(const Node &node, const Value &dot)
    {
        step(node.pos);
        switch (node.kind) {
        case Node::Kind::Text: write(node.pos, node.text); return;
        case Node::Kind::Action: {
            const Value value = evalPipeline(*node.pipeline, dot);
            if (node.pipeline->declarations.empty())
                write(node.pos, value.kind == Value::Kind::Missing ? "<no value>" : printed(value));
            return;
        }
        case Node::Kind::If:
        case Node::Kind::With: {
            const size_t mark = m_vars.size();
            const Value value = evalPipeline(*node.pipeline, dot);
            if (isTrue(value))
                walkList(node.list, node.kind == Node::Kind::With ? value : dot);
            else
                walkList(node.elseList, dot);
            m_vars.resize(mark);
            return;
        }
        case Node::Kind::Range: walkRange(node, dot); return;
        }
    }

    void walkRange(const Node &node, const Value &dot)
    {
        const size_t mark = m_vars.size();
        const Pipeline &pipeline = *node.pipeline;
        const Value value = evalPipeline(pipeline, dot);
        work(node.pos, value);
        const size_t declared = pipeline.declarations.size();
        auto turn = [&](const Value &index, const Value &element) {
            step(node.pos);
            if (declared > 0)
                setVariable(pipeline, declared == 1 ? 0 : 1, element, mark);
            if (declared > 1)
                setVariable(pipeline, 0, index, mark);
            const size_t inner = m_vars.size();
            walkList(node.list, element);
            m_vars.resize(inner);
        };
        bool empty = true;
        switch (value.kind) {
        case Value::Kind::Missing: break;
        case Value::Kind::Array: {
            qint64 index = 0;
            for (const Json &element : *value.json) {
                empty = false;
                turn(Value::ofInt(index++), fromJson(element));
            }
            break;
        }
        case Value::Kind::Map:
            for (const auto &[key, element] : sortedMembers(*value.json)) {
                empty = false;
                turn(Value::ofString(std::string(key)), fromJson(*element));
            }
            break;
        case Value::Kind::Int:
            // Go 1.22 ranges over an integer: 0, 1, ... n-1.
            if (declared > 1)
                fail(node.pos, "a range over the integer " + std::to_string(value.integer)
                                   + " sets only one variable; declare one");
            for (qint64 i = 0; i < value.integer; ++i) {
                empty = false;
                turn(Value::ofInt(i), Value::ofInt(i));
            }
            break;
        default: fail(node.pos, "range can't iterate over " + printed(value));
        }
        if (empty)
            walkList(node.elseList, dot);
        m_vars.resize(mark);
    }

    // Range variables were pushed by evalPipeline right after `mark`; with
    // `=` they name variables declared outside.
    void setVariable(const Pipeline &pipeline, size_t which, const Value &value, size_t mark)
    {
        if (pipeline.isAssign)
            assign(pipeline.pos, pipeline.declarations[which], value);
        else
            m_vars[mark + which].second = value;
    }

    void assign(size_t pos, const std::string &name, const Value &value)
    {
        for (auto it = m_vars.rbegin(); it != m_vars.rend(); ++it) {
            if (it->first == name) {
                it->second = value;
                return;
            }
        }
        fail(pos, "undefined variable: " + name);
    }

    Value variable(size_t pos, const std::string &name) const
    {
        for (auto it = m_vars.rbegin(); it != m_vars.rend(); ++it) {
            if (it->first == name)
                return it->second;
        }
        fail(pos, "undefined variable: " + name);
    }

    Value evalPipeline(const Pipeline &pipeline, const Value &dot)
    {
        std::optional<Value> value;
        for (const Command &command : pipeline.commands)
            value = evalCommand(command, dot, value);
        for (const std::string &name : pipeline.declarations) {
            if (pipeline.isAssign)
                assign(pipeline.pos, name, *value);
            else
                m_vars.emplace_back(name, *value);
        }
        return *value;
    }

    std::string sourceOf(const Operand &operand) const { return m_src.substr(operand.pos, operand.end - operand.pos); }

    void notAFunction(const Command &command, const std::optional<Value> &final) const
    {
        if (command.args.size() > 1 || final)
            fail(command.args.front().pos, "can't give argument to non-function " + sourceOf(command.args.front()));
    }

    Value evalCommand(const Command &command, const Value &dot, const std::optional<Value> &final)
    {
        step(command.pos);
        const Operand &first = command.args.front();
        const bool hasArgs = command.args.size() > 1 || final;
        switch (first.kind) {
        case Operand::Kind::Function: return call(first, command.args, 1, dot, final);
        case Operand::Kind::Field: return evalFields(dot, first, hasArgs);
        case Operand::Kind::Variable:
            if (first.fields.empty())
                notAFunction(command, final);
            return evalFields(variable(first.pos, first.name), first, hasArgs);
        case Operand::Kind::Pipeline: {
            if (first.fields.empty())
                notAFunction(command, final);
            const Value value = evalPipelineScoped(*first.pipeline, dot);
            return evalFields(value, first, hasArgs);
        }
        case Operand::Kind::Nil: fail(first.pos, "nil is not a command");
        default: notAFunction(command, final); return literal(first, dot);
        }
    }

    // A parenthesised pipeline's variables end with it.
    Value evalPipelineScoped(const Pipeline &pipeline, const Value &dot)
    {
        const size_t mark = m_vars.size();
        Value value = evalPipeline(pipeline, dot);
        m_vars.resize(mark);
        return value;
    }

    static Value literal(const Operand &operand, const Value &dot)
    {
        switch (operand.kind) {
        case Operand::Kind::Bool: return Value::ofBool(operand.boolean);
        case Operand::Kind::Int: return Value::ofInt(operand.integer);
        case Operand::Kind::Float: {
            Value v;
            v.kind = Value::Kind::Float;
            v.number = operand.number;
            return v;
        }
        case Operand::Kind::String: return Value::ofString(operand.name);
        case Operand::Kind::Dot: return dot;
        default: return Value::nil();
        }
    }

    // Follows operand.fields from `receiver`; only the last field can be
    // given arguments, and a map key never takes any.
    Value evalFields(Value receiver, const Operand &operand, bool hasArgs)
    {
        for (size_t i = 0; i < operand.fields.size(); ++i) {
            const std::string &name = operand.fields[i];
            const bool last = i + 1 == operand.fields.size();
            switch (receiver.kind) {
            case Value::Kind::Missing: return receiver;
            case Value::Kind::Nil: fail(operand.pos, "nil pointer evaluating interface {}." + name);
            case Value::Kind::Map: {
                if (last && hasArgs)
                    fail(operand.pos, name + " is not a method but has arguments");
                work(operand.pos, receiver); // a linear search
                const Json *member = findMember(*receiver.json, name);
                if (!member)
                    return Value{};
                receiver = fromJson(*member);
                break;
            }
            default: fail(operand.pos, "can't evaluate field " + name + " in type " + typeName(receiver));
            }
        }
        return receiver;
    }

    Value evalOperand(const Operand &operand, const Value &dot)
    {
        switch (operand.kind) {
        case Operand::Kind::Field: return evalFields(dot, operand, false);
        case Operand::Kind::Variable: return evalFields(variable(operand.pos, operand.name), operand, false);
        case Operand::Kind::Pipeline: return evalFields(evalPipelineScoped(*operand.pipeline, dot), operand, false);
        case Operand::Kind::Function: {
            const std::vector<Operand> alone = {operand};
            return call(operand, alone, 1, dot, std::nullopt);
        }
        default: return literal(operand, dot);
        }
    }

    // Converts an evaluated value for a parameter the way Go's
    // validateType does.
    static Value convert(const Value &value, Param param, size_t pos)
    {
        switch (param) {
        case Param::Reflect: return value;
        case Param::Any: return value.kind == Value::Kind::Missing ? Value::nil() : value;
        case Param::String:
            if (value.kind == Value::Kind::String)
                return value;
            if (value.kind == Value::Kind::Missing)
                fail(pos, "invalid value; expected string");
            fail(pos, "wrong type for value; expected string; got " + typeName(value));
        }
        return value;
    }

    Value evalArg(const Operand &operand, Param param, const Value &dot)
    {
        if (operand.kind == Operand::Kind::Nil) {
            if (param == Param::Any)
                return Value::nil();
            fail(operand.pos,
                 std::string("cannot assign nil to ") + (param == Param::String ? "string" : "reflect.Value"));
        }
        if (param == Param::String
            && (operand.kind == Operand::Kind::Bool || operand.kind == Operand::Kind::Int
                || operand.kind == Operand::Kind::Float))
            fail(operand.pos, "expected string; found " + operand.name);
        return convert(evalOperand(operand, dot), param, operand.pos);
    }

    struct Signature
    {
        std::vector<Param> fixed;
        bool variadic = false;
        Param rest = Param::Any;
    };

    static Signature signatureOf(const std::string &name)
    {
        if (name == "and" || name == "or" || name == "index" || name == "eq")
            return {{Param::Reflect}, true, Param::Reflect};
        if (name == "not" || name == "len")
            return {{Param::Reflect}, false, Param::Any};
        if (name == "ne" || name == "lt" || name == "le" || name == "gt" || name == "ge")
            return {{Param::Reflect, Param::Reflect}, false, Param::Any};
        if (name == "print" || name == "println" || name == "quote" || name == "squote")
            return {{}, true, Param::Any};
        if (name == "printf")
            return {{Param::String}, true, Param::Any};
        if (name == "default")
            return {{Param::Any}, true, Param::Any};
        if (name == "join")
            return {{Param::String, Param::Any}, false, Param::Any};
        if (name == "toJson")
            return {{Param::Any}, false, Param::Any};
        return {{Param::String}, false, Param::Any}; // upper, lower, trim, b64enc
    }

    Value call(const Operand &function, const std::vector<Operand> &words, size_t firstArg, const Value &dot,
               const std::optional<Value> &final)
    {
        const std::string &name = function.name;
        const Signature signature = signatureOf(name);
        const size_t given = words.size() - firstArg;
        const size_t count = given + (final ? 1 : 0);
        if (signature.variadic && count < signature.fixed.size())
            fail(function.pos, "wrong number of args for " + name + ": want at least "
                                   + std::to_string(signature.fixed.size()) + " got " + std::to_string(given));
        if (!signature.variadic && count != signature.fixed.size())
            fail(function.pos, "wrong number of args for " + name + ": want " + std::to_string(signature.fixed.size())
                                   + " got " + std::to_string(count));
        auto paramAt = [&](size_t i) { return i < signature.fixed.size() ? signature.fixed[i] : signature.rest; };

        // and/or evaluate their arguments only as far as needed.
        if (name == "and" || name == "or") {
            Value value;
            for (size_t i = firstArg; i < words.size(); ++i) {
                value = evalArg(words[i], Param::Reflect, dot);
                if (isTrue(value) == (name == "or"))
                    return value;
            }
            return final ? *final : value;
        }
        std::vector<Value> args;
        args.reserve(count);
        for (size_t i = firstArg; i < words.size(); ++i)
            args.push_back(evalArg(words[i], paramAt(args.size()), dot));
        if (final)
            args.push_back(convert(*final, paramAt(args.size()), function.pos));
        for (const Value &arg : args)
            work(function.pos, arg);
        Value result = invoke(function, args);
        if (result.kind == Value::Kind::String && result.string().size() > maxOutput)
            fail(function.pos, "the template builds a string longer than " + std::to_string(maxOutput)
                                   + " bytes; shorten the template or its data");
        work(function.pos, result);
        return result;
    }

    [[noreturn]] static void callError(const Operand &function, const std::string &message)
    {
        fail(function.pos, "error calling " + function.name + ": " + message);
    }

    static bool basicKind(const Value &v)
    {
        switch (v.kind) {
        case Value::Kind::Bool:
        case Value::Kind::Int:
        case Value::Kind::Float:
        case Value::Kind::String: return true;
        default: return false;
        }
    }

    static bool isNilLike(const Value &v) { return v.kind == Value::Kind::Missing || v.kind == Value::Kind::Nil; }

    static bool equal(const Operand &function, const Value &a, const Value &b)
    {
        if (isNilLike(a) || isNilLike(b)) {
            // Only a valid value of a basic kind against nil differs in kind
            // without an error; nil equals nil.
            return isNilLike(a) && isNilLike(b);
        }
        if (a.kind != b.kind) {
            if (basicKind(a) && basicKind(b))
                callError(function, "incompatible types for comparison");
            if (basicKind(a) || basicKind(b))
                callError(function, "incompatible types for comparison");
            callError(function, "non-comparable types " + typeName(a) + " and " + typeName(b));
        }
        switch (a.kind) {
        case Value::Kind::Bool: return a.boolean == b.boolean;
        case Value::Kind::Int: return a.integer == b.integer;
        case Value::Kind::Float: return a.number == b.number;
        case Value::Kind::String: return a.string() == b.string();
        default: callError(function, "non-comparable type " + typeName(a));
        }
    }

    static bool less(const Operand &function, const Value &a, const Value &b)
    {
        if (!basicKind(a) || !basicKind(b))
            callError(function, "invalid type for comparison");
        if (a.kind != b.kind)
            callError(function, "incompatible types for comparison");
        switch (a.kind) {
        case Value::Kind::Int: return a.integer < b.integer;
        case Value::Kind::Float: return a.number < b.number;
        case Value::Kind::String: return a.string() < b.string();
        default: callError(function, "invalid type for comparison");
        }
    }

    static std::string stringValue(const Value &v) { return v.kind == Value::Kind::String ? v.string() : printed(v); }

    // strings.ToUpper/ToLower: simple case mapping rune by rune; an
    // invalid byte becomes U+FFFD.
    static std::string mapRunes(const std::string &text, bool upper)
    {
        std::string out;
        for (size_t at = 0; at < text.size();) {
            const auto [rune, length] = decodeRune(text, at);
            appendRune(out, upper ? QChar::toUpper(rune) : QChar::toLower(rune));
            at += length;
        }
        return out;
    }

    static Value invoke(const Operand &function, const std::vector<Value> &args)
    {
        const std::string &name = function.name;
        if (name == "not")
            return Value::ofBool(!isTrue(args[0]));
        if (name == "len") {
            const Value &item = args[0];
            switch (item.kind) {
            case Value::Kind::Missing:
            case Value::Kind::Nil: callError(function, "len of nil pointer");
            case Value::Kind::String: return Value::ofInt(qint64(item.string().size()));
            case Value::Kind::Array:
            case Value::Kind::Map: return Value::ofInt(qint64(item.json->size()));
            default: callError(function, "len of type " + typeName(item));
            }
        }
        if (name == "index")
            return index(function, args);
        if (name == "eq") {
            if (args.size() < 2)
                callError(function, "missing argument for comparison");
            for (size_t i = 1; i < args.size(); ++i) {
                if (equal(function, args[0], args[i]))
                    return Value::ofBool(true);
            }
            return Value::ofBool(false);
        }
        if (name == "ne")
            return Value::ofBool(!equal(function, args[0], args[1]));
        if (name == "lt")
            return Value::ofBool(less(function, args[0], args[1]));
        if (name == "le")
            return Value::ofBool(less(function, args[0], args[1]) || equal(function, args[0], args[1]));
        if (name == "gt")
            return Value::ofBool(!(less(function, args[0], args[1]) || equal(function, args[0], args[1])));
        if (name == "ge")
            return Value::ofBool(!less(function, args[0], args[1]));
        if (name == "print" || name == "println") {
            std::string out;
            bool previousString = false;
            for (size_t i = 0; i < args.size(); ++i) {
                const bool isString = args[i].kind == Value::Kind::String;
                // Sprint spaces operands when neither is a string; Sprintln always.
                if (i > 0 && (name == "println" || (!isString && !previousString)))
                    out += ' ';
                formatValue(out, args[i], 'v', {}, 0);
                previousString = isString;
            }
            if (name == "println")
                out += '\n';
            return Value::ofString(std::move(out));
        }
        if (name == "printf")
            return Value::ofString(sprintf(args[0].string(), std::vector<Value>(args.begin() + 1, args.end())));
        if (name == "default") {
            // sprig: the first argument unless the second is given and not empty.
            if (args.size() < 2 || !isTrue(args[1]))
                return args[0];
            return args[1];
        }
        if (name == "quote" || name == "squote") {
            // sprig skips nil arguments and joins the rest with spaces.
            std::string out;
            for (const Value &arg : args) {
                if (arg.kind == Value::Kind::Nil)
                    continue;
                if (!out.empty())
                    out += ' ';
                out += name == "quote" ? goQuote(stringValue(arg)) : "'" + printed(arg) + "'";
            }
            return Value::ofString(std::move(out));
        }
        if (name == "upper" || name == "lower")
            return Value::ofString(mapRunes(args[0].string(), name == "upper"));
        if (name == "trim") {
            const std::string &text = args[0].string();
            size_t begin = 0;
            size_t end = text.size();
            while (begin < end) {
                const auto [rune, length] = decodeRune(text, begin);
                if (!isSpace(rune))
                    break;
                begin += length;
            }
            while (end > begin) {
                size_t start = end - 1;
                while (start > begin && (uchar(text[start]) & 0xc0) == 0x80)
                    --start;
                const auto [rune, length] = decodeRune(text, start);
                if (start + length != end || !isSpace(rune))
                    break;
                end = start;
            }
            return Value::ofString(text.substr(begin, end - begin));
        }
        if (name == "join") {
            // sprig's strslice: nil elements are left out, a non-list is one element.
            std::string out;
            const Value &list = args[1];
            if (list.kind == Value::Kind::Array) {
                bool first = true;
                for (const Json &element : *list.json) {
                    const Value value = fromJson(element);
                    if (value.kind == Value::Kind::Nil)
                        continue;
                    if (!first)
                        out += args[0].string();
                    first = false;
                    out += stringValue(value);
                }
            } else if (list.kind != Value::Kind::Nil) {
                out = stringValue(list);
            }
            return Value::ofString(std::move(out));
        }
        if (name == "toJson") {
            std::string out;
            appendJson(out, args[0]);
            return Value::ofString(std::move(out));
        }
        return Value::ofString(base64(args[0].string())); // b64enc
    }

    static Value index(const Operand &function, const std::vector<Value> &args)
    {
        Value item = args[0];
        if (item.kind == Value::Kind::Missing || item.kind == Value::Kind::Nil)
            callError(function, "index of untyped nil");
        for (size_t i = 1; i < args.size(); ++i) {
            const Value &key = args[i];
            switch (item.kind) {
            case Value::Kind::Nil: callError(function, "index of nil pointer");
            case Value::Kind::Array:
            case Value::Kind::String: {
                if (isNilLike(key))
                    callError(function, "cannot index slice/array with nil");
                if (key.kind != Value::Kind::Int)
                    callError(function, "cannot index slice/array with type " + typeName(key));
                const qint64 size = item.kind == Value::Kind::Array ? qint64(item.json->size())
                                                                    : qint64(item.string().size());
                if (key.integer < 0 || key.integer >= size)
                    callError(function, "index out of range: " + std::to_string(key.integer));
                if (item.kind == Value::Kind::Array)
                    item = fromJson((*item.json)[size_t(key.integer)]);
                else
                    item = Value::ofInt(uchar(item.string()[size_t(key.integer)])); // a byte
                break;
            }
            case Value::Kind::Map: {
                if (isNilLike(key))
                    callError(function, "value is nil; should be of type string");
                if (key.kind != Value::Kind::String)
                    callError(function, "value has type " + typeName(key) + "; should be string");
                const Json *member = findMember(*item.json, key.string());
                item = member ? fromJson(*member) : Value::nil();
                break;
            }
            default: callError(function, "can't index item of type " + typeName(item));
            }
        }
        return item;
    }

    const std::string &m_src;
    std::string m_out;
    std::vector<std::pair<std::string, Value>> m_vars;
    qint64 m_steps = 0;
    qint64 m_work = 0;
};

} // namespace

std::optional<CommandTemplate> CommandTemplate::parse(const QString &text, QString *error)
{
    CommandTemplate parsed;
    parsed.m_text = text;
    parsed.m_utf8 = toUtf8(text);
    try {
        Parser parser(parsed.m_utf8);
        auto root = std::make_shared<Node>();
        root->list = parser.parseTemplate();
        parsed.m_root = std::move(root);
    } catch (const TemplateError &e) {
        if (error)
            *error = located(parsed.m_utf8, e);
        return std::nullopt;
    }
    return parsed;
}

std::optional<QString> CommandTemplate::render(const Json &data, QString *error) const
{
    try {
        Renderer renderer(m_utf8);
        return toQString(renderer.render(m_root->list, data));
    } catch (const TemplateError &e) {
        if (error)
            *error = located(m_utf8, e);
        return std::nullopt;
    }
}

} // namespace Flotilla
