#include "timestamp.h"

#include <QRegularExpression>

namespace Flotilla::Timestamp {

std::optional<QDateTime> parse(QStringView text)
{
    static const QRegularExpression pattern(QStringLiteral(
        R"(^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))\z)"));
    const QRegularExpressionMatch m = pattern.match(text.toString());
    if (!m.hasMatch())
        return std::nullopt;
    const auto num = [&m](int group) { return m.capturedView(group).toInt(); };
    const QDate date(num(1), num(2), num(3));
    int msec = 0;
    if (m.hasCaptured(7))
        msec = m.captured(7).leftJustified(3, u'0').left(3).toInt();
    const QTime time(num(4), num(5), num(6), msec);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    QDateTime result(date, time, Qt::UTC);
    if (m.hasCaptured(9)) {
        const int hours = num(10), minutes = num(11);
        if (hours > 23 || minutes > 59)
            return std::nullopt;
        const int offset = (hours * 60 + minutes) * 60;
        result = result.addSecs(m.capturedView(9) == u"+" ? -offset : offset);
    }
    return result;
}

QString format(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace Flotilla::Timestamp
