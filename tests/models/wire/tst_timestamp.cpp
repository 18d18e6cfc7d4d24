// Timestamp::parse and Timestamp::format: RFC 3339 as every Flotilla era
// writes it in, the contract's form out (api-contract.md §2, §9).
#include <wire/timestamp.h>

#include <QTest>

using namespace Flotilla;

namespace {

QDateTime utc(int year, int month, int day, int hour, int minute, int second, int msec = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, msec), Qt::UTC);
}

} // namespace

class Tst_Timestamp final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseFractionalDigits_data();
    void parseFractionalDigits();
    void parseZone_data();
    void parseZone();
    void parseSeparators_data();
    void parseSeparators();
    void parseResultIsUtc();
    void rejects_data();
    void rejects();
    void rejectsTrailingNewline();
    void format_data();
    void format();
    void formatParseRoundTrip();
};

void Tst_Timestamp::parseFractionalDigits_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("msec");

    QTest::newRow("0 digits") << QStringLiteral("2026-11-27T07:01:26Z") << 0;
    QTest::newRow("1 digit") << QStringLiteral("2026-11-27T07:01:26.1Z") << 100;
    QTest::newRow("2 digits") << QStringLiteral("2026-11-27T07:01:26.12Z") << 120;
    QTest::newRow("3 digits") << QStringLiteral("2026-11-27T07:01:26.123Z") << 123;
    QTest::newRow("4 digits") << QStringLiteral("2026-11-27T07:01:26.1234Z") << 123;
    QTest::newRow("5 digits") << QStringLiteral("2026-11-27T07:01:26.12345Z") << 123;
    QTest::newRow("6 digits") << QStringLiteral("2026-11-27T07:01:26.123456Z") << 123;
    QTest::newRow("7 digits") << QStringLiteral("2026-11-27T07:01:26.1234567Z") << 123;
    QTest::newRow("8 digits") << QStringLiteral("2026-11-27T07:01:26.12345678Z") << 123;
    QTest::newRow("9 digits") << QStringLiteral("2026-11-27T07:01:26.123456789Z") << 123;
    QTest::newRow("9 digits, sub-ms dropped not rounded") << QStringLiteral("2026-11-27T07:01:26.999999999Z") << 999;
    QTest::newRow("leading zeros") << QStringLiteral("2026-11-27T07:01:26.007Z") << 7;
    QTest::newRow("all zeros") << QStringLiteral("2026-11-27T07:01:26.000000000Z") << 0;
}

void Tst_Timestamp::parseFractionalDigits()
{
    QFETCH(QString, text);
    QFETCH(int, msec);

    const std::optional<QDateTime> parsed = Timestamp::parse(text);
    QVERIFY2(parsed.has_value(), qPrintable(text));
    QCOMPARE(*parsed, utc(2026, 11, 27, 7, 1, 26, msec));
}

void Tst_Timestamp::parseZone_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("expected");

    QTest::newRow("Z") << QStringLiteral("2026-11-27T07:01:26.123Z") << utc(2026, 11, 27, 7, 1, 26, 123);
    QTest::newRow("lower-case z") << QStringLiteral("2026-11-27T07:01:26.123z") << utc(2026, 11, 27, 7, 1, 26, 123);
    QTest::newRow("+00:00") << QStringLiteral("2026-11-27T07:01:26+00:00") << utc(2026, 11, 27, 7, 1, 26);
    QTest::newRow("-00:00") << QStringLiteral("2026-11-27T07:01:26-00:00") << utc(2026, 11, 27, 7, 1, 26);
    QTest::newRow("+02:00") << QStringLiteral("2026-11-27T07:01:26+02:00") << utc(2026, 11, 27, 5, 1, 26);
    QTest::newRow("-07:00 with 9 digits (upstream HEAD)")
        << QStringLiteral("2024-05-01T12:00:00.123456789-07:00") << utc(2024, 5, 1, 19, 0, 0, 123);
    QTest::newRow("+05:30") << QStringLiteral("2026-11-27T07:01:26.5+05:30") << utc(2026, 11, 27, 1, 31, 26, 500);
    QTest::newRow("-09:45") << QStringLiteral("2026-11-27T07:01:26-09:45") << utc(2026, 11, 27, 16, 46, 26);
    QTest::newRow("+23:59") << QStringLiteral("2026-11-27T07:01:26+23:59") << utc(2026, 11, 26, 7, 2, 26);
    QTest::newRow("offset crosses midnight forward")
        << QStringLiteral("2026-11-27T20:00:00-05:00") << utc(2026, 11, 28, 1, 0, 0);
    QTest::newRow("offset crosses a year backward")
        << QStringLiteral("2027-01-01T00:30:00+01:00") << utc(2026, 12, 31, 23, 30, 0);
    QTest::newRow("offset reaches Feb 29 of a leap year")
        << QStringLiteral("2028-03-01T01:00:00+02:00") << utc(2028, 2, 29, 23, 0, 0);
}

