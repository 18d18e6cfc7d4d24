// Output: tables that fit the terminal, aligned fields, JSON, cell texts.
#include "commandtesting.h"

#include <cli/output.h>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_Output final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tableAlignsColumns();
    void tableFitsTheTerminal();
    void tableKeepsHeadersWhole();
    void fieldsAlignAndEndWithANewline();
    void jsonIsIndentedAndEndsWithANewline();
    void messagesGoToErr();
    void openLineIsEndedOnATerminal();
    void cellTexts();
};

// A log without a final newline (`printf hi`) left the shell's prompt on its
// last line. On a terminal the line is ended; a pipe gets the bytes as they are.
void Tst_Output::openLineIsEndedOnATerminal()
{
    {
        CapturedOutput captured;
        Output output = captured.output();
        output.setTerminal(true);
        output.out(QStringLiteral("h"));
        output.out(QStringLiteral("i"));
        output.endLine();
        output.endLine();
        QCOMPARE(captured.out(), QStringLiteral("hi\n"));
    }
    {
        CapturedOutput captured;
        Output output = captured.output();
        output.setTerminal(true);
        output.out(QStringLiteral("done\n"));
        output.endLine();
        QCOMPARE(captured.out(), QStringLiteral("done\n"));
    }
    {
        CapturedOutput captured;
        Output output = captured.output();
        output.setTerminal(true);
        output.out(QStringLiteral("hi"));
        output.err(QStringLiteral("flotilla: run r ended without an exit code\n"));
        QCOMPARE(captured.out(), QStringLiteral("hi\n"));
    }
    {
        CapturedOutput captured;
        Output output = captured.output();
        output.setTerminal(false);
        output.out(QStringLiteral("hi"));
        output.endLine();
        QCOMPARE(captured.out(), QStringLiteral("hi"));
    }
}

void Tst_Output::tableAlignsColumns()
{
    CapturedOutput captured;
    Output output = captured.output();
    output.setTerminalWidth(0); // a pipe: whole cells
    output.printTable({QStringLiteral("ID"), QStringLiteral("ALIAS")},
                      {{QStringLiteral("a-long-id"), QStringLiteral("first")},
                       {QStringLiteral("b"), QStringLiteral("x\ty")}});
    QCOMPARE(captured.out(), QStringLiteral("ID         ALIAS\n"
                                            "a-long-id  first\n"
                                            "b          x y\n"));
    QVERIFY(captured.err().isEmpty());
}

void Tst_Output::tableFitsTheTerminal()
{
    CapturedOutput captured;
    Output output = captured.output();
    output.setTerminalWidth(24);
    output.printTable({QStringLiteral("ID"), QStringLiteral("COMMAND")},
                      {{QStringLiteral("1234567890"), QStringLiteral("echo a very long command line")}});
    const QStringList lines = captured.out().split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    for (const QString &line : lines)
        QVERIFY2(line.size() <= 24, qPrintable(line));
    QVERIFY2(lines.at(1).endsWith(u'\u2026'), qPrintable(lines.at(1)));
    QVERIFY2(lines.at(1).startsWith(QStringLiteral("1234567890")), qPrintable(lines.at(1))); // the widest shrinks first
}

void Tst_Output::tableKeepsHeadersWhole()
{
    CapturedOutput captured;
    Output output = captured.output();
    output.setTerminalWidth(5); // narrower than the headers: they stay, the terminal wraps
    output.printTable({QStringLiteral("DEFINITION"), QStringLiteral("ALIAS")},
                      {{QStringLiteral("abcdefghijklmnop"), QStringLiteral("x")}});
    QVERIFY2(captured.out().startsWith(QStringLiteral("DEFINITION  ALIAS\n")), qPrintable(captured.out()));
    QVERIFY2(captured.out().contains(QStringLiteral("abcdefghi\u2026")), qPrintable(captured.out()));
}

void Tst_Output::fieldsAlignAndEndWithANewline()
{
    CapturedOutput captured;
    Output output = captured.output();
    output.printFields({{QStringLiteral("ID"), QStringLiteral("d1")},
                        {QStringLiteral("Exit code"), QString()},
                        {QStringLiteral("Alias"), QStringLiteral("hello")}});
    QCOMPARE(captured.out(), QStringLiteral("ID:        d1\n"
                                            "Exit code: \n"
                                            "Alias:     hello\n"));
}

void Tst_Output::jsonIsIndentedAndEndsWithANewline()
{
    CapturedOutput captured;
    Output output = captured.output();
    output.printJson(Json{{"deleted", true}});
    QCOMPARE(captured.out(), QStringLiteral("{\n  \"deleted\": true\n}\n"));
}

void Tst_Output::messagesGoToErr()
{
    CapturedOutput captured;
    Output output = captured.output();
    output.err(QStringLiteral("flotilla: caf\u00e9\n"));
    QCOMPARE(captured.err(), QStringLiteral("flotilla: caf\u00e9\n"));
    QVERIFY(captured.out().isEmpty());
}

void Tst_Output::cellTexts()
{
    QCOMPARE(Output::text(std::optional<qint64>()), QString());
    QCOMPARE(Output::text(std::optional<qint64>(512)), QStringLiteral("512"));
    QCOMPARE(Output::text(std::optional<QDateTime>(QDateTime(QDate(2018, 1, 31), QTime(22, 26, 11), Qt::UTC))),
             QStringLiteral("2018-01-31T22:26:11Z"));
    QCOMPARE(Output::text(
                 EnvList{{QStringLiteral("A"), QStringLiteral("1")}, {QStringLiteral("B"), QStringLiteral("two")}}),
             QStringLiteral("A=1 B=two"));
}

QTEST_GUILESS_MAIN(Tst_Output)
#include "tst_output.moc"
