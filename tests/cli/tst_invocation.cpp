// Invocation: global options before or after the command, one finished()
// with the right exit code, and the errors' wording.
#include "commandtesting.h"

#include <cli/namecommands.h>

using namespace Flotilla;
using namespace Flotilla::Testing;

class Tst_Invocation final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void globalOptionsBeforeOrAfterTheCommand();
    void finishesOnce();
    void endsTheOpenLineWhenDone();
    void usageErrorExitsTwo();
    void apiErrorExitsOne();
};

void Tst_Invocation::globalOptionsBeforeOrAfterTheCommand()
{
    CapturedOutput captured;
    Invocation invocation(captured.output());
    QCommandLineParser &global = invocation.globalParser();
    global.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    global.addOptions(Command::globalOptions());
    QVERIFY(global.parse({QStringLiteral("flotilla"), QStringLiteral("--server"), QStringLiteral("http://before"),
                          QStringLiteral("groups"), QStringLiteral("--output"), QStringLiteral("json")}));
    invocation.setGlobalParsed();
    const NameCommands groups(NameCommands::Names::Groups);
    QVERIFY(invocation.parseCommand(groups,
                                    {QStringLiteral("flotilla"), QStringLiteral("--output"), QStringLiteral("json")}));
    QCOMPARE(invocation.globalOption(QStringLiteral("server")),
             std::optional<QString>(QStringLiteral("http://before")));
    QCOMPARE(invocation.globalOption(QStringLiteral("output")), std::optional<QString>(QStringLiteral("json")));
    QCOMPARE(invocation.globalOption(QStringLiteral("profile")), std::nullopt);
    QVERIFY(invocation.positional().isEmpty());

    Invocation unknown(captured.output());
    QVERIFY(!unknown.parseCommand(groups, {QStringLiteral("flotilla"), QStringLiteral("--bogus")}));
    QVERIFY2(unknown.parser().errorText().contains(QStringLiteral("bogus")), qPrintable(unknown.parser().errorText()));
}

void Tst_Invocation::endsTheOpenLineWhenDone()
{
    CapturedOutput captured;
    Output output = captured.output();
    output.setTerminal(true);
    Invocation invocation(output);
    invocation.output().out(QStringLiteral("hi"));
    invocation.done();
    QCOMPARE(captured.out(), QStringLiteral("hi\n"));
}

void Tst_Invocation::finishesOnce()
{
    CapturedOutput captured;
    Invocation invocation(captured.output());
    QSignalSpy finished(&invocation, &Invocation::finished);
    QVERIFY(!invocation.isFinished());
    invocation.done(3);
    invocation.done(0);
    invocation.usageError(QStringLiteral("too late"));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toInt(), 3);
    QCOMPARE(invocation.exitCode(), 3);
    QCOMPARE(captured.err(), QStringLiteral("flotilla: too late\n")); // said, but the code stays
}

void Tst_Invocation::usageErrorExitsTwo()
{
    CapturedOutput captured;
    Invocation invocation(captured.output());
    invocation.usageError(QStringLiteral("--limit takes a whole number"));
    QCOMPARE(invocation.exitCode(), 2);
    QCOMPARE(captured.err(), QStringLiteral("flotilla: --limit takes a whole number\n"));
    QVERIFY(captured.out().isEmpty());
}

void Tst_Invocation::apiErrorExitsOne()
{
    CapturedOutput captured;
    Invocation invocation(captured.output());
    const ApiError error = ApiError::transport(QNetworkReply::ConnectionRefusedError, QStringLiteral("refused"));
    invocation.apiError(error);
    QCOMPARE(invocation.exitCode(), 1);
    QCOMPARE(captured.err(), QStringLiteral("flotilla: %1\n").arg(error.sentence()));
}

QTEST_GUILESS_MAIN(Tst_Invocation)
#include "tst_invocation.moc"