void Tst_Timestamp::parseZone()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);

    const std::optional<QDateTime> parsed = Timestamp::parse(text);
    QVERIFY2(parsed.has_value(), qPrintable(text));
    QCOMPARE(*parsed, expected);
    QCOMPARE(parsed->toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
    QCOMPARE(Timestamp::parseUtf8(text.toStdString()), parsed);
}

void Tst_Timestamp::parseSeparators_data()
{
    QTest::addColumn<QString>("text");

    // RFC 3339 §5.6 allows a lower-case t and (note) a space between date and time.
    QTest::newRow("T") << QStringLiteral("2026-11-27T07:01:26Z");
    QTest::newRow("t") << QStringLiteral("2026-11-27t07:01:26Z");
    QTest::newRow("space") << QStringLiteral("2026-11-27 07:01:26Z");
}

void Tst_Timestamp::parseSeparators()
{
    QFETCH(QString, text);

    const std::optional<QDateTime> parsed = Timestamp::parse(text);
    QVERIFY2(parsed.has_value(), qPrintable(text));
    QCOMPARE(*parsed, utc(2026, 11, 27, 7, 1, 26));
}

void Tst_Timestamp::parseResultIsUtc()
{
    const std::optional<QDateTime> parsed = Timestamp::parse(u"2026-11-27T09:01:26.5+02:00");
    QVERIFY(parsed.has_value());
    QVERIFY(parsed->isValid());
    QCOMPARE(parsed->timeSpec(), Qt::UTC);
    QCOMPARE(parsed->time(), QTime(7, 1, 26, 500));
    QCOMPARE(parsed->date(), QDate(2026, 11, 27));
}

void Tst_Timestamp::rejects_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QString();
    QTest::newRow("garbage") << QStringLiteral("yesterday");
    QTest::newRow("date only") << QStringLiteral("2026-11-27");
    QTest::newRow("no zone") << QStringLiteral("2026-11-27T07:01:26");
    QTest::newRow("no zone with fraction") << QStringLiteral("2026-11-27T07:01:26.123");
    QTest::newRow("no seconds") << QStringLiteral("2026-11-27T07:01Z");
    QTest::newRow("10 fractional digits") << QStringLiteral("2026-11-27T07:01:26.1234567890Z");
    QTest::newRow("dot without digits") << QStringLiteral("2026-11-27T07:01:26.Z");
    QTest::newRow("comma fraction") << QStringLiteral("2026-11-27T07:01:26,123Z");
    QTest::newRow("leading space") << QStringLiteral(" 2026-11-27T07:01:26Z");
    QTest::newRow("trailing space") << QStringLiteral("2026-11-27T07:01:26Z ");
    QTest::newRow("trailing garbage") << QStringLiteral("2026-11-27T07:01:26Zjunk");
    QTest::newRow("two zones") << QStringLiteral("2026-11-27T07:01:26Z+01:00");
    QTest::newRow("other separator") << QStringLiteral("2026-11-27X07:01:26Z");
    QTest::newRow("short year") << QStringLiteral("26-11-27T07:01:26Z");
    QTest::newRow("one-digit month") << QStringLiteral("2026-1-27T07:01:26Z");
    QTest::newRow("basic format") << QStringLiteral("20261127T070126Z");
    QTest::newRow("month 13") << QStringLiteral("2026-13-27T07:01:26Z");
    QTest::newRow("month 00") << QStringLiteral("2026-00-27T07:01:26Z");
    QTest::newRow("day 00") << QStringLiteral("2026-11-00T07:01:26Z");
    QTest::newRow("Nov 31") << QStringLiteral("2026-11-31T07:01:26Z");
    QTest::newRow("Feb 29 of a common year") << QStringLiteral("2026-02-29T07:01:26Z");
    QTest::newRow("Feb 30 of a leap year") << QStringLiteral("2028-02-30T07:01:26Z");
    QTest::newRow("hour 24") << QStringLiteral("2026-11-27T24:00:00Z");
    QTest::newRow("minute 60") << QStringLiteral("2026-11-27T07:60:26Z");
    QTest::newRow("second 60") << QStringLiteral("2026-11-27T07:01:60Z");
    QTest::newRow("offset hour 24") << QStringLiteral("2026-11-27T07:01:26+24:00");
    QTest::newRow("offset minute 60") << QStringLiteral("2026-11-27T07:01:26-01:60");
    QTest::newRow("offset without colon") << QStringLiteral("2026-11-27T07:01:26+0100");
    QTest::newRow("offset hours only") << QStringLiteral("2026-11-27T07:01:26+01");
    QTest::newRow("offset one-digit hour") << QStringLiteral("2026-11-27T07:01:26+1:00");
    QTest::newRow("offset without sign") << QStringLiteral("2026-11-27T07:01:26 01:00");
    QTest::newRow("zone name") << QStringLiteral("2026-11-27T07:01:26UTC");
    QTest::newRow("non-ASCII digits") << QStringLiteral("\u0662\u0660\u0662\u0666-11-27T07:01:26Z");
    QTest::newRow("signed year") << QStringLiteral("+2026-11-27T07:01:26Z");
    QTest::newRow("five-digit year") << QStringLiteral("20260-11-27T07:01:26Z");
    QTest::newRow("offset minutes missing") << QStringLiteral("2026-11-27T07:01:26+01:");
    QTest::newRow("fraction after the zone") << QStringLiteral("2026-11-27T07:01:26Z.123");
    QTest::newRow("NUL after the zone") << QStringLiteral("2026-11-27T07:01:26Z") + QChar(0);
}

