#include "timestamp.h"

namespace Flotilla::Timestamp {

namespace {

// Hand-written rather than a regular expression: a run list page parses three
// timestamps per run, and the regex (plus the copy it needed) was most of
// that cost. `Text` is QStringView or std::string_view; only ASCII counts.
template <typename Text>
class Rfc3339Scanner final
{
public:
    explicit Rfc3339Scanner(Text text)
        : m_text(text)
    {}

    bool atEnd() const { return m_pos == qsizetype(m_text.size()); }
    char32_t peek() const { return atEnd() ? 0 : code(m_text[m_pos]); }
    bool take(char32_t c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    bool takeOneOf(std::u32string_view set, char32_t *taken)
    {
        const char32_t c = peek();
        if (c == 0 || set.find(c) == std::u32string_view::npos)
            return false;
        *taken = c;
        ++m_pos;
        return true;
    }
    bool isDigit() const { return peek() >= U'0' && peek() <= U'9'; }
    // Exactly `count` ASCII digits.
    bool number(int count, int *value)
    {
        *value = 0;
        for (int i = 0; i < count; ++i) {
            if (!isDigit())
                return false;
            *value = *value * 10 + int(peek() - U'0');
            ++m_pos;
        }
        return true;
    }

private:
    static char32_t code(QChar c) { return c.unicode(); }
    static char32_t code(char c) { return static_cast<unsigned char>(c); }

    Text m_text;
    qsizetype m_pos = 0;
};

template <typename Text>
std::optional<QDateTime> parseText(Text text)
{
    Rfc3339Scanner<Text> in(text);
    int year, month, day, hour, minute, second;
    char32_t separator;
    if (!in.number(4, &year) || !in.take(U'-') || !in.number(2, &month) || !in.take(U'-') || !in.number(2, &day)
        || !in.takeOneOf(U"Tt ", &separator) || !in.number(2, &hour) || !in.take(U':') || !in.number(2, &minute)
        || !in.take(U':') || !in.number(2, &second))
        return std::nullopt;
    int msec = 0;
    if (in.take(U'.')) {
        int digits = 0;
        for (; in.isDigit(); ++digits) {
            int digit;
            in.number(1, &digit);
            if (digits < 3)
                msec = msec * 10 + digit;
        }
        if (digits == 0 || digits > 9)
            return std::nullopt;
        for (; digits < 3; ++digits)
            msec *= 10;
    }
    int offsetSeconds = 0;
    char32_t zone;
    if (!in.takeOneOf(U"Zz+-", &zone))
        return std::nullopt;
    if (zone == U'+' || zone == U'-') {
        int hours, minutes;
        if (!in.number(2, &hours) || !in.take(U':') || !in.number(2, &minutes) || hours > 23 || minutes > 59)
            return std::nullopt;
        offsetSeconds = (hours * 60 + minutes) * 60 * (zone == U'+' ? 1 : -1);
    }
    if (!in.atEnd())
        return std::nullopt;
    const QDate date(year, month, day);
    const QTime time(hour, minute, second, msec);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    constexpr qint64 julianDayOfEpoch = 2440588;
    const qint64 msecs = (date.toJulianDay() - julianDayOfEpoch) * 86400000 + time.msecsSinceStartOfDay()
                         - qint64(offsetSeconds) * 1000;
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
}

} // namespace

std::optional<QDateTime> parse(QStringView text)
{
    return parseText(text);
}

std::optional<QDateTime> parseUtf8(std::string_view text)
{
    return parseText(text);
}

QString format(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace Flotilla::Timestamp