void Tst_Timestamp::rejects()
{
    QFETCH(QString, text);
    QVERIFY2(!Timestamp::parse(text).has_value(), qPrintable(text));
    QVERIFY2(!Timestamp::parseUtf8(text.toStdString()).has_value(), qPrintable(text));
}

void Tst_Timestamp::rejectsTrailingNewline()
{
    // "$" in a PCRE pattern also matches before a final newline.
    QVERIFY(!Timestamp::parse(u"2026-11-27T07:01:26Z\n").has_value());
}

void Tst_Timestamp::format_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QString>("expected");

    QTest::newRow("milliseconds") << utc(2026, 11, 27, 7, 1, 26, 123) << QStringLiteral("2026-11-27T07:01:26.123Z");
    QTest::newRow("whole second still has 3 digits")
        << utc(2026, 11, 27, 7, 1, 26) << QStringLiteral("2026-11-27T07:01:26.000Z");
    QTest::newRow("leading zero milliseconds")
        << utc(2026, 11, 27, 7, 1, 26, 5) << QStringLiteral("2026-11-27T07:01:26.005Z");
    QTest::newRow("end of year") << utc(2026, 12, 31, 23, 59, 59, 999) << QStringLiteral("2026-12-31T23:59:59.999Z");
    QTest::newRow("epoch") << QDateTime::fromMSecsSinceEpoch(0, Qt::UTC) << QStringLiteral("1970-01-01T00:00:00.000Z");
    QTest::newRow("offset +02:00 converted to UTC")
        << QDateTime(QDate(2026, 11, 27), QTime(9, 1, 26, 123), Qt::OffsetFromUTC, 2 * 3600)
        << QStringLiteral("2026-11-27T07:01:26.123Z");
    QTest::newRow("offset -07:00 converted to UTC")
        << QDateTime(QDate(2024, 5, 1), QTime(12, 0, 0, 123), Qt::OffsetFromUTC, -7 * 3600)
        << QStringLiteral("2024-05-01T19:00:00.123Z");
    QTest::newRow("local time converted to UTC")
        << QDateTime::fromMSecsSinceEpoch(utc(2026, 11, 27, 7, 1, 26, 123).toMSecsSinceEpoch(), Qt::LocalTime)
        << QStringLiteral("2026-11-27T07:01:26.123Z");
}

void Tst_Timestamp::format()
{
    QFETCH(QDateTime, time);
    QFETCH(QString, expected);
    QCOMPARE(Timestamp::format(time), expected);
}

void Tst_Timestamp::formatParseRoundTrip()
{
    const QDateTime time = utc(2026, 11, 27, 7, 1, 26, 123);
    const std::optional<QDateTime> back = Timestamp::parse(Timestamp::format(time));
    QVERIFY(back.has_value());
    QCOMPARE(*back, time);

    // An upstream time comes out in the contract's form.
    const std::optional<QDateTime> upstream = Timestamp::parse(u"2024-05-01T12:00:00.123456789-07:00");
    QVERIFY(upstream.has_value());
    QCOMPARE(Timestamp::format(*upstream), QStringLiteral("2024-05-01T19:00:00.123Z"));
}

QTEST_GUILESS_MAIN(Tst_Timestamp)
#include "tst_timestamp.moc"
